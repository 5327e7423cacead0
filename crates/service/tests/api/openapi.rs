//! Real responses, validated against the `/openapi.json` the same server serves: a view and its
//! schema cannot disagree (every object schema is closed, so an extra field fails too).

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_FREE};
use crate::helpers::{Response, TestApp};

/// The schema of one documented response, with the document's components beside it so its
/// `#/components/...` references resolve.
fn schema_of(doc: &Value, path: &str, method: &str, status: u16) -> Value {
    let escaped = path.replace('~', "~0").replace('/', "~1");
    let responses = format!("/paths/{escaped}/{method}/responses/{status}");
    let schema = doc
        .pointer(&format!("{responses}/content/application~1json/schema"))
        .unwrap_or_else(|| panic!("{method} {path} documents no JSON {status}"));
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    root
}

/// Every way `body` breaks `schema`, as text (empty: valid).
fn violations(schema: &Value, body: &Value) -> Vec<String> {
    let validator = jsonschema::draft202012::new(schema).unwrap();
    validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[track_caller]
fn conforms(doc: &Value, path: &str, method: &str, response: &Response) {
    let schema = schema_of(doc, path, method, response.status);
    let problems = violations(&schema, &response.json());
    assert!(
        problems.is_empty(),
        "{method} {path} {}: {problems:?}\n{}",
        response.status,
        response.body
    );
}

fn responses_match_their_schemas(backend: Backend) {
    let app = TestApp::spawn(backend);
    let doc = app.request("GET", "/openapi.json", &[]).json();
    let key = [("embed-api-key", KEY_A1)];
    let item = "/social-account/{id}";
    conforms(
        &doc,
        "/social-account",
        "get",
        &app.get("/social-account", KEY_A1),
    );
    conforms(
        &doc,
        "/social-account",
        "get",
        &app.request("GET", "/social-account", &[]),
    );
    conforms(
        &doc,
        "/social-account",
        "get",
        &app.get("/social-account", KEY_FREE),
    );
    conforms(
        &doc,
        item,
        "get",
        &app.get("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1),
    );
    conforms(
        &doc,
        item,
        "get",
        &app.get("/social-account/acc_ig", KEY_A1),
    );
    conforms(&doc, item, "get", &app.get("/social-account/nope", KEY_A1));
    conforms(&doc, item, "get", &app.get("/social-account/%20", KEY_A1));
    conforms(
        &doc,
        item,
        "delete",
        &app.request("DELETE", "/social-account/acc_b", &key),
    );
    conforms(
        &doc,
        item,
        "delete",
        &app.request("DELETE", "/social-account/acc_b", &key),
    );
    conforms(
        &doc,
        "/healthz",
        "get",
        &app.request("GET", "/healthz", &[]),
    );
    conforms(&doc, "/readyz", "get", &app.request("GET", "/readyz", &[]));
    crate::accounts_read::break_accounts_table(&app);
    conforms(
        &doc,
        "/social-account",
        "get",
        &app.get("/social-account", KEY_A1),
    );
    conforms(&doc, "/readyz", "get", &app.request("GET", "/readyz", &[]));
}

/// The check can fail: a body with an unknown field, a missing one or a value outside an
/// enumeration is refused.
fn the_schemas_are_closed_and_exact(backend: Backend) {
    let app = TestApp::spawn(backend);
    let doc = app.request("GET", "/openapi.json", &[]).json();
    let schema = schema_of(&doc, "/social-account", "get", 200);
    let good = app.get("/social-account", KEY_A1).json();
    assert_eq!(violations(&schema, &good), Vec::<String>::new());

    let mut extra = good.clone();
    extra["data"]["socialAccounts"]["linkedin"][0]["surprise"] = json!(1);
    let mut missing = good.clone();
    missing["data"]["socialAccounts"]["linkedin"][0]
        .as_object_mut()
        .unwrap()
        .remove("accountName");
    let mut unknown_platform = good.clone();
    unknown_platform["data"]["socialAccounts"]["facebook"] = json!([]);
    let mut bad_status = good;
    bad_status["data"]["socialAccounts"]["linkedin"][0]["accessTokenStatus"] = json!("paused");
    for broken in [extra, missing, unknown_platform, bad_status] {
        assert!(
            !violations(&schema, &broken).is_empty(),
            "accepted {broken}"
        );
    }
}

social_accounts_storage::on_both_backends!(
    responses_match_their_schemas,
    the_schemas_are_closed_and_exact,
);
