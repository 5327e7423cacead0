//! A claim's link: found within the caller's reach, then locked for the change, in the lock
//! order every write of links keeps (account, post, usage counters, link) so that a report
//! racing a replace or a disconnect waits instead of deadlocking.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::{ClaimId, Reach, RepoError};

use crate::errors::from_diesel;
use crate::filters::in_reach;
use crate::schema::{
    scheduled_post_accounts as links, scheduled_posts as posts, social_accounts as accounts,
};
use crate::{DbConnection, posts::lock_usage};

/// Where a claim's link is.
#[derive(Queryable)]
pub(super) struct Place {
    pub(super) post: String,
    pub(super) account: String,
    pub(super) organization: String,
    pub(super) workspace: String,
}

/// A claim's link as it stands, read under its lock.
#[derive(Queryable)]
pub(super) struct Held {
    pub(super) status: String,
    pub(super) attempts: i32,
    pub(super) lease_expires_at: Option<NaiveDateTime>,
    pub(super) lease_seconds: Option<i32>,
    pub(super) claim_report: Option<String>,
    pub(super) live_link: Option<String>,
    pub(super) error_message: Option<String>,
    pub(super) published_at: Option<NaiveDateTime>,
    pub(super) next_attempt_at: Option<NaiveDateTime>,
}

/// The link `claim` holds, within `reach`; `None` when no link has it as its latest claim.
pub(super) fn place(
    conn: &mut DbConnection,
    reach: &Reach,
    claim: &ClaimId,
) -> Result<Option<Place>, RepoError> {
    links::table
        .inner_join(accounts::table)
        .filter(links::claim_id.eq(claim.as_str()))
        .filter(in_reach(accounts::organization_id, reach))
        .select((
            links::scheduled_post_id,
            links::social_account_id,
            accounts::organization_id,
            accounts::workspace_id,
        ))
        .first(conn)
        .optional()
        .map_err(from_diesel)
}

/// On PostgreSQL, locks what a report may change ahead of its link, in the order replaces
/// and disconnects take them: the account (KEY SHARE: a disconnect waits for the report, a
/// report waits for a disconnect), the post (a replace waits, or is waited for), the
/// account's usage counters. `false` when the account or post is gone.
pub(super) fn lock_around(conn: &mut DbConnection, place: &Place) -> Result<bool, RepoError> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(true);
    };
    let account: Option<String> = accounts::table
        .find(&place.account)
        .select(accounts::id)
        .for_key_share()
        .first(pg)
        .optional()
        .map_err(from_diesel)?;
    let post: Option<String> = posts::table
        .find(&place.post)
        .select(posts::id)
        .for_no_key_update()
        .first(pg)
        .optional()
        .map_err(from_diesel)?;
    if account.is_none() || post.is_none() {
        return Ok(false);
    }
    lock_usage(conn, [place.account.as_str()])?;
    Ok(true)
}

/// The link `claim` holds, locked (PostgreSQL: this row only); `None` when it has gone or
/// has a newer claim.
pub(super) fn held(conn: &mut DbConnection, claim: &ClaimId) -> Result<Option<Held>, RepoError> {
    let query = links::table
        .filter(links::claim_id.eq(claim.as_str()))
        .select((
            links::status,
            links::attempts,
            links::lease_expires_at,
            links::lease_seconds,
            links::claim_report,
            links::live_link,
            links::error_message,
            links::published_at,
            links::next_attempt_at,
        ));
    match conn {
        DbConnection::Postgres(pg) => query.for_update().first(pg).optional(),
        DbConnection::Sqlite(sqlite) => query.first(sqlite).optional(),
    }
    .map_err(from_diesel)
}
