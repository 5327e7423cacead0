//! The operator API's creates with an `Idempotency-Key` (the semantics of `POST /schedule`):
//! the first request with a key runs and its 2xx answer is kept (sealed) for 24 hours; a
//! repeat with the same body gets that answer again, byte for byte, and creates nothing; the
//! same key with another body, or on another endpoint, is refused; one still running is a
//! conflict. A request that fails is no answer: its key is released. Keys are per caller's
//! organization, or the instance.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use serde::Serialize;
use social_accounts_domain::idempotency::{Claim, IdempotencyKey, body_hash};
use social_accounts_domain::operator::FieldError;
use social_accounts_domain::{Reach, RepoError};
use social_accounts_storage::Store;

use super::extract::{JsonBody, Operator};
use crate::http::blocking::blocking;
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// Runs `create` (on the blocking pool) as the request `body` to `path` of `operator`,
/// answering the status and view it returns; with a key, once.
pub async fn create_once<V>(
    state: &AppState,
    operator: &Operator,
    key: Option<IdempotencyKey>,
    path: &str,
    body: &JsonBody,
    create: impl FnOnce(&Store) -> Result<(StatusCode, V), Problem> + Send + 'static,
) -> Result<HttpResponse, Problem>
where
    V: Serialize + Send + 'static,
{
    let run = |store: Store| async move {
        let (status, view) = blocking(move || Ok(create(&store))).await??;
        serde_json::to_string(&view)
            .map(|text| (status, text))
            .map_err(|_| Problem::Storage(RepoError::internal("an answer did not serialize")))
    };
    let Some(key) = key else {
        let (status, text) = run(state.store.clone()).await?;
        return Ok(answer(status, text));
    };
    let scope = match operator.reach() {
        Reach::Instance => "instance".to_owned(),
        Reach::Organization(org) => format!("organization:{org}"),
    };
    // The path is part of what is compared: one key on two endpoints is two requests.
    let hash = body_hash(&[path.as_bytes(), b"\n", &body.bytes].concat());
    let (store, now) = (state.store.clone(), state.clock.now());
    let (claim_scope, claim_key) = (scope.clone(), key.clone());
    let claim = blocking(move || store.claim_answer(&claim_scope, &claim_key, &hash, now)).await?;
    match claim {
        Claim::New => {}
        Claim::Replay { status, body } => {
            let status = StatusCode::from_u16(status).map_err(|_| {
                Problem::Storage(RepoError::internal("a stored answer has no valid status"))
            })?;
            return Ok(answer(status, body));
        }
        Claim::Mismatch => {
            return Err(Problem::Validation(vec![FieldError::new(
                "Idempotency-Key",
                "was used with another body or endpoint",
            )]));
        }
        Claim::InProgress | Claim::Created(_) => {
            return Err(Problem::Conflict(
                "A request with this idempotency key is in progress".to_owned(),
            ));
        }
    }
    let store = state.store.clone();
    match run(state.store.clone()).await {
        Ok((status, text)) => {
            let (stored, kept) = (text.clone(), key.clone());
            let saved =
                blocking(move || store.store_answer(&scope, &kept, status.as_u16(), &stored)).await;
            if let Err(error) = saved {
                tracing::warn!(%error, "idempotency.not_stored");
            }
            Ok(answer(status, text))
        }
        Err(problem) => {
            let released = blocking(move || store.release_answer(&scope, &key)).await;
            if let Err(error) = released {
                tracing::warn!(%error, "idempotency.not_released");
            }
            Err(problem)
        }
    }
}

/// A JSON answer of exactly this text.
fn answer(status: StatusCode, text: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::json())
        .body(text)
}
