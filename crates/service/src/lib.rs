//! The social-accounts HTTP service and operator CLI.
//!
//! Invariants: only this crate knows HTTP; every call into storage (pool checkout included)
//! runs on the blocking pool, never on the reactor. `http` and `cli` are separate trees that
//! meet only in `cli::serve`, which builds the server's state from the settings.

pub mod cli;
pub mod http;
pub mod settings;
pub mod telemetry;
pub mod webhooks;
