//! The OpenAPI 3.1 description, generated from the handlers' annotations and the schema types
//! below (which mirror `views`; Schemathesis checks real responses against them in CI). Served
//! at `GET /openapi.json`; committed as `docs/openapi.json`, and a test fails when they differ.

#![allow(
    dead_code,
    reason = "the types exist to describe the wire format, not to be built"
)]

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The platforms, in list order.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
enum PlatformType {
    Linkedin,
    Instagram,
    Tiktok,
    Threads,
}

/// Kinds of account.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
enum AccountType {
    Personal,
    Organization,
    Business,
    Creator,
}

/// Token status as the client sees it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
enum AccessTokenStatus {
    Active,
    Expired,
    Revoked,
}

/// Link statuses, in usage order.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
enum LinkStatus {
    Draft,
    Pending,
    Published,
    Failed,
}

/// One account in the list.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct ListItem {
    id: String,
    platform_type: PlatformType,
    account_handle: String,
    account_type: AccountType,
    account_name: String,
    account_logo: Option<String>,
    access_token_status: AccessTokenStatus,
}

/// Accounts by platform; every key always present.
#[derive(Serialize, ToSchema)]
struct SocialAccounts {
    linkedin: Vec<ListItem>,
    instagram: Vec<ListItem>,
    tiktok: Vec<ListItem>,
    threads: Vec<ListItem>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct ListData {
    social_accounts: SocialAccounts,
}

/// `GET /social-account` 200.
#[derive(Serialize, ToSchema)]
pub(crate) struct ListResponse {
    success: bool,
    data: ListData,
}

/// One usage entry.
#[derive(Serialize, ToSchema)]
struct UsageEntry {
    status: LinkStatus,
    #[serde(rename = "_count")]
    count: u64,
}

/// One account with everything shown about it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct SocialAccount {
    id: String,
    organization_id: String,
    workspace_id: String,
    platform_type: PlatformType,
    account_handle: String,
    account_name: String,
    account_logo: Option<String>,
    access_token_status: AccessTokenStatus,
    #[schema(format = DateTime)]
    token_expires_at: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
    /// Extension of the hosted API.
    account_type: AccountType,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct ReadData {
    social_account: SocialAccount,
    usage: Vec<UsageEntry>,
}

/// `GET /social-account/{id}` 200.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReadResponse {
    success: bool,
    data: ReadData,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct DeleteData {
    removed_links: Vec<UsageEntry>,
}

/// `DELETE /social-account/{id}` 200.
#[derive(Serialize, ToSchema)]
pub(crate) struct DeleteResponse {
    success: bool,
    message: String,
    data: DeleteData,
}

/// `{ "success": false, "message": ... }`.
#[derive(Serialize, ToSchema)]
pub(crate) struct Failure {
    success: bool,
    message: String,
}

/// The 500 envelope: `error` is a short, safe detail ending with the request id.
#[derive(Serialize, ToSchema)]
pub(crate) struct ServerFailure {
    success: bool,
    message: String,
    error: String,
}

/// The hosted API's auth and validation envelope: `{ "status": false, "message": ... }`.
#[derive(Serialize, ToSchema)]
pub(crate) struct StatusFailure {
    status: bool,
    message: String,
}

/// `{ "status": "ok" }`.
#[derive(Serialize, ToSchema)]
pub(crate) struct Health {
    status: String,
}

/// Failures every `/social-account` route can answer with.
#[derive(utoipa::IntoResponses)]
pub(crate) enum CommonFailures {
    /// No key, or an unknown, revoked, expired or malformed key, or a key without workspace or
    /// organization.
    #[response(status = 401)]
    Unauthorized(StatusFailure),
    /// The organization does not qualify for the Embed API.
    #[response(status = 402)]
    PaymentRequired(StatusFailure),
    /// A request body was sent.
    #[response(status = 413)]
    TooLarge(Failure),
    /// URI too long.
    #[response(status = 414)]
    UriTooLong(Failure),
    /// The key is over its rate.
    #[response(status = 429)]
    TooManyRequests(Failure),
    /// Headers too large.
    #[response(status = 431)]
    HeadersTooLarge(Failure),
    /// Storage failed.
    #[response(status = 500)]
    ServerError(ServerFailure),
    /// Every database connection is busy.
    #[response(status = 503)]
    Busy(Failure),
}

struct KeyHeader;

impl Modify for KeyHeader {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "embed_api_key",
                SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("embed-api-key"))),
            );
        }
    }
}

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(title = "social-accounts", description = "Self-hosted Social Accounts API of the PostNitro Embed API."),
    paths(
        crate::http::handlers::list::handle,
        crate::http::handlers::read::handle,
        crate::http::handlers::delete::handle,
        crate::http::handlers::health::live,
        crate::http::handlers::health::ready,
    ),
    components(schemas(ListResponse, ReadResponse, DeleteResponse, Failure, ServerFailure, StatusFailure, Health)),
    modifiers(&KeyHeader),
    security(("embed_api_key" = [])),
)]
#[derive(Debug)]
pub struct ApiDoc;

/// The document as pretty JSON (what `docs/openapi.json` holds).
#[must_use]
pub fn json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

/// `GET /openapi.json`.
pub async fn handle() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(json())
}

#[cfg(test)]
mod tests {
    /// `docs/openapi.json` must be what the code generates. `SA_UPDATE_OPENAPI=1 cargo test -p
    /// social-accounts-service openapi` rewrites it.
    #[test]
    fn committed_document_matches_the_code() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
        let generated = super::json() + "\n";
        if std::env::var_os("SA_UPDATE_OPENAPI").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/openapi.json is out of date: run `SA_UPDATE_OPENAPI=1 cargo test -p social-accounts-service openapi`"
        );
    }

    #[test]
    fn is_openapi_3_1_with_every_route() {
        let doc: serde_json::Value = serde_json::from_str(&super::json()).unwrap_or_default();
        assert!(
            doc["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.1")),
            "{}",
            doc["openapi"]
        );
        for path in [
            "/social-account",
            "/social-account/{id}",
            "/healthz",
            "/readyz",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing");
        }
    }
}
