//! Idempotency keys of the operator API's creates, with the semantics `POST /schedule` has
//! (the same key and body within the key lifetime answer the first response again; another
//! body is refused; one still running is in progress), scoped by the caller's organization or
//! the instance. Answers are kept sealed with the token key: an API key's or a webhook's
//! answer carries a secret shown once, and a retry must see it again, so it is stored as
//! OAuth tokens are, and forgotten with the key. A claim left without an answer for
//! [`ABANDONED_AFTER_SECS`] (its instance died between the create and storing the answer) is
//! taken over by the next request with the key, which runs again: a connect then reconnects,
//! a create naming its id meets a 409, one minting its id makes another.

use chrono::TimeDelta;
use diesel::prelude::*;
use social_accounts_domain::idempotency::{Claim, IdempotencyKey, KEY_LIFETIME_HOURS};
use social_accounts_domain::{RepoError, Timestamp};

use crate::errors::from_diesel;
use crate::schema::operator_idempotency_keys as keys;
use crate::{DbConnection, Store};

/// How long a claim without an answer is taken for a request still running. No request
/// runs that long: every database wait is bounded by seconds.
pub const ABANDONED_AFTER_SECS: i64 = 300;

#[derive(Queryable, Selectable)]
#[diesel(table_name = keys)]
struct StoredAnswer {
    created_at: chrono::NaiveDateTime,
    request_hash: Vec<u8>,
    response_status: Option<i32>,
    response_sealed: Option<Vec<u8>>,
}

impl Store {
    /// Claims `key` in `scope` for a request whose body hashes to `hash` (forgetting a claim
    /// older than the key lifetime), in one transaction: of concurrent claims exactly one is
    /// `New`. Never `Created`: an answer is stored in its own step.
    pub fn claim_answer(
        &self,
        scope: &str,
        key: &IdempotencyKey,
        hash: &[u8; 32],
        now: Timestamp,
    ) -> Result<Claim, RepoError> {
        let cipher = self.cipher()?;
        let expired = now.as_utc() - TimeDelta::hours(KEY_LIFETIME_HOURS);
        let one = keys::table.filter(
            keys::scope
                .eq(scope)
                .and(keys::idempotency_key.eq(key.as_str())),
        );
        self.write(|conn| {
            diesel::delete(one.filter(keys::created_at.lt(expired.naive_utc())))
                .execute(conn)
                .map_err(from_diesel)?;
            let stored: Option<StoredAnswer> = one
                .select(StoredAnswer::as_select())
                .first(conn)
                .optional()
                .map_err(from_diesel)?;
            let Some(stored) = stored else {
                return Ok(if insert_claim(conn, scope, key, hash, now)? {
                    Claim::New
                } else {
                    Claim::InProgress
                });
            };
            if stored.request_hash != hash.as_slice() {
                return Ok(Claim::Mismatch);
            }
            let (Some(status), Some(sealed)) = (stored.response_status, stored.response_sealed)
            else {
                let abandoned = now.as_utc() - TimeDelta::seconds(ABANDONED_AFTER_SECS);
                if stored.created_at >= abandoned.naive_utc() {
                    return Ok(Claim::InProgress);
                }
                // Of concurrent takeovers, the one that moves `created_at` first runs.
                let taken = diesel::update(one.filter(keys::created_at.eq(stored.created_at)))
                    .set(keys::created_at.eq(now.naive_utc()))
                    .execute(conn)
                    .map_err(from_diesel)?;
                return Ok(if taken == 1 {
                    Claim::New
                } else {
                    Claim::InProgress
                });
            };
            let body = cipher.open(&sealed).map_err(|_| {
                RepoError::internal("a stored answer does not open with the token key")
            })?;
            Ok(Claim::Replay {
                status: u16::try_from(status).unwrap_or(500),
                body,
            })
        })
    }

    /// Stores the answer of the request that claimed `key`, sealed.
    pub fn store_answer(
        &self,
        scope: &str,
        key: &IdempotencyKey,
        status: u16,
        body: &str,
    ) -> Result<(), RepoError> {
        let sealed = self.cipher()?.seal(body);
        self.write(|conn| {
            diesel::update(keys::table.find((scope, key.as_str())))
                .set((
                    keys::response_status.eq(Some(i32::from(status))),
                    keys::response_sealed.eq(Some(sealed)),
                ))
                .execute(conn)
                .map_err(from_diesel)
        })?;
        Ok(())
    }

    /// Forgets a claim whose request produced no answer worth repeating (a server error).
    pub fn release_answer(&self, scope: &str, key: &IdempotencyKey) -> Result<(), RepoError> {
        self.write(|conn| {
            diesel::delete(keys::table.find((scope, key.as_str())))
                .execute(conn)
                .map_err(from_diesel)
        })?;
        Ok(())
    }
}

/// A new claim; false when a concurrent request claimed the key first (`ON CONFLICT DO
/// NOTHING`: the loser waits for the winner's insert and inserts nothing, its transaction
/// intact).
fn insert_claim(
    conn: &mut DbConnection,
    scope: &str,
    key: &IdempotencyKey,
    hash: &[u8; 32],
    now: Timestamp,
) -> Result<bool, RepoError> {
    let insert = diesel::insert_into(keys::table)
        .values((
            keys::scope.eq(scope),
            keys::idempotency_key.eq(key.as_str()),
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
