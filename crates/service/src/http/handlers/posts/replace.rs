//! `PUT /schedule/:id`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::repository::{ReplaceOutcome, ScheduleRepository};
use social_accounts_domain::{Caller, ScheduledPostId};

use crate::http::blocking::blocking;
use crate::http::error::Failure;
use crate::http::extract::PostBody;
use crate::http::state::AppState;
use crate::http::views;

/// Replace a post: its fields, captions and all its links.
#[utoipa::path(
    put,
    operation_id = "replaceScheduledPost",
    tag = "schedule",
    path = "/schedule/{id}",
    params(("id" = String, Path, description = super::ID_DOC, pattern = "^[A-Za-z0-9_-]{1,64}$")),
    request_body(content = crate::http::openapi::post_body::PostBody, description = "The post, whole (schedule-api.md)"),
    responses(
        (status = 200, description = "Replaced", body = crate::http::views::PostWritten),
        (status = 400, description = "A business rule refused it", body = crate::http::error::DetailedFailure),
        (status = 404, description = "No such post in the key's workspace", body = crate::http::error::DetailedFailure),
        (status = 422, description = "Blank id, or the body's shape is wrong", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
// The id comes after the body: the body's checks answer first, and an id that cannot exist
// is "not found" only then.
pub async fn handle(
    caller: Caller,
    state: web::Data<AppState>,
    body: PostBody,
    id: ScheduledPostId,
) -> Result<HttpResponse, Failure> {
    let (store, now) = (state.store.clone(), state.clock.now());
    let outcome =
        blocking(move || store.replace_post(&caller.scope, &id, body.request, now)).await?;
    match outcome {
        ReplaceOutcome::Replaced(post) => Ok(HttpResponse::Ok().json(views::written(
            "Scheduled post updated",
            &post,
            &state.platforms,
        ))),
        ReplaceOutcome::NotFound => Err(Failure::NotFound),
        ReplaceOutcome::Refused(violation) => Err(Failure::Refused(violation.0)),
    }
}
