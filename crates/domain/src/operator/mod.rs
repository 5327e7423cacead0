//! The operator API's requests (the `operator` feature): bodies and query parameters read
//! with every offending field named at once, and the account rules shared with the import.
//! Its pure rules that need no JSON (key kinds, reach, account health, cursors) are in the
//! lean core: `key_kind`, `auth`, `health`, `page`.

pub mod bodies;
mod fields;

pub use bodies::KeyRequest;
pub use fields::{FieldError, Fields};
