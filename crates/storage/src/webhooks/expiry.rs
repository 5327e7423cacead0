//! The token expiry sweep: `social_account.token_expiring` once per account and expiry,
//! `social_account.reauth_required` once per change of state. Each account's notices row remembers
//! what was sent (`account_notices`), and the event is written in the
//! transaction that writes that memory, so any number of instances may sweep at once.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use serde_json::{Map, Value};
use social_accounts_domain::repository::ExpirySweep;
use social_accounts_domain::webhooks::EventType;
use social_accounts_domain::{AccessTokenStatus, RepoError, Timestamp};

use super::outbox::{self, Owner};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::schema::{account_notices as notices, social_accounts as accounts};

/// Accounts taken per run and kind: the rest wait for the next run.
const BATCH: i64 = 500;

type Candidate = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<NaiveDateTime>,
);

fn columns() -> (
    accounts::id,
    accounts::organization_id,
    accounts::workspace_id,
    accounts::platform_type,
    accounts::account_name,
    accounts::access_token_status,
    accounts::token_expires_at,
) {
    (
        accounts::id,
        accounts::organization_id,
        accounts::workspace_id,
        accounts::platform_type,
        accounts::account_name,
        accounts::access_token_status,
        accounts::token_expires_at,
    )
}

/// One run; see the module docs.
pub(super) fn sweep(
    conn: &mut DbConnection,
    warning: Duration,
    now: Timestamp,
) -> Result<ExpirySweep, RepoError> {
    let at = now.naive_utc();
    let horizon = now.plus(warning).naive_utc();
    let active = AccessTokenStatus::Active.as_str();
    // An account that can publish again has its next reauth_required to come.
    diesel::update(
        notices::table
            .filter(notices::reauth_notified.is_not_null())
            .filter(
                notices::social_account_id.eq_any(
                    accounts::table
                        .filter(accounts::access_token_status.eq(active))
                        .filter(
                            accounts::token_expires_at
                                .is_null()
                                .or(accounts::token_expires_at.gt(at)),
                        )
                        .select(accounts::id),
                ),
            ),
    )
    .set(notices::reauth_notified.eq(None::<String>))
    .execute(conn)
    .map_err(from_diesel)?;

    let warned = notices::table
        .filter(notices::social_account_id.eq(accounts::id))
        .filter(notices::expiry_warned_for.eq(accounts::token_expires_at));
    let expiring = accounts::table
        .filter(accounts::access_token_status.eq(active))
        .filter(accounts::token_expires_at.gt(at))
        .filter(accounts::token_expires_at.le(horizon))
        .filter(not(exists(warned)))
        .limit(BATCH)
        .select(columns());
    let found: Vec<Candidate> = match conn {
        DbConnection::Postgres(pg) => expiring.for_update().skip_locked().load(pg),
        DbConnection::Sqlite(lite) => expiring.load(lite),
    }
    .map_err(from_diesel)?;
    let mut sweep = ExpirySweep::default();
    for candidate in found {
        remember(conn, &candidate.0)?;
        diesel::update(notices::table.find(&candidate.0))
            .set(notices::expiry_warned_for.eq(candidate.6))
            .execute(conn)
            .map_err(from_diesel)?;
        let mut data = account_data(&candidate);
        let expires = candidate.6.map(Timestamp::from_naive_utc);
        data.insert(
            "tokenExpiresAt".into(),
            expires.map_or(Value::Null, |t| t.to_string().into()),
        );
        let owner = Owner::Organization(&candidate.1);
        outbox::emit(
            conn,
            owner,
            EventType::SocialAccountTokenExpiring,
            now,
            &data,
        )?;
        sweep.expiring += 1;
    }

    let notified = notices::table
        .filter(notices::social_account_id.eq(accounts::id))
        .filter(notices::reauth_notified.is_not_null());
    let lapsed = accounts::table
        .filter(
            accounts::access_token_status
                .ne(active)
                .or(accounts::token_expires_at.le(at)),
        )
        .filter(not(exists(notified)))
        .limit(BATCH)
        .select(columns());
    let found: Vec<Candidate> = match conn {
        DbConnection::Postgres(pg) => lapsed.for_update().skip_locked().load(pg),
        DbConnection::Sqlite(lite) => lapsed.load(lite),
    }
    .map_err(from_diesel)?;
    for candidate in found {
        let reason = if candidate.5 == AccessTokenStatus::Revoked.as_str() {
            "revoked"
        } else {
            "token_expired"
        };
        if notify_reauth(conn, &candidate.0, reason)? {
            let mut data = account_data(&candidate);
            data.insert("reason".into(), reason.into());
            let owner = Owner::Organization(&candidate.1);
            outbox::emit(
                conn,
                owner,
                EventType::SocialAccountReauthRequired,
                now,
                &data,
            )?;
            sweep.reauth_required += 1;
        }
    }
    Ok(sweep)
}

/// Makes sure `account` has its notices row.
fn remember(conn: &mut DbConnection, account: &str) -> Result<(), RepoError> {
    let row = notices::social_account_id.eq(account);
    match conn {
        DbConnection::Postgres(pg) => diesel::insert_into(notices::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg),
        DbConnection::Sqlite(lite) => diesel::insert_or_ignore_into(notices::table)
            .values(row)
            .execute(lite),
    }
    .map_err(from_diesel)?;
    Ok(())
}

/// Notes `reason` as sent for `account` unless one was already; whether this call noted it
/// (and so must emit the event). Concurrent callers: one row, one winner.
pub(crate) fn notify_reauth(
    conn: &mut DbConnection,
    account: &str,
    reason: &str,
) -> Result<bool, RepoError> {
    remember(conn, account)?;
    let noted = diesel::update(
        notices::table
            .find(account)
            .filter(notices::reauth_notified.is_null()),
    )
    .set(notices::reauth_notified.eq(reason))
    .execute(conn)
    .map_err(from_diesel)?;
    Ok(noted == 1)
}

fn account_data(candidate: &Candidate) -> Map<String, Value> {
    outbox::data([
        ("id", candidate.0.as_str().into()),
        ("workspaceId", candidate.2.as_str().into()),
        ("platform", candidate.3.as_str().into()),
        ("accountName", candidate.4.as_str().into()),
    ])
}
