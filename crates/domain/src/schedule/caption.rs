//! Captions: a post's texts, one per platform key, and the hashtags read from them.

use crate::platform::{COUNT, placed};
use crate::{Platform, Platforms};

/// A key of `postContent`: the caption for every platform (`common`) or for one (its
/// `caption_key`, from the platform's row). [`CaptionKey::ALL`] is the order a post lists its
/// captions in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaptionKey {
    /// The caption used where no platform-specific one is given.
    Common,
    /// One platform's caption.
    Platform(Platform),
}

impl CaptionKey {
    /// Every key in the contract's order: `common`, then the platforms by their rows'
    /// `caption_at`.
    pub const ALL: [Self; COUNT + 1] = {
        let mut places = [0; COUNT];
        let mut i = 0;
        while i < COUNT {
            places[i] = Platform::ALL[i].facts().caption_at;
            i += 1;
        }
        let platforms = placed(places);
        let mut all = [Self::Common; COUNT + 1];
        let mut j = 0;
        while j < COUNT {
            all[j + 1] = Self::Platform(platforms[j]);
            j += 1;
        }
        all
    };

    /// The wire (and storage) name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Common => "common",
            Self::Platform(platform) => platform.facts().caption_key,
        }
    }

    /// Parses a wire name: exact, so no trimming and no case folding.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.as_str() == raw)
    }

    /// Position in [`Self::ALL`]: captions sort by it.
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Self::Common => 0,
            Self::Platform(platform) => platform.facts().caption_at + 1,
        }
    }

    /// Every wire name in [`Self::ALL`] order, joined by `", "`.
    #[must_use]
    pub fn names() -> String {
        let names: Vec<_> = Self::ALL.into_iter().map(Self::as_str).collect();
        names.join(", ")
    }

    /// The platform this caption is for; `None` for [`CaptionKey::Common`].
    #[must_use]
    pub const fn platform(self) -> Option<Platform> {
        match self {
            Self::Common => None,
            Self::Platform(platform) => Some(platform),
        }
    }

    /// The keys `postContent` accepts, in order: `common`, the platforms whose rows say
    /// `caption_always` (the hosted docs list `facebook` even where Facebook accounts are not
    /// served), and the other platforms only where they are served.
    #[must_use]
    pub fn allowed(platforms: &Platforms) -> Vec<CaptionKey> {
        Self::ALL
            .into_iter()
            .filter(|key| {
                key.platform()
                    .is_none_or(|p| p.facts().caption_always || platforms.contains(p))
            })
            .collect()
    }
}

impl std::fmt::Display for CaptionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
        for (i, key) in CaptionKey::ALL.into_iter().enumerate() {
            assert_eq!(key.index(), i);
            assert_eq!(CaptionKey::parse(key.as_str()), Some(key));
            assert_eq!(key.to_string(), key.as_str());
        }
        for key in CaptionKey::ALL.into_iter().skip(1) {
            assert_eq!(key.platform().map(Platform::as_str), Some(key.as_str()));
        }
        assert_eq!(CaptionKey::parse("Common"), None);
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
        let caption = Caption::new(CaptionKey::Platform(Platform::Linkedin), "Hello #world");
        assert_eq!(caption.key, CaptionKey::Platform(Platform::Linkedin));
        assert_eq!(caption.text, "Hello #world");
        assert_eq!(caption.hashtags, ["world"]);
    }
}
