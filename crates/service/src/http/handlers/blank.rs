//! `/social-account/` and `/schedule/` with no id: authenticated first, then the 422 of the
//! route's operation ("Social account id is required", "Post id is required").

use actix_web::HttpResponse;
use social_accounts_domain::Caller;

use crate::http::error::Failure;

/// Every blank-id route.
pub async fn handle(_caller: Caller) -> Result<HttpResponse, Failure> {
    Err(Failure::IdRequired)
}
