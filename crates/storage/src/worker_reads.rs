//! Reads on an async worker: a store whose checkouts never wait, and on PostgreSQL sessions
//! whose every wait is bounded, so a read there cannot hold the worker (and every request it
//! serves, `/healthz` included) for longer than a short statement takes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Run once on each PostgreSQL connection of the worker pool. `lock_timeout`: a plain read
/// waits only on an `ACCESS EXCLUSIVE` lock (DDL such as another instance's migration,
/// `LOCK TABLE`, `VACUUM FULL`), and here gives up after 20 ms instead of stalling the worker
/// until the lock is released. `statement_timeout` bounds everything else the server does for
/// one read. Read-only: this pool is for reads, and a write routed here by mistake fails
/// instead of committing outside the write path's rules.
pub(crate) const POSTGRES_SESSION: &str = "SET lock_timeout = '20ms'; \
     SET statement_timeout = '250ms'; SET default_transaction_read_only = on;";

/// How long worker reads stay off after one failed: during a migration's `ACCESS EXCLUSIVE`
/// lock every read would wait the whole `lock_timeout` on the worker before going to the
/// blocking pool; after one failure the next reads go there at once.
const PAUSE: Duration = Duration::from_secs(1);

/// Whether worker reads are off for a while, shared by the clones of one worker store.
#[derive(Debug, Clone)]
pub(crate) struct Pause(Arc<PauseState>);

#[derive(Debug)]
struct PauseState {
    origin: Instant,
    /// Milliseconds after `origin` until which worker reads are off (0: on).
    until_ms: AtomicU64,
}

impl Pause {
    pub(crate) fn new() -> Self {
        Self(Arc::new(PauseState {
            origin: Instant::now(),
            until_ms: AtomicU64::new(0),
        }))
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.0.origin.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Worker reads are off for [`PAUSE`] from now.
    pub(crate) fn start(&self) {
        let until = self
            .now_ms()
            .saturating_add(u64::try_from(PAUSE.as_millis()).unwrap_or(u64::MAX));
        self.0.until_ms.store(until, Ordering::Relaxed);
    }

    /// True while a pause started less than [`PAUSE`] ago.
    pub(crate) fn active(&self) -> bool {
        self.now_ms() < self.0.until_ms.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::Pause;

    #[test]
    fn a_pause_is_off_until_started_and_on_right_after() {
        let pause = Pause::new();
        assert!(!pause.active());
        pause.start();
        assert!(pause.active());
        assert!(pause.clone().active(), "clones share the pause");
    }
}
