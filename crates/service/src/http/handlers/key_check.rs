//! `GET /`: the key check the n8n node makes with a credential (extension).

use actix_web::HttpResponse;
use social_accounts_domain::Caller;

use crate::http::error::Failure;
use crate::http::views;

/// 200 with the service's name and version when the key is good (authenticated like every
/// route, so it really checks the key).
#[utoipa::path(
    get,
    operation_id = "checkKey",
    tag = "service",
    path = "/",
    responses(
        (status = 200, description = "The key is good", body = crate::http::views::KeyCheck),
        crate::http::error::CommonFailures,
    ),
)]
pub async fn handle(_caller: Caller) -> Result<HttpResponse, Failure> {
    Ok(HttpResponse::Ok().json(views::KEY_CHECK))
}
