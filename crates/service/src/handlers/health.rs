//! Liveness and readiness.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::error::envelope;
use crate::state::{AppState, blocking};

/// `GET /healthz`: the process answers. Never touches the database.
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// `GET /readyz`: 200 when the database answers, 503 when it does not.
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let store = state.store.clone();
    match blocking(move || store.ping()).await {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ok" })),
        Err(error) => {
            tracing::warn!(%error, "readiness.database_unavailable");
            envelope(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service unavailable: the database is not answering",
            )
        }
    }
}
