//! A short-lived, in-process memory of verified keys, so the hot path authenticates without a
//! database round trip.
//!
//! Bound: a revoked key, a deleted workspace or organization, or a plan change is seen by
//! this instance at most `ttl` after it happened (`KEY_CACHE_TTL_MS`, default 2 s; 0 turns the
//! cache off). Only keys found in the database are remembered, so an unknown key always costs
//! a lookup and a newly minted key works at once. The map is bounded.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use social_accounts_domain::{AuthFailure, Caller, KeyHash};

/// Most keys remembered; past it, expired entries are dropped, then everything.
const MAX_ENTRIES: usize = 10_000;

/// Outcome of authenticating a known key.
pub type Outcome = Result<Caller, AuthFailure>;

/// See the module documentation.
#[derive(Debug)]
pub struct KeyCache {
    ttl: Duration,
    entries: Mutex<HashMap<KeyHash, (Instant, Outcome)>>,
}

impl KeyCache {
    /// A cache remembering outcomes for `ttl` (zero: remembers nothing).
    #[must_use]
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The remembered outcome for `hash`, if still fresh.
    pub fn get(&self, hash: &KeyHash) -> Option<Outcome> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(hash)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, outcome)| outcome.clone())
    }

    /// Remembers the outcome for a key found in the database.
    pub fn put(&self, hash: KeyHash, outcome: Outcome) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < self.ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(hash, (Instant::now(), outcome));
    }
}

#[cfg(test)]
mod tests {
    use social_accounts_domain::{ApiKeyId, ApiKeySecret, OrganizationId, WorkspaceId};

    use super::*;

    fn caller() -> Caller {
        let id = |raw: &str| raw.to_owned();
        Caller {
            key_id: ApiKeyId::try_from(id("k")).unwrap_or_else(|e| panic!("{e}")),
            organization_id: OrganizationId::try_from(id("o")).unwrap_or_else(|e| panic!("{e}")),
            workspace_id: WorkspaceId::try_from(id("w")).unwrap_or_else(|e| panic!("{e}")),
        }
    }

    #[test]
    fn remembers_for_the_ttl_only() {
        let cache = KeyCache::new(Duration::from_millis(50));
        let hash = ApiKeySecret::mint().hash;
        assert_eq!(cache.get(&hash), None);
        cache.put(hash, Ok(caller()));
        assert_eq!(cache.get(&hash), Some(Ok(caller())));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.get(&hash), None);
    }

    #[test]
    fn zero_ttl_remembers_nothing() {
        let cache = KeyCache::new(Duration::ZERO);
        let hash = ApiKeySecret::mint().hash;
        cache.put(hash, Err(AuthFailure::PlanRequired));
        assert_eq!(cache.get(&hash), None);
    }

    #[test]
    fn stays_bounded() {
        let cache = KeyCache::new(Duration::from_secs(60));
        for _ in 0..=MAX_ENTRIES {
            cache.put(ApiKeySecret::mint().hash, Ok(caller()));
        }
        let len = cache.entries.lock().map(|e| e.len()).unwrap_or_default();
        assert!(len <= MAX_ENTRIES, "{len}");
    }
}
