//! The OpenAPI schemas of the Schedule API's bodies, built from the domain's lists (caption
//! keys, settings keys for the enabled platforms, statuses), and the marker types the
//! handlers' annotations name them by. A leaf, like `wire_schemas`.

use serde_json::{Value, json};
use social_accounts_domain::schedule::{CaptionKey, SettingsKey};
use social_accounts_domain::{Platforms, PostStatus};
use utoipa::openapi::Ref;

use super::wire_schemas::LINK_STATUS;

/// A type that stands, in a `#[utoipa::path]` annotation, for a component this module builds
/// as JSON (its `name()` is the component's name).
macro_rules! component_ref {
    ($(#[$doc:meta])* $type:ident = $name:literal) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $type;

        impl utoipa::PartialSchema for $type {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                Ref::from_schema_name($name).into()
            }
        }

        impl utoipa::ToSchema for $type {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($name)
            }
        }
    };
}

component_ref!(
    /// The body of `POST /schedule` and `PUT /schedule/{id}`.
    PostBody = "PostBody"
);
component_ref!(
    /// A create's or replace's 200.
    PostWrittenDoc = "PostWritten"
);
component_ref!(
    /// A read's 200.
    PostReadDoc = "PostRead"
);
component_ref!(
    /// The list's 200.
    PostListDoc = "PostList"
);
component_ref!(
    /// A delete's 200.
    PostDeletedDoc = "PostDeleted"
);
component_ref!(
    /// `GET /`'s 200.
    KeyCheckDoc = "KeyCheck"
);

fn nullable(kind: &str) -> Value {
    json!({ "type": [kind, "null"] })
}

fn string_enum(names: impl IntoIterator<Item = &'static str>) -> Value {
    json!({ "type": "string", "enum": names.into_iter().collect::<Vec<_>>() })
}

const DATE_TIME: &str = "date-time";

fn date_time() -> Value {
    json!({ "type": "string", "format": DATE_TIME })
}

fn nullable_date_time() -> Value {
    json!({ "type": ["string", "null"], "format": DATE_TIME })
}

/// The request body: precise enough that a schema-driven client generates well-shaped bodies;
/// the business rules (a future date, a design for LinkedIn, the settings objects' fields) are
/// checked after the shape and cannot be said in a schema.
fn body_schema(settings_keys: &[SettingsKey], caption_keys: &[CaptionKey]) -> Value {
    let id = json!({ "type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$" });
    let mut body = serde_json::Map::new();
    body.insert(
        "status".into(),
        string_enum(PostStatus::ALL.map(PostStatus::as_str)),
    );
    body.insert("scheduledAt".into(), date_time());
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
    for key in settings_keys {
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

/// The scheduled-post object, in the contract's field order.
fn post_schema(settings_keys: &[SettingsKey], caption_keys: &[CaptionKey]) -> Value {
    let mut post = serde_json::Map::new();
    post.insert("id".into(), json!({ "type": "string" }));
    post.insert("designId".into(), nullable("string"));
    post.insert(
        "labels".into(),
        json!({ "type": ["array", "null"], "items": { "type": "string" } }),
    );
    post.insert(
        "status".into(),
        string_enum(PostStatus::ALL.map(PostStatus::as_str)),
    );
    post.insert("scheduledFor".into(), date_time());
    post.insert("publishedAt".into(), nullable_date_time());
    post.insert("errorMessage".into(), nullable("string"));
    for key in settings_keys {
        post.insert(key.as_str().to_owned(), nullable("object"));
    }
    post.insert(
        "postContents".into(),
        json!({ "type": "array", "items": {
            "type": "object",
            "required": ["platform", "text", "hashtags"],
            "properties": {
                "platform": string_enum(caption_keys.iter().map(|k| k.as_str())),
                "text": { "type": "string" },
                "hashtags": { "type": "array", "items": { "type": "string" } },
            },
            "additionalProperties": false,
        }}),
    );
    post.insert(
        "designDetails".into(),
        json!({
            "type": ["object", "null"],
            "required": ["id", "name", "designType", "source"],
            "properties": {
                "id": { "type": "string" },
                "name": { "type": "string" },
                "designType": { "type": "string" },
                "source": { "type": "string" },
            },
            "additionalProperties": false,
        }),
    );
    post.insert(
        "socialAccounts".into(),
        json!({ "type": "array", "items": {
            "type": "object",
            "required": ["socialAccountId", "liveLink", "errorMessage", "status", "publishedAt"],
            "properties": {
                "socialAccountId": { "type": "string" },
                "liveLink": nullable("string"),
                "errorMessage": nullable("string"),
                "status": { "$ref": format!("#/components/schemas/{LINK_STATUS}") },
                "publishedAt": nullable_date_time(),
            },
            "additionalProperties": false,
        }}),
    );
    post.insert("createdAt".into(), date_time());
    post.insert("updatedAt".into(), date_time());
    let required: Vec<String> = post.keys().cloned().collect();
    json!({
        "type": "object",
        "required": required,
        "properties": post,
        "additionalProperties": false,
    })
}

/// `{ "success": true, ["message": …,] "data": … }`.
fn envelope(with_message: bool, data: Value) -> Value {
    let mut required = vec!["success", "data"];
    let mut properties = json!({ "success": { "type": "boolean", "const": true } });
    properties["data"] = data;
    if with_message {
        required.push("message");
        properties["message"] = json!({ "type": "string" });
    }
    json!({
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The Schedule API's components with `platforms` enabled: `(name, JSON schema)`.
#[must_use]
pub fn components(platforms: &Platforms) -> Vec<(&'static str, Value)> {
    let settings_keys = SettingsKey::allowed(platforms);
    let caption_keys = CaptionKey::allowed(platforms);
    let post_ref = json!({ "$ref": "#/components/schemas/ScheduledPost" });
    vec![
        ("PostBody", body_schema(&settings_keys, &caption_keys)),
        ("ScheduledPost", post_schema(&settings_keys, &caption_keys)),
        ("PostWritten", envelope(true, post_ref.clone())),
        ("PostRead", envelope(false, post_ref.clone())),
        (
            "PostList",
            envelope(false, json!({ "type": "array", "items": post_ref })),
        ),
        (
            "PostDeleted",
            envelope(
                true,
                json!({
                    "type": "object",
                    "required": ["message"],
                    "properties": { "message": { "type": "string" } },
                    "additionalProperties": false,
                }),
            ),
        ),
        (
            "KeyCheck",
            envelope(
                false,
                json!({
                    "type": "object",
                    "required": ["service", "version"],
                    "properties": {
                        "service": { "type": "string" },
                        "version": { "type": "string" },
                    },
                    "additionalProperties": false,
                }),
            ),
        ),
    ]
}
