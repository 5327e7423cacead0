//! Encryption of OAuth tokens at rest: AES-256-GCM under `TOKEN_ENCRYPTION_KEY`.
//!
//! Stored form: one version byte, a 12-byte random nonce, then ciphertext and tag. The
//! version byte leaves room for key rotation.

use std::fmt;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;

/// Encrypts and decrypts tokens. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct TokenCipher {
    cipher: Aes256Gcm,
}

/// The configured key is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CipherKeyError {
    /// Not base64.
    #[error("TOKEN_ENCRYPTION_KEY is not valid base64")]
    NotBase64,
    /// Not 32 bytes.
    #[error("TOKEN_ENCRYPTION_KEY must be the base64 of exactly 32 bytes, it decodes to {0}")]
    WrongLength(usize),
}

/// A stored token could not be decrypted (wrong key or corrupted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a stored token cannot be decrypted with the configured key")]
pub struct OpenError;

impl TokenCipher {
    /// A cipher from the base64 of a 32-byte key.
    pub fn from_base64(encoded: &str) -> Result<Self, CipherKeyError> {
        let bytes = STANDARD
            .decode(encoded.trim())
            .map_err(|_| CipherKeyError::NotBase64)?;
        if bytes.len() != 32 {
            return Err(CipherKeyError::WrongLength(bytes.len()));
        }
        Ok(Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes)),
        })
    }

    /// A new random key, as base64.
    #[must_use]
    pub fn generate_key() -> String {
        STANDARD.encode(Aes256Gcm::generate_key(OsRng))
    }

    /// Encrypts a token.
    #[must_use]
    pub fn seal(&self, token: &str) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(OsRng);
        let ciphertext = self
            .cipher
            .encrypt(&nonce, token.as_bytes())
            // aes-gcm fails only for inputs over 64 GiB; a token never is.
            .unwrap_or_default();
        let mut sealed = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
        sealed.push(VERSION);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    /// Decrypts a token sealed by [`TokenCipher::seal`] under the same key.
    pub fn open(&self, sealed: &[u8]) -> Result<String, OpenError> {
        let (&version, rest) = sealed.split_first().ok_or(OpenError)?;
        if version != VERSION || rest.len() < NONCE_LEN {
            return Err(OpenError);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| OpenError)?;
        String::from_utf8(plain).map_err(|_| OpenError)
    }
}

impl fmt::Debug for TokenCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenCipher(<key redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher() -> TokenCipher {
        TokenCipher::from_base64(&TokenCipher::generate_key()).unwrap()
    }

    #[test]
    fn round_trip_and_no_plaintext_at_rest() {
        let cipher = cipher();
        let sealed = cipher.seal("oauth-access-token");
        assert!(!sealed.windows(5).any(|w| w == b"oauth"));
        assert_eq!(cipher.open(&sealed).as_deref(), Ok("oauth-access-token"));
        assert_ne!(
            cipher.seal("oauth-access-token"),
            sealed,
            "nonces must differ"
        );
    }

    #[test]
    fn wrong_key_or_tampering_fails() {
        let sealed = cipher().seal("t");
        assert_eq!(cipher().open(&sealed), Err(OpenError));
        let mut tampered = sealed.clone();
        if let Some(last) = tampered.last_mut() {
            *last ^= 1;
        }
        assert_eq!(cipher().open(&tampered), Err(OpenError));
        assert_eq!(cipher().open(&[]), Err(OpenError));
    }

    #[test]
    fn key_validation() {
        assert_eq!(
            TokenCipher::from_base64("not base64!").err(),
            Some(CipherKeyError::NotBase64)
        );
        assert_eq!(
            TokenCipher::from_base64(&STANDARD.encode([0u8; 16])).err(),
            Some(CipherKeyError::WrongLength(16))
        );
        assert_eq!(format!("{:?}", cipher()), "TokenCipher(<key redacted>)");
    }
}
