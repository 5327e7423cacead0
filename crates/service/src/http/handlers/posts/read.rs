//! `GET /schedule/:id`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::{Caller, ScheduledPostId};

use crate::http::blocking::short_read;
use crate::http::error::Failure;
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
        (status = 200, description = "The post", body = crate::http::views::PostRead),
        (status = 404, description = "No such post in the key's workspace", body = crate::http::error::DetailedFailure),
        (status = 422, description = "Blank id", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    caller: Caller,
    state: web::Data<AppState>,
    id: ScheduledPostId,
) -> Result<HttpResponse, Failure> {
    let found = short_read(&state, (caller.scope, id), |store, (scope, id)| {
        store.read_post(scope, id)
    })
    .await?
    .ok_or(Failure::NotFound)?;
    Ok(HttpResponse::Ok().json(views::post(&found, &state.platforms)))
}
