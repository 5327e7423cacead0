//! The kinds of account a platform has.

use std::fmt;

/// The kind of account on a platform (a person, a company page, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountType {
    /// A personal profile.
    Personal,
    /// A company or organization page (LinkedIn).
    Organization,
    /// A business account (Instagram, TikTok).
    Business,
    /// A creator account (Instagram).
    Creator,
}

impl AccountType {
    const ALL: [AccountType; 4] = [
        AccountType::Personal,
        AccountType::Organization,
        AccountType::Business,
        AccountType::Creator,
    ];

    /// The wire name (`personal`, ...).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AccountType::Personal => "personal",
            AccountType::Organization => "organization",
            AccountType::Business => "business",
            AccountType::Creator => "creator",
        }
    }

    /// Parses a wire name; exact, lowercase.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

impl fmt::Display for AccountType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
