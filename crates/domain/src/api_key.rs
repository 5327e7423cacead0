//! API keys: what a presented key must look like, how keys are minted and hashed.
//!
//! Only [`KeyHash`]es are stored. A key is shown once when minted and never again; records
//! keep a short [`display prefix`](ApiKeySecret::display_prefix) so operators can tell keys
//! apart.

use std::fmt;

use sha2::{Digest, Sha256};

/// Prefix of every key this service mints, so a leaked key is recognisable (and scannable).
pub const MINTED_KEY_PREFIX: &str = "sak_";
/// Random characters after [`MINTED_KEY_PREFIX`] (base62, about 190 bits).
const MINTED_RANDOM_LEN: usize = 32;
/// Checksum characters at the end of a minted key (base62 of 32 bits of SHA-256 of the rest),
/// so a mistyped or truncated key is refused without a lookup (as GitHub's tokens do).
const CHECKSUM_LEN: usize = 6;
/// Length of a minted key.
pub const MINTED_KEY_LEN: usize = MINTED_KEY_PREFIX.len() + MINTED_RANDOM_LEN + CHECKSUM_LEN;
const BASE62: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// Shortest key accepted (imported keys can be shorter than minted ones).
pub const MIN_KEY_LEN: usize = 8;
/// Longest key accepted; anything longer is refused before any lookup.
pub const MAX_KEY_LEN: usize = 256;
/// Longest display prefix kept for a key.
const DISPLAY_PREFIX_LEN: usize = 12;

/// A key as presented by a caller or an import file. Its `Debug` never shows the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKeySecret(String);

/// Why a presented key is refused without looking it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyRejection {
    /// Nothing was sent, or only whitespace.
    #[error("no API key was given")]
    Missing,
    /// Too short, too long, or holds characters a key never has.
    #[error(
        "the API key is malformed: {MIN_KEY_LEN} to {MAX_KEY_LEN} visible ASCII characters are expected"
    )]
    Malformed,
}

/// SHA-256 of a key: what is stored and looked up. Keys are long random strings, so a plain
/// fast hash is enough (as for GitHub tokens); no salt is needed to stop guessing.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyHash([u8; 32]);

/// A freshly minted key: the secret to print once, and what to store. Needs the `mint`
/// feature.
#[cfg(feature = "mint")]
#[derive(Debug, Clone)]
pub struct MintedKey {
    /// The key itself; show it once, store it never.
    pub secret: ApiKeySecret,
    /// Its hash, to store.
    pub hash: KeyHash,
    /// Its display prefix, to store.
    pub prefix: String,
}

impl ApiKeySecret {
    /// Accepts a key of [`MIN_KEY_LEN`] to [`MAX_KEY_LEN`] visible ASCII characters (leading
    /// and trailing whitespace ignored). A key with the minted prefix must also have the minted
    /// length and a valid checksum. Keys from import files may have any other shape.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{ApiKeySecret, KeyRejection};
    ///
    /// let key = ApiKeySecret::parse("  pn-test-6a1f0c9e2b7d4e58\n")?;
    /// assert_eq!(key.expose(), "pn-test-6a1f0c9e2b7d4e58");
    /// assert_eq!(key.display_prefix(), "pn-test-6a1f");
    /// // Debug output never shows the key.
    /// assert_eq!(format!("{key:?}"), "ApiKeySecret(pn-test-6a1f…)");
    ///
    /// assert_eq!(ApiKeySecret::parse(" ").err(), Some(KeyRejection::Missing));
    /// assert_eq!(ApiKeySecret::parse("short").err(), Some(KeyRejection::Malformed));
    /// assert_eq!(ApiKeySecret::parse("pn test key").err(), Some(KeyRejection::Malformed));
    /// // A key with the minted prefix must carry a valid checksum.
    /// let typo = "sak_0123456789abcdefghijABCDEFGHIJKLxxxxxx";
    /// assert_eq!(ApiKeySecret::parse(typo).err(), Some(KeyRejection::Malformed));
    /// # Ok::<(), KeyRejection>(())
    /// ```
    pub fn parse(raw: &str) -> Result<Self, KeyRejection> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(KeyRejection::Missing);
        }
        let mut well_formed = (MIN_KEY_LEN..=MAX_KEY_LEN).contains(&key.len())
            && key.bytes().all(|b| b.is_ascii_graphic());
        if well_formed && key.starts_with(MINTED_KEY_PREFIX) {
            well_formed = key.len() == MINTED_KEY_LEN && {
                let (body, sum) = key.split_at(MINTED_KEY_LEN - CHECKSUM_LEN);
                checksum(body) == sum
            };
        }
        if well_formed {
            Ok(Self(key.to_owned()))
        } else {
            Err(KeyRejection::Malformed)
        }
    }

    /// Mints a new random key: `sak_`, 32 random base62 characters, a 6-character checksum.
    /// Needs the `mint` feature.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::ApiKeySecret;
    /// use social_accounts_domain::api_key::MINTED_KEY_LEN;
    ///
    /// let minted = ApiKeySecret::mint();
    /// let key = minted.secret.expose();
    /// assert!(key.starts_with("sak_"));
    /// assert_eq!(key.len(), MINTED_KEY_LEN);
    /// // Store the hash and the prefix; show the key once.
    /// assert_eq!(ApiKeySecret::parse(key)?.hash(), minted.hash);
    /// assert_eq!(minted.prefix, &key[..12]);
    /// # Ok::<(), social_accounts_domain::KeyRejection>(())
    /// ```
    #[cfg(feature = "mint")]
    #[must_use]
    pub fn mint() -> MintedKey {
        use rand::Rng;
        let mut rng = rand::rng();
        let mut key = String::with_capacity(MINTED_KEY_LEN);
        key.push_str(MINTED_KEY_PREFIX);
        for _ in 0..MINTED_RANDOM_LEN {
            key.push(char::from(BASE62[rng.random_range(0..BASE62.len())]));
        }
        let sum = checksum(&key);
        key.push_str(&sum);
        let secret = Self(key);
        MintedKey {
            hash: secret.hash(),
            prefix: secret.display_prefix().to_owned(),
            secret,
        }
    }

    /// The hash to store or look up: SHA-256 of the key as parsed (trimmed).
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::ApiKeySecret;
    ///
    /// let hash = ApiKeySecret::parse("pn-test-6a1f0c9e2b7d4e58")?.hash();
    /// let hex: String = hash.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    /// // `printf %s pn-test-6a1f0c9e2b7d4e58 | sha256sum`
    /// assert_eq!(hex, "1923e4ddbe444dec9d8749d2fe98037bfd49493a1d6ec468722c3847dbf64976");
    /// assert_eq!(format!("{hash:?}"), "KeyHash(1923e4dd…)");
    /// // Surrounding whitespace is not part of the key.
    /// assert_eq!(ApiKeySecret::parse(" pn-test-6a1f0c9e2b7d4e58 ")?.hash(), hash);
    /// # Ok::<(), social_accounts_domain::KeyRejection>(())
    /// ```
    #[must_use]
    pub fn hash(&self) -> KeyHash {
        KeyHash(Sha256::digest(self.0.as_bytes()).into())
    }

    /// A short, non-secret beginning of the key for listings: at most 12 characters and never
    /// more than half of the key.
    #[must_use]
    pub fn display_prefix(&self) -> &str {
        &self.0[..DISPLAY_PREFIX_LEN.min(self.0.len() / 2)]
    }

    /// The key itself, for printing it once to the operator who minted it.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Six base62 characters of the first 32 bits of SHA-256 of `body`.
fn checksum(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let mut value = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    let mut out = [0u8; CHECKSUM_LEN];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

impl fmt::Debug for ApiKeySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKeySecret({}…)", self.display_prefix())
    }
}

impl KeyHash {
    /// Wraps stored hash bytes; `None` unless exactly 32 bytes.
    #[must_use]
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    /// The hash bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for KeyHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "KeyHash({:02x}{:02x}{:02x}{:02x}…)",
            self.0[0], self.0[1], self.0[2], self.0[3]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_trims_and_bounds() {
        assert_eq!(ApiKeySecret::parse("").err(), Some(KeyRejection::Missing));
        assert_eq!(
            ApiKeySecret::parse("   ").err(),
            Some(KeyRejection::Missing)
        );
        assert_eq!(
            ApiKeySecret::parse("short").err(),
            Some(KeyRejection::Malformed)
        );
        assert_eq!(
            ApiKeySecret::parse(&"k".repeat(MAX_KEY_LEN + 1)).err(),
            Some(KeyRejection::Malformed)
        );
        assert_eq!(
            ApiKeySecret::parse("pn-test 6a1f0c9e").err(),
            Some(KeyRejection::Malformed)
        );
        assert_eq!(
            ApiKeySecret::parse("pn-test-é1f0c9e").err(),
            Some(KeyRejection::Malformed)
        );
        let key = ApiKeySecret::parse("  pn-test-6a1f0c9e2b7d4e58 ");
        assert_eq!(
            key.as_ref().map(ApiKeySecret::expose),
            Ok("pn-test-6a1f0c9e2b7d4e58")
        );
    }

    #[cfg(feature = "mint")]
    #[test]
    fn minted_keys_parse_and_hash_consistently() {
        let minted = ApiKeySecret::mint();
        assert!(minted.secret.expose().starts_with(MINTED_KEY_PREFIX));
        assert_eq!(minted.secret.expose().len(), MINTED_KEY_LEN);
        let reparsed = ApiKeySecret::parse(minted.secret.expose());
        assert_eq!(reparsed.map(|k| k.hash()), Ok(minted.hash));
        assert_eq!(minted.prefix.len(), 12);
        assert_ne!(ApiKeySecret::mint().hash, minted.hash);
    }

    #[test]
    fn known_hash_and_prefix() {
        // sha256("pn-test-6a1f0c9e2b7d4e58"), computed independently with `sha256sum`.
        const KNOWN_HASH: &str = "1923e4ddbe444dec9d8749d2fe98037bfd49493a1d6ec468722c3847dbf64976";
        let key = ApiKeySecret::parse("pn-test-6a1f0c9e2b7d4e58").unwrap();
        assert_eq!(key.display_prefix(), "pn-test-6a1f");
        let hash = key.hash();
        let expected: Vec<u8> = (0..KNOWN_HASH.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&KNOWN_HASH[i..i + 2], 16).unwrap())
            .collect();
        assert_eq!(hash.as_bytes().as_slice(), expected);
        assert_eq!(format!("{hash:?}"), "KeyHash(1923e4dd…)");
    }

    #[cfg(feature = "mint")]
    #[test]
    fn minted_keys_carry_a_checksum() {
        let minted = ApiKeySecret::mint();
        let key = minted.secret.expose();
        // One changed character anywhere, a truncation or an extension is malformed.
        for i in MINTED_KEY_PREFIX.len()..key.len() {
            let mut bytes = key.as_bytes().to_vec();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let typo = String::from_utf8(bytes).unwrap_or_default();
            assert_eq!(
                ApiKeySecret::parse(&typo).err(),
                Some(KeyRejection::Malformed),
                "{typo}"
            );
        }
        assert_eq!(
            ApiKeySecret::parse(&key[..key.len() - 1]).err(),
            Some(KeyRejection::Malformed)
        );
        assert_eq!(
            ApiKeySecret::parse(&format!("{key}x")).err(),
            Some(KeyRejection::Malformed)
        );
        // Imported keys of other shapes are still accepted.
        assert!(ApiKeySecret::parse("pn-test-6a1f0c9e2b7d4e58").is_ok());
    }

    #[cfg(feature = "mint")]
    #[test]
    fn debug_never_shows_the_key() {
        let minted = ApiKeySecret::mint();
        let shown = format!("{:?} {:?}", minted.secret, minted);
        assert!(!shown.contains(minted.secret.expose()));
    }
}
