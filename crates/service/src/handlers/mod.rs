//! One handler per action, wired in [`routes`].

pub(crate) mod delete;
mod fallback;
pub(crate) mod health;
pub(crate) mod list;
pub(crate) mod read;

use actix_web::web;
use social_accounts_domain::SocialAccountId;

use crate::error::Failure;

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    let get_only = |path, route: actix_web::Route| {
        web::resource(path)
            .route(route.method(actix_web::http::Method::GET))
            .default_service(web::to(fallback::method_not_allowed))
    };
    cfg.service(get_only("/healthz", web::to(health::live)))
        .service(get_only("/readyz", web::to(health::ready)))
        .service(get_only("/metrics", web::to(crate::metrics::handle)))
        .service(get_only("/openapi.json", web::to(crate::openapi::handle)))
        .service(
            web::resource("/social-account")
                .get(list::handle)
                .default_service(web::to(fallback::method_not_allowed)),
        )
        // `{id}` never matches an empty segment; this resource answers the blank id.
        .service(
            web::resource("/social-account/")
                .get(read::blank)
                .delete(delete::blank)
                .default_service(web::to(fallback::method_not_allowed)),
        )
        .service(
            web::resource("/social-account/{id}")
                .get(read::handle)
                .delete(delete::handle)
                .default_service(web::to(fallback::method_not_allowed)),
        )
        .default_service(web::to(fallback::not_found));
}

/// The `:id` of a request. Blank is "required"; an id that cannot exist is "not found" at
/// once, without asking the database.
fn account_id(raw: &str) -> Result<SocialAccountId, Failure> {
    use social_accounts_domain::IdError;
    SocialAccountId::parse(raw).map_err(|error| match error {
        IdError::Blank => Failure::IdRequired,
        IdError::TooLong { .. } | IdError::ForbiddenCharacter { .. } => Failure::NotFound,
    })
}
