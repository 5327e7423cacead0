//! `social-accounts backup`: an online copy of a busy SQLite database, with its token key,
//! checked and restored into a fresh `serve`; on PostgreSQL, the way to `pg_dump`.

use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use diesel::connection::SimpleConnection;
use social_accounts_storage::testing::{ORPHAN_LINKS, count};
use social_accounts_storage::{DatabaseUrl, connect};

const BIN: &str = env!("CARGO_BIN_EXE_social-accounts");

fn run(database: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["--database-url", database])
        .args(args)
        .env_remove("TOKEN_ENCRYPTION_KEY")
        .env_remove("TOKEN_KEY_FILE")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Posts with links created and deleted, one transaction each, until `stop`.
fn write_until(database: &str, stop: &AtomicBool, written: &AtomicUsize) {
    let mut conn = connect(&DatabaseUrl::parse(database).unwrap()).unwrap();
    let mut i = 0usize;
    while !stop.load(Ordering::Relaxed) {
        let old = i.saturating_sub(3);
        conn.batch_execute(&format!(
            "BEGIN IMMEDIATE; \
             INSERT INTO scheduled_posts (id, workspace_id, status, created_at) \
                 VALUES ('load{i}', 'ws_a1', 'DRAFT', '2026-01-01 00:00:00'); \
             INSERT INTO scheduled_post_accounts (scheduled_post_id, social_account_id, status) \
                 VALUES ('load{i}', 'cmqi7jyir0003v0m91hxnyyaq', 'DRAFT'); \
             DELETE FROM scheduled_posts WHERE id = 'load{old}' AND {i} >= 3; \
             COMMIT;"
        ))
        .unwrap();
        i += 1;
        written.store(i, Ordering::Relaxed);
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
    let written = AtomicUsize::new(0);
    let backed_up = std::thread::scope(|scope| {
        scope.spawn(|| write_until(&live, &stop, &written));
        while written.load(Ordering::Relaxed) < 20 {
            std::thread::yield_now();
        }
        let output = run(&live, &["backup", "--to", copy.to_str().unwrap()]);
        stop.store(true, Ordering::Relaxed);
        output
    });
    assert!(backed_up.status.success(), "{}", text(&backed_up.stderr));
    let said = text(&backed_up.stdout);
    assert!(
        said.contains(", integrity ok, migrations up to 20261127000002\n"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "token key: copied to {}.key (mode 0600)",
            copy.display()
        )),
        "{said}"
    );

    // The copy is one consistent moment: its counts are those it reports, no link lost its
    // account or post, every usage counter equals a recount.
    let copy_url = format!("sqlite://{}", copy.display());
    let mut conn = connect(&DatabaseUrl::parse(&copy_url).unwrap()).unwrap();
    let posts = count(&mut conn, "SELECT COUNT(*) AS n FROM scheduled_posts");
    let links = count(
        &mut conn,
        "SELECT COUNT(*) AS n FROM scheduled_post_accounts",
    );
    assert!(
        said.contains(&format!(
            "5 social accounts, 0 designs, {posts} scheduled posts, {links} links"
        )),
        "{said}"
    );
    assert_eq!(count(&mut conn, ORPHAN_LINKS), 0);
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
    let mut serve = Command::new(BIN)
        .args([
            "--database-url",
            &copy_url,
            "serve",
            "--bind",
            "127.0.0.1:0",
        ])
        .env_remove("TOKEN_ENCRYPTION_KEY")
        .env_remove("TOKEN_KEY_FILE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let addr = crate::helpers::wait_for_address(serve.stdout.take().unwrap());
    let read = crate::helpers::send(
        addr,
        "GET",
        "/social-account/cmqi7jyir0003v0m91hxnyyaq",
        &[("embed-api-key", crate::fixtures::KEY_A1)],
    );
    let _ = serve.kill();
    let _ = serve.wait();
    assert_eq!(read.status, 200, "{}", read.body);

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
