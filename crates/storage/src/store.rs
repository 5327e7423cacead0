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
use crate::worker_reads::{self, Pause};
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
    /// Where the pool connects, for the worker pool's own connections.
    url: DatabaseUrl,
}

/// What a checkout does when every pooled connection is in use.
#[derive(Debug, Clone)]
enum Patience {
    /// Waits for one, up to the pool's timeout (then [`RepoError::Busy`]).
    Wait,
    /// Gives up at once with [`RepoError::Busy`], also for a while after a read failed: a
    /// store from [`Store::worker_reads`].
    Never(Pause),
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
                session: None,
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
            url: url.clone(),
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

    /// A store for short reads on an async worker, which must not wait: its checkouts take
    /// an idle connection or fail at once with [`RepoError::Busy`] (also for a second after a
    /// read on it failed), and the caller then runs the read where waiting is allowed. On
    /// SQLite it shares this store's pool. On PostgreSQL it has a pool of its own of
    /// `connections` (one per worker: a worker blocked in a read runs nothing else), whose
    /// read-only sessions give up on a lock after 20 ms and on any statement after 250 ms
    /// (`worker_reads::POSTGRES_SESSION`). `None` when `connections` is 0.
    #[must_use]
    pub fn worker_reads(&self, connections: u32) -> Option<Self> {
        if connections == 0 {
            return None;
        }
        let pool = match self.backend {
            Backend::Sqlite => self.pool.clone(),
            // Unchecked: the pool fills itself in the background (min_idle), and until then
            // its checkouts find nothing idle and the reads take the blocking pool.
            Backend::Postgres => r2d2::Pool::builder()
                .max_size(connections)
                .min_idle(Some(connections))
                .test_on_check_out(false)
                .build_unchecked(Manager {
                    url: self.url.clone(),
                    last_connect: ConnectOutcome::default(),
                    session: Some(worker_reads::POSTGRES_SESSION),
                }),
        };
        Some(Self {
            pool,
            patience: Patience::Never(Pause::new()),
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
            let mut pooled = match &self.patience {
                Patience::Never(pause) if pause.active() => return Err(RepoError::Busy),
                Patience::Never(_) => self.pool.try_get().ok_or(RepoError::Busy)?,
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
        if result.is_err() {
            if let Patience::Never(pause) = &self.patience {
                pause.start();
            }
            if pooled.conn.ping().is_err() {
                pooled.broken = true;
            }
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
    fn a_worker_store_never_waits_for_a_connection() {
        let db = TestDb::migrated(Backend::Sqlite);
        let store = db.store_with(&PoolOptions {
            max_size: 1,
            ..PoolOptions::default()
        });
        let worker = store.worker_reads(2).unwrap();
        assert_eq!(worker.is_empty(), Ok(true));
        // The pool's one connection is busy: the worker store gives up at once.
        let started = Instant::now();
        let nested = store.run(|_| Ok::<_, RepoError>(worker.is_empty()));
        assert_eq!(nested, Ok(Err(RepoError::Busy)));
        assert!(started.elapsed() < PoolOptions::default().connection_timeout);
        // The store it came from still waits for its connection, as before.
        assert_eq!(store.is_empty(), Ok(true));
        assert!(store.worker_reads(0).is_none());
    }

    #[test]
    fn a_failed_worker_read_sends_the_next_reads_elsewhere_for_a_while() {
        let db = TestDb::migrated(Backend::Sqlite);
        let worker = db.store().worker_reads(1).unwrap();
        let failed = worker.run(|_| Err::<(), _>(RepoError::internal("a read failed")));
        assert!(failed.is_err());
        assert_eq!(worker.is_empty(), Err(RepoError::Busy));
    }

    #[test]
    fn a_postgres_worker_read_is_read_only_and_gives_up_on_a_lock() {
        use diesel::RunQueryDsl;
        use diesel::connection::SimpleConnection;

        let db = TestDb::migrated(Backend::Postgres);
        let worker = db.store().worker_reads(1).unwrap();
        // Its pool fills itself in the background; until then its checkouts find nothing.
        let waiting = Instant::now();
        while worker.is_empty() != Ok(true) {
            assert!(
                waiting.elapsed() < Duration::from_secs(10),
                "no worker connection"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let write = worker.run(|conn| {
            diesel::sql_query("CREATE TABLE worker_wrote (a INTEGER)")
                .execute(conn)
                .map_err(crate::errors::from_diesel)
        });
        assert!(write.is_err(), "a worker session wrote: {write:?}");
        assert_eq!(
            worker.is_empty(),
            Err(RepoError::Busy),
            "paused after a failure"
        );
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(worker.is_empty(), Ok(true), "back after the pause");

        let mut holder = db.connect();
        holder
            .batch_execute("BEGIN; LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE")
            .unwrap();
        // The holder lets go when the read is back, or after 3 s if the read never gives up.
        let (done, read_back) = std::sync::mpsc::channel::<()>();
        let releaser = std::thread::spawn(move || {
            let _ = read_back.recv_timeout(Duration::from_secs(3));
            holder.batch_execute("ROLLBACK").unwrap();
        });
        let started = Instant::now();
        let blocked = worker.is_empty();
        let waited = started.elapsed();
        done.send(()).unwrap();
        releaser.join().unwrap();
        // It waited for the lock (`lock_timeout`, 20 ms), not forever, and said so as the
        // store says a lock wait ran out; the next reads go elsewhere for a while.
        assert_eq!(blocked, Err(RepoError::Busy));
        assert!(
            waited >= Duration::from_millis(20) && waited < Duration::from_secs(1),
            "waited {waited:?} on the lock"
        );
        assert_eq!(
            worker.is_empty(),
            Err(RepoError::Busy),
            "paused after the lock"
        );
    }
}
