//! `POST /schedule`, with optional idempotency keys (extension; docs/api.md).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use social_accounts_domain::Caller;
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::repository::ScheduleRepository;

use crate::http::blocking::blocking;
use crate::http::error::Failure;
use crate::http::extract::PostBody;
use crate::http::idempotency::{self, NextAction, Outcome};
use crate::http::state::AppState;
use crate::http::views;

/// Create a scheduled post or a draft.
#[utoipa::path(
    post,
    operation_id = "createScheduledPost",
    tag = "schedule",
    path = "/schedule",
    // The `Idempotency-Key` header (docs/api.md) is left out on purpose, as `?dryRun` is on
    // the delete: a schema-driven client or fuzzer that sends one key with two bodies takes
    // the contract's 422 for a rejected valid request.
    request_body(content = crate::http::openapi::post_body::PostBody, description = "The post (schedule-api.md)"),
    responses(
        (status = 200, description = "Created", body = crate::http::views::PostWritten),
        (status = 400, description = "A business rule refused it", body = crate::http::error::DetailedFailure),
        (status = 409, description = "A request with this idempotency key is in progress", body = crate::http::error::SuccessFailure),
        (status = 422, description = "The body's shape is wrong, or an idempotency key is malformed or reused with another body", body = crate::http::error::StatusFailure),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    caller: Caller,
    state: web::Data<AppState>,
    key: Option<IdempotencyKey>,
    body: PostBody,
) -> Result<HttpResponse, Failure> {
    let key = match idempotency::try_processing(&state, &caller.scope, key, &body).await? {
        NextAction::Answer(response) => return Ok(response),
        NextAction::Create(key) => key,
    };
    let outcome = create(&state, &caller, body, key.clone()).await;
    idempotency::save_response(&state, &caller.scope, key, outcome).await
}

/// Creates the post; the answer's status and exact text.
async fn create(
    state: &AppState,
    caller: &Caller,
    body: PostBody,
    key: Option<IdempotencyKey>,
) -> Outcome {
    let (store, scope, now) = (state.store.clone(), caller.scope.clone(), state.clock.now());
    let created = blocking(move || store.create_post(&scope, body.request, key.as_ref(), now))
        .await?
        .map_err(|violation| Failure::Refused(violation.0))?;
    Ok((
        StatusCode::OK,
        views::created_text(&created, &state.platforms),
    ))
}
