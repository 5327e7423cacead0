//! `GET /social-account/:id`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::AccountRepository;

use super::account_id;
use crate::auth::authenticate;
use crate::error::{ApiError, Failure, Op};
use crate::state::{AppState, blocking};
use crate::views::{self, Envelope};

pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::Read, &req))?;
    let id = account_id(req.match_info().get("id").unwrap_or_default())
        .map_err(ApiError::during(Op::Read, &req))?;
    let store = state.store.clone();
    let found = blocking(move || store.read_account(&caller.workspace_id, &id, Timestamp::now()))
        .await
        .map_err(ApiError::during(Op::Read, &req))?;
    let (account, usage) = found.ok_or_else(|| ApiError::new(Op::Read, &req, Failure::NotFound))?;
    Ok(HttpResponse::Ok().json(Envelope::data(views::read(&account, &usage))))
}

/// `GET /social-account/` (no id): authenticated first, then 422.
pub async fn blank(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::Read, &req))?;
    Err(ApiError::new(Op::Read, &req, Failure::IdRequired))
}
