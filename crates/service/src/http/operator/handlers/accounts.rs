//! `/workspaces/{ws}/social-accounts` and `/social-accounts/{id}`: connect, list, read,
//! change, refresh, disconnect.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::operator::bodies;
use social_accounts_domain::repository::{ConnectionRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{Connected, PageRequest, SocialAccountId, WorkspaceId};

use crate::http::blocking::blocking;
use crate::http::operator::answers::create_once;
use crate::http::operator::extract::{JsonBody, Operator, Query};
use crate::http::operator::views::{AccountView, AccountWithUsage, DisconnectView, list};
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// Connect an account after the deployment's OAuth callback, or reconnect the workspace's
/// account of that platform and `externalId` (same id, every link kept).
#[utoipa::path(
    post,
    operation_id = "connectSocialAccount",
    tag = "social-accounts",
    path = "/operator/v1/workspaces/{ws}/social-accounts",
    params(("ws" = String, Path, description = "Workspace id")),
    request_body(content = crate::http::operator::bodies::ConnectBody, content_type = "application/json"),
    responses(
        (status = 201, description = "A new account", body = crate::http::operator::views::AccountView),
        (status = 200, description = "Reconnected: tokens and profile replaced, links kept", body = crate::http::operator::views::AccountView),
        (status = 409, description = "The id belongs to another account", body = crate::http::problem::ProblemBody, content_type = "application/problem+json"),
        crate::http::operator::Problems,
    ),
)]
pub async fn connect(
    operator: Operator,
    state: web::Data<AppState>,
    workspace: WorkspaceId,
    key: Option<IdempotencyKey>,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let connect = bodies::connect(&body.json, &state.platforms)?;
    let (actor, now, reach) = (
        operator.actor(),
        state.clock.now(),
        operator.reach().clone(),
    );
    let days = state.token_warning_days;
    let path = format!("/workspaces/{workspace}/social-accounts");
    // A reconnect answers 200, a new account 201: the status is known only once written, so
    // a key's answer keeps its own status.
    create_once(
        &state,
        &operator,
        key,
        &path,
        &body,
        move |store| match store.connect(&reach, &workspace, &connect, &actor, now)? {
            Connected::New(account) => {
                Ok((StatusCode::CREATED, AccountView::new(account, now, days)))
            }
            Connected::Reconnected(account) => {
                Ok((StatusCode::OK, AccountView::new(account, now, days)))
            }
            Connected::WorkspaceNotFound => Err(Problem::NotFound),
            Connected::IdTaken => Err(Problem::Conflict(
                "The id belongs to another account".to_owned(),
            )),
        },
    )
    .await
}

/// A workspace's accounts, of every platform, filtered.
#[utoipa::path(
    get,
    operation_id = "listSocialAccounts",
    tag = "social-accounts",
    path = "/operator/v1/workspaces/{ws}/social-accounts",
    params(
        ("ws" = String, Path, description = "Workspace id"),
        ("platformType" = Option<String>, Query, description = "Only this platform's"),
        ("accessTokenStatus" = Option<String>, Query, description = "active, expired or revoked, as seen now"),
        ("expiringWithinDays" = Option<u32>, Query, maximum = 3650, description = "Only active tokens expiring within this many days"),
        crate::http::operator::PageParams,
    ),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::views::AccountList),
        crate::http::operator::Problems,
    ),
)]
pub async fn list_all(
    operator: Operator,
    state: web::Data<AppState>,
    workspace: WorkspaceId,
    query: Query,
    page: PageRequest,
) -> Result<HttpResponse, Problem> {
    let filter = bodies::account_filter(&query.0)?;
    let (store, now, days) = (
        state.store.clone(),
        state.clock.now(),
        state.token_warning_days,
    );
    let found = blocking(move || {
        store.connected_accounts(operator.reach(), &workspace, &filter, &page, now)
    })
    .await?
    .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(list(found, |account| AccountView::new(account, now, days))))
}

/// One account, with its scheduled-post usage.
#[utoipa::path(
    get,
    operation_id = "readSocialAccount",
    tag = "social-accounts",
    path = "/operator/v1/social-accounts/{id}",
    params(("id" = String, Path, description = "Social account id")),
    responses(
        (status = 200, description = "The account and its usage", body = crate::http::operator::views::AccountWithUsage),
        crate::http::operator::Problems,
    ),
)]
pub async fn read(
    operator: Operator,
    state: web::Data<AppState>,
    id: SocialAccountId,
) -> Result<HttpResponse, Problem> {
    let (store, now, days) = (
        state.store.clone(),
        state.clock.now(),
        state.token_warning_days,
    );
    let (account, usage) = blocking(move || store.connected_account(operator.reach(), &id, now))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(AccountWithUsage::new(
        AccountView::new(account, now, days),
        &usage,
    )))
}

/// Change an account's handle, name, logo or token status.
#[utoipa::path(
    patch,
    operation_id = "updateSocialAccount",
    tag = "social-accounts",
    path = "/operator/v1/social-accounts/{id}",
    params(("id" = String, Path, description = "Social account id")),
    request_body(content = crate::http::operator::bodies::AccountPatchBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The account as it now is", body = crate::http::operator::views::AccountView),
        crate::http::operator::Problems,
    ),
)]
pub async fn update(
    operator: Operator,
    state: web::Data<AppState>,
    id: SocialAccountId,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let patch = bodies::account_patch(&body.json)?;
    let (store, actor, now, days) = (
        state.store.clone(),
        operator.actor(),
        state.clock.now(),
        state.token_warning_days,
    );
    let account =
        blocking(move || store.update_account(operator.reach(), &id, &patch, &actor, now))
            .await?
            .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(AccountView::new(account, now, days)))
}

/// Replace an account's tokens; its token status becomes `active`.
#[utoipa::path(
    put,
    operation_id = "refreshSocialAccountTokens",
    tag = "social-accounts",
    path = "/operator/v1/social-accounts/{id}/tokens",
    params(("id" = String, Path, description = "Social account id")),
    request_body(content = crate::http::operator::bodies::TokensBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The account as it now is", body = crate::http::operator::views::AccountView),
        crate::http::operator::Problems,
    ),
)]
pub async fn refresh(
    operator: Operator,
    state: web::Data<AppState>,
    id: SocialAccountId,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let tokens = bodies::tokens(&body.json)?;
    let (store, actor, now, days) = (
        state.store.clone(),
        operator.actor(),
        state.clock.now(),
        state.token_warning_days,
    );
    let account =
        blocking(move || store.refresh_tokens(operator.reach(), &id, &tokens, &actor, now))
            .await?
            .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(AccountView::new(account, now, days)))
}

/// Disconnect an account: it and its links go, in the transaction `DELETE
/// /social-account/:id` runs; `?dryRun=true` counts them and changes nothing.
#[utoipa::path(
    delete,
    operation_id = "disconnectSocialAccount",
    tag = "social-accounts",
    path = "/operator/v1/social-accounts/{id}",
    params(("id" = String, Path, description = "Social account id")),
    responses(
        (status = 200, description = "Disconnected, with the links removed", body = crate::http::operator::views::DisconnectView),
        (status = 409, description = "A concurrent disconnect won", body = crate::http::problem::ProblemBody, content_type = "application/problem+json"),
        crate::http::operator::Problems,
    ),
)]
pub async fn disconnect(
    operator: Operator,
    state: web::Data<AppState>,
    id: SocialAccountId,
    mode: DeleteMode,
) -> Result<HttpResponse, Problem> {
    let (store, actor, now) = (state.store.clone(), operator.actor(), state.clock.now());
    let outcome =
        blocking(move || store.disconnect(operator.reach(), &id, mode, &actor, now)).await?;
    match outcome {
        DeleteOutcome::Deleted(removed) | DeleteOutcome::WouldDelete(removed) => {
            Ok(HttpResponse::Ok().json(DisconnectView::new(&removed)))
        }
        DeleteOutcome::NotFound => Err(Problem::NotFound),
        DeleteOutcome::LostRace => Err(Problem::Conflict(
            "A concurrent disconnect removed the account first".to_owned(),
        )),
    }
}
