//! Response bodies, serialized straight from domain values (borrowed, no copies). The same
//! types describe themselves to OpenAPI; `openapi.rs` only assembles the document, and a test
//! validates real responses against it.

mod accounts;
mod posts;

pub use accounts::*;
pub use posts::*;
