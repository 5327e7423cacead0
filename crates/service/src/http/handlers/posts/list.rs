//! `GET /schedule?fromDate=…&toDate=…[&socialAccountIds=a,b]`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::repository::ScheduleRepository;
use social_accounts_domain::schedule::ListQuery;

use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// The first value of each parameter.
fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

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
        (status = 200, description = "The posts, by scheduledFor then id", body = crate::http::post_schemas::PostListDoc),
        (status = 422, description = "A date is missing or not a date", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::ListPosts, &req))?;
    let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let query = ListQuery::parse(
        param(&pairs, "fromDate"),
        param(&pairs, "toDate"),
        param(&pairs, "socialAccountIds"),
    )
    .map_err(|e| ApiError::new(Op::ListPosts, &req, Failure::Invalid(e.0)))?;
    let store = state.store.clone();
    let posts = blocking(move || store.list_posts(&caller.workspace_id, &query))
        .await
        .map_err(ApiError::during(Op::ListPosts, &req))?;
    Ok(HttpResponse::Ok().json(views::posts(&posts, &state.platforms)))
}
