//! Leases: heartbeats, expiry (the link due again, with `previousAttempt`), the attempt limit
//! reached by expiries, and releases.

use std::time::Duration;

use serde_json::json;
use social_accounts_domain::publish::Policy;
use social_accounts_domain::repository::PublishRepository;
use social_accounts_service::http::clock::Clock;
use social_accounts_storage::Backend;

use super::{claim, embed_post, id, links, published, world, world_with};
use crate::helpers::problem;

fn an_expired_lease_makes_the_link_due_again_for_a_newer_claim(backend: Backend) {
    let (app, clock) = world(backend);
    let publisher = app.publisher_of("org_p");
    let one = json!({"limit": 1, "leaseSeconds": 10});
    let first = claim(&publisher, &one);
    let old = id(&first[0]);
    let heartbeat = publisher.send(
        "POST",
        &format!("/claims/{old}/heartbeat"),
        &json!({"leaseSeconds": 30}),
    );
    assert_eq!(heartbeat.status, 200, "{}", heartbeat.body);
    assert_eq!(
        heartbeat.json()["leaseExpiresAt"],
        clock.now().plus(Duration::from_secs(30)).to_string()
    );
    // A heartbeat without a body keeps the length it asked for last.
    let bare = publisher.send_raw("POST", &format!("/claims/{old}/heartbeat"), &[], None);
    assert_eq!(bare.status, 200, "{}", bare.body);
    clock.advance(Duration::from_secs(31));
    problem(
        &publisher.send("POST", &format!("/claims/{old}/heartbeat"), &json!({})),
        409,
        "lease-lost",
    );
    let second = claim(&publisher, &one);
    assert_eq!(links(&second), links(&first), "the same link, due again");
    assert_eq!(second[0]["attempt"], 2);
    assert_eq!(
        second[0]["previousAttempt"],
        json!({"outcome": "lease_expired", "errorMessage": null})
    );
    // The old claim is not the link's latest: its report is refused.
    problem(
        &publisher.send(
            "POST",
            &format!("/claims/{old}/report"),
            &published("https://x.test/1"),
        ),
        409,
        "lease-lost",
    );
    let report = publisher.send(
        "POST",
        &format!("/claims/{}/report", id(&second[0])),
        &published("https://x.test/2"),
    );
    assert_eq!(report.status, 200, "{}", report.body);
    assert_eq!(report.json()["link"]["attempts"], 2);
}

fn a_late_report_is_accepted_while_no_newer_claim_holds_the_link(backend: Backend) {
    let (app, clock) = world(backend);
    let publisher = app.publisher_of("org_p");
    let first = claim(&publisher, &json!({"limit": 1, "leaseSeconds": 10}));
    clock.advance(Duration::from_secs(60));
    // The sweep may even have ended the lease meanwhile.
    let store = app.db.store();
    let swept = store.expire_leases(Policy::default(), clock.now()).unwrap();
    assert_eq!((swept.due_again, swept.failed), (1, 0));
    let late = publisher.send(
        "POST",
        &format!("/claims/{}/report", id(&first[0])),
        &published("https://x.test/late"),
    );
    assert_eq!(late.status, 200, "{}", late.body);
    assert_eq!(late.json()["link"]["status"], "PUBLISHED");
}

fn the_last_allowed_expiry_fails_the_link(backend: Backend) {
    let policy = Policy { max_attempts: 1 };
    let (app, clock) = world_with(backend, policy);
    let publisher = app.publisher_of("org_p");
    let first = claim(&publisher, &json!({"limit": 1, "leaseSeconds": 10}));
    assert_eq!(links(&first)[0].0, "post_a");
    clock.advance(Duration::from_secs(11));
    // Out of attempts: not due again, even before the sweep.
    let others = claim(&publisher, &json!({"limit": 100}));
    assert!(!links(&others).contains(&links(&first)[0]));
    let swept = app.db.store().expire_leases(policy, clock.now()).unwrap();
    assert_eq!((swept.due_again, swept.failed), (0, 1));
    let post = embed_post(&app, "post_a");
    assert_eq!(post["socialAccounts"][0]["status"], "FAILED");
    assert_eq!(
        post["socialAccounts"][0]["errorMessage"],
        "Publishing did not complete"
    );
    assert!(app.db.usage_drift().is_empty());
}

fn a_release_gives_the_link_back_without_counting_the_attempt(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher_of("org_p");
    let first = claim(&publisher, &json!({"limit": 1}));
    let path = format!("/claims/{}/release", id(&first[0]));
    let released = publisher.send_raw("POST", &path, &[], None);
    assert_eq!(released.status, 200, "{}", released.body);
    assert_eq!(
        released.json(),
        json!({"claimId": id(&first[0]), "released": true})
    );
    let again = publisher.send("POST", &path, &json!({}));
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, released.body.as_str())
    );
    problem(
        &publisher.send(
            "POST",
            &format!("/claims/{}/report", id(&first[0])),
            &published("https://x.test/1"),
        ),
        409,
        "conflict",
    );
    let second = claim(&publisher, &json!({"limit": 1}));
    assert_eq!(links(&second), links(&first));
    assert_eq!(second[0]["attempt"], 1);
    assert_eq!(second[0]["previousAttempt"], json!(null));
    // The old claim's release is no longer the link's.
    problem(
        &publisher.send("POST", &path, &json!({})),
        409,
        "lease-lost",
    );
}

social_accounts_storage::on_both_backends!(
    an_expired_lease_makes_the_link_due_again_for_a_newer_claim,
    a_late_report_is_accepted_while_no_newer_claim_holds_the_link,
    the_last_allowed_expiry_fails_the_link,
    a_release_gives_the_link_back_without_counting_the_attempt,
);
