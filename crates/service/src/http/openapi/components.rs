//! The OpenAPI schemas of the wire enumerations and of the per-platform account groups, built
//! from the domain's own lists so they cannot drift from what is served. A leaf: `views`
//! points its fields at these components, `openapi` fills them in.

use serde_json::{Value, json};
use social_accounts_domain::{AccessTokenStatus, AccountType, LinkStatus, Platform, Platforms};
use utoipa::openapi::Ref;

/// Component names, as `views` refers to them.
pub const PLATFORM_TYPE: &str = "PlatformType";
/// See [`PLATFORM_TYPE`].
pub const ACCOUNT_TYPE: &str = "AccountType";
/// See [`PLATFORM_TYPE`].
pub const ACCESS_TOKEN_STATUS: &str = "AccessTokenStatus";
/// See [`PLATFORM_TYPE`].
pub const LINK_STATUS: &str = "LinkStatus";
/// See [`PLATFORM_TYPE`].
pub const SOCIAL_ACCOUNTS: &str = "SocialAccounts";

/// `schema_with` target: a reference to the platform enumeration.
#[must_use]
pub fn platform_type() -> Ref {
    Ref::from_schema_name(PLATFORM_TYPE)
}

/// `schema_with` target: a reference to the account-type enumeration.
#[must_use]
pub fn account_type() -> Ref {
    Ref::from_schema_name(ACCOUNT_TYPE)
}

/// `schema_with` target: a reference to the token-status enumeration.
#[must_use]
pub fn access_token_status() -> Ref {
    Ref::from_schema_name(ACCESS_TOKEN_STATUS)
}

/// `schema_with` target: a reference to the link-status enumeration.
#[must_use]
pub fn link_status() -> Ref {
    Ref::from_schema_name(LINK_STATUS)
}

/// `schema_with` target: a reference to the accounts grouped by platform.
#[must_use]
pub fn social_accounts() -> Ref {
    Ref::from_schema_name(SOCIAL_ACCOUNTS)
}

fn enumeration(description: &str, names: impl IntoIterator<Item = &'static str>) -> Value {
    json!({
        "type": "string",
        "description": description,
        "enum": names.into_iter().collect::<Vec<_>>(),
    })
}

/// Every component above, as served with `platforms` enabled: `(name, JSON schema)`.
#[must_use]
pub fn components(platforms: &Platforms) -> Vec<(&'static str, Value)> {
    let account_types = platforms.iter().flat_map(Platform::account_types).fold(
        Vec::<AccountType>::new(),
        |mut seen, kind| {
            if !seen.contains(kind) {
                seen.push(*kind);
            }
            seen
        },
    );
    let groups: serde_json::Map<String, Value> = platforms
        .iter()
        .map(|p| {
            let items =
                json!({ "type": "array", "items": { "$ref": "#/components/schemas/ListItem" } });
            (p.as_str().to_owned(), items)
        })
        .collect();
    vec![
        (
            PLATFORM_TYPE,
            enumeration(
                "The enabled platforms, in list order.",
                platforms.iter().map(Platform::as_str),
            ),
        ),
        (
            ACCOUNT_TYPE,
            enumeration(
                "Kinds of account on the enabled platforms.",
                account_types.into_iter().map(AccountType::as_str),
            ),
        ),
        (
            ACCESS_TOKEN_STATUS,
            enumeration(
                "Token status as the client sees it.",
                AccessTokenStatus::ALL.map(AccessTokenStatus::as_str),
            ),
        ),
        (
            LINK_STATUS,
            enumeration(
                "Link statuses, in usage order.",
                LinkStatus::ALL.map(LinkStatus::as_str),
            ),
        ),
        (
            SOCIAL_ACCOUNTS,
            json!({
                "type": "object",
                "description": "Accounts by platform: every enabled platform's key, in list order.",
                "required": platforms.iter().map(Platform::as_str).collect::<Vec<_>>(),
                "properties": groups,
                "additionalProperties": false,
            }),
        ),
    ]
}
