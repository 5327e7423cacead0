//! `Idempotency-Key` on `POST /schedule` (extension): replays, mismatches, concurrency, scope.

use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_A2};
use crate::helpers::{Response, TestApp, draft, send_body};

fn post(app: &TestApp, api_key: &str, idempotency: &str, body: &str) -> Response {
    send_body(
        app.addr,
        "POST",
        "/schedule",
        &[("embed-api-key", api_key), ("idempotency-key", idempotency)],
        Some(body),
    )
}

fn posts(app: &TestApp) -> i64 {
    app.db.count("SELECT COUNT(*) AS n FROM scheduled_posts")
}

fn the_same_key_and_body_answer_the_first_response(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let before = posts(&app);
    let body = draft().to_string();
    let first = post(&app, KEY_A1, "order-1", &body);
    assert_eq!(first.status, 200, "{}", first.body);
    let again = post(&app, KEY_A1, "order-1", &body);
    again.assert(200, &first.body);
    assert_eq!(
        posts(&app),
        before + 1,
        "one post, however often it is sent"
    );
    // Another body with the same key is refused; a new key creates.
    let mut other = draft();
    other["postContent"]["common"] = "Other".into();
    post(&app, KEY_A1, "order-1", &other.to_string()).assert(
        422,
        r#"{"status":false,"message":"Idempotency key reused with a different body"}"#,
    );
    assert_eq!(
        post(&app, KEY_A1, "order-2", &other.to_string()).status,
        200
    );
    // Keys are per workspace: the same key in another workspace is another request.
    let mut theirs = draft();
    theirs["selectedAccounts"] = serde_json::json!([]);
    assert_eq!(
        post(&app, KEY_A2, "order-1", &theirs.to_string()).status,
        200
    );
    assert_eq!(posts(&app), before + 3);
}

fn refusals_are_answered_again_and_malformed_keys_refused(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let mut past = draft();
    past["scheduledAt"] = "2001-01-01".into();
    let body = past.to_string();
    let refused = r#"{"success":false,"message":"Scheduled at is in the past","error":"Scheduled at is in the past"}"#;
    post(&app, KEY_A1, "k-refused", &body).assert(400, refused);
    post(&app, KEY_A1, "k-refused", &body).assert(400, refused);
    // A body the edge refuses claims nothing: the key stays free.
    post(&app, KEY_A1, "k-edge", "[]").assert(
        422,
        r#"{"status":false,"message":"Request body must be a JSON object"}"#,
    );
    assert_eq!(
        post(&app, KEY_A1, "k-edge", &draft().to_string()).status,
        200
    );
    let too_long = "k".repeat(256);
    for bad in [too_long.as_str(), "with space"] {
        post(&app, KEY_A1, bad, &draft().to_string()).assert(
            422,
            r#"{"status":false,"message":"Idempotency key must be 1 to 255 visible ASCII characters"}"#,
        );
    }
}

/// 30 concurrent requests with one key make one post; the others get its answer or 409.
fn concurrent_requests_create_one_post(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let before = posts(&app);
    let body = draft().to_string();
    let responses: Vec<Response> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..30)
            .map(|_| scope.spawn(|| post(&app, KEY_A1, "burst", &body)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(posts(&app), before + 1);
    let created: Vec<&Response> = responses.iter().filter(|r| r.status == 200).collect();
    assert!(!created.is_empty());
    assert!(
        created.iter().all(|r| r.body == created[0].body),
        "one answer"
    );
    for response in responses.iter().filter(|r| r.status != 200) {
        response.assert(
            409,
            r#"{"success":false,"message":"A request with this idempotency key is in progress"}"#,
        );
    }
}

social_accounts_storage::on_both_backends!(
    the_same_key_and_body_answer_the_first_response,
    refusals_are_answered_again_and_malformed_keys_refused,
    concurrent_requests_create_one_post,
);
