//! Hostile and careless input to the operator API: huge bodies, other media types, broken
//! JSON, wrong types, unknown fields, bodies where none belongs, unknown routes and methods.
//! Each gets a clear 4xx problem and changes nothing.

use serde_json::json;
use social_accounts_storage::Backend;

use super::all_events;
use crate::helpers::{TestApp, invalid_fields, problem};

fn bad_input_is_refused_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let events = all_events(&operator).len();
    let path = "/organizations";
    let ok = json!({ "name": "Fine", "mainPlan": "free" }).to_string();

    // Over the body limit, declared: refused from the headers.
    let huge = format!(
        r#"{{"name":"{}","mainPlan":"free"}}"#,
        "x".repeat(300 * 1024)
    );
    problem(
        &operator.send_raw("POST", path, &[], Some(&huge)),
        413,
        "payload-too-large",
    );
    // Not JSON, or no media type at all.
    for media in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/jsonx",
    ] {
        let response = operator.send_raw("POST", path, &[("content-type", media)], Some(&ok));
        problem(&response, 415, "unsupported-media-type");
    }
    // A JSON media type with parameters is JSON.
    let charset = [("content-type", "application/json; charset=utf-8")];
    assert_eq!(
        operator.send_raw("POST", path, &charset, Some(&ok)).status,
        201
    );
    // Broken JSON, other JSON than an object, wrong types, unknown fields: every one named.
    for (body, fields) in [
        (r#"{"name":"#, vec![""]),
        ("", vec![""]),
        ("[1,2]", vec![""]),
        ("null", vec![""]),
        (r#""just a string""#, vec![""]),
        (
            r#"{"name":["a"],"mainPlan":true}"#,
            vec!["name", "mainPlan"],
        ),
        (
            r#"{"name":"n","mainPlan":"free","mainplan":"paid"}"#,
            vec!["mainplan"],
        ),
        (
            r#"{"name":"n","mainPlan":"free","apiCreditsAddon":"yes"}"#,
            vec!["apiCreditsAddon"],
        ),
        (
            r#"{"name":"n","mainPlan":"free","id":"has space"}"#,
            vec!["id"],
        ),
        (
            &format!("{}1{}", "[".repeat(200), "]".repeat(200)),
            vec![""],
        ),
    ] {
        let response = operator.send_raw("POST", path, &[], Some(body));
        assert_eq!(invalid_fields(&response), fields, "{body}");
    }
    // Every error message is there for each field.
    let several = operator.send("POST", path, &json!({ "name": 1, "extra": 2 }));
    let errors = several.json()["errors"].clone();
    assert_eq!(
        errors,
        json!([
            { "field": "name", "message": "must be a string" },
            { "field": "mainPlan", "message": "is required" },
            { "field": "extra", "message": "is not a field of this body" },
        ])
    );
    // A body where none belongs (a DELETE, a GET) is refused past a small size.
    let big = "x".repeat(4096);
    problem(
        &operator.send_raw("DELETE", "/social-accounts/acc_b", &[], Some(&big)),
        413,
        "payload-too-large",
    );
    // Routes and methods that do not exist.
    problem(&operator.get("/nothing-here"), 404, "not-found");
    problem(
        &operator.send_raw("PUT", "/organizations", &[], Some(&ok)),
        405,
        "method-not-allowed",
    );
    problem(
        &operator.delete("/organizations/org_a"),
        405,
        "method-not-allowed",
    );

    // Nothing changed but the one good request.
    let after = all_events(&operator);
    assert_eq!(after.len(), events + 1);
    assert_eq!(
        app.get("/social-account/acc_b", crate::fixtures::KEY_A1)
            .status,
        200
    );
    assert_eq!(app.db.count("SELECT COUNT(*) AS n FROM organizations"), 6);
}

fn the_rate_limit_answers_a_problem(backend: Backend) {
    let db = social_accounts_storage::testing::TestDb::migrated(backend);
    let app = TestApp::builder(db).rate_limit(1, 3).start();
    app.seed(crate::fixtures::WORLD);
    let operator = app.operator();
    for _ in 0..3 {
        assert_eq!(operator.get("/organizations").status, 200);
    }
    let limited = operator.get("/organizations");
    problem(&limited, 429, "rate-limited");
    assert!(limited.header("retry-after").is_some());
}

social_accounts_storage::on_both_backends!(
    bad_input_is_refused_and_changes_nothing,
    the_rate_limit_answers_a_problem,
);
