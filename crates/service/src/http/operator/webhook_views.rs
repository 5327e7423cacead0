//! The webhook endpoints' bodies and answers, each its own OpenAPI schema.

use serde::{Deserialize, Serialize};
use social_accounts_domain::repository::{Delivery, Endpoint};
use social_accounts_domain::webhooks::WebhookSecret;
use social_accounts_domain::{DeliveryId, WebhookEventId};
use utoipa::ToSchema;

use super::openapi as components;

/// An endpoint (never its secret).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Webhook)]
pub struct WebhookView {
    id: String,
    organization_id: String,
    url: String,
    /// `["*"]` or the event types it receives.
    #[schema(schema_with = components::event_names)]
    events: Vec<&'static str>,
    #[schema(required)]
    description: Option<String>,
    enabled: bool,
    /// Until when the secret replaced by the last rotation also signs.
    #[schema(required, format = DateTime)]
    previous_secret_expires_at: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
}

impl From<Endpoint> for WebhookView {
    fn from(endpoint: Endpoint) -> Self {
        Self {
            id: endpoint.id.into_string(),
            organization_id: endpoint.organization_id.into_string(),
            url: endpoint.url,
            events: endpoint.filter.names(),
            description: endpoint.description,
            enabled: endpoint.enabled,
            previous_secret_expires_at: endpoint.previous_secret_expires_at.map(|t| t.to_string()),
            created_at: endpoint.created_at.to_string(),
            updated_at: endpoint.updated_at.to_string(),
        }
    }
}

/// An endpoint with its secret: the answer to a registration or a rotation, the only times
/// the secret is shown.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookWithSecret)]
pub struct WebhookWithSecret {
    #[serde(flatten)]
    #[schema(schema_with = components::webhook)]
    webhook: WebhookView,
    /// `whsec_` + base64 of 32 random bytes: verify signatures with it.
    #[schema(pattern = "^whsec_[A-Za-z0-9+/]+={0,2}$")]
    secret: String,
}

impl WebhookWithSecret {
    /// `endpoint` with `secret`.
    pub fn new(endpoint: Endpoint, secret: &WebhookSecret) -> Self {
        Self {
            webhook: endpoint.into(),
            secret: secret.expose().to_owned(),
        }
    }
}

/// One event on its way to the endpoint.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookDelivery)]
pub struct DeliveryView {
    id: String,
    event_id: String,
    #[schema(schema_with = components::event_type)]
    event_type: &'static str,
    #[schema(schema_with = components::delivery_status)]
    status: &'static str,
    attempts: u32,
    #[schema(required, format = DateTime)]
    last_attempt_at: Option<String>,
    #[schema(required, format = DateTime)]
    next_attempt_at: Option<String>,
    #[schema(required)]
    response_status: Option<u16>,
    /// The first KiB of the last answer, or what went wrong.
    #[schema(required)]
    response_body: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
}

impl From<Delivery> for DeliveryView {
    fn from(delivery: Delivery) -> Self {
        Self {
            id: delivery.id.into_string(),
            event_id: delivery.event_id.into_string(),
            event_type: delivery.event_type.as_str(),
            status: delivery.status.as_str(),
            attempts: delivery.attempts,
            last_attempt_at: delivery.last_attempt_at.map(|t| t.to_string()),
            next_attempt_at: delivery.next_attempt_at.map(|t| t.to_string()),
            response_status: delivery.response_status,
            response_body: delivery.response_body,
            created_at: delivery.created_at.to_string(),
        }
    }
}

/// The answer to a test: the event written and its one delivery.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookTest)]
pub struct TestView {
    event_id: String,
    delivery_id: String,
}

impl TestView {
    /// The test event `event`, delivered as `delivery`.
    pub fn new(event: WebhookEventId, delivery: DeliveryId) -> Self {
        Self {
            event_id: event.into_string(),
            delivery_id: delivery.into_string(),
        }
    }
}

/// A page of endpoints.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(
    dead_code,
    reason = "described to OpenAPI only: List<T> is what is sent"
)]
pub struct WebhookList {
    data: Vec<WebhookView>,
    /// Where the next page starts (`?cursor=`); `null` on the last page.
    #[schema(required)]
    next_cursor: Option<String>,
}

/// A page of deliveries.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(
    dead_code,
    reason = "described to OpenAPI only: List<T> is what is sent"
)]
pub struct DeliveryList {
    data: Vec<DeliveryView>,
    /// Where the next page starts (`?cursor=`); `null` on the last page.
    #[schema(required)]
    next_cursor: Option<String>,
}

/// `POST /organizations/{org}/webhooks`.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = NewWebhook)]
#[allow(
    dead_code,
    reason = "described to OpenAPI only: the domain reads the body"
)]
pub struct NewWebhookBody {
    /// `https` to a public address (`WEBHOOK_ALLOW_PRIVATE=true` also allows `http` and
    /// private addresses).
    #[schema(max_length = 2000, pattern = "^https?://[^\\s\\x00#]+$")]
    url: String,
    #[schema(schema_with = components::event_names)]
    events: Vec<String>,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    description: Option<String>,
}

/// `PATCH /webhooks/{id}`: each field given is set (`description: null` removes it).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = WebhookPatch)]
#[allow(
    dead_code,
    reason = "described to OpenAPI only: the domain reads the body"
)]
pub struct WebhookPatchBody {
    #[schema(max_length = 2000, pattern = "^https?://[^\\s\\x00#]+$")]
    url: Option<String>,
    #[schema(schema_with = components::event_names)]
    events: Option<Vec<String>>,
    enabled: Option<bool>,
    #[schema(min_length = 1, max_length = 255, pattern = "^[^\\x00]*\\S[^\\x00]*$")]
    description: Option<String>,
}
