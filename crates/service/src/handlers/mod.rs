//! One handler per action, wired in [`routes`].

mod delete;
mod fallback;
mod health;
mod list;
mod read;

use actix_web::web;
use social_accounts_domain::SocialAccountId;

use crate::error::Failure;

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::live))
        .route("/readyz", web::get().to(health::ready))
        .route("/metrics", web::get().to(crate::metrics::handle))
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
