//! `/organizations/{org}/workspaces`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::operator::bodies;
use social_accounts_domain::repository::ProvisionRepository;
use social_accounts_domain::{OrganizationId, PageRequest, RepoError};

use crate::http::blocking::blocking;
use crate::http::operator::answers::create_once;
use crate::http::operator::extract::{JsonBody, Operator};
use crate::http::operator::views::{WorkspaceView, list};
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// Create a workspace in an organization.
#[utoipa::path(
    post,
    operation_id = "createWorkspace",
    tag = "workspaces",
    path = "/operator/v1/organizations/{org}/workspaces",
    params(("org" = String, Path, description = "Organization id")),
    request_body(content = crate::http::operator::bodies::NewWorkspaceBody, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = crate::http::operator::views::WorkspaceView),
        (status = 409, description = "The id is taken", body = crate::http::problem::ProblemBody, content_type = "application/problem+json"),
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
    let new = bodies::new_workspace(&body.json, organization.clone())?;
    let (actor, now, reach) = (
        operator.actor(),
        state.clock.now(),
        operator.reach().clone(),
    );
    let path = format!("/organizations/{organization}/workspaces");
    create_once(
        &state,
        &operator,
        key,
        &path,
        &body,
        move |store| match store.create_workspace(&reach, &new, &actor, now) {
            Ok(Some(ws)) => Ok((StatusCode::CREATED, WorkspaceView::from(ws))),
            Ok(None) => Err(Problem::NotFound),
            Err(RepoError::Duplicate) => Err(Problem::Conflict(format!(
                "A workspace with id {:?} exists",
                new.id.as_str()
            ))),
            Err(error) => Err(error.into()),
        },
    )
    .await
}

/// An organization's workspaces.
#[utoipa::path(
    get,
    operation_id = "listWorkspaces",
    tag = "workspaces",
    path = "/operator/v1/organizations/{org}/workspaces",
    params(("org" = String, Path, description = "Organization id"), crate::http::operator::PageParams),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::views::WorkspaceList),
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
    let found = blocking(move || store.workspaces(operator.reach(), &organization, &page))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(list(found, WorkspaceView::from)))
}
