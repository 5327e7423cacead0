//! `GET /social-account`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::Timestamp;
use social_accounts_domain::repository::AccountRepository;

use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::error::{ApiError, Op};
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
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::List, &req))?;
    let now = Timestamp::now();
    // A list of a few accounts is read like one account, on this worker (see `short_read`);
    // a longer one, unbounded in time, on the blocking pool.
    let short = state
        .store
        .without_waiting(|store| store.list_accounts_up_to(&caller.workspace_id, now, SHORT_LIST));
    let accounts = match short {
        Some(Ok(Some(accounts))) => accounts,
        Some(Err(error)) => return Err(ApiError::during(Op::List, &req)(error)),
        Some(Ok(None)) | None => {
            let store = state.store.clone();
            blocking(move || store.list_accounts(&caller.workspace_id, now))
                .await
                .map_err(ApiError::during(Op::List, &req))?
        }
    };
    Ok(HttpResponse::Ok().json(views::list(&accounts, &state.platforms)))
}
