//! The main table's route labels. A limit row, a mixed-workload share and the webhook table
//! find their route by its label, so every place that names a route names it from here.

use crate::dataset::WEEK_POSTS;

/// The HTTP side alone: every ratio's denominator.
pub const HEALTHZ: &str = "GET /healthz";
/// The busy workspace's account list.
pub const ACCOUNT_LIST: &str = "GET /social-account";
/// One account with its usage.
pub const ACCOUNT_READ: &str = "GET /social-account/:id";
/// One post.
pub const POST_READ: &str = "GET /schedule/:id";
/// How the week list's label begins; [`week`] is the whole label.
pub const WEEK_PREFIX: &str = "GET /schedule (a week, ";
/// A draft created.
pub const CREATE: &str = "POST /schedule";
/// A draft replaced.
pub const REPLACE: &str = "PUT /schedule/:id";
/// The delete pool's accounts, two links each.
pub const DELETE: &str = "DELETE /social-account/:id (2 links)";
/// The operator API's connect of a new account.
pub const CONNECT: &str = "POST /operator/v1/…/social-accounts (connect)";
/// The operator API's connect of an account already connected.
pub const RECONNECT: &str = "POST /operator/v1/…/social-accounts (reconnect)";
/// The closed-loop mixed workload (`scripts::mixed`).
pub const MIXED: &str = "mixed: 80 % reads, 20 % writes";

/// The week list's label, with the number of posts it answers.
pub fn week() -> String {
    format!("{WEEK_PREFIX}{WEEK_POSTS} posts)")
}
