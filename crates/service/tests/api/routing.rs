use diesel::connection::SimpleConnection;
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, SECRETS};
use crate::helpers::TestApp;

const ID_REQUIRED: &str = r#"{"status":false,"message":"Social account id is required"}"#;
const NOT_FOUND: &str = r#"{"success":false,"message":"Social account not found"}"#;

fn blank_ids_are_required(backend: Backend) {
    let app = TestApp::spawn(backend);
    for path in [
        "/social-account/",
        "/social-account/%20",
        "/social-account/%20%20%09",
    ] {
        app.get(path, KEY_A1).assert(422, ID_REQUIRED);
        app.delete(path, KEY_A1).assert(422, ID_REQUIRED);
    }
}

fn hostile_ids_are_not_found(backend: Backend) {
    let app = TestApp::spawn(backend);
    let long = format!("/social-account/{}", "a".repeat(300));
    let very_long = format!("/social-account/{}", "%41".repeat(600));
    let paths = [
        long.as_str(),
        very_long.as_str(),
        "/social-account/acc_b%27%20OR%20%271%27%3D%271",
        "/social-account/acc_b%22",
        "/social-account/acc_b%00",
        "/social-account/..%2F..%2Fetc%2Fpasswd",
        "/social-account/%2E%2E",
        "/social-account/%F0%9F%98%80",
        "/social-account/%FF%FE",
        "/social-account/acc_b%2Facc_b",
    ];
    for path in paths {
        app.get(path, KEY_A1).assert(404, NOT_FOUND);
        app.delete(path, KEY_A1).assert(404, NOT_FOUND);
    }
    // Nothing was deleted by any of them.
    assert_eq!(app.get("/social-account/acc_b", KEY_A1).status, 200);
}

fn unknown_routes_and_methods_are_json(backend: Backend) {
    let app = TestApp::spawn(backend);
    // `/` is the key check now (schedule-api.md); its neighbours are still unknown.
    for path in [
        "/x",
        "/schedules",
        "/social-accounts",
        "/social-account/acc_b/extra",
        "/healthz/x",
    ] {
        app.get(path, KEY_A1)
            .assert(404, r#"{"success":false,"message":"Not found"}"#);
    }
    for (method, path, allow) in [
        ("POST", "/social-account", "GET"),
        ("DELETE", "/social-account", "GET"),
        ("PUT", "/social-account/acc_b", "GET, DELETE"),
        ("PATCH", "/social-account/acc_b", "GET, DELETE"),
        ("POST", "/", "GET"),
        ("DELETE", "/schedule", "POST, GET"),
        ("POST", "/schedule/p1", "GET, PUT, DELETE"),
        ("PATCH", "/schedule/", "GET, PUT, DELETE"),
    ] {
        let response = app.request(
            method,
            path,
            &[("embed-api-key", KEY_A1), ("content-length", "0")],
        );
        response.assert(405, r#"{"success":false,"message":"Method not allowed"}"#);
        assert_eq!(response.header("allow"), Some(allow), "{method} {path}");
    }
}

fn health_and_readiness(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.request("GET", "/healthz", &[])
        .assert(200, r#"{"status":"ok"}"#);
    app.request("GET", "/readyz", &[])
        .assert(200, r#"{"status":"ok"}"#);
}

fn no_secret_in_any_body(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut bodies = Vec::new();
    for path in [
        "/social-account",
        "/social-account/cmqi7jyir0003v0m91hxnyyaq",
        "/social-account/acc_b",
        "/social-account/nope",
    ] {
        bodies.push(app.get(path, KEY_A1).body);
    }
    bodies.push(
        app.delete(
            "/social-account/cmqi7jyir0003v0m91hxnyyaq?dryRun=true",
            KEY_A1,
        )
        .body,
    );
    bodies.push(
        app.delete("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1)
            .body,
    );
    bodies.push(app.get("/social-account", "key-unknown-000000").body);
    app.break_accounts_table();
    bodies.push(app.get("/social-account", KEY_A1).body);
    for body in &bodies {
        for secret in SECRETS {
            assert!(!body.contains(secret), "{secret} leaked in {body}");
        }
        for leak in ["SELECT", "social_accounts", "postgres://", "sqlite"] {
            assert!(!body.contains(leak), "{leak} leaked in {body}");
        }
    }
}

fn request_ids_are_kept_or_made(backend: Backend) {
    let app = TestApp::spawn(backend);
    let kept = app.request(
        "GET",
        "/social-account",
        &[("embed-api-key", KEY_A1), ("x-request-id", "client-id-42")],
    );
    assert_eq!(kept.header("x-request-id"), Some("client-id-42"));
    for bad in ["has spaces", "quote\"d", &"x".repeat(65)] {
        let made = app.request("GET", "/healthz", &[("x-request-id", bad)]);
        let id = made.header("x-request-id").unwrap_or_default();
        assert!(
            id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{bad:?} gave {id:?}"
        );
    }
    let first = app.request("GET", "/nowhere", &[]);
    let second = app.request("GET", "/nowhere", &[]);
    assert_ne!(first.header("x-request-id"), second.header("x-request-id"));
}

social_accounts_storage::on_both_backends!(
    request_ids_are_kept_or_made,
    blank_ids_are_required,
    hostile_ids_are_not_found,
    unknown_routes_and_methods_are_json,
    health_and_readiness,
    no_secret_in_any_body,
);

/// PostgreSQL only: an SQLite file cannot go away under an open connection the same way.
#[test]
fn readiness_fails_when_postgres_is_gone() {
    let app = TestApp::spawn(Backend::Postgres);
    let (mut admin, name) = app.db.admin();
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
    let timed = |method: &str, path: &str, headers: &[(&str, &str)]| {
        let started = std::time::Instant::now();
        let response = app.request(method, path, headers);
        let took = started.elapsed();
        eprintln!(
            "database dropped: {method} {path} -> {} in {took:?}",
            response.status
        );
        // DB_TIMEOUT_MS (2 s in tests) plus scheduling slack on a busy CI machine.
        assert!(
            took < std::time::Duration::from_secs(3),
            "{path} took {took:?}"
        );
        response
    };
    timed("GET", "/readyz", &[]).assert(
        503,
        r#"{"success":false,"message":"Service unavailable: the database is not answering"}"#,
    );
    timed("GET", "/healthz", &[]).assert(200, r#"{"status":"ok"}"#);
    timed("GET", "/social-account", &[("embed-api-key", KEY_A1), ("x-request-id", "req-db-gone")]).assert(
        500,
        r#"{"success":false,"message":"Error fetching Social Accounts","error":"database unavailable (request id req-db-gone)"}"#,
    );
}

#[test]
fn oversized_requests_are_refused_as_json() {
    let app = TestApp::builder(social_accounts_storage::testing::TestDb::migrated(
        Backend::Sqlite,
    ))
    .start();
    // An empty body is fine; a large one is refused from its headers, without being read.
    let empty = app.request("GET", "/healthz", &[("content-length", "0")]);
    assert_eq!(empty.status, 200);
    let big = app.request(
        "DELETE",
        "/social-account/acc_b",
        &[("embed-api-key", KEY_A1), ("content-length", "1048576")],
    );
    big.assert(
        413,
        r#"{"success":false,"message":"Request body too large"}"#,
    );
    let chunked = app.request(
        "GET",
        "/social-account",
        &[("transfer-encoding", "chunked")],
    );
    chunked.assert(
        413,
        r#"{"success":false,"message":"Request body too large"}"#,
    );
    let long_uri = format!("/social-account/{}", "a".repeat(3000));
    app.get(&long_uri, KEY_A1)
        .assert(414, r#"{"success":false,"message":"Request URI too long"}"#);
    let filler = "x".repeat(9000);
    app.request(
        "GET",
        "/social-account",
        &[("embed-api-key", KEY_A1), ("x-filler", &filler)],
    )
    .assert(
        431,
        r#"{"success":false,"message":"Request headers too large"}"#,
    );
}
