//! JSON answers for unknown routes (never an empty or HTML body): the Embed API's envelope,
//! or a problem under the operator and publisher APIs. Wrong methods are answered by each
//! resource (`endpoint::resource`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use crate::http::problem::refusal;

/// Any path outside the route table.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    refusal(&req, StatusCode::NOT_FOUND, "Not found")
}
