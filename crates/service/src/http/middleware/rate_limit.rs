//! Per-key rate limiting (GCRA, `governor`), before authentication so a flood costs nothing.
//!
//! Each API key (as presented: the map holds a keyed hash of it, never the key) may make
//! `RATE_LIMIT_PER_SECOND` requests per second with bursts of `RATE_LIMIT_BURST`; past that the
//! answer is 429 `{"success":false,"message":"Too many requests"}` with `Retry-After` and
//! `RateLimit-Limit`/`-Remaining`/`-Reset`. Requests without a key are not limited (they get
//! their 401 without any lookup). Which routes are limited is the route table's decision (it
//! wraps the API scopes); health, metrics and the OpenAPI document never are. The limit is per
//! instance. `RATE_LIMIT_PER_SECOND=0` turns it off.

use std::hash::{BuildHasher, RandomState};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{Error, web};
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::http::auth::key_header::presented_key;
use crate::http::problem::refusal;

/// Forget keys idle long enough to be full again, every this many checks.
const PRUNE_EVERY: u64 = 4096;

/// The limiter of one instance.
#[derive(Debug)]
pub struct KeyRateLimit {
    limiter: RateLimiter<u64, DefaultKeyedStateStore<u64>, DefaultClock>,
    hasher: RandomState,
    burst: u32,
    checks: AtomicU64,
}

impl KeyRateLimit {
    /// A limiter of `per_second` requests per key with bursts of `burst`; `None` when
    /// `per_second` is 0 (off).
    #[must_use]
    pub fn new(per_second: u32, burst: u32) -> Option<Self> {
        let rate = NonZeroU32::new(per_second)?;
        let burst = NonZeroU32::new(burst).unwrap_or(rate);
        Some(Self {
            limiter: RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst)),
            hasher: RandomState::new(),
            burst: burst.get(),
            checks: AtomicU64::new(0),
        })
    }

    /// `None` when the key may go on; otherwise the seconds to wait.
    fn check(&self, key: &str) -> Option<u64> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            self.limiter.retain_recent();
        }
        let refused = self.limiter.check_key(&self.hasher.hash_one(key)).err()?;
        let wait = refused.wait_time_from(self.limiter.clock().now());
        Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
    }
}

/// Middleware: 429 for a key over its rate.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let wait = req
        .app_data::<web::Data<KeyRateLimit>>()
        .zip(presented_key(req.headers()))
        .and_then(|(limit, key)| limit.check(&key).map(|wait| (wait, limit.burst)));
    if let Some((wait, burst)) = wait {
        let mut response = refusal(
            req.request(),
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
        );
        let headers = response.headers_mut();
        for (name, value) in [
            ("retry-after", wait.to_string()),
            ("ratelimit-limit", burst.to_string()),
            ("ratelimit-remaining", "0".to_owned()),
            ("ratelimit-reset", wait.to_string()),
        ] {
            if let Ok(value) = value.parse() {
                headers.insert(
                    actix_web::http::header::HeaderName::from_static(name),
                    value,
                );
            }
        }
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_refuses_per_key() {
        let limit = KeyRateLimit::new(1, 2).expect("off");
        assert_eq!(limit.check("a"), None);
        assert_eq!(limit.check("a"), None);
        assert_eq!(limit.check("a"), Some(1));
        assert_eq!(limit.check("b"), None, "another key has its own budget");
    }

    #[test]
    fn zero_turns_it_off() {
        assert!(KeyRateLimit::new(0, 10).is_none());
    }
}
