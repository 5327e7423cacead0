//! Captions: a post's texts, one per platform key, and the hashtags read from them.

use crate::wire_enum::wire_enum;
use crate::{Platform, Platforms};

wire_enum! {
    /// A key of `postContent`: the caption for every platform (`common`) or for one. The
    /// declaration order is the order a post lists its captions in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum CaptionKey {
        /// The caption used where no platform-specific one is given.
        Common = "common",
        /// LinkedIn's caption.
        Linkedin = "linkedin",
        /// Instagram's caption.
        Instagram = "instagram",
        /// TikTok's caption.
        Tiktok = "tiktok",
        /// Facebook's caption: listed by the hosted docs even where Facebook is not enabled.
        Facebook = "facebook",
        /// Threads' caption.
        Threads = "threads",
        /// Pinterest's caption: only where Pinterest is enabled.
        Pinterest = "pinterest",
    }
}

impl CaptionKey {
    /// The platform this caption is for; `None` for [`CaptionKey::Common`].
    #[must_use]
    pub const fn platform(self) -> Option<Platform> {
        match self {
            Self::Common => None,
            Self::Linkedin => Some(Platform::Linkedin),
            Self::Instagram => Some(Platform::Instagram),
            Self::Tiktok => Some(Platform::Tiktok),
            Self::Facebook => Some(Platform::Facebook),
            Self::Threads => Some(Platform::Threads),
            Self::Pinterest => Some(Platform::Pinterest),
        }
    }

    /// The keys `postContent` accepts, in order: every key but `pinterest` always (the hosted
    /// docs list `facebook` even where Facebook accounts are not enabled), `pinterest` only
    /// where Pinterest is enabled.
    #[must_use]
    pub fn allowed(platforms: &Platforms) -> Vec<CaptionKey> {
        Self::ALL
            .into_iter()
            .filter(|key| *key != Self::Pinterest || platforms.contains(Platform::Pinterest))
            .collect()
    }
}

/// One caption of a post, with the hashtags the API reports for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// Which platform (or `common`) it is for.
    pub key: CaptionKey,
    /// The text, as sent.
    pub text: String,
    /// Its `#tags`, read by [`hashtags`].
    pub hashtags: Vec<String>,
}

impl Caption {
    /// A caption with its hashtags read from `text`.
    #[must_use]
    pub fn new(key: CaptionKey, text: impl Into<String>) -> Self {
        let text = text.into();
        let hashtags = hashtags(&text);
        Self {
            key,
            text,
            hashtags,
        }
    }
}

/// The hashtags of a caption, as the API reports them: a `#` at the start of the text or
/// right after whitespace, then one or more Unicode letters, digits or `_` (the tag ends at the
/// first other character). Returned without the `#`, case kept, in first-occurrence order,
/// exact duplicates dropped (`#Tag` and `#tag` are two tags). A lone `#`, or a `#` glued to
/// the word before it (`a#b`), is no tag.
///
/// # Examples
///
/// ```
/// use social_accounts_domain::schedule::hashtags;
///
/// assert_eq!(
///     hashtags("#Launch day! #année #Launch #launch a#b #one,#two # #snake_case-x"),
///     ["Launch", "année", "launch", "one", "snake_case"]
/// );
/// ```
#[must_use]
pub fn hashtags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut at_word_start = true;
    let mut seen = std::collections::HashSet::new();
    while let Some(c) = chars.next() {
        if c == '#' && at_word_start {
            let mut tag = String::new();
            while let Some(&next) = chars.peek() {
                if !is_tag_char(next) {
                    break;
                }
                tag.push(next);
                chars.next();
            }
            // A set beside the list keeps this linear: a 256 KiB caption of distinct tags
            // must not cost a quadratic scan.
            if !tag.is_empty() && seen.insert(tag.clone()) {
                tags.push(tag);
            }
            // The character that ended the tag (if any) is read next, as any other.
            at_word_start = false;
            continue;
        }
        at_word_start = c.is_whitespace();
    }
    tags
}

/// A character a hashtag is made of: a Unicode letter or digit, or `_`.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_order() {
        assert_eq!(
            CaptionKey::names(),
            "common, linkedin, instagram, tiktok, facebook, threads, pinterest"
        );
        assert_eq!(CaptionKey::Common.platform(), None);
        for key in CaptionKey::ALL.into_iter().skip(1) {
            assert_eq!(key.platform().map(Platform::as_str), Some(key.as_str()));
        }
    }

    #[test]
    fn facebook_is_always_allowed_pinterest_only_when_enabled() {
        let names = |platforms: &Platforms| {
            let keys: Vec<_> = CaptionKey::allowed(platforms)
                .into_iter()
                .map(CaptionKey::as_str)
                .collect();
            keys.join(", ")
        };
        let contract = "common, linkedin, instagram, tiktok, facebook, threads";
        assert_eq!(names(&Platforms::contract()), contract);
        assert_eq!(names(&Platforms::parse("facebook").unwrap()), contract);
        assert_eq!(names(&Platforms::parse("linkedin").unwrap()), contract);
        assert_eq!(names(&Platforms::all()), CaptionKey::names());
        assert_eq!(
            names(&Platforms::parse("pinterest").unwrap()),
            CaptionKey::names()
        );
    }

    #[test]
    fn hashtags_at_the_start_or_after_whitespace() {
        for (text, expected) in [
            ("Launch day #relaunch", &["relaunch"][..]),
            ("#first word", &["first"]),
            ("a#b #c", &["c"]),
            ("line\n#next\t#tab", &["next", "tab"]),
            ("#one,#two #three.", &["one", "three"]),
            ("#snake_case #mixed-dash", &["snake_case", "mixed"]),
            (
                "#2026 #année #日本語 #ÄÖÜ",
                &["2026", "année", "日本語", "ÄÖÜ"],
            ),
            ("# lone # #", &[]),
            ("##double", &[]),
            ("#a#b", &["a"]),
            ("", &[]),
            ("no tags here", &[]),
        ] {
            assert_eq!(hashtags(text), expected, "{text:?}");
        }
    }

    #[test]
    fn hashtags_keep_case_and_first_order_and_drop_exact_duplicates() {
        assert_eq!(
            hashtags("#b #A #b #a #A #b"),
            ["b", "A", "a"].map(String::from)
        );
    }

    #[test]
    fn a_caption_carries_its_hashtags() {
        let caption = Caption::new(CaptionKey::Linkedin, "Hello #world");
        assert_eq!(caption.key, CaptionKey::Linkedin);
        assert_eq!(caption.text, "Hello #world");
        assert_eq!(caption.hashtags, ["world"]);
    }
}
