//! Leases that ran out without a report, and the due backlog (for metrics).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp as SqlTimestamp};
use social_accounts_domain::publish::{DID_NOT_COMPLETE, Policy, PreviousOutcome};
use social_accounts_domain::repository::{Backlog, Expired};
use social_accounts_domain::{LinkStatus, Platforms, Timestamp};

use super::due;
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::posts::lock_usage;
use crate::schema::scheduled_post_accounts as links;
use crate::webhooks::post_events::link_settled;

/// Expired leases with attempts left: due again, in one statement that skips links another
/// transaction holds (PostgreSQL). Their status does not change, so no counter does.
const DUE_AGAIN: &str = "\
UPDATE scheduled_post_accounts SET lease_expires_at = NULL, previous_outcome = 'lease_expired' \
WHERE (scheduled_post_id, social_account_id) IN (\
SELECT scheduled_post_id, social_account_id FROM scheduled_post_accounts \
WHERE lease_expires_at <= $1 AND attempts < $2 AND status = 'PENDING'{lock})";

/// The most links failed by one sweep (the next sweep takes the rest).
const FAILED_PER_SWEEP: i64 = 500;

/// Ends the leases expired at `now`; runs inside the caller's write transaction.
pub(super) fn expire(
    conn: &mut DbConnection,
    policy: Policy,
    now: Timestamp,
) -> Result<Expired, RepoError> {
    let max_attempts = i32::try_from(policy.max_attempts).unwrap_or(i32::MAX);
    let lock = match conn {
        DbConnection::Postgres(_) => " FOR UPDATE SKIP LOCKED",
        DbConnection::Sqlite(_) => "",
    };
    let text = DUE_AGAIN.replace("{lock}", lock);
    macro_rules! run {
        ($c:expr) => {
            diesel::sql_query(text)
                .bind::<SqlTimestamp, _>(now.naive_utc())
                .bind::<Integer, _>(max_attempts)
                .execute($c)
        };
    }
    let due_again = match conn {
        DbConnection::Postgres(pg) => run!(pg),
        DbConnection::Sqlite(sqlite) => run!(sqlite),
    }
    .map_err(from_diesel)?;
    // The last allowed attempts: each fails its link, which moves its account's counters, so
    // each takes the counters' lock before the link's, as a disconnect does.
    let last: Vec<(String, String)> = links::table
        .filter(
            links::lease_expires_at
                .le(now.naive_utc())
                .and(links::attempts.ge(max_attempts))
                .and(links::status.eq(LinkStatus::Pending.as_str())),
        )
        .select((links::scheduled_post_id, links::social_account_id))
        .limit(FAILED_PER_SWEEP)
        .load(conn)
        .map_err(from_diesel)?;
    let mut failed = 0;
    for (post, account) in &last {
        lock_usage(conn, [account.as_str()])?;
        let ended = diesel::update(
            links::table.filter(
                links::scheduled_post_id
                    .eq(post)
                    .and(links::social_account_id.eq(account))
                    .and(links::lease_expires_at.le(now.naive_utc()))
                    .and(links::status.eq(LinkStatus::Pending.as_str())),
            ),
        )
        .set((
            links::status.eq(LinkStatus::Failed.as_str()),
            links::error_message.eq(DID_NOT_COMPLETE),
            links::lease_expires_at.eq(None::<NaiveDateTime>),
            links::previous_outcome.eq(PreviousOutcome::LeaseExpired.as_str()),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
        if ended == 1 {
            link_settled(conn, post, account, LinkStatus::Pending, now)?;
        }
        failed += ended;
    }
    Ok(Expired {
        due_again: due_again as u64,
        failed: failed as u64,
    })
}

#[derive(QueryableByName)]
struct BacklogRow {
    #[diesel(sql_type = BigInt)]
    due: i64,
    #[diesel(sql_type = Nullable<SqlTimestamp>)]
    oldest: Option<NaiveDateTime>,
}

/// The due links on `served` platforms at `now`.
pub(super) fn backlog(
    conn: &mut DbConnection,
    served: &Platforms,
    policy: Policy,
    now: Timestamp,
) -> Result<Backlog, RepoError> {
    let platforms = due::chosen(served, None);
    let text = due::backlog_query(&platforms);
    let max_attempts = i32::try_from(policy.max_attempts).unwrap_or(i32::MAX);
    macro_rules! load {
        ($c:expr) => {
            diesel::sql_query(text)
                .bind::<SqlTimestamp, _>(now.naive_utc())
                .bind::<Integer, _>(max_attempts)
                .bind::<Nullable<Text>, _>(None::<String>)
                .get_result::<BacklogRow>($c)
        };
    }
    let row = match conn {
        DbConnection::Postgres(pg) => load!(pg),
        DbConnection::Sqlite(sqlite) => load!(sqlite),
    }
    .map_err(from_diesel)?;
    Ok(Backlog {
        due: u64::try_from(row.due).unwrap_or(0),
        oldest: row.oldest.map(Timestamp::from_naive_utc),
    })
}

use social_accounts_domain::RepoError;
