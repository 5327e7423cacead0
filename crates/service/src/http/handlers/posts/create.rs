//! `POST /schedule`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::schedule::PostRequest;

use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::body;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// Create a scheduled post or a draft.
#[utoipa::path(
    post,
    operation_id = "createScheduledPost",
    tag = "schedule",
    path = "/schedule",
    request_body(content = crate::http::post_schemas::PostBody, description = "The post (schedule-api.md)"),
    responses(
        (status = 200, description = "Created", body = crate::http::post_schemas::PostWrittenDoc),
        (status = 400, description = "A business rule refused it", body = crate::http::error::DetailedFailure),
        (status = 422, description = "The body's shape is wrong", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let fail = |failure: Failure| ApiError::new(Op::CreatePost, &req, failure);
    let caller = authenticate(&req, &state).await.map_err(fail)?;
    let body = body::json_object(payload)
        .await
        .map_err(|e| fail(e.into()))?;
    let request =
        PostRequest::parse(&body, &state.platforms).map_err(|e| fail(Failure::Invalid(e.0)))?;
    let store = state.store.clone();
    let platforms = state.platforms.clone();
    let created = blocking(move || {
        store.create_post(&caller.workspace_id, &platforms, request, Timestamp::now())
    })
    .await
    .map_err(|e| fail(e.into()))?
    .map_err(|violation| fail(Failure::Refused(violation.0)))?;
    Ok(HttpResponse::Ok().json(views::written(
        "Scheduled post created",
        &created,
        &state.platforms,
    )))
}
