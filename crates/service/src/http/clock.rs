//! The monotonic clock the key cache reads, as a value in the state, so tests move time
//! instead of sleeping. A leaf.

use std::fmt::Debug;
use std::time::Instant;

/// A source of monotonic instants.
pub trait Clock: Debug + Send + Sync {
    /// Now.
    fn now(&self) -> Instant;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}
