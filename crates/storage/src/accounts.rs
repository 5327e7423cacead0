//! Listing, reading and deleting a workspace's accounts.

use diesel::dsl::count_star;
use diesel::prelude::*;
use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{
    AccountSummary, LinkStatus, RepoError, SocialAccount, SocialAccountId, Timestamp, Usage,
    WorkspaceId,
};

use crate::errors::from_diesel;
use crate::models::{AccountRow, SummaryRow};
use crate::schema::{scheduled_post_accounts as links, social_accounts as accounts};
use crate::{DbConnection, Store};

// `account_with_usage` selects one count per status; a new status needs a column there.
const _: () = assert!(
    LinkStatus::ALL.len() == 4,
    "update account_with_usage for the new link status"
);

type Counts = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);

/// One account of one workspace with its link counts per status, in **one statement**: the
/// counts are scalar subqueries served by the `(social_account_id, status)` index. One
/// statement means one snapshot, so a concurrent delete yields "not found", never an account
/// with half its usage, and one round trip.
fn account_with_usage(
    conn: &mut DbConnection,
    workspace: &str,
    id: &str,
) -> Result<Option<(AccountRow, Usage)>, RepoError> {
    let count = |status: LinkStatus| {
        links::table
            .filter(
                links::social_account_id
                    .eq(id)
                    .and(links::status.eq(status.as_str())),
            )
            .select(count_star())
            .single_value()
    };
    let row: Option<(AccountRow, Counts)> = accounts::table
        .filter(
            accounts::id
                .eq(id)
                .and(accounts::workspace_id.eq(workspace)),
        )
        .select((
            AccountRow::as_select(),
            (
                count(LinkStatus::Draft),
                count(LinkStatus::Pending),
                count(LinkStatus::Published),
                count(LinkStatus::Failed),
            ),
        ))
        .first(conn)
        .optional()
        .map_err(from_diesel)?;
    Ok(row.map(|(account, (draft, pending, published, failed))| {
        let counts = LinkStatus::ALL
            .into_iter()
            .zip([draft, pending, published, failed])
            .map(|(status, count)| {
                (
                    status,
                    count
                        .and_then(|c| u64::try_from(c).ok())
                        .unwrap_or_default(),
                )
            });
        (account, Usage::from_counts(counts))
    }))
}

impl AccountRepository for Store {
    fn list_accounts(
        &self,
        workspace: &WorkspaceId,
        now: Timestamp,
    ) -> Result<Vec<AccountSummary>, RepoError> {
        let rows: Vec<SummaryRow> = self.run(|conn| {
            accounts::table
                .filter(accounts::workspace_id.eq(workspace.as_str()))
                .order((accounts::created_at.asc(), accounts::id.asc()))
                .select(SummaryRow::as_select())
                .load(conn)
                .map_err(from_diesel)
        })?;
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
