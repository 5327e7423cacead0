//! The operator API (`/operator/v1`, docs/operator-api.md): a deployment's own backend
//! connects accounts, provisions organizations, workspaces and keys, and reads the audit
//! trail. Its table is here: each route with the operation it performs (its OpenAPI
//! `operationId`, which log lines carry) and the paths the document shows.
//!
//! Conventions (shared with the publisher API): `Authorization: Bearer` keys of the
//! `operator` kind, problem details, JSON bodies (415 otherwise, every offending field
//! listed), cursor pages, `Idempotency-Key` on creates, the Embed API's rate limit, body
//! limits, request ids and metrics.

pub mod answers;
pub mod bodies;
pub mod extract;
pub mod handlers;
mod links;
pub mod openapi;
pub mod views;
pub mod webhook_views;

use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::web;
use social_accounts_domain::page::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::http::endpoint::{bind_problem as bind, resource};
use crate::http::middleware::{limits, rate_limit};
use handlers::{accounts, audit, keys, organizations, webhooks, workspaces};

/// The operator API's scope.
pub fn scope() -> impl actix_web::dev::HttpServiceFactory {
    let routes = vec![
        resource(
            "/openapi.json",
            vec![(Method::GET, web::to(openapi::handle))],
        ),
        resource(
            "/organizations",
            vec![
                (
                    Method::POST,
                    bind("createOrganization", organizations::create),
                ),
                (
                    Method::GET,
                    bind("listOrganizations", organizations::list_all),
                ),
            ],
        ),
        resource(
            "/organizations/{org}",
            vec![
                (Method::GET, bind("readOrganization", organizations::read)),
                (
                    Method::PATCH,
                    bind("updateOrganization", organizations::update),
                ),
            ],
        ),
        resource(
            "/organizations/{org}/workspaces",
            vec![
                (Method::POST, bind("createWorkspace", workspaces::create)),
                (Method::GET, bind("listWorkspaces", workspaces::list_all)),
            ],
        ),
        resource(
            "/organizations/{org}/api-keys",
            vec![
                (Method::POST, bind("createApiKey", keys::create)),
                (Method::GET, bind("listApiKeys", keys::list_all)),
            ],
        ),
        resource(
            "/organizations/{org}/audit-events",
            vec![(Method::GET, bind("listAuditEvents", audit::list_all))],
        ),
        resource(
            "/audit-events",
            vec![(
                Method::GET,
                bind("listAllAuditEvents", audit::list_instance),
            )],
        ),
        resource(
            "/api-keys/{id}",
            vec![(Method::DELETE, bind("revokeApiKey", keys::revoke))],
        ),
        resource(
            "/workspaces/{ws}/social-accounts",
            vec![
                (
                    Method::POST,
                    bind("connectSocialAccount", accounts::connect),
                ),
                (Method::GET, bind("listSocialAccounts", accounts::list_all)),
            ],
        ),
        resource(
            "/social-accounts/{id}",
            vec![
                (Method::GET, bind("readSocialAccount", accounts::read)),
                (Method::PATCH, bind("updateSocialAccount", accounts::update)),
                (
                    Method::DELETE,
                    bind("disconnectSocialAccount", accounts::disconnect),
                ),
            ],
        ),
        resource(
            "/social-accounts/{id}/tokens",
            vec![(
                Method::PUT,
                bind("refreshSocialAccountTokens", accounts::refresh),
            )],
        ),
    ];
    routes.into_iter().chain(webhook_routes()).fold(
        web::scope("/operator/v1")
            .wrap(from_fn(rate_limit::middleware))
            .wrap(from_fn(limits::json_body)),
        actix_web::Scope::service,
    )
}

/// The webhook endpoints' routes (docs/webhooks.md).
fn webhook_routes() -> Vec<actix_web::Resource> {
    vec![
        resource(
            "/organizations/{org}/webhooks",
            vec![
                (Method::POST, bind("createWebhook", webhooks::create)),
                (Method::GET, bind("listWebhooks", webhooks::list_all)),
            ],
        ),
        resource(
            "/webhooks/{id}",
            vec![
                (Method::GET, bind("readWebhook", webhooks::read)),
                (Method::PATCH, bind("updateWebhook", webhooks::update)),
                (Method::DELETE, bind("deleteWebhook", webhooks::delete)),
            ],
        ),
        resource(
            "/webhooks/{id}/rotate-secret",
            vec![(Method::POST, bind("rotateWebhookSecret", webhooks::rotate))],
        ),
        resource(
            "/webhooks/{id}/test",
            vec![(Method::POST, bind("testWebhook", webhooks::test))],
        ),
        resource(
            "/webhooks/{id}/deliveries",
            vec![(
                Method::GET,
                bind("listWebhookDeliveries", webhooks::deliveries),
            )],
        ),
        resource(
            "/webhooks/{id}/deliveries/{deliveryId}/retry",
            vec![(Method::POST, bind("retryWebhookDelivery", webhooks::retry))],
        ),
    ]
}

/// The endpoints in the OpenAPI document.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(paths(
    organizations::create,
    organizations::list_all,
    organizations::read,
    organizations::update,
    workspaces::create,
    workspaces::list_all,
    keys::create,
    keys::list_all,
    keys::revoke,
    accounts::connect,
    accounts::list_all,
    accounts::read,
    accounts::update,
    accounts::refresh,
    accounts::disconnect,
    audit::list_all,
    audit::list_instance,
    webhooks::create,
    webhooks::list_all,
    webhooks::read,
    webhooks::update,
    webhooks::delete,
    webhooks::rotate,
    webhooks::test,
    webhooks::deliveries,
    webhooks::retry,
))]
pub struct Paths;

/// The problems every operator route can answer, for the document.
#[derive(Debug, utoipa::IntoResponses)]
pub enum Problems {
    /// Invalid fields, parameters or cursor; every one listed.
    #[response(status = 400, content_type = "application/problem+json")]
    Validation(crate::http::problem::ProblemBody),
    /// No key, or an unknown, revoked or expired one.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(crate::http::problem::ProblemBody),
    /// A key of another kind, or an organization's key doing what only an instance key may.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(crate::http::problem::ProblemBody),
    /// Nothing with that id within the key's reach.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(crate::http::problem::ProblemBody),
    /// A request with the same idempotency key is still running.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(crate::http::problem::ProblemBody),
    /// Body over the limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(crate::http::problem::ProblemBody),
    /// A request target (path and query) over 2048 bytes.
    #[response(status = 414, content_type = "application/problem+json")]
    UriTooLong(crate::http::problem::ProblemBody),
    /// A body that is not application/json.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(crate::http::problem::ProblemBody),
    /// Headers over 8 KiB in all.
    #[response(status = 431, content_type = "application/problem+json")]
    HeadersTooLarge(crate::http::problem::ProblemBody),
    /// The key is over its rate.
    #[response(status = 429, content_type = "application/problem+json")]
    RateLimited(crate::http::problem::ProblemBody),
    /// Storage failed; `detail` has the request id.
    #[response(status = 500, content_type = "application/problem+json")]
    Internal(crate::http::problem::ProblemBody),
    /// Every database connection is busy.
    #[response(status = 503, content_type = "application/problem+json")]
    Busy(crate::http::problem::ProblemBody),
}

/// `?limit=` and `?cursor=`, for the document.
#[derive(Debug, utoipa::IntoParams)]
#[expect(
    dead_code,
    reason = "described to OpenAPI only: `PageRequest` reads the query"
)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Rows per page.
    #[param(minimum = 1, maximum = 100, default = 50)]
    limit: Option<u32>,
    /// Where the page starts: a previous page's `nextCursor`.
    #[param(pattern = "^[0-9a-f]+$")]
    cursor: Option<String>,
}

const _: () = assert!(DEFAULT_LIMIT == 50 && MAX_LIMIT == 100, "update PageParams");
