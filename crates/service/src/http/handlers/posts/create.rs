//! `POST /schedule`, with optional idempotency keys (extension; docs/api.md).

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpRequest, HttpResponse, web};
use social_accounts_domain::idempotency::{Claim, IdempotencyKey, body_hash};
use social_accounts_domain::repository::{IdempotencyRepository, ScheduleRepository};
use social_accounts_domain::schedule::PostRequest;
use social_accounts_domain::{Caller, Timestamp};

use crate::http::auth::authenticate;
use crate::http::blocking::blocking;
use crate::http::body;
use crate::http::error::{ApiError, Failure, Op};
use crate::http::state::AppState;
use crate::http::views;

const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Create a scheduled post or a draft.
#[utoipa::path(
    post,
    operation_id = "createScheduledPost",
    tag = "schedule",
    path = "/schedule",
    // The `Idempotency-Key` header (docs/api.md) is left out on purpose, as `?dryRun` is on
    // the delete: a schema-driven client or fuzzer that sends one key with two bodies takes
    // the contract's 422 for a rejected valid request.
    request_body(content = crate::http::post_schemas::PostBody, description = "The post (schedule-api.md)"),
    responses(
        (status = 200, description = "Created", body = crate::http::post_schemas::PostWrittenDoc),
        (status = 400, description = "A business rule refused it", body = crate::http::error::DetailedFailure),
        (status = 409, description = "A request with this idempotency key is in progress", body = crate::http::error::SuccessFailure),
        (status = 422, description = "The body's shape is wrong, or an idempotency key is malformed or reused with another body", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let fail = |failure: Failure| ApiError::new(Op::CreatePost, &req, failure);
    let caller = authenticate(&req, &state).await.map_err(fail)?;
    let key = req
        .headers()
        .get(IDEMPOTENCY_KEY)
        .map(|value| IdempotencyKey::parse(value.as_bytes()))
        .transpose()
        .map_err(|e| fail(Failure::Invalid(e.to_string())))?;
    let bytes = body::read(payload).await.map_err(|e| fail(e.into()))?;
    let body = body::parse_object(&bytes).map_err(|e| fail(e.into()))?;
    let request =
        PostRequest::parse(&body, &state.platforms).map_err(|e| fail(Failure::Invalid(e.0)))?;
    let Some(key) = key else {
        let (status, text) = create(&state, caller, request, None).await.map_err(fail)?;
        return Ok(replay(status, text));
    };
    let claim = {
        let (store, workspace, key, hash) = (
            state.store.clone(),
            caller.workspace_id.clone(),
            key.clone(),
            body_hash(&bytes),
        );
        blocking(move || store.claim(&workspace, &key, &hash, Timestamp::now()))
            .await
            .map_err(|e| fail(e.into()))?
    };
    match claim {
        Claim::New => {}
        Claim::Replay { status, body } => return Ok(replay(status, body)),
        Claim::Mismatch => {
            return Err(fail(Failure::Invalid(
                "Idempotency key reused with a different body".to_owned(),
            )));
        }
        Claim::InProgress => return Err(fail(Failure::IdempotencyInProgress)),
        Claim::Created(post) => {
            // The first request created the post and stopped before storing its answer.
            let (store, workspace) = (state.store.clone(), caller.workspace_id.clone());
            let found = blocking(move || store.read_post(&workspace, &post))
                .await
                .map_err(|e| fail(e.into()))?
                .ok_or_else(|| fail(Failure::IdempotencyInProgress))?;
            let text = written(&found, &state);
            remember(&state, &caller, &key, 200, &text).await;
            return Ok(replay(200, text));
        }
    }
    match create(&state, caller.clone(), request, Some(key.clone())).await {
        Ok(response) => {
            let (status, text) = response;
            remember(&state, &caller, &key, status, &text).await;
            Ok(replay(status, text))
        }
        Err(failure @ Failure::Refused(_)) => {
            let error = fail(failure);
            let text = error.body_text();
            remember(&state, &caller, &key, 400, &text).await;
            Ok(replay(400, text))
        }
        Err(failure) => {
            // A server error is not an answer worth repeating: the key may be used again.
            let (store, workspace) = (state.store.clone(), caller.workspace_id.clone());
            let _ = blocking(move || store.release(&workspace, &key)).await;
            Err(fail(failure))
        }
    }
}

/// Creates the post; the status and exact body text of the answer.
async fn create(
    state: &AppState,
    caller: Caller,
    request: PostRequest,
    key: Option<IdempotencyKey>,
) -> Result<(u16, String), Failure> {
    let store = state.store.clone();
    let platforms = state.platforms.clone();
    let created = blocking(move || {
        store.create_post(
            &caller.workspace_id,
            &platforms,
            request,
            key.as_ref(),
            Timestamp::now(),
        )
    })
    .await?
    .map_err(|violation| Failure::Refused(violation.0))?;
    Ok((200, written(&created, state)))
}

fn written(post: &social_accounts_domain::schedule::ScheduledPost, state: &AppState) -> String {
    serde_json::to_string(&views::written(
        "Scheduled post created",
        post,
        &state.platforms,
    ))
    .unwrap_or_default()
}

/// Stores the answer for the key; a failure to store it is logged, the answer still sent.
async fn remember(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    status: u16,
    text: &str,
) {
    let (store, workspace, key, text) = (
        state.store.clone(),
        caller.workspace_id.clone(),
        key.clone(),
        text.to_owned(),
    );
    if let Err(error) = blocking(move || store.complete(&workspace, &key, status, &text)).await {
        tracing::warn!(%error, "idempotency.not_stored");
    }
}

fn replay(status: u16, body: String) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
        .content_type(ContentType::json())
        .body(body)
}
