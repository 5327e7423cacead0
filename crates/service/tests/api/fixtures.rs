//! The world every HTTP test starts from.

/// Key of workspace `ws_a1` (org_a: paid + API credits).
pub const KEY_A1: &str = "key-a1-0123456789";
/// Key of workspace `ws_a2` (same organization).
pub const KEY_A2: &str = "key-a2-0123456789";
/// Key of org_a without a workspace.
pub const KEY_NO_WS: &str = "key-nows-0123456789";
/// Key of org_free (free plan, no add-on, no subscription).
pub const KEY_FREE: &str = "key-free-0123456789";
/// Key of org_paid_only (paid, but no API credits add-on).
pub const KEY_PAID_ONLY: &str = "key-paidonly-0123456789";
/// Key of org_embed (free plan, active Embed API subscription).
pub const KEY_EMBED: &str = "key-embed-0123456789";
/// Key of org_doomed, whose organization the test deletes.
pub const KEY_DOOMED: &str = "key-doomed-0123456789";

/// `ws_a1`'s LinkedIn page: the account most Schedule API tests post to.
pub const LINKEDIN: &str = "cmqi7jyir0003v0m91hxnyyaq";

/// The Schedule API's 404 body.
pub const POST_NOT_FOUND: &str =
    r#"{"success":false,"message":"Post details not found.","error":"Post details not found."}"#;

pub const WORLD: &str = r#"{
  "organizations": [
    { "id": "org_a", "name": "A", "mainPlan": "paid", "apiCreditsAddon": true },
    { "id": "org_free", "name": "Free", "mainPlan": "free" },
    { "id": "org_paid_only", "name": "Paid", "mainPlan": "paid", "apiCreditsAddon": false },
    { "id": "org_embed", "name": "Embed", "mainPlan": "free", "embedSubscription": "active" },
    { "id": "org_doomed", "name": "Doomed", "mainPlan": "paid", "apiCreditsAddon": true }
  ],
  "workspaces": [
    { "id": "ws_a1", "organizationId": "org_a", "name": "A1" },
    { "id": "ws_a2", "organizationId": "org_a", "name": "A2" },
    { "id": "ws_free", "organizationId": "org_free", "name": "F" },
    { "id": "ws_paid_only", "organizationId": "org_paid_only", "name": "P" },
    { "id": "ws_embed", "organizationId": "org_embed", "name": "E" },
    { "id": "ws_doomed", "organizationId": "org_doomed", "name": "D" }
  ],
  "apiKeys": [
    { "organizationId": "org_a", "workspaceId": "ws_a1", "name": "a1", "key": "key-a1-0123456789" },
    { "organizationId": "org_a", "workspaceId": "ws_a2", "name": "a2", "key": "key-a2-0123456789" },
    { "organizationId": "org_a", "workspaceId": null, "name": "nows", "key": "key-nows-0123456789" },
    { "organizationId": "org_free", "workspaceId": "ws_free", "key": "key-free-0123456789" },
    { "organizationId": "org_paid_only", "workspaceId": "ws_paid_only", "key": "key-paidonly-0123456789" },
    { "organizationId": "org_embed", "workspaceId": "ws_embed", "key": "key-embed-0123456789" },
    { "organizationId": "org_doomed", "workspaceId": "ws_doomed", "key": "key-doomed-0123456789" }
  ],
  "socialAccounts": [
    { "id": "cmqi7jyir0003v0m91hxnyyaq", "workspaceId": "ws_a1", "platformType": "linkedin",
      "accountHandle": "postnitroai-co", "accountType": "organization", "accountName": "PostNitro",
      "accountLogo": "https://example.com/logo.png", "accessTokenStatus": "active",
      "tokenExpiresAt": "2099-09-01T00:00:00.000Z", "accessToken": "secret-access-1", "refreshToken": "secret-refresh-1",
      "createdAt": "2026-05-01T12:00:00.000Z", "updatedAt": "2026-05-02T08:30:00.250Z" },
    { "id": "acc_b", "workspaceId": "ws_a1", "platformType": "linkedin", "accountHandle": "b",
      "accountType": "personal", "accountName": "B", "accessToken": "secret-access-2",
      "tokenExpiresAt": "2020-01-01T00:00:00.000Z", "createdAt": "2026-05-01T12:00:00.000Z" },
    { "id": "acc_ig", "workspaceId": "ws_a1", "platformType": "instagram", "accountHandle": "ig",
      "accountType": "creator", "accountName": "IG", "accessToken": "secret-access-3",
      "accessTokenStatus": "revoked", "tokenExpiresAt": "2020-01-01T00:00:00.000Z", "createdAt": "2026-04-01T00:00:00.000Z" },
    { "id": "acc_th", "workspaceId": "ws_a1", "platformType": "threads", "accountHandle": "th",
      "accountType": "personal", "accountName": "TH", "accessToken": "secret-access-4", "createdAt": "2026-03-01T00:00:00Z" },
    { "id": "acc_other", "workspaceId": "ws_a2", "platformType": "tiktok", "accountHandle": "o",
      "accountType": "business", "accountName": "Other", "accessToken": "secret-access-5", "createdAt": "2026-03-01T00:00:00Z" }
  ],
  "scheduledPosts": [
    { "id": "p1", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "PUBLISHED" },
      { "socialAccountId": "acc_b", "status": "DRAFT" } ] },
    { "id": "p2", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "PENDING" } ] },
    { "id": "p3", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "FAILED" } ] },
    { "id": "p4", "workspaceId": "ws_a1", "status": "DRAFT", "socialAccounts": [
      { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "PENDING" } ] },
    { "id": "p5", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "PENDING" } ] },
    { "id": "p6", "workspaceId": "ws_a2", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "acc_other", "status": "PENDING" } ] }
  ]
}"#;

/// Every secret in the world, for "never in a body" checks.
pub const SECRETS: &[&str] = &[
    "secret-",
    KEY_A1,
    KEY_A2,
    KEY_NO_WS,
    KEY_FREE,
    KEY_PAID_ONLY,
    KEY_EMBED,
    KEY_DOOMED,
];

/// On top of `WORLD`: designs in two workspaces and a TikTok account in `ws_a1`, for the
/// Schedule API.
pub const SCHEDULE: &str = r#"{
  "socialAccounts": [
    { "id": "acc_tt", "workspaceId": "ws_a1", "platformType": "tiktok", "accountHandle": "tt",
      "accountType": "business", "accountName": "TT", "accessToken": "secret-access-6",
      "createdAt": "2026-03-01T00:00:00Z" }
  ],
  "designs": [
    { "id": "d1", "workspaceId": "ws_a1", "name": "Q3 carousel", "designType": "carousel", "source": "editor" },
    { "id": "d2", "workspaceId": "ws_a2", "name": "Other", "designType": "image", "source": "upload" }
  ]
}"#;
