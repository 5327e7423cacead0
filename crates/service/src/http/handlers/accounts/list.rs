//! `GET /social-account`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::Caller;
use social_accounts_domain::repository::AccountRepository;

use crate::http::blocking::bounded_read;
use crate::http::error::Failure;
use crate::http::state::AppState;
use crate::http::views;

/// Lists of at most this many accounts may be read on the worker.
const SHORT_LIST: usize = 100;

/// List the workspace's accounts, grouped by platform.
#[utoipa::path(
    get,
    operation_id = "listSocialAccounts",
    tag = "social-accounts",
    path = "/social-account",
    responses(
        (status = 200, description = "Every account of the key's workspace", body = crate::http::views::ListResponse),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(caller: Caller, state: web::Data<AppState>) -> Result<HttpResponse, Failure> {
    let now = state.clock.now();
    // A list of a few accounts is read like one account, on this worker; a longer one,
    // unbounded in time, on the blocking pool.
    let accounts = bounded_read(
        &state,
        caller.scope,
        |store, scope| store.list_accounts_up_to(scope, now, SHORT_LIST),
        move |store, scope| store.list_accounts(&scope, now),
    )
    .await?;
    Ok(HttpResponse::Ok().json(views::list(&accounts, &state.platforms)))
}
