//! The OpenAPI schemas of what depends on the served platforms or is an enumeration: built
//! from the domain's own lists (and, for the settings objects, the very function the post
//! view serializes with), so they cannot drift from what is served. `views` points fields at
//! these components with `schema_with`; the document fills them in.

use serde_json::{Value, json};
use social_accounts_domain::schedule::{CaptionKey, SettingsKey};
use social_accounts_domain::{
    AccessTokenStatus, AccountType, LinkStatus, Platform, Platforms, ShownStatus,
};
use utoipa::openapi::Ref;

use crate::http::views::settings_keys;

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
/// See [`PLATFORM_TYPE`].
pub const POST_STATUS: &str = "PostStatus";
/// See [`PLATFORM_TYPE`].
pub const CAPTION_KEY: &str = "CaptionKey";
/// See [`PLATFORM_TYPE`].
pub const SETTINGS_OBJECTS: &str = "SettingsObjects";

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

/// `schema_with` target: a reference to the post-status enumeration.
#[must_use]
pub fn post_status() -> Ref {
    Ref::from_schema_name(POST_STATUS)
}

/// `schema_with` target: a reference to the caption-key enumeration.
#[must_use]
pub fn caption_key() -> Ref {
    Ref::from_schema_name(CAPTION_KEY)
}

/// `schema_with` target: a reference to a post's settings objects (flattened into the post:
/// the document merges them into its object).
#[must_use]
pub fn settings_objects() -> Ref {
    Ref::from_schema_name(SETTINGS_OBJECTS)
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
            POST_STATUS,
            enumeration(
                "Post statuses: a request sets DRAFT or SCHEDULED; a scheduled post whose links are all done shows PUBLISHED, FAILED or PARTIALLY_FAILED.",
                ShownStatus::ALL.map(ShownStatus::as_str),
            ),
        ),
        (
            CAPTION_KEY,
            enumeration(
                "Caption keys, in the order a post lists its captions.",
                CaptionKey::allowed(platforms)
                    .into_iter()
                    .map(CaptionKey::as_str),
            ),
        ),
        (SETTINGS_OBJECTS, settings_schema(platforms)),
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

/// A post's settings objects: each key the served platforms allow, in the post's order, an
/// object as sent or `null`.
fn settings_schema(platforms: &Platforms) -> Value {
    let keys: Vec<&str> = settings_keys(platforms).map(SettingsKey::as_str).collect();
    let properties: serde_json::Map<String, Value> = keys
        .iter()
        .map(|key| ((*key).to_owned(), json!({ "type": ["object", "null"] })))
        .collect();
    json!({
        "type": "object",
        "required": keys,
        "properties": properties,
        "additionalProperties": false,
    })
}
