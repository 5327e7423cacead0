//! The hand-off from an actix worker to its blocking pool. A leaf, so handlers and
//! authentication share it without depending on each other.

use social_accounts_domain::RepoError;

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
