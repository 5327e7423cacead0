//! Real responses, validated against the `/openapi.json` the same server serves: a view and its
//! schema cannot disagree (every object schema is closed, so an extra field fails too).

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_FREE, LINKEDIN};
use crate::helpers::schema::{schema_of, violations};
use crate::helpers::{Response, TestApp, draft};

#[track_caller]
fn conforms(doc: &Value, path: &str, method: &str, response: &Response) {
    crate::helpers::schema::conforms(doc, path, method, response);
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
    app.break_accounts_table();
    conforms(
        &doc,
        "/social-account",
        "get",
        &app.get("/social-account", KEY_A1),
    );
    conforms(&doc, "/readyz", "get", &app.request("GET", "/readyz", &[]));
}

/// Every Schedule API route and `GET /`, answering each documented status they can answer
/// here, with the contract's platforms and with all six (their settings objects and caption
/// keys are part of the document then).
fn schedule_responses_match_their_schemas(backend: Backend) {
    for platforms in [
        None,
        Some("linkedin,instagram,tiktok,threads,facebook,pinterest"),
    ] {
        let app = match platforms {
            None => TestApp::with_schedule(backend),
            Some(list) => {
                let app =
                    TestApp::builder(social_accounts_storage::testing::TestDb::migrated(backend))
                        .platforms(social_accounts_domain::Platforms::parse(list).unwrap())
                        .start();
                app.seed(crate::fixtures::WORLD);
                app.seed(crate::fixtures::SCHEDULE);
                app
            }
        };
        let doc = app.request("GET", "/openapi.json", &[]).json();
        let (list, item) = ("/schedule", "/schedule/{id}");
        let mut full = draft();
        full["designId"] = json!("d1");
        full["postContent"]["linkedin"] = json!("For #LinkedIn");
        let created = app.create_post(&full);
        conforms(&doc, list, "post", &created);
        let id = created.json()["data"]["id"].as_str().unwrap().to_owned();
        let path = format!("/schedule/{id}");
        let refused = json!({"status": "SCHEDULED", "scheduledAt": "2000-01-01T00:00:00Z",
            "postContent": {"common": "x"}, "selectedAccounts": [LINKEDIN]});
        conforms(&doc, list, "post", &app.create_post(&refused));
        conforms(
            &doc,
            list,
            "post",
            &app.create_post(&json!({"status": "LATER"})),
        );
        let week = "/schedule?fromDate=2099-06-01&toDate=2099-07-01";
        conforms(&doc, list, "get", &app.get(week, KEY_A1));
        conforms(&doc, list, "get", &app.get("/schedule?fromDate=x", KEY_A1));
        conforms(&doc, item, "get", &app.get(&path, KEY_A1));
        conforms(&doc, item, "get", &app.get("/schedule/nope", KEY_A1));
        conforms(&doc, item, "get", &app.get("/schedule/", KEY_A1));
        let replaced = app.send_json("PUT", &path, KEY_A1, &draft().to_string());
        conforms(&doc, item, "put", &replaced);
        let put = |path: &str, body: &Value| app.send_json("PUT", path, KEY_A1, &body.to_string());
        conforms(&doc, item, "put", &put(&path, &refused));
        conforms(&doc, item, "put", &put("/schedule/nope", &draft()));
        conforms(&doc, item, "put", &put(&path, &json!({"status": 1})));
        conforms(&doc, item, "delete", &app.delete(&path, KEY_A1));
        conforms(&doc, item, "delete", &app.delete(&path, KEY_A1));
        conforms(&doc, "/", "get", &app.get("/", KEY_A1));
        conforms(&doc, "/", "get", &app.request("GET", "/", &[]));
        conforms(&doc, list, "get", &app.get(week, KEY_FREE));
    }
}

/// The post's schema is as exact as the account's: a settings object the served platforms do
/// not show, or one left out, is refused.
fn the_post_schema_is_closed_and_exact(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let doc = app.request("GET", "/openapi.json", &[]).json();
    let id = app.created_id(&draft());
    let schema = schema_of(&doc, "/schedule/{id}", "get", 200, "application/json").unwrap();
    let good = app.get(&format!("/schedule/{id}"), KEY_A1).json();
    assert_eq!(violations(&schema, &good), Vec::<String>::new());
    let mut extra = good.clone();
    extra["data"]["facebookPostSettings"] = Value::Null;
    let mut missing = good.clone();
    missing["data"]
        .as_object_mut()
        .unwrap()
        .remove("threadsPostSettings");
    let mut bad_caption = good;
    bad_caption["data"]["postContents"][0]["platform"] = json!("pinterest");
    for broken in [extra, missing, bad_caption] {
        assert!(
            !violations(&schema, &broken).is_empty(),
            "accepted {broken}"
        );
    }
}

/// The check can fail: a body with an unknown field, a missing one or a value outside an
/// enumeration is refused.
fn the_schemas_are_closed_and_exact(backend: Backend) {
    let app = TestApp::spawn(backend);
    let doc = app.request("GET", "/openapi.json", &[]).json();
    let schema = schema_of(&doc, "/social-account", "get", 200, "application/json").unwrap();
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
    schedule_responses_match_their_schemas,
    the_post_schema_is_closed_and_exact,
);
