//! Turning diesel and r2d2 failures into the domain's [`RepoError`]: a short, safe description
//! for callers, and the driver's own words as a [`Cause`] for the edge's one log line. Nothing
//! is logged here.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use social_accounts_domain::{Cause, RepoError};

/// Why a write transaction stopped, and was rolled back: the input was refused (`R`: a
/// business rule for the Schedule API, a bad record for the import), or the database failed.
pub(crate) enum Stop<R> {
    /// Refused; nothing was written.
    Refused(R),
    /// The database failed.
    Repo(RepoError),
}

impl<R> From<RepoError> for Stop<R> {
    fn from(error: RepoError) -> Self {
        Stop::Repo(error)
    }
}

/// Maps a query failure.
#[expect(
    clippy::needless_pass_by_value,
    reason = "shaped for `map_err(from_diesel)`"
)]
pub(crate) fn from_diesel(error: DieselError) -> RepoError {
    let query_failed = || RepoError::Internal {
        detail: "query failed".into(),
        cause: Cause::new(&error),
    };
    match &error {
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::UniqueViolation => RepoError::Duplicate,
            DatabaseErrorKind::ForeignKeyViolation => RepoError::MissingReference,
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand => {
                RepoError::Unavailable(Cause::new(&error))
            }
            _ if is_lock_timeout(info.message()) => RepoError::Busy,
            _ if is_connection_lost(info.message()) => RepoError::Unavailable(Cause::new(&error)),
            _ => query_failed(),
        },
        DieselError::NotFound => RepoError::internal("record not found"),
        DieselError::BrokenTransactionManager => RepoError::Unavailable(Cause::new(&error)),
        _ => query_failed(),
    }
}

// diesel reports these two kinds as `DatabaseErrorKind::Unknown` (it exposes neither SQLite's
// result code nor PostgreSQL's SQLSTATE), so the driver's message is all there is to go by;
// libpq's and SQLite's wordings below have been stable for many major versions.

/// libpq's words for a server that went away.
fn is_connection_lost(message: &str) -> bool {
    [
        "server closed the connection",
        "terminating connection",
        "no connection to the server",
        "could not receive data",
        "connection not open",
    ]
    .iter()
    .any(|needle| message.contains(needle))
}

/// SQLite's `SQLITE_BUSY` after `busy_timeout`, PostgreSQL's `lock_timeout` (55P03).
fn is_lock_timeout(message: &str) -> bool {
    message.contains("database is locked") || message.contains("lock timeout")
}

/// A stored value the domain does not know (a platform or status written by something else).
pub(crate) fn corrupt(what: &str, value: &str) -> RepoError {
    RepoError::Internal {
        detail: format!("stored {what} is not recognised"),
        cause: Cause::new(format_args!("{what} {value:?}")),
    }
}
