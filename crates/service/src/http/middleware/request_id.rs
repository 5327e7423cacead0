//! Request ids: the caller's well-formed `x-request-id` is kept, otherwise a fresh one is made.
//! Every response carries it, every log line of the request has it, and every 500 body names
//! it, so a caller's report can be matched with the logs.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest};
use rand::Rng;

/// The response (and request) header.
pub const HEADER: &str = "x-request-id";

/// The id of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// An incoming id is kept only when it is short and plain, so it can go into logs and headers
/// as is.
fn well_formed(raw: &str) -> bool {
    (1..=64).contains(&raw.len())
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
}

fn fresh() -> String {
    format!("{:032x}", rand::rng().random::<u128>())
}

/// The id of a request being handled (empty if the middleware did not run).
pub fn of(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default()
}

/// Middleware: decides the id before anything else runs and sets it on the response.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = req
        .headers()
        .get(HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|value| well_formed(value))
        .map_or_else(fresh, str::to_owned);
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.call(req).await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(HEADER), value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_plain_ids_only() {
        assert!(well_formed("req-123_abc.def:1"));
        assert!(well_formed(&fresh()));
        assert!(!well_formed(""));
        assert!(!well_formed(&"a".repeat(65)));
        assert!(!well_formed("has space"));
        assert!(!well_formed("quote\"d"));
        assert_ne!(fresh(), fresh());
    }
}
