//! Reports: what a published or failed link becomes, what the Embed API then shows, retries
//! with backoff up to the attempt limit, and an `auth` failure's expired token.

use std::time::Duration;

use serde_json::json;
use social_accounts_domain::publish::Policy;
use social_accounts_storage::Backend;

use super::{KEY_P, claim, embed_post, failed, id, links, published, world, world_with};
use crate::helpers::problem;

fn a_published_report_publishes_the_link_then_the_post(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher();
    let claims = claim(&publisher, &json!({}));
    let post_b = claims.iter().find(|c| c["post"]["id"] == "post_b").unwrap();
    let path = format!("/claims/{}/report", id(post_b));
    let first = publisher.send("POST", &path, &published("https://lnkd.in/p/b"));
    assert_eq!(first.status, 200, "{}", first.body);
    let body = first.json();
    assert_eq!(body["post"], json!({"id": "post_b", "status": "PUBLISHED"}));
    assert_eq!(body["link"]["status"], "PUBLISHED");
    assert_eq!(body["link"]["liveLink"], "https://lnkd.in/p/b");
    assert_eq!(body["link"]["attempts"], 1);
    // The Embed API shows it: the link and, every link done, the post.
    let post = embed_post(&app, "post_b");
    assert_eq!(post["status"], "PUBLISHED");
    assert_eq!(post["socialAccounts"][0]["liveLink"], "https://lnkd.in/p/b");
    assert_eq!(
        post["publishedAt"],
        post["socialAccounts"][0]["publishedAt"]
    );
    assert!(app.db.usage_drift().is_empty(), "usage equals a recount");
    // The same report again: the same answer. Another outcome, or a heartbeat: 409.
    let again = publisher.send("POST", &path, &published("https://lnkd.in/p/b"));
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, first.body.as_str())
    );
    problem(
        &publisher.send("POST", &path, &failed("platform", false)),
        409,
        "conflict",
    );
    let heartbeat = format!("/claims/{}/heartbeat", id(post_b));
    problem(
        &publisher.send("POST", &heartbeat, &json!({})),
        409,
        "conflict",
    );
    // One audit event for the one change, naming the publisher.
    assert_eq!(
        app.db.count(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'link.reported' \
             AND actor_kind = 'publisher' AND target_id = 'post_b:acc_li'"
        ),
        1
    );
}

fn a_post_with_a_published_and_a_failed_link_is_partially_failed(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher_of("org_p");
    let claims = claim(&publisher, &json!({"limit": 2}));
    assert_eq!(links(&claims)[0].0, "post_a");
    let report = |claim: &serde_json::Value, body| {
        publisher.send("POST", &format!("/claims/{}/report", id(claim)), &body)
    };
    let first = report(&claims[0], published("https://lnkd.in/p/a"));
    assert_eq!(
        first.json()["post"]["status"],
        "SCHEDULED",
        "one link still pending"
    );
    let second = report(&claims[1], failed("content", false));
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(second.json()["link"]["status"], "FAILED");
    assert_eq!(second.json()["post"]["status"], "PARTIALLY_FAILED");
    let post = embed_post(&app, "post_a");
    assert_eq!(post["status"], "PARTIALLY_FAILED");
    assert_eq!(post["errorMessage"], "content went wrong");
    assert_eq!(post["publishedAt"], json!(null));
    assert!(app.db.usage_drift().is_empty());
}

fn a_retryable_failure_waits_its_backoff_then_fails_at_the_limit(backend: Backend) {
    let (app, clock) = world_with(backend, Policy { max_attempts: 2 });
    let publisher = app.publisher_of("org_p");
    let linkedin = json!({"platforms": ["linkedin"], "limit": 1});
    let first = claim(&publisher, &linkedin);
    assert_eq!(links(&first)[0], ("post_a".to_owned(), "acc_li".to_owned()));
    let retry = publisher.send(
        "POST",
        &format!("/claims/{}/report", id(&first[0])),
        &failed("network", true),
    );
    assert_eq!(retry.status, 200, "{}", retry.body);
    let link = &retry.json()["link"];
    assert_eq!(link["status"], "PENDING");
    assert_eq!(link["errorMessage"], "network went wrong");
    let wait = social_accounts_domain::Timestamp::parse(link["nextAttemptAt"].as_str().unwrap())
        .unwrap()
        .millis_since(clock_now(&clock));
    assert!((27_000..=33_000).contains(&wait), "30 s ± 10 %: {wait} ms");
    // In its backoff the link is not due: the next LinkedIn link is.
    let next = claim(&publisher, &linkedin);
    assert_eq!(links(&next)[0].0, "post_b");
    clock.advance(Duration::from_secs(34));
    let second = claim(&publisher, &linkedin);
    assert_eq!(links(&second)[0].0, "post_a");
    assert_eq!(second[0]["attempt"], 2);
    assert_eq!(
        second[0]["previousAttempt"],
        json!({"outcome": "failed", "errorMessage": "network went wrong"})
    );
    // The limit's attempt: a retryable failure is final.
    let last = publisher.send(
        "POST",
        &format!("/claims/{}/report", id(&second[0])),
        &failed("rate_limit", true),
    );
    assert_eq!(last.json()["link"]["status"], "FAILED");
    assert_eq!(last.json()["link"]["nextAttemptAt"], json!(null));
    clock.advance(Duration::from_secs(3600));
    let later = claim(&publisher, &json!({"limit": 100}));
    let failed_link = ("post_a".to_owned(), "acc_li".to_owned());
    assert!(!links(&later).contains(&failed_link), "{later:?}");
}

fn clock_now(clock: &crate::helpers::ManualClock) -> social_accounts_domain::Timestamp {
    use social_accounts_service::http::clock::Clock;
    clock.now()
}

fn an_auth_failure_expires_the_token_and_its_links_stop_being_due(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher_of("org_p");
    let linkedin = json!({"platforms": ["linkedin"], "limit": 1});
    let first = claim(&publisher, &linkedin);
    let auth = publisher.send(
        "POST",
        &format!("/claims/{}/report", id(&first[0])),
        &failed("auth", true),
    );
    assert_eq!(
        auth.json()["link"]["status"],
        "FAILED",
        "auth is final at once"
    );
    let account = app.get("/social-account/acc_li", KEY_P);
    assert_eq!(account.status, 200, "{}", account.body);
    assert!(
        account.body.contains(r#""accessTokenStatus":"expired""#),
        "{}",
        account.body
    );
    // post_b's LinkedIn link waits for a refresh or a reconnect.
    assert!(claim(&publisher, &linkedin).is_empty());
    let operator = app.operator();
    let refreshed = operator.send(
        "PUT",
        "/social-accounts/acc_li/tokens",
        &json!({"accessToken": "tok-li-2"}),
    );
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    let after = claim(&publisher, &linkedin);
    assert_eq!(links(&after)[0].0, "post_b");
    assert_eq!(after[0]["account"]["accessToken"], "tok-li-2");
}

fn bad_reports_name_every_field(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher();
    let claims = claim(&publisher, &json!({"limit": 1}));
    let path = format!("/claims/{}/report", id(&claims[0]));
    assert_eq!(
        crate::helpers::invalid_fields(&publisher.send(
            "POST",
            &path,
            &json!({"outcome": "FAILED", "errorMessage": " ", "errorCategory": "cosmic", "liveLink": "x"}),
        )),
        ["errorMessage", "errorCategory", "retryable", "liveLink"]
    );
    assert_eq!(
        crate::helpers::invalid_fields(&publisher.send(
            "POST",
            &path,
            &json!({"outcome": "PUBLISHED", "liveLink": "ftp://x/1", "retryable": true}),
        )),
        ["liveLink", "retryable"]
    );
    // A claim that never existed holds no link.
    problem(
        &publisher.send(
            "POST",
            "/claims/nope/report",
            &published("https://x.test/1"),
        ),
        409,
        "lease-lost",
    );
    problem(
        &publisher.send(
            "POST",
            "/claims/no%20pe/report",
            &published("https://x.test/1"),
        ),
        409,
        "lease-lost",
    );
    // Nothing was written by the refusals: the claim still reports.
    let ok = publisher.send("POST", &path, &published("https://x.test/1"));
    assert_eq!(ok.status, 200, "{}", ok.body);
}

social_accounts_storage::on_both_backends!(
    a_published_report_publishes_the_link_then_the_post,
    a_post_with_a_published_and_a_failed_link_is_partially_failed,
    a_retryable_failure_waits_its_backoff_then_fails_at_the_limit,
    an_auth_failure_expires_the_token_and_its_links_stop_being_due,
    bad_reports_name_every_field,
);
