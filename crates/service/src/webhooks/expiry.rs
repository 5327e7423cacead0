//! The token expiry sweep's thread: every few seconds in every `serve` with `BACKGROUND=on`;
//! the store writes each event once however many instances sweep.

use std::time::Duration;

use social_accounts_domain::repository::WebhookRepository;

use crate::http::state::AppState;

/// How often the sweep runs.
const EVERY: Duration = Duration::from_secs(5);

/// Starts the sweep on a thread of its own.
pub fn start(state: AppState) {
    let spawned = std::thread::Builder::new()
        .name("expiry-sweep".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(EVERY);
                sweep_once(&state);
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
