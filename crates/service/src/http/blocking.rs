//! The hand-off from an actix worker to its blocking pool. A leaf, so handlers and
//! authentication share it without depending on each other.

use social_accounts_domain::RepoError;
use social_accounts_storage::Store;

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

/// A short read: on SQLite, run on this worker when a pooled connection is idle (no hand-off to
/// the blocking pool and back, which costs more than the read); otherwise, and always on
/// PostgreSQL, on the blocking pool. Writes never come here.
pub async fn short_read<T, F>(store: &Store, work: F) -> Result<T, RepoError>
where
    F: Fn(&Store) -> Result<T, RepoError> + Send + 'static,
    T: Send + 'static,
{
    if let Some(done) = store.without_waiting(&work) {
        return done;
    }
    let store = store.clone();
    blocking(move || work(&store)).await
}
