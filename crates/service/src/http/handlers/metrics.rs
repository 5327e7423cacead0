//! `GET /metrics`.

use actix_web::{HttpResponse, web};
use social_accounts_domain::repository::PublishRepository;

use crate::http::blocking::blocking;
use crate::http::state::AppState;

/// The metrics, with the pool's connections and the publisher's due backlog read now.
pub async fn handle(state: web::Data<AppState>) -> HttpResponse {
    let (store, platforms, policy, now) = (
        state.store.clone(),
        state.platforms,
        state.publish_policy,
        state.clock.now(),
    );
    match blocking(move || store.backlog(&platforms, policy, now)).await {
        Ok(backlog) => state.metrics.publish.backlog(backlog, now),
        Err(error) => tracing::warn!(%error, "metrics.backlog_failed"),
    }
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(state.metrics.render(state.store.pool_state()))
}
