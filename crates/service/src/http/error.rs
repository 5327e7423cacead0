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

use crate::http::middleware::request_id;

/// An error body. Field order is the contract's: `status`/`success`, `message`, `error`.
#[derive(Debug, Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    success: Option<bool>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl<'a> Body<'a> {
    /// `{ "status": false, "message": ... }`: the hosted API's auth and validation envelope.
    fn status(message: &'a str) -> Self {
        Self {
            status: Some(false),
            success: None,
            message,
            error: None,
        }
    }

    /// `{ "success": false, "message": ... }`.
    fn success(message: &'a str) -> Self {
        Self {
            status: None,
            success: Some(false),
            message,
            error: None,
        }
    }
}

/// Which endpoint failed: decides the 500 message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `GET /social-account`.
    List,
    /// `GET /social-account/:id`.
    Read,
    /// `DELETE /social-account/:id`.
    Delete,
}

impl Op {
    fn failure_message(self) -> &'static str {
        match self {
            Op::List => "Error fetching Social Accounts",
            Op::Read => "Error fetching Social Account",
            Op::Delete => "Error deleting Social Account",
        }
    }
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
#[error("{op:?} failed: {failure:?}")]
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

    /// Binder for `map_err`.
    pub fn during<F: Into<Failure>>(op: Op, req: &HttpRequest) -> impl Fn(F) -> Self {
        let request_id = request_id::of(req);
        move |failure| Self {
            op,
            failure: failure.into(),
            request_id: request_id.clone(),
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

impl ApiError {
    fn parts(&self) -> (StatusCode, Body<'static>) {
        match &self.failure {
            Failure::Auth(failure) => auth_body(*failure),
            Failure::IdRequired => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Body::status("Social account id is required"),
            ),
            Failure::NotFound => (
                StatusCode::NOT_FOUND,
                Body::success("Social account not found"),
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
                Body {
                    error: Some(format!("{error} (request id {})", self.request_id)),
                    ..Body::success(self.op.failure_message())
                },
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
                tracing::warn!(operation = ?self.op, "request.overloaded");
                response.insert_header((actix_web::http::header::RETRY_AFTER, "1"));
            }
            Failure::Storage(error) => {
                let cause = error.cause().map(ToString::to_string);
                tracing::error!(operation = ?self.op, error = %error, cause, "request.failed");
            }
            _ => {}
        }
        response.json(body)
    }
}
