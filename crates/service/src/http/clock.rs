//! The clock every request reads, as a value in the state, so tests move time instead of
//! sleeping. A leaf.

use std::fmt::Debug;
use std::time::Instant;

use social_accounts_domain::Timestamp;

/// Where the service reads the time: the key cache measures its TTL on the monotonic clock,
/// handlers stamp writes and judge `scheduledAt` with the wall clock.
pub trait Clock: Debug + Send + Sync {
    /// Now, monotonic: for durations (the key cache's TTL).
    fn instant(&self) -> Instant;

    /// Now, on the wall clock at the API's precision: for what is stored or compared with
    /// stored times.
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn instant(&self) -> Instant {
        Instant::now()
    }

    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}
