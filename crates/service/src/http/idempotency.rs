//! `POST /schedule`'s idempotency keys at the HTTP edge, in two calls around the create (the
//! shape of zero-to-production's `try_processing` / `save_response`): [`try_processing`]
//! claims the key or finds the answer to repeat; [`save_response`] stores the answer (or
//! frees the key after a server error, which is no answer worth repeating).

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use social_accounts_domain::idempotency::{Claim, IdempotencyKey, body_hash};
use social_accounts_domain::repository::{IdempotencyRepository, ScheduleRepository};
use social_accounts_domain::{RepoError, Scope};

use super::blocking::blocking;
use super::error::{Failure, refusal_body};
use super::extract::PostBody;
use super::state::AppState;
use super::views;

/// What to do with a create.
#[derive(Debug)]
pub enum NextAction {
    /// Create it; with a key, the key is claimed for this request (pass it to the store, so
    /// the post's id is written with the post, and then to [`save_response`]).
    Create(Option<IdempotencyKey>),
    /// Answer this, created nothing: a repeat of an earlier request with this key.
    Answer(HttpResponse),
}

/// What a create produced: the status and exact body text to answer (and to store), or a
/// failure that is not an answer.
pub type Outcome = Result<(StatusCode, String), Failure>;

/// Claims `key` for this request (one transaction: of concurrent requests with one key,
/// exactly one goes on), or finds what to answer instead.
pub async fn try_processing(
    state: &AppState,
    scope: &Scope,
    key: Option<IdempotencyKey>,
    body: &PostBody,
) -> Result<NextAction, Failure> {
    let Some(key) = key else {
        return Ok(NextAction::Create(None));
    };
    let (store, workspace, claimed) = (state.store.clone(), scope.workspace.clone(), key.clone());
    let (hash, now) = (body_hash(&body.bytes), state.clock.now());
    let claim = blocking(move || store.claim(&workspace, &claimed, &hash, now)).await?;
    match claim {
        Claim::New => Ok(NextAction::Create(Some(key))),
        Claim::Replay { status, body } => {
            Ok(NextAction::Answer(replay(status_code(status)?, body)))
        }
        Claim::Mismatch => Err(Failure::Invalid(
            "Idempotency key reused with a different body".to_owned(),
        )),
        Claim::InProgress => Err(Failure::IdempotencyInProgress),
        Claim::Created(post) => {
            // The first request created the post and stopped before storing its answer.
            let (store, read_scope) = (state.store.clone(), scope.clone());
            let found = blocking(move || store.read_post(&read_scope, &post))
                .await?
                .ok_or(Failure::IdempotencyInProgress)?;
            let text = views::created_text(&found, &state.platforms);
            let response = replay(StatusCode::OK, text.clone());
            remember(state, scope, &key, StatusCode::OK, text).await;
            Ok(NextAction::Answer(response))
        }
    }
}

/// The answer to `outcome`: stored for the key (a refusal too, as its 400), or, after a
/// failure of the server, the key released so the request may be made again.
pub async fn save_response(
    state: &AppState,
    scope: &Scope,
    key: Option<IdempotencyKey>,
    outcome: Outcome,
) -> Result<HttpResponse, Failure> {
    let Some(key) = key else {
        return outcome.map(|(status, text)| replay(status, text));
    };
    let (status, text) = match outcome {
        Ok(answer) => answer,
        Err(Failure::Refused(message)) => (StatusCode::BAD_REQUEST, refusal_body(&message)),
        Err(failure) => {
            let (store, workspace) = (state.store.clone(), scope.workspace.clone());
            if let Err(error) = blocking(move || store.release(&workspace, &key)).await {
                tracing::warn!(%error, "idempotency.not_released");
            }
            return Err(failure);
        }
    };
    remember(state, scope, &key, status, text.clone()).await;
    Ok(replay(status, text))
}

/// Stores the answer for the key; a failure to store it is logged, the answer still sent.
async fn remember(
    state: &AppState,
    scope: &Scope,
    key: &IdempotencyKey,
    status: StatusCode,
    text: String,
) {
    let (store, workspace, key) = (state.store.clone(), scope.workspace.clone(), key.clone());
    let stored = blocking(move || store.complete(&workspace, &key, status.as_u16(), &text)).await;
    if let Err(error) = stored {
        tracing::warn!(%error, "idempotency.not_stored");
    }
}

/// A stored status is one this service wrote; anything else is a damaged row.
fn status_code(stored: u16) -> Result<StatusCode, Failure> {
    StatusCode::from_u16(stored)
        .map_err(|_| Failure::Storage(RepoError::internal("a stored answer has no valid status")))
}

/// The response with exactly this body text.
fn replay(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::json())
        .body(body)
}
