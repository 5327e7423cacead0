//! `GET /social-account/:id`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::repository::AccountRepository;
use social_accounts_domain::{Caller, SocialAccountId};

use crate::http::blocking::short_read;
use crate::http::error::Failure;
use crate::http::state::AppState;
use crate::http::views;

/// Read one account with its scheduled-post usage.
#[utoipa::path(
    get,
    operation_id = "readSocialAccount",
    tag = "social-accounts",
    path = "/social-account/{id}",
    params(("id" = String, Path, description = super::ID_DOC, pattern = "^[A-Za-z0-9_-]{1,64}$")),
    responses(
        (status = 200, description = "The account and its usage by status", body = crate::http::views::ReadResponse),
        (status = 404, description = "No such account in the key's workspace", body = crate::http::error::SuccessFailure),
        (status = 422, description = "Blank id", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    caller: Caller,
    state: web::Data<AppState>,
    id: SocialAccountId,
) -> Result<HttpResponse, Failure> {
    let now = state.clock.now();
    let (account, usage) = short_read(&state, (caller.scope, id), move |store, (scope, id)| {
        store.read_account(scope, id, now)
    })
    .await?
    .ok_or(Failure::NotFound)?;
    Ok(HttpResponse::Ok().json(views::read(&account, &usage)))
}
