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

use social_accounts_domain::{AuthFailure, KeyHash, Principal};

/// Most keys remembered; past it, expired entries are dropped, then everything.
const MAX_ENTRIES: usize = 10_000;

/// Outcome of authenticating a known key: who it speaks for, or why it is refused.
pub type Outcome = Result<Principal, AuthFailure>;

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

    /// The remembered outcome for `hash`, if still fresh at `now`.
    pub fn get(&self, hash: &KeyHash, now: Instant) -> Option<Outcome> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(hash)
            .filter(|(at, _)| now.saturating_duration_since(*at) < self.ttl)
            .map(|(_, outcome)| outcome.clone())
    }

    /// Remembers, as of `now`, the outcome for a key found in the database.
    pub fn put(&self, hash: KeyHash, outcome: Outcome, now: Instant) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| now.saturating_duration_since(*at) < self.ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(hash, (now, outcome));
    }

    /// How many outcomes are remembered.
    pub fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use social_accounts_domain::{
        ApiKeyId, ApiKeySecret, Caller, OrganizationId, Platforms, Scope, WorkspaceId,
    };

    use super::*;

    fn caller() -> Principal {
        Principal::Embed(Caller {
            key_id: ApiKeyId::parse("k").unwrap(),
            organization_id: OrganizationId::parse("o").unwrap(),
            scope: Scope {
                workspace: WorkspaceId::parse("w").unwrap(),
                platforms: Platforms::contract(),
            },
        })
    }

    #[test]
    fn remembers_for_the_ttl_only() {
        let ttl = Duration::from_millis(50);
        let cache = KeyCache::new(ttl);
        let hash = ApiKeySecret::mint().hash;
        let t0 = Instant::now();
        assert_eq!(cache.get(&hash, t0), None);
        cache.put(hash, Ok(caller()), t0);
        assert_eq!(cache.get(&hash, t0), Some(Ok(caller())));
        let just_before = t0 + Duration::from_millis(49);
        assert_eq!(cache.get(&hash, just_before), Some(Ok(caller())));
        assert_eq!(cache.get(&hash, t0 + ttl), None);
    }

    #[test]
    fn zero_ttl_remembers_nothing() {
        let cache = KeyCache::new(Duration::ZERO);
        let hash = ApiKeySecret::mint().hash;
        let now = Instant::now();
        cache.put(hash, Err(AuthFailure::PlanRequired), now);
        assert_eq!(cache.get(&hash, now), None);
        assert!(cache.is_empty());
    }

    #[test]
    fn stays_bounded() {
        let cache = KeyCache::new(Duration::from_secs(60));
        let now = Instant::now();
        for _ in 0..MAX_ENTRIES {
            cache.put(ApiKeySecret::mint().hash, Ok(caller()), now);
        }
        assert_eq!(cache.len(), MAX_ENTRIES);
        cache.put(ApiKeySecret::mint().hash, Ok(caller()), now);
        assert_eq!(
            cache.len(),
            1,
            "full of fresh entries: cleared, then the new one"
        );
    }
}
