//! One handler per action, wired in [`crate::http::routes`].

pub mod delete;
pub mod fallback;
pub mod health;
pub mod key_check;
pub mod list;
pub mod metrics;
pub mod posts;
pub mod read;

use social_accounts_domain::SocialAccountId;

use super::error::Failure;

/// The `:id` of a request. Blank is "required"; an id that cannot exist is "not found" at
/// once, without asking the database.
fn account_id(raw: &str) -> Result<SocialAccountId, Failure> {
    use social_accounts_domain::IdError;
    SocialAccountId::parse(raw).map_err(|error| match error {
        IdError::Blank => Failure::IdRequired,
        IdError::TooLong { .. } | IdError::ForbiddenCharacter { .. } => Failure::NotFound,
    })
}
