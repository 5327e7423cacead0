//! Re-encrypting every stored token under a new key, in one transaction: the accounts' OAuth
//! tokens, the operator API's kept answers (sealed because a created key's answer holds
//! the key) and webhook endpoints' signing secrets.

use diesel::prelude::*;
use social_accounts_domain::{Actor, AuditAction, NewAuditEvent, RepoError, Target, Timestamp};

use crate::errors::from_diesel;
use crate::schema::{
    operator_idempotency_keys as answers, social_accounts, webhook_endpoints as endpoints,
};
use crate::{Store, TokenCipher, audit};

/// Why a rotation stopped (nothing was changed).
#[derive(Debug, thiserror::Error)]
pub enum RotateError {
    /// A stored token does not open with the current key.
    #[error(
        "the token of social account {0:?} cannot be decrypted with the current key; nothing was changed"
    )]
    WrongKey(String),
    /// A kept answer of the operator API does not open with the current key.
    #[error(
        "the kept answer of idempotency key {0:?} cannot be decrypted with the current key; nothing was changed"
    )]
    AnswerWrongKey(String),
    /// A webhook endpoint's secret does not open with the current key.
    #[error(
        "the secret of webhook endpoint {0:?} cannot be decrypted with the current key; nothing was changed"
    )]
    SecretWrongKey(String),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] RepoError),
}

/// An account's sealed tokens.
#[derive(Queryable, Selectable)]
#[diesel(table_name = social_accounts)]
struct SealedTokens {
    id: String,
    access_token_ciphertext: Vec<u8>,
    refresh_token_ciphertext: Option<Vec<u8>>,
}

/// A kept answer of the operator API.
#[derive(Queryable, Selectable)]
#[diesel(table_name = answers)]
struct SealedAnswer {
    scope: String,
    idempotency_key: String,
    response_sealed: Option<Vec<u8>>,
}

/// Re-seals every kept answer; how many there were.
fn reseal_answers(
    conn: &mut crate::DbConnection,
    current: &TokenCipher,
    next: &TokenCipher,
) -> Result<u64, RotateError> {
    let rows: Vec<SealedAnswer> = answers::table
        .filter(answers::response_sealed.is_not_null())
        .select(SealedAnswer::as_select())
        .load(conn)
        .map_err(from_diesel)?;
    for row in &rows {
        let Some(sealed) = &row.response_sealed else {
            continue;
        };
        let plain = current
            .open(sealed)
            .map_err(|_| RotateError::AnswerWrongKey(row.idempotency_key.clone()))?;
        diesel::update(answers::table.find((&row.scope, &row.idempotency_key)))
            .set(answers::response_sealed.eq(Some(next.seal(&plain))))
            .execute(conn)
            .map_err(from_diesel)?;
    }
    Ok(u64::try_from(rows.len()).unwrap_or(u64::MAX))
}

/// Re-seals every webhook endpoint's secrets; how many endpoints there were.
fn reseal_webhook_secrets(
    conn: &mut crate::DbConnection,
    current: &TokenCipher,
    next: &TokenCipher,
) -> Result<u64, RotateError> {
    let rows: Vec<(String, Vec<u8>, Option<Vec<u8>>)> = endpoints::table
        .select((
            endpoints::id,
            endpoints::secret_sealed,
            endpoints::previous_secret_sealed,
        ))
        .load(conn)
        .map_err(from_diesel)?;
    for (id, secret, previous) in &rows {
        let reseal = |sealed: &[u8]| {
            current
                .open(sealed)
                .map(|plain| next.seal(&plain))
                .map_err(|_| RotateError::SecretWrongKey(id.clone()))
        };
        let secret = reseal(secret)?;
        let previous = previous.as_deref().map(reseal).transpose()?;
        diesel::update(endpoints::table.find(id))
            .set((
                endpoints::secret_sealed.eq(secret),
                endpoints::previous_secret_sealed.eq(previous),
            ))
            .execute(conn)
            .map_err(from_diesel)?;
    }
    Ok(u64::try_from(rows.len()).unwrap_or(u64::MAX))
}

impl Store {
    /// Decrypts every access and refresh token (and every kept answer) with `current` and
    /// encrypts it with `next`, all in one write transaction; returns how many accounts were
    /// re-encrypted.
    /// The rotation is one instance-wide `tokens.rotated` audit event (by `actor`), written
    /// in the same transaction.
    pub fn rotate_token_key(
        &self,
        current: &TokenCipher,
        next: &TokenCipher,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<usize, RotateError> {
        let reseal = |id: &str, sealed: &[u8]| -> Result<Vec<u8>, RotateError> {
            let plain = current
                .open(sealed)
                .map_err(|_| RotateError::WrongKey(id.to_owned()))?;
            Ok(next.seal(&plain))
        };
        // Any error, a wrong key included, rolls the whole transaction back.
        self.write(|conn| {
            let rows: Vec<SealedTokens> = social_accounts::table
                .select(SealedTokens::as_select())
                .load(conn)
                .map_err(from_diesel)?;
            for row in &rows {
                let id = row.id.as_str();
                let access = reseal(id, &row.access_token_ciphertext)?;
                let refresh = row
                    .refresh_token_ciphertext
                    .as_deref()
                    .map(|r| reseal(id, r))
                    .transpose()?;
                diesel::update(social_accounts::table.find(id))
                    .set((
                        social_accounts::access_token_ciphertext.eq(access),
                        social_accounts::refresh_token_ciphertext.eq(refresh),
                    ))
                    .execute(conn)
                    .map_err(from_diesel)?;
            }
            let count = u64::try_from(rows.len()).unwrap_or(u64::MAX);
            let kept = reseal_answers(conn, current, next)?;
            let secrets = reseal_webhook_secrets(conn, current, next)?;
            let event = NewAuditEvent {
                organization_id: None,
                workspace_id: None,
                actor: actor.clone(),
                action: AuditAction::TokensRotated,
                target: Target {
                    kind: "token_key",
                    id: "token_key".to_owned(),
                },
                details: vec![
                    ("socialAccounts".to_owned(), count),
                    ("idempotencyAnswers".to_owned(), kept),
                    ("webhookEndpoints".to_owned(), secrets),
                ],
            };
            audit::record(conn, &event, now)?;
            Ok(rows.len())
        })
    }
}
