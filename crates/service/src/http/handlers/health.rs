//! Liveness and readiness.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::http::blocking::blocking;
use crate::http::error::envelope;
use crate::http::state::AppState;
use crate::http::views;

/// `GET /healthz`: the process answers. Never touches the database.
#[utoipa::path(get, path = "/healthz", operation_id = "live", tag = "health", security(()), responses((status = 200, description = "Alive", body = crate::http::views::Health)))]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(views::HEALTHY)
}

/// `GET /readyz`: 200 when the database answers, 503 when it does not.
#[utoipa::path(
    get,
    path = "/readyz",
    operation_id = "ready",
    tag = "health",
    security(()),
    responses(
        (status = 200, description = "The database answers", body = crate::http::views::Health),
        (status = 503, description = "The database does not answer", body = crate::http::error::SuccessFailure),
    ),
)]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let store = state.store.clone();
    match blocking(move || store.ping()).await {
        Ok(()) => HttpResponse::Ok().json(views::HEALTHY),
        Err(error) => {
            tracing::warn!(%error, "readiness.database_unavailable");
            envelope(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service unavailable: the database is not answering",
            )
        }
    }
}
