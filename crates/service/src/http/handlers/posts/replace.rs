//! `PUT /schedule/:id`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::{ReplaceOutcome, ScheduleRepository};
use social_accounts_domain::schedule::PostRequest;

use super::post_id;
use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::body;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// Replace a post: its fields, captions and all its links.
#[utoipa::path(
    put,
    operation_id = "replaceScheduledPost",
    tag = "schedule",
    path = "/schedule/{id}",
    params(("id" = String, Path, description = super::ID_DOC, pattern = "^[A-Za-z0-9_-]{1,64}$")),
    request_body(content = crate::http::post_schemas::PostBody, description = "The post, whole (schedule-api.md)"),
    responses(
        (status = 200, description = "Replaced", body = crate::http::post_schemas::PostWrittenDoc),
        (status = 400, description = "A business rule refused it", body = crate::http::error::DetailedFailure),
        (status = 404, description = "No such post in the key's workspace", body = crate::http::error::DetailedFailure),
        (status = 422, description = "Blank id, or the body's shape is wrong", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let fail = |failure: Failure| ApiError::new(Op::UpdatePost, &req, failure);
    let caller = authenticate(&req, &state).await.map_err(fail)?;
    let id = post_id(req.match_info().get("id").unwrap_or_default());
    if let Err(Failure::IdRequired) = id {
        return Err(fail(Failure::IdRequired));
    }
    let body = body::json_object(payload)
        .await
        .map_err(|e| fail(e.into()))?;
    let request =
        PostRequest::parse(&body, &state.platforms).map_err(|e| fail(Failure::Invalid(e.0)))?;
    let id = id.map_err(fail)?;
    let store = state.store.clone();
    let platforms = state.platforms.clone();
    let outcome = blocking(move || {
        store.replace_post(
            &caller.workspace_id,
            &id,
            &platforms,
            request,
            Timestamp::now(),
        )
    })
    .await
    .map_err(|e| fail(e.into()))?;
    match outcome {
        ReplaceOutcome::Replaced(post) => Ok(HttpResponse::Ok().json(views::written(
            "Scheduled post updated",
            &post,
            &state.platforms,
        ))),
        ReplaceOutcome::NotFound => Err(fail(Failure::NotFound)),
        ReplaceOutcome::Refused(violation) => Err(fail(Failure::Refused(violation.0))),
    }
}

/// `PUT /schedule/` (no id): authenticated first, then 422.
pub async fn blank(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::UpdatePost, &req))?;
    Err(ApiError::new(Op::UpdatePost, &req, Failure::IdRequired))
}
