//! The OpenAPI 3.1 description, assembled here from the handlers' annotations and the schemas
//! the serialized types derive (`views`, `error`), plus what depends on the served platforms
//! (`components`) and the request body (`post_body`). Served at `GET /openapi.json`;
//! committed as `docs/openapi.json` (default platforms), and a test fails when they differ.

pub mod components;
pub mod post_body;

use actix_web::{HttpResponse, web};
use serde_json::Value;
use social_accounts_domain::Platforms;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::error::{DetailedFailure, StatusFailure, SuccessFailure};
use super::state::AppState;
use super::views::{
    AccountView, CaptionView, DeleteData, DeleteResponse, Deleted, DesignView, Health, KeyCheck,
    LinkView, ListData, ListItem, ListResponse, PostDeleted, PostList, PostRead, PostView,
    PostWritten, ReadData, ReadResponse, Service, UsageView,
};

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
    components(schemas(
        ListResponse, ListData, ListItem, ReadResponse, ReadData, AccountView, UsageView,
        DeleteResponse, DeleteData, SuccessFailure, DetailedFailure, StatusFailure, Health,
        PostWritten, PostRead, PostList, PostView, CaptionView, DesignView, LinkView, PostDeleted,
        Deleted, KeyCheck, Service
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
    let mut api = ApiDoc::openapi();
    api.merge(super::handlers::accounts::Paths::openapi());
    api.merge(super::handlers::posts::Paths::openapi());
    api.merge(super::routes::Paths::openapi());
    let mut doc = serde_json::to_value(api).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in components::components(platforms) {
            schemas.insert(name.to_owned(), schema);
        }
        schemas.insert(post_body::NAME.to_owned(), post_body::schema(platforms));
        let parts = schemas.clone();
        for schema in schemas.values_mut() {
            merge_all_of(schema, &parts);
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

/// An `allOf` of objects (what a `#[serde(flatten)]` field derives) as the one object it
/// describes: a closed object cannot be composed, since each part would refuse the other's
/// properties. Parts are inline objects or references to object components in `parts`.
pub(crate) fn merge_all_of(schema: &mut Value, parts: &serde_json::Map<String, Value>) {
    let Some(items) = schema.get("allOf").and_then(Value::as_array) else {
        return;
    };
    let resolve = |item: &Value| -> Option<Value> {
        let object = match item.get("$ref").and_then(Value::as_str) {
            Some(reference) => parts
                .get(reference.strip_prefix("#/components/schemas/")?)?
                .clone(),
            None => item.clone(),
        };
        (object.get("type").and_then(Value::as_str) == Some("object")).then_some(object)
    };
    let Some(objects) = items.iter().map(resolve).collect::<Option<Vec<_>>>() else {
        return;
    };
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for object in objects {
        if let Some(own) = object.get("properties").and_then(Value::as_object) {
            properties.extend(own.clone());
        }
        if let Some(own) = object.get("required").and_then(Value::as_array) {
            required.extend(own.iter().cloned());
        }
    }
    let description = schema.get("description").cloned();
    *schema = serde_json::json!({
        "type": "object",
        "required": required,
        "properties": properties,
    });
    if let Some(description) = description {
        schema["description"] = description;
    }
}

/// Sets `additionalProperties: false` on an object schema that does not say otherwise.
pub(crate) fn close(schema: &mut Value) {
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
        let paths: Vec<&str> = doc["paths"]
            .as_object()
            .map(|paths| paths.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            paths,
            [
                "/",
                "/healthz",
                "/readyz",
                "/schedule",
                "/schedule/{id}",
                "/social-account",
                "/social-account/{id}"
            ],
            "every route of routes.rs but /metrics and /openapi.json, in the document's order"
        );
    }
}
