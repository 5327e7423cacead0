//! One connection type over both backends, and the r2d2 manager that opens it.

use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::r2d2::R2D2Connection;
use diesel::{Connection, ConnectionError, PgConnection, SqliteConnection};

use crate::DatabaseUrl;

/// A connection to either backend. Queries are written once against this type.
#[allow(
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

/// Per-connection SQLite settings. `foreign_keys` is off on every new SQLite connection and
/// without it `ON DELETE CASCADE` silently does nothing; `busy_timeout` makes writers wait for
/// the lock instead of failing; WAL lets readers run beside the writer (it persists in the
/// file, setting it again is free).
const SQLITE_SETUP: &str = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
     PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

/// Opens one connection to the database `url` names, with the SQLite settings applied.
pub fn connect(url: &DatabaseUrl) -> Result<DbConnection, ConnectionError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(path)?;
            conn.batch_execute(SQLITE_SETUP)
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(DbConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(url) => Ok(DbConnection::Postgres(PgConnection::establish(url)?)),
    }
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
}

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        let conn = connect(&self.url).map_err(diesel::r2d2::Error::ConnectionError)?;
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
