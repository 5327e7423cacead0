//! The command line of the `social-accounts` binary (see `docs/operations.md`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Self-hosted Social Accounts API of the PostNitro Embed API.
#[derive(Debug, Parser)]
#[command(name = "social-accounts", version, about)]
pub struct Cli {
    /// Database URL: `sqlite://PATH`, a path ending in .db, or `postgres://…`
    /// [default: `sqlite://data/social-accounts.db`]
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP until SIGINT or SIGTERM.
    Serve(ServeArgs),
    /// Apply pending migrations and say which were applied.
    Migrate,
    /// Import a JSON file (docs/operations.md): all of it in one transaction, or nothing.
    Seed {
        /// The file to import.
        #[arg(long)]
        file: PathBuf,
    },
    /// Manage API keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Manage the stored OAuth tokens.
    #[command(subcommand)]
    Tokens(TokensCommand),
}

/// `tokens` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Re-encrypt every stored token under a new key, in one transaction. The current key comes
    /// from `TOKEN_ENCRYPTION_KEY` (or the SQLite key file); the new one from
    /// `NEW_TOKEN_ENCRYPTION_KEY`, or is generated and printed once.
    RotateKey,
}

/// Settings of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BIND_ADDR", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HTTP worker threads [default: one per CPU].
    #[arg(long, env = "WORKERS")]
    pub workers: Option<usize>,
    /// Most database connections open at once.
    #[arg(long, env = "DB_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,
    /// How long a request waits for a database connection before failing, in milliseconds.
    #[arg(long, env = "DB_TIMEOUT_MS", default_value_t = 2000)]
    pub db_timeout_ms: u64,
    /// How long a verified key is remembered, in milliseconds: the longest a revocation takes
    /// to reach this instance. 0 turns the cache off.
    #[arg(long, env = "KEY_CACHE_TTL_MS", default_value_t = 2000)]
    pub key_cache_ttl_ms: u64,
    /// Requests per second each API key may make (per instance); 0 turns rate limiting off.
    #[arg(long, env = "RATE_LIMIT_PER_SECOND", default_value_t = 50)]
    pub rate_limit_per_second: u32,
    /// Requests a key may make in a burst above its rate.
    #[arg(long, env = "RATE_LIMIT_BURST", default_value_t = 100)]
    pub rate_limit_burst: u32,
    /// Seconds given to in-flight requests to finish after SIGINT/SIGTERM.
    #[arg(long, env = "SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,
    /// Do not create the default organization, workspace and key on an empty SQLite database.
    #[arg(long)]
    pub no_bootstrap: bool,
}

/// `keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Mint a key and print it once (only its hash is stored).
    Create {
        /// Organization the key belongs to.
        #[arg(long)]
        organization: String,
        /// Workspace the key sees (required to call the API).
        #[arg(long)]
        workspace: Option<String>,
        /// A name to tell keys apart.
        #[arg(long, default_value = "cli")]
        name: String,
        /// Lifetime of the key, such as 90d, 12h, 30m or 45s [default: no expiry].
        #[arg(long)]
        expires_in: Option<String>,
    },
    /// List an organization's keys (never the keys themselves).
    List {
        /// The organization.
        #[arg(long)]
        organization: String,
    },
    /// Revoke a key by its id (from `keys list`).
    Revoke {
        /// The key record's id.
        key_id: String,
    },
}
