//! The social-accounts HTTP service and operator CLI.
//!
//! Invariants: only this crate knows HTTP; handlers speak to storage only through the
//! domain's repository traits, and every call into storage (pool checkout included) runs on
//! the blocking pool, never on the reactor.

pub mod auth;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod handlers;
pub mod key_file;
pub mod limits;
pub mod metrics;
pub mod openapi;
pub mod rate_limit;
pub mod request_id;
pub mod server;
pub mod state;
pub mod telemetry;
pub mod views;
