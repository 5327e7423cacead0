//! `/organizations/{org}/webhooks` and `/webhooks/{id}` (docs/webhooks.md).

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::operator::FieldError;
use social_accounts_domain::repository::{DeliveryStatus, WebhookRepository};
use social_accounts_domain::webhooks::bodies;
use social_accounts_domain::{DeliveryId, OrganizationId, PageRequest, WebhookId};

use crate::http::blocking::blocking;
use crate::http::operator::answers::create_once;
use crate::http::operator::extract::{JsonBody, Operator, Query};
use crate::http::operator::views::list;
use crate::http::operator::webhook_views::{
    DeliveryView, TestView, WebhookView, WebhookWithSecret,
};
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// How long a rotated-out secret keeps signing beside the new one.
const OVERLAP: Duration = Duration::from_secs(24 * 3600);

/// Register an endpoint; the answer carries its secret, this once.
#[utoipa::path(
    post,
    operation_id = "createWebhook",
    tag = "webhooks",
    path = "/operator/v1/organizations/{org}/webhooks",
    params(("org" = String, Path, description = "Organization id")),
    request_body(content = crate::http::operator::webhook_views::NewWebhookBody, content_type = "application/json"),
    responses(
        (status = 201, description = "Registered: `secret` is shown only now", body = crate::http::operator::webhook_views::WebhookWithSecret),
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
    let new = bodies::new_endpoint(&body.json, state.webhook_allow_private)?;
    let (actor, now, reach) = (
        operator.actor(),
        state.clock.now(),
        operator.reach().clone(),
    );
    let path = format!("/organizations/{organization}/webhooks");
    create_once(
        &state,
        &operator,
        key,
        &path,
        &body,
        move |store| match store.create_endpoint(&reach, &organization, &new, &actor, now)? {
            Some((endpoint, secret)) => Ok((
                StatusCode::CREATED,
                WebhookWithSecret::new(endpoint, &secret),
            )),
            None => Err(Problem::NotFound),
        },
    )
    .await
}

/// An organization's endpoints, oldest first.
#[utoipa::path(
    get,
    operation_id = "listWebhooks",
    tag = "webhooks",
    path = "/operator/v1/organizations/{org}/webhooks",
    params(("org" = String, Path, description = "Organization id"), crate::http::operator::PageParams),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::webhook_views::WebhookList),
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
    let found = blocking(move || store.endpoints(operator.reach(), &organization, &page))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(list(found, WebhookView::from)))
}

/// One endpoint.
#[utoipa::path(
    get,
    operation_id = "readWebhook",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}",
    params(("id" = String, Path, description = "Webhook endpoint id")),
    responses(
        (status = 200, description = "The endpoint", body = crate::http::operator::webhook_views::WebhookView),
        crate::http::operator::Problems,
    ),
)]
pub async fn read(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
) -> Result<HttpResponse, Problem> {
    let store = state.store.clone();
    let found = blocking(move || store.endpoint(operator.reach(), &id))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(WebhookView::from(found)))
}

/// Change an endpoint's `url`, `events`, `enabled` or `description`.
#[utoipa::path(
    patch,
    operation_id = "updateWebhook",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}",
    params(("id" = String, Path, description = "Webhook endpoint id")),
    request_body(content = crate::http::operator::webhook_views::WebhookPatchBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The endpoint as it now is", body = crate::http::operator::webhook_views::WebhookView),
        crate::http::operator::Problems,
    ),
)]
pub async fn update(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let patch = bodies::endpoint_patch(&body.json, state.webhook_allow_private)?;
    let (store, actor, now) = (state.store.clone(), operator.actor(), state.clock.now());
    let found = blocking(move || store.update_endpoint(operator.reach(), &id, &patch, &actor, now))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(WebhookView::from(found)))
}

/// Delete an endpoint with its deliveries; the answer is the endpoint as it was.
#[utoipa::path(
    delete,
    operation_id = "deleteWebhook",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}",
    params(("id" = String, Path, description = "Webhook endpoint id")),
    responses(
        (status = 200, description = "Deleted", body = crate::http::operator::webhook_views::WebhookView),
        crate::http::operator::Problems,
    ),
)]
pub async fn delete(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
) -> Result<HttpResponse, Problem> {
    let (store, actor, now) = (state.store.clone(), operator.actor(), state.clock.now());
    let deleted = blocking(move || store.delete_endpoint(operator.reach(), &id, &actor, now))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(WebhookView::from(deleted)))
}

/// Replace the secret; the old one also signs for 24 hours.
#[utoipa::path(
    post,
    operation_id = "rotateWebhookSecret",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}/rotate-secret",
    params(("id" = String, Path, description = "Webhook endpoint id")),
    responses(
        (status = 200, description = "The new secret, shown only now", body = crate::http::operator::webhook_views::WebhookWithSecret),
        crate::http::operator::Problems,
    ),
)]
pub async fn rotate(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
) -> Result<HttpResponse, Problem> {
    let (store, actor, now) = (state.store.clone(), operator.actor(), state.clock.now());
    let (endpoint, secret) =
        blocking(move || store.rotate_secret(operator.reach(), &id, OVERLAP, &actor, now))
            .await?
            .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(WebhookWithSecret::new(endpoint, &secret)))
}

/// Send a `webhook.test` event to this endpoint (whatever its filter, even disabled: it is
/// sent once it is enabled).
#[utoipa::path(
    post,
    operation_id = "testWebhook",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}/test",
    params(("id" = String, Path, description = "Webhook endpoint id")),
    responses(
        (status = 202, description = "Queued", body = crate::http::operator::webhook_views::TestView),
        crate::http::operator::Problems,
    ),
)]
pub async fn test(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
) -> Result<HttpResponse, Problem> {
    let (store, now) = (state.store.clone(), state.clock.now());
    let (event, delivery) = blocking(move || store.enqueue_test(operator.reach(), &id, now))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Accepted().json(TestView::new(event, delivery)))
}

/// An endpoint's deliveries, oldest first.
#[utoipa::path(
    get,
    operation_id = "listWebhookDeliveries",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}/deliveries",
    params(
        ("id" = String, Path, description = "Webhook endpoint id"),
        ("status" = Option<String>, Query, description = "pending, succeeded or failed"),
        crate::http::operator::PageParams,
    ),
    responses(
        (status = 200, description = "A page, oldest first", body = crate::http::operator::webhook_views::DeliveryList),
        crate::http::operator::Problems,
    ),
)]
pub async fn deliveries(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
    query: Query,
    page: PageRequest,
) -> Result<HttpResponse, Problem> {
    let status = query
        .get("status")
        .map(|raw| {
            DeliveryStatus::parse(raw).ok_or_else(|| {
                Problem::Validation(vec![FieldError::new(
                    "status",
                    format!("must be one of: {}", DeliveryStatus::names()),
                )])
            })
        })
        .transpose()?;
    let store = state.store.clone();
    let found = blocking(move || store.deliveries(operator.reach(), &id, status, &page))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Ok().json(list(found, DeliveryView::from)))
}

/// Deliver again now (a failed delivery gets one more attempt; one under way is left to it).
#[utoipa::path(
    post,
    operation_id = "retryWebhookDelivery",
    tag = "webhooks",
    path = "/operator/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
    params(
        ("id" = String, Path, description = "Webhook endpoint id"),
        ("deliveryId" = String, Path, description = "Delivery id"),
    ),
    responses(
        (status = 202, description = "Due now", body = crate::http::operator::webhook_views::DeliveryView),
        crate::http::operator::Problems,
    ),
)]
pub async fn retry(
    operator: Operator,
    state: web::Data<AppState>,
    id: WebhookId,
    delivery: DeliveryId,
) -> Result<HttpResponse, Problem> {
    let (store, now) = (state.store.clone(), state.clock.now());
    let found = blocking(move || store.retry_delivery(operator.reach(), &id, &delivery, now))
        .await?
        .ok_or(Problem::NotFound)?;
    Ok(HttpResponse::Accepted().json(DeliveryView::from(found)))
}
