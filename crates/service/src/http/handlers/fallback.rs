//! JSON answers for unknown routes and wrong methods (never an empty or HTML body).

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{ALLOW, HeaderValue};

use crate::http::error::envelope;

/// Any path outside the route table.
pub async fn not_found() -> HttpResponse {
    envelope(StatusCode::NOT_FOUND, "Not found")
}

/// A known path with a method it does not take; `allow` comes from the route table.
pub fn method_not_allowed(allow: &str) -> HttpResponse {
    let mut response = envelope(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
    if let Ok(value) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(ALLOW, value);
    }
    response
}
