//! The settings objects' rules as data: one [`Object`] row per settings key (in the contract's
//! table order, for the reader; the order rules check them in comes from the platforms' rows),
//! with its fields (kind of value, "required when", length) and its cross-field rules. Adding
//! a platform's object, or a field, is a row or a line here (a missing or doubled row fails to
//! compile); the checks in [`settings_rules`](super::settings_rules) only read the table.

use serde_json::Value;

use super::SettingsKey;
use crate::Platform;

/// When a rule applies: given the post's status and the object's own `postType`.
#[derive(Debug, Clone, Copy)]
pub(super) enum When {
    Never,
    Always,
    Scheduled,
    PostType(&'static str),
    ScheduledPostType(&'static str),
}

impl When {
    pub(super) fn holds(self, scheduled: bool, post_type: Option<&str>) -> bool {
        match self {
            Self::Never => false,
            Self::Always => true,
            Self::Scheduled => scheduled,
            Self::PostType(wanted) => post_type == Some(wanted),
            Self::ScheduledPostType(wanted) => scheduled && post_type == Some(wanted),
        }
    }

    /// What a message adds to say when the rule applies: ` for a scheduled document`.
    pub(super) fn suffix(self) -> String {
        match self {
            Self::Never | Self::Always => String::new(),
            Self::Scheduled => " for a scheduled post".to_owned(),
            Self::PostType(post_type) => format!(" for a {post_type}"),
            Self::ScheduledPostType(post_type) => format!(" for a scheduled {post_type}"),
        }
    }
}

/// What a field's value must be.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Bool,
    Text,
    TextOrNull,
    OneOf(&'static [&'static str]),
    /// A JSON number with `min <= n < below`.
    Number {
        min: f64,
        below: f64,
    },
    WebUrl,
}

impl Kind {
    /// The problem with `value`, if any.
    pub(super) fn check(self, value: &Value) -> Option<String> {
        let ok = match self {
            Self::Bool => value.is_boolean(),
            Self::Text => value.is_string(),
            Self::TextOrNull => value.is_string() || value.is_null(),
            Self::OneOf(values) => value.as_str().is_some_and(|v| values.contains(&v)),
            Self::Number { min, below } => value.as_f64().is_some_and(|n| min <= n && n < below),
            Self::WebUrl => value.as_str().is_some_and(super::is_web_url),
        };
        (!ok).then(|| match self {
            Self::Bool => "must be a boolean".to_owned(),
            Self::Text => "must be a string".to_owned(),
            Self::TextOrNull => "must be a string or null".to_owned(),
            Self::OneOf(values) => format!("must be one of: {}", values.join(", ")),
            Self::Number { min, below } => {
                format!("must be a number at least {min} and less than {below}")
            }
            Self::WebUrl => super::WEB_URL_RULE.to_owned(),
        })
    }
}

/// A length rule on a text field, counted in Unicode characters of the trimmed text. While
/// it applies, an absent or `null` value counts as length 0.
#[derive(Debug, Clone, Copy)]
pub(super) struct Length {
    pub(super) min: usize,
    pub(super) max: usize,
    pub(super) when: When,
}

/// One field of a settings object.
#[derive(Debug)]
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) kind: Kind,
    pub(super) required: When,
    pub(super) length: Option<Length>,
}

const fn field(name: &'static str, kind: Kind, required: When) -> Field {
    Field {
        name,
        kind,
        required,
        length: None,
    }
}

const fn text(name: &'static str, kind: Kind, min: usize, max: usize, when: When) -> Field {
    Field {
        name,
        kind,
        required: When::Never,
        length: Some(Length { min, max, when }),
    }
}

/// A rule between fields of one object.
#[derive(Debug)]
pub(super) enum Cross {
    /// `field` true needs at least one of `any` true.
    TrueNeedsAnyTrue {
        field: &'static str,
        any: &'static [&'static str],
    },
    /// `field` true is refused while `other` is `value`.
    TrueExcludes {
        field: &'static str,
        other: &'static str,
        value: &'static str,
    },
}

/// One settings object: its key, whether it is required only with a design (when an
/// account of its platform is selected; `postSettings`, of no platform, is never required),
/// its fields and its cross-field rules.
#[derive(Debug)]
pub(super) struct Object {
    pub(super) key: SettingsKey,
    pub(super) needs_design: bool,
    pub(super) fields: &'static [Field],
    pub(super) cross: &'static [(When, Cross)],
}

use Kind::{Bool, OneOf, Text, TextOrNull, WebUrl};
use When::{Always, Never, PostType, Scheduled, ScheduledPostType};

const CAROUSEL_IMAGE_REEL: Kind = OneOf(&["carousel", "image", "reel"]);

/// The objects in the contract's table order, which is also the order rule 6 checks them in.
static OBJECTS: [Object; SettingsKey::ALL.len()] = TABLE;

/// The row of each key ([`SettingsKey::index`] order). Built at compile time, which also
/// proves the table has exactly one row per key: as many rows as keys, and none twice.
const ROW: [usize; SettingsKey::ALL.len()] = {
    let mut rows = [usize::MAX; SettingsKey::ALL.len()];
    let mut i = 0;
    while i < TABLE.len() {
        let key = TABLE[i].key.index();
        assert!(rows[key] == usize::MAX, "a settings key has two rows");
        rows[key] = i;
        i += 1;
    }
    rows
};

const TABLE: [Object; SettingsKey::ALL.len()] = [
    Object {
        key: SettingsKey::Platform(Platform::Instagram),
        needs_design: true,
        fields: &[
            field("postType", CAROUSEL_IMAGE_REEL, Always),
            field("postAsStory", Bool, Always),
        ],
        cross: &[],
    },
    Object {
        key: SettingsKey::Platform(Platform::Tiktok),
        needs_design: true,
        fields: &[
            field("postType", OneOf(&["carousel", "reel"]), Always),
            field(
                "privacyLevel",
                OneOf(&["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]),
                Scheduled,
            ),
            field("canComment", Bool, Always),
            field("isBrandedContent", Bool, Always),
            field("isYourBrand", Bool, Always),
            field("isThirdPartyBrand", Bool, Always),
            field("isAIGeneratedContent", Bool, Always),
            field("canDuet", Bool, PostType("reel")),
            field("canStitch", Bool, PostType("reel")),
            field("autoAddMusic", Bool, PostType("carousel")),
            field("postTitle", TextOrNull, Never),
        ],
        cross: &[
            (
                Scheduled,
                Cross::TrueNeedsAnyTrue {
                    field: "isBrandedContent",
                    any: &["isYourBrand", "isThirdPartyBrand"],
                },
            ),
            (
                Scheduled,
                Cross::TrueExcludes {
                    field: "isBrandedContent",
                    other: "privacyLevel",
                    value: "SELF_ONLY",
                },
            ),
        ],
    },
    Object {
        key: SettingsKey::Platform(Platform::Linkedin),
        needs_design: false,
        fields: &[
            field(
                "postType",
                OneOf(&["carousel", "document", "image", "reel"]),
                Always,
            ),
            text(
                "postTitle",
                TextOrNull,
                5,
                90,
                ScheduledPostType("document"),
            ),
        ],
        cross: &[],
    },
    Object {
        key: SettingsKey::Platform(Platform::Threads),
        needs_design: true,
        fields: &[field("postType", CAROUSEL_IMAGE_REEL, Always)],
        cross: &[],
    },
    Object {
        key: SettingsKey::Platform(Platform::Facebook),
        needs_design: true,
        fields: &[
            field(
                "postType",
                OneOf(&["carousel", "link_carousel", "image", "reel"]),
                Always,
            ),
            field("linkUrl", WebUrl, ScheduledPostType("link_carousel")),
            field("callToAction", TextOrNull, Never),
            // Defaults (documented, not filled in): true, false, false.
            field("showEndCard", Bool, Never),
            field("useSlideTitles", Bool, Never),
            field("useSlideDescriptions", Bool, Never),
        ],
        cross: &[],
    },
    Object {
        key: SettingsKey::Platform(Platform::Pinterest),
        needs_design: true,
        fields: &[
            field("postType", CAROUSEL_IMAGE_REEL, Always),
            text("title", Text, 0, 100, Always),
            field("link", WebUrl, Never),
        ],
        cross: &[],
    },
    Object {
        key: SettingsKey::Post,
        needs_design: false,
        fields: &[
            field(
                "videoDuration",
                Kind::Number {
                    min: 5.0,
                    below: 60.0,
                },
                Never,
            ),
            field("audioId", Text, Never),
        ],
        cross: &[],
    },
];

/// The row of `key`.
pub(super) fn object(key: SettingsKey) -> &'static Object {
    &OBJECTS[ROW[key.index()]]
}
