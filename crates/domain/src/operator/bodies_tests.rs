use serde_json::json;

use super::*;

fn fields_of(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect()
}

#[test]
fn an_organization_with_defaults_or_every_error() {
    let org = new_organization(&json!({"name": "Acme", "mainPlan": "paid"})).unwrap();
    assert_eq!(org.name, "Acme");
    assert_eq!(org.plan.main_plan, MainPlan::Paid);
    assert!(!org.plan.api_credits_addon);
    assert_eq!(org.plan.embed_subscription, EmbedSubscription::Inactive);
    assert!(OrganizationId::parse(org.id.as_str()).is_ok(), "minted");
    let given = new_organization(&json!({"id": "org_1", "name": "A", "mainPlan": "free",
        "apiCreditsAddon": true, "embedSubscription": "active"}))
    .unwrap();
    assert_eq!(given.id.as_str(), "org_1");
    let errors =
        new_organization(&json!({"id": "bad id", "mainPlan": 3, "plan": "x"})).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            (
                "id",
                "id contains ' '; only ASCII letters, digits, '_' and '-' are allowed"
            ),
            ("name", "is required"),
            ("mainPlan", "must be a string"),
            ("plan", "is not a field of this body"),
        ]
    );
}

#[test]
fn a_patch_names_only_what_changes() {
    assert_eq!(
        organization_patch(&json!({})).unwrap(),
        OrganizationPatch::default()
    );
    let patch = organization_patch(&json!({"mainPlan": "paid", "apiCreditsAddon": false})).unwrap();
    assert_eq!(patch.main_plan, Some(MainPlan::Paid));
    assert_eq!(patch.api_credits_addon, Some(false));
    assert_eq!(patch.name, None);
    let errors =
        organization_patch(&json!({"name": "", "embedSubscription": "maybe"})).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            ("name", "must be 1 to 255 characters"),
            ("embedSubscription", "must be one of: active, inactive"),
        ]
    );
    // A null is a mistake to report, never a field skipped: nothing here can be removed.
    let errors = organization_patch(&json!({"name": null, "mainPlan": null})).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            ("name", "must not be null"),
            ("mainPlan", "must not be null")
        ]
    );
}

#[test]
fn keys_of_each_kind() {
    let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
    let embed = key_request(
        &json!({"kind": "embed", "workspaceId": "ws_1", "name": "ci"}),
        now,
    )
    .unwrap();
    assert_eq!(
        (embed.kind, embed.workspace_id.map(WorkspaceId::into_string)),
        (KeyKind::Embed, Some("ws_1".to_owned()))
    );
    let errors = key_request(
        &json!({"kind": "operator", "workspaceId": "ws_1", "name": "x",
                "expiresAt": "2026-11-30T00:00:00Z"}),
        now,
    )
    .unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            (
                "workspaceId",
                "only an embed key is attached to a workspace"
            ),
            ("expiresAt", "must be in the future"),
        ]
    );
    let errors = key_request(&json!({"kind": "root"}), now).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            ("kind", "must be one of: embed, operator, publisher"),
            ("name", "is required"),
        ]
    );
}

fn connect_body() -> Value {
    json!({
        "platformType": "linkedin", "accountType": "organization", "accountHandle": "acme",
        "accountName": "Acme", "externalId": "urn:li:organization:1",
        "accessToken": "AQX-token", "refreshToken": "AQR", "tokenExpiresAt": "2027-01-01T00:00:00Z"
    })
}

#[test]
fn a_connect_with_the_imports_account_rules() {
    let connect = connect(&connect_body(), &Platforms::contract()).unwrap();
    assert_eq!(connect.platform, Platform::Linkedin);
    assert_eq!(connect.external_id, "urn:li:organization:1");
    assert_eq!(connect.tokens.access_token.expose(), "AQX-token");
    assert_eq!(
        connect.tokens.refresh_token.map(|t| t.expose().to_owned()),
        Some("AQR".to_owned())
    );
    assert_eq!(connect.id, None);
    let mut body = connect_body();
    body["platformType"] = json!("facebook");
    body["accountLogo"] = json!("not a url");
    body["accessToken"] = json!("");
    body.as_object_mut().unwrap().remove("externalId");
    body["token"] = json!("typo");
    let errors = super::connect(&body, &Platforms::contract()).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            (
                "platformType",
                "\"facebook\" is not an enabled platform (enabled: linkedin, instagram, tiktok, threads; enable it with PLATFORMS or serve --platforms)"
            ),
            (
                "accountLogo",
                "must be an absolute URL of at most 2048 characters"
            ),
            ("externalId", "is required"),
            ("accessToken", "must not be empty"),
            ("token", "is not a field of this body"),
        ]
    );
    let mut body = connect_body();
    body["accountType"] = json!("creator");
    let errors = super::connect(&body, &Platforms::contract()).unwrap_err();
    assert_eq!(errors[0].field, "accountType");
    // No secret in any message.
    assert!(errors.iter().all(|e| !e.message.contains("AQX")));
}

#[test]
fn tokens_and_account_patches() {
    let refreshed = tokens(&json!({"accessToken": "new", "refreshToken": null})).unwrap();
    assert_eq!(
        (refreshed.access_token.expose(), refreshed.refresh_token),
        ("new", None)
    );
    assert_eq!(
        fields_of(&tokens(&json!({})).unwrap_err()),
        [("accessToken", "is required")]
    );
    let patch =
        account_patch(&json!({"accountLogo": null, "accessTokenStatus": "revoked"})).unwrap();
    assert_eq!(patch.account_logo, Some(None));
    assert_eq!(patch.access_token_status, Some(AccessTokenStatus::Revoked));
    assert!(account_patch(&json!({})).unwrap().is_empty());
    let errors =
        account_patch(&json!({"accessTokenStatus": "expired", "accountName": 1})).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            ("accountName", "must be a string"),
            ("accessTokenStatus", "must be one of: active, revoked"),
        ]
    );
    let errors = account_patch(&json!({"accountHandle": null, "accountLogo": null})).unwrap_err();
    assert_eq!(fields_of(&errors), [("accountHandle", "must not be null")]);
}

#[test]
fn filters_of_an_account_list() {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let filter = account_filter(&pairs(&[
        ("platformType", "pinterest"),
        ("expiringWithinDays", "7"),
    ]))
    .unwrap();
    assert_eq!(filter.platform, Some(Platform::Pinterest));
    assert_eq!(filter.expiring_within_days, Some(7));
    let errors = account_filter(&pairs(&[
        ("platformType", "x"),
        ("accessTokenStatus", "paused"),
        ("expiringWithinDays", "-1"),
    ]))
    .unwrap_err();
    assert_eq!(errors.len(), 3);
}
