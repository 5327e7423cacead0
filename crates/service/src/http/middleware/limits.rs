//! Limits on every input, enforced before routing: request bodies (no route takes one; small
//! ones are ignored, anything larger is refused from its headers, never buffered), the URI
//! length and the total size of the headers. Each refusal is the JSON envelope with its status.
//! (Beyond 128 KiB of headers actix-http refuses the request itself, with an empty body.)

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, TRANSFER_ENCODING};
use actix_web::middleware::Next;

use crate::http::error::envelope;

/// The largest body accepted (and ignored): no route reads one.
pub const MAX_IGNORED_BODY: u64 = 1024;
/// The longest request target (path and query).
pub const MAX_URI: usize = 2048;
/// The most header bytes (names and values) a request may carry.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;

fn refusal(req: &ServiceRequest) -> Option<(StatusCode, &'static str)> {
    let headers = req.headers();
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let chunked = headers.contains_key(TRANSFER_ENCODING);
    if chunked || declared.is_some_and(|len| len > MAX_IGNORED_BODY) {
        return Some((StatusCode::PAYLOAD_TOO_LARGE, "Request body too large"));
    }
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

/// Middleware: refuses oversized requests before anything reads them.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if let Some((status, message)) = refusal(&req) {
        let mut response = envelope(status, message);
        // The body was not read: the connection cannot be reused.
        response
            .head_mut()
            .set_connection_type(actix_web::http::ConnectionType::Close);
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
