//! The error every repository speaks.

/// A repository failure, described without SQL, connection strings or secrets: the text is
/// safe to show a caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepoError {
    /// The database cannot be reached or did not answer in time.
    #[error("database unavailable")]
    Unavailable,
    /// The database answers, but every connection stayed busy for the whole wait: overload,
    /// worth retrying shortly.
    #[error("all database connections are busy")]
    Busy,
    /// A record conflicts with one that exists (duplicate id, ...).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A referenced record does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// Anything else; the detail is a short, safe description.
    #[error("database error: {0}")]
    Internal(String),
}
