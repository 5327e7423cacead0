//! Webhooks (the `webhooks` feature): what a deployment's own backend is told, and how.
//!
//! - [`EventType`]: every event the service emits, by wire name; [`EventFilter`] is an
//!   endpoint's choice among them (`["*"]` or a list).
//! - [`Event`]: one event as written to the outbox in the transaction of its cause, and the
//!   exact body every attempt sends (`{"type", "timestamp", "data"}`).
//! - [`WebhookSecret`], [`sign`], [`signature_header`] and [`verify`]: the Standard Webhooks
//!   signature (`v1,` + base64 HMAC-SHA256 over `"{id}.{timestamp}.{body}"`), checked against
//!   the specification's published test vector.
//! - [`RetrySchedule`]: `WEBHOOK_RETRY_SCHEDULE`, the waits between attempts with ±10 % jitter.
//! - [`EndpointUrl`] and [`is_public`]: which URLs may be registered and which addresses may be
//!   connected to (the guard against server-side request forgery).
//! - [`bodies`]: the operator API's request bodies for endpoints.

pub mod bodies;
mod event;
mod filter;
mod retry;
mod signature;
mod url_rule;

pub use event::{Event, EventType, Via};
pub use filter::EventFilter;
pub use retry::{RetrySchedule, RetryScheduleError};
pub use signature::{WebhookSecret, sign, signature_header, verify};
pub use url_rule::{EndpointUrl, is_public};
