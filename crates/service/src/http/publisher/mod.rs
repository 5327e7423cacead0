//! The publisher API (`/publisher/v1`, docs/publisher-api.md): a deployment's workers claim
//! due links under a lease, publish them with the account's token, and report. Conventions
//! are the operator API's (`Authorization: Bearer` keys, here of the `publisher` kind,
//! problem details, JSON bodies, the Embed API's rate limit, body limits, request ids and
//! metrics); a claim that holds no link any more is a 409 `lease-lost`.

pub mod bodies;
pub mod extract;
pub mod handlers;
pub mod metrics;
pub mod openapi;
pub mod sweep;
pub mod views;

use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::web;

use crate::http::endpoint::{bind_problem as bind, resource};
use crate::http::middleware::{limits, rate_limit};
use crate::http::problem::ProblemBody;

/// The publisher API's scope.
pub fn scope() -> impl actix_web::dev::HttpServiceFactory {
    let routes = vec![
        resource(
            "/openapi.json",
            vec![(Method::GET, web::to(openapi::handle))],
        ),
        resource(
            "/claims",
            vec![(Method::POST, bind("claimLinks", handlers::claim))],
        ),
        resource(
            "/claims/{claimId}/heartbeat",
            vec![(Method::POST, bind("heartbeatClaim", handlers::heartbeat))],
        ),
        resource(
            "/claims/{claimId}/report",
            vec![(Method::POST, bind("reportClaim", handlers::report))],
        ),
        resource(
            "/claims/{claimId}/release",
            vec![(Method::POST, bind("releaseClaim", handlers::release))],
        ),
    ];
    routes.into_iter().fold(
        web::scope("/publisher/v1")
            .wrap(from_fn(rate_limit::middleware))
            .wrap(from_fn(limits::json_body)),
        actix_web::Scope::service,
    )
}

/// The endpoints in the OpenAPI document.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(paths(
    handlers::claim,
    handlers::heartbeat,
    handlers::report,
    handlers::release,
))]
pub struct Paths;

/// What a request on one claim may meet.
#[derive(Debug, utoipa::IntoResponses)]
pub enum ClaimProblems {
    /// `lease-lost`: the claim holds no link (lease ended, a newer claim, link removed);
    /// `conflict`: another outcome after a report or release.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(ProblemBody),
}

/// The problems every publisher route can answer, for the document.
#[derive(Debug, utoipa::IntoResponses)]
pub enum Problems {
    /// Invalid fields; every one listed.
    #[response(status = 400, content_type = "application/problem+json")]
    Validation(ProblemBody),
    /// No key, or an unknown, revoked or expired one.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(ProblemBody),
    /// A key of another kind.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(ProblemBody),
    /// Body over the limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(ProblemBody),
    /// A request target (path and query) over 2048 bytes.
    #[response(status = 414, content_type = "application/problem+json")]
    UriTooLong(ProblemBody),
    /// A body that is not application/json.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(ProblemBody),
    /// Headers over 8 KiB in all.
    #[response(status = 431, content_type = "application/problem+json")]
    HeadersTooLarge(ProblemBody),
    /// The key is over its rate.
    #[response(status = 429, content_type = "application/problem+json")]
    RateLimited(ProblemBody),
    /// Storage failed; `detail` has the request id.
    #[response(status = 500, content_type = "application/problem+json")]
    Internal(ProblemBody),
    /// Every database connection is busy.
    #[response(status = 503, content_type = "application/problem+json")]
    Busy(ProblemBody),
}
