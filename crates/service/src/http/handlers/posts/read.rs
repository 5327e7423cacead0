//! `GET /schedule/:id`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::repository::ScheduleRepository;

use super::post_id;
use crate::http::auth::authenticate;
use crate::http::blocking::short_read;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// Read one post.
#[utoipa::path(
    get,
    operation_id = "readScheduledPost",
    tag = "schedule",
    path = "/schedule/{id}",
    params(("id" = String, Path, description = super::ID_DOC, pattern = "^[A-Za-z0-9_-]{1,64}$")),
    responses(
        (status = 200, description = "The post", body = crate::http::post_schemas::PostReadDoc),
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
        .map_err(ApiError::during(Op::ReadPost, &req))?;
    let id = post_id(req.match_info().get("id").unwrap_or_default())
        .map_err(ApiError::during(Op::ReadPost, &req))?;
    let found = short_read(&state.store, move |store| {
        store.read_post(&caller.workspace_id, &id)
    })
    .await
    .map_err(ApiError::during(Op::ReadPost, &req))?
    .ok_or_else(|| ApiError::new(Op::ReadPost, &req, Failure::NotFound))?;
    Ok(HttpResponse::Ok().json(views::post(&found, &state.platforms)))
}

/// `GET /schedule/` (no id): authenticated first, then 422.
pub async fn blank(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::ReadPost, &req))?;
    Err(ApiError::new(Op::ReadPost, &req, Failure::IdRequired))
}
