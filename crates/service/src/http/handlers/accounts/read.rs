//! `GET /social-account/:id`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::AccountRepository;

use super::account_id;
use crate::http::auth::authenticate;
use crate::http::blocking::short_read;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// Read one account with its scheduled-post usage.
#[utoipa::path(
    get,
    operation_id = "readSocialAccount",
    tag = "social-accounts",
    path = "/social-account/{id}",
    params(("id" = String, Path, description = "Social account id: 1 to 64 of A-Z a-z 0-9 _ - (anything else is 404, blank 422)", pattern = "^[A-Za-z0-9_-]{1,64}$")),
    responses(
        (status = 200, description = "The account and its usage by status", body = crate::http::views::ReadResponse),
        (status = 404, description = "No such account in the key's workspace", body = crate::http::error::SuccessFailure),
        (status = 422, description = "Blank id", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::Read, &req))?;
    let id = account_id(req.match_info().get("id").unwrap_or_default())
        .map_err(ApiError::during(Op::Read, &req))?;
    let found = short_read(&state.store, move |store| {
        store.read_account(&caller.workspace_id, &id, Timestamp::now())
    })
    .await
    .map_err(ApiError::during(Op::Read, &req))?;
    // An account of a platform that is not enabled is invisible, like another workspace's.
    let (account, usage) = found
        .filter(|(account, _)| state.platforms.contains(account.platform))
        .ok_or_else(|| ApiError::new(Op::Read, &req, Failure::NotFound))?;
    Ok(HttpResponse::Ok().json(views::read(&account, &usage)))
}

/// `GET /social-account/` (no id): authenticated first, then 422.
pub async fn blank(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::Read, &req))?;
    Err(ApiError::new(Op::Read, &req, Failure::IdRequired))
}
