//! One connection type over both backends, and the r2d2 manager that opens it.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::r2d2::R2D2Connection;
use diesel::{Connection, ConnectionError, ConnectionResult, PgConnection, SqliteConnection};

use crate::DatabaseUrl;

/// A connection to either backend. Queries are written once against this type.
#[expect(
    missing_debug_implementations,
    reason = "diesel's connections do not implement Debug"
)]
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL.
    Postgres(PgConnection),
    /// SQLite.
    Sqlite(SqliteConnection),
}

/// Which backend a connection or store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// Both backends, embedded first.
    pub const ALL: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

    /// The name used on command lines and in reports (`sqlite`, `postgres`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// Parses [`Backend::name`]; exact.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.name() == raw)
    }
}

/// Per-connection SQLite settings. `foreign_keys` is off on every new SQLite connection and
/// without it `ON DELETE CASCADE` silently does nothing; `busy_timeout` makes writers wait for
/// the lock instead of failing; WAL lets readers run beside the writer (it persists in the
/// file, setting it again is free). Commits checkpoint only past a backstop of 10,000 log
/// pages, 40 MiB (a store checkpoints on its own thread, `checkpoint.rs`), and a log that grew
/// past 64 MiB is cut back to that once checkpointed.
const SQLITE_SETUP: &str = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
     PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;";

/// Opens one connection to the database `url` names, with the SQLite settings applied.
pub fn connect(url: &DatabaseUrl) -> Result<DbConnection, ConnectionError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(path)?;
            conn.batch_execute(SQLITE_SETUP)
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(DbConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(url) => Ok(DbConnection::Postgres(establish_postgres(url)?)),
    }
}

/// Opens a PostgreSQL connection. With the bundled libpq, OpenSSL is initialised first without
/// its exit handler: libpq's own initialisation registers one that frees OpenSSL's global state
/// when the process exits, while pool threads may still be closing TLS connections; that
/// crashed about one exit in ten (measured: 7 of 60 `migrate` runs with `sslmode=require`).
/// OpenSSL's initialisation runs once, so the first call decides.
pub(crate) fn establish_postgres(url: &str) -> ConnectionResult<PgConnection> {
    #[cfg(feature = "bundled-libpq")]
    openssl_sys::init();
    PgConnection::establish(url)
}

impl DbConnection {
    /// The backend of this connection.
    #[must_use]
    pub fn backend(&self) -> Backend {
        match self {
            DbConnection::Postgres(_) => Backend::Postgres,
            DbConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// A pooled connection and what the pool needs to know about it.
pub(crate) struct Pooled {
    pub(crate) conn: DbConnection,
    /// Set when a query found the server gone; r2d2 then drops the connection.
    pub(crate) broken: bool,
    /// When it last served a query: long-idle connections are pinged before use.
    pub(crate) last_used: Instant,
}

/// r2d2 manager choosing the backend from the URL scheme (the derived `establish` tries each
/// backend in turn and loses the real error).
#[derive(Debug)]
pub(crate) struct Manager {
    pub(crate) url: DatabaseUrl,
    pub(crate) last_connect: ConnectOutcome,
    /// PostgreSQL: statements every new connection runs first (the worker pool's bounds).
    pub(crate) session: Option<&'static str>,
}

/// The outcome of the pool's latest attempt to open a connection. r2d2's checkout timeout is
/// one error for two situations; this tells them apart: the database is down (the last
/// attempt failed, with its reason) or every connection is busy (it succeeded).
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectOutcome(Arc<Mutex<Option<String>>>);

impl ConnectOutcome {
    fn record(&self, failure: Option<String>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = failure;
    }

    /// The reason the latest connection attempt failed, if it did.
    pub(crate) fn failure(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        let conn = connect(&self.url)
            .and_then(|mut conn| {
                if let (Some(session), DbConnection::Postgres(_)) = (self.session, &conn) {
                    conn.batch_execute(session)
                        .map_err(ConnectionError::CouldntSetupConfiguration)?;
                }
                Ok(conn)
            })
            .map_err(|e| {
                self.last_connect.record(Some(e.to_string()));
                diesel::r2d2::Error::ConnectionError(e)
            })?;
        self.last_connect.record(None);
        Ok(Pooled {
            conn,
            broken: false,
            last_used: Instant::now(),
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), Self::Error> {
        pooled.conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        std::thread::panicking() || pooled.broken || pooled.conn.is_broken()
    }
}
