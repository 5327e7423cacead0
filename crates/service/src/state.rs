//! What every handler shares.

use social_accounts_domain::RepoError;
use social_accounts_storage::Store;

/// Shared application state: the store (its pool is shared by every worker).
#[derive(Debug, Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
}

/// Runs a blocking storage call on actix's blocking pool, off the reactor.
pub async fn blocking<T, F>(work: F) -> Result<T, RepoError>
where
    F: FnOnce() -> Result<T, RepoError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(work)
        .await
        .map_err(|_| RepoError::Internal("the storage task was cancelled".into()))?
}
