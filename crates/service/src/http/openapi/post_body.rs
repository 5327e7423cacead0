//! The OpenAPI schema of the Schedule API's request body (`POST /schedule`, `PUT
//! /schedule/{id}`), built from the domain's lists (statuses, caption keys, settings keys for
//! the served platforms). Not a serialized type: the edge rules read the body as JSON in the
//! contract's order, so the schema is written here once, precise enough for schema-driven
//! clients, and the rules that cannot be said in a schema are checked after it.

use serde_json::{Value, json};
use social_accounts_domain::schedule::{CaptionKey, SettingsKey};
use social_accounts_domain::{Platforms, PostStatus};
use utoipa::openapi::Ref;

/// The component's name.
pub const NAME: &str = "PostBody";

/// Stands, in a `#[utoipa::path]` annotation, for the component [`schema`] builds.
#[derive(Debug)]
pub struct PostBody;

impl utoipa::PartialSchema for PostBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        Ref::from_schema_name(NAME).into()
    }
}

impl utoipa::ToSchema for PostBody {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(NAME)
    }
}

fn nullable(kind: &str) -> Value {
    json!({ "type": [kind, "null"] })
}

fn string_enum(names: impl IntoIterator<Item = &'static str>) -> Value {
    json!({ "type": "string", "enum": names.into_iter().collect::<Vec<_>>() })
}

/// The request body with `platforms` served: precise enough that a schema-driven client
/// generates well-shaped bodies; the business rules (a future date, a design for LinkedIn, the
/// settings objects' fields) are checked after the shape and cannot be said in a schema.
#[must_use]
pub fn schema(platforms: &Platforms) -> Value {
    let settings_keys = SettingsKey::allowed(platforms);
    let caption_keys = CaptionKey::allowed(platforms);
    let id = json!({ "type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$" });
    let mut body = serde_json::Map::new();
    body.insert(
        "status".into(),
        string_enum(PostStatus::ALL.map(PostStatus::as_str)),
    );
    body.insert(
        "scheduledAt".into(),
        json!({ "type": "string", "format": "date-time" }),
    );
    body.insert("designId".into(), nullable("string"));
    let captions: serde_json::Map<String, Value> = caption_keys
        .iter()
        // No NUL character: no database here stores one (docs/api.md).
        .map(|k| {
            (
                k.as_str().to_owned(),
                json!({ "type": "string", "pattern": "^[^\\x00]*$" }),
            )
        })
        .collect();
    body.insert(
        "postContent".into(),
        json!({ "type": ["object", "null"], "properties": captions, "additionalProperties": false }),
    );
    body.insert(
        "selectedAccounts".into(),
        json!({ "type": ["array", "null"], "items": id }),
    );
    for key in &settings_keys {
        body.insert(key.as_str().to_owned(), nullable("object"));
    }
    json!({
        "type": "object",
        "description": "A scheduled post or draft (schedule-api.md); business rules are checked after the shape.",
        "required": ["status", "scheduledAt"],
        "properties": body,
        "additionalProperties": false,
        "examples": [{
            "status": "DRAFT",
            "scheduledAt": "2099-06-20T10:00:00.000Z",
            "postContent": { "common": "Launch day #relaunch" },
            "selectedAccounts": [],
        }],
    })
}
