//! JSON answers for unknown routes and wrong methods (never an empty or HTML body).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::envelope;

pub async fn not_found() -> HttpResponse {
    envelope(StatusCode::NOT_FOUND, "Not found")
}

pub async fn method_not_allowed(req: HttpRequest) -> HttpResponse {
    // `/social-account/` and `/social-account/{id}` take GET and DELETE; every other route GET.
    let allow = if req.path().starts_with("/social-account/") {
        "GET, DELETE"
    } else {
        "GET"
    };
    let mut response = envelope(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(allow) {
        response
            .headers_mut()
            .insert(actix_web::http::header::ALLOW, value);
    }
    response
}
