//! `GET /metrics`.

use actix_web::{HttpResponse, web};

use crate::http::state::AppState;

/// The metrics, with the pool's connections read now.
pub async fn handle(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(state.metrics.render(state.store.pool_state()))
}
