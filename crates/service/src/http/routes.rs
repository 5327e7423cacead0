//! The route table: the scopes and what wraps them (the per-key rate limit, the body policy),
//! the service's own routes, and each API's table (`handlers::accounts`, `handlers::posts`,
//! `operator`), which binds every handler to its operation.

use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::web;

use super::endpoint::{bind, resource};
use super::error::{Op, Subject};
use super::handlers::{accounts, fallback, health, key_check, metrics, posts};
use super::middleware::{limits, rate_limit};
use super::{openapi, operator, publisher};

const KEY_CHECK: Op = Op {
    id: "checkKey",
    failure_message: "Error checking the API key",
    subject: Subject::Service,
};

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    // The Schedule API takes JSON bodies (read by its handlers up to `body::MAX_BODY`); every
    // other route takes none, and refuses one from its headers, unread.
    let schedule = posts::resources().into_iter().fold(
        web::scope("/schedule")
            .wrap(from_fn(rate_limit::middleware))
            .wrap(from_fn(limits::json_body)),
        actix_web::Scope::service,
    );
    let social_accounts = accounts::resources().into_iter().fold(
        web::scope("/social-account").wrap(from_fn(rate_limit::middleware)),
        actix_web::Scope::service,
    );
    cfg.service(schedule)
        .service(operator::scope())
        .service(publisher::scope())
        .service(
            web::scope("")
                .wrap(from_fn(limits::no_body))
                .service(resource(
                    "/healthz",
                    vec![(Method::GET, web::to(health::live))],
                ))
                .service(resource(
                    "/readyz",
                    vec![(Method::GET, web::to(health::ready))],
                ))
                .service(resource(
                    "/metrics",
                    vec![(Method::GET, web::to(metrics::handle))],
                ))
                .service(resource(
                    "/openapi.json",
                    vec![(Method::GET, web::to(openapi::handle))],
                ))
                .service(social_accounts)
                .service(
                    resource("/", vec![(Method::GET, bind(KEY_CHECK, key_check::handle))])
                        .wrap(from_fn(rate_limit::middleware)),
                )
                .default_service(web::to(fallback::not_found)),
        )
        .default_service(web::to(fallback::not_found));
}

/// The service's own endpoints in the OpenAPI document.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(paths(key_check::handle, health::live, health::ready))]
pub struct Paths;
