//! The operator API's handlers, by resource.

pub mod accounts;
pub mod audit;
pub mod keys;
pub mod organizations;
pub mod webhooks;
pub mod workspaces;

use crate::http::problem::Problem;

/// What an organization key is refused for doing what only an instance key may.
pub(crate) fn instance_only() -> Problem {
    Problem::Forbidden("Only a key of the whole instance may do this")
}
