//! `social-accounts serve`.

use std::sync::Arc;
use std::time::Duration;

use social_accounts_domain::Platforms;
use social_accounts_domain::publish::Policy;
use social_accounts_storage::{Backend, DatabaseUrl, PoolOptions, Store};

use super::key_file::KeySource;
use super::{CommandError, bootstrap};
use crate::http::clock::SystemClock;
use crate::http::server::{self, ServerOptions};
use crate::http::state::{AppState, StateOptions};
use crate::settings::ServeArgs;

pub fn run(
    url: &DatabaseUrl,
    keys: KeySource<'_>,
    platforms: &Platforms,
    args: &ServeArgs,
) -> Result<(), CommandError> {
    let cipher = keys.resolve(url)?;
    let pool = PoolOptions {
        max_size: args.pool_size,
        connection_timeout: Duration::from_millis(args.db_timeout_ms),
    };
    let store = Store::open(url, &pool, Some(cipher))?;
    for version in store.migrate()? {
        tracing::info!(version, "migration.applied");
    }
    if store.backend() == Backend::Sqlite
        && !args.no_bootstrap
        && let Some(key) = bootstrap::run(&store)?
    {
        announce_key(key.expose(), &args.bind);
    }
    let options = ServerOptions {
        bind: args.bind.clone(),
        workers: args
            .workers
            .unwrap_or_else(|| default_workers(store.backend())),
        shutdown_timeout: Duration::from_secs(args.shutdown_timeout_secs),
    };
    let state = AppState::new(
        store,
        StateOptions {
            key_cache_ttl: Duration::from_millis(args.key_cache_ttl_ms),
            rate_limit: (args.rate_limit_per_second, args.rate_limit_burst),
            platforms: *platforms,
            clock: Arc::new(SystemClock),
            token_warning_days: args.token_expiry_warning_days,
            publish_policy: Policy {
                max_attempts: args.publish_max_attempts,
            },
            webhook_allow_private: args.webhook_allow_private,
            // One worker-store connection per worker: a worker in a read runs nothing else.
            worker_reads: u32::try_from(options.workers).unwrap_or(u32::MAX),
        },
    );
    if args.background == "on" {
        crate::http::publisher::sweep::start(state.clone());
        let retention = (args.webhook_retention_days > 0)
            .then(|| Duration::from_secs(u64::from(args.webhook_retention_days) * 86_400));
        crate::webhooks::expiry::start(state.clone(), retention);
        crate::webhooks::sender::start(
            &state,
            &crate::webhooks::sender::Options {
                timeout: Duration::from_millis(args.webhook_timeout_ms),
                schedule: args.webhook_retry_schedule.clone(),
                allow_private: args.webhook_allow_private,
                threads: usize::from(args.webhook_senders),
            },
        );
    }
    actix_web::rt::System::new().block_on(async move {
        let (server, addrs) = server::start(state, &options)
            .map_err(|e| format!("cannot listen on {}: {e}", options.bind))?;
        for addr in &addrs {
            tracing::info!(%addr, database = %url, "server.listening");
            println!("social-accounts listening on http://{addr}");
        }
        server.await.map_err(|e| format!("server failed: {e}"))?;
        tracing::info!("server.stopped");
        Ok(())
    })
}

/// Prints the bootstrap key once, on stdout (never to the log).
fn announce_key(key: &str, bind: &str) {
    println!(
        "\nCreated organization \"{}\", workspace \"{}\" and an API key for it.\n\
         The key is shown only now; keep it somewhere safe:\n\n    {key}\n\n\
         Try it:\n\n    curl -H \"embed-api-key: {key}\" http://{bind}/social-account\n",
        bootstrap::DEFAULT_ORGANIZATION,
        bootstrap::DEFAULT_WORKSPACE,
    );
}

/// Workers when `WORKERS` is not set: one per CPU on SQLite; two on PostgreSQL, where a worker
/// reading on its own thread (`Store::worker_reads`) leaves its core idle for each round trip
/// to the server, which the second worker fills (A/B in docs/performance-limits.md).
fn default_workers(backend: Backend) -> usize {
    let cpus = std::thread::available_parallelism().map_or(2, usize::from);
    match backend {
        Backend::Sqlite => cpus,
        Backend::Postgres => cpus * 2,
    }
}
