//! The route table: every path, its methods and handlers, the scopes the per-key rate limit
//! wraps, and the `Allow` header each resource answers a wrong method with. Adding an endpoint
//! is a line here.

use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::{Resource, Route, web};

use super::handlers::{delete, fallback, health, key_check, list, metrics, posts, read};
use super::middleware::{limits, rate_limit};
use super::openapi;

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    // The Schedule API takes JSON bodies (read by its handlers up to `body::MAX_BODY`); every
    // other route takes none, and refuses one from its headers, unread.
    cfg.service(
        web::scope("/schedule")
            .wrap(from_fn(rate_limit::middleware))
            .wrap(from_fn(limits::json_body))
            .service(resource(
                "",
                vec![
                    (Method::POST, web::to(posts::create::handle)),
                    (Method::GET, web::to(posts::list::handle)),
                ],
            ))
            // `{id}` never matches an empty segment; this resource answers the blank id.
            .service(resource(
                "/",
                vec![
                    (Method::GET, web::to(posts::read::blank)),
                    (Method::PUT, web::to(posts::replace::blank)),
                    (Method::DELETE, web::to(posts::delete::blank)),
                ],
            ))
            .service(resource(
                "/{id}",
                vec![
                    (Method::GET, web::to(posts::read::handle)),
                    (Method::PUT, web::to(posts::replace::handle)),
                    (Method::DELETE, web::to(posts::delete::handle)),
                ],
            )),
    )
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
            .service(
                web::scope("/social-account")
                    .wrap(from_fn(rate_limit::middleware))
                    .service(resource("", vec![(Method::GET, web::to(list::handle))]))
                    // `{id}` never matches an empty segment; this resource answers the blank id.
                    .service(resource(
                        "/",
                        vec![
                            (Method::GET, web::to(read::blank)),
                            (Method::DELETE, web::to(delete::blank)),
                        ],
                    ))
                    .service(resource(
                        "/{id}",
                        vec![
                            (Method::GET, web::to(read::handle)),
                            (Method::DELETE, web::to(delete::handle)),
                        ],
                    )),
            )
            .service(
                resource("/", vec![(Method::GET, web::to(key_check::handle))])
                    .wrap(from_fn(rate_limit::middleware)),
            )
            .default_service(web::to(fallback::not_found)),
    )
    .default_service(web::to(fallback::not_found));
}

/// A resource answering exactly `methods`; any other method gets 405 with an `Allow` header
/// listing them, so the header cannot disagree with the table.
fn resource(path: &str, methods: Vec<(Method, Route)>) -> Resource {
    let allow = methods
        .iter()
        .map(|(method, _)| method.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let resource = methods
        .into_iter()
        .fold(web::resource(path), |resource, (method, route)| {
            resource.route(route.method(method))
        });
    resource.default_service(web::to(move || {
        std::future::ready(fallback::method_not_allowed(&allow))
    }))
}
