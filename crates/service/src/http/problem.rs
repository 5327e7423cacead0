//! The error type of the operator and publisher APIs, and the one place that writes their
//! RFC 9457 problem details (`application/problem+json`):
//! `{ "type": "tag:social-accounts,2026:<slug>", "title", "status", "detail", "requestId" }`,
//! plus `errors` (every offending field) for a validation problem.
//!
//! Policy as in `error.rs`: a failure the caller caused gets its problem; an unexpected one
//! (database down, query failed) is logged once here, with its cause, and answered `internal`
//! with only the request id in `detail`. Nothing here ever includes a key, token or SQL.

use actix_web::http::header::{ALLOW, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use actix_web::http::{ConnectionType, StatusCode};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use social_accounts_domain::operator::FieldError;
use social_accounts_domain::{AuthFailure, RepoError};
use utoipa::ToSchema;

use super::body::BodyError;
use super::middleware::request_id::{self, RequestId};

/// What the type URIs are tagged with (RFC 4151: stable, and no address that nobody serves).
pub const TYPE_PREFIX: &str = "tag:social-accounts,2026:";

/// The paths whose refusals are problems: the operator and publisher APIs'.
pub fn applies_to(path: &str) -> bool {
    path.starts_with("/operator/") || path.starts_with("/publisher/")
}

/// Why a request of the operator or publisher API failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No key, or an unknown, revoked or expired one (401).
    Unauthorized,
    /// A real key that may not do this: another kind's, or an organization's doing what only
    /// an instance key may (403).
    Forbidden(&'static str),
    /// Nothing of that id within the caller's reach (404).
    NotFound,
    /// Every offending field of the request (400).
    Validation(Vec<FieldError>),
    /// The request conflicts with what exists, or with a request still running (409).
    Conflict(String),
    /// A publisher's claim no longer holds its link (409).
    LeaseLost(String),
    /// The body is over the limit (413).
    PayloadTooLarge,
    /// A body that is not `application/json` (415).
    UnsupportedMediaType,
    /// Storage failed, or every connection is busy (500, 503).
    Storage(RepoError),
}

impl From<RepoError> for Problem {
    fn from(error: RepoError) -> Self {
        Problem::Storage(error)
    }
}

impl From<AuthFailure> for Problem {
    /// The Embed API's finer failures (no workspace, plan) concern Embed API keys only.
    fn from(_: AuthFailure) -> Self {
        Problem::Unauthorized
    }
}

impl From<BodyError> for Problem {
    fn from(error: BodyError) -> Self {
        match error {
            BodyError::TooLarge => Problem::PayloadTooLarge,
            BodyError::NotAnObject => {
                Problem::Validation(vec![FieldError::new("", "must be a JSON object")])
            }
        }
    }
}

impl From<Vec<FieldError>> for Problem {
    fn from(errors: Vec<FieldError>) -> Self {
        Problem::Validation(errors)
    }
}

/// One offending field, as a validation problem lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldErrorView {
    /// The field's dotted path (`scopes.0`); empty for the body itself.
    field: String,
    /// What is wrong with it.
    message: String,
}

/// An RFC 9457 problem.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Problem)]
pub struct ProblemBody {
    /// `tag:social-accounts,2026:<slug>`: stable, what a program branches on.
    #[serde(rename = "type")]
    kind: String,
    /// A short summary of the kind of problem.
    title: &'static str,
    /// The HTTP status.
    status: u16,
    /// What happened in this request.
    detail: String,
    /// The request's id (`x-request-id`), as the logs have it.
    request_id: String,
    /// Every offending field of a validation problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    errors: Option<Vec<FieldErrorView>>,
}

/// `(status, slug, title)` of a problem kind.
fn kind(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::UNAUTHORIZED => ("unauthorized", "Unauthorized"),
        StatusCode::FORBIDDEN => ("forbidden", "Forbidden"),
        StatusCode::NOT_FOUND => ("not-found", "Not found"),
        StatusCode::METHOD_NOT_ALLOWED => ("method-not-allowed", "Method not allowed"),
        StatusCode::BAD_REQUEST => ("validation", "Validation failed"),
        StatusCode::CONFLICT => ("conflict", "Conflict"),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload-too-large", "Payload too large"),
        StatusCode::URI_TOO_LONG => ("uri-too-long", "URI too long"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported-media-type", "Unsupported media type"),
        StatusCode::TOO_MANY_REQUESTS => ("rate-limited", "Too many requests"),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ("headers-too-large", "Headers too large"),
        StatusCode::SERVICE_UNAVAILABLE => ("busy", "Service busy"),
        _ => ("internal", "Internal error"),
    }
}

/// A problem response of `status` with `detail`, for `request_id` (`errors` only for a
/// validation problem).
pub fn response(
    status: StatusCode,
    detail: String,
    request_id: String,
    errors: Option<Vec<FieldError>>,
) -> HttpResponse {
    respond(status, kind(status), detail, request_id, errors)
}

fn respond(
    status: StatusCode,
    (slug, title): (&'static str, &'static str),
    detail: String,
    request_id: String,
    errors: Option<Vec<FieldError>>,
) -> HttpResponse {
    let body = ProblemBody {
        kind: format!("{TYPE_PREFIX}{slug}"),
        title,
        status: status.as_u16(),
        detail,
        request_id,
        errors: errors.map(|errors| {
            errors
                .into_iter()
                .map(|e| FieldErrorView {
                    field: e.field,
                    message: e.message,
                })
                .collect()
        }),
    };
    let mut builder = HttpResponse::build(status);
    builder.insert_header((CONTENT_TYPE, "application/problem+json"));
    builder.body(serde_json::to_string(&body).unwrap_or_default())
}

/// A refusal made before any handler runs (input limits, rate limit, unknown route, wrong
/// method): a problem under the operator and publisher APIs, the Embed API's envelope
/// elsewhere.
pub fn refusal(req: &HttpRequest, status: StatusCode, message: &str) -> HttpResponse {
    if applies_to(req.path()) {
        let id = req
            .extensions()
            .get::<RequestId>()
            .map(|id| id.0.clone())
            .unwrap_or_default();
        response(status, message.to_owned(), id, None)
    } else {
        super::error::envelope(status, message)
    }
}

/// A refusal of a wrong method: 405 with an `Allow` header listing `allow`.
pub fn method_not_allowed(req: &HttpRequest, allow: &str) -> HttpResponse {
    let mut response = refusal(req, StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
    if let Ok(value) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(ALLOW, value);
    }
    response
}

/// A refusal after which the connection cannot be reused (a body left unread).
pub fn closing(mut response: HttpResponse) -> HttpResponse {
    response
        .head_mut()
        .set_connection_type(ConnectionType::Close);
    response
}

/// A problem of one operation and request, ready to be written.
#[derive(Debug, thiserror::Error)]
#[error("{operation} failed: {problem:?}")]
pub struct ProblemError {
    operation: &'static str,
    problem: Problem,
    request_id: String,
}

impl ProblemError {
    /// Binds a problem to the operation and request it happened in.
    pub fn new(operation: &'static str, req: &HttpRequest, problem: Problem) -> Self {
        Self {
            operation,
            problem,
            request_id: request_id::of(req),
        }
    }

    /// Status, kind (slug and title), detail and offending fields.
    fn parts(
        &self,
    ) -> (
        StatusCode,
        (&'static str, &'static str),
        String,
        Option<Vec<FieldError>>,
    ) {
        let (status, detail, errors) = match &self.problem {
            Problem::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "A valid API key is required: Authorization: Bearer <key>".to_owned(),
                None,
            ),
            Problem::Forbidden(why) => (StatusCode::FORBIDDEN, (*why).to_owned(), None),
            Problem::NotFound => (
                StatusCode::NOT_FOUND,
                "Nothing with that id exists for this key".to_owned(),
                None,
            ),
            Problem::Validation(errors) => (
                StatusCode::BAD_REQUEST,
                "The request has invalid fields: see errors".to_owned(),
                Some(errors.clone()),
            ),
            Problem::Conflict(detail) | Problem::LeaseLost(detail) => {
                (StatusCode::CONFLICT, detail.clone(), None)
            }
            Problem::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request body too large".to_owned(),
                None,
            ),
            Problem::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the body as Content-Type: application/json".to_owned(),
                None,
            ),
            Problem::Storage(RepoError::Busy) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Every database connection is busy: retry shortly".to_owned(),
                None,
            ),
            Problem::Storage(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "The request failed on the server; quote request id {}",
                    self.request_id
                ),
                None,
            ),
        };
        // A lost lease is a conflict of its own kind: a publisher branches on it.
        let kind = match self.problem {
            Problem::LeaseLost(_) => ("lease-lost", "Lease lost"),
            _ => kind(status),
        };
        (status, kind, detail, errors)
    }
}

impl ResponseError for ProblemError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, kind, detail, errors) = self.parts();
        let mut response = respond(status, kind, detail, self.request_id.clone(), errors);
        match &self.problem {
            Problem::Storage(RepoError::Busy) => {
                tracing::warn!(operation = self.operation, "request.overloaded");
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            }
            Problem::Storage(error) => {
                let cause = error.cause().map(ToString::to_string);
                tracing::error!(operation = self.operation, error = %error, cause, "request.failed");
            }
            _ => {}
        }
        response
    }
}
