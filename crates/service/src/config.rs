//! Settings resolved once in `main` and passed down.
//!
//! Environment variables (each also a flag, see `--help`):
//! - `DATABASE_URL`: `sqlite://PATH`, a path ending in `.db`, or `postgres://…`
//!   (default `sqlite://data/social-accounts.db`).
//! - `BIND_ADDR`: listen address of `serve` (default `127.0.0.1:8080`).
//! - `TOKEN_ENCRYPTION_KEY`: base64 of 32 bytes; encrypts OAuth tokens at rest. Required on
//!   PostgreSQL; on SQLite a key file beside the database is created when it is unset.
//! - `NEW_TOKEN_ENCRYPTION_KEY`: the key `tokens rotate-key` moves the tokens to.
//! - `WORKERS`, `DB_POOL_SIZE`, `DB_TIMEOUT_MS`, `SHUTDOWN_TIMEOUT_SECS`: tuning of `serve`.
//! - `RUST_LOG`: log filter (default `info`); `LOG_FORMAT=json` for JSON lines.
//! - `RATE_LIMIT_PER_SECOND`, `RATE_LIMIT_BURST`: per-key rate limit (0: off).
//! - `KEY_CACHE_TTL_MS`: how long a verified key is remembered (default 2000; 0: never).

use std::path::Path;

use social_accounts_storage::{DatabaseUrl, DatabaseUrlError};

/// The embedded default database.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/social-accounts.db";

/// Parses the configured URL (or the default) and, for SQLite, makes sure its directory
/// exists.
pub fn database_url(raw: Option<&str>) -> Result<DatabaseUrl, Box<dyn std::error::Error>> {
    let url = DatabaseUrl::parse(raw.unwrap_or(DEFAULT_DATABASE_URL))
        .map_err(|e: DatabaseUrlError| e.to_string())?;
    if let DatabaseUrl::Sqlite(path) = &url
        && let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "cannot create the database directory {}: {e}",
                dir.display()
            )
        })?;
    }
    Ok(url)
}
