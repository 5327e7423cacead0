//! Overload: every connection busy answers 503 with `Retry-After`, never a 500.

use diesel::connection::SimpleConnection;
use social_accounts_storage::Backend;

use crate::fixtures::KEY_A1;
use crate::helpers::TestApp;

/// Every connection busy for the whole wait (the database answers): 503 with `Retry-After`,
/// within the configured wait, not the 500 of a database that is down.
fn pool_exhaustion_is_503_with_retry_after(backend: Backend) {
    use social_accounts_storage::PoolOptions;

    let db = social_accounts_storage::testing::TestDb::migrated(backend);
    let wait = std::time::Duration::from_millis(300);
    let store = db.store_with(&PoolOptions {
        max_size: 1,
        connection_timeout: wait,
    });
    let app = TestApp::builder(db).store(store).start();
    app.seed(crate::fixtures::WORLD);
    // Another process holds the lock the only pooled connection will wait on.
    let mut holder = app.db.connect();
    let lock = match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN; LOCK TABLE social_accounts IN ACCESS EXCLUSIVE MODE",
    };
    holder.batch_execute(lock).unwrap();
    let addr = app.addr;
    let blocked = std::thread::spawn(move || {
        let method = if backend == Backend::Sqlite {
            "DELETE"
        } else {
            "GET"
        };
        crate::helpers::send(
            addr,
            method,
            "/social-account/acc_th",
            &[("embed-api-key", KEY_A1)],
        )
    });
    // Wait until the blocked request holds the only connection.
    let mut overloaded = None;
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let started = std::time::Instant::now();
        let response = app.get("/social-account/acc_b", KEY_A1);
        if response.status == 503 {
            overloaded = Some((response, started.elapsed()));
            break;
        }
    }
    let (response, took) = overloaded.expect("never saw the pool exhausted");
    response.assert(
        503,
        r#"{"success":false,"message":"Service busy, please retry shortly"}"#,
    );
    assert_eq!(response.header("retry-after"), Some("1"));
    eprintln!("pool exhausted ({backend:?}): 503 after {took:?} (wait {wait:?})");
    assert!(took < wait * 5, "answered after {took:?}");
    holder.batch_execute("ROLLBACK").unwrap();
    assert_eq!(blocked.join().map(|r| r.status).ok(), Some(200));
}

social_accounts_storage::on_both_backends!(pool_exhaustion_is_503_with_retry_after);
