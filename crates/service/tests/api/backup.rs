//! `social-accounts backup`: an online copy of a busy SQLite database, with its token key,
//! checked and restored into a fresh `serve`; on PostgreSQL, the way to `pg_dump`.

use std::process::Output;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use diesel::connection::SimpleConnection;
use social_accounts_storage::testing::{ORPHAN_LINKS, count};
use social_accounts_storage::{DatabaseUrl, connect};

use crate::helpers::{run_binary, text};

/// On SQLite without a key setting: the key file beside the database is the key.
fn run(database: &str, args: &[&str]) -> Output {
    run_binary(database, args, &[])
}

/// What the source held as one write committed: (accounts, posts, links).
type Counts = (i64, i64, i64);

fn counts(conn: &mut social_accounts_storage::DbConnection) -> Counts {
    (
        count(conn, "SELECT COUNT(*) AS n FROM social_accounts"),
        count(conn, "SELECT COUNT(*) AS n FROM scheduled_posts"),
        count(conn, "SELECT COUNT(*) AS n FROM scheduled_post_accounts"),
    )
}

/// One transaction per step until `stop`: connect an account, schedule a post to it and to a
/// fixture account, disconnect the account connected three steps before (its link goes, its
/// post stays). Each step records the source's counts inside its transaction, so `states[k]`
/// is the source after step k; the post count grows by one a step and names the step.
fn write_until(database: &str, stop: &AtomicBool, states: &Mutex<Vec<Counts>>) {
    let mut conn = connect(&DatabaseUrl::parse(database).unwrap()).unwrap();
    let mut i = 0usize;
    while !stop.load(Ordering::Relaxed) {
        let old = i.wrapping_sub(3);
        conn.batch_execute(&format!(
            "BEGIN IMMEDIATE; \
             INSERT INTO social_accounts (id, organization_id, workspace_id, platform_type, \
                 account_handle, account_type, account_name, access_token_status, \
                 access_token_ciphertext, created_at, updated_at) \
                 VALUES ('load_acc{i}', 'org_a', 'ws_a1', 'linkedin', 'load{i}', 'personal', \
                 'Load {i}', 'active', x'00', '2026-01-01 00:00:00', '2026-01-01 00:00:00'); \
             INSERT INTO scheduled_posts (id, workspace_id, status, created_at) \
                 VALUES ('load{i}', 'ws_a1', 'DRAFT', '2026-01-01 00:00:00'); \
             INSERT INTO scheduled_post_accounts (scheduled_post_id, social_account_id, status) \
                 VALUES ('load{i}', 'load_acc{i}', 'DRAFT'), \
                        ('load{i}', 'cmqi7jyir0003v0m91hxnyyaq', 'DRAFT'); \
             DELETE FROM social_accounts WHERE id = 'load_acc{old}';"
        ))
        .unwrap();
        let now = counts(&mut conn);
        conn.batch_execute("COMMIT").unwrap();
        states.lock().unwrap().push(now);
        i += 1;
    }
}

#[test]
fn backup_copies_a_busy_database_and_its_key_and_the_copy_serves() {
    let dir = tempfile::tempdir().unwrap();
    let live = format!("sqlite://{}", dir.path().join("live.db").display());
    let seed = dir.path().join("seed.json");
    std::fs::write(&seed, crate::fixtures::WORLD).unwrap();
    let seeded = run(&live, &["seed", "--file", seed.to_str().unwrap()]);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));

    let copy = dir.path().join("copy.db");
    let stop = AtomicBool::new(false);
    let states = Mutex::new(Vec::new());
    let steps = || states.lock().unwrap().len();
    let (backed_up, begun, ended) = std::thread::scope(|scope| {
        scope.spawn(|| write_until(&live, &stop, &states));
        while steps() < 20 {
            std::thread::yield_now();
        }
        let begun = steps();
        let output = run(&live, &["backup", "--to", copy.to_str().unwrap()]);
        let ended = steps();
        stop.store(true, Ordering::Relaxed);
        (output, begun, ended)
    });
    assert!(backed_up.status.success(), "{}", text(&backed_up.stderr));
    let said = text(&backed_up.stdout);
    assert!(
        said.contains(", integrity ok, migrations up to 20261205000000\n"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "token key: copied to {}.key (mode 0600)",
            copy.display()
        )),
        "{said}"
    );

    // The copy is the source at one moment during the backup: its counts are those the source
    // had as one of the steps committed while `backup` ran (a step commits before it is
    // recorded, hence the one step of slack at the start), and those the backup reports.
    assert!(
        ended > begun,
        "no write committed while backup ran ({begun} steps)"
    );
    let copy_url = format!("sqlite://{}", copy.display());
    let mut conn = connect(&DatabaseUrl::parse(&copy_url).unwrap()).unwrap();
    let copied = counts(&mut conn);
    let states = states.into_inner().unwrap();
    let moment = states
        .iter()
        .position(|state| *state == copied)
        .unwrap_or_else(|| panic!("the copy's counts {copied:?} are no state of the source"));
    assert!(
        (begun.saturating_sub(1)..=ended).contains(&moment),
        "the copy is the source after step {moment}, outside the backup ({begun}..={ended})"
    );
    let (accounts, posts, links) = copied;
    // Shown with --nocapture: how busy the source was around the copy.
    eprintln!(
        "backup under load: steps {begun}..={ended} committed while it ran; the copy is the \
         source after step {moment}: {accounts} accounts, {posts} posts, {links} links"
    );
    assert!(
        said.contains(&format!(
            "{accounts} social accounts, 0 designs, {posts} scheduled posts, {links} links"
        )),
        "{said}"
    );
    assert_eq!(count(&mut conn, ORPHAN_LINKS), 0);
    let a1_accounts = count(
        &mut conn,
        "SELECT COUNT(*) AS n FROM social_accounts WHERE workspace_id = 'ws_a1'",
    );
    drop(conn);
    let doctor = run(&copy_url, &["doctor"]);
    assert!(doctor.status.success(), "{}", text(&doctor.stdout));

    // The key came along, private, and the copy serves with it.
    let key_copy = dir.path().join("copy.db.key");
    assert_eq!(
        std::fs::read_to_string(&key_copy).unwrap(),
        std::fs::read_to_string(dir.path().join("live.db.key")).unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (read, list) = serve_copy(&copy_url);
    assert_eq!(read.status, 200, "{}", read.body);
    // The restored copy serves every account of the workspace the load wrote to.
    assert_eq!(list.status, 200, "{}", list.body);
    let listed: usize = list.json()["data"]["socialAccounts"]
        .as_object()
        .unwrap()
        .values()
        .map(|accounts| accounts.as_array().unwrap().len())
        .sum();
    assert_eq!(i64::try_from(listed).unwrap(), a1_accounts);

    // A backup never overwrites.
    let again = run(&live, &["backup", "--to", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists; a backup never overwrites a file"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn backup_on_postgresql_names_pg_dump_and_hides_the_password() {
    let refused = run(
        "postgres://operator:hunter2@127.0.0.1:5432/social",
        &["backup", "--to", "social.dump"],
    );
    assert_eq!(refused.status.code(), Some(1));
    let error = text(&refused.stderr);
    assert!(
        error.contains("for PostgreSQL use pg_dump, for example: pg_dump --format=custom --file social.dump 'postgres://operator:"),
        "{error}"
    );
    assert!(!error.contains("hunter2"), "{error}");
}

/// Serves a restored copy (with the key file beside it) and reads one account and the list
/// of workspace `ws_a1`.
fn serve_copy(copy_url: &str) -> (crate::helpers::Response, crate::helpers::Response) {
    let serve = crate::helpers::ServeProcess::start(copy_url, &[], &[]);
    let addr = serve.addr;
    let read = crate::helpers::send(
        addr,
        "GET",
        "/social-account/cmqi7jyir0003v0m91hxnyyaq",
        &[("embed-api-key", crate::fixtures::KEY_A1)],
    );
    let list = crate::helpers::send(
        addr,
        "GET",
        "/social-account",
        &[("embed-api-key", crate::fixtures::KEY_A1)],
    );
    (read, list)
}
