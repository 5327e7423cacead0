//! The lease sweep: every second, leases that ran out without a report end (the link due
//! again, or failed after its last allowed attempt); every ten seconds the due backlog's
//! gauges are read (so that `/metrics` never waits on the database). Every instance with `BACKGROUND=on`
//! runs it; the statements skip rows another instance holds, so N instances share it.

use std::time::Duration;

use social_accounts_domain::repository::PublishRepository;

use crate::http::state::AppState;

/// How often the sweep runs.
const EVERY: Duration = Duration::from_secs(1);

/// Every how many sweeps the backlog is counted: a count over every due link (about 0.2 s
/// of database time with 34,000 due, docs/performance-limits.md), which every second took a
/// fifth of a core from the requests.
const BACKLOG_EVERY: u32 = 10;

/// Starts the sweep on a thread of its own, for as long as the process runs.
pub fn start(state: AppState) {
    let spawned = std::thread::Builder::new()
        .name("lease-sweep".to_owned())
        .spawn(move || {
            for sweep in 0_u32.. {
                std::thread::sleep(EVERY);
                expire_once(&state);
                if sweep % BACKLOG_EVERY == 0 {
                    read_backlog(&state);
                }
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "lease_sweep.not_started");
    }
}

/// One sweep: expired leases, then the backlog.
pub fn sweep_once(state: &AppState) {
    expire_once(state);
    read_backlog(state);
}

/// Ends the leases that ran out.
fn expire_once(state: &AppState) {
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
}

/// Reads the due backlog into the gauges.
fn read_backlog(state: &AppState) {
    let now = state.clock.now();
    match state
        .store
        .backlog(&state.platforms, state.publish_policy, now)
    {
        Ok(backlog) => state.metrics.publish.backlog(backlog, now),
        Err(error) => tracing::warn!(%error, "lease_sweep.backlog_failed"),
    }
}
