//! Authentication: the key from `embed-api-key` (or `authorization`, raw or `Bearer`), its
//! record, and the contract's checks, before anything else happens.

mod cache;

pub use cache::KeyCache;

use std::time::Instant;

use actix_web::HttpRequest;
use actix_web::http::header::{AUTHORIZATION, HeaderMap};
use social_accounts_domain::repository::KeyRepository;
use social_accounts_domain::{ApiKeySecret, AuthFailure, Caller, KeyRejection, Timestamp};

use crate::error::Failure;
use crate::state::{AppState, blocking};

/// `last_used_at` is written at most this often per key, so reads stay reads.
const TOUCH_INTERVAL_SECS: i64 = 60;

const EMBED_KEY_HEADER: &str = "embed-api-key";

/// The key text a request carries, if any: `embed-api-key` first, then `authorization`.
/// A header that is not visible ASCII is passed on as is, to be refused as malformed.
pub(crate) fn presented_key(headers: &HeaderMap) -> Option<String> {
    let value = |name| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    value(EMBED_KEY_HEADER).or_else(|| {
        value(AUTHORIZATION.as_str()).and_then(|raw| match raw.split_once(' ') {
            Some((scheme, key)) if scheme.eq_ignore_ascii_case("bearer") => {
                Some(key.trim().to_owned())
            }
            // "Bearer" with nothing after it is an empty key.
            _ if raw.eq_ignore_ascii_case("bearer") => None,
            _ => Some(raw),
        })
    })
}

/// Authenticates a request: who is calling and which workspace it sees.
pub async fn authenticate(req: &HttpRequest, state: &AppState) -> Result<Caller, Failure> {
    let raw = presented_key(req.headers()).ok_or(AuthFailure::MissingKey)?;
    let key = ApiKeySecret::parse(&raw).map_err(|rejection| match rejection {
        KeyRejection::Missing => AuthFailure::MissingKey,
        KeyRejection::Malformed => AuthFailure::UnknownKey,
    })?;
    let hash = key.hash();
    if let Some(outcome) = state.key_cache.get(&hash, Instant::now()) {
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
    state.key_cache.put(hash, outcome.clone(), Instant::now());
    Ok(outcome?)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    #[test]
    fn header_precedence_and_bearer() {
        assert_eq!(presented_key(&headers(&[])), None);
        assert_eq!(presented_key(&headers(&[("embed-api-key", "  ")])), None);
        assert_eq!(
            presented_key(&headers(&[
                ("embed-api-key", "k1"),
                ("authorization", "k2")
            ]))
            .as_deref(),
            Some("k1")
        );
        assert_eq!(
            presented_key(&headers(&[("embed-api-key", ""), ("authorization", "k2")])).as_deref(),
            Some("k2")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer k3")])).as_deref(),
            Some("k3")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "bearer   k3 ")])).as_deref(),
            Some("k3")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer")])),
            None
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer  ")])),
            None
        );
    }
}
