//! `DELETE /social-account/:id[?dryRun=true]`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{Platform, Timestamp};

use super::account_id;
use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

/// `dryRun` from the query string. Anything but a clear yes or no is refused, so a typo can
/// never turn a dry run into a real delete.
fn mode(query: &str) -> Result<DeleteMode, Failure> {
    let mut mode = DeleteMode::Delete;
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name == "dryRun" {
            mode = match value {
                "true" | "1" => DeleteMode::DryRun,
                "false" | "0" => DeleteMode::Delete,
                _ => return Err(Failure::BadQuery("dryRun must be true or false")),
            };
        }
    }
    Ok(mode)
}

/// Disconnect an account: it and its links go, in one transaction.
#[utoipa::path(
    delete,
    operation_id = "deleteSocialAccount",
    tag = "social-accounts",
    path = "/social-account/{id}",
    // `?dryRun=true` (docs/api.md) is left out on purpose: schema-driven clients and fuzzers
    // take any 2xx DELETE for a deletion, and a dry run deletes nothing.
    params(("id" = String, Path, description = "Social account id: 1 to 64 of A-Z a-z 0-9 _ - (anything else is 404, blank 422)", pattern = "^[A-Za-z0-9_-]{1,64}$")),
    responses(
        (status = 200, description = "Deleted, with the links removed", body = crate::http::views::DeleteResponse),
        (status = 400, description = "A concurrent delete won (or a malformed dryRun, see docs/api.md)", body = crate::http::error::SuccessFailure),
        (status = 404, description = "No such account in the key's workspace", body = crate::http::error::SuccessFailure),
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
        .map_err(ApiError::during(Op::Delete, &req))?;
    let id = account_id(req.match_info().get("id").unwrap_or_default())
        .map_err(ApiError::during(Op::Delete, &req))?;
    let mode = mode(req.query_string()).map_err(ApiError::during(Op::Delete, &req))?;
    let store = state.store.clone();
    let platforms = state.platforms.clone();
    let outcome = blocking(move || {
        // An account of a platform that is not enabled is invisible: not found, not deleted.
        // Its platform never changes, so checking it before the delete is race-free.
        if platforms.len() < Platform::ALL.len() {
            let found = store.read_account(&caller.workspace_id, &id, Timestamp::now())?;
            if !found.is_some_and(|(account, _)| platforms.contains(account.platform)) {
                return Ok(DeleteOutcome::NotFound);
            }
        }
        store.delete_account(&caller.workspace_id, &id, mode)
    })
    .await
    .map_err(ApiError::during(Op::Delete, &req))?;
    match outcome {
        DeleteOutcome::Deleted(removed) => Ok(HttpResponse::Ok().json(views::removed(
            "Social account deleted successfully",
            &removed,
        ))),
        DeleteOutcome::WouldDelete(removed) => {
            Ok(HttpResponse::Ok().json(views::removed("Dry run: nothing was deleted", &removed)))
        }
        DeleteOutcome::NotFound => Err(ApiError::new(Op::Delete, &req, Failure::NotFound)),
        DeleteOutcome::LostRace => Err(ApiError::new(Op::Delete, &req, Failure::DeleteIncomplete)),
    }
}

/// `DELETE /social-account/` (no id): authenticated first, then 422.
pub async fn blank(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::Delete, &req))?;
    Err(ApiError::new(Op::Delete, &req, Failure::IdRequired))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_run_parsing() {
        assert_eq!(mode(""), Ok(DeleteMode::Delete));
        assert_eq!(mode("dryRun=true"), Ok(DeleteMode::DryRun));
        assert_eq!(mode("x=1&dryRun=1"), Ok(DeleteMode::DryRun));
        assert_eq!(mode("dryRun=false"), Ok(DeleteMode::Delete));
        assert!(mode("dryRun=yes").is_err());
        assert!(mode("dryRun").is_err());
    }
}
