//! `POST /claims`: due links taken in one transaction, each under a lease of its own, handed
//! out with their post and their account's tokens opened.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp as SqlTimestamp};
use social_accounts_domain::publish::{
    Claim, ClaimRequest, ClaimedAccount, ClaimedPost, Policy, PreviousAttempt, PreviousOutcome,
};
use social_accounts_domain::repository::Claimed;
use social_accounts_domain::schedule::ScheduledPost;
use social_accounts_domain::{
    ClaimId, Platforms, Reach, RepoError, SocialAccountId, Timestamp, TokenSecret, WorkspaceId,
};

use super::due;
use crate::errors::{corrupt, from_diesel};
use crate::models::{account_type, platform, stored_id};
use crate::schema::social_accounts as accounts;
use crate::{DbConnection, TokenCipher, posts};

/// A due link as the claim's selection returns it.
#[derive(QueryableByName)]
struct DueRow {
    #[diesel(sql_type = Text)]
    scheduled_post_id: String,
    #[diesel(sql_type = Text)]
    social_account_id: String,
    #[diesel(sql_type = Text)]
    workspace_id: String,
    #[diesel(sql_type = Integer)]
    attempts: i32,
    #[diesel(sql_type = Nullable<SqlTimestamp>)]
    lease_expires_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Text>)]
    previous_outcome: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    error_message: Option<String>,
}

/// An account's fields a claim hands out.
#[derive(Queryable)]
struct AccountRow {
    id: String,
    platform_type: String,
    account_type: String,
    account_handle: String,
    external_id: Option<String>,
    access_token_ciphertext: Vec<u8>,
    refresh_token_ciphertext: Option<Vec<u8>>,
    token_expires_at: Option<NaiveDateTime>,
}

/// Takes the due links; runs inside the caller's write transaction.
pub(super) fn claim(
    conn: &mut DbConnection,
    cipher: &TokenCipher,
    reach: &Reach,
    request: &ClaimRequest,
    served: &Platforms,
    policy: Policy,
    now: Timestamp,
) -> Result<Claimed, RepoError> {
    let platforms = due::chosen(served, request.platforms.as_deref());
    if platforms.is_empty() {
        return Ok(Claimed {
            claims: Vec::new(),
            expired: 0,
        });
    }
    let rows = select_due(conn, &platforms, reach, request.limit, policy, now)?;
    let lease_expires_at = now.plus(std::time::Duration::from_secs(u64::from(
        request.lease_seconds,
    )));
    let lease_seconds = i32::try_from(request.lease_seconds).unwrap_or(i32::MAX);
    let mut taken = Vec::with_capacity(rows.len());
    let mut expired = 0;
    for row in rows {
        let was_expired = row.lease_expires_at.is_some();
        expired += u64::from(was_expired);
        let previous = previous_attempt(&row, was_expired)?;
        taken.push((row, ClaimId::mint(), previous));
    }
    lease(conn, &taken, lease_expires_at, lease_seconds)?;
    let claims = hand_out(conn, cipher, taken, lease_expires_at)?;
    Ok(Claimed { claims, expired })
}

/// Puts every taken link under its claim's lease, in one statement (a link's row each would
/// cost a round trip each on PostgreSQL: a claim of 50 spent most of its time there).
fn lease(
    conn: &mut DbConnection,
    taken: &[(DueRow, ClaimId, Option<PreviousAttempt>)],
    expires: Timestamp,
    seconds: i32,
) -> Result<(), RepoError> {
    if taken.is_empty() {
        return Ok(());
    }
    // `VALUES` columns are `column1…` on both backends; parameters `$n` in order of first use.
    let values: Vec<String> = (0..taken.len())
        .map(|i| {
            let n = 3 + 4 * i;
            format!("(${n}, ${}, ${}, ${})", n + 1, n + 2, n + 3)
        })
        .collect();
    let text = format!(
        "UPDATE scheduled_post_accounts SET claim_id = v.column3, lease_expires_at = $1, \
         lease_seconds = $2, attempts = attempts + 1, next_attempt_at = NULL, \
         claim_report = NULL, previous_outcome = v.column4 \
         FROM (VALUES {}) AS v \
         WHERE scheduled_post_id = v.column1 AND social_account_id = v.column2",
        values.join(", ")
    );
    macro_rules! run {
        ($c:expr, $backend:ty) => {{
            let mut query = diesel::sql_query(text)
                .into_boxed::<$backend>()
                .bind::<SqlTimestamp, _>(expires.naive_utc())
                .bind::<Integer, _>(seconds);
            for (row, claim, previous) in taken {
                query = query
                    .bind::<Text, _>(row.scheduled_post_id.clone())
                    .bind::<Text, _>(row.social_account_id.clone())
                    .bind::<Text, _>(claim.as_str().to_owned())
                    .bind::<Nullable<Text>, _>(previous.as_ref().map(|p| p.outcome.as_str()));
            }
            query.execute($c)
        }};
    }
    let updated = match conn {
        DbConnection::Postgres(pg) => run!(pg, diesel::pg::Pg),
        DbConnection::Sqlite(sqlite) => run!(sqlite, diesel::sqlite::Sqlite),
    }
    .map_err(from_diesel)?;
    if updated == taken.len() {
        Ok(())
    } else {
        Err(RepoError::internal(format!(
            "a claim leased {updated} of the {} links it selected",
            taken.len()
        )))
    }
}

/// The selection, locked on PostgreSQL.
fn select_due(
    conn: &mut DbConnection,
    platforms: &[social_accounts_domain::Platform],
    reach: &Reach,
    limit: u32,
    policy: Policy,
    now: Timestamp,
) -> Result<Vec<DueRow>, RepoError> {
    let organization = reach.organization().map(|org| org.as_str().to_owned());
    let max_attempts = i32::try_from(policy.max_attempts).unwrap_or(i32::MAX);
    let limit = i64::from(limit);
    let postgres = matches!(conn, DbConnection::Postgres(_));
    let text = due::claim_query(platforms, postgres);
    macro_rules! load {
        ($c:expr) => {
            diesel::sql_query(text)
                .bind::<SqlTimestamp, _>(now.naive_utc())
                .bind::<Integer, _>(max_attempts)
                .bind::<Nullable<Text>, _>(organization)
                .bind::<BigInt, _>(limit)
                .load::<DueRow>($c)
        };
    }
    match conn {
        DbConnection::Postgres(pg) => load!(pg),
        DbConnection::Sqlite(sqlite) => load!(sqlite),
    }
    .map_err(from_diesel)
}

/// What the claim tells of the previous attempt: an expired lease it takes over, else what
/// the link recorded.
fn previous_attempt(row: &DueRow, was_expired: bool) -> Result<Option<PreviousAttempt>, RepoError> {
    if was_expired {
        return Ok(Some(PreviousAttempt {
            outcome: PreviousOutcome::LeaseExpired,
            error_message: None,
        }));
    }
    let Some(raw) = row.previous_outcome.as_deref() else {
        return Ok(None);
    };
    let outcome = PreviousOutcome::parse(raw).ok_or_else(|| corrupt("previous outcome", raw))?;
    Ok(Some(PreviousAttempt {
        outcome,
        error_message: match outcome {
            PreviousOutcome::Failed => row.error_message.clone(),
            PreviousOutcome::LeaseExpired => None,
        },
    }))
}

/// The claims with their posts and accounts, in the selection's order.
fn hand_out(
    conn: &mut DbConnection,
    cipher: &TokenCipher,
    taken: Vec<(DueRow, ClaimId, Option<PreviousAttempt>)>,
    lease_expires_at: Timestamp,
) -> Result<Vec<Claim>, RepoError> {
    if taken.is_empty() {
        return Ok(Vec::new());
    }
    let mut post_ids: Vec<&str> = taken
        .iter()
        .map(|t| t.0.scheduled_post_id.as_str())
        .collect();
    post_ids.sort_unstable();
    post_ids.dedup();
    let posts: HashMap<String, ScheduledPost> = posts::posts_by_ids(conn, &post_ids)?
        .into_iter()
        .map(|post| (post.id.as_str().to_owned(), post))
        .collect();
    let mut account_ids: Vec<&str> = taken
        .iter()
        .map(|t| t.0.social_account_id.as_str())
        .collect();
    account_ids.sort_unstable();
    account_ids.dedup();
    let accounts: HashMap<String, ClaimedAccount> = accounts::table
        .filter(accounts::id.eq_any(&account_ids))
        .select((
            accounts::id,
            accounts::platform_type,
            accounts::account_type,
            accounts::account_handle,
            accounts::external_id,
            accounts::access_token_ciphertext,
            accounts::refresh_token_ciphertext,
            accounts::token_expires_at,
        ))
        .load::<AccountRow>(conn)
        .map_err(from_diesel)?
        .into_iter()
        .map(|row| Ok((row.id.clone(), opened(row, cipher)?)))
        .collect::<Result<_, RepoError>>()?;
    taken
        .into_iter()
        .map(|(row, claim_id, previous_attempt)| {
            let missing = || RepoError::internal("a claimed link's post or account vanished");
            let post = posts.get(&row.scheduled_post_id).ok_or_else(missing)?;
            let account = accounts.get(&row.social_account_id).ok_or_else(missing)?;
            let workspace = stored_id(row.workspace_id, WorkspaceId::try_from)?;
            Ok(Claim {
                claim_id,
                lease_expires_at,
                attempt: u32::try_from(row.attempts).unwrap_or(0) + 1,
                previous_attempt,
                post: ClaimedPost::of(post, workspace, account.platform),
                account: account.clone(),
            })
        })
        .collect()
}

/// An account with its tokens opened.
fn opened(row: AccountRow, cipher: &TokenCipher) -> Result<ClaimedAccount, RepoError> {
    let open = |sealed: &[u8]| {
        cipher.open(sealed).map(TokenSecret::new).map_err(|_| {
            RepoError::internal(
                "a token cannot be opened with TOKEN_ENCRYPTION_KEY (was the key changed \
                 without `tokens rotate-key`?)",
            )
        })
    };
    Ok(ClaimedAccount {
        platform: platform(&row.platform_type)?,
        account_type: account_type(&row.account_type)?,
        access_token: open(&row.access_token_ciphertext)?,
        refresh_token: row
            .refresh_token_ciphertext
            .as_deref()
            .map(open)
            .transpose()?,
        token_expires_at: row.token_expires_at.map(Timestamp::from_naive_utc),
        id: stored_id(row.id, SocialAccountId::try_from)?,
        handle: row.account_handle,
        external_id: row.external_id,
    })
}
