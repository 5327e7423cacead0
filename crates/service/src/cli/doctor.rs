//! `social-accounts doctor [--repair]`: checks what the database keeps for itself.
//!
//! Today that is the usage counters: each account's links per status, kept by triggers on the
//! links table. The check recounts every account's links in one snapshot and names every
//! account and status whose counter differs; `--repair` rewrites the counters from a recount
//! in one write transaction.

use social_accounts_storage::DatabaseUrl;

use super::{CommandError, open_migrated};

/// Drifted counters listed before the rest is summarized.
const SHOWN: usize = 20;

pub fn run(url: &DatabaseUrl, repair: bool) -> Result<(), CommandError> {
    let store = open_migrated(url, None)?;
    if repair {
        let repaired = store.repair_usage()?;
        println!("usage counters: recounted, {repaired} accounts repaired");
        return Ok(());
    }
    let check = store.check_usage()?;
    if check.drift.is_empty() {
        println!(
            "usage counters: {} accounts checked, all equal to a recount of their links",
            check.accounts
        );
        return Ok(());
    }
    for drift in check.drift.iter().take(SHOWN) {
        println!("{drift}");
    }
    if check.drift.len() > SHOWN {
        println!("… and {} more", check.drift.len() - SHOWN);
    }
    Err(format!(
        "usage counters: {} of {} accounts' counters differ from a recount of their links; \
         `social-accounts doctor --repair` rewrites them",
        check
            .drift
            .iter()
            .map(|d| &d.account)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        check.accounts
    )
    .into())
}
