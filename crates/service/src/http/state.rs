//! What every handler shares.

use std::sync::Arc;

use social_accounts_domain::Platforms;
use social_accounts_storage::Store;

use super::clock::Clock;
use super::key_cache::KeyCache;
use super::middleware::metrics::Metrics;
use super::middleware::rate_limit::KeyRateLimit;

/// Shared application state, one for all workers.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The store (its pool is shared by every worker).
    pub store: Store,
    /// Recently verified keys.
    pub key_cache: Arc<KeyCache>,
    /// Per-key rate limit; `None` when off.
    pub rate_limit: Option<Arc<KeyRateLimit>>,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// The platforms served (`PLATFORMS`); accounts of others are invisible.
    pub platforms: Platforms,
    /// What the key cache measures its TTL with.
    pub clock: Arc<dyn Clock>,
}
