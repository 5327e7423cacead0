//! Idempotency keys of `POST /schedule` (extension), as Stripe has them: the same key with the
//! same body within [`KEY_LIFETIME_HOURS`] answers the first response again without creating
//! anything; with another body it is refused; while the first request runs, others wait or
//! are refused. Keys are per workspace.

use sha2::{Digest, Sha256};

use crate::ScheduledPostId;

/// How long a key is remembered.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 255;

/// A client's idempotency key: 1 to [`MAX_KEY_LEN`] visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

/// Why a header is not an idempotency key; its text is the 422's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Idempotency key must be 1 to 255 visible ASCII characters")]
pub struct BadIdempotencyKey;

impl IdempotencyKey {
    /// Parses the `Idempotency-Key` header's value.
    pub fn parse(raw: &[u8]) -> Result<Self, BadIdempotencyKey> {
        let visible = |b: &u8| b.is_ascii_graphic();
        if raw.is_empty() || raw.len() > MAX_KEY_LEN || !raw.iter().all(visible) {
            return Err(BadIdempotencyKey);
        }
        String::from_utf8(raw.to_vec())
            .map(Self)
            .map_err(|_| BadIdempotencyKey)
    }

    /// The key as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The SHA-256 of a request body: "the same body" means the same bytes.
#[must_use]
pub fn body_hash(body: &[u8]) -> [u8; 32] {
    Sha256::digest(body).into()
}

/// What a key says about a new request that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use (or the previous one expired, or failed without an answer): go on.
    New,
    /// Answered before: send this again, byte for byte.
    Replay {
        /// The first answer's HTTP status.
        status: u16,
        /// The first answer's body, byte for byte.
        body: String,
    },
    /// Used before with another body.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
    /// The first request created this post, then stopped before storing its answer.
    Created(ScheduledPostId),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_of_bounded_length() {
        assert_eq!(IdempotencyKey::parse(b"a").map(|k| k.0), Ok("a".to_owned()));
        let longest = vec![b'k'; MAX_KEY_LEN];
        assert!(IdempotencyKey::parse(&longest).is_ok());
        let too_long = vec![b'k'; MAX_KEY_LEN + 1];
        for bad in [
            &b""[..],
            &too_long,
            b"with space",
            b"tab\t",
            "é".as_bytes(),
            b"\x7f",
        ] {
            assert_eq!(
                IdempotencyKey::parse(bad),
                Err(BadIdempotencyKey),
                "{bad:?}"
            );
        }
        assert_eq!(
            BadIdempotencyKey.to_string(),
            "Idempotency key must be 1 to 255 visible ASCII characters"
        );
    }

    #[test]
    fn the_same_body_is_the_same_bytes() {
        assert_eq!(body_hash(b"{}"), body_hash(b"{}"));
        assert_ne!(body_hash(b"{}"), body_hash(b"{ }"));
    }
}
