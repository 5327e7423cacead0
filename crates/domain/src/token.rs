//! OAuth tokens on their way in (an import file, a connect): held so that they never print.

use std::fmt;

/// An OAuth access or refresh token as given; its `Debug` never shows it. The storage seals
/// it before it is written.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "import", derive(serde::Deserialize), serde(transparent))]
pub struct TokenSecret(String);

impl TokenSecret {
    /// Wraps a token.
    #[must_use]
    pub fn new(token: String) -> Self {
        Self(token)
    }

    /// The token, for encryption.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenSecret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let token = TokenSecret::new("ya29.secret".to_owned());
        assert_eq!(format!("{token:?}"), "TokenSecret(<redacted>)");
        assert_eq!(token.expose(), "ya29.secret");
    }
}
