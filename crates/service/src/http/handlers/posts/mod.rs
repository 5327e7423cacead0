//! The Schedule API: one handler per action.

pub mod create;
pub mod delete;
pub mod list;
pub mod read;
pub mod replace;

use social_accounts_domain::{IdError, ScheduledPostId};

use crate::http::error::Failure;

/// The `:id` of a post: blank is "required"; one that cannot exist is "not found", decided
/// without the database (after the body's checks, on a replace).
fn post_id(raw: &str) -> Result<ScheduledPostId, Failure> {
    ScheduledPostId::parse(raw).map_err(|error| match error {
        IdError::Blank => Failure::IdRequired,
        IdError::TooLong { .. } | IdError::ForbiddenCharacter { .. } => Failure::NotFound,
    })
}

/// The id path parameter, as the OpenAPI document describes it.
pub(crate) const ID_DOC: &str =
    "Post id: 1 to 64 of A-Z a-z 0-9 _ - (anything else is 404, blank 422)";
