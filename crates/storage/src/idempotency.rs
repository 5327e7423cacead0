//! Idempotency keys: claimed in one transaction (so of concurrent requests with one key exactly
//! one goes on), answered later; the created post's id is written with the post itself.

use chrono::TimeDelta;
use diesel::prelude::*;
use social_accounts_domain::idempotency::{Claim, IdempotencyKey, KEY_LIFETIME_HOURS};
use social_accounts_domain::repository::IdempotencyRepository;
use social_accounts_domain::{RepoError, ScheduledPostId, Timestamp, WorkspaceId};

use crate::errors::from_diesel;
use crate::models::stored_id;
use crate::schema::idempotency_keys as keys;
use crate::{DbConnection, Store};

/// What a claimed key holds: the hash of the body that claimed it, the post it created (once
/// created) and the answer (once stored).
#[derive(Queryable, Selectable)]
#[diesel(table_name = keys)]
struct StoredClaim {
    request_hash: Vec<u8>,
    post_id: Option<String>,
    response_status: Option<i32>,
    response_body: Option<String>,
}

impl IdempotencyRepository for Store {
    fn claim(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        hash: &[u8; 32],
        now: Timestamp,
    ) -> Result<Claim, RepoError> {
        let (workspace, key) = (workspace.as_str(), key.as_str());
        let expired = now.as_utc() - TimeDelta::hours(KEY_LIFETIME_HOURS);
        self.write(|conn| {
            diesel::delete(
                keys::table.filter(
                    keys::workspace_id
                        .eq(workspace)
                        .and(keys::idempotency_key.eq(key))
                        .and(keys::created_at.lt(expired.naive_utc())),
                ),
            )
            .execute(conn)
            .map_err(from_diesel)?;
            let existing: Option<StoredClaim> = keys::table
                .filter(
                    keys::workspace_id
                        .eq(workspace)
                        .and(keys::idempotency_key.eq(key)),
                )
                .select(StoredClaim::as_select())
                .first(conn)
                .optional()
                .map_err(from_diesel)?;
            let Some(StoredClaim {
                request_hash: stored_hash,
                post_id,
                response_status: status,
                response_body: body,
            }) = existing
            else {
                return Ok(if insert_claim(conn, workspace, key, hash, now)? {
                    Claim::New
                } else {
                    Claim::InProgress
                });
            };
            Ok(if stored_hash != hash.as_slice() {
                Claim::Mismatch
            } else if let (Some(status), Some(body)) = (status, body) {
                Claim::Replay {
                    status: u16::try_from(status).unwrap_or(500),
                    body,
                }
            } else if let Some(post) = post_id {
                Claim::Created(stored_id(post, ScheduledPostId::try_from)?)
            } else {
                Claim::InProgress
            })
        })
    }

    fn complete(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        status: u16,
        body: &str,
    ) -> Result<(), RepoError> {
        self.write(|conn| {
            diesel::update(scoped(workspace, key))
                .set((
                    keys::response_status.eq(Some(i32::from(status))),
                    keys::response_body.eq(Some(body)),
                ))
                .execute(conn)
                .map_err(from_diesel)
        })?;
        Ok(())
    }

    fn release(&self, workspace: &WorkspaceId, key: &IdempotencyKey) -> Result<(), RepoError> {
        self.write(|conn| {
            diesel::delete(scoped(workspace, key))
                .execute(conn)
                .map_err(from_diesel)
        })?;
        Ok(())
    }
}

/// One workspace's one key.
type Scoped<'a> = diesel::dsl::Filter<
    keys::table,
    diesel::dsl::And<
        diesel::dsl::Eq<keys::workspace_id, &'a str>,
        diesel::dsl::Eq<keys::idempotency_key, &'a str>,
    >,
>;

fn scoped<'a>(workspace: &'a WorkspaceId, key: &'a IdempotencyKey) -> Scoped<'a> {
    keys::table.filter(
        keys::workspace_id
            .eq(workspace.as_str())
            .and(keys::idempotency_key.eq(key.as_str())),
    )
}

/// A new claim; false when a concurrent request claimed the key first. Two requests can both
/// find no row (on PostgreSQL; SQLite's writers take turns): `ON CONFLICT DO NOTHING` lets
/// one insert, and the other waits for it and inserts nothing, without failing its
/// transaction.
fn insert_claim(
    conn: &mut DbConnection,
    workspace: &str,
    key: &str,
    hash: &[u8; 32],
    now: Timestamp,
) -> Result<bool, RepoError> {
    let insert = diesel::insert_into(keys::table)
        .values((
            keys::workspace_id.eq(workspace),
            keys::idempotency_key.eq(key),
            keys::request_hash.eq(hash.as_slice()),
            keys::created_at.eq(now.naive_utc()),
        ))
        .on_conflict_do_nothing();
    // The multi-connection cannot say ON CONFLICT; both backends can.
    let inserted = match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
    .map_err(from_diesel)?;
    Ok(inserted > 0)
}

/// Inside the create's transaction: the claim now names the post.
pub(crate) fn record_post(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    key: &IdempotencyKey,
    post: &ScheduledPostId,
) -> Result<(), RepoError> {
    diesel::update(scoped(workspace, key))
        .set(keys::post_id.eq(Some(post.as_str())))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(())
}
