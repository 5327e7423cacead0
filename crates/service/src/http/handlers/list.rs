//! `GET /social-account`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::AccountRepository;

use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::error::{ApiError, Op};
use crate::http::state::AppState;
use crate::http::views;

/// List the workspace's accounts, grouped by platform.
#[utoipa::path(
    get,
    operation_id = "listSocialAccounts",
    tag = "social-accounts",
    path = "/social-account",
    responses(
        (status = 200, description = "Every account of the key's workspace", body = crate::http::views::ListResponse),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::List, &req))?;
    let store = state.store.clone();
    let accounts = blocking(move || store.list_accounts(&caller.workspace_id, Timestamp::now()))
        .await
        .map_err(ApiError::during(Op::List, &req))?;
    Ok(HttpResponse::Ok().json(views::list(&accounts, &state.platforms)))
}
