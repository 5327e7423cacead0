//! `DELETE /schedule/:id`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::{Caller, ScheduledPostId};

use crate::http::blocking::blocking;
use crate::http::error::Failure;
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
        (status = 200, description = "Deleted", body = crate::http::views::PostDeleted),
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
    let (store, now) = (state.store.clone(), state.clock.now());
    if !blocking(move || store.delete_post(&caller.scope, &id, now)).await? {
        return Err(Failure::NotFound);
    }
    Ok(HttpResponse::Ok().json(views::POST_DELETED))
}
