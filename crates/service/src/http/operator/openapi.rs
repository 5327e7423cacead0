//! The operator API's OpenAPI 3.1 document, served at `GET /operator/v1/openapi.json`
//! (unauthenticated): the handlers' annotations and the views' derived schemas, plus the
//! enumerations built from the domain's lists, the platforms a connect takes being the
//! served ones. Every object schema is closed, as in `/openapi.json`.

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};
use social_accounts_domain::repository::DeliveryStatus;
use social_accounts_domain::webhooks::EventType;
use social_accounts_domain::{
    AccessTokenStatus, AccountType, ActorKind, AuditAction, EmbedSubscription, HealthState,
    KeyKind, LinkStatus, MainPlan, Platform, Platforms,
};
use utoipa::openapi::Ref;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::views::{
    AccountList, AccountView, AccountWithUsage, ActorView, ApiKeyList, ApiKeyView, AuditEventList,
    AuditEventView, CreatedKeyView, DisconnectView, HealthView, OrganizationList, OrganizationView,
    TargetView, WorkspaceList, WorkspaceView,
};
use crate::http::openapi::{close, merge_all_of};
use crate::http::problem::{FieldErrorView, ProblemBody};
use crate::http::state::AppState;
use crate::http::views::UsageView;

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
    /// `schema_with` target: any known platform (an account of a platform not served any
    /// more is still shown).
    platform => "OperatorPlatformType",
    /// `schema_with` target: any kind of account.
    account_type => "OperatorAccountType",
    /// `schema_with` target: a token's status.
    token_status => "OperatorAccessTokenStatus",
    /// `schema_with` target: a health state.
    health_state => "HealthState",
    /// `schema_with` target: a key kind.
    key_kind => "KeyKind",
    /// `schema_with` target: a main plan.
    main_plan => "MainPlan",
    /// `schema_with` target: an Embed API subscription state.
    embed_subscription => "EmbedSubscription",
    /// `schema_with` target: who made a change.
    actor_kind => "ActorKind",
    /// `schema_with` target: what a change was.
    audit_action => "AuditAction",
    /// `schema_with` target: counts by name.
    counts => "Counts",
    /// `schema_with` target: an API key (flattened into a created one's answer).
    api_key => "ApiKey",
    /// `schema_with` target: an account (flattened beside its usage).
    connected_account => "ConnectedAccount",
    /// `schema_with` target: an endpoint (flattened beside its secret).
    webhook => "Webhook",
    /// `schema_with` target: an event type.
    event_type => "WebhookEventType",
    /// `schema_with` target: where a delivery stands.
    delivery_status => "WebhookDeliveryStatus",
);

/// `schema_with` target: an endpoint's `events`, `["*"]` or 1–14 distinct event types.
#[must_use]
pub fn event_names() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new()
        .items(Ref::from_schema_name("WebhookEventName"))
        .min_items(Some(1))
        .max_items(Some(EventType::ALL.len()))
        .unique_items(true)
        .build()
}

fn enumeration(names: impl IntoIterator<Item = &'static str>) -> Value {
    json!({ "type": "string", "enum": names.into_iter().collect::<Vec<_>>() })
}

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "operator_key",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The document's fixed part.
#[derive(OpenApi)]
#[openapi(
    info(title = "social-accounts operator API", description = "Connect accounts, provision organizations, workspaces and keys, register webhook endpoints, read the audit trail (docs/operator-api.md, docs/webhooks.md)."),
    components(schemas(
        OrganizationView, WorkspaceView, ApiKeyView, CreatedKeyView, HealthView, AccountView,
        AccountWithUsage, DisconnectView, ActorView, TargetView, AuditEventView, UsageView,
        OrganizationList, WorkspaceList, ApiKeyList, AccountList, AuditEventList, ProblemBody,
        FieldErrorView, super::bodies::NewOrganizationBody, super::bodies::OrganizationPatchBody,
        super::bodies::NewWorkspaceBody, super::bodies::NewApiKeyBody, super::bodies::ConnectBody,
        super::bodies::AccountPatchBody, super::bodies::TokensBody,
        super::webhook_views::WebhookView, super::webhook_views::WebhookWithSecret,
        super::webhook_views::DeliveryView, super::webhook_views::TestView,
        super::webhook_views::WebhookList, super::webhook_views::DeliveryList,
        super::webhook_views::NewWebhookBody, super::webhook_views::WebhookPatchBody
    )),
    modifiers(&Bearer),
    security(("operator_key" = [])),
)]
#[derive(Debug)]
struct OperatorDoc;

/// The document with `platforms` served.
#[must_use]
pub fn document(platforms: &Platforms) -> Value {
    let mut api = OperatorDoc::openapi();
    api.merge(super::Paths::openapi());
    let mut doc = serde_json::to_value(api).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        let served: Vec<&str> = platforms.iter().map(Platform::as_str).collect();
        for (name, schema) in [
            (
                "OperatorPlatformType",
                enumeration(Platform::ALL.map(Platform::as_str)),
            ),
            ("ServedPlatformType", enumeration(served)),
            (
                "OperatorAccountType",
                enumeration(AccountType::ALL.map(AccountType::as_str)),
            ),
            (
                "OperatorAccessTokenStatus",
                enumeration(AccessTokenStatus::ALL.map(AccessTokenStatus::as_str)),
            ),
            (
                "HealthState",
                enumeration(
                    [
                        HealthState::Ok,
                        HealthState::Expiring,
                        HealthState::ReauthRequired,
                    ]
                    .map(HealthState::as_str),
                ),
            ),
            ("KeyKind", enumeration(KeyKind::ALL.map(KeyKind::as_str))),
            // The usage view is the Embed API's, and names its statuses' schema.
            (
                crate::http::openapi::components::LINK_STATUS,
                enumeration(LinkStatus::ALL.map(LinkStatus::as_str)),
            ),
            ("MainPlan", enumeration(MainPlan::ALL.map(MainPlan::as_str))),
            (
                "EmbedSubscription",
                enumeration(EmbedSubscription::ALL.map(EmbedSubscription::as_str)),
            ),
            (
                "ActorKind",
                enumeration(ActorKind::ALL.map(ActorKind::as_str)),
            ),
            (
                "AuditAction",
                enumeration(AuditAction::ALL.map(AuditAction::as_str)),
            ),
            (
                "WebhookEventType",
                enumeration(EventType::ALL.map(EventType::as_str)),
            ),
            (
                "WebhookEventName",
                enumeration(std::iter::once("*").chain(EventType::ALL.map(EventType::as_str))),
            ),
            (
                "WebhookDeliveryStatus",
                enumeration(DeliveryStatus::ALL.map(DeliveryStatus::as_str)),
            ),
            (
                "Counts",
                json!({ "type": "object", "additionalProperties": { "type": "integer", "minimum": 0 } }),
            ),
        ] {
            schemas.insert(name.to_owned(), schema);
        }
        let parts = schemas.clone();
        for schema in schemas.values_mut() {
            merge_all_of(schema, &parts);
            close(schema);
        }
        if let Some(connect) = schemas.get_mut("Connect") {
            *connect = one_per_platform(connect, platforms);
        }
    }
    super::links::add(&mut doc);
    doc
}

/// A connect's body as one variant per served platform, each naming the platform and its
/// kinds of account: a schema-valid body is then one the platform's rules accept.
fn one_per_platform(connect: &Value, platforms: &Platforms) -> Value {
    let variants: Vec<Value> = platforms
        .iter()
        .map(|platform| {
            let mut variant = connect.clone();
            variant["properties"]["platformType"] = json!({ "const": platform.as_str() });
            variant["properties"]["accountType"] =
                enumeration(platform.account_types().iter().map(|kind| kind.as_str()));
            variant
        })
        .collect();
    json!({ "oneOf": variants })
}

/// `GET /operator/v1/openapi.json`.
pub async fn handle(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(document(&state.platforms))
}

/// The document with the default platforms, as pretty JSON (what `docs/operator-openapi.json`
/// holds).
#[must_use]
pub fn json() -> String {
    serde_json::to_string_pretty(&document(&Platforms::contract())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    /// `docs/operator-openapi.json` must be what the code generates. `SA_UPDATE_OPENAPI=1
    /// cargo test -p social-accounts-service openapi` rewrites it.
    #[test]
    fn committed_operator_document_matches_the_code() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/operator-openapi.json"
        );
        let generated = super::json() + "\n";
        if std::env::var_os("SA_UPDATE_OPENAPI").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/operator-openapi.json is out of date: run `SA_UPDATE_OPENAPI=1 cargo test -p social-accounts-service openapi`"
        );
    }
}
