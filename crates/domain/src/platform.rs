//! The social platforms an account can be connected on.

use std::fmt;

pub use crate::account_type::AccountType;

/// A social platform. [`Platform::ALL`] is the order the API shows them in; adding a
/// platform means adding a variant, its name and its account types here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    /// LinkedIn.
    Linkedin,
    /// Instagram.
    Instagram,
    /// TikTok.
    Tiktok,
    /// Threads.
    Threads,
}

impl Platform {
    /// Every platform, in the order the API lists them.
    pub const ALL: [Platform; 4] = [
        Platform::Linkedin,
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Threads,
    ];

    /// The wire name (`linkedin`, ...).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::Linkedin => "linkedin",
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Threads => "threads",
        }
    }

    /// Position in [`Platform::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Parses a wire name; exact, lowercase.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    /// The account types this platform has.
    #[must_use]
    pub const fn account_types(self) -> &'static [AccountType] {
        match self {
            Platform::Linkedin => &[AccountType::Personal, AccountType::Organization],
            Platform::Instagram => &[AccountType::Business, AccountType::Creator],
            Platform::Tiktok => &[AccountType::Personal, AccountType::Business],
            Platform::Threads => &[AccountType::Personal],
        }
    }

    /// Whether `kind` is one of this platform's account types.
    #[must_use]
    pub fn allows(self, kind: AccountType) -> bool {
        self.account_types().contains(&kind)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_order_and_names() {
        let names: Vec<_> = Platform::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names, ["linkedin", "instagram", "tiktok", "threads"]);
        for (i, p) in Platform::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
            assert_eq!(Platform::parse(p.as_str()), Some(*p));
        }
        assert_eq!(Platform::parse("LinkedIn"), None);
        assert_eq!(Platform::parse("facebook"), None);
    }

    #[test]
    fn account_types_per_platform() {
        assert!(Platform::Linkedin.allows(AccountType::Organization));
        assert!(Platform::Linkedin.allows(AccountType::Personal));
        assert!(!Platform::Linkedin.allows(AccountType::Business));
        assert!(Platform::Instagram.allows(AccountType::Creator));
        assert!(!Platform::Instagram.allows(AccountType::Personal));
        assert!(Platform::Tiktok.allows(AccountType::Business));
        assert!(!Platform::Tiktok.allows(AccountType::Creator));
        assert_eq!(Platform::Threads.account_types(), &[AccountType::Personal]);
        assert_eq!(AccountType::parse("creator"), Some(AccountType::Creator));
        assert_eq!(AccountType::parse("page"), None);
    }
}
