//! `/organizations/{org}/api-keys` and `/api-keys/{id}`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::operator::{FieldError, bodies};
use social_accounts_domain::repository::{KeyRepository, NewApiKey};
use social_accounts_domain::{ApiKeyId, ApiKeySecret, OrganizationId, PageRequest, RepoError};

use crate::http::blocking::blocking;
use crate::http::operator::answers::create_once;
use crate::http::operator::extract::{JsonBody, Operator};
use crate::http::operator::views::{ApiKeyView, CreatedKeyView, list};
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// Mint a key for an organization; the answer carries the key, this once.
#[utoipa::path(
    post,
    operation_id = "createApiKey",
    tag = "api-keys",
    path = "/operator/v1/organizations/{org}/api-keys",
    params(("org" = String, Path, description = "Organization id")),
    request_body(content = crate::http::operator::bodies::NewApiKeyBody, content_type = "application/json"),
    responses(
        (status = 201, description = "Minted: `key` is shown only now", body = crate::http::operator::views::CreatedKeyView),
        crate::http::operator::Problems,
    ),
)]
pub async fn create(
    operator: Operator,
    state: web::Data<AppState>,
    organization: OrganizationId,
    key: Option<IdempotencyKey>,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let now = state.clock.now();
    let request = bodies::key_request(&body.json, now)?;
    if !operator.reach().sees(&organization) {
        return Err(Problem::NotFound);
    }
    let minted = ApiKeySecret::mint();
    let new = NewApiKey {
        kind: request.kind,
        organization_id: Some(organization.clone()),
        workspace_id: request.workspace_id,
        name: request.name,
        hash: minted.hash,
        prefix: minted.prefix,
        expires_at: request.expires_at,
    };
    let actor = operator.actor();
    let path = format!("/organizations/{organization}/api-keys");
    create_once(
        &state,
        &operator,
        key,
        &path,
        &body,
        move |store| match store.create_key(&new, &actor, now) {
            Ok(info) => Ok((
                StatusCode::CREATED,
                CreatedKeyView::new(info, minted.secret.expose().to_owned()),
            )),
            Err(RepoError::NoOrganization(_)) => Err(Problem::NotFound),
            Err(RepoError::NoWorkspace(_) | RepoError::ForeignWorkspace(_)) => {
                Err(Problem::Validation(vec![FieldError::new(
                    "workspaceId",
                    "is not a workspace of this organization",
                )]))
            }
            Err(error) => Err(error.into()),
        },
    )
    .await
}

/// An organization's keys, revoked ones included; never the keys themselves.
#[utoipa::path(
    get,
    operation_id = "listApiKeys",
    tag = "api-keys",
    path = "/operator/v1/organizations/{org}/api-keys",
    params(("org" = String, Path, description = "Organization id"), crate::http::operator::PageParams),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::views::ApiKeyList),
        crate::http::operator::Problems,
    ),
)]
pub async fn list_all(
    operator: Operator,
    state: web::Data<AppState>,
    organization: OrganizationId,
    page: PageRequest,
) -> Result<HttpResponse, Problem> {
    let store = state.store.clone();
    let found = blocking(move || store.list_keys(operator.reach(), &organization, &page))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(list(found, ApiKeyView::from)))
}

/// Revoke a key (refused everywhere within `KEY_CACHE_TTL_MS`);
/// revoking a revoked key answers it as it is.
#[utoipa::path(
    delete,
    operation_id = "revokeApiKey",
    tag = "api-keys",
    path = "/operator/v1/api-keys/{id}",
    params(("id" = String, Path, description = "API key record id")),
    responses(
        (status = 200, description = "The key, with revokedAt", body = crate::http::operator::views::ApiKeyView),
        (status = 409, description = "The key is the caller's own", body = crate::http::problem::ProblemBody, content_type = "application/problem+json"),
        crate::http::operator::Problems,
    ),
)]
pub async fn revoke(
    operator: Operator,
    state: web::Data<AppState>,
    id: ApiKeyId,
) -> Result<HttpResponse, Problem> {
    // A deployment's backend often holds one operator key: revoking it by mistake would lock
    // it out until someone reaches the host. Another key, or the CLI, revokes it.
    if id == operator.agent.key_id {
        return Err(Problem::Conflict(
            "A key cannot revoke itself: revoke it with another operator key, or with \
             `social-accounts keys revoke` on the host"
                .to_owned(),
        ));
    }
    let (store, actor, now) = (state.store.clone(), operator.actor(), state.clock.now());
    let revoked = blocking(move || store.revoke_key(operator.reach(), &id, &actor, now))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(ApiKeyView::from(revoked)))
}
