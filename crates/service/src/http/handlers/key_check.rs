//! `GET /`: the key check the n8n node makes with a credential (extension).

use actix_web::{HttpRequest, HttpResponse, web};

use crate::http::auth::authenticate;
use crate::http::error::{ApiError, Op};
use crate::http::state::AppState;
use crate::http::views;

/// 200 with the service's name and version when the key is good (authenticated like every
/// route, so it really checks the key).
#[utoipa::path(
    get,
    operation_id = "checkKey",
    tag = "service",
    path = "/",
    responses(
        (status = 200, description = "The key is good", body = crate::http::post_schemas::KeyCheckDoc),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    authenticate(&req, &state)
        .await
        .map_err(ApiError::during(Op::KeyCheck, &req))?;
    Ok(HttpResponse::Ok().json(views::KEY_CHECK))
}
