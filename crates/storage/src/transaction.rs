//! Write transactions that take the write lock up front.
//!
//! SQLite in WAL mode fails a DEFERRED transaction that reads and then writes with
//! `SQLITE_BUSY` at once, ignoring `busy_timeout`; `BEGIN IMMEDIATE` takes the write lock
//! first and waits for it. The derived multi-connection has no such method, so this helper
//! begins the transaction on the SQLite connection inside and lets diesel's own transaction
//! manager (which tracks depth per inner connection) commit or roll back.

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};

use social_accounts_domain::RepoError;

use crate::DbConnection;
use crate::errors::from_diesel;

type Manager = <DbConnection as Connection>::TransactionManager;

/// Runs `work` in a write transaction: `BEGIN IMMEDIATE` on SQLite, `BEGIN` on PostgreSQL.
/// Commits on `Ok`, rolls back on `Err`.
pub(crate) fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<RepoError>,
{
    let begun = match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")
        }
        DbConnection::Postgres(_) => Manager::begin_transaction(conn),
    };
    begun.map_err(from_diesel)?;
    finish(conn, work)
}

/// Runs `work`, several statements, on one snapshot: a read-only `REPEATABLE READ`
/// transaction on PostgreSQL (under the default READ COMMITTED each statement would see its
/// own), a deferred one on SQLite (in WAL mode its first read fixes the snapshot). A post and
/// its captions, settings and links are then never read half before and half after a replace.
pub(crate) fn read_snapshot<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, RepoError>,
) -> Result<T, RepoError> {
    let begun = match conn {
        DbConnection::Postgres(inner) => AnsiTransactionManager::begin_transaction_sql(
            inner,
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        ),
        DbConnection::Sqlite(_) => Manager::begin_transaction(conn),
    };
    begun.map_err(from_diesel)?;
    finish(conn, work)
}

/// Runs `work` in the transaction just begun, then commits on `Ok` and rolls back on `Err`.
fn finish<T, E: From<RepoError>>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    match work(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn).map_err(from_diesel)?;
            Ok(value)
        }
        Err(error) => {
            // The work's error is the one worth reporting; a failed rollback marks the
            // connection broken and r2d2 discards it.
            let _ = Manager::rollback_transaction(conn);
            Err(error)
        }
    }
}
