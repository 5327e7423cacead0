//! The error every repository speaks.

use std::fmt;

use crate::{OrganizationId, WorkspaceId};

/// A repository failure. Its `Display` is safe to show a caller: no SQL, connection string,
/// stored value or secret. What the database itself said travels in a [`Cause`], for the one
/// log line the edge writes with the request id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepoError {
    /// The database cannot be reached or did not answer in time.
    #[error("database unavailable")]
    Unavailable(Cause),
    /// The database answers, but no connection or lock could be had for the whole wait:
    /// overload, worth retrying shortly.
    #[error("all database connections are busy")]
    Busy,
    /// A record with the same id already exists.
    #[error("a record with this id already exists")]
    Duplicate,
    /// A record refers to one that does not exist.
    #[error("a referenced record does not exist")]
    MissingReference,
    /// A key was to be created for an organization that does not exist.
    #[error("no organization \"{0}\"")]
    NoOrganization(OrganizationId),
    /// A key was to be attached to a workspace that does not exist.
    #[error("no workspace \"{0}\"")]
    NoWorkspace(WorkspaceId),
    /// A key was to be attached to a workspace of another organization.
    #[error("workspace \"{0}\" belongs to another organization")]
    ForeignWorkspace(WorkspaceId),
    /// Anything else: `detail` is a short, safe description.
    #[error("database error: {detail}")]
    Internal {
        /// Safe to show a caller.
        detail: String,
        /// For the log only.
        cause: Cause,
    },
}

impl RepoError {
    /// An [`RepoError::Internal`] whose detail says everything (no cause to log).
    #[must_use]
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::Internal {
            detail: detail.into(),
            cause: Cause::default(),
        }
    }

    /// What the database said, when there is something to log beyond the safe text.
    #[must_use]
    pub fn cause(&self) -> Option<&Cause> {
        match self {
            Self::Unavailable(cause) | Self::Internal { cause, .. } if !cause.0.is_empty() => {
                Some(cause)
            }
            _ => None,
        }
    }
}

/// The database's (or driver's) own description of a failure. It may name tables and
/// constraints, never stored values; it is written to logs, never into a response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cause(String);

impl Cause {
    /// Wraps a driver message.
    #[must_use]
    pub fn new(message: impl fmt::Display) -> Self {
        Self(message.to_string())
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_safe_and_the_cause_is_kept_for_the_log() {
        let error = RepoError::Internal {
            detail: "query failed".into(),
            cause: Cause::new("relation \"links\" does not exist"),
        };
        assert_eq!(error.to_string(), "database error: query failed");
        assert_eq!(
            error.cause().map(ToString::to_string).as_deref(),
            Some("relation \"links\" does not exist")
        );
        assert_eq!(RepoError::internal("x").cause(), None);
        assert_eq!(RepoError::Busy.cause(), None);
    }

    #[test]
    fn key_owner_messages_name_the_record() {
        let org = OrganizationId::parse("acme").unwrap();
        let ws = WorkspaceId::parse("ws-1").unwrap();
        assert_eq!(
            RepoError::NoOrganization(org).to_string(),
            "no organization \"acme\""
        );
        assert_eq!(
            RepoError::NoWorkspace(ws.clone()).to_string(),
            "no workspace \"ws-1\""
        );
        assert_eq!(
            RepoError::ForeignWorkspace(ws).to_string(),
            "workspace \"ws-1\" belongs to another organization"
        );
    }
}
