use super::*;

const SPEC_EXAMPLE: &str = r#"{
  "organizations": [
    { "id": "org_123", "name": "Acme", "mainPlan": "paid", "apiCreditsAddon": true,
      "embedSubscription": "inactive" }
  ],
  "workspaces": [ { "id": "ws_456", "organizationId": "org_123", "name": "Marketing" } ],
  "apiKeys": [
    { "organizationId": "org_123", "workspaceId": "ws_456", "name": "ci", "key": "pn-test-6a1f0c9e2b7d4e58" }
  ],
  "socialAccounts": [
    { "id": "cmqi7jyir0003v0m91hxnyyaq", "workspaceId": "ws_456", "platformType": "linkedin",
      "accountHandle": "postnitroai-co", "accountType": "organization", "accountName": "PostNitro",
      "accountLogo": "https://example.com/logo.png", "accessTokenStatus": "active",
      "tokenExpiresAt": "2026-09-01T00:00:00.000Z", "accessToken": "tok", "refreshToken": null,
      "createdAt": "2026-05-01T12:00:00.000Z", "updatedAt": "2026-05-01T12:00:00.000Z" }
  ],
  "scheduledPosts": [
    { "id": "post_1", "workspaceId": "ws_456", "status": "SCHEDULED",
      "scheduledAt": "2026-12-01T09:00:00.000Z",
      "socialAccounts": [ { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "PENDING" } ] }
  ]
}"#;

fn validate(text: &str) -> Result<ImportBatch, ImportError> {
    ImportFile::from_json(text)?.validate(Timestamp::now())
}

fn error_of(text: &str) -> String {
    match validate(text) {
        Ok(_) => panic!("expected an error for {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_spec_example_is_valid() {
    let batch = validate(SPEC_EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(batch.organizations.len(), 1);
    assert!(batch.organizations[0].plan.qualifies_for_embed_api());
    assert_eq!(
        batch.api_keys[0].secret.expose(),
        "pn-test-6a1f0c9e2b7d4e58"
    );
    let account = &batch.social_accounts[0];
    assert_eq!(account.platform, Platform::Linkedin);
    assert_eq!(account.account_type, AccountType::Organization);
    assert_eq!(account.created_at.to_string(), "2026-05-01T12:00:00.000Z");
    assert_eq!(batch.scheduled_posts[0].links[0].1, LinkStatus::Pending);
}

#[test]
fn an_empty_file_is_an_empty_batch() {
    let batch = validate("{}").unwrap_or_else(|e| panic!("{e}"));
    assert!(batch.organizations.is_empty() && batch.social_accounts.is_empty());
}

#[test]
fn unknown_fields_are_named_with_their_record() {
    let text = SPEC_EXAMPLE.replace(
        "\"accountName\": \"PostNitro\"",
        "\"accountNmae\": \"PostNitro\"",
    );
    let error = error_of(&text);
    assert!(error.starts_with("socialAccounts[0]"), "{error}");
    assert!(error.contains("unknown field `accountNmae`"), "{error}");
    assert!(error_of(r#"{"organisations": []}"#).contains("unknown field `organisations`"));
}

#[test]
fn wrong_types_and_syntax_are_reported() {
    let error = error_of(r#"{"organizations": [{"id": 5}]}"#);
    assert!(error.starts_with("organizations[0].id"), "{error}");
    assert!(error_of("{").contains("EOF"));
}

#[test]
fn bad_values_name_record_and_field() {
    let cases = [
        (
            "\"accountType\": \"organization\"",
            "\"accountType\": \"creator\"",
            "socialAccounts[0].accountType: \"creator\" is not a linkedin account type (expected one of: personal, organization)",
        ),
        (
            "\"platformType\": \"linkedin\"",
            "\"platformType\": \"facebook\"",
            "socialAccounts[0].platformType",
        ),
        (
            "\"mainPlan\": \"paid\"",
            "\"mainPlan\": \"gold\"",
            "organizations[0].mainPlan",
        ),
        (
            "\"status\": \"PENDING\"",
            "\"status\": \"SENT\"",
            "scheduledPosts[0].socialAccounts[0].status",
        ),
        (
            "\"tokenExpiresAt\": \"2026-09-01T00:00:00.000Z\"",
            "\"tokenExpiresAt\": \"soon\"",
            "socialAccounts[0].tokenExpiresAt",
        ),
        (
            "\"id\": \"ws_456\"",
            "\"id\": \"ws 456\"",
            "workspaces[0].id",
        ),
        (
            "\"key\": \"pn-test-6a1f0c9e2b7d4e58\"",
            "\"key\": \"short\"",
            "apiKeys[0].key",
        ),
        (
            "\"accountLogo\": \"https://example.com/logo.png\"",
            "\"accountLogo\": \"not a url\"",
            "socialAccounts[0].accountLogo",
        ),
        (
            "\"accountHandle\": \"postnitroai-co\"",
            "\"accountHandle\": \" \"",
            "socialAccounts[0].accountHandle",
        ),
    ];
    for (from, to, expected) in cases {
        let text = SPEC_EXAMPLE.replace(from, to);
        assert_ne!(text, SPEC_EXAMPLE, "replacement {from} did not apply");
        let error = error_of(&text);
        assert!(
            error.starts_with(expected),
            "{error} does not start with {expected}"
        );
    }
}

#[test]
fn an_account_appears_once_per_post() {
    let text = SPEC_EXAMPLE.replace(
        "\"status\": \"PENDING\" }",
        "\"status\": \"PENDING\" }, { \"socialAccountId\": \"cmqi7jyir0003v0m91hxnyyaq\", \"status\": \"DRAFT\" }",
    );
    assert!(error_of(&text).starts_with("scheduledPosts[0].socialAccounts[1].socialAccountId"));
}

#[test]
fn optional_fields_default() {
    let text = r#"{"socialAccounts": [{"workspaceId": "ws", "platformType": "threads",
        "accountHandle": "h", "accountType": "personal", "accountName": "n", "accessToken": "t"}]}"#;
    let batch = validate(text).unwrap_or_else(|e| panic!("{e}"));
    let account = &batch.social_accounts[0];
    assert_eq!(account.access_token_status, AccessTokenStatus::Active);
    assert_eq!(account.created_at, account.updated_at);
    assert!(account.token_expires_at.is_none() && account.account_logo.is_none());
    assert_eq!(account.id.as_str().len(), 25);
}

#[test]
fn tokens_never_show_in_debug() {
    let batch = validate(SPEC_EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    let shown = format!("{batch:?}");
    assert!(!shown.contains("\"tok\""), "{shown}");
    assert!(!shown.contains("pn-test-6a1f0c9e2b7d4e58"), "{shown}");
}
