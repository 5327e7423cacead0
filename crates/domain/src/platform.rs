//! The social platforms an account can be connected on.

pub use crate::account_type::AccountType;
use crate::wire_enum::wire_enum;

wire_enum! {
    /// A social platform: every platform the service knows, enabled or not (a deployment
    /// enables a subset, see [`Platforms`](crate::Platforms)). [`Platform::ALL`] is the order
    /// the API shows them in. Adding a platform is a change to this file only: a variant with
    /// its wire name here, its account types in [`Platform::account_types`] below (and a new
    /// [`AccountType`] if it brings a new kind of account).
    ///
    /// # Examples
    ///
    /// Wire names are exact, and every list of them comes from the one declaration:
    ///
    /// ```
    /// use social_accounts_domain::Platform;
    ///
    /// assert_eq!(Platform::parse("tiktok"), Some(Platform::Tiktok));
    /// assert_eq!(Platform::parse("TikTok"), None);
    /// assert_eq!(Platform::Tiktok.as_str(), "tiktok");
    /// assert_eq!(Platform::Tiktok.to_string(), "tiktok");
    /// assert_eq!(Platform::ALL.len(), 6);
    /// assert_eq!(
    ///     Platform::names(),
    ///     "linkedin, instagram, tiktok, threads, facebook, pinterest"
    /// );
    /// ```
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
        /// Facebook; not in the contract's four, so off unless a deployment enables it.
        Facebook = "facebook",
        /// Pinterest; not in the contract's four, so off unless a deployment enables it.
        Pinterest = "pinterest",
    }
}

impl Platform {
    /// How messages and people name the platform: `LinkedIn`, `TikTok`, ...
    #[must_use]
    pub const fn display_name(self) -> &'static str {
        match self {
            Platform::Linkedin => "LinkedIn",
            Platform::Instagram => "Instagram",
            Platform::Tiktok => "TikTok",
            Platform::Threads => "Threads",
            Platform::Facebook => "Facebook",
            Platform::Pinterest => "Pinterest",
        }
    }

    /// The account types this platform has.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{AccountType, Platform};
    ///
    /// assert_eq!(
    ///     Platform::Linkedin.account_types(),
    ///     [AccountType::Personal, AccountType::Organization]
    /// );
    /// assert!(Platform::Instagram.allows(AccountType::Creator));
    /// assert!(!Platform::Instagram.allows(AccountType::Personal));
    /// ```
    #[must_use]
    pub const fn account_types(self) -> &'static [AccountType] {
        match self {
            Platform::Linkedin => &[AccountType::Personal, AccountType::Organization],
            Platform::Instagram => &[AccountType::Business, AccountType::Creator],
            Platform::Tiktok => &[AccountType::Personal, AccountType::Business],
            Platform::Threads => &[AccountType::Personal],
            Platform::Facebook => &[AccountType::Page],
            Platform::Pinterest => &[AccountType::Board],
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
        assert_eq!(
            names,
            [
                "linkedin",
                "instagram",
                "tiktok",
                "threads",
                "facebook",
                "pinterest"
            ]
        );
        assert_eq!(
            Platform::names(),
            "linkedin, instagram, tiktok, threads, facebook, pinterest"
        );
        for (i, p) in Platform::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
            assert_eq!(Platform::parse(p.as_str()), Some(*p));
        }
        assert_eq!(Platform::parse("LinkedIn"), None);
        assert_eq!(Platform::parse("myspace"), None);
    }

    #[test]
    fn account_types_of_every_platform() {
        use AccountType::{Board, Business, Creator, Organization, Page, Personal};
        // One row per platform, in `ALL` order (the array length is checked at compile time):
        // a new platform fails to compile here until its account types are pinned.
        let expected: [(Platform, &[AccountType]); Platform::ALL.len()] = [
            (Platform::Linkedin, &[Personal, Organization]),
            (Platform::Instagram, &[Business, Creator]),
            (Platform::Tiktok, &[Personal, Business]),
            (Platform::Threads, &[Personal]),
            (Platform::Facebook, &[Page]),
            (Platform::Pinterest, &[Board]),
        ];
        assert_eq!(expected.map(|(platform, _)| platform), Platform::ALL);
        for (platform, kinds) in expected {
            assert_eq!(platform.account_types(), kinds, "{platform}");
            for kind in AccountType::ALL {
                assert_eq!(
                    platform.allows(kind),
                    kinds.contains(&kind),
                    "{platform} {kind}"
                );
            }
        }
        // Every kind of account belongs to some platform.
        for kind in AccountType::ALL {
            assert!(
                Platform::ALL.iter().any(|p| p.allows(kind)),
                "{kind} is on no platform"
            );
        }
    }

    #[test]
    fn account_type_names() {
        assert_eq!(
            AccountType::names(),
            "personal, organization, business, creator, page, board"
        );
        assert_eq!(AccountType::parse("page"), Some(AccountType::Page));
        assert_eq!(AccountType::parse("board"), Some(AccountType::Board));
        assert_eq!(AccountType::parse("Page"), None);
    }
}
