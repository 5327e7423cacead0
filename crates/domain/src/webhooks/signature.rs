//! Standard Webhooks signatures: `v1,` + base64 of HMAC-SHA256 over `"{id}.{timestamp}.{body}"`,
//! keyed with the secret's decoded bytes.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The prefix of every secret, as the Standard Webhooks specification writes them.
const PREFIX: &str = "whsec_";

/// An endpoint's signing secret: `whsec_` + base64 of its key bytes. Shown once when minted
/// or rotated; `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret {
    text: String,
    key: Vec<u8>,
}

impl WebhookSecret {
    /// A fresh secret of 32 random bytes.
    #[must_use]
    pub fn mint() -> Self {
        let key: [u8; 32] = rand::random();
        Self {
            text: format!("{PREFIX}{}", STANDARD.encode(key)),
            key: key.to_vec(),
        }
    }

    /// Reads a secret (`whsec_` optional, as receivers' libraries accept); `None` if the rest
    /// is not base64 or decodes to nothing.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        let encoded = raw.strip_prefix(PREFIX).unwrap_or(raw);
        let key = STANDARD.decode(encoded).ok()?;
        (!key.is_empty()).then(|| Self {
            text: format!("{PREFIX}{encoded}"),
            key,
        })
    }

    /// The secret as shown to the operator (and stored, sealed).
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// One signature, `v1,<base64>`, of `body` sent as event `id` at `timestamp` (Unix seconds).
#[must_use]
pub fn sign(secret: &WebhookSecret, id: &str, timestamp: i64, body: &str) -> String {
    format!("v1,{}", STANDARD.encode(tag(secret, id, timestamp, body)))
}

fn tag(secret: &WebhookSecret, id: &str, timestamp: i64, body: &str) -> Vec<u8> {
    // HMAC takes a key of any length, so this refusal never happens; were it to, an empty
    // tag matches no signature a receiver computes.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&secret.key) else {
        return Vec::new();
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The `webhook-signature` header: one signature per secret, space-separated (two while a
/// rotated secret's old one still signs).
#[must_use]
pub fn signature_header(secrets: &[WebhookSecret], id: &str, timestamp: i64, body: &str) -> String {
    secrets
        .iter()
        .map(|secret| sign(secret, id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether any `v1` signature of `header` is `secret`'s over this message (compared in
/// constant time). What a receiver does; used by tests and by the documentation's example.
#[must_use]
pub fn verify(secret: &WebhookSecret, header: &str, id: &str, timestamp: i64, body: &str) -> bool {
    header.split(' ').any(|one| {
        one.strip_prefix("v1,")
            .and_then(|encoded| STANDARD.decode(encoded).ok())
            .is_some_and(|claimed| {
                let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&secret.key) else {
                    return false;
                };
                mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
                mac.verify_slice(&claimed).is_ok()
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Standard Webhooks specification's test vector (its libraries' shared test).
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1_614_265_330;
    const BODY: &str = r#"{"test": 2432232314}"#;
    const EXPECTED: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    #[test]
    fn signs_the_specifications_test_vector() -> Result<(), &'static str> {
        let secret = WebhookSecret::parse(SECRET).ok_or("secret")?;
        assert_eq!(sign(&secret, ID, TIMESTAMP, BODY), EXPECTED);
        assert!(verify(&secret, EXPECTED, ID, TIMESTAMP, BODY));
        assert!(!verify(&secret, EXPECTED, ID, TIMESTAMP + 1, BODY));
        assert!(!verify(
            &secret,
            EXPECTED,
            ID,
            TIMESTAMP,
            r#"{"test": 2432232315}"#
        ));
        Ok(())
    }

    #[test]
    fn two_secrets_sign_twice_and_either_verifies() -> Result<(), &'static str> {
        let old = WebhookSecret::parse(SECRET).ok_or("secret")?;
        let new = WebhookSecret::mint();
        let header = signature_header(&[new.clone(), old.clone()], ID, TIMESTAMP, BODY);
        assert_eq!(header.split(' ').count(), 2);
        assert!(header.ends_with(EXPECTED));
        assert!(verify(&old, &header, ID, TIMESTAMP, BODY));
        assert!(verify(&new, &header, ID, TIMESTAMP, BODY));
        assert!(!verify(
            &WebhookSecret::mint(),
            &header,
            ID,
            TIMESTAMP,
            BODY
        ));
        Ok(())
    }

    #[test]
    fn minted_secrets_are_32_bytes_and_never_debug_printed() -> Result<(), &'static str> {
        let secret = WebhookSecret::mint();
        assert!(secret.expose().starts_with("whsec_"));
        let again = WebhookSecret::parse(secret.expose()).ok_or("parse")?;
        assert_eq!(again.key.len(), 32);
        assert_eq!(again, secret);
        assert!(!format!("{secret:?}").contains(&secret.expose()[6..]));
        assert_eq!(WebhookSecret::parse("whsec_!!"), None);
        assert_eq!(WebhookSecret::parse("whsec_"), None);
        Ok(())
    }
}
