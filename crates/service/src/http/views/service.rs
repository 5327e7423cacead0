//! Bodies of the service's own routes: the health checks and the key check.

use serde::Serialize;
use utoipa::ToSchema;

/// `{ "status": "ok" }` of the health routes.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
}

/// The healthy answer.
pub const HEALTHY: Health = Health { status: "ok" };

/// `{ "service": "social-accounts", "version": "x.y.z" }`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Service {
    service: &'static str,
    version: &'static str,
}

/// `{ "success": true, "data": {…} }` of `GET /`.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyCheck {
    success: bool,
    data: Service,
}

/// The key-check body.
pub const KEY_CHECK: KeyCheck = KeyCheck {
    success: true,
    data: Service {
        service: "social-accounts",
        version: env!("CARGO_PKG_VERSION"),
    },
};
