//! Every event type from its cause and from nothing else: each cause once, through the door a
//! client uses, and the events one organization's endpoints receive; another organization's
//! endpoint hears nothing of it. The expiry sweep twice emits each of its events once.

use std::time::Duration;

use serde_json::json;
use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::schedule::LinkReport;
use social_accounts_domain::{Actor, ScheduledPostId, SocialAccountId};
use social_accounts_service::webhooks::expiry;
use social_accounts_storage::Backend;

use super::{deliver, options, receiver, register, types};
use crate::helpers::receiver::Received;
use crate::helpers::{Bearer, TestApp};
use crate::operator::{connect, linkedin};
use crate::publisher::{KEY_P, claim, failed, id, published, world};

/// `types` sorted, for comparing what arrived (no order is promised) with what was caused.
fn sorted(mut types: Vec<String>) -> Vec<String> {
    types.sort();
    types
}

fn report(
    publisher: &Bearer<'_>,
    claims: &[serde_json::Value],
    post: &str,
    account: &str,
    body: &serde_json::Value,
) {
    let claim = claims
        .iter()
        .find(|c| c["post"]["id"] == post && c["account"]["id"] == account)
        .unwrap();
    let response = publisher.send("POST", &format!("/claims/{}/report", id(claim)), body);
    assert_eq!(response.status, 200, "{}", response.body);
}

/// Causes one of each event of org_p but the disconnect and the test, through the doors
/// clients use; the id of the account whose token expires in three days.
fn cause_one_of_each(app: &TestApp, operator: &Bearer<'_>) -> String {
    // Accounts: connected, reconnected; one whose token expires in three days.
    connect(operator, "ws_p", &linkedin("urn:li:person:1", "ada"), 201);
    connect(operator, "ws_p", &linkedin("urn:li:person:1", "ada"), 200);
    let mut soon = linkedin("urn:li:person:2", "bob");
    let expires = chrono::Utc::now() + chrono::TimeDelta::days(3);
    soon["tokenExpiresAt"] = json!(expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let bob = connect(operator, "ws_p", &soon, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Posts: created, replaced, deleted through the Embed API.
    let draft = r#"{"status":"DRAFT","scheduledAt":"2099-06-20T10:00:00Z",
        "postContent":{"common":"Hello"},"selectedAccounts":["acc_li"],
        "linkedinPostSettings":{"postType":"image"}}"#;
    let created = app.send_json("POST", "/schedule", KEY_P, draft);
    assert_eq!(created.status, 200, "{}", created.body);
    let post = created.json()["data"]["id"].as_str().unwrap().to_owned();
    let replaced = app.send_json("PUT", &format!("/schedule/{post}"), KEY_P, draft);
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert_eq!(app.delete(&format!("/schedule/{post}"), KEY_P).status, 200);

    // Publishing: post_b failed for good (its only link), post_a one link published and one
    // failed; post_future published by hand (`links set-status`, the CLI's path).
    let publisher = app.publisher_of("org_p");
    let claims = claim(&publisher, &json!({"limit": 10}));
    report(
        &publisher,
        &claims,
        "post_b",
        "acc_li",
        &failed("platform", false),
    );
    let now = app.state.clock.now();
    let by_hand = LinkReport::new("PUBLISHED", Some("https://lnkd.in/f"), None, now);
    let set = app.db.store().report_link(
        &ScheduledPostId::parse("post_future").unwrap(),
        &SocialAccountId::parse("acc_li").unwrap(),
        &by_hand.unwrap(),
        &Actor::cli(),
        now,
    );
    assert_eq!(set, Ok(true));
    report(
        &publisher,
        &claims,
        "post_a",
        "acc_li",
        &published("https://lnkd.in/a"),
    );
    report(
        &publisher,
        &claims,
        "post_a",
        "acc_ig",
        &failed("content", false),
    );

    // The sweep, twice: each of its events once.
    expiry::sweep_once(&app.state);
    expiry::sweep_once(&app.state);
    bob
}

/// What the events of `every_event_comes_from_its_cause…` say.
fn assert_payloads(received: &[Received], bob: &str) {
    let of = |kind: &str| -> Vec<serde_json::Value> {
        received
            .iter()
            .map(|r| r.json())
            .filter(|e| e["type"] == kind)
            .map(|e| e["data"].clone())
            .collect()
    };
    assert_eq!(of("social_account.token_expiring")[0]["id"], bob);
    let mut reasons: Vec<String> = of("social_account.reauth_required")
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                d["id"].as_str().unwrap(),
                d["reason"].as_str().unwrap()
            )
        })
        .collect();
    reasons.sort();
    assert_eq!(reasons, ["acc_old:token_expired", "acc_rev:revoked"]);
    assert_eq!(of("social_account.disconnected")[0]["via"], "operator_api");
    assert_eq!(
        of("scheduled_post.partially_failed")[0],
        json!({"id": "post_a", "workspaceId": "ws_p", "status": "PARTIALLY_FAILED"})
    );
    let mut failed_links: Vec<(String, String, u64)> = of("link.failed")
        .iter()
        .map(|d| {
            assert_eq!(d["status"], "FAILED");
            assert_eq!(d["liveLink"], json!(null));
            (
                d["postId"].as_str().unwrap().to_owned(),
                d["socialAccountId"].as_str().unwrap().to_owned(),
                d["attempts"].as_u64().unwrap(),
            )
        })
        .collect();
    failed_links.sort();
    assert_eq!(
        failed_links,
        [
            ("post_a".to_owned(), "acc_ig".to_owned(), 1),
            ("post_b".to_owned(), "acc_li".to_owned(), 1)
        ]
    );
    assert_eq!(
        of("scheduled_post.published")[0],
        json!({"id": "post_future", "workspaceId": "ws_p", "status": "PUBLISHED"})
    );
}

fn every_event_comes_from_its_cause_and_stays_in_its_organization(backend: Backend) {
    let (app, _clock) = world(backend);
    let (ours, theirs) = (receiver(), receiver());
    let operator = app.operator();
    let (webhook, _) = register(&operator, "org_p", &ours.url(), &["*"]);
    register(&operator, "org_q", &theirs.url(), &["*"]);

    let bob = cause_one_of_each(&app, &operator);

    // A disconnect through the operator API, and a test event.
    let gone = operator.delete(&format!("/social-accounts/{bob}"));
    assert_eq!(gone.status, 200, "{}", gone.body);
    operator.send("POST", &format!("/webhooks/{webhook}/test"), &json!({}));

    deliver(&app, &options("5s"));
    let received = ours.received();
    assert_eq!(
        sorted(types(&received)),
        sorted(
            [
                "social_account.connected",
                "social_account.reconnected",
                "social_account.connected",
                "scheduled_post.created",
                "scheduled_post.updated",
                "scheduled_post.deleted",
                "link.failed",
                "scheduled_post.failed",
                "link.published",
                "scheduled_post.published",
                "link.published",
                "link.failed",
                "scheduled_post.partially_failed",
                "social_account.token_expiring",
                "social_account.reauth_required",
                "social_account.reauth_required",
                "social_account.disconnected",
                "webhook.test",
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_payloads(&received, &bob);
    // Ids are distinct: one event, one id.
    let mut ids: Vec<&str> = received.iter().map(|r| r.header("webhook-id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), received.len());
    // Nothing of org_p reached org_q's endpoint; org_q's own change does.
    assert!(
        theirs.received().is_empty(),
        "{:?}",
        types(&theirs.received())
    );
    assert_eq!(operator.delete("/social-accounts/acc_q").status, 200);
    deliver(&app, &options("5s"));
    assert_eq!(types(&theirs.received()), ["social_account.disconnected"]);
    // No token, secret or key in any payload.
    for request in ours.received().iter().chain(theirs.received().iter()) {
        for secret in [
            "tok-",
            "ref-",
            "access-token-of",
            "refresh-token-of",
            "whsec_",
            KEY_P,
        ] {
            assert!(
                !request.body.contains(secret),
                "{secret} in {}",
                request.body
            );
        }
    }
}

fn an_auth_failure_asks_for_reauthorization_once(backend: Backend) {
    let (app, clock) = world(backend);
    let hooks = receiver();
    let operator = app.operator_of("org_p");
    register(
        &operator,
        "org_p",
        &hooks.url(),
        &["social_account.reauth_required"],
    );
    let publisher = app.publisher_of("org_p");
    let claims = claim(&publisher, &json!({"limit": 10}));
    // Two auth failures of one account, then the sweep twice: one event for acc_li (the
    // sweep's own are for the world's expired and revoked accounts).
    report(
        &publisher,
        &claims,
        "post_b",
        "acc_li",
        &failed("auth", true),
    );
    report(
        &publisher,
        &claims,
        "post_a",
        "acc_li",
        &failed("auth", true),
    );
    expiry::sweep_once(&app.state);
    clock.advance(Duration::from_secs(1));
    expiry::sweep_once(&app.state);
    deliver(&app, &options("5s"));
    let mut received: Vec<serde_json::Value> = hooks
        .received()
        .iter()
        .map(|r| r.json()["data"].clone())
        .collect();
    received.sort_by_key(|data| data["id"].as_str().unwrap().to_owned());
    assert_eq!(
        received,
        [
            json!({"id": "acc_li", "workspaceId": "ws_p", "platform": "linkedin", "accountName": "LI", "reason": "publisher_auth_error"}),
            json!({"id": "acc_old", "workspaceId": "ws_p", "platform": "linkedin", "accountName": "Old", "reason": "token_expired"}),
            json!({"id": "acc_rev", "workspaceId": "ws_p", "platform": "tiktok", "accountName": "Rev", "reason": "revoked"}),
        ]
    );
}

social_accounts_storage::on_both_backends!(
    every_event_comes_from_its_cause_and_stays_in_its_organization,
    an_auth_failure_asks_for_reauthorization_once,
);
