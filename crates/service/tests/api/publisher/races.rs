//! Reports racing the writes that remove their link: a replace of the post, a disconnect of
//! the account. The loser is a 409, never a 500; no orphan; usage equals a recount.

use serde_json::json;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::ORPHAN_LINKS;

use super::{KEY_P, claim, id, links, published, world};
use crate::helpers::problem;

fn a_report_after_a_replace_or_a_disconnect_is_lease_lost(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher_of("org_p");
    let claims = claim(&publisher, &json!({}));
    assert_eq!(links(&claims).len(), 3);
    let replace = app.send_json(
        "PUT",
        "/schedule/post_b",
        KEY_P,
        &json!({
            "status": "DRAFT",
            "scheduledAt": "2099-06-20T10:00:00Z",
            "postContent": { "common": "Again" },
            "selectedAccounts": ["acc_li"],
            "linkedinPostSettings": { "postType": "image" },
        })
        .to_string(),
    );
    assert_eq!(replace.status, 200, "{}", replace.body);
    let disconnect = app.delete("/social-account/acc_ig", KEY_P);
    assert_eq!(disconnect.status, 200, "{}", disconnect.body);
    for (claim, lost) in claims.iter().zip([false, true, true]) {
        let report = publisher.send(
            "POST",
            &format!("/claims/{}/report", id(claim)),
            &published("https://x.test/1"),
        );
        if lost {
            problem(&report, 409, "lease-lost");
        } else {
            assert_eq!(report.status, 200, "{}", report.body);
        }
    }
    assert!(app.db.usage_drift().is_empty());
    assert_eq!(app.db.count(ORPHAN_LINKS), 0);
}

fn reports_racing_a_disconnect_never_fail(backend: Backend) {
    let (app, _clock) = world(backend);
    let posts: Vec<serde_json::Value> = (0..30)
        .map(|i| {
            json!({
                "id": format!("race_{i:02}"), "workspaceId": "ws_p", "status": "SCHEDULED",
                "scheduledAt": "2026-03-01T00:00:00Z",
                "socialAccounts": [
                    { "socialAccountId": "acc_li", "status": "PENDING" },
                    { "socialAccountId": "acc_ig", "status": "PENDING" } ],
            })
        })
        .collect();
    app.seed(&json!({ "scheduledPosts": posts }).to_string());
    let publisher = app.publisher_of("org_p");
    let claims = claim(&publisher, &json!({"limit": 100}));
    assert_eq!(claims.len(), 63);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let reporters: Vec<_> = claims
            .chunks(8)
            .map(|chunk| {
                let publisher = &publisher;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|claim| {
                            let report = publisher.send(
                                "POST",
                                &format!("/claims/{}/report", id(claim)),
                                &published("https://x.test/r"),
                            );
                            report.status
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let app = &app;
        let disconnect = scope.spawn(move || app.delete("/social-account/acc_li", KEY_P).status);
        let mut all: Vec<u16> = reporters
            .into_iter()
            .flat_map(|r| r.join().unwrap())
            .collect();
        all.push(disconnect.join().unwrap());
        all
    });
    assert!(
        statuses.iter().all(|s| matches!(s, 200 | 409)),
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&200), "the disconnect went through");
    assert!(app.db.usage_drift().is_empty(), "usage equals a recount");
    assert_eq!(app.db.count(ORPHAN_LINKS), 0);
    // Every Instagram report went through; LinkedIn ones before the disconnect did.
    assert_eq!(
        app.db.count(
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts \
             WHERE social_account_id = 'acc_ig' AND status = 'PUBLISHED'"
        ),
        31
    );
}

social_accounts_storage::on_both_backends!(
    a_report_after_a_replace_or_a_disconnect_is_lease_lost,
    reports_racing_a_disconnect_never_fail,
);
