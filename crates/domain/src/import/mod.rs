//! The operator's import file: its JSON shape, and its validation into an [`ImportBatch`].
//!
//! Everything that can be checked without the database is checked here, record by record in
//! file order, so the first error names the first bad record and field
//! (`socialAccounts[2].accountType: ...`). Checks against stored records (does the workspace
//! exist?) happen in the storage transaction, with the same naming.
//!
//! Designs and scheduled posts follow the Schedule API: a post may carry every field of
//! `POST /schedule` and is checked with the API's own shape rules, but not its rules of time
//! or completeness (history is imported as it was); `posts` documents the details and the
//! defaults (`scheduledAt`, `createdAt`, the reel's `postSettings`).
//!
//! One job per file: `file` is the JSON as written ([`ImportFile`], a post's record in
//! `post_record`), `validate` the checks of
//! each record, `posts` those of a scheduled post, `batch` what they produce
//! ([`ImportBatch`]), `stream` the same checks over a file read twice as a stream
//! ([`ImportStream`], for files too large to hold), `passes` the one parser every read of a
//! file goes through; this module holds what they share.

use std::fmt;

mod batch;
mod file;
mod passes;
mod post_record;
mod posts;
mod stream;
mod validate;

pub use crate::PostStatus;
pub use crate::schedule::MAX_URL_LEN;
pub use batch::{
    ImportBatch, ImportedKey, NewDesign, NewOrganization, NewScheduledPost, NewSocialAccount,
    NewWorkspace,
};
pub use file::{ImportFile, TokenSecret};
pub use stream::{ImportStream, PostSink, PostSource, StreamedPosts};
pub use validate::MAX_TEXT_LEN;

/// A bad import: where (`socialAccounts[2].accountType`) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct ImportError {
    /// Path of the offending record and field, `.` for the whole file, or `?` for a syntax
    /// error the parser could not place.
    pub at: String,
    /// What is wrong, for a person.
    pub message: String,
}

impl ImportError {
    /// An error at `section[index].field`.
    #[must_use]
    pub fn field(section: &str, index: usize, field: &str, message: impl Into<String>) -> Self {
        Self {
            at: format!("{section}[{index}].{field}"),
            message: message.into(),
        }
    }
}

/// How many records of each kind an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Organizations created.
    pub organizations: usize,
    /// Workspaces created.
    pub workspaces: usize,
    /// API keys stored (hashed).
    pub api_keys: usize,
    /// Social accounts connected.
    pub social_accounts: usize,
    /// Designs created.
    pub designs: usize,
    /// Scheduled posts created, drafts included.
    pub scheduled_posts: usize,
    /// Links between posts and accounts.
    pub links: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} organizations, {} workspaces, {} API keys, {} social accounts, {} designs, {} \
             scheduled posts, {} links",
            self.organizations,
            self.workspaces,
            self.api_keys,
            self.social_accounts,
            self.designs,
            self.scheduled_posts,
            self.links
        )
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod schedule_tests;

#[cfg(test)]
mod schedule_errors_tests;

#[cfg(test)]
mod stream_tests;
