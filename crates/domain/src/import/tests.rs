use super::*;
use crate::{AccessTokenStatus, AccountType, LinkStatus, Platform, Platforms, Timestamp};

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

/// Validates with the default platforms, the contract's four.
fn validate(text: &str) -> Result<ImportBatch, ImportError> {
    validate_with(text, &Platforms::default())
}

fn validate_with(text: &str, platforms: &Platforms) -> Result<ImportBatch, ImportError> {
    super::stream_tests::both(text, Timestamp::now(), platforms)
}

/// The whole error message with the default platforms.
fn error_of(text: &str) -> String {
    error_with(text, &Platforms::default())
}

fn error_with(text: &str, platforms: &Platforms) -> String {
    match validate_with(text, platforms) {
        Ok(_) => panic!("expected an error for {text}"),
        Err(e) => e.to_string(),
    }
}

/// [`SPEC_EXAMPLE`] with one account on `platform` as `account_type`.
fn account_on(platform: &str, account_type: &str) -> String {
    SPEC_EXAMPLE
        .replacen(
            "\"platformType\": \"linkedin\"",
            &format!("\"platformType\": \"{platform}\""),
            1,
        )
        .replacen(
            "\"accountType\": \"organization\"",
            &format!("\"accountType\": \"{account_type}\""),
            1,
        )
}

#[test]
fn the_spec_example_is_valid() {
    let batch = validate(SPEC_EXAMPLE).unwrap();
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
    assert_eq!(
        batch.scheduled_posts[0].links[0].status,
        LinkStatus::Pending
    );
}

#[test]
fn an_empty_file_is_an_empty_batch() {
    let batch = validate("{}").unwrap();
    assert!(batch.organizations.is_empty() && batch.social_accounts.is_empty());
}

#[test]
fn unknown_fields_are_named_with_their_record() {
    let text = SPEC_EXAMPLE.replace(
        "\"accountName\": \"PostNitro\"",
        "\"accountNmae\": \"PostNitro\"",
    );
    assert_eq!(
        error_of(&text),
        "socialAccounts[0].accountNmae: unknown field `accountNmae`, expected one of `id`, \
         `workspaceId`, `platformType`, `accountHandle`, `accountType`, `accountName`, \
         `accountLogo`, `accessTokenStatus`, `tokenExpiresAt`, `accessToken`, `refreshToken`, \
         `createdAt`, `updatedAt` at line 12 column 86"
    );
    assert_eq!(
        error_of(r#"{"organisations": []}"#),
        "organisations: unknown field `organisations`, expected one of `organizations`, \
         `workspaces`, `apiKeys`, `socialAccounts`, `designs`, `scheduledPosts` at line 1 column 17"
    );
}

#[test]
fn wrong_types_and_syntax_are_reported() {
    assert_eq!(
        error_of(r#"{"organizations": [{"id": 5}]}"#),
        "organizations[0].id: invalid type: integer `5`, expected a string at line 1 column 28"
    );
    // A syntax error before the first key has no path: serde_path_to_error writes `?`.
    assert_eq!(
        error_of("{"),
        "?: EOF while parsing an object at line 1 column 1"
    );
}

/// Every check's whole message: where and what. `(from, to)` edits [`SPEC_EXAMPLE`].
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
            "\"platformType\": \"myspace\"",
            "socialAccounts[0].platformType: \"myspace\" is not a platform (expected one of: linkedin, instagram, tiktok, threads)",
        ),
        (
            "\"mainPlan\": \"paid\"",
            "\"mainPlan\": \"gold\"",
            "organizations[0].mainPlan: \"gold\" is not a plan (expected one of: free, paid)",
        ),
        (
            "\"embedSubscription\": \"inactive\"",
            "\"embedSubscription\": \"paused\"",
            "organizations[0].embedSubscription: \"paused\" is not a subscription state (expected one of: active, inactive)",
        ),
        (
            "\"accessTokenStatus\": \"active\"",
            "\"accessTokenStatus\": \"ACTIVE\"",
            "socialAccounts[0].accessTokenStatus: \"ACTIVE\" is not a token status (expected one of: active, expired, revoked)",
        ),
        (
            "\"status\": \"SCHEDULED\"",
            "\"status\": \"PENDING\"",
            "scheduledPosts[0].status: \"PENDING\" is not a post status (expected one of: DRAFT, SCHEDULED)",
        ),
        (
            "\"status\": \"PENDING\" }",
            "\"status\": \"SENT\" }",
            "scheduledPosts[0].socialAccounts[0].status: \"SENT\" is not a link status (expected one of: DRAFT, PENDING, PUBLISHED, FAILED)",
        ),
        (
            "\"tokenExpiresAt\": \"2026-09-01T00:00:00.000Z\"",
            "\"tokenExpiresAt\": \"soon\"",
            "socialAccounts[0].tokenExpiresAt: \"soon\" is not an RFC 3339 timestamp such as 2026-09-01T00:00:00.000Z",
        ),
        (
            "\"id\": \"ws_456\"",
            "\"id\": \"ws 456\"",
            "workspaces[0].id: id contains ' '; only ASCII letters, digits, '_' and '-' are allowed",
        ),
        (
            "\"key\": \"pn-test-6a1f0c9e2b7d4e58\"",
            "\"key\": \"short\"",
            "apiKeys[0].key: the API key is malformed: 8 to 256 visible ASCII characters are expected",
        ),
        (
            "\"accountLogo\": \"https://example.com/logo.png\"",
            "\"accountLogo\": \"not a url\"",
            "socialAccounts[0].accountLogo: must be an absolute URL of at most 2048 characters",
        ),
        (
            "\"accountHandle\": \"postnitroai-co\"",
            "\"accountHandle\": \" \"",
            "socialAccounts[0].accountHandle: must be 1 to 255 characters",
        ),
        (
            "\"accessToken\": \"tok\"",
            "\"accessToken\": \"\"",
            "socialAccounts[0].accessToken: must not be empty",
        ),
    ];
    for (from, to, expected) in cases {
        let text = SPEC_EXAMPLE.replacen(from, to, 1);
        assert_ne!(text, SPEC_EXAMPLE, "replacement {from} did not apply");
        assert_eq!(error_of(&text), expected);
    }
}

#[test]
fn only_enabled_platforms_are_accepted() {
    let platforms = Platforms::parse("tiktok,threads").unwrap();
    assert_eq!(
        error_with(SPEC_EXAMPLE, &platforms),
        "socialAccounts[0].platformType: \"linkedin\" is not an enabled platform (enabled: \
         tiktok, threads; enable it with PLATFORMS or serve --platforms)"
    );
    // An unknown name is answered with the enabled names only.
    assert_eq!(
        error_with(&account_on("myspace", "personal"), &platforms),
        "socialAccounts[0].platformType: \"myspace\" is not a platform (expected one of: \
         tiktok, threads)"
    );
    let batch = validate_with(&account_on("tiktok", "business"), &platforms).unwrap();
    assert_eq!(batch.social_accounts[0].platform, Platform::Tiktok);
    assert_eq!(batch.social_accounts[0].account_type, AccountType::Business);
}

#[test]
fn facebook_and_pinterest_are_off_by_default() {
    for (platform, kind) in [("facebook", "page"), ("pinterest", "board")] {
        assert_eq!(
            error_of(&account_on(platform, kind)),
            format!(
                "socialAccounts[0].platformType: \"{platform}\" is not an enabled platform \
                 (enabled: linkedin, instagram, tiktok, threads; enable it with PLATFORMS or \
                 serve --platforms)"
            )
        );
    }
}

#[test]
fn enabled_facebook_and_pinterest_take_pages_and_boards() {
    let all = Platforms::all();
    for (platform, kind, expected) in [
        ("facebook", "page", (Platform::Facebook, AccountType::Page)),
        (
            "pinterest",
            "board",
            (Platform::Pinterest, AccountType::Board),
        ),
    ] {
        let batch = validate_with(&account_on(platform, kind), &all).unwrap();
        let account = &batch.social_accounts[0];
        assert_eq!((account.platform, account.account_type), expected);
    }
    let cases = [
        (
            "facebook",
            "board",
            "socialAccounts[0].accountType: \"board\" is not a facebook account type (expected \
             one of: page)",
        ),
        (
            "pinterest",
            "personal",
            "socialAccounts[0].accountType: \"personal\" is not a pinterest account type \
             (expected one of: board)",
        ),
        (
            "linkedin",
            "page",
            "socialAccounts[0].accountType: \"page\" is not a linkedin account type (expected \
             one of: personal, organization)",
        ),
    ];
    for (platform, kind, expected) in cases {
        assert_eq!(error_with(&account_on(platform, kind), &all), expected);
    }
    // Enabled in any order; an unknown name lists exactly the enabled ones, in that order.
    let some = Platforms::parse("pinterest,linkedin").unwrap();
    assert!(validate_with(&account_on("pinterest", "board"), &some).is_ok());
    assert_eq!(
        error_with(&account_on("myspace", "page"), &some),
        "socialAccounts[0].platformType: \"myspace\" is not a platform (expected one of: \
         pinterest, linkedin)"
    );
}

#[test]
fn an_account_appears_once_per_post() {
    let text = SPEC_EXAMPLE.replace(
        "\"status\": \"PENDING\" }",
        "\"status\": \"PENDING\" }, { \"socialAccountId\": \"cmqi7jyir0003v0m91hxnyyaq\", \"status\": \"DRAFT\" }",
    );
    assert_eq!(
        error_of(&text),
        "scheduledPosts[0].socialAccounts[1].socialAccountId: account cmqi7jyir0003v0m91hxnyyaq appears twice in this post"
    );
}

#[test]
fn optional_fields_default() {
    let text = r#"{"socialAccounts": [{"workspaceId": "ws", "platformType": "threads",
        "accountHandle": "h", "accountType": "personal", "accountName": "n", "accessToken": "t"}]}"#;
    let batch = validate(text).unwrap();
    let account = &batch.social_accounts[0];
    assert_eq!(account.access_token_status, AccessTokenStatus::Active);
    assert_eq!(account.created_at, account.updated_at);
    assert!(account.token_expires_at.is_none() && account.account_logo.is_none());
    assert_eq!(account.id.as_str().len(), 25);
}

#[test]
fn tokens_never_show_in_debug() {
    let batch = validate(SPEC_EXAMPLE).unwrap();
    let shown = format!("{batch:?}");
    assert!(!shown.contains("\"tok\""), "{shown}");
    assert!(!shown.contains("pn-test-6a1f0c9e2b7d4e58"), "{shown}");
}

#[test]
fn the_report_counts_what_the_batch_writes() {
    let report = validate(SPEC_EXAMPLE).unwrap().report();
    assert_eq!(
        report,
        ImportReport {
            organizations: 1,
            workspaces: 1,
            api_keys: 1,
            social_accounts: 1,
            designs: 0,
            scheduled_posts: 1,
            links: 1,
        }
    );
    assert_eq!(ImportBatch::default().report(), ImportReport::default());
}
