use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_A2};
use crate::helpers::{TestApp, delete_race, send};

const NOT_FOUND: &str = r#"{"success":false,"message":"Social account not found"}"#;
const REMOVED_CMQI: &str = r#"[{"status":"PENDING","_count":3},{"status":"PUBLISHED","_count":1},{"status":"FAILED","_count":1}]"#;

fn count(app: &TestApp, sql: &str) -> i64 {
    app.db.count(sql)
}

fn deletes_account_and_links_keeps_posts(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.delete("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1).assert(
        200,
        &format!(r#"{{"success":true,"message":"Social account deleted successfully","data":{{"removedLinks":{REMOVED_CMQI}}}}}"#),
    );
    app.get("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1)
        .assert(404, NOT_FOUND);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM scheduled_posts"),
        6,
        "posts stay, even those left without an account"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM scheduled_post_accounts"),
        2,
        "only acc_b's and acc_other's links remain"
    );
    assert_eq!(app.db.orphan_links(), 0);
}

fn deleting_twice_is_not_found(backend: Backend) {
    let app = TestApp::spawn(backend);
    assert_eq!(app.delete("/social-account/acc_th", KEY_A1).status, 200);
    app.delete("/social-account/acc_th", KEY_A1)
        .assert(404, NOT_FOUND);
}

fn an_account_without_links_removes_none(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.delete("/social-account/acc_th", KEY_A1)
        .assert(200, r#"{"success":true,"message":"Social account deleted successfully","data":{"removedLinks":[]}}"#);
}

fn another_workspaces_account_is_untouched(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.delete("/social-account/acc_other", KEY_A1)
        .assert(404, NOT_FOUND);
    assert_eq!(app.get("/social-account/acc_other", KEY_A2).status, 200);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE social_account_id = 'acc_other'"
        ),
        1
    );
}

fn dry_run_reports_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.delete("/social-account/cmqi7jyir0003v0m91hxnyyaq?dryRun=true", KEY_A1).assert(
        200,
        &format!(r#"{{"success":true,"message":"Dry run: nothing was deleted","data":{{"removedLinks":{REMOVED_CMQI}}}}}"#),
    );
    assert_eq!(
        app.get("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1)
            .status,
        200
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM scheduled_post_accounts"),
        7
    );
    app.delete("/social-account/acc_other?dryRun=true", KEY_A1)
        .assert(404, NOT_FOUND);
    app.delete("/social-account/acc_th?dryRun=maybe", KEY_A1)
        .assert(
            400,
            r#"{"success":false,"message":"dryRun must be true or false"}"#,
        );
    assert_eq!(
        app.get("/social-account/acc_th", KEY_A1).status,
        200,
        "a bad dryRun deletes nothing"
    );
}

fn concurrent_deletes_one_wins(backend: Backend) {
    let app = TestApp::spawn(backend);
    let addr = app.addr;
    let statuses = delete_race(&[addr], 100, "cmqi7jyir0003v0m91hxnyyaq", KEY_A1);
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [200, 404, 400].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE social_account_id = 'cmqi7jyir0003v0m91hxnyyaq'"
        ),
        0
    );
}

fn reads_racing_a_delete_see_all_or_nothing(backend: Backend) {
    let app = TestApp::spawn(backend);
    let addr = app.addr;
    let path = "/social-account/cmqi7jyir0003v0m91hxnyyaq";
    let bodies: Vec<(u16, String)> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(move || {
                    (0..25)
                        .map(|_| {
                            let r = send(addr, "GET", path, &[("embed-api-key", KEY_A1)]);
                            (r.status, r.body)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let deleted = send(addr, "DELETE", path, &[("embed-api-key", KEY_A1)]);
        assert_eq!(deleted.status, 200);
        readers
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    assert_eq!(bodies.len(), 200);
    let usage = format!(r#""usage":{REMOVED_CMQI}}}}}"#);
    for (status, body) in bodies {
        match status {
            200 => assert!(
                body.ends_with(&usage),
                "a read saw a partial account: {body}"
            ),
            404 => assert_eq!(body, NOT_FOUND),
            other => panic!("{other}: {body}"),
        }
    }
}

/// A failure in the middle of the delete (a trigger refuses to remove one link) leaves the
/// account and every link as they were.
fn a_failed_delete_changes_nothing(backend: Backend) {
    use diesel::connection::SimpleConnection;

    let app = TestApp::spawn(backend);
    let inject = match backend {
        Backend::Sqlite => {
            "CREATE TRIGGER injected BEFORE DELETE ON scheduled_post_accounts \
             WHEN OLD.scheduled_post_id = 'p4' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        }
        Backend::Postgres => {
            "CREATE FUNCTION injected() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER injected BEFORE DELETE ON scheduled_post_accounts FOR EACH ROW \
             WHEN (OLD.scheduled_post_id = 'p4') EXECUTE FUNCTION injected();"
        }
    };
    app.db.connect().batch_execute(inject).unwrap();
    let before = app.get("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1);
    assert_eq!(before.status, 200);
    app.request("DELETE", "/social-account/cmqi7jyir0003v0m91hxnyyaq", &[("embed-api-key", KEY_A1), ("x-request-id", "req-injected")])
        .assert(500, r#"{"success":false,"message":"Error deleting Social Account","error":"database error: query failed (request id req-injected)"}"#);
    let after = app.get("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1);
    assert_eq!((after.status, after.body), (200, before.body));
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM scheduled_post_accounts"),
        7
    );
}

fn delete_failure_is_the_500_envelope(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.break_accounts_table();
    app.request("DELETE", "/social-account/acc_b", &[("embed-api-key", KEY_A1), ("x-request-id", "req-delete-500")]).assert(
        500,
        r#"{"success":false,"message":"Error deleting Social Account","error":"database error: query failed (request id req-delete-500)"}"#,
    );
}

social_accounts_storage::on_both_backends!(
    deletes_account_and_links_keeps_posts,
    deleting_twice_is_not_found,
    an_account_without_links_removes_none,
    another_workspaces_account_is_untouched,
    dry_run_reports_and_changes_nothing,
    concurrent_deletes_one_wins,
    reads_racing_a_delete_see_all_or_nothing,
    a_failed_delete_changes_nothing,
    delete_failure_is_the_500_envelope,
);

/// The contract's 400: a delete that saw the account but lost it to a concurrent delete before
/// its own DELETE ran. PostgreSQL only: under READ COMMITTED the loser's existence check runs
/// while the winner's delete is uncommitted, then its DELETE waits on the row lock and finds
/// nothing. SQLite's `BEGIN IMMEDIATE` makes the check and the delete one critical section, so
/// there the loser gets a 404 (see `concurrent_deletes_one_wins`).
#[test]
fn a_delete_that_loses_the_race_is_400() {
    use diesel::connection::SimpleConnection;

    let app = TestApp::spawn(Backend::Postgres);
    let mut winner = app.db.connect();
    winner
        .batch_execute("BEGIN; DELETE FROM social_accounts WHERE id = 'acc_b';")
        .unwrap();
    let addr = app.addr;
    let loser = std::thread::spawn(move || {
        send(
            addr,
            "DELETE",
            "/social-account/acc_b",
            &[("embed-api-key", KEY_A1)],
        )
    });
    // Wait until the loser's DELETE is blocked on the winner's row lock.
    let mut blocked = false;
    for _ in 0..200 {
        if count(
            &app,
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
        ) > 0
        {
            blocked = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(blocked, "the second delete never waited on the first");
    winner.batch_execute("COMMIT").unwrap();
    let response = loser
        .join()
        .unwrap_or_else(|_| panic!("request thread panicked"));
    response.assert(
        400,
        r#"{"success":false,"message":"Failed to delete social account"}"#,
    );
    app.delete("/social-account/acc_b", KEY_A1)
        .assert(404, NOT_FOUND);
}
