//! The social platforms an account can be connected on.

pub use crate::account_type::AccountType;
use crate::wire_enum::wire_enum;

wire_enum! {
    /// A social platform. [`Platform::ALL`] is the order the API shows them in; adding a
    /// platform means adding a variant with its wire name here, and its account types in
    /// [`Platform::account_types`] below.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Platform {
        /// LinkedIn.
        Linkedin = "linkedin",
        /// Instagram.
        Instagram = "instagram",
        /// TikTok.
        Tiktok = "tiktok",
        /// Threads.
        Threads = "threads",
    }
}

impl Platform {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_order_and_names() {
        let names: Vec<_> = Platform::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names, ["linkedin", "instagram", "tiktok", "threads"]);
        assert_eq!(Platform::names(), "linkedin, instagram, tiktok, threads");
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
        assert_eq!(
            AccountType::names(),
            "personal, organization, business, creator"
        );
    }
}
