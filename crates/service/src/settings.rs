//! Every setting of the `social-accounts` binary, in one place: each a flag and, where it makes
//! sense, an environment variable (`--help` lists both; docs/operations.md explains them).
//! Parsed once in `main` and passed down; nothing else reads the environment.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use secrecy::SecretString;
use social_accounts_domain::Platforms;
use social_accounts_storage::{DatabaseUrl, DatabaseUrlError};

/// The embedded default database.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/social-accounts.db";

/// Self-hosted Social Accounts API of the PostNitro Embed API.
#[derive(Debug, Parser)]
#[command(name = "social-accounts", version, about)]
pub struct Cli {
    /// Database URL: `sqlite://PATH`, a path ending in .db, or `postgres://…`
    /// [default: `sqlite://data/social-accounts.db`]
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Base64 of the 32-byte key that encrypts OAuth tokens at rest. Required on PostgreSQL;
    /// on SQLite it defaults to a key file beside the database (see `--token-key-file`).
    /// Prefer the environment variable: a flag is visible to other local users.
    #[arg(long, global = true, env = "TOKEN_ENCRYPTION_KEY", hide_env_values = true, value_parser = secret)]
    pub token_encryption_key: Option<Secret>,

    /// SQLite only, when `TOKEN_ENCRYPTION_KEY` is unset: the file holding the token key,
    /// created on first use [default: the database path + `.key`].
    #[arg(long, global = true, env = "TOKEN_KEY_FILE")]
    pub token_key_file: Option<PathBuf>,

    /// Log lines as text or one JSON object per line (to stderr; the filter is `RUST_LOG`).
    #[arg(long, global = true, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, ignore_case = true)]
    pub log_format: LogFormat,

    /// The platforms served, in list order: the contract's four by default
    /// (`linkedin,instagram,tiktok,threads`); `facebook` and `pinterest` can be added. Accounts
    /// of other platforms are invisible to the API, and the import refuses them. For
    /// `publish`: the platforms whose links it claims (default: every one the service serves).
    #[arg(long, global = true, env = "PLATFORMS", value_parser = platforms)]
    pub platforms: Option<Platforms>,

    /// Which log lines to write, as `tracing`'s `EnvFilter` reads it.
    #[arg(long, global = true, env = "RUST_LOG", default_value = "info")]
    pub log_filter: String,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The platforms served: `--platforms`, else the contract's four.
    #[must_use]
    pub fn served(&self) -> Platforms {
        self.platforms.unwrap_or_else(Platforms::contract)
    }

    /// `TOKEN_ENCRYPTION_KEY`, unless unset or blank.
    #[must_use]
    pub fn token_key(&self) -> Option<&SecretString> {
        self.token_encryption_key.as_ref().and_then(Secret::get)
    }
}

/// What the binary does, one subcommand each (`social-accounts --help` lists them).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP until SIGINT or SIGTERM.
    Serve(ServeArgs),
    /// Apply pending migrations and say which were applied.
    Migrate,
    /// Copy the SQLite database to a new file while it serves (checked; the token key file is
    /// copied beside it). On PostgreSQL it refuses and prints the dump command to run.
    Backup {
        /// The new file (never overwritten).
        #[arg(long)]
        to: PathBuf,
    },
    /// Check the usage counters (each account's links per status, kept by the database)
    /// against a recount; exits 1 and names the accounts when they differ.
    Doctor {
        /// Rewrite every counter from a recount instead of only checking.
        #[arg(long)]
        repair: bool,
    },
    /// Import a JSON file (docs/operations.md): all of it in one transaction, or nothing.
    Seed {
        /// The file to import.
        #[arg(long)]
        file: PathBuf,
        /// Show the progress line on stderr even when it is not a terminal (it is shown on a
        /// terminal anyway, once an import has run for a second).
        #[arg(long)]
        progress: bool,
    },
    /// Manage API keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Manage the stored OAuth tokens.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// Report what a publisher did with scheduled posts.
    #[command(subcommand)]
    Links(LinksCommand),
    /// The reference publisher: claims due links from a running service's publisher API,
    /// runs CMD once per claim (the claim's JSON on stdin), heartbeats while it runs and
    /// reports by its exit code (docs/publisher-api.md). The key is read from
    /// `PUBLISHER_KEY`, never from a flag.
    Publish(PublishArgs),
}

/// `publish`'s flags.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The service's base URL, such as `http://127.0.0.1:8080` (https works too).
    #[arg(long, env = "PUBLISHER_API_URL")]
    pub api_url: String,
    /// Commands run at once (and links held at once).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub concurrency: u32,
    /// Each claim's lease; heartbeats extend it while the command runs.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u32).range(10..=3600))]
    pub lease_seconds: u32,
    /// A command still running after this long is killed and its link reported as a
    /// retryable failure.
    #[arg(long, default_value_t = 300)]
    pub timeout_secs: u64,
    /// Exit (0) once a claim finds nothing due and no command runs: for scripts and demos.
    #[arg(long)]
    pub until_idle: bool,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, num_args = 1..)]
    pub command: Vec<String>,
}

impl PublishArgs {
    /// `PUBLISHER_KEY`, unless unset or blank (never a flag: other local users can read
    /// a process's arguments).
    #[must_use]
    pub fn key() -> Option<SecretString> {
        std::env::var("PUBLISHER_KEY")
            .ok()
            .filter(|key| !key.trim().is_empty())
            .map(SecretString::from)
    }
}

/// `links` subcommands.
#[derive(Debug, Subcommand)]
pub enum LinksCommand {
    /// A publisher's outcome for one post on one account: PUBLISHED (with its live link) or
    /// FAILED (with the error).
    SetStatus {
        /// The scheduled post's id.
        #[arg(long)]
        post: String,
        /// The social account's id.
        #[arg(long)]
        account: String,
        /// PUBLISHED or FAILED.
        #[arg(long)]
        status: String,
        /// Where the published post can be seen (PUBLISHED only).
        #[arg(long)]
        live_link: Option<String>,
        /// Why publishing failed (FAILED only).
        #[arg(long)]
        error: Option<String>,
    },
}

/// `tokens` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Re-encrypt every stored token under a new key, in one transaction. The current key comes
    /// from `TOKEN_ENCRYPTION_KEY` (or the SQLite key file); the new one from
    /// `NEW_TOKEN_ENCRYPTION_KEY`, or is generated and printed once.
    RotateKey {
        /// The key the tokens move to (base64 of 32 bytes) [default: a new one, printed or
        /// written to the key file]. Prefer the environment variable.
        #[arg(long, env = "NEW_TOKEN_ENCRYPTION_KEY", hide_env_values = true, value_parser = secret)]
        new_key: Option<Secret>,
    },
}

/// Format of log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

fn platforms(raw: &str) -> Result<Platforms, String> {
    Platforms::parse(raw).map_err(|e| e.to_string())
}

/// A secret setting. Blank counts as unset (an exported but empty variable), as it always has.
#[derive(Clone, Default)]
pub struct Secret(Option<SecretString>);

impl Secret {
    /// The secret, unless blank.
    #[must_use]
    pub fn get(&self) -> Option<&SecretString> {
        self.0.as_ref()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Secret(<redacted>)"
        } else {
            "Secret(unset)"
        })
    }
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "the shape clap's value_parser takes"
)]
fn secret(raw: &str) -> Result<Secret, String> {
    Ok(Secret(
        Some(raw.trim())
            .filter(|k| !k.is_empty())
            .map(|k| SecretString::from(k.to_owned())),
    ))
}

/// Settings of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BIND_ADDR", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HTTP worker threads [default: one per CPU on SQLite, two per CPU on PostgreSQL].
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
    /// How many days before its expiry an account's token reads as `expiring` in the
    /// operator API's health.
    #[arg(long, env = "TOKEN_EXPIRY_WARNING_DAYS", default_value_t = social_accounts_domain::health::DEFAULT_WARNING_DAYS)]
    pub token_expiry_warning_days: u32,
    /// How many claims of a link count before it fails for good (each report of a retryable
    /// failure, each lease that expires unreported, is one).
    #[arg(long, env = "PUBLISH_MAX_ATTEMPTS", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub publish_max_attempts: u32,
    /// How long a webhook attempt may take, connection to last byte, before it counts as
    /// failed (and is retried).
    #[arg(long, env = "WEBHOOK_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(100..=120_000))]
    pub webhook_timeout_ms: u64,
    /// The waits between a webhook delivery's attempts (units ms, s, m, h), each ±10 %;
    /// after the last, the delivery is `failed`.
    #[arg(long, env = "WEBHOOK_RETRY_SCHEDULE", default_value = "5s,5m,30m,2h,5h,10h,10h", value_parser = retry_schedule)]
    pub webhook_retry_schedule: social_accounts_domain::webhooks::RetrySchedule,
    /// Also allow `http` and private or loopback addresses for webhook endpoints (tests and
    /// closed networks); otherwise only `https` to public addresses.
    #[arg(long, env = "WEBHOOK_ALLOW_PRIVATE", default_value_t = false, action = clap::ArgAction::Set)]
    pub webhook_allow_private: bool,
    /// Days a delivered or failed webhook delivery stays in the delivery log before it is
    /// deleted (hourly); 0 keeps them forever. Pending ones are never deleted.
    #[arg(long, env = "WEBHOOK_RETENTION_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=3650))]
    pub webhook_retention_days: u32,
    /// Webhook sender threads per instance.
    #[arg(long, env = "WEBHOOK_SENDERS", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub webhook_senders: u16,
    /// `off`: serve requests only, no background work (webhook delivery, the expiry and
    /// lease sweeps). Every instance with `on` shares it through the database.
    #[arg(long, env = "BACKGROUND", default_value = "on", value_parser = ["on", "off"])]
    pub background: String,
    /// Do not create the default organization, workspace and key on an empty SQLite database.
    #[arg(long)]
    pub no_bootstrap: bool,
}

/// `keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Mint a key and print it once (only its hash is stored).
    Create {
        /// What the key calls: embed (the Embed API), operator (/operator/v1) or publisher
        /// (/publisher/v1).
        #[arg(long, default_value = "embed", value_parser = key_kind)]
        kind: social_accounts_domain::KeyKind,
        /// Organization the key belongs to (required for an embed key; left out, an operator
        /// or publisher key reaches the whole instance).
        #[arg(long)]
        organization: Option<String>,
        /// Workspace an embed key sees (required to call the Embed API).
        #[arg(long)]
        workspace: Option<String>,
        /// A name to tell keys apart.
        #[arg(long, default_value = "cli")]
        name: String,
        /// Lifetime of the key, such as 90d, 12h, 30m or 45s [default: no expiry].
        #[arg(long)]
        expires_in: Option<String>,
    },
    /// List an organization's keys, or with no organization the instance's operator and
    /// publisher keys (never the keys themselves).
    List {
        /// The organization.
        #[arg(long)]
        organization: Option<String>,
    },
    /// Revoke a key by its id (from `keys list`).
    Revoke {
        /// The key record's id.
        key_id: String,
    },
}

/// `--kind`: a key kind's wire name.
fn key_kind(raw: &str) -> Result<social_accounts_domain::KeyKind, String> {
    social_accounts_domain::KeyKind::parse(raw).ok_or_else(|| {
        format!(
            "{raw:?} is not a key kind (expected one of: {})",
            social_accounts_domain::KeyKind::names()
        )
    })
}

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

/// Reads `WEBHOOK_RETRY_SCHEDULE`.
fn retry_schedule(raw: &str) -> Result<social_accounts_domain::webhooks::RetrySchedule, String> {
    social_accounts_domain::webhooks::RetrySchedule::parse(raw).map_err(|error| error.to_string())
}
