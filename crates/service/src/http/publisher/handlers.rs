//! `/claims` and `/claims/{claimId}/…`: claim due links, extend a lease, report, release.

use actix_web::{HttpResponse, web};
use social_accounts_domain::ClaimId;
use social_accounts_domain::publish::{Jitter, bodies};
use social_accounts_domain::repository::{OnClaim, PublishRepository};

use super::extract::{MaybeJson, Publisher, lease_lost};
use super::views::{ClaimsView, HeartbeatView, ReleasedView, ReportedView};
use crate::http::blocking::blocking;
use crate::http::operator::extract::JsonBody;
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// The answer to a request on a claim.
fn settle<T>(outcome: OnClaim<T>) -> Result<T, Problem> {
    match outcome {
        OnClaim::Done(value) => Ok(value),
        OnClaim::LeaseLost => Err(lease_lost()),
        OnClaim::Conflict(why) => Err(Problem::Conflict(why.to_owned())),
    }
}

/// Take due links, each under a lease of its own.
#[utoipa::path(
    post,
    operation_id = "claimLinks",
    tag = "claims",
    path = "/publisher/v1/claims",
    request_body(content = super::bodies::ClaimBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The links claimed, possibly none", body = ClaimsView),
        super::Problems,
    ),
)]
pub async fn claim(
    publisher: Publisher,
    state: web::Data<AppState>,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let request = bodies::claim(&body.json, &state.platforms)?;
    let (store, platforms, policy, now) = (
        state.store.clone(),
        state.platforms,
        state.publish_policy,
        state.clock.now(),
    );
    let reach = publisher.reach().clone();
    let claimed = blocking(move || store.claim(&reach, &request, &platforms, policy, now)).await?;
    state
        .metrics
        .publish
        .claimed(claimed.claims.len(), claimed.expired);
    Ok(HttpResponse::Ok().json(ClaimsView::new(claimed.claims)))
}

/// Extend a live lease.
#[utoipa::path(
    post,
    operation_id = "heartbeatClaim",
    tag = "claims",
    path = "/publisher/v1/claims/{claimId}/heartbeat",
    params(("claimId" = String, Path, description = "A claim's id")),
    request_body(content = Option<super::bodies::HeartbeatBody>, content_type = "application/json", description = "May be left out: the claim's own lease length"),
    responses(
        (status = 200, description = "The lease's new end", body = HeartbeatView),
        super::ClaimProblems,
        super::Problems,
    ),
)]
pub async fn heartbeat(
    publisher: Publisher,
    state: web::Data<AppState>,
    claim: ClaimId,
    body: MaybeJson,
) -> Result<HttpResponse, Problem> {
    let lease = bodies::heartbeat(&body.0)?;
    let (store, now) = (state.store.clone(), state.clock.now());
    let expires = blocking(move || store.heartbeat(publisher.reach(), &claim, lease, now)).await?;
    Ok(HttpResponse::Ok().json(HeartbeatView::new(settle(expires)?)))
}

/// Report how publishing went.
#[utoipa::path(
    post,
    operation_id = "reportClaim",
    tag = "claims",
    path = "/publisher/v1/claims/{claimId}/report",
    params(("claimId" = String, Path, description = "A claim's id")),
    request_body(content = super::bodies::ReportBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The link as written and its post's status", body = ReportedView),
        super::ClaimProblems,
        super::Problems,
    ),
)]
pub async fn report(
    publisher: Publisher,
    state: web::Data<AppState>,
    claim: ClaimId,
    body: JsonBody,
) -> Result<HttpResponse, Problem> {
    let report = bodies::report(&body.json)?;
    let (store, policy, now) = (state.store.clone(), state.publish_policy, state.clock.now());
    let jitter = Jitter::new(rand::random_range(-1.0..=1.0));
    let actor = publisher.actor();
    let written = blocking(move || {
        store.report(
            publisher.reach(),
            &claim,
            &report,
            policy,
            jitter,
            &actor,
            now,
        )
    })
    .await?;
    let reported = settle(written)?;
    state.metrics.publish.reported(reported.link.status);
    Ok(HttpResponse::Ok().json(ReportedView::new(reported)))
}

/// Give the link back unpublished (a worker shutting down): the attempt is not counted.
#[utoipa::path(
    post,
    operation_id = "releaseClaim",
    tag = "claims",
    path = "/publisher/v1/claims/{claimId}/release",
    params(("claimId" = String, Path, description = "A claim's id")),
    responses(
        (status = 200, description = "Released: the link is due again", body = ReleasedView),
        super::ClaimProblems,
        super::Problems,
    ),
)]
pub async fn release(
    publisher: Publisher,
    state: web::Data<AppState>,
    claim: ClaimId,
    body: MaybeJson,
) -> Result<HttpResponse, Problem> {
    bodies::release(&body.0)?;
    let store = state.store.clone();
    let id = claim.clone();
    let released = blocking(move || store.release(publisher.reach(), &id)).await?;
    settle(released)?;
    Ok(HttpResponse::Ok().json(ReleasedView::new(claim)))
}
