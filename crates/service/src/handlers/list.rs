//! `GET /social-account`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::AccountRepository;

use crate::auth::authenticate;
use crate::error::{ApiError, Op};
use crate::state::{AppState, blocking};
use crate::views::{self, Envelope};

/// List the workspace's accounts, grouped by platform.
#[utoipa::path(
    get,
    operation_id = "listSocialAccounts",
    tag = "social-accounts",
    path = "/social-account",
    responses(
        (status = 200, description = "Every account of the key's workspace", body = crate::openapi::ListResponse),
        (status = 401, description = "No key, or an unknown, revoked, expired or malformed key, or a key without workspace or organization", body = crate::openapi::StatusFailure),
        (status = 402, description = "The organization does not qualify for the Embed API", body = crate::openapi::StatusFailure),
        (status = 413, description = "A request body was sent", body = crate::openapi::Failure),
        (status = 414, description = "URI too long", body = crate::openapi::Failure),
        (status = 429, description = "The key is over its rate", body = crate::openapi::Failure),
        (status = 431, description = "Headers too large", body = crate::openapi::Failure),
        (status = 500, description = "Storage failed", body = crate::openapi::ServerFailure),
        (status = 503, description = "Every database connection is busy", body = crate::openapi::Failure),
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
    Ok(HttpResponse::Ok().json(Envelope::data(views::list(&accounts))))
}
