//! Listing, reading and deleting a workspace's accounts.

use diesel::dsl::count_star;
use diesel::prelude::*;
use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{
    AccountSummary, LinkStatus, RepoError, SocialAccount, SocialAccountId, Timestamp, Usage,
    WorkspaceId,
};

use crate::errors::{corrupt, from_diesel};
use crate::models::{AccountRow, SummaryRow};
use crate::schema::{scheduled_post_accounts as links, social_accounts as accounts};
use crate::transaction::write_transaction;
use crate::{DbConnection, Store};

/// Link counts by status for one account of one workspace (empty when the account is not in
/// that workspace). Served by the `(social_account_id, status)` index.
fn usage(conn: &mut DbConnection, workspace: &str, id: &str) -> Result<Usage, RepoError> {
    let rows: Vec<(String, i64)> = links::table
        .inner_join(accounts::table)
        .filter(
            accounts::id
                .eq(id)
                .and(accounts::workspace_id.eq(workspace)),
        )
        .group_by(links::status)
        .select((links::status, count_star()))
        .load(conn)
        .map_err(from_diesel)?;
    let counts = rows.into_iter().map(|(status, count)| {
        let status = LinkStatus::parse(&status).ok_or_else(|| corrupt("link status", &status))?;
        Ok((status, u64::try_from(count).unwrap_or_default()))
    });
    Ok(Usage::from_counts(
        counts.collect::<Result<Vec<_>, RepoError>>()?,
    ))
}

fn exists(conn: &mut DbConnection, workspace: &str, id: &str) -> Result<bool, RepoError> {
    diesel::select(diesel::dsl::exists(
        accounts::table.filter(
            accounts::id
                .eq(id)
                .and(accounts::workspace_id.eq(workspace)),
        ),
    ))
    .get_result(conn)
    .map_err(from_diesel)
}

impl AccountRepository for Store {
    fn list_accounts(
        &self,
        workspace: &WorkspaceId,
        now: Timestamp,
    ) -> Result<Vec<AccountSummary>, RepoError> {
        let rows: Vec<SummaryRow> = accounts::table
            .filter(accounts::workspace_id.eq(workspace.as_str()))
            .order((accounts::created_at.asc(), accounts::id.asc()))
            .select(SummaryRow::as_select())
            .load(&mut *self.conn()?)
            .map_err(from_diesel)?;
        rows.into_iter().map(|row| row.into_domain(now)).collect()
    }

    fn read_account(
        &self,
        workspace: &WorkspaceId,
        id: &SocialAccountId,
        now: Timestamp,
    ) -> Result<Option<(SocialAccount, Usage)>, RepoError> {
        let mut conn = self.conn()?;
        // Usage first, account second, without a transaction: links only disappear with their
        // account, so if the account is still there after its links were counted, the count
        // was of the whole account; if a delete won in between, the account read finds
        // nothing and the caller gets 404, never an account with a half-counted usage.
        let usage = usage(&mut conn, workspace.as_str(), id.as_str())?;
        let row: Option<AccountRow> = accounts::table
            .filter(
                accounts::id
                    .eq(id.as_str())
                    .and(accounts::workspace_id.eq(workspace.as_str())),
            )
            .select(AccountRow::as_select())
            .first(&mut *conn)
            .optional()
            .map_err(from_diesel)?;
        row.map(|row| Ok((row.into_domain(now)?, usage)))
            .transpose()
    }

    fn delete_account(
        &self,
        workspace: &WorkspaceId,
        id: &SocialAccountId,
        mode: DeleteMode,
    ) -> Result<DeleteOutcome, RepoError> {
        let (workspace, id) = (workspace.as_str(), id.as_str());
        let mut conn = self.conn()?;
        if mode == DeleteMode::DryRun {
            let usage = usage(&mut conn, workspace, id)?;
            return Ok(if exists(&mut conn, workspace, id)? {
                DeleteOutcome::WouldDelete(usage)
            } else {
                DeleteOutcome::NotFound
            });
        }
        write_transaction(&mut conn, |conn| {
            if !exists(conn, workspace, id)? {
                return Ok(DeleteOutcome::NotFound);
            }
            let removed = usage(conn, workspace, id)?;
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
            // Zero rows here means a concurrent delete committed after our existence check
            // (possible on PostgreSQL under READ COMMITTED; SQLite's IMMEDIATE lock rules it out).
            Ok(if deleted == 0 {
                DeleteOutcome::LostRace
            } else {
                DeleteOutcome::Deleted(removed)
            })
        })
    }
}
