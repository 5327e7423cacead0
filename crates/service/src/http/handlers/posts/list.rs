//! `GET /schedule?fromDate=…&toDate=…[&socialAccountIds=a,b]`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::Caller;
use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::schedule::ListQuery;

use crate::http::blocking::blocking;
use crate::http::error::Failure;
use crate::http::state::AppState;
use crate::http::views;

/// Posts and drafts of the workspace scheduled in a date range.
#[utoipa::path(
    get,
    operation_id = "listScheduledPosts",
    tag = "schedule",
    path = "/schedule",
    params(
        ("fromDate" = String, Query, format = DateTime, description = "Earliest scheduledFor, inclusive (ISO-8601)"),
        ("toDate" = String, Query, format = DateTime, description = "Latest scheduledFor, inclusive (ISO-8601)"),
        ("socialAccountIds" = Option<String>, Query, description = "Comma-separated account ids: posts targeting one of them"),
    ),
    responses(
        (status = 200, description = "The posts, by scheduledFor then id", body = crate::http::views::PostList),
        (status = 422, description = "A date is missing or not a date", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    caller: Caller,
    state: web::Data<AppState>,
    query: ListQuery,
) -> Result<HttpResponse, Failure> {
    let store = state.store.clone();
    let posts = blocking(move || store.list_posts(&caller.scope, &query)).await?;
    Ok(HttpResponse::Ok().json(views::posts(&posts, &state.platforms)))
}
