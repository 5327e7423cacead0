//! A small world: two organizations, three workspaces, accounts and posts.

use social_accounts_domain::import::ImportReport;
use social_accounts_domain::{SocialAccountId, WorkspaceId};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, Store};

pub const WORLD: &str = r#"{
  "organizations": [
    { "id": "org_a", "name": "A", "mainPlan": "paid", "apiCreditsAddon": true },
    { "id": "org_b", "name": "B", "mainPlan": "free", "embedSubscription": "active" }
  ],
  "workspaces": [
    { "id": "ws_a1", "organizationId": "org_a", "name": "A1" },
    { "id": "ws_a2", "organizationId": "org_a", "name": "A2" },
    { "id": "ws_b1", "organizationId": "org_b", "name": "B1" }
  ],
  "apiKeys": [
    { "organizationId": "org_a", "workspaceId": "ws_a1", "name": "a1", "key": "key-a1-0123456789" }
  ],
  "socialAccounts": [
    { "id": "acc_late", "workspaceId": "ws_a1", "platformType": "linkedin", "accountHandle": "late",
      "accountType": "personal", "accountName": "Late", "accessToken": "secret-access-late",
      "refreshToken": "secret-refresh-late", "createdAt": "2026-05-02T00:00:00.000Z" },
    { "id": "acc_b", "workspaceId": "ws_a1", "platformType": "linkedin", "accountHandle": "b",
      "accountType": "organization", "accountName": "B", "accessToken": "secret-access-b",
      "createdAt": "2026-05-01T00:00:00.000Z", "tokenExpiresAt": "2020-01-01T00:00:00.000Z" },
    { "id": "acc_a", "workspaceId": "ws_a1", "platformType": "linkedin", "accountHandle": "a",
      "accountType": "organization", "accountName": "A", "accessToken": "secret-access-a",
      "createdAt": "2026-05-01T00:00:00.000Z", "accountLogo": "https://example.com/a.png" },
    { "id": "acc_ig", "workspaceId": "ws_a1", "platformType": "instagram", "accountHandle": "ig",
      "accountType": "creator", "accountName": "IG", "accessToken": "secret-access-ig",
      "accessTokenStatus": "revoked", "tokenExpiresAt": "2020-01-01T00:00:00.000Z" },
    { "id": "acc_other", "workspaceId": "ws_a2", "platformType": "tiktok", "accountHandle": "o",
      "accountType": "business", "accountName": "Other", "accessToken": "secret-access-o" }
  ],
  "scheduledPosts": [
    { "id": "p1", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "acc_a", "status": "PENDING" },
      { "socialAccountId": "acc_b", "status": "PUBLISHED" } ] },
    { "id": "p2", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "acc_a", "status": "PUBLISHED" } ] },
    { "id": "p3", "workspaceId": "ws_a1", "status": "DRAFT", "socialAccounts": [
      { "socialAccountId": "acc_a", "status": "PENDING" } ] },
    { "id": "p4", "workspaceId": "ws_a1", "status": "DRAFT", "socialAccounts": [
      { "socialAccountId": "acc_a", "status": "FAILED" } ] },
    { "id": "p5", "workspaceId": "ws_a2", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "acc_other", "status": "PENDING" } ] }
  ]
}"#;

pub fn import(store: &Store, text: &str) -> ImportReport {
    social_accounts_storage::testing::import_json(store, text).unwrap()
}

pub fn world(backend: Backend) -> (TestDb, Store) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    import(&store, WORLD);
    (db, store)
}

pub fn ws(raw: &str) -> WorkspaceId {
    WorkspaceId::parse(raw).unwrap()
}

pub fn acc(raw: &str) -> SocialAccountId {
    SocialAccountId::parse(raw).unwrap()
}
