//! The store: a connection pool and the token cipher, implementing every repository trait.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use diesel::r2d2::{PooledConnection, R2D2Connection};
use social_accounts_domain::{Cause, RepoError};

use crate::DbConnection;
use crate::checkpoint::Checkpointer;
use crate::connection::{ConnectOutcome, Manager};
use crate::migrations::{self, MigrationError};
use crate::transaction::write_transaction;
use crate::{Backend, DatabaseUrl, TokenCipher};

/// Connections idle longer than this are pinged before use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(2);

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
    /// What a checkout does when no connection is idle.
    patience: Patience,
}

/// What a checkout does when every pooled connection is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Patience {
    /// Waits for one, up to the pool's timeout (then [`RepoError::Busy`]).
    Wait,
    /// Gives up at once with [`RepoError::Busy`]: a store from [`Store::idle_only`].
    Never,
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
            patience: Patience::Wait,
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

    /// The same store for reads that must not wait (an async worker's short reads): its
    /// checkouts take an idle connection or fail at once with [`RepoError::Busy`], whose
    /// caller then runs the read where waiting is allowed. SQLite only: `None` on PostgreSQL,
    /// whose every statement waits on the network.
    #[must_use]
    pub fn idle_only(&self) -> Option<Self> {
        (self.backend == Backend::Sqlite).then(|| Self {
            patience: Patience::Never,
            ..self.clone()
        })
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

    /// A connection that answered recently, or answers a ping now.
    fn checkout(&self) -> Result<PooledConnection<Manager>, RepoError> {
        // Two tries: a stale connection found dead is retired and replaced once.
        for _ in 0..2 {
            let mut pooled = match self.patience {
                Patience::Never => self.pool.try_get().ok_or(RepoError::Busy)?,
                Patience::Wait => self.pool.get().map_err(|_| self.checkout_failed())?,
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
    fn an_idle_only_store_never_waits_for_a_connection() {
        let db = TestDb::migrated(Backend::Sqlite);
        let store = db.store_with(&PoolOptions {
            max_size: 1,
            ..PoolOptions::default()
        });
        let idle_only = store.idle_only().unwrap();
        assert_eq!(idle_only.is_empty(), Ok(true));
        // The pool's one connection is busy: the idle-only store gives up at once.
        let started = Instant::now();
        let nested = store.run(|_| Ok::<_, RepoError>(idle_only.is_empty()));
        assert_eq!(nested, Ok(Err(RepoError::Busy)));
        assert!(started.elapsed() < PoolOptions::default().connection_timeout);
        // The store it came from still waits for its connection, as before.
        assert_eq!(store.is_empty(), Ok(true));

        let postgres = TestDb::migrated(Backend::Postgres).store();
        assert!(postgres.idle_only().is_none());
    }
}
