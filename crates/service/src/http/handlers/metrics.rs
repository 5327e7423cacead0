//! `GET /metrics`.

use actix_web::{HttpResponse, web};

use crate::http::state::AppState;

/// The metrics, with the pool's connections read now. Nothing here touches the database (a
/// scrape must answer while the database is locked or down): the publisher's backlog gauges
/// are refreshed by the background sweep.
pub async fn handle(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(state.metrics.render(state.store.pool_state()))
}
