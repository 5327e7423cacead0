//! The social platforms an account can be connected on: one row per platform, every list of
//! platforms derived from the rows.

use crate::account_type::AccountType;
use crate::wire_enum::wire_enum;

/// Everything the service knows of one platform, as its row in [`Platform`]'s declaration
/// says it. Every list that names platforms is derived from these rows: the contract's four
/// ([`Platforms::CONTRACT`](crate::Platforms::CONTRACT)), the account types each accepts, and
/// (with the `schedule` feature) the caption keys, the settings objects and the orders the
/// contract writes them in, and the platforms whose scheduled posts need a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// How messages and people name it (`LinkedIn`, `TikTok`), with `a` or `an` chosen from
    /// its first letter.
    pub display_name: &'static str,
    /// Its kinds of account, in the order messages list them.
    pub account_types: &'static [AccountType],
    /// One of the contract's four platforms, which a deployment serves unless `PLATFORMS`
    /// says otherwise; any other is served only where `PLATFORMS` names it.
    pub in_contract: bool,
    /// Whether a scheduled (not draft) post selecting one of its accounts needs a design
    /// (the Schedule API's business rule 5).
    pub design_to_schedule: bool,
    /// Its key in a post's `postContent` (`linkedin`).
    pub caption_key: &'static str,
    /// Its caption key's place among the platforms' caption keys, in the order a post lists
    /// its captions (`common` comes before all of them).
    pub caption_at: usize,
    /// Whether `postContent` takes its key even where the platform is not served (the hosted
    /// docs list the contract's four and Facebook everywhere).
    pub caption_always: bool,
    /// Its settings object's key (`linkedinPostSettings`); the contract's four are taken
    /// everywhere, the others only where the platform is served.
    pub settings_key: &'static str,
    /// Its settings object's place in the contract's settings table: the order the objects are
    /// checked in (the Schedule API's edge rule 7 and business rule 6) and stored in.
    pub settings_at: usize,
    /// Its settings object's place among the platforms' objects in the scheduled-post object
    /// the API answers with (`postSettings` comes before all of them).
    pub post_object_at: usize,
}

/// Declares [`Platform`] (a wire enum) and [`Platform::facts`] from one row per platform, so
/// a platform's wire name and facts cannot be declared apart.
macro_rules! platforms {
    (
        $(#[$meta:meta])*
        pub enum Platform {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal => $facts:expr
            ),+ $(,)?
        }
    ) => {
        wire_enum! {
            $(#[$meta])*
            pub enum Platform {
                $($(#[$variant_meta])* $variant = $wire,)+
            }
        }

        impl Platform {
            /// The platform's row: see [`Facts`].
            #[must_use]
            pub const fn facts(self) -> Facts {
                match self {
                    $(Self::$variant => $facts,)+
                }
            }
        }
    };
}

use AccountType::{Board, Business, Creator, Organization, Page, Personal};

platforms! {
    /// A social platform: every platform the service knows, served or not (a deployment serves
    /// a subset, see [`Platforms`](crate::Platforms)). [`Platform::ALL`] is the order the API
    /// lists them in. Adding a platform is a row here (and, with the `schedule` feature, its
    /// settings object's rules in `schedule/settings_table.rs`); every other place derives
    /// from the rows, and the tests walk [`Platform::ALL`] through each derived list.
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
    /// assert_eq!(Platform::Tiktok.display_name(), "TikTok");
    /// assert_eq!(Platform::ALL.len(), 6);
    /// assert_eq!(
    ///     Platform::names(),
    ///     "linkedin, instagram, tiktok, threads, facebook, pinterest"
    /// );
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Platform {
        /// LinkedIn: people and company pages.
        Linkedin = "linkedin" => Facts {
            display_name: "LinkedIn",
            account_types: &[Personal, Organization],
            in_contract: true,
            design_to_schedule: true,
            caption_key: "linkedin",
            caption_at: 0,
            caption_always: true,
            settings_key: "linkedinPostSettings",
            settings_at: 2,
            post_object_at: 1,
        },
        /// Instagram: business and creator accounts.
        Instagram = "instagram" => Facts {
            display_name: "Instagram",
            account_types: &[Business, Creator],
            in_contract: true,
            design_to_schedule: false,
            caption_key: "instagram",
            caption_at: 1,
            caption_always: true,
            settings_key: "instagramPostSettings",
            settings_at: 0,
            post_object_at: 0,
        },
        /// TikTok: personal and business accounts.
        Tiktok = "tiktok" => Facts {
            display_name: "TikTok",
            account_types: &[Personal, Business],
            in_contract: true,
            design_to_schedule: false,
            caption_key: "tiktok",
            caption_at: 2,
            caption_always: true,
            settings_key: "tiktokPostSettings",
            settings_at: 1,
            post_object_at: 2,
        },
        /// Threads: personal accounts.
        Threads = "threads" => Facts {
            display_name: "Threads",
            account_types: &[Personal],
            in_contract: true,
            design_to_schedule: false,
            caption_key: "threads",
            caption_at: 4,
            caption_always: true,
            settings_key: "threadsPostSettings",
            settings_at: 3,
            post_object_at: 3,
        },
        /// Facebook pages; not in the contract's four, so served only where enabled.
        Facebook = "facebook" => Facts {
            display_name: "Facebook",
            account_types: &[Page],
            in_contract: false,
            design_to_schedule: true,
            caption_key: "facebook",
            caption_at: 3,
            caption_always: true,
            settings_key: "facebookPostSettings",
            settings_at: 4,
            post_object_at: 4,
        },
        /// Pinterest boards; not in the contract's four, so served only where enabled.
        Pinterest = "pinterest" => Facts {
            display_name: "Pinterest",
            account_types: &[Board],
            in_contract: false,
            design_to_schedule: true,
            caption_key: "pinterest",
            caption_at: 5,
            caption_always: false,
            settings_key: "pinterestPostSettings",
            settings_at: 5,
            post_object_at: 5,
        },
    }
}

/// How many platforms there are.
pub(crate) const COUNT: usize = Platform::ALL.len();

impl Platform {
    /// How messages and people name the platform: `LinkedIn`, `TikTok`, ...
    #[must_use]
    pub const fn display_name(self) -> &'static str {
        self.facts().display_name
    }

    /// The display name after `a` or `an`, as English wants it: `an Instagram`, `a TikTok`.
    #[must_use]
    pub fn with_article(self) -> String {
        let name = self.display_name();
        let vowel = name
            .chars()
            .next()
            .is_some_and(|c| "AEIOUaeiou".contains(c));
        format!("{} {name}", if vowel { "an" } else { "a" })
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
        self.facts().account_types
    }

    /// Whether `kind` is one of this platform's account types.
    #[must_use]
    pub fn allows(self, kind: AccountType) -> bool {
        self.account_types().contains(&kind)
    }
}

/// Every platform placed where `places` (one per platform, in [`Platform::ALL`] order) says:
/// the list an order of the contract derives from the rows. Fails to compile, where it
/// builds a constant, unless the places are `0..n`, each taken once. The orders are the
/// Schedule API's.
#[cfg(feature = "schedule")]
pub(crate) const fn placed(places: [usize; COUNT]) -> [Platform; COUNT] {
    let mut slots: [Option<Platform>; COUNT] = [None; COUNT];
    let mut i = 0;
    while i < COUNT {
        let at = places[i];
        assert!(at < COUNT, "a platform's place is past the end of its list");
        assert!(slots[at].is_none(), "two platforms take the same place");
        slots[at] = Some(Platform::ALL[i]);
        i += 1;
    }
    let mut out = Platform::ALL;
    let mut j = 0;
    while j < COUNT {
        if let Some(platform) = slots[j] {
            out[j] = platform;
        }
        j += 1;
    }
    out
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
        for (i, p) in Platform::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
            assert_eq!(Platform::parse(p.as_str()), Some(*p));
        }
        assert_eq!(Platform::parse("LinkedIn"), None);
        assert_eq!(Platform::parse("myspace"), None);
    }

    #[test]
    fn account_types_of_every_platform() {
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
    fn keys_follow_the_wire_name() {
        for platform in Platform::ALL {
            let facts = platform.facts();
            assert_eq!(facts.caption_key, platform.as_str(), "{platform}");
            assert_eq!(
                facts.settings_key,
                format!("{platform}PostSettings"),
                "{platform}"
            );
            assert!(!facts.account_types.is_empty(), "{platform}");
        }
    }

    #[test]
    fn articles() {
        assert_eq!(Platform::Instagram.with_article(), "an Instagram");
        assert_eq!(Platform::Tiktok.with_article(), "a TikTok");
        assert_eq!(Platform::Linkedin.with_article(), "a LinkedIn");
    }

    #[cfg(feature = "schedule")]
    #[test]
    fn placed_puts_each_platform_at_its_place() {
        assert_eq!(placed([0, 1, 2, 3, 4, 5]), Platform::ALL);
        assert_eq!(
            placed([5, 4, 3, 2, 1, 0]),
            [
                Platform::Pinterest,
                Platform::Facebook,
                Platform::Threads,
                Platform::Tiktok,
                Platform::Instagram,
                Platform::Linkedin
            ]
        );
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
