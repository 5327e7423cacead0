//! The audit trail: `/organizations/{org}/audit-events` and, for instance keys,
//! `/audit-events`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::repository::ProvisionRepository;
use social_accounts_domain::{OrganizationId, PageRequest, Reach};

use crate::http::blocking::blocking;
use crate::http::operator::extract::{Operator, Query, since};
use crate::http::operator::views::{AuditEventView, list};
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// An organization's audit events, oldest first (newest last).
#[utoipa::path(
    get,
    operation_id = "listAuditEvents",
    tag = "audit",
    path = "/operator/v1/organizations/{org}/audit-events",
    params(
        ("org" = String, Path, description = "Organization id"),
        ("since" = Option<String>, Query, format = DateTime, description = "Only events at or after this"),
        crate::http::operator::PageParams,
    ),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::views::AuditEventList),
        crate::http::operator::Problems,
    ),
)]
pub async fn list_all(
    operator: Operator,
    state: web::Data<AppState>,
    organization: OrganizationId,
    query: Query,
    page: PageRequest,
) -> Result<HttpResponse, Problem> {
    let since = since(&query)?;
    let store = state.store.clone();
    let found = blocking(move || store.audit_events(operator.reach(), &organization, since, &page))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(list(found, AuditEventView::from)))
}

/// Every audit event, the instance-wide ones included (instance keys only).
#[utoipa::path(
    get,
    operation_id = "listAllAuditEvents",
    tag = "audit",
    path = "/operator/v1/audit-events",
    params(
        ("since" = Option<String>, Query, format = DateTime, description = "Only events at or after this"),
        crate::http::operator::PageParams,
    ),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::views::AuditEventList),
        crate::http::operator::Problems,
    ),
)]
pub async fn list_instance(
    operator: Operator,
    state: web::Data<AppState>,
    query: Query,
    page: PageRequest,
) -> Result<HttpResponse, Problem> {
    if *operator.reach() != Reach::Instance {
        return Err(super::instance_only());
    }
    let since = since(&query)?;
    let store = state.store.clone();
    let found = blocking(move || store.all_audit_events(since, &page)).await?;
    Ok(HttpResponse::Ok().json(list(found, AuditEventView::from)))
}
