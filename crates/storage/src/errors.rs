//! Turning diesel and r2d2 failures into the domain's [`RepoError`], with a short detail that
//! never carries SQL, connection strings or values.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use social_accounts_domain::RepoError;

/// Maps a query failure. The full error goes to the log (it may name tables, never values).
#[allow(
    clippy::needless_pass_by_value,
    reason = "shaped for `map_err(from_diesel)`"
)]
pub(crate) fn from_diesel(error: DieselError) -> RepoError {
    let mapped = match &error {
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::UniqueViolation => {
                RepoError::Conflict("a record with this id already exists".into())
            }
            DatabaseErrorKind::ForeignKeyViolation => {
                RepoError::NotFound("a referenced record does not exist".into())
            }
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand => {
                RepoError::Unavailable
            }
            _ if is_lock_timeout(info.message()) => {
                RepoError::Internal("the database is busy, try again".into())
            }
            _ if is_connection_lost(info.message()) => RepoError::Unavailable,
            _ => RepoError::Internal("query failed".into()),
        },
        DieselError::NotFound => RepoError::NotFound("record not found".into()),
        DieselError::BrokenTransactionManager => RepoError::Unavailable,
        _ => RepoError::Internal("query failed".into()),
    };
    tracing::warn!(error = %error, "database.query_failed");
    mapped
}

/// A pool checkout failed. r2d2 appends the last connection error to its timeout message:
/// with one, the database is down; without, every connection stayed busy (overload).
pub(crate) fn from_pool(error: &r2d2::Error) -> RepoError {
    tracing::warn!(error = %error, "database.checkout_failed");
    if error.to_string().contains(": ") {
        RepoError::Unavailable
    } else {
        RepoError::Busy
    }
}

/// libpq reports a vanished server as an error of unknown kind; its wording is stable.
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

fn is_lock_timeout(message: &str) -> bool {
    message.contains("database is locked") || message.contains("lock timeout")
}

/// A stored value the domain does not know (a platform or status written by something else).
pub(crate) fn corrupt(what: &str, value: &str) -> RepoError {
    tracing::error!(column = what, value, "database.unknown_stored_value");
    RepoError::Internal(format!("stored {what} is not recognised"))
}
