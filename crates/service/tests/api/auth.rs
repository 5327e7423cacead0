use diesel::connection::SimpleConnection;
use social_accounts_domain::repository::KeyRepository;
use social_accounts_domain::{Actor, ApiKeySecret, KeyKind, Reach, Timestamp};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_A2, KEY_DOOMED, KEY_EMBED, KEY_FREE, KEY_NO_WS, KEY_PAID_ONLY};
use crate::helpers::TestApp;

const UNAUTHORIZED: &str = r#"{"status":false,"message":"Unauthorized"}"#;
const UNKNOWN_KEY: &str = r#"{"status":false,"message":"Unable to find embed details, please check your Embed API key and make sure to use the key for API."}"#;
const NO_WORKSPACE: &str = r#"{"status":false,"message":"Unable to find workspace details, please attach a workspace to this API key."}"#;
const NO_ORGANIZATION: &str =
    r#"{"status":false,"message":"Unable to find organization details."}"#;
const PLAN_REQUIRED: &str = r#"{"status":false,"message":"Embed API requires a paid main plan with the API Credits add-on, or an active Embed API subscription."}"#;

/// Every endpoint, with a path that would otherwise be a 404 or 422, so auth must win.
const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/social-account"),
    ("GET", "/social-account/acc_other"),
    ("GET", "/social-account/"),
    ("DELETE", "/social-account/does-not-exist"),
    ("DELETE", "/social-account/%20"),
    ("GET", "/social-account/..%2F..%2Fetc%2Fpasswd"),
    // No body and no dates: each would be a 422 after authentication.
    ("POST", "/schedule"),
    ("GET", "/schedule"),
    ("GET", "/schedule/nope"),
    ("GET", "/schedule/"),
    ("PUT", "/schedule/nope"),
    ("PUT", "/schedule/"),
    ("DELETE", "/schedule/%20"),
    ("DELETE", "/schedule/"),
    ("GET", "/"),
];

fn every_endpoint(app: &TestApp, headers: &[(&str, &str)], status: u16, body: &str) {
    for (method, path) in ENDPOINTS {
        let response = app.request(method, path, headers);
        assert_eq!(
            (response.status, response.body.as_str()),
            (status, body),
            "{method} {path} with {headers:?}"
        );
    }
}

fn no_key_is_unauthorized(backend: Backend) {
    let app = TestApp::spawn(backend);
    every_endpoint(&app, &[], 401, UNAUTHORIZED);
    every_endpoint(&app, &[("embed-api-key", "")], 401, UNAUTHORIZED);
    every_endpoint(&app, &[("embed-api-key", "   ")], 401, UNAUTHORIZED);
    every_endpoint(&app, &[("authorization", "Bearer ")], 401, UNAUTHORIZED);
}

fn unknown_malformed_and_revoked_keys_look_alike(backend: Backend) {
    let app = TestApp::spawn(backend);
    let long = "k".repeat(300);
    for key in [
        "key-unknown-000000",
        "short",
        long.as_str(),
        "key with spaces inside",
    ] {
        every_endpoint(&app, &[("embed-api-key", key)], 401, UNKNOWN_KEY);
    }
    let store = app.db.store();
    let key_id = crate::helpers::key_id(&store, KEY_A1);
    let revoked = store.revoke_key(&Reach::Instance, &key_id, &Actor::cli(), Timestamp::now());
    assert!(matches!(revoked, Ok(Some(_))), "{revoked:?}");
    every_endpoint(&app, &[("embed-api-key", KEY_A1)], 401, UNKNOWN_KEY);
}

fn both_headers_are_accepted(backend: Backend) {
    let app = TestApp::spawn(backend);
    for headers in [
        [("embed-api-key", KEY_A1)],
        [("authorization", KEY_A1)],
        [("Authorization", &*format!("Bearer {KEY_A1}"))],
        [("authorization", &*format!("bearer {KEY_A1}"))],
    ] {
        assert_eq!(
            app.request("GET", "/social-account", &headers).status,
            200,
            "{headers:?}"
        );
    }
    // embed-api-key wins when both are sent.
    let response = app.request(
        "GET",
        "/social-account",
        &[
            ("embed-api-key", KEY_A1),
            ("authorization", "Bearer key-unknown-000000"),
        ],
    );
    assert_eq!(response.status, 200);
}

fn a_key_without_workspace_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend);
    every_endpoint(&app, &[("embed-api-key", KEY_NO_WS)], 401, NO_WORKSPACE);
}

fn a_key_whose_organization_is_gone_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.db
        .connect()
        .batch_execute("DELETE FROM organizations WHERE id = 'org_doomed'")
        .unwrap();
    every_endpoint(&app, &[("embed-api-key", KEY_DOOMED)], 401, NO_ORGANIZATION);
}

fn organizations_must_qualify(backend: Backend) {
    let app = TestApp::spawn(backend);
    every_endpoint(&app, &[("embed-api-key", KEY_FREE)], 402, PLAN_REQUIRED);
    every_endpoint(
        &app,
        &[("embed-api-key", KEY_PAID_ONLY)],
        402,
        PLAN_REQUIRED,
    );
    assert_eq!(
        app.get("/social-account", KEY_EMBED).status,
        200,
        "an active Embed subscription qualifies"
    );
}

fn last_use_is_recorded(backend: Backend) {
    let app = TestApp::spawn(backend);
    let hash = ApiKeySecret::parse(KEY_A1).map(|k| k.hash()).unwrap();
    let before = app
        .db
        .store()
        .find_key(&hash, Timestamp::now())
        .ok()
        .flatten()
        .and_then(|r| r.last_used_at);
    assert_eq!(before, None);
    assert_eq!(app.get("/social-account", KEY_A1).status, 200);
    let after = app
        .db
        .store()
        .find_key(&hash, Timestamp::now())
        .ok()
        .flatten()
        .and_then(|r| r.last_used_at);
    assert!(after.is_some());
}

fn cached_keys_see_revocation_within_the_ttl(backend: Backend) {
    let ttl = std::time::Duration::from_secs(2);
    let clock = crate::helpers::ManualClock::new();
    let app = TestApp::builder(social_accounts_storage::testing::TestDb::migrated(backend))
        .key_cache(ttl)
        .clock(clock.clone())
        .start();
    app.seed(crate::fixtures::WORLD);
    assert_eq!(app.get("/social-account", KEY_A1).status, 200);
    let store = app.db.store();
    let key_id = crate::helpers::key_id(&store, KEY_A1);
    let revoked = store.revoke_key(&Reach::Instance, &key_id, &Actor::cli(), Timestamp::now());
    assert!(matches!(revoked, Ok(Some(_))), "{revoked:?}");
    // Within the bound the remembered key still works (the cache is really used) ...
    clock.advance(std::time::Duration::from_millis(1999));
    assert_eq!(app.get("/social-account", KEY_A1).status, 200);
    // ... and once it has passed, it does not.
    clock.advance(std::time::Duration::from_millis(1));
    every_endpoint(&app, &[("embed-api-key", KEY_A1)], 401, UNKNOWN_KEY);
}

/// Operator and publisher keys, of an organization or the instance, are unknown keys to the
/// Embed API: the contract stays byte-identical whatever the key table holds.
fn keys_of_other_kinds_look_unknown(backend: Backend) {
    let app = TestApp::spawn(backend);
    for kind in [KeyKind::Operator, KeyKind::Publisher] {
        for organization in [Some("org_a"), None] {
            let key = app.mint(kind, organization, None);
            let bearer = format!("Bearer {key}");
            every_endpoint(&app, &[("embed-api-key", &key)], 401, UNKNOWN_KEY);
            every_endpoint(&app, &[("authorization", &bearer)], 401, UNKNOWN_KEY);
        }
    }
}

social_accounts_storage::on_both_backends!(
    keys_of_other_kinds_look_unknown,
    cached_keys_see_revocation_within_the_ttl,
    no_key_is_unauthorized,
    unknown_malformed_and_revoked_keys_look_alike,
    both_headers_are_accepted,
    a_key_without_workspace_is_refused,
    a_key_whose_organization_is_gone_is_refused,
    organizations_must_qualify,
    last_use_is_recorded,
);

#[test]
fn a_key_over_its_rate_gets_429() {
    let db = social_accounts_storage::testing::TestDb::migrated(Backend::Sqlite);
    let app = TestApp::builder(db).rate_limit(1, 3).start();
    app.seed(crate::fixtures::WORLD);
    for _ in 0..3 {
        assert_eq!(app.get("/social-account", KEY_A1).status, 200);
    }
    let limited = app.get("/social-account", KEY_A1);
    limited.assert(429, r#"{"success":false,"message":"Too many requests"}"#);
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_eq!(limited.header("ratelimit-limit"), Some("3"));
    assert_eq!(limited.header("ratelimit-remaining"), Some("0"));
    assert_eq!(limited.header("ratelimit-reset"), Some("1"));
    // Another key, health checks and key-less requests are not affected.
    assert_eq!(app.get("/social-account", KEY_A2).status, 200);
    assert_eq!(app.request("GET", "/healthz", &[]).status, 200);
    assert_eq!(app.request("GET", "/social-account", &[]).status, 401);
}
