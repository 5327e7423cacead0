//! `/organizations` and `/organizations/{org}`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::operator::bodies;
use social_accounts_domain::repository::ProvisionRepository;
use social_accounts_domain::{OrganizationId, PageRequest, Reach, RepoError};

use super::instance_only;
use crate::http::blocking::blocking;
use crate::http::operator::answers::create_once;
use crate::http::operator::extract::{JsonBody, Operator};
use crate::http::operator::views::{OrganizationView, list};
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// Create an organization (instance keys only).
#[utoipa::path(
    post,
    operation_id = "createOrganization",
    tag = "organizations",
    path = "/operator/v1/organizations",
    request_body(content = crate::http::operator::bodies::NewOrganizationBody, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = crate::http::operator::views::OrganizationView),
        (status = 409, description = "The id is taken", body = crate::http::problem::ProblemBody, content_type = "application/problem+json"),
        crate::http::operator::Problems,
    ),
)]
pub async fn create(
    operator: Operator,
    state: web::Data<AppState>,
    key: Option<IdempotencyKey>,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    if *operator.reach() != Reach::Instance {
        return Err(instance_only());
    }
    let new = bodies::new_organization(&body.json)?;
    let (actor, now) = (operator.actor(), state.clock.now());
    create_once(
        &state,
        &operator,
        key,
        "/organizations",
        &body,
        move |store| match store.create_organization(&new, &actor, now) {
            Ok(org) => Ok((StatusCode::CREATED, OrganizationView::from(org))),
            Err(RepoError::Duplicate) => Err(Problem::Conflict(format!(
                "An organization with id {:?} exists",
                new.id.as_str()
            ))),
            Err(error) => Err(error.into()),
        },
    )
    .await
}

/// The organizations the key reaches: all for an instance key, its own for another.
#[utoipa::path(
    get,
    operation_id = "listOrganizations",
    tag = "organizations",
    path = "/operator/v1/organizations",
    params(crate::http::operator::PageParams),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::views::OrganizationList),
        crate::http::operator::Problems,
    ),
)]
pub async fn list_all(
    operator: Operator,
    state: web::Data<AppState>,
    page: PageRequest,
) -> Result<HttpResponse, Problem> {
    let store = state.store.clone();
    let found = blocking(move || store.organizations(operator.reach(), &page)).await?;
    Ok(HttpResponse::Ok().json(list(found, OrganizationView::from)))
}

/// One organization.
#[utoipa::path(
    get,
    operation_id = "readOrganization",
    tag = "organizations",
    path = "/operator/v1/organizations/{org}",
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, description = "The organization", body = crate::http::operator::views::OrganizationView),
        crate::http::operator::Problems,
    ),
)]
pub async fn read(
    operator: Operator,
    state: web::Data<AppState>,
    id: OrganizationId,
) -> Result<HttpResponse, Problem> {
    let store = state.store.clone();
    let found = blocking(move || store.organization(operator.reach(), &id))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(OrganizationView::from(found)))
}

/// Change an organization's name or plan (a plan change reaches the Embed API within
/// `KEY_CACHE_TTL_MS`).
#[utoipa::path(
    patch,
    operation_id = "updateOrganization",
    tag = "organizations",
    path = "/operator/v1/organizations/{org}",
    params(("org" = String, Path, description = "Organization id")),
    request_body(content = crate::http::operator::bodies::OrganizationPatchBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The organization as it now is", body = crate::http::operator::views::OrganizationView),
        crate::http::operator::Problems,
    ),
)]
pub async fn update(
    operator: Operator,
    state: web::Data<AppState>,
    id: OrganizationId,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let patch = bodies::organization_patch(&body.json)?;
    let (store, actor, now) = (state.store.clone(), operator.actor(), state.clock.now());
    let updated =
        blocking(move || store.update_organization(operator.reach(), &id, &patch, &actor, now))
            .await?
            .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(OrganizationView::from(updated)))
}
