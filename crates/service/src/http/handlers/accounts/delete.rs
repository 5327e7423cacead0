//! `DELETE /social-account/:id[?dryRun=true]`.

use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{Actor, ActorKind, Caller, SocialAccountId};

use crate::http::blocking::blocking;
use crate::http::error::Failure;
use crate::http::middleware::request_id;
use crate::http::state::AppState;
use crate::http::views;

/// Disconnect an account: it and its links go, in one transaction.
#[utoipa::path(
    delete,
    operation_id = "deleteSocialAccount",
    tag = "social-accounts",
    path = "/social-account/{id}",
    // `?dryRun=true` (docs/api.md) is left out on purpose: schema-driven clients and fuzzers
    // take any 2xx DELETE for a deletion, and a dry run deletes nothing.
    params(("id" = String, Path, description = super::ID_DOC, pattern = "^[A-Za-z0-9_-]{1,64}$")),
    responses(
        (status = 200, description = "Deleted, with the links removed", body = crate::http::views::DeleteResponse),
        (status = 400, description = "A concurrent delete won (or a malformed dryRun, see docs/api.md)", body = crate::http::error::SuccessFailure),
        (status = 404, description = "No such account in the key's workspace", body = crate::http::error::SuccessFailure),
        (status = 422, description = "Blank id", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    caller: Caller,
    state: web::Data<AppState>,
    id: SocialAccountId,
    mode: DeleteMode,
    req: HttpRequest,
) -> Result<HttpResponse, Failure> {
    let actor = Actor {
        kind: ActorKind::Embed,
        key_id: Some(caller.key_id.clone()),
        request_id: Some(request_id::of(&req)),
    };
    let (store, now) = (state.store.clone(), state.clock.now());
    let outcome =
        blocking(move || store.delete_account(&caller.scope, &id, mode, &actor, now)).await?;
    match outcome {
        DeleteOutcome::Deleted(removed) => Ok(HttpResponse::Ok().json(views::removed(
            "Social account deleted successfully",
            &removed,
        ))),
        DeleteOutcome::WouldDelete(removed) => {
            Ok(HttpResponse::Ok().json(views::removed("Dry run: nothing was deleted", &removed)))
        }
        DeleteOutcome::NotFound => Err(Failure::NotFound),
        DeleteOutcome::LostRace => Err(Failure::DeleteIncomplete),
    }
}
