//! The store: a connection pool and the token cipher, implementing every repository trait.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::r2d2::{PooledConnection, R2D2Connection};
use social_accounts_domain::{Cause, RepoError};

use crate::DbConnection;
use crate::checkpoint::Checkpointer;
use crate::connection::{ConnectOutcome, Manager};
use crate::errors::from_diesel;
use crate::migrations::{self, MigrationError};
use crate::schema::organizations;
use crate::transaction::write_transaction;
use crate::{Backend, DatabaseUrl, TokenCipher};

/// Connections idle longer than this are pinged before use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(2);

/// Clears [`NO_WAIT`] however the work ends, a panic included.
struct ResetNoWait;

impl Drop for ResetNoWait {
    fn drop(&mut self) {
        NO_WAIT.set(false);
    }
}

thread_local! {
    /// Set while [`Store::without_waiting`] runs on this thread: a checkout takes an idle
    /// connection or gives up at once, and says so in [`WOULD_WAIT`].
    static NO_WAIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static WOULD_WAIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Most connections open at once.
    pub max_size: u32,
    /// How long a request waits for a connection before failing (r2d2's default of 30 s would
    /// park a thread per request while the database is down).
    pub connection_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 8,
            connection_timeout: Duration::from_secs(2),
        }
    }
}

/// The store could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// No connection could be opened.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// What the database said.
        reason: String,
    },
    /// Migrations failed.
    #[error(transparent)]
    Migration(#[from] MigrationError),
}

impl From<RepoError> for SetupError {
    fn from(error: RepoError) -> Self {
        SetupError::Connect {
            url: String::from("the database"),
            reason: error
                .cause()
                .map_or_else(|| error.to_string(), ToString::to_string),
        }
    }
}

/// Storage over one database. Cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<Manager>,
    /// SQLite only: serializes this process's writers. SQLite allows one writer at a time
    /// anyway; queueing on a mutex is fair and immediate where SQLite's busy handler sleeps
    /// and retries (p99 of hundreds of milliseconds under concurrent deletes). Other
    /// processes (a `seed` while serving) still meet `busy_timeout`.
    write_gate: Option<Arc<Mutex<()>>>,
    cipher: Option<Arc<TokenCipher>>,
    backend: Backend,
    last_connect: ConnectOutcome,
    /// SQLite: checkpoints the log on a thread of its own while the store lives.
    _checkpointer: Option<Checkpointer>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .field("pool", &self.pool.state())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens a pool on `url`. Fails at once with the database's own reason when no connection
    /// can be opened. `cipher` is needed only to write tokens (imports).
    pub fn open(
        url: &DatabaseUrl,
        options: &PoolOptions,
        cipher: Option<TokenCipher>,
    ) -> Result<Self, SetupError> {
        let backend = match url {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        };
        let last_connect = ConnectOutcome::default();
        // Fail fast with the real reason rather than r2d2's "timed out" after a wait.
        crate::connect(url).map_err(|e| SetupError::Connect {
            url: url.redacted(),
            reason: e.to_string(),
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(options.max_size)
            .min_idle(Some(1))
            .connection_timeout(options.connection_timeout)
            // No ping on every checkout (a round trip on PostgreSQL): `checkout` pings only
            // connections idle for a while, and `run` retires one that lost its server.
            .test_on_check_out(false)
            .build(Manager {
                url: url.clone(),
                last_connect: last_connect.clone(),
            })
            .map_err(|e| SetupError::Connect {
                url: url.redacted(),
                reason: e.to_string(),
            })?;
        let write_gate = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Self {
            pool,
            write_gate,
            cipher: cipher.map(Arc::new),
            backend,
            last_connect,
            _checkpointer: Checkpointer::start(url),
        })
    }

    /// Pool connections: (open, idle, maximum).
    #[must_use]
    pub fn pool_state(&self) -> (u32, u32, u32) {
        let state = self.pool.state();
        (
            state.connections,
            state.idle_connections,
            self.pool.max_size(),
        )
    }

    /// Runs `work` (short reads) at once on this thread, on SQLite only and only with a
    /// connection idle in the pool; `None` when it would have to wait for one (or on
    /// PostgreSQL, whose every statement waits on the network): the caller then runs it where
    /// waiting is allowed. For an async worker that would otherwise hand a sub-millisecond read
    /// to a thread pool and back.
    pub fn without_waiting<T>(
        &self,
        work: impl FnOnce(&Self) -> Result<T, RepoError>,
    ) -> Option<Result<T, RepoError>> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        NO_WAIT.set(true);
        WOULD_WAIT.set(false);
        let reset = ResetNoWait;
        let result = work(self);
        drop(reset);
        (!WOULD_WAIT.replace(false)).then_some(result)
    }

    /// The backend behind this store.
    #[must_use]
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations; returns the versions applied. A writer like any other: it
    /// takes its turn at the gate (diesel's harness runs each migration in its own transaction).
    pub fn migrate(&self) -> Result<Vec<String>, SetupError> {
        self.gated(|conn| Ok(migrations::run_pending(conn)?))
    }

    /// Whether the database answers a trivial query.
    pub fn ping(&self) -> Result<(), RepoError> {
        self.run(|conn| {
            diesel::connection::SimpleConnection::batch_execute(conn, "SELECT 1")
                .map_err(from_diesel)
        })
    }

    /// After a bulk import: on PostgreSQL, `VACUUM (ANALYZE)` the tables so the planner knows
    /// the new rows and index-only scans work at once (on a fresh table every index entry
    /// costs a heap fetch until autovacuum runs, and autovacuum running mid-traffic stalls
    /// requests). Nothing to do on SQLite.
    pub fn optimize(&self) -> Result<(), RepoError> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        self.run(|conn| {
            diesel::connection::SimpleConnection::batch_execute(
                conn,
                "VACUUM (ANALYZE) organizations, workspaces, api_keys, social_accounts, designs, scheduled_posts, post_captions, post_settings, scheduled_post_accounts",
            )
            .map_err(from_diesel)
        })
    }

    /// Whether no organization exists yet (a brand-new database).
    pub fn is_empty(&self) -> Result<bool, RepoError> {
        let any: bool = self.run(|conn| {
            diesel::select(diesel::dsl::exists(
                organizations::table.select(organizations::id),
            ))
            .get_result(conn)
            .map_err(from_diesel)
        })?;
        Ok(!any)
    }

    /// A connection that answered recently, or answers a ping now.
    fn checkout(&self) -> Result<PooledConnection<Manager>, RepoError> {
        // Two tries: a stale connection found dead is retired and replaced once.
        for _ in 0..2 {
            let mut pooled = if NO_WAIT.get() {
                self.pool.try_get().ok_or_else(|| {
                    WOULD_WAIT.set(true);
                    RepoError::Busy
                })?
            } else {
                self.pool.get().map_err(|_| self.checkout_failed())?
            };
            if pooled.last_used.elapsed() < PING_AFTER_IDLE || pooled.conn.ping().is_ok() {
                return Ok(pooled);
            }
            pooled.broken = true;
        }
        Err(RepoError::Unavailable(Cause::new(
            "a pooled connection failed its ping twice",
        )))
    }

    /// No connection within the timeout: the database is down if the pool's latest attempt
    /// to connect failed, else every connection is busy.
    fn checkout_failed(&self) -> RepoError {
        match self.last_connect.failure() {
            Some(reason) => RepoError::Unavailable(Cause::new(reason)),
            None => RepoError::Busy,
        }
    }

    /// Runs `work` in a write transaction (see [`write_transaction`]), one writer at a time on
    /// SQLite. Every write of this crate goes through here.
    pub(crate) fn write<T, E: From<RepoError>>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        self.gated(|conn| write_transaction(conn, work))
    }

    /// Runs `work` on a pooled connection once it is this process's turn to write. The gate is
    /// taken before the connection, so waiting writers hold none.
    fn gated<T, E: From<RepoError>>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        let _turn = self
            .write_gate
            .as_ref()
            .map(|gate| gate.lock().unwrap_or_else(PoisonError::into_inner));
        self.run(work)
    }

    /// Runs `work` on a pooled connection. After a failure the connection is pinged, and one
    /// whose server went away is retired instead of being handed out again.
    pub(crate) fn run<T, E: From<RepoError>>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut pooled = self.checkout()?;
        let result = work(&mut pooled.conn);
        pooled.last_used = Instant::now();
        if result.is_err() && pooled.conn.ping().is_err() {
            pooled.broken = true;
        }
        result
    }

    pub(crate) fn cipher(&self) -> Result<&TokenCipher, RepoError> {
        self.cipher.as_deref().ok_or_else(|| {
            RepoError::internal("no token encryption key is configured (TOKEN_ENCRYPTION_KEY)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestDb;

    #[test]
    fn without_waiting_runs_only_with_an_idle_sqlite_connection() {
        let db = TestDb::migrated(Backend::Sqlite);
        let store = db.store_with(&PoolOptions {
            max_size: 1,
            ..PoolOptions::default()
        });
        assert_eq!(store.without_waiting(Store::is_empty), Some(Ok(true)));
        // The pool's one connection is busy: nothing runs, the caller is told to wait elsewhere.
        let nested = store.run(|_| Ok::<_, RepoError>(store.without_waiting(Store::is_empty)));
        assert_eq!(nested, Ok(None));
        // The flag does not outlive the call: an ordinary read waits for its connection again.
        assert_eq!(store.is_empty(), Ok(true));
        // A panic inside does not leave it set either.
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.without_waiting(|_| -> Result<(), RepoError> { panic!("boom") })
        }));
        assert!(caught.is_err());
        assert!(!NO_WAIT.get());

        let postgres = TestDb::migrated(Backend::Postgres).store();
        assert_eq!(postgres.without_waiting(Store::is_empty), None);
    }
}
