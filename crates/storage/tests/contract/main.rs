//! The storage contract: one suite of behaviours, run on SQLite and on PostgreSQL.

#![allow(
    clippy::doc_markdown,
    clippy::map_unwrap_or,
    clippy::format_push_string,
    clippy::redundant_closure_for_method_calls,
    clippy::items_after_statements,
    reason = "test code: readability over pedantry"
)]
// clippy.toml's allow-unwrap-in-tests covers `#[test]` functions only, not the helpers they
// share; in a test crate a panic is the assertion, with the error in its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test crate: a panic is the assertion"
)]

mod accounts;
mod answers;
mod fixtures;
mod import;
mod keys;
mod migrations;
mod model;
mod schema_drift;
