//! Middleware, outermost first as `server::start` wraps them: request ids, metrics, the
//! request span (tracing-actix-web), input limits; the per-key rate limit wraps only the API
//! scopes, in the route table.

pub mod limits;
pub mod metrics;
pub mod rate_limit;
pub mod request_id;
