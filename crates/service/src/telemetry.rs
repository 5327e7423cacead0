//! Logging: `tracing` events to stderr, filtered by `RUST_LOG` (default `info`). Keys and
//! tokens are never logged: no code path passes them to a log macro, and request logs carry
//! method, route and status, never headers.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. Call once, in `main`.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
