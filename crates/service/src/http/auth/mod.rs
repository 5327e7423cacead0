//! Authentication: the key from `embed-api-key` (or `authorization`, raw or `Bearer`), its
//! record, and the contract's checks, before anything else happens.

use actix_web::HttpRequest;
use social_accounts_domain::repository::KeyRepository;
use social_accounts_domain::{ApiKeySecret, AuthFailure, Caller, KeyRejection, Timestamp};

use super::blocking::blocking;
use super::error::Failure;
use super::key_header::presented_key;
use super::state::AppState;

/// `last_used_at` is written at most this often per key, so reads stay reads.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// Authenticates a request: who is calling and which workspace it sees.
pub async fn authenticate(req: &HttpRequest, state: &AppState) -> Result<Caller, Failure> {
    let raw = presented_key(req.headers()).ok_or(AuthFailure::MissingKey)?;
    let key = ApiKeySecret::parse(&raw).map_err(|rejection| match rejection {
        KeyRejection::Missing => AuthFailure::MissingKey,
        KeyRejection::Malformed => AuthFailure::UnknownKey,
    })?;
    let hash = key.hash();
    if let Some(outcome) = state.key_cache.get(&hash, state.clock.now()) {
        return Ok(outcome?);
    }
    let store = state.store.clone();
    let record = blocking(move || {
        let record = store.find_key(&hash, Timestamp::now())?;
        if let Some(record) = &record {
            let now = Timestamp::now();
            if record.needs_touch(now, TOUCH_INTERVAL_SECS)
                && let Err(error) = store.record_key_use(&record.key_id, now)
            {
                // Losing a last-used stamp must not fail the request.
                tracing::warn!(key_id = %record.key_id, %error, "auth.touch_failed");
            }
        }
        Ok(record)
    })
    .await?;
    let outcome = record.ok_or(AuthFailure::UnknownKey)?.authorize();
    state
        .key_cache
        .put(hash, outcome.clone(), state.clock.now());
    Ok(outcome?)
}
