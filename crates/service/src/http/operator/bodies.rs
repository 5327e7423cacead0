//! The operator API's request bodies as the OpenAPI document describes them. The bodies are
//! read by the domain (`operator::bodies`), which reports every offending field at once; these
//! types only describe them, as precisely as a JSON Schema can (the rules across fields, such
//! as a platform's account types, are the domain's).

#![allow(
    dead_code,
    reason = "described to OpenAPI only: the domain reads the bodies"
)]

use serde::Deserialize;
use utoipa::ToSchema;

use super::openapi as components;

/// `POST /organizations`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = NewOrganization)]
pub struct NewOrganizationBody {
    /// Minted when left out.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    id: Option<String>,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    name: String,
    #[schema(schema_with = components::main_plan)]
    main_plan: String,
    /// Default `false`.
    api_credits_addon: Option<bool>,
    /// Default `inactive`.
    #[schema(schema_with = components::embed_subscription, required = false)]
    embed_subscription: Option<String>,
}

/// `PATCH /organizations/{org}`: each field given is set.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = OrganizationPatch)]
pub struct OrganizationPatchBody {
    // `null` is refused: nothing here can be removed.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = "^[^\\x00]*\\S[^\\x00]*$",
        nullable = false
    )]
    name: Option<String>,
    #[schema(schema_with = components::main_plan, required = false)]
    main_plan: Option<String>,
    #[schema(nullable = false)]
    api_credits_addon: Option<bool>,
    #[schema(schema_with = components::embed_subscription, required = false)]
    embed_subscription: Option<String>,
}

/// `POST /organizations/{org}/workspaces`.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = NewWorkspace)]
pub struct NewWorkspaceBody {
    /// Minted when left out.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    id: Option<String>,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    name: String,
}

/// `POST /organizations/{org}/api-keys`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = NewApiKey)]
pub struct NewApiKeyBody {
    #[schema(schema_with = components::key_kind)]
    kind: String,
    /// An `embed` key's workspace (of the organization); no other kind has one.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    workspace_id: Option<String>,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    name: String,
    /// In the future.
    #[schema(format = DateTime)]
    expires_at: Option<String>,
}

/// `POST /workspaces/{ws}/social-accounts`: connect, or reconnect the account of the same
/// platform and `externalId`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Connect)]
pub struct ConnectBody {
    /// A served platform.
    #[schema(schema_with = served_platform)]
    platform_type: String,
    /// One of the platform's kinds of account.
    #[schema(schema_with = components::account_type)]
    account_type: String,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    account_handle: String,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    account_name: String,
    /// An absolute URL.
    #[schema(max_length = 2048, pattern = "^https?://[^\\s\\x00]+$")]
    account_logo: Option<String>,
    /// The platform's own id of the account, unique per workspace and platform.
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    external_id: String,
    #[schema(min_length = 1)]
    access_token: String,
    #[schema(min_length = 1)]
    refresh_token: Option<String>,
    #[schema(format = DateTime)]
    token_expires_at: Option<String>,
    /// The id of a new account; minted when left out.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    id: Option<String>,
}

/// `PATCH /social-accounts/{id}`: each field given is set (`accountLogo: null` removes it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = AccountPatch)]
pub struct AccountPatchBody {
    // `null` is refused but for the logo, which it removes.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = "^[^\\x00]*\\S[^\\x00]*$",
        nullable = false
    )]
    account_handle: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = "^[^\\x00]*\\S[^\\x00]*$",
        nullable = false
    )]
    account_name: Option<String>,
    #[schema(max_length = 2048, pattern = "^https?://[^\\s\\x00]+$", nullable)]
    account_logo: Option<String>,
    #[schema(schema_with = settable_status, required = false)]
    access_token_status: Option<String>,
}

/// `PUT /social-accounts/{id}/tokens`: the new tokens; the status becomes `active`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Tokens)]
pub struct TokensBody {
    #[schema(min_length = 1)]
    access_token: String,
    #[schema(min_length = 1)]
    refresh_token: Option<String>,
    #[schema(format = DateTime)]
    token_expires_at: Option<String>,
}

fn served_platform() -> utoipa::openapi::Ref {
    utoipa::openapi::Ref::from_schema_name("ServedPlatformType")
}

fn settable_status() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["active", "revoked"]))
        .build()
}
