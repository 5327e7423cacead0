//! `POST /claims`: what is due, in what order, with what; reach, filters, refusals, and
//! claimers that never share a link.

use std::collections::HashSet;

use serde_json::json;
use social_accounts_domain::KeyKind;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use super::{claim, links, world};
use crate::helpers::{TestApp, invalid_fields, problem};

fn pair(post: &str, account: &str) -> (String, String) {
    (post.to_owned(), account.to_owned())
}

fn claims_take_the_due_links_in_order_with_their_post_and_tokens(backend: Backend) {
    let (app, _clock) = world(backend);
    let publisher = app.publisher();
    let claims = claim(&publisher, &json!({}));
    // Not due: a future post, a draft, an expired and a revoked token.
    assert_eq!(
        links(&claims),
        [
            pair("post_a", "acc_li"),
            pair("post_a", "acc_ig"),
            pair("post_b", "acc_li"),
            pair("post_q", "acc_q"),
        ]
    );
    let first = &claims[0];
    assert_eq!(first["attempt"], 1);
    assert_eq!(first["previousAttempt"], json!(null));
    assert_eq!(
        first["post"],
        json!({
            "id": "post_a",
            "workspaceId": "ws_p",
            "scheduledFor": "2026-01-01T09:00:00.000Z",
            "labels": ["launch"],
            "designDetails": { "id": "d_p", "name": "Carousel", "designType": "carousel", "source": "editor" },
            "postSettings": null,
            "settings": { "postType": "carousel", "postTitle": null },
            "caption": { "text": "Hi #linkedin", "hashtags": ["linkedin"] },
        })
    );
    assert_eq!(
        first["account"],
        json!({
            "id": "acc_li",
            "platformType": "linkedin",
            "accountType": "personal",
            "accountHandle": "li",
            "externalId": null,
            "accessToken": "tok-li",
            "refreshToken": "ref-li",
            "tokenExpiresAt": "2099-01-01T00:00:00.000Z",
        })
    );
    // Instagram has no caption of its own: the common one; no settings object.
    assert_eq!(claims[1]["post"]["caption"]["text"], "Hello #all");
    assert_eq!(claims[1]["post"]["settings"], json!(null));
    assert_eq!(claims[1]["account"]["refreshToken"], json!(null));
    // Every link is held: nothing more to claim, by this key or another.
    assert_eq!(
        claim(&publisher, &json!({})),
        Vec::<serde_json::Value>::new()
    );
    assert!(claim(&app.publisher(), &json!({"limit": 100})).is_empty());
}

fn an_organization_key_claims_its_own_and_filters_narrow(backend: Backend) {
    let (app, _clock) = world(backend);
    let q = app.publisher_of("org_q");
    assert_eq!(links(&claim(&q, &json!({}))), [pair("post_q", "acc_q")]);
    let p = app.publisher_of("org_p");
    let instagram = claim(&p, &json!({"platforms": ["instagram"]}));
    assert_eq!(links(&instagram), [pair("post_a", "acc_ig")]);
    let one = claim(&p, &json!({"limit": 1, "leaseSeconds": 10}));
    assert_eq!(links(&one), [pair("post_a", "acc_li")]);
    assert_eq!(links(&claim(&p, &json!({}))), [pair("post_b", "acc_li")]);
    // Platforms not served are not platforms of this deployment.
    assert_eq!(
        invalid_fields(&p.send("POST", "/claims", &json!({"platforms": ["facebook"]}))),
        ["platforms.0"]
    );
}

fn other_keys_and_bad_bodies_are_refused(backend: Backend) {
    let (app, _clock) = world(backend);
    let none = app.publisher_with("");
    problem(
        &none.send("POST", "/claims", &json!({})),
        401,
        "unauthorized",
    );
    let operator = app.mint(KeyKind::Operator, None, None);
    problem(
        &app.publisher_with(&operator)
            .send("POST", "/claims", &json!({})),
        403,
        "forbidden",
    );
    problem(
        &app.publisher_with(super::KEY_P)
            .send("POST", "/claims", &json!({})),
        403,
        "forbidden",
    );
    let publisher = app.publisher();
    assert_eq!(
        invalid_fields(&publisher.send(
            "POST",
            "/claims",
            &json!({"limit": 0, "leaseSeconds": 5, "platforms": ["myspace", 3], "x": 1}),
        )),
        ["limit", "leaseSeconds", "platforms.0", "platforms.1", "x"]
    );
    let text = publisher.send_raw(
        "POST",
        "/claims",
        &[("content-type", "text/plain")],
        Some("{}"),
    );
    problem(&text, 415, "unsupported-media-type");
    // Nothing was claimed by the refusals.
    assert_eq!(claim(&publisher, &json!({})).len(), 4);
}

/// `count` due posts of one link each in `ws_p`.
fn many_due(app: &TestApp, count: usize) {
    let posts: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            json!({
                "id": format!("many_{i:04}"),
                "workspaceId": "ws_p",
                "status": "SCHEDULED",
                "scheduledAt": format!("2026-02-01T00:{:02}:{:02}Z", i / 60 % 60, i % 60),
                "socialAccounts": [ { "socialAccountId": "acc_li", "status": "PENDING" } ],
            })
        })
        .collect();
    app.seed(&json!({ "scheduledPosts": posts }).to_string());
}

fn concurrent_claimers_never_share_a_link(backend: Backend) {
    let app = TestApp::builder(TestDb::migrated(backend)).start();
    app.seed(super::PUBLISH_WORLD);
    many_due(&app, 120);
    let key = app.mint(KeyKind::Publisher, None, None);
    let taken: Vec<Vec<(String, String)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|_| {
                let (app, key) = (&app, key.clone());
                scope.spawn(move || {
                    let publisher = app.publisher_with(&key);
                    let mut mine = Vec::new();
                    loop {
                        let claims = claim(&publisher, &json!({"limit": 7}));
                        if claims.is_empty() {
                            return mine;
                        }
                        mine.extend(links(&claims));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let all: Vec<&(String, String)> = taken.iter().flatten().collect();
    let distinct: HashSet<&(String, String)> = all.iter().copied().collect();
    // The intersection is empty: no link went to two claims.
    assert_eq!(all.len(), distinct.len(), "a link was claimed twice");
    // The union is the due set: the world's four and the 120.
    assert_eq!(distinct.len(), 124);
    assert!(distinct.contains(&pair("many_0119", "acc_li")));
    assert!(taken.iter().filter(|mine| !mine.is_empty()).count() > 1);
}

social_accounts_storage::on_both_backends!(
    claims_take_the_due_links_in_order_with_their_post_and_tokens,
    an_organization_key_claims_its_own_and_filters_narrow,
    other_keys_and_bad_bodies_are_refused,
    concurrent_claimers_never_share_a_link,
);
