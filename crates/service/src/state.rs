//! What every handler shares.

use std::sync::Arc;

use social_accounts_domain::RepoError;
use social_accounts_storage::Store;

use crate::auth::KeyCache;
use crate::metrics::Metrics;
use crate::rate_limit::KeyRateLimit;

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
}

/// Runs a blocking storage call on actix's blocking pool, off the reactor.
pub async fn blocking<T, F>(work: F) -> Result<T, RepoError>
where
    F: FnOnce() -> Result<T, RepoError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(work)
        .await
        .map_err(|_| RepoError::internal("the storage task was cancelled"))?
}
