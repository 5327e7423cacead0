//! Validated identifiers.
//!
//! Ids are opaque to clients, but the service only ever stores ids made of ASCII letters,
//! digits, `_` and `-`, at most [`MAX_ID_LEN`] long. An id outside that shape cannot exist,
//! so the service can answer for it without asking the database.
//!
//! ```
//! use social_accounts_domain::{IdError, SocialAccountId};
//!
//! let id = SocialAccountId::parse("cmqi7jyir0003v0m91hxnyyaq")?;
//! assert_eq!(id.as_str(), "cmqi7jyir0003v0m91hxnyyaq");
//! assert_eq!(SocialAccountId::parse(" "), Err(IdError::Blank));
//! assert_eq!(
//!     SocialAccountId::parse("../etc").unwrap_err().to_string(),
//!     "id contains '.'; only ASCII letters, digits, '_' and '-' are allowed"
//! );
//! # Ok::<(), IdError>(())
//! ```

use std::fmt;

/// The longest id the service stores or accepts.
pub const MAX_ID_LEN: usize = 64;

/// Length of ids minted by `SocialAccountId::mint` and friends (cuid-like).
#[cfg(feature = "mint")]
const MINTED_LEN: usize = 25;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Empty or only whitespace.
    #[error("id is blank")]
    Blank,
    /// Longer than [`MAX_ID_LEN`].
    #[error("id is {len} characters long, at most {max} are allowed", max = MAX_ID_LEN)]
    TooLong {
        /// Length of the rejected id in bytes.
        len: usize,
    },
    /// Holds a character outside `A-Z a-z 0-9 _ -`.
    #[error("id contains {found:?}; only ASCII letters, digits, '_' and '-' are allowed")]
    ForbiddenCharacter {
        /// The first offending character.
        found: char,
    },
}

/// Checks the shared id shape. Blank is reported first so callers can tell "missing" apart.
fn validate(raw: &str) -> Result<(), IdError> {
    if raw.trim().is_empty() {
        return Err(IdError::Blank);
    }
    if raw.len() > MAX_ID_LEN {
        return Err(IdError::TooLong { len: raw.len() });
    }
    match raw
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        Some(found) => Err(IdError::ForbiddenCharacter { found }),
        None => Ok(()),
    }
}

/// A fresh, URL-safe, collision-resistant id: a letter then lowercase base-36 characters
/// (about 124 bits of randomness), in the style of the hosted API's cuids.
#[cfg(feature = "mint")]
fn mint() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    let mut id = String::with_capacity(MINTED_LEN);
    id.push('c');
    for _ in 1..MINTED_LEN {
        id.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
    }
    id
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses an id, refusing blank, over-long and non URL-safe strings.
            pub fn parse(raw: &str) -> Result<Self, IdError> {
                validate(raw).map(|()| Self(raw.to_owned()))
            }

            /// Mints a new random id. Needs the `mint` feature.
            #[cfg(feature = "mint")]
            #[must_use]
            pub fn mint() -> Self {
                Self(mint())
            }

            /// The id as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            #[must_use]
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(raw: String) -> Result<Self, IdError> {
                validate(&raw).map(|()| Self(raw))
            }
        }
    };
}

id_type!(
    /// Id of a connected social account.
    SocialAccountId
);
id_type!(
    /// Id of a workspace (the unit an API key sees).
    WorkspaceId
);
id_type!(
    /// Id of an organization (owns workspaces, keys and the plan).
    OrganizationId
);
id_type!(
    /// Id of a scheduled post.
    ScheduledPostId
);
id_type!(
    /// Id of an API key record (not the secret key itself).
    ApiKeyId
);
id_type!(
    /// Id of an audit event (minted when the change it records is written).
    AuditEventId
);
id_type!(
    /// Id of a design (the carousel or image a scheduled post publishes). Designs have no API:
    /// they come from the import file, and a post refers to one by this id.
    DesignId
);

id_type!(
    /// Id of a publisher's claim on one link (minted when the link is claimed). Only a link's
    /// latest claim may heartbeat, report or release it.
    ClaimId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_cuids_and_simple_ids() {
        for ok in ["cmqi7jyir0003v0m91hxnyyaq", "org_123", "ws-456", "a"] {
            assert_eq!(
                SocialAccountId::parse(ok).map(SocialAccountId::into_string),
                Ok(ok.to_owned())
            );
        }
    }

    #[test]
    fn blank_is_its_own_error() {
        assert_eq!(SocialAccountId::parse(""), Err(IdError::Blank));
        assert_eq!(SocialAccountId::parse("  \t"), Err(IdError::Blank));
    }

    #[test]
    fn refuses_hostile_ids() {
        let long = "a".repeat(MAX_ID_LEN + 1);
        assert_eq!(
            SocialAccountId::parse(&long),
            Err(IdError::TooLong {
                len: MAX_ID_LEN + 1
            })
        );
        assert!(SocialAccountId::parse(&"a".repeat(MAX_ID_LEN)).is_ok());
        for (bad, found) in [
            ("a'b", '\''),
            ("a\"b", '"'),
            ("a\0b", '\0'),
            ("../etc", '.'),
            ("a😀", '😀'),
            ("a b", ' '),
        ] {
            assert_eq!(
                SocialAccountId::parse(bad),
                Err(IdError::ForbiddenCharacter { found })
            );
        }
    }

    #[cfg(feature = "mint")]
    #[test]
    fn minted_ids_are_valid_and_distinct() {
        let a = SocialAccountId::mint();
        let b = SocialAccountId::mint();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), MINTED_LEN);
        assert!(SocialAccountId::parse(a.as_str()).is_ok());
    }
}

id_type!(
    /// Id of a webhook event, sent as `webhook-id` on every attempt to every endpoint
    /// (receivers dedupe on it).
    WebhookEventId
);

id_type!(
    /// Id of a webhook endpoint registered by an operator.
    WebhookId
);

id_type!(
    /// Id of one delivery: an event on its way to one endpoint, with its attempts.
    DeliveryId
);
