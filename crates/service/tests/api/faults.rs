//! Database faults, several instances, shutdown under load.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use social_accounts_domain::repository::KeyRepository;
use social_accounts_domain::{ApiKeySecret, Timestamp};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, DatabaseUrl};

use crate::fixtures::{KEY_A1, WORLD};
use crate::helpers::{TestApp, send};

fn admin_connection(db: &TestDb) -> (social_accounts_storage::DbConnection, String) {
    let DatabaseUrl::Postgres(url) = db.url() else {
        panic!("not PostgreSQL")
    };
    let (base, name) = url.rsplit_once('/').unwrap_or_else(|| panic!("bad url"));
    let admin =
        social_accounts_storage::connect(&DatabaseUrl::Postgres(format!("{base}/postgres")))
            .unwrap_or_else(|e| panic!("{e}"));
    (admin, name.to_owned())
}

/// Every server connection cut (as by a PostgreSQL restart): requests fail fast with the 500
/// envelope, and the service recovers by itself within 5 s, without a restart.
#[test]
fn recovers_after_the_database_cuts_every_connection() {
    let app = TestApp::spawn(Backend::Postgres);
    assert_eq!(app.get("/social-account", KEY_A1).status, 200);
    let (mut admin, name) = admin_connection(&app.db);
    admin
        .batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
    let cut = Instant::now();
    let mut statuses = Vec::new();
    loop {
        let started = Instant::now();
        let response = app.get("/social-account", KEY_A1);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "a request took {:?}",
            started.elapsed()
        );
        statuses.push(response.status);
        if response.status == 200 {
            break;
        }
        assert_eq!(response.status, 500, "{}", response.body);
        assert!(response.body.starts_with(
            r#"{"success":false,"message":"Error fetching Social Accounts","error":"#
        ));
        assert!(
            cut.elapsed() < Duration::from_secs(5),
            "no recovery after 5 s: {statuses:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(cut.elapsed() < Duration::from_secs(5));
}

/// Two service instances on one PostgreSQL database: a delete race has one winner across
/// both, and a revocation is seen by both.
#[test]
fn two_instances_on_one_database() {
    let first = TestApp::spawn(Backend::Postgres);
    let second = TestApp::with_store(
        TestDb::migrated(Backend::Sqlite), // placeholder database, not used for requests
        first.db.store(),
        Duration::ZERO,
    );
    let addrs = [first.addr, second.addr];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..60)
            .map(|i| {
                let addr = addrs[i % 2];
                scope.spawn(move || {
                    send(
                        addr,
                        "DELETE",
                        "/social-account/cmqi7jyir0003v0m91hxnyyaq",
                        &[("embed-api-key", KEY_A1)],
                    )
                    .status
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [200, 400, 404].contains(s)),
        "{statuses:?}"
    );

    let store = first.db.store();
    let hash = ApiKeySecret::parse(KEY_A1)
        .map(|k| k.hash())
        .unwrap_or_else(|e| panic!("{e}"));
    let key_id = store
        .find_key(&hash, Timestamp::now())
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("key"))
        .key_id;
    assert_eq!(store.revoke_key(&key_id, Timestamp::now()), Ok(true));
    assert_eq!(first.get("/social-account", KEY_A1).status, 401);
    assert_eq!(second.get("/social-account", KEY_A1).status, 401);
}

/// SIGTERM while requests are in flight: every request accepted before it completes, and the
/// process exits 0 within the shutdown timeout.
fn shutdown_lets_in_flight_requests_finish(backend: Backend) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let db = TestDb::migrated(backend);
    let url = match db.url() {
        DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
        DatabaseUrl::Postgres(url) => url.clone(),
    };
    let seed = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(seed.path(), WORLD).unwrap_or_else(|e| panic!("{e}"));
    let bin = env!("CARGO_BIN_EXE_social-accounts");
    let seeded = Command::new(bin)
        .args(["--database-url", &url, "seed", "--file"])
        .arg(seed.path())
        .env("TOKEN_ENCRYPTION_KEY", db.cipher_key())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let mut child = Command::new(bin)
        .args([
            "--database-url",
            &url,
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--shutdown-timeout-secs",
            "10",
        ])
        .env("TOKEN_ENCRYPTION_KEY", db.cipher_key())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let addr: std::net::SocketAddr = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            line.strip_prefix("social-accounts listening on http://")
                .and_then(|a| a.parse().ok())
        })
        .unwrap_or_else(|| panic!("serve printed no address"));

    // Hold a lock the requests will wait on, so they are in flight when SIGTERM arrives.
    let mut holder = db.connect();
    let (lock, method, paths) = match backend {
        Backend::Sqlite => (
            "BEGIN IMMEDIATE",
            "DELETE",
            [
                "/social-account/acc_b",
                "/social-account/acc_th",
                "/social-account/acc_ig",
            ],
        ),
        Backend::Postgres => (
            "BEGIN; LOCK TABLE social_accounts IN ACCESS EXCLUSIVE MODE",
            "GET",
            [
                "/social-account/acc_b",
                "/social-account/acc_th",
                "/social-account/acc_ig",
            ],
        ),
    };
    holder.batch_execute(lock).unwrap_or_else(|e| panic!("{e}"));
    let requests: Vec<_> = paths
        .into_iter()
        .map(|path| {
            std::thread::spawn(move || send(addr, method, path, &[("embed-api-key", KEY_A1)]))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    std::thread::sleep(Duration::from_millis(300));
    let stopping = Instant::now();
    holder
        .batch_execute(if backend == Backend::Sqlite {
            "ROLLBACK"
        } else {
            "COMMIT"
        })
        .unwrap_or_else(|e| panic!("{e}"));
    for request in requests {
        let response = request
            .join()
            .unwrap_or_else(|_| panic!("request thread panicked"));
        assert_eq!(response.status, 200, "{}", response.body);
    }
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(0));
    assert!(
        stopping.elapsed() < Duration::from_secs(10),
        "took {:?} to stop",
        stopping.elapsed()
    );
}

crate::on_both_backends!(shutdown_lets_in_flight_requests_finish);
