//! The publisher API's OpenAPI 3.1 document, served at `GET /publisher/v1/openapi.json`
//! (unauthenticated), built as the operator API's is.

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};
use social_accounts_domain::publish::{ErrorCategory, PreviousOutcome};
use social_accounts_domain::{AccountType, LinkStatus, Platform, Platforms, ShownStatus};
use utoipa::openapi::Ref;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::bodies::{ClaimBody, FailedBody, HeartbeatBody, PublishedBody, ReportBody};
use super::views::{
    CaptionView, ClaimView, ClaimedAccountView, ClaimedPostView, ClaimsView, DesignView,
    HeartbeatView, PostStatusView, PreviousAttemptView, ReleasedView, ReportedLinkView,
    ReportedView,
};
use crate::http::openapi::{close, merge_all_of};
use crate::http::problem::{FieldErrorView, ProblemBody};
use crate::http::state::AppState;

macro_rules! references {
    ($($(#[$doc:meta])* $fn:ident => $name:literal),+ $(,)?) => {$(
        $(#[$doc])*
        #[must_use]
        pub fn $fn() -> Ref {
            Ref::from_schema_name($name)
        }
    )+};
}

references!(
    /// `schema_with` target: a served platform list.
    served_platforms => "ServedPlatformList",
    /// `schema_with` target: any platform.
    platform => "PublisherPlatformType",
    /// `schema_with` target: any kind of account.
    account_type => "PublisherAccountType",
    /// `schema_with` target: a link's status.
    link_status => "LinkStatus",
    /// `schema_with` target: a post's status as shown.
    post_status => "PostStatus",
    /// `schema_with` target: how the previous attempt ended.
    previous_outcome => "PreviousOutcome",
    /// `schema_with` target: a failure's kind.
    error_category => "ErrorCategory",
    /// `schema_with` target: `"PUBLISHED"`.
    published_outcome => "PublishedOutcome",
    /// `schema_with` target: `"FAILED"`.
    failed_outcome => "FailedOutcome",
);

fn enumeration(names: impl IntoIterator<Item = &'static str>) -> Value {
    json!({ "type": "string", "enum": names.into_iter().collect::<Vec<_>>() })
}

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "publisher_key",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The document's fixed part.
#[derive(OpenApi)]
#[openapi(
    info(title = "social-accounts publisher API", description = "Claim due links under a lease, publish them with the account's token, report (docs/publisher-api.md)."),
    components(schemas(
        ClaimsView, ClaimView, PreviousAttemptView, ClaimedPostView, DesignView, CaptionView,
        ClaimedAccountView, HeartbeatView, ReleasedView, ReportedView, ReportedLinkView,
        PostStatusView, ProblemBody, FieldErrorView, ClaimBody, HeartbeatBody, ReportBody,
        PublishedBody, FailedBody
    )),
    modifiers(&Bearer),
    security(("publisher_key" = [])),
)]
#[derive(Debug)]
struct PublisherDoc;

/// The document with `platforms` served.
#[must_use]
pub fn document(platforms: &Platforms) -> Value {
    let mut api = PublisherDoc::openapi();
    api.merge(super::Paths::openapi());
    let mut doc = serde_json::to_value(api).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        let served: Vec<&str> = platforms.iter().map(Platform::as_str).collect();
        for (name, schema) in [
            (
                "ServedPlatformList",
                json!({ "type": ["array", "null"], "items": enumeration(served) }),
            ),
            (
                "PublisherPlatformType",
                enumeration(Platform::ALL.map(Platform::as_str)),
            ),
            (
                "PublisherAccountType",
                enumeration(AccountType::ALL.map(AccountType::as_str)),
            ),
            (
                "LinkStatus",
                enumeration(LinkStatus::ALL.map(LinkStatus::as_str)),
            ),
            (
                "PostStatus",
                enumeration(ShownStatus::ALL.map(ShownStatus::as_str)),
            ),
            (
                "PreviousOutcome",
                enumeration(PreviousOutcome::ALL.map(PreviousOutcome::as_str)),
            ),
            (
                "ErrorCategory",
                enumeration(ErrorCategory::ALL.map(ErrorCategory::as_str)),
            ),
            ("PublishedOutcome", json!({ "const": "PUBLISHED" })),
            ("FailedOutcome", json!({ "const": "FAILED" })),
        ] {
            schemas.insert(name.to_owned(), schema);
        }
        let parts = schemas.clone();
        for schema in schemas.values_mut() {
            merge_all_of(schema, &parts);
            close(schema);
        }
    }
    add_links(&mut doc);
    doc
}

/// A claim's id leads to its heartbeat, report and release (for schema-driven clients and
/// Schemathesis's stateful phase).
fn add_links(doc: &mut Value) {
    let Some(ok) = doc.pointer_mut("/paths/~1publisher~1v1~1claims/post/responses/200") else {
        return;
    };
    let link = |operation: &str| {
        json!({
            "operationId": operation,
            "parameters": { "claimId": "$response.body#/claims/0/claimId" },
        })
    };
    ok["links"] = json!({
        "Heartbeat": link("heartbeatClaim"),
        "Report": link("reportClaim"),
        "Release": link("releaseClaim"),
    });
}

/// `GET /publisher/v1/openapi.json`.
pub async fn handle(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(document(&state.platforms))
}

/// The document with the default platforms, as pretty JSON (what
/// `docs/publisher-openapi.json` holds).
#[must_use]
pub fn json() -> String {
    serde_json::to_string_pretty(&document(&Platforms::contract())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    /// `docs/publisher-openapi.json` must be what the code generates. `SA_UPDATE_OPENAPI=1
    /// cargo test -p social-accounts-service openapi` rewrites it.
    #[test]
    fn committed_publisher_document_matches_the_code() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/publisher-openapi.json"
        );
        let generated = super::json() + "\n";
        if std::env::var_os("SA_UPDATE_OPENAPI").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/publisher-openapi.json is out of date: run `SA_UPDATE_OPENAPI=1 cargo test -p social-accounts-service openapi`"
        );
    }
}
