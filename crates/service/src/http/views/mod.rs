//! Response bodies, serialized straight from domain values (borrowed, no copies). The same
//! types describe themselves to OpenAPI (`ToSchema`; the parts that depend on the served
//! platforms through `schema_with`); `openapi` only assembles the document, and tests validate
//! real responses against it.

mod accounts;
mod posts;
mod service;

pub use accounts::*;
pub use posts::*;
pub use service::*;
