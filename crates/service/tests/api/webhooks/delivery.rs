//! Delivery: a signed request a second implementation verifies, retried after a 500, a
//! redirect (never followed), a timeout and a refused connection with the same `webhook-id`,
//! failed after the schedule, the delivery log, a manual retry, a disabled endpoint waiting.

use std::time::Duration;

use serde_json::json;
use social_accounts_domain::webhooks::{WebhookSecret, verify};
use social_accounts_service::webhooks::expiry;
use social_accounts_storage::Backend;

use super::{deliver, deliveries, options, receiver, register, types};
use crate::helpers::receiver::{Received, Reply};
use crate::publisher::{KEY_P, world};

/// Checks `received`'s signature with `secret`: by the domain's verifier, and by the
/// Standard Webhooks reference library (Python's `standardwebhooks`), which CI installs.
#[track_caller]
pub fn assert_signed(received: &Received, secret: &str) {
    let id = received.header("webhook-id");
    let timestamp: i64 = received.header("webhook-timestamp").parse().unwrap();
    let signature = received.header("webhook-signature");
    let key = WebhookSecret::parse(secret).unwrap();
    assert!(
        verify(&key, signature, id, timestamp, &received.body),
        "{signature}"
    );
    let script = "import json,sys\nfrom standardwebhooks import Webhook\n\
        m=json.load(sys.stdin)\n\
        Webhook(m['secret']).verify(m['body'], m['headers'])\nprint('verified')";
    let input = json!({
        "secret": secret,
        "body": received.body,
        "headers": {"webhook-id": id, "webhook-timestamp": timestamp.to_string(), "webhook-signature": signature},
    });
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is needed (with `pip install standardwebhooks`)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "verified",
        "standardwebhooks refused the signature (is it installed? `pip install standardwebhooks`): {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn a_disconnect_reaches_the_endpoint_signed(backend: Backend) {
    let (app, _clock) = world(backend);
    let hooks = receiver();
    let operator = app.operator_of("org_p");
    let (id, secret) = register(
        &operator,
        "org_p",
        &hooks.url(),
        &["social_account.disconnected"],
    );
    let gone = app.delete("/social-account/acc_ig", KEY_P);
    assert_eq!(gone.status, 200, "{}", gone.body);
    assert_eq!(deliver(&app, &options("5s")), 1);
    let received = hooks.received();
    assert_eq!(types(&received), ["social_account.disconnected"]);
    let event = &received[0];
    assert_eq!(event.path, "/hook");
    assert_eq!(event.header("content-type"), "application/json");
    assert!(
        event
            .header("user-agent")
            .starts_with("social-accounts-webhooks/")
    );
    assert_signed(event, &secret);
    let body = event.json();
    assert_eq!(
        body["data"],
        json!({
            "id": "acc_ig", "workspaceId": "ws_p", "via": "embed_api",
            "removedLinks": [{"status": "PENDING", "_count": 1}],
        })
    );
    assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
    // The log: one delivery, succeeded at the first attempt.
    let log = deliveries(&operator, &id, None);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["eventId"], event.header("webhook-id"));
    assert_eq!(
        (
            &log[0]["status"],
            &log[0]["attempts"],
            &log[0]["responseStatus"],
            &log[0]["responseBody"]
        ),
        (
            &json!("succeeded"),
            &json!(1),
            &json!(200),
            &json!("received")
        )
    );
    assert_eq!(log[0]["nextAttemptAt"], json!(null));
    assert_eq!(deliver(&app, &options("5s")), 0, "nothing is sent twice");
}

fn failures_are_retried_with_the_same_id_until_the_schedule_ends(backend: Backend) {
    let (app, clock) = world(backend);
    let hooks = receiver();
    let operator = app.operator_of("org_p");
    let (id, secret) = register(&operator, "org_p", &hooks.url(), &["*"]);
    hooks.script(&[
        Reply::Status(500),
        Reply::Redirect,
        Reply::Pause(Duration::from_millis(1500)),
    ]);
    let test = operator.send("POST", &format!("/webhooks/{id}/test"), &json!({}));
    assert_eq!(test.status, 202, "{}", test.body);
    let event_id = test.json()["eventId"].as_str().unwrap().to_owned();
    let schedule = options("1s,1s,1s");
    // Each attempt fails; the next is due a second (±10 %) later on the server's clock.
    for attempt in 1..=3 {
        assert_eq!(deliver(&app, &schedule), 1, "attempt {attempt}");
        assert_eq!(deliver(&app, &schedule), 0, "not due before its wait");
        let log = deliveries(&operator, &id, Some("pending"));
        assert_eq!(log[0]["attempts"], attempt);
        assert!(log[0]["nextAttemptAt"].is_string());
        clock.advance(Duration::from_millis(1200));
    }
    let log = deliveries(&operator, &id, None);
    assert_eq!(log[0]["responseBody"], "timed out");
    assert_eq!(log[0]["responseStatus"], json!(null));
    // The fourth attempt succeeds: four requests, one id, every one signed.
    assert_eq!(deliver(&app, &schedule), 1);
    let received = hooks.wait_for(4, Duration::from_secs(5));
    assert_eq!(received.len(), 4, "the redirect was not followed");
    for request in &received {
        assert_eq!(request.header("webhook-id"), event_id);
        assert_eq!(request.path, "/hook");
        assert_signed(request, &secret);
    }
    assert_eq!(types(&received), ["webhook.test"; 4]);
    assert_eq!(received[0].json()["data"], json!({"webhookId": id}));
    let done = deliveries(&operator, &id, Some("succeeded"));
    assert_eq!((done.len(), &done[0]["attempts"]), (1, &json!(4)));
}

fn a_refused_connection_fails_after_the_schedule_and_a_manual_retry_sends_again(backend: Backend) {
    let (app, clock) = world(backend);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let operator = app.operator_of("org_p");
    let (id, _) = register(&operator, "org_p", &url, &["*"]);
    operator.send("POST", &format!("/webhooks/{id}/test"), &json!({}));
    let schedule = options("1s");
    assert_eq!(deliver(&app, &schedule), 1);
    clock.advance(Duration::from_millis(1200));
    assert_eq!(deliver(&app, &schedule), 1);
    let failed = deliveries(&operator, &id, Some("failed"));
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (
            &failed[0]["attempts"],
            &failed[0]["responseBody"],
            &failed[0]["nextAttemptAt"]
        ),
        (&json!(2), &json!("connection refused"), &json!(null))
    );
    assert_eq!(
        deliver(&app, &schedule),
        0,
        "a failed delivery is not retried on its own"
    );
    // An operator points the endpoint somewhere that answers, and retries by hand.
    let hooks = receiver();
    let moved = operator.send(
        "PATCH",
        &format!("/webhooks/{id}"),
        &json!({"url": hooks.url()}),
    );
    assert_eq!(moved.status, 200, "{}", moved.body);
    let delivery = failed[0]["id"].as_str().unwrap();
    let retried = operator.send(
        "POST",
        &format!("/webhooks/{id}/deliveries/{delivery}/retry"),
        &json!({}),
    );
    assert_eq!(retried.status, 202, "{}", retried.body);
    assert_eq!(retried.json()["status"], "pending");
    assert_eq!(deliver(&app, &schedule), 1);
    assert_eq!(types(&hooks.received()), ["webhook.test"]);
    assert_eq!(deliveries(&operator, &id, Some("succeeded")).len(), 1);
    let unknown = operator.send(
        "POST",
        &format!("/webhooks/{id}/deliveries/nope/retry"),
        &json!({}),
    );
    assert_eq!(unknown.status, 404);
}

fn a_disabled_endpoint_gets_nothing_new_and_its_pending_deliveries_wait(backend: Backend) {
    let (app, _clock) = world(backend);
    let hooks = receiver();
    let operator = app.operator_of("org_p");
    let (id, _) = register(&operator, "org_p", &hooks.url(), &["*"]);
    operator.send("POST", &format!("/webhooks/{id}/test"), &json!({}));
    operator.send(
        "PATCH",
        &format!("/webhooks/{id}"),
        &json!({"enabled": false}),
    );
    assert_eq!(app.delete("/social-account/acc_ig", KEY_P).status, 200);
    assert_eq!(deliver(&app, &options("5s")), 0, "the test waits");
    operator.send(
        "PATCH",
        &format!("/webhooks/{id}"),
        &json!({"enabled": true}),
    );
    assert_eq!(deliver(&app, &options("5s")), 1);
    assert_eq!(
        types(&hooks.received()),
        ["webhook.test"],
        "no event while disabled"
    );
}

fn a_batch_that_runs_out_of_lease_gives_the_rest_back(backend: Backend) {
    let (app, _clock) = world(backend);
    let hooks = receiver();
    let operator = app.operator_of("org_p");
    let (id, _) = register(&operator, "org_p", &hooks.url(), &["*"]);
    hooks.script(&[Reply::Pause(Duration::from_secs(2)); 12]);
    for _ in 0..12 {
        operator.send("POST", &format!("/webhooks/{id}/test"), &json!({}));
    }
    // Each attempt runs its whole timeout (0.5 s); attempts start only within 3.5 s of the
    // claim, so that none outlives the 6 s lease: the rest are given back, due at once.
    let schedule = options("1h");
    let agent = social_accounts_service::webhooks::client::agent(schedule.timeout, true);
    let claimed =
        social_accounts_service::webhooks::sender::send_due(&app.state, &schedule, &agent);
    assert_eq!(claimed, 12);
    let log = deliveries(&operator, &id, Some("pending"));
    let tried = log.iter().filter(|d| d["attempts"] == 1).count();
    let back = log.iter().filter(|d| d["attempts"] == 0).count();
    assert_eq!(tried + back, 12, "{log:?}");
    assert!(
        (7..=9).contains(&tried),
        "{tried} attempted within the lease"
    );
    for delivery in log.iter().filter(|d| d["attempts"] == 0) {
        assert!(
            delivery["nextAttemptAt"].is_string(),
            "given back, due: {delivery}"
        );
        assert_eq!(delivery["lastAttemptAt"], json!(null));
    }
    for delivery in log.iter().filter(|d| d["attempts"] == 1) {
        assert_eq!(delivery["responseBody"], "timed out");
    }
}

fn done_deliveries_are_purged_after_the_retention_and_pending_ones_stay(backend: Backend) {
    let (app, clock) = world(backend);
    let hooks = receiver();
    let operator = app.operator_of("org_p");
    let (id, _) = register(&operator, "org_p", &hooks.url(), &["*"]);
    operator.send("POST", &format!("/webhooks/{id}/test"), &json!({}));
    assert_eq!(deliver(&app, &options("5s")), 1);
    hooks.script(&[Reply::Status(500)]);
    operator.send("POST", &format!("/webhooks/{id}/test"), &json!({}));
    assert_eq!(deliver(&app, &options("1h")), 1);
    let thirty_days = Duration::from_secs(30 * 86_400);
    assert_eq!(
        expiry::purge_once(&app.state, thirty_days),
        0,
        "nothing is old yet"
    );
    clock.advance(thirty_days + Duration::from_secs(1));
    assert_eq!(expiry::purge_once(&app.state, thirty_days), 1);
    let left = deliveries(&operator, &id, None);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["status"], "pending");
}

social_accounts_storage::on_both_backends!(
    done_deliveries_are_purged_after_the_retention_and_pending_ones_stay,
    a_batch_that_runs_out_of_lease_gives_the_rest_back,
    a_disconnect_reaches_the_endpoint_signed,
    failures_are_retried_with_the_same_id_until_the_schedule_ends,
    a_refused_connection_fails_after_the_schedule_and_a_manual_retry_sends_again,
    a_disabled_endpoint_gets_nothing_new_and_its_pending_deliveries_wait,
);
