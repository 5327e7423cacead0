//! What every handler shares, built in one place for `serve` and the tests alike.

use std::sync::Arc;
use std::time::Duration;

use social_accounts_domain::Platforms;
use social_accounts_domain::publish::Policy;
use social_accounts_storage::Store;

use super::auth::key_cache::KeyCache;
use super::clock::Clock;
use super::middleware::metrics::Metrics;
use super::middleware::rate_limit::KeyRateLimit;

/// Shared application state, one for all workers.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The store (its pool is shared by every worker).
    pub store: Store,
    /// The store for short reads on the worker itself, which never waits (see
    /// `Store::worker_reads` and `blocking::short_read`); `None` when they are off.
    pub worker_store: Option<Store>,
    /// Recently verified keys.
    pub key_cache: Arc<KeyCache>,
    /// Per-key rate limit; `None` when off.
    pub rate_limit: Option<Arc<KeyRateLimit>>,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// The platforms served (`PLATFORMS`); accounts of others are invisible.
    pub platforms: Platforms,
    /// Where every request reads the time.
    pub clock: Arc<dyn Clock>,
    /// How many days before its expiry a token counts as expiring
    /// (`TOKEN_EXPIRY_WARNING_DAYS`).
    pub token_warning_days: u32,
    /// The publishing rules (`PUBLISH_MAX_ATTEMPTS`).
    pub publish_policy: Policy,
    /// `WEBHOOK_ALLOW_PRIVATE`: endpoints may be `http` and private or loopback addresses.
    pub webhook_allow_private: bool,
}

/// How to build an [`AppState`] beside its store.
#[derive(Debug, Clone)]
pub struct StateOptions {
    /// How long a verified key is remembered (`KEY_CACHE_TTL_MS`; zero: never).
    pub key_cache_ttl: Duration,
    /// Requests per second per key and the burst above it (`RATE_LIMIT_*`); a rate of 0
    /// turns the limit off.
    pub rate_limit: (u32, u32),
    /// The platforms served.
    pub platforms: Platforms,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// `TOKEN_EXPIRY_WARNING_DAYS`.
    pub token_warning_days: u32,
    /// `PUBLISH_MAX_ATTEMPTS`.
    pub publish_policy: Policy,
    /// `WEBHOOK_ALLOW_PRIVATE`: endpoints may be `http` and private or loopback addresses.
    pub webhook_allow_private: bool,
    /// How many workers may run short reads on their own thread: the worker store's
    /// connections on PostgreSQL (one per worker); 0 turns worker reads off.
    pub worker_reads: u32,
}

impl AppState {
    /// The state of a server over `store`.
    #[must_use]
    pub fn new(store: Store, options: StateOptions) -> Self {
        let (per_second, burst) = options.rate_limit;
        Self {
            worker_store: store.worker_reads(options.worker_reads),
            store,
            key_cache: Arc::new(KeyCache::new(options.key_cache_ttl)),
            rate_limit: KeyRateLimit::new(per_second, burst).map(Arc::new),
            metrics: Arc::default(),
            platforms: options.platforms,
            clock: options.clock,
            token_warning_days: options.token_warning_days,
            publish_policy: options.publish_policy,
            webhook_allow_private: options.webhook_allow_private,
        }
    }
}
