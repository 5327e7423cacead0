//! Limits on every input. Before routing ([`middleware`]): the URI length and the total size of
//! the headers. Per scope, as the route table wraps them: [`no_body`] for routes that take no
//! body (small ones are ignored, anything larger is refused from its headers, never buffered),
//! [`json_body`] for the Schedule API (a declared length over `body::MAX_BODY` is refused at
//! once; the handler stops reading a chunked one there). Each refusal is the JSON envelope with
//! its status, or a problem under the operator and publisher APIs. (Beyond 128 KiB of headers
//! actix-http refuses the request itself, with an empty body.)

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_LENGTH, TRANSFER_ENCODING};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

use crate::http::problem::{closing, refusal};

/// The largest body accepted (and ignored): no route reads one.
pub const MAX_IGNORED_BODY: u64 = 1024;
/// The longest request target (path and query).
pub const MAX_URI: usize = 2048;
/// The most header bytes (names and values) a request may carry.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;

const TOO_LARGE: (StatusCode, &str) = (StatusCode::PAYLOAD_TOO_LARGE, "Request body too large");

fn declared_length(req: &ServiceRequest) -> Option<u64> {
    req.headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
}

/// A body a route without one refuses: chunked, or declared over [`MAX_IGNORED_BODY`].
fn unwanted_body(req: &ServiceRequest) -> Option<(StatusCode, &'static str)> {
    let chunked = req.headers().contains_key(TRANSFER_ENCODING);
    (chunked || declared_length(req).is_some_and(|len| len > MAX_IGNORED_BODY)).then_some(TOO_LARGE)
}

/// A JSON body declared over the limit.
fn oversized_body(req: &ServiceRequest) -> Option<(StatusCode, &'static str)> {
    declared_length(req)
        .is_some_and(|len| len > crate::http::body::MAX_BODY as u64)
        .then_some(TOO_LARGE)
}

fn oversized_head(req: &ServiceRequest) -> Option<(StatusCode, &'static str)> {
    let headers = req.headers();
    if req.uri().path_and_query().map_or(0, |pq| pq.as_str().len()) > MAX_URI {
        return Some((StatusCode::URI_TOO_LONG, "Request URI too long"));
    }
    let header_bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some((
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Request headers too large",
        ));
    }
    None
}

/// Middleware: refuses oversized URIs and headers before routing.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    refuse_or_call(oversized_head(&req), req, next).await
}

/// Middleware for routes that take no body.
pub async fn no_body(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    refuse_or_call(unwanted_body(&req), req, next).await
}

/// Middleware for a scope whose `POST`, `PUT` and `PATCH` take a JSON body; its other methods
/// take none, as everywhere else.
pub async fn json_body(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let takes_body = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH);
    let refused = if takes_body {
        oversized_body(&req)
    } else {
        unwanted_body(&req)
    };
    refuse_or_call(refused, req, next).await
}

async fn refuse_or_call(
    refused: Option<(StatusCode, &'static str)>,
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if let Some((status, message)) = refused {
        // The body was not read: the connection cannot be reused.
        let response = closing(refusal(req.request(), status, message));
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
