//! The publisher API (`/publisher/v1`) over HTTP on both backends: claims in order with their
//! post and tokens, reach and platform filters, reports and what the Embed API then shows,
//! retries and the attempt limit, lease expiry, releases, races with replaces and
//! disconnects, and concurrent claimers that never share a link. Every answer is checked
//! against `/publisher/v1/openapi.json` by the client (`helpers::Bearer`).

mod claims;
mod instances;
mod leases;
mod races;
mod reports;
mod worker;

use std::sync::Arc;

use serde_json::{Value, json};
use social_accounts_domain::publish::Policy;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::helpers::{Bearer, ManualClock, TestApp};

/// The Embed API key of workspace `ws_p`.
pub const KEY_P: &str = "key-p-0123456789";

/// Two organizations; in `ws_p` a LinkedIn and an Instagram account with live tokens, one
/// whose token has expired and one revoked; posts due (`post_a` with both live accounts,
/// `post_b`), not yet due, a draft, one whose accounts cannot publish; in `ws_q` one due post.
pub const PUBLISH_WORLD: &str = r#"{
  "organizations": [
    { "id": "org_p", "name": "P", "mainPlan": "paid", "apiCreditsAddon": true },
    { "id": "org_q", "name": "Q", "mainPlan": "paid", "apiCreditsAddon": true }
  ],
  "workspaces": [
    { "id": "ws_p", "organizationId": "org_p", "name": "P" },
    { "id": "ws_q", "organizationId": "org_q", "name": "Q" }
  ],
  "apiKeys": [
    { "organizationId": "org_p", "workspaceId": "ws_p", "name": "p", "key": "key-p-0123456789" }
  ],
  "socialAccounts": [
    { "id": "acc_li", "workspaceId": "ws_p", "platformType": "linkedin", "accountHandle": "li",
      "accountType": "personal", "accountName": "LI", "accessToken": "tok-li",
      "refreshToken": "ref-li", "tokenExpiresAt": "2099-01-01T00:00:00Z" },
    { "id": "acc_ig", "workspaceId": "ws_p", "platformType": "instagram", "accountHandle": "ig",
      "accountType": "creator", "accountName": "IG", "accessToken": "tok-ig" },
    { "id": "acc_old", "workspaceId": "ws_p", "platformType": "linkedin", "accountHandle": "old",
      "accountType": "personal", "accountName": "Old", "accessToken": "tok-old",
      "tokenExpiresAt": "2020-01-01T00:00:00Z" },
    { "id": "acc_rev", "workspaceId": "ws_p", "platformType": "tiktok", "accountHandle": "rev",
      "accountType": "business", "accountName": "Rev", "accessToken": "tok-rev",
      "accessTokenStatus": "revoked" },
    { "id": "acc_q", "workspaceId": "ws_q", "platformType": "linkedin", "accountHandle": "q",
      "accountType": "personal", "accountName": "Q", "accessToken": "tok-q" }
  ],
  "designs": [
    { "id": "d_p", "workspaceId": "ws_p", "name": "Carousel", "designType": "carousel", "source": "editor" }
  ],
  "scheduledPosts": [
    { "id": "post_a", "workspaceId": "ws_p", "status": "SCHEDULED",
      "scheduledAt": "2026-01-01T09:00:00Z", "designId": "d_p", "labels": ["launch"],
      "postContent": { "common": "Hello #all", "linkedin": "Hi #linkedin" },
      "linkedinPostSettings": { "postType": "carousel", "postTitle": null },
      "socialAccounts": [ { "socialAccountId": "acc_li", "status": "PENDING" },
                          { "socialAccountId": "acc_ig", "status": "PENDING" } ] },
    { "id": "post_b", "workspaceId": "ws_p", "status": "SCHEDULED",
      "scheduledAt": "2026-01-01T10:00:00Z",
      "socialAccounts": [ { "socialAccountId": "acc_li", "status": "PENDING" } ] },
    { "id": "post_future", "workspaceId": "ws_p", "status": "SCHEDULED",
      "scheduledAt": "2099-01-01T00:00:00Z",
      "socialAccounts": [ { "socialAccountId": "acc_li", "status": "PENDING" } ] },
    { "id": "post_draft", "workspaceId": "ws_p", "status": "DRAFT",
      "scheduledAt": "2026-01-01T00:00:00Z",
      "socialAccounts": [ { "socialAccountId": "acc_li", "status": "PENDING" } ] },
    { "id": "post_old", "workspaceId": "ws_p", "status": "SCHEDULED",
      "scheduledAt": "2026-01-01T00:00:00Z",
      "socialAccounts": [ { "socialAccountId": "acc_old", "status": "PENDING" },
                          { "socialAccountId": "acc_rev", "status": "PENDING" } ] },
    { "id": "post_q", "workspaceId": "ws_q", "status": "SCHEDULED",
      "scheduledAt": "2026-01-01T11:00:00Z",
      "socialAccounts": [ { "socialAccountId": "acc_q", "status": "PENDING" } ] }
  ]
}"#;

/// A server over `PUBLISH_WORLD` with a clock the test moves, publishing with `policy`.
pub fn world_with(backend: Backend, policy: Policy) -> (TestApp, Arc<ManualClock>) {
    let clock = ManualClock::new();
    let app = TestApp::builder(TestDb::migrated(backend))
        .clock(clock.clone())
        .publish_policy(policy)
        .start();
    app.seed(PUBLISH_WORLD);
    (app, clock)
}

/// A server over `PUBLISH_WORLD` with the default policy.
pub fn world(backend: Backend) -> (TestApp, Arc<ManualClock>) {
    world_with(backend, Policy::default())
}

/// `POST /claims` with `body`; the claims (200 asserted).
#[track_caller]
pub fn claim(publisher: &Bearer<'_>, body: &Value) -> Vec<Value> {
    let response = publisher.send("POST", "/claims", body);
    assert_eq!(response.status, 200, "{}", response.body);
    response.json()["claims"].as_array().unwrap().clone()
}

/// `(post id, account id)` of each claim.
pub fn links(claims: &[Value]) -> Vec<(String, String)> {
    claims
        .iter()
        .map(|c| {
            (
                c["post"]["id"].as_str().unwrap().to_owned(),
                c["account"]["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The claim's id.
pub fn id(claim: &Value) -> String {
    claim["claimId"].as_str().unwrap().to_owned()
}

/// A `PUBLISHED` report.
pub fn published(live_link: &str) -> Value {
    json!({ "outcome": "PUBLISHED", "liveLink": live_link })
}

/// A `FAILED` report.
pub fn failed(category: &str, retryable: bool) -> Value {
    json!({
        "outcome": "FAILED",
        "errorMessage": format!("{category} went wrong"),
        "errorCategory": category,
        "retryable": retryable,
    })
}

/// `GET /schedule/{id}` of the Embed API in `ws_p`: the post object.
#[track_caller]
pub fn embed_post(app: &TestApp, id: &str) -> Value {
    let response = app.get(&format!("/schedule/{id}"), KEY_P);
    assert_eq!(response.status, 200, "{}", response.body);
    response.json()["data"].clone()
}
