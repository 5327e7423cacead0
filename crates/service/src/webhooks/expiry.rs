//! The token expiry sweep's thread: every few seconds in every `serve` with `BACKGROUND=on`;
//! the store writes each event once however many instances sweep. Once an hour it also
//! deletes deliveries done longer ago than `WEBHOOK_RETENTION_DAYS`.

use std::time::{Duration, Instant};

use social_accounts_domain::repository::WebhookRepository;

use crate::http::state::AppState;

/// How often the sweep runs.
const EVERY: Duration = Duration::from_secs(5);
/// How often old deliveries are purged, and how many at most per statement.
const PURGE_EVERY: Duration = Duration::from_secs(3600);
const PURGE_BATCH: u32 = 1000;

/// Starts the sweep on a thread of its own; `retention` `None` keeps deliveries forever.
pub fn start(state: AppState, retention: Option<Duration>) {
    let spawned = std::thread::Builder::new()
        .name("expiry-sweep".to_owned())
        .spawn(move || {
            let mut purged: Option<Instant> = None;
            loop {
                std::thread::sleep(EVERY);
                sweep_once(&state);
                if let Some(retention) = retention
                    && purged.is_none_or(|at| at.elapsed() >= PURGE_EVERY)
                {
                    purge_once(&state, retention);
                    purged = Some(Instant::now());
                }
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "expiry_sweep.not_started");
    }
}

/// One sweep.
pub fn sweep_once(state: &AppState) {
    let warning = Duration::from_secs(u64::from(state.token_warning_days) * 86_400);
    match state.store.sweep_token_expiry(warning, state.clock.now()) {
        Ok(sweep) if sweep.expiring + sweep.reauth_required > 0 => tracing::info!(
            expiring = sweep.expiring,
            reauth_required = sweep.reauth_required,
            "expiry_sweep.emitted"
        ),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "expiry_sweep.failed"),
    }
}

/// Deletes the deliveries done before `retention` ago, a batch per transaction (so writers
/// never wait long behind it); how many.
pub fn purge_once(state: &AppState, retention: Duration) -> u64 {
    let Some(before) = state.clock.now().minus(retention) else {
        return 0;
    };
    let mut total = 0;
    loop {
        match state.store.purge_deliveries(before, PURGE_BATCH) {
            Ok(deleted) => {
                total += deleted;
                if deleted < u64::from(PURGE_BATCH) {
                    break;
                }
            }
            Err(error) => {
                tracing::warn!(%error, "webhook_purge.failed");
                break;
            }
        }
    }
    if total > 0 {
        tracing::info!(deleted = total, "webhook_purge.done");
    }
    total
}
