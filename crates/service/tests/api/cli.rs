//! The operator CLI, run as the real binary against each backend.

use std::process::{Command, Output};

use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::helpers::TestApp;

pub const BIN: &str = env!("CARGO_BIN_EXE_social-accounts");

pub fn run(db: &TestDb, args: &[&str]) -> Output {
    crate::helpers::run_binary(
        &db.url_arg(),
        args,
        &[("TOKEN_ENCRYPTION_KEY", db.cipher_key())],
    )
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn write_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn migrate_then_seed_then_serve(backend: Backend) {
    let db = TestDb::new(backend);
    let migrated = run(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    assert!(
        stdout(&migrated).contains("applied migration"),
        "{}",
        stdout(&migrated)
    );
    assert!(stdout(&run(&db, &["migrate"])).contains("no pending migrations"));

    let dir = tempfile::tempdir().unwrap();
    let file = write_file(&dir, "seed.json", crate::fixtures::WORLD);
    let seeded = run(&db, &["seed", "--file", &file, "--progress"]);
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    assert_eq!(
        stdout(&seeded).trim(),
        "Imported 5 organizations, 6 workspaces, 7 API keys, 5 social accounts, 0 designs, 6 scheduled posts, 7 links"
    );
    // Under a second: no progress line, even when asked for.
    assert_eq!(stderr(&seeded), "");
    let app = TestApp::builder(db).start();
    assert_eq!(
        app.get(
            "/social-account/cmqi7jyir0003v0m91hxnyyaq",
            crate::fixtures::KEY_A1
        )
        .status,
        200
    );
}

fn seed_is_all_or_nothing(backend: Backend) {
    let db = TestDb::migrated(backend);
    let dir = tempfile::tempdir().unwrap();
    // The fifth account names a workspace that exists nowhere: nothing before it may stay.
    let bad = crate::fixtures::WORLD.replace(
        r#""workspaceId": "ws_a2", "platformType": "tiktok""#,
        r#""workspaceId": "ws_nowhere", "platformType": "tiktok""#,
    );
    let file = write_file(&dir, "bad.json", &bad);
    let output = run(&db, &["seed", "--file", &file]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.contains("socialAccounts[4].workspaceId: no workspace \"ws_nowhere\""),
        "{error}"
    );
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(db.store().is_empty(), Ok(true));

    let typo = write_file(
        &dir,
        "typo.json",
        r#"{"organizations": [{"id": "o", "name": "n", "mainPlan": "paid", "apiCreditAddon": true}]}"#,
    );
    let output = run(&db, &["seed", "--file", &typo]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("organizations[0].apiCreditAddon: unknown field `apiCreditAddon`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(db.store().is_empty(), Ok(true));
}

fn minted_keys_work_until_revoked(backend: Backend) {
    let app = TestApp::spawn(backend);
    let created = run(
        &app.db,
        &[
            "keys",
            "create",
            "--organization",
            "org_a",
            "--workspace",
            "ws_a2",
            "--name",
            "ops",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let key = stdout(&created).trim().to_owned();
    assert!(key.starts_with("sak_") && key.len() == 42, "{key}");
    app.get("/social-account/acc_other", &key).assert(
        200,
        &app.get("/social-account/acc_other", crate::fixtures::KEY_A2)
            .body,
    );

    let listed = run(&app.db, &["keys", "list", "--organization", "org_a"]);
    let listing = stdout(&listed);
    assert!(listed.status.success());
    assert!(!listing.contains(&key), "keys list printed a key");
    assert!(listing.contains(&key[..12]), "{listing}");
    let key_id = listing
        .lines()
        .find(|l| l.contains(" ops "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("no ops key in {listing}"))
        .to_owned();

    let revoked = run(&app.db, &["keys", "revoke", &key_id]);
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    app.get("/social-account", &key).assert(
        401,
        r#"{"status":false,"message":"Unable to find embed details, please check your Embed API key and make sure to use the key for API."}"#,
    );
    let again = run(&app.db, &["keys", "revoke", &key_id]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("no active key"),
        "{}",
        stderr(&again)
    );
}

fn keys_create_explains_bad_owners(backend: Backend) {
    let app = TestApp::spawn(backend);
    let output = run(&app.db, &["keys", "create", "--organization", "org_nope"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no organization \"org_nope\""),
        "{}",
        stderr(&output)
    );
    let output = run(
        &app.db,
        &[
            "keys",
            "create",
            "--organization",
            "org_a",
            "--workspace",
            "ws_free",
        ],
    );
    assert!(
        stderr(&output).contains("belongs to another organization"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
}

fn keys_can_expire(backend: Backend) {
    let app = TestApp::spawn(backend);
    let created = run(
        &app.db,
        &[
            "keys",
            "create",
            "--organization",
            "org_a",
            "--workspace",
            "ws_a1",
            "--expires-in",
            "2s",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(
        stderr(&created).contains(", expires 20"),
        "{}",
        stderr(&created)
    );
    let key = stdout(&created).trim().to_owned();
    assert_eq!(app.get("/social-account", &key).status, 200);
    // The key was stored with an expiry exactly 2 s after its creation; rather than wait for
    // it, move both 2 s back (as time passing would) and see the key refused.
    let store = app.db.store();
    let id = crate::helpers::key_id(&store, &key);
    let keys = social_accounts_domain::repository::KeyRepository::list_keys(
        &store,
        &social_accounts_domain::Reach::Instance,
        &social_accounts_domain::OrganizationId::parse("org_a").unwrap(),
        &social_accounts_domain::PageRequest::default(),
    )
    .unwrap()
    .unwrap();
    let info = keys.items.iter().find(|k| k.id == id).unwrap();
    let lifetime = info.expires_at.unwrap().as_utc() - info.created_at.as_utc();
    assert_eq!(lifetime, chrono::TimeDelta::seconds(2));
    let backdate = match backend {
        Backend::Sqlite => "datetime(expires_at, '-3 seconds')",
        Backend::Postgres => "expires_at - interval '3 seconds'",
    };
    diesel::connection::SimpleConnection::batch_execute(
        &mut app.db.connect(),
        &format!("UPDATE api_keys SET expires_at = {backdate} WHERE id = '{id}'"),
    )
    .unwrap();
    app.get("/social-account", &key).assert(
        401,
        r#"{"status":false,"message":"Unable to find embed details, please check your Embed API key and make sure to use the key for API."}"#,
    );
    let bad = run(
        &app.db,
        &[
            "keys",
            "create",
            "--organization",
            "org_a",
            "--expires-in",
            "soon",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("--expires-in \"soon\""),
        "{}",
        stderr(&bad)
    );
}

/// `doctor` finds counters that differ from a recount (here changed behind the triggers' back),
/// names each, exits 1, and `--repair` puts them right.
fn doctor_finds_and_repairs_usage_drift(backend: Backend) {
    use diesel::connection::SimpleConnection;
    let db = TestDb::migrated(backend);
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(&dir, "seed.json", crate::fixtures::WORLD);
    assert!(run(&db, &["seed", "--file", &file]).status.success());

    let healthy = run(&db, &["doctor"]);
    assert!(healthy.status.success(), "{}", stderr(&healthy));
    assert_eq!(
        stdout(&healthy).trim(),
        "usage counters: 5 accounts checked, all equal to a recount of their links"
    );

    db.connect()
        .batch_execute(
            "UPDATE social_account_usage SET failed = 7 \
             WHERE social_account_id = 'cmqi7jyir0003v0m91hxnyyaq'; \
             DELETE FROM social_account_usage WHERE social_account_id = 'acc_other'",
        )
        .unwrap();
    let sick = run(&db, &["doctor"]);
    assert_eq!(sick.status.code(), Some(1));
    let listed = stdout(&sick);
    assert!(
        listed.contains(
            "account cmqi7jyir0003v0m91hxnyyaq: FAILED links counted 1, counter says 7\n"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("account acc_other: PENDING links counted 1, no counter row\n"),
        "{listed}"
    );
    assert!(
        stderr(&sick).contains("2 of 5 accounts' counters differ from a recount of their links; `social-accounts doctor --repair` rewrites them"),
        "{}",
        stderr(&sick)
    );

    let repaired = run(&db, &["doctor", "--repair"]);
    assert!(repaired.status.success(), "{}", stderr(&repaired));
    assert_eq!(
        stdout(&repaired).trim(),
        "usage counters: recounted, 2 accounts repaired"
    );
    assert_eq!(db.usage_drift(), []);
    assert!(run(&db, &["doctor"]).status.success());
}

/// A database a newer release migrated (a version this binary does not know) is refused by
/// every command that migrates, `serve` included, and left as it was.
fn a_newer_database_is_refused(backend: Backend) {
    use diesel::connection::SimpleConnection;
    let db = TestDb::migrated(backend);
    db.connect()
        .batch_execute("INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000000')")
        .unwrap();
    let expected = "the database has migrations this social-accounts does not know \
                    (29991231000000): a newer version wrote it";
    for args in [&["migrate"][..], &["serve", "--bind", "127.0.0.1:0"][..]] {
        let refused = run(&db, args);
        assert_eq!(refused.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&refused).contains(expected),
            "{args:?}: {}",
            stderr(&refused)
        );
    }
    assert_eq!(
        db.count(
            "SELECT COUNT(*) AS n FROM __diesel_schema_migrations WHERE version = '29991231000000'"
        ),
        1
    );
}

social_accounts_storage::on_both_backends!(
    a_newer_database_is_refused,
    doctor_finds_and_repairs_usage_drift,
    keys_can_expire,
    migrate_then_seed_then_serve,
    seed_is_all_or_nothing,
    minted_keys_work_until_revoked,
    keys_create_explains_bad_owners,
);

#[test]
fn bad_database_urls_are_refused_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .current_dir(dir.path())
        .args([
            "--database-url",
            "postgress://user:hunter2@localhost/db",
            "migrate",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(error.contains("unsupported database URL"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
    assert_eq!(
        std::fs::read_dir(dir.path()).map(Iterator::count).ok(),
        Some(0),
        "nothing may be created"
    );
}

/// Under systemd the log goes to the journal, which would keep colour codes verbatim.
#[test]
fn logs_off_a_terminal_have_no_colour_codes() {
    let db = TestDb::new(Backend::Sqlite);
    let log = crate::helpers::ServeProcess::start_logging(
        &db.url_arg(),
        &[],
        &[("TOKEN_ENCRYPTION_KEY", db.cipher_key())],
    )
    .stop_and_read_log();
    assert!(log.contains("server.listening"), "{log}");
    assert!(!log.contains('\u{1b}'), "{log:?}");
}
