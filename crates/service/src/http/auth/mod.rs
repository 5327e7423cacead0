//! Authentication: the key a request presents, resolved once to the principal it speaks for,
//! through the one key lookup and cache every kind of key shares; the [`Caller`] argument of
//! the Embed API's handlers (the operator's and publisher's are in their modules).

pub mod key_cache;
pub mod key_header;

use actix_web::HttpRequest;
use actix_web::dev::Payload;
use social_accounts_domain::repository::KeyRepository;
use social_accounts_domain::{
    Api, ApiKeySecret, AuthFailure, Caller, KeyRejection, Principal, WrongKind,
};

use super::blocking::blocking;
use super::error::Failure;
use super::extract::{Extract, state};
use super::state::AppState;
use key_header::presented_key;

/// `last_used_at` is written at most this often per key, so reads stay reads.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// Who the request's key speaks for: from the key cache, or from one lookup of the key with
/// its workspace and organization plan, after which the contract's checks apply. Unknown,
/// malformed, revoked and expired keys are one failure, indistinguishable.
pub async fn principal<E>(presented: Option<String>, state: &AppState) -> Result<Principal, E>
where
    E: From<AuthFailure> + From<social_accounts_domain::RepoError>,
{
    let raw = presented.ok_or(AuthFailure::MissingKey)?;
    let key = ApiKeySecret::parse(&raw).map_err(|rejection| match rejection {
        KeyRejection::Missing => AuthFailure::MissingKey,
        KeyRejection::Malformed => AuthFailure::UnknownKey,
    })?;
    let hash = key.hash();
    if let Some(outcome) = state.key_cache.get(&hash, state.clock.instant()) {
        return Ok(outcome?);
    }
    let (store, now) = (state.store.clone(), state.clock.now());
    let record = blocking(move || {
        let record = store.find_key(&hash, now)?;
        if let Some(record) = &record
            && record.needs_touch(now, TOUCH_INTERVAL_SECS)
            && let Err(error) = store.record_key_use(&record.key_id, now)
        {
            // Losing a last-used stamp must not fail the request.
            tracing::warn!(key_id = %record.key_id, %error, "auth.touch_failed");
        }
        Ok(record)
    })
    .await?;
    let outcome = record
        .ok_or(AuthFailure::UnknownKey)?
        .authorize(state.platforms);
    state
        .key_cache
        .put(hash, outcome.clone(), state.clock.instant());
    Ok(outcome?)
}

/// The Embed API's caller. A key of any other kind is answered as an unknown key, so the
/// contract's answers stay exactly as they are.
impl Extract<Failure> for Caller {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Failure> {
        let presented = presented_key(req.headers());
        match principal::<Failure>(presented, state::<Failure>(req)?).await? {
            Principal::Embed(caller) => Ok(caller),
            other => Err(refused_as(other.kind().refused_by(Api::Embed)).into()),
        }
    }
}

/// The failure a key of the wrong kind gets on the Embed API: exactly an unknown key's.
fn refused_as(wrong: Option<WrongKind>) -> AuthFailure {
    match wrong {
        Some(WrongKind::AsUnknown | WrongKind::Forbidden) | None => AuthFailure::UnknownKey,
    }
}
