//! Listing, reading and deleting a workspace's accounts.

use diesel::prelude::*;
use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{
    AccountSummary, LinkStatus, RepoError, SocialAccount, SocialAccountId, Timestamp, Usage,
    WorkspaceId,
};

use crate::errors::from_diesel;
use crate::models::{AccountRow, SummaryRow};
use crate::schema::{social_account_usage as usage, social_accounts as accounts};
use crate::{DbConnection, Store};

// `account_with_usage` reads one counter column per status; a new status needs a column
// there, in the migration's triggers and in `usage::recount`.
const _: () = assert!(
    LinkStatus::ALL.len() == 4,
    "update account_with_usage, the usage triggers and usage::recount for the new link status"
);

/// One account of one workspace with its link counts per status, in one statement that reads
/// one row of each table by primary key: the counters the links' triggers keep (migration
/// `usage_counters`), so the cost is the same for an account of 10 links or of 100,000.
fn account_with_usage(
    conn: &mut DbConnection,
    workspace: &str,
    id: &str,
) -> Result<Option<(AccountRow, Usage)>, RepoError> {
    let row: Option<(AccountRow, [i64; 4])> = accounts::table
        .inner_join(usage::table)
        .filter(
            accounts::id
                .eq(id)
                .and(accounts::workspace_id.eq(workspace)),
        )
        .select((
            AccountRow::as_select(),
            (
                usage::draft,
                usage::pending,
                usage::published,
                usage::failed,
            ),
        ))
        .first::<(AccountRow, (i64, i64, i64, i64))>(conn)
        .optional()
        .map_err(from_diesel)?
        .map(|(account, (d, p, pu, f))| (account, [d, p, pu, f]));
    Ok(row.map(|(account, counters)| {
        // A negative counter is drift (`social-accounts doctor` reports it): shown as none.
        let counts = LinkStatus::ALL
            .into_iter()
            .zip(counters)
            .map(|(status, count)| (status, u64::try_from(count).unwrap_or_default()));
        (account, Usage::from_counts(counts))
    }))
}

/// A workspace's accounts, oldest first (ties by id).
macro_rules! list_query {
    ($workspace:expr) => {
        accounts::table
            .filter(accounts::workspace_id.eq($workspace.as_str()))
            .order((accounts::created_at.asc(), accounts::id.asc()))
            .select(SummaryRow::as_select())
    };
}

impl Store {
    /// The workspace's accounts as [`AccountRepository::list_accounts`] lists them, or `None`
    /// when there are more than `most`: a read bounded in time, for callers that must not
    /// block long (see `Store::without_waiting`).
    pub fn list_accounts_up_to(
        &self,
        workspace: &WorkspaceId,
        now: Timestamp,
        most: usize,
    ) -> Result<Option<Vec<AccountSummary>>, RepoError> {
        let limit = i64::try_from(most.saturating_add(1)).unwrap_or(i64::MAX);
        let rows = self.run(|conn| {
            list_query!(workspace)
                .limit(limit)
                .load(conn)
                .map_err(from_diesel)
        })?;
        if rows.len() > most {
            return Ok(None);
        }
        rows.into_iter()
            .map(|row: SummaryRow| row.into_domain(now))
            .collect::<Result<_, _>>()
            .map(Some)
    }
}

impl AccountRepository for Store {
    fn list_accounts(
        &self,
        workspace: &WorkspaceId,
        now: Timestamp,
    ) -> Result<Vec<AccountSummary>, RepoError> {
        let rows: Vec<SummaryRow> =
            self.run(|conn| list_query!(workspace).load(conn).map_err(from_diesel))?;
        rows.into_iter().map(|row| row.into_domain(now)).collect()
    }

    fn read_account(
        &self,
        workspace: &WorkspaceId,
        id: &SocialAccountId,
        now: Timestamp,
    ) -> Result<Option<(SocialAccount, Usage)>, RepoError> {
        let found = self.run(|conn| account_with_usage(conn, workspace.as_str(), id.as_str()))?;
        found
            .map(|(row, usage)| Ok((row.into_domain(now)?, usage)))
            .transpose()
    }

    fn delete_account(
        &self,
        workspace: &WorkspaceId,
        id: &SocialAccountId,
        mode: DeleteMode,
    ) -> Result<DeleteOutcome, RepoError> {
        let (workspace, id) = (workspace.as_str(), id.as_str());
        if mode == DeleteMode::DryRun {
            let found = self.run(|conn| account_with_usage(conn, workspace, id))?;
            return Ok(found.map_or(DeleteOutcome::NotFound, |(_, usage)| {
                DeleteOutcome::WouldDelete(usage)
            }));
        }
        self.write(|conn| {
            let Some((_, removed)) = account_with_usage(conn, workspace, id)? else {
                return Ok(DeleteOutcome::NotFound);
            };
            // Links go by ON DELETE CASCADE, in this same statement and transaction.
            let deleted = diesel::delete(
                accounts::table.filter(
                    accounts::id
                        .eq(id)
                        .and(accounts::workspace_id.eq(workspace)),
                ),
            )
            .execute(conn)
            .map_err(from_diesel)?;
            // Zero rows here means a concurrent delete committed after our read (possible on
            // PostgreSQL under READ COMMITTED; SQLite's IMMEDIATE lock rules it out).
            Ok(if deleted == 0 {
                DeleteOutcome::LostRace
            } else {
                DeleteOutcome::Deleted(removed)
            })
        })
    }
}
