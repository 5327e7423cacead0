//! HTTP behaviour over real HTTP, on SQLite and on PostgreSQL: one test per contract row at
//! least, asserting exact status and body. One binary so it links once.

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

mod accounts_delete;
mod accounts_list;
mod accounts_read;
mod auth;
mod backup;
mod cli;
mod cli_tokens;
mod faults;
mod fixtures;
mod helpers;
mod metrics;
mod openapi;
mod operator;
mod overload;
mod package;
mod platforms;
mod publisher;
mod routing;
mod schedule;
mod schedule_idempotency;
mod schedule_lifecycle;
mod schedule_races;
mod smoke;
mod tls;
mod upgrade;
mod webhooks;
