//! The lease sweep: every second, leases that ran out without a report end (the link due
//! again, or failed after its last allowed attempt), and the due backlog's gauges are read
//! (so that `/metrics` never waits on the database). Every instance with `BACKGROUND=on`
//! runs it; the statements skip rows another instance holds, so N instances share it.

use std::time::Duration;

use social_accounts_domain::repository::PublishRepository;

use crate::http::state::AppState;

/// How often the sweep runs.
const EVERY: Duration = Duration::from_secs(1);

/// Starts the sweep on a thread of its own, for as long as the process runs.
pub fn start(state: AppState) {
    let spawned = std::thread::Builder::new()
        .name("lease-sweep".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(EVERY);
                sweep_once(&state);
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "lease_sweep.not_started");
    }
}

/// One sweep.
pub fn sweep_once(state: &AppState) {
    match state
        .store
        .expire_leases(state.publish_policy, state.clock.now())
    {
        Ok(expired) => {
            let count = expired.due_again + expired.failed;
            if count > 0 {
                tracing::info!(
                    due_again = expired.due_again,
                    failed = expired.failed,
                    "lease_sweep.expired"
                );
            }
            state.metrics.publish.expired(count);
        }
        Err(error) => tracing::warn!(%error, "lease_sweep.failed"),
    }
    let now = state.clock.now();
    match state
        .store
        .backlog(&state.platforms, state.publish_policy, now)
    {
        Ok(backlog) => state.metrics.publish.backlog(backlog, now),
        Err(error) => tracing::warn!(%error, "lease_sweep.backlog_failed"),
    }
}
