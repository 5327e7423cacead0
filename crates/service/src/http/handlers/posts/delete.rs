//! `DELETE /schedule/:id`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::repository::ScheduleRepository;

use super::post_id;
use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// Delete a post with its captions and links (its accounts stay).
#[utoipa::path(
    delete,
    operation_id = "deleteScheduledPost",
    tag = "schedule",
    path = "/schedule/{id}",
    params(("id" = String, Path, description = super::ID_DOC, pattern = "^[A-Za-z0-9_-]{1,64}$")),
    responses(
        (status = 200, description = "Deleted", body = crate::http::post_schemas::PostDeletedDoc),
        (status = 404, description = "No such post in the key's workspace", body = crate::http::error::DetailedFailure),
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
        .map_err(ApiError::during(Op::DeletePost, &req))?;
    let id = post_id(req.match_info().get("id").unwrap_or_default())
        .map_err(ApiError::during(Op::DeletePost, &req))?;
    let store = state.store.clone();
    let deleted = blocking(move || store.delete_post(&caller.workspace_id, &id))
        .await
        .map_err(ApiError::during(Op::DeletePost, &req))?;
    if !deleted {
        return Err(ApiError::new(Op::DeletePost, &req, Failure::NotFound));
    }
    Ok(HttpResponse::Ok().json(views::POST_DELETED))
}

/// `DELETE /schedule/` (no id): authenticated first, then 422.
pub async fn blank(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::DeletePost, &req))?;
    Err(ApiError::new(Op::DeletePost, &req, Failure::IdRequired))
}
