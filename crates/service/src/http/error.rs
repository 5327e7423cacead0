//! The one error type of the HTTP edge, and the only place that writes error envelopes.
//!
//! Policy: every failure a caller can cause gets the contract's exact body. Unexpected
//! failures (database down, query failed) get the 500 envelope of the operation with a short
//! `error` detail from [`RepoError`]'s safe description; the cause is logged once here, at
//! `error` level, and never echoed raw; the detail ends with the request id, which every log
//! line of the request also carries. Nothing here ever includes a key, token or SQL.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use social_accounts_domain::{AuthFailure, RepoError};
use utoipa::ToSchema;

use crate::http::middleware::request_id;

/// `{ "status": false, "message": ... }`: the hosted API's auth and validation envelope.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusFailure<'a> {
    status: bool,
    message: &'a str,
}

/// `{ "success": false, "message": ... }`: not found, business rules, refusals.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Failure)]
pub struct SuccessFailure<'a> {
    success: bool,
    message: &'a str,
}

/// `{ "success": false, "message": ..., "error": ... }`: a 500 (`error` is a short, safe
/// detail ending with the request id), and the Schedule API's business refusals and not found
/// (`error` repeats the message, as the hosted API does).
#[derive(Debug, Serialize, ToSchema)]
pub struct DetailedFailure<'a> {
    success: bool,
    message: &'a str,
    error: String,
}

/// An error body, in one of the three shapes above (field order is the contract's).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Status(StatusFailure<'a>),
    Success(SuccessFailure<'a>),
    Detailed(DetailedFailure<'a>),
}

impl<'a> Body<'a> {
    fn status(message: &'a str) -> Self {
        Self::Status(StatusFailure {
            status: false,
            message,
        })
    }

    fn success(message: &'a str) -> Self {
        Self::Success(SuccessFailure {
            success: false,
            message,
        })
    }

    fn detailed(message: &'a str, error: String) -> Self {
        Self::Detailed(DetailedFailure {
            success: false,
            message,
            error,
        })
    }
}

/// Failures every API route can answer with, for the OpenAPI document.
#[derive(Debug, utoipa::IntoResponses)]
pub enum CommonFailures {
    /// No key, or an unknown, revoked, expired or malformed key, or a key without workspace or
    /// organization.
    #[response(status = 401)]
    Unauthorized(StatusFailure<'static>),
    /// The organization does not qualify for the Embed API.
    #[response(status = 402)]
    PaymentRequired(StatusFailure<'static>),
    /// A request body was sent.
    #[response(status = 413)]
    TooLarge(SuccessFailure<'static>),
    /// URI too long.
    #[response(status = 414)]
    UriTooLong(SuccessFailure<'static>),
    /// The key is over its rate.
    #[response(status = 429)]
    TooManyRequests(SuccessFailure<'static>),
    /// Headers too large.
    #[response(status = 431)]
    HeadersTooLarge(SuccessFailure<'static>),
    /// Storage failed.
    #[response(status = 500)]
    ServerError(DetailedFailure<'static>),
    /// Every database connection is busy.
    #[response(status = 503)]
    Busy(SuccessFailure<'static>),
}

const POST_NOT_FOUND: &str = "Post details not found.";

/// What an endpoint acts on: decides the wording of "required" and "not found".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A social account (`Social account id is required`, `Social account not found`).
    Account,
    /// A scheduled post (`Post id is required`, `Post details not found.`).
    Post,
    /// The service itself (`GET /`): has no id, so neither message is ever answered.
    Service,
}

/// An endpoint's operation, declared beside its route (each API's table binds it to its
/// handler once): how its failures are worded and logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    /// The OpenAPI `operationId`, which names the operation in log lines.
    pub id: &'static str,
    /// The `message` of its 500.
    pub failure_message: &'static str,
    /// What it acts on.
    pub subject: Subject,
}

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Authentication or plan check failed.
    Auth(AuthFailure),
    /// `:id` missing or blank.
    IdRequired,
    /// No such account in the caller's workspace (or an id that cannot exist).
    NotFound,
    /// The delete did not complete (a concurrent delete won).
    DeleteIncomplete,
    /// A query parameter has a value the endpoint does not accept.
    BadQuery(&'static str),
    /// The request body is over the limit.
    BodyTooLarge,
    /// The request's shape is wrong (the Schedule API's edge validation): 422.
    Invalid(String),
    /// A business rule refused the request: 400 with the message as `error` too.
    Refused(String),
    /// The first request with this idempotency key is still running: 409.
    IdempotencyInProgress,
    /// Storage failed unexpectedly.
    Storage(RepoError),
}

impl From<RepoError> for Failure {
    fn from(error: RepoError) -> Self {
        Failure::Storage(error)
    }
}

impl From<AuthFailure> for Failure {
    fn from(error: AuthFailure) -> Self {
        Failure::Auth(error)
    }
}

/// A failure of one operation, ready to be written.
#[derive(Debug, thiserror::Error)]
#[error("{} failed: {failure:?}", op.id)]
pub struct ApiError {
    op: Op,
    failure: Failure,
    request_id: String,
}

impl ApiError {
    /// Binds a failure to the operation and request it happened in.
    pub fn new(op: Op, req: &HttpRequest, failure: impl Into<Failure>) -> Self {
        Self {
            op,
            failure: failure.into(),
            request_id: request_id::of(req),
        }
    }
}

fn auth_body(failure: AuthFailure) -> (StatusCode, Body<'static>) {
    let (status, message) = match failure {
        AuthFailure::MissingKey => (StatusCode::UNAUTHORIZED, "Unauthorized"),
        AuthFailure::UnknownKey => (
            StatusCode::UNAUTHORIZED,
            "Unable to find embed details, please check your Embed API key and make sure to use the key for API.",
        ),
        AuthFailure::NoWorkspace => (
            StatusCode::UNAUTHORIZED,
            "Unable to find workspace details, please attach a workspace to this API key.",
        ),
        AuthFailure::NoOrganization => (
            StatusCode::UNAUTHORIZED,
            "Unable to find organization details.",
        ),
        AuthFailure::PlanRequired => (
            StatusCode::PAYMENT_REQUIRED,
            "Embed API requires a paid main plan with the API Credits add-on, or an active Embed API subscription.",
        ),
    };
    (status, Body::status(message))
}

/// `{ "success": false, "message": ... }` with a status: unknown routes, wrong methods and
/// other refusals outside the contract's tables.
pub fn envelope(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(Body::success(message))
}

/// The body of a business refusal, 400 (what an idempotency key stores for one too).
#[must_use]
pub fn refusal_body(message: &str) -> String {
    serde_json::to_string(&Body::detailed(message, message.to_owned())).unwrap_or_default()
}

impl ApiError {
    fn parts(&self) -> (StatusCode, Body<'_>) {
        let is_post = self.op.subject == Subject::Post;
        match &self.failure {
            Failure::Auth(failure) => auth_body(*failure),
            Failure::IdRequired if is_post => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Body::status("Post id is required"),
            ),
            Failure::IdRequired => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Body::status("Social account id is required"),
            ),
            Failure::NotFound if is_post => (
                StatusCode::NOT_FOUND,
                Body::detailed(POST_NOT_FOUND, POST_NOT_FOUND.to_owned()),
            ),
            Failure::NotFound => (
                StatusCode::NOT_FOUND,
                Body::success("Social account not found"),
            ),
            Failure::Invalid(message) => (StatusCode::UNPROCESSABLE_ENTITY, Body::status(message)),
            Failure::BodyTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                Body::success("Request body too large"),
            ),
            Failure::IdempotencyInProgress => (
                StatusCode::CONFLICT,
                Body::success("A request with this idempotency key is in progress"),
            ),
            Failure::Refused(message) => (
                StatusCode::BAD_REQUEST,
                Body::detailed(message, message.clone()),
            ),
            Failure::DeleteIncomplete => (
                StatusCode::BAD_REQUEST,
                Body::success("Failed to delete social account"),
            ),
            Failure::BadQuery(message) => (StatusCode::BAD_REQUEST, Body::success(message)),
            Failure::Storage(RepoError::Busy) => (
                StatusCode::SERVICE_UNAVAILABLE,
                Body::success("Service busy, please retry shortly"),
            ),
            Failure::Storage(error) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                Body::detailed(
                    self.op.failure_message,
                    format!("{error} (request id {})", self.request_id),
                ),
            ),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, body) = self.parts();
        let mut response = HttpResponse::build(status);
        match &self.failure {
            Failure::Storage(RepoError::Busy) => {
                tracing::warn!(operation = self.op.id, "request.overloaded");
                response.insert_header((actix_web::http::header::RETRY_AFTER, "1"));
            }
            Failure::Storage(error) => {
                let cause = error.cause().map(ToString::to_string);
                tracing::error!(operation = self.op.id, error = %error, cause, "request.failed");
            }
            _ => {}
        }
        response.json(body)
    }
}
