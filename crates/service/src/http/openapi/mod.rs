//! The OpenAPI 3.1 description, assembled here from the handlers' annotations and the schemas
//! the serialized types derive (`views`, `error`), plus the enumerations built from the
//! domain's lists for the enabled platforms (`wire_schemas`). Served at `GET /openapi.json`;
//! committed as `docs/openapi.json` (default platforms), and a test fails when they differ.

use actix_web::{HttpResponse, web};
use serde_json::Value;
use social_accounts_domain::Platforms;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::error::{DetailedFailure, StatusFailure, SuccessFailure};
use super::state::AppState;
use super::views::{
    AccountView, DeleteData, DeleteResponse, Health, ListData, ListItem, ListResponse, ReadData,
    ReadResponse, UsageView,
};
use super::{post_schemas, wire_schemas};

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
        super::handlers::list::handle,
        super::handlers::read::handle,
        super::handlers::delete::handle,
        super::handlers::posts::create::handle,
        super::handlers::posts::list::handle,
        super::handlers::posts::read::handle,
        super::handlers::posts::replace::handle,
        super::handlers::posts::delete::handle,
        super::handlers::key_check::handle,
        super::handlers::health::live,
        super::handlers::health::ready,
    ),
    components(schemas(
        ListResponse, ListData, ListItem, ReadResponse, ReadData, AccountView, UsageView,
        DeleteResponse, DeleteData, SuccessFailure, DetailedFailure, StatusFailure, Health
    )),
    modifiers(&KeyHeader),
    security(("embed_api_key" = [])),
)]
#[derive(Debug)]
pub struct ApiDoc;

/// The document as served with `platforms` enabled. Every object schema is closed
/// (`additionalProperties: false`), so a field added to a view without its schema, or the
/// other way round, fails validation.
#[must_use]
pub fn document(platforms: &Platforms) -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in wire_schemas::components(platforms)
            .into_iter()
            .chain(post_schemas::components(platforms))
        {
            schemas.insert(name.to_owned(), schema);
        }
        for schema in schemas.values_mut() {
            close(schema);
        }
    }
    if let Some(created) = doc.pointer_mut("/paths/~1schedule/post/responses/200") {
        created["links"] = post_links();
    }
    doc
}

/// What a created post's id leads to (OpenAPI links: schema-driven clients and Schemathesis's
/// stateful phase follow them).
fn post_links() -> Value {
    let by_id = |operation: &str| {
        serde_json::json!({
            "operationId": operation,
            "parameters": { "id": "$response.body#/data/id" },
        })
    };
    serde_json::json!({
        "ReadPost": by_id("readScheduledPost"),
        "ReplacePost": by_id("replaceScheduledPost"),
        "DeletePost": by_id("deleteScheduledPost"),
    })
}

/// Sets `additionalProperties: false` on an object schema that does not say otherwise.
fn close(schema: &mut Value) {
    if let Some(object) = schema.as_object_mut()
        && object.get("type").and_then(Value::as_str) == Some("object")
    {
        object
            .entry("additionalProperties")
            .or_insert(Value::Bool(false));
    }
}

/// The document with the default platforms, as pretty JSON (what `docs/openapi.json` holds).
#[must_use]
pub fn json() -> String {
    serde_json::to_string_pretty(&document(&Platforms::contract())).unwrap_or_default()
}

/// `GET /openapi.json`: the document for this instance's platforms.
pub async fn handle(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(document(&state.platforms))
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
