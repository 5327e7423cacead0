//! Listing, reading and deleting the accounts an Embed API caller sees: every statement
//! carries the caller's scope (`visible`), so an account of another workspace or of a platform
//! the deployment does not serve is never read, counted or deleted.

use diesel::PgConnection;
use diesel::prelude::*;

use crate::webhooks::account_events::account_disconnected;
use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{
    AccountSummary, Actor, AuditAction, NewAuditEvent, OrganizationId, RepoError, Scope,
    SocialAccount, SocialAccountId, Target, Timestamp, Usage,
};

use crate::audit;
use crate::errors::from_diesel;
use crate::models::{AccountRow, Counters, SummaryRow, stored_id};
use crate::schema::{social_account_usage as usage, social_accounts as accounts};
use crate::visible::visible;
use crate::{DbConnection, Store};

/// One visible account with its link counts per status, in one statement that reads one row
/// of each table by primary key: the counters the links' triggers keep (migration
/// `usage_counters`), so the cost is the same for an account of 10 links or of 100,000.
fn account_with_usage(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &SocialAccountId,
) -> Result<Option<(AccountRow, Usage)>, RepoError> {
    let row: Option<(AccountRow, Counters)> = accounts::table
        .filter(accounts::id.eq(id.as_str()).and(visible(scope)))
        .inner_join(usage::table)
        .select((AccountRow::as_select(), Counters::as_select()))
        .first(conn)
        .optional()
        .map_err(from_diesel)?;
    Ok(row.map(|(account, counters)| (account, counters.usage())))
}

/// What a PostgreSQL delete found under its locks.
enum Locked {
    /// No such visible account when the delete began.
    Missing,
    /// It was there, and a concurrent delete removed it while this one waited.
    LostRace,
    /// Locked, with exactly the links it holds, and its organization.
    Usage(Usage, String),
}

/// On PostgreSQL (READ COMMITTED), the counts a delete answers with, read under locks that no
/// write of this account's links can pass until the delete commits: first the account's row
/// (`FOR UPDATE`; creates and replaces hold it `FOR KEY SHARE` before they touch counters, so
/// this waits for them and the lock order is theirs), then its counters row, which every change
/// of its links updates (also deletes of posts and reports, which take no account lock): this
/// waits for those, and the values read are the latest. A plain read before the locks tells a
/// missing account (404) from one a concurrent delete took (the contract's 400).
fn lock_for_delete(
    pg: &mut PgConnection,
    scope: &Scope,
    id: &SocialAccountId,
) -> Result<Locked, RepoError> {
    let one = accounts::table.filter(accounts::id.eq(id.as_str()).and(visible(scope)));
    let organization: Option<String> = one
        .select(accounts::organization_id)
        .first(pg)
        .optional()
        .map_err(from_diesel)?;
    let Some(organization) = organization else {
        return Ok(Locked::Missing);
    };
    let locked: Option<String> = one
        .select(accounts::id)
        .for_update()
        .first(pg)
        .optional()
        .map_err(from_diesel)?;
    if locked.is_none() {
        return Ok(Locked::LostRace);
    }
    let counters: Counters = one
        .inner_join(usage::table)
        .select(Counters::as_select())
        .for_update()
        .first(pg)
        .map_err(from_diesel)?;
    Ok(Locked::Usage(counters.usage(), organization))
}

/// The audit event of a disconnect: its removed links counted by status.
fn disconnected(
    scope: &Scope,
    id: &SocialAccountId,
    organization: String,
    removed: &Usage,
    actor: &Actor,
) -> Result<NewAuditEvent, RepoError> {
    Ok(NewAuditEvent {
        organization_id: Some(stored_id(organization, OrganizationId::try_from)?),
        workspace_id: Some(scope.workspace.clone()),
        actor: actor.clone(),
        action: AuditAction::SocialAccountDisconnected,
        target: Target {
            kind: "social_account",
            id: id.as_str().to_owned(),
        },
        details: removed
            .entries()
            .iter()
            .map(|entry| (entry.status.as_str().to_owned(), entry.count))
            .collect(),
    })
}

impl Store {
    /// The visible accounts as [`AccountRepository::list_accounts`] lists them, or `None`
    /// when there are more than `most`: a read bounded in time, for callers that must not
    /// block long (a store from `Store::worker_reads`).
    pub fn list_accounts_up_to(
        &self,
        scope: &Scope,
        now: Timestamp,
        most: usize,
    ) -> Result<Option<Vec<AccountSummary>>, RepoError> {
        let limit = i64::try_from(most.saturating_add(1)).unwrap_or(i64::MAX);
        let accounts = self.list(scope, now, limit)?;
        Ok((accounts.len() <= most).then_some(accounts))
    }

    /// At most `limit` visible accounts, oldest first (ties by id): one statement for the
    /// bounded and the whole list, so both are the one diesel keeps prepared.
    fn list(
        &self,
        scope: &Scope,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<AccountSummary>, RepoError> {
        let rows: Vec<SummaryRow> = self.run(|conn| {
            accounts::table
                .filter(visible(scope))
                .order((accounts::created_at.asc(), accounts::id.asc()))
                .select(SummaryRow::as_select())
                .limit(limit)
                .load(conn)
                .map_err(from_diesel)
        })?;
        rows.into_iter().map(|row| row.into_domain(now)).collect()
    }
}

impl AccountRepository for Store {
    fn list_accounts(
        &self,
        scope: &Scope,
        now: Timestamp,
    ) -> Result<Vec<AccountSummary>, RepoError> {
        self.list(scope, now, i64::MAX)
    }

    fn read_account(
        &self,
        scope: &Scope,
        id: &SocialAccountId,
        now: Timestamp,
    ) -> Result<Option<(SocialAccount, Usage)>, RepoError> {
        let found = self.run(|conn| account_with_usage(conn, scope, id))?;
        found
            .map(|(row, usage)| Ok((row.into_domain(now)?, usage)))
            .transpose()
    }

    /// The usage answered is exactly the links the transaction removed: on SQLite the write
    /// lock is taken at `BEGIN IMMEDIATE`; on PostgreSQL the counters are read under the
    /// locks of `lock_for_delete` (the race test `removed_links_are_the_links_removed`).
    fn delete_account(
        &self,
        scope: &Scope,
        id: &SocialAccountId,
        mode: DeleteMode,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<DeleteOutcome, RepoError> {
        if mode == DeleteMode::DryRun {
            let found = self.run(|conn| account_with_usage(conn, scope, id))?;
            return Ok(found.map_or(DeleteOutcome::NotFound, |(_, usage)| {
                DeleteOutcome::WouldDelete(usage)
            }));
        }
        self.write(|conn| {
            let (removed, organization) = match conn {
                DbConnection::Postgres(pg) => match lock_for_delete(pg, scope, id)? {
                    Locked::Missing => return Ok(DeleteOutcome::NotFound),
                    Locked::LostRace => return Ok(DeleteOutcome::LostRace),
                    Locked::Usage(usage, organization) => (usage, organization),
                },
                DbConnection::Sqlite(_) => match account_with_usage(conn, scope, id)? {
                    None => return Ok(DeleteOutcome::NotFound),
                    Some((row, usage)) => (usage, row.organization_id),
                },
            };
            // Links go by ON DELETE CASCADE, in this same statement and transaction. The row
            // is locked (PostgreSQL) or the database is (SQLite), so it is still there; were
            // it not, the counts would be wrong, and the answer is the refusal instead.
            let deleted = diesel::delete(
                accounts::table.filter(accounts::id.eq(id.as_str()).and(visible(scope))),
            )
            .execute(conn)
            .map_err(from_diesel)?;
            if deleted == 0 {
                return Ok(DeleteOutcome::LostRace);
            }
            account_disconnected(
                conn,
                &organization,
                scope.workspace.as_str(),
                id.as_str(),
                &removed,
                actor.kind,
                now,
            )?;
            let event = disconnected(scope, id, organization, &removed, actor)?;
            audit::record(conn, &event, now)?;
            Ok(DeleteOutcome::Deleted(removed))
        })
    }
}
