//! The Schedule API's contract rows (schedule-api.md), over HTTP on both backends: create,
//! read, list, replace, delete, the key check, and how posts and accounts affect each other.

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, LINKEDIN};
use crate::helpers::{TestApp, draft};

/// `body` without `key`, or with `key` set to `value`.
fn with(mut body: Value, key: &str, value: Value) -> Value {
    if value.is_null() && key.starts_with('-') {
        body.as_object_mut().unwrap().remove(&key[1..]);
    } else {
        body[key] = value;
    }
    body
}

fn post_created_exactly(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let body = json!({
        "status": "SCHEDULED",
        "scheduledAt": "2099-06-20T12:00:00+02:00",
        "designId": "d1",
        "postContent": { "linkedin": "For LinkedIn", "common": "Launch day #relaunch #Launch, #relaunch" },
        "selectedAccounts": [LINKEDIN, "acc_th", LINKEDIN],
        "linkedinPostSettings": { "postType": "document", "postTitle": "Quarterly results" },
        "threadsPostSettings": { "postType": "reel" },
    });
    let response = app.create_post(&body);
    let data = response.json()["data"].clone();
    let (id, created) = (
        data["id"].as_str().unwrap(),
        data["createdAt"].as_str().unwrap(),
    );
    assert_eq!(data["updatedAt"], data["createdAt"]);
    response.assert(
        200,
        &[
            r#"{"success":true,"message":"Scheduled post created","data":{"#,
            &format!(r#""id":"{id}","designId":"d1","labels":null,"status":"SCHEDULED","#),
            r#""scheduledFor":"2099-06-20T10:00:00.000Z","publishedAt":null,"errorMessage":null,"#,
            r#""postSettings":{"videoDuration":30},"instagramPostSettings":null,"#,
            r#""linkedinPostSettings":{"postType":"document","postTitle":"Quarterly results"},"#,
            r#""tiktokPostSettings":null,"threadsPostSettings":{"postType":"reel"},"#,
            r#""postContents":[{"platform":"common","text":"Launch day #relaunch #Launch, #relaunch","hashtags":["relaunch","Launch"]},"#,
            r#"{"platform":"linkedin","text":"For LinkedIn","hashtags":[]}],"#,
            r#""designDetails":{"id":"d1","name":"Q3 carousel","designType":"carousel","source":"editor"},"#,
            &format!(r#""socialAccounts":[{{"socialAccountId":"{LINKEDIN}","liveLink":null,"errorMessage":null,"status":"PENDING","publishedAt":null}},"#),
            r#"{"socialAccountId":"acc_th","liveLink":null,"errorMessage":null,"status":"PENDING","publishedAt":null}],"#,
            &format!(r#""createdAt":"{created}","updatedAt":"{created}"}}}}"#),
        ]
        .concat(),
    );
    // The read gives the same object.
    let read = app.get(&format!("/schedule/{id}"), KEY_A1);
    assert_eq!(read.status, 200);
    assert_eq!(read.json()["data"], data);
    assert!(read.body.starts_with(r#"{"success":true,"data":{"id":"#));
}

fn a_draft_links_as_draft(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let response = app.create_post(&draft());
    let data = response.json()["data"].clone();
    assert_eq!(data["status"], "DRAFT");
    assert_eq!(data["socialAccounts"][0]["status"], "DRAFT");
    assert_eq!(data["postSettings"], Value::Null, "no reel, no default");
    assert_eq!(data["designDetails"], Value::Null);
}

/// Each edge rule's exact 422, in the contract's order (the first failing rule wins).
fn edge_rules_in_order(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let base = draft();
    let cases: Vec<(String, &str)> = vec![
        ("[]".into(), "Request body must be a JSON object"),
        ("not json".into(), "Request body must be a JSON object"),
        (
            with(base.clone(), "extra", json!(1)).to_string(),
            "Extra parameters passed in the body.",
        ),
        (
            with(
                with(base.clone(), "extra", json!(1)),
                "-status",
                Value::Null,
            )
            .to_string(),
            "Extra parameters passed in the body.",
        ),
        (
            with(base.clone(), "-status", Value::Null).to_string(),
            "Status is required",
        ),
        (
            with(base.clone(), "status", json!(" ")).to_string(),
            "Status is required",
        ),
        (
            with(base.clone(), "status", json!("LIVE")).to_string(),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (
            with(
                with(base.clone(), "status", json!("LIVE")),
                "-scheduledAt",
                Value::Null,
            )
            .to_string(),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (
            with(base.clone(), "-scheduledAt", Value::Null).to_string(),
            "Scheduled at is required",
        ),
        (
            with(base.clone(), "scheduledAt", json!(12)).to_string(),
            "Scheduled at must be a string",
        ),
        (
            with(base.clone(), "scheduledAt", json!("soon")).to_string(),
            "Scheduled at is not a valid date",
        ),
        (
            with(base.clone(), "designId", json!(7)).to_string(),
            "Design id must be a string",
        ),
        (
            with(base.clone(), "postContent", json!("x")).to_string(),
            "Post content must be an object",
        ),
        (
            with(base.clone(), "selectedAccounts", json!("a")).to_string(),
            "Selected accounts must be an array",
        ),
        (
            with(base.clone(), "instagramPostSettings", json!([])).to_string(),
            "Instagram post settings must be an object",
        ),
        (
            with(base.clone(), "postSettings", json!(1)).to_string(),
            "Post settings must be an object",
        ),
        (
            with(base.clone(), "postContent", json!({ "myspace": "x" })).to_string(),
            "Post content keys must be one of: common, linkedin, instagram, tiktok, facebook, threads",
        ),
        (
            with(base.clone(), "postContent", json!({ "common": 1 })).to_string(),
            "Post content values must be strings",
        ),
        (
            with(base.clone(), "selectedAccounts", json!([""])).to_string(),
            "Selected accounts must be an array of account ids",
        ),
        // Facebook's object is an extra key where Facebook is not enabled.
        (
            with(base.clone(), "facebookPostSettings", json!({})).to_string(),
            "Extra parameters passed in the body.",
        ),
    ];
    for (body, message) in cases {
        app.send_json("POST", "/schedule", KEY_A1, &body)
            .assert(422, &format!(r#"{{"status":false,"message":"{message}"}}"#));
    }
}

fn refused(message: &str) -> String {
    format!(r#"{{"success":false,"message":"{message}","error":"{message}"}}"#)
}

/// Each business rule's exact 400, in the contract's order.
fn business_rules_in_order(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let base = draft();
    let past = with(base.clone(), "scheduledAt", json!("2020-01-01"));
    let cases: Vec<(Value, &str)> = vec![
        (
            with(past.clone(), "designId", json!("nope")),
            "Scheduled at is in the past",
        ),
        (
            with(base.clone(), "designId", json!("nope")),
            "Design not found.",
        ),
        (
            with(base.clone(), "designId", json!("d2")),
            "Design not found.",
        ),
        (
            with(
                with(base.clone(), "designId", json!("nope")),
                "selectedAccounts",
                json!(["acc_other"]),
            ),
            "Design not found.",
        ),
        (
            with(base.clone(), "selectedAccounts", json!(["acc_other"])),
            "Selected accounts must belong to your workspace",
        ),
        (
            with(
                base.clone(),
                "selectedAccounts",
                json!([LINKEDIN, "no such"]),
            ),
            "Selected accounts must belong to your workspace",
        ),
        (
            with(base.clone(), "postContent", json!({ "common": "  " })),
            "Post content must be a non-empty caption when no design is attached",
        ),
        (
            with(
                with(base.clone(), "status", json!("SCHEDULED")),
                "-postContent",
                Value::Null,
            ),
            "Post content must be a non-empty caption when no design is attached",
        ),
        (
            with(base.clone(), "status", json!("SCHEDULED")),
            "A design is required to schedule to LinkedIn",
        ),
        (
            with(base.clone(), "-linkedinPostSettings", Value::Null),
            "linkedinPostSettings is required when a LinkedIn account is selected",
        ),
        (
            with(
                with(base.clone(), "designId", json!("d1")),
                "selectedAccounts",
                json!(["acc_ig"]),
            ),
            "instagramPostSettings is required when an Instagram account is selected and a design is attached",
        ),
        (
            with(
                base.clone(),
                "linkedinPostSettings",
                json!({ "postType": "poster" }),
            ),
            "linkedinPostSettings.postType must be one of: carousel, document, image, reel",
        ),
    ];
    for (body, message) in cases {
        app.create_post(&body).assert(400, &refused(message));
    }
    // Nothing was written by any refusal.
    let listed = app
        .get("/schedule?fromDate=2000-01-01&toDate=2100-01-01", KEY_A1)
        .json();
    let created: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !["p1", "p2", "p3", "p4", "p5"].contains(&p["id"].as_str().unwrap()))
        .collect();
    assert!(created.is_empty(), "{created:?}");
}

/// Every handler reads the time from the server's clock: a create is stamped with it and
/// judged by it, and a token's expiry is read against it.
fn handlers_read_the_injected_clock(backend: Backend) {
    use crate::helpers::ManualClock;
    let clock = ManualClock::new();
    let app = TestApp::builder(social_accounts_storage::testing::TestDb::migrated(backend))
        .clock(clock.clone())
        .start();
    app.seed(crate::fixtures::WORLD);
    let created = app.create_post(&draft()).json();
    let now = social_accounts_service::http::clock::Clock::now(&*clock).to_string();
    assert_eq!(created["data"]["createdAt"], json!(now));
    let read = app
        .get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
        .json();
    assert_eq!(read["data"]["socialAccount"]["accessTokenStatus"], "active");
    // A century later by that clock: 2099 has passed.
    clock.advance(std::time::Duration::from_secs(100 * 365 * 86_400));
    app.create_post(&draft()).assert(
        400,
        r#"{"success":false,"message":"Scheduled at is in the past","error":"Scheduled at is in the past"}"#,
    );
    let read = app
        .get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
        .json();
    assert_eq!(
        read["data"]["socialAccount"]["accessTokenStatus"],
        "expired"
    );
}

social_accounts_storage::on_both_backends!(
    handlers_read_the_injected_clock,
    post_created_exactly,
    a_draft_links_as_draft,
    edge_rules_in_order,
    business_rules_in_order,
);
