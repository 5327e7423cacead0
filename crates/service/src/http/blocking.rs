//! The hand-off from an actix worker to its blocking pool, and the reads short enough to skip
//! it. Handlers and authentication share it without depending on each other.

use social_accounts_domain::RepoError;
use social_accounts_storage::Store;

use super::state::AppState;

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

/// A read that is short when it can be: `bounded` runs on this worker when the worker store
/// has an idle connection (the hand-off to the blocking pool and back costs more than a short
/// read), and answers unless it says the result is too long for that (`None`); otherwise, or
/// when it failed, `whole` runs on the blocking pool, whose answer (or error) is the one given:
/// a read on the worker gives up on any wait (`Store::worker_reads`) and a read re-run is
/// harmless. Both read `args`, which the pool's thread then owns. Writes never come here.
pub async fn bounded_read<A, T>(
    state: &AppState,
    args: A,
    bounded: impl FnOnce(&Store, &A) -> Result<Option<T>, RepoError>,
    whole: impl FnOnce(&Store, A) -> Result<T, RepoError> + Send + 'static,
) -> Result<T, RepoError>
where
    A: Send + 'static,
    T: Send + 'static,
{
    if let Some(worker) = &state.worker_store
        && let Ok(Some(done)) = bounded(worker, &args)
    {
        return Ok(done);
    }
    let store = state.store.clone();
    blocking(move || whole(&store, args)).await
}

/// A short read (one account, one post): [`bounded_read`] with the same read on both paths
/// (`work` captures nothing it cannot copy; what it reads comes in `args`).
pub async fn short_read<A, T>(
    state: &AppState,
    args: A,
    work: impl Fn(&Store, &A) -> Result<T, RepoError> + Copy + Send + 'static,
) -> Result<T, RepoError>
where
    A: Send + 'static,
    T: Send + 'static,
{
    bounded_read(
        state,
        args,
        |store, args| work(store, args).map(Some),
        move |store, args| work(store, &args),
    )
    .await
}
