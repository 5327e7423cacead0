//! Webhook delivery and the token expiry sweep: the background work of `serve` besides the
//! publisher's lease sweep (docs/webhooks.md).

pub mod client;
pub mod expiry;
pub mod metrics;
pub mod sender;
