//! Platform settings: the per-platform objects of a post (`instagramPostSettings`, ...) and
//! `postSettings` (reel video settings), kept as sent. Their field rules are in
//! [`settings_rules`](super::settings_rules).

use serde_json::{Value, json};

use crate::platform::{COUNT, placed};
use crate::{Platform, Platforms};

/// A settings object's key in a request, in the database and in a scheduled-post object:
/// `postSettings` (reel video settings, for every platform) or one platform's object (its
/// `settings_key`, from the platform's row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingsKey {
    /// `postSettings`: reel video settings (`videoDuration`, `audioId`), for every platform.
    Post,
    /// One platform's object (`linkedinPostSettings`, ...).
    Platform(Platform),
}

/// The platforms in the contract's settings table order (the rows' `settings_at`).
const TABLE_ORDER: [Platform; COUNT] = {
    let mut places = [0; COUNT];
    let mut i = 0;
    while i < COUNT {
        places[i] = Platform::ALL[i].facts().settings_at;
        i += 1;
    }
    placed(places)
};

/// `postSettings` among `platforms`' objects: placed before the platform at `post_at` (the
/// end when `post_at` is `COUNT`).
const fn with_post_at(platforms: [Platform; COUNT], post_at: usize) -> [SettingsKey; COUNT + 1] {
    let mut keys = [SettingsKey::Post; COUNT + 1];
    let mut i = 0;
    while i < COUNT {
        keys[if i < post_at { i } else { i + 1 }] = SettingsKey::Platform(platforms[i]);
        i += 1;
    }
    keys
}

/// How many of the table's platforms are the contract's (they come first in it: a test says
/// so), which is where edge rule 7 checks `postSettings`.
const CONTRACT_IN_TABLE: usize = {
    let mut n = 0;
    while n < COUNT && TABLE_ORDER[n].facts().in_contract {
        n += 1;
    }
    n
};

impl SettingsKey {
    /// Every key: `postSettings`, then the platforms' objects in the contract's settings table
    /// order. The order a row of settings is stored in.
    pub const ALL: [Self; COUNT + 1] = with_post_at(TABLE_ORDER, 0);

    /// The order a scheduled-post object lists its settings objects in: `postSettings`, then
    /// the platforms by their rows' `post_object_at`.
    pub const IN_POST_OBJECT: [Self; COUNT + 1] = {
        let mut places = [0; COUNT];
        let mut i = 0;
        while i < COUNT {
            places[i] = Platform::ALL[i].facts().post_object_at;
            i += 1;
        }
        with_post_at(placed(places), 0)
    };

    /// The order edge rule 7 checks the objects in, as the contract writes them: the
    /// contract's platforms, `postSettings`, then the other platforms.
    pub const EDGE_ORDER: [Self; COUNT + 1] = with_post_at(TABLE_ORDER, CONTRACT_IN_TABLE);

    /// The order business rule 6 checks the objects in: the contract's table, `postSettings`
    /// last.
    pub const RULE_ORDER: [Self; COUNT + 1] = with_post_at(TABLE_ORDER, COUNT);

    /// The wire (and storage) name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Post => "postSettings",
            Self::Platform(platform) => platform.facts().settings_key,
        }
    }

    /// Parses a wire name: exact, so no trimming and no case folding.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.as_str() == raw)
    }

    /// Position in [`Self::ALL`], to index per-key arrays.
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Self::Post => 0,
            Self::Platform(platform) => platform.facts().settings_at + 1,
        }
    }

    /// Every wire name in [`Self::ALL`] order, joined by `", "`.
    #[must_use]
    pub fn names() -> String {
        let names: Vec<_> = Self::ALL.into_iter().map(Self::as_str).collect();
        names.join(", ")
    }

    /// The platform the object configures; `None` for `postSettings`, which is for all.
    #[must_use]
    pub const fn platform(self) -> Option<Platform> {
        match self {
            Self::Post => None,
            Self::Platform(platform) => Some(platform),
        }
    }

    /// The keys a request may carry, in [`Self::ALL`] order: `postSettings` and the
    /// contract's platforms' objects always (whatever the deployment serves, as the hosted
    /// API), the other platforms' objects only where that platform is served (elsewhere they
    /// are extra keys).
    #[must_use]
    pub fn allowed(platforms: &Platforms) -> Vec<SettingsKey> {
        Self::ALL
            .into_iter()
            .filter(|key| key.is_allowed(platforms))
            .collect()
    }

    /// Whether a request may carry this key where `platforms` are served.
    #[must_use]
    pub fn is_allowed(self, platforms: &Platforms) -> bool {
        self.platform()
            .is_none_or(|platform| platform.facts().in_contract || platforms.contains(platform))
    }

    /// How the edge names the object in "… must be an object": `Instagram post settings`,
    /// `Post settings`, ...
    #[must_use]
    pub fn label(self) -> String {
        match self.platform() {
            None => "Post settings".to_owned(),
            Some(platform) => format!("{} post settings", platform.display_name()),
        }
    }
}

/// The settings objects of one post, each the JSON object as sent (or as stored), or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostSettings([Option<Value>; SettingsKey::ALL.len()]);

impl PostSettings {
    /// What a reel is stored with when no `postSettings` is given.
    pub const REEL_VIDEO_DURATION: u64 = 30;

    /// Settings from `(key, object)` pairs in any order. A later pair for the same key
    /// replaces an earlier one; a JSON `null` counts as absent.
    pub fn new(pairs: impl IntoIterator<Item = (SettingsKey, Value)>) -> Self {
        let mut settings = Self::default();
        for (key, value) in pairs {
            settings.set(key, value);
        }
        settings
    }

    /// Sets one object (`null` removes it).
    pub fn set(&mut self, key: SettingsKey, value: Value) {
        self.0[key.index()] = Some(value).filter(|v| !v.is_null());
    }

    /// The object under `key`, if present.
    #[must_use]
    pub fn get(&self, key: SettingsKey) -> Option<&Value> {
        self.0[key.index()].as_ref()
    }

    /// Every key in [`SettingsKey::ALL`] order with its object or `None`: what a response or
    /// a row writes, `null` included.
    pub fn iter(&self) -> impl Iterator<Item = (SettingsKey, Option<&Value>)> {
        SettingsKey::ALL
            .into_iter()
            .zip(self.0.iter().map(Option::as_ref))
    }

    /// Whether no object is present.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    /// Whether a present object has `"postType": "reel"`.
    #[must_use]
    pub fn has_reel(&self) -> bool {
        self.0
            .iter()
            .flatten()
            .any(|object| object.get("postType").and_then(Value::as_str) == Some("reel"))
    }

    /// The settings as stored: a reel without `postSettings` gets
    /// `{"videoDuration": 30}`; anything else is kept as sent (no other default is filled in).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use social_accounts_domain::{Platform, PostSettings, SettingsKey};
    ///
    /// let instagram = SettingsKey::Platform(Platform::Instagram);
    /// let reel = PostSettings::new([(instagram, json!({"postType": "reel"}))]);
    /// let stored = reel.with_reel_default();
    /// assert_eq!(stored.get(SettingsKey::Post), Some(&json!({"videoDuration": 30})));
    /// ```
    #[must_use]
    pub fn with_reel_default(mut self) -> Self {
        if self.has_reel() && self.get(SettingsKey::Post).is_none() {
            self.set(
                SettingsKey::Post,
                json!({ "videoDuration": Self::REEL_VIDEO_DURATION }),
            );
        }
        self
    }
}

impl std::fmt::Display for SettingsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromIterator<(SettingsKey, Value)> for PostSettings {
    /// As [`PostSettings::new`].
    fn from_iter<I: IntoIterator<Item = (SettingsKey, Value)>>(pairs: I) -> Self {
        Self::new(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_platforms() {
        assert_eq!(
            SettingsKey::names(),
            "postSettings, instagramPostSettings, tiktokPostSettings, linkedinPostSettings, \
             threadsPostSettings, facebookPostSettings, pinterestPostSettings"
        );
        assert_eq!(SettingsKey::Post.platform(), None);
        for key in SettingsKey::ALL.into_iter().skip(1) {
            let platform = key.platform().unwrap();
            assert_eq!(key.as_str(), format!("{platform}PostSettings"));
        }
        let labels: Vec<_> = SettingsKey::ALL
            .into_iter()
            .map(SettingsKey::label)
            .collect();
        assert_eq!(
            labels,
            [
                "Post settings",
                "Instagram post settings",
                "TikTok post settings",
                "LinkedIn post settings",
                "Threads post settings",
                "Facebook post settings",
                "Pinterest post settings"
            ]
        );
    }

    #[test]
    fn facebook_and_pinterest_objects_only_where_enabled() {
        let names = |platforms: &str| {
            let keys: Vec<_> = SettingsKey::allowed(&Platforms::parse(platforms).unwrap())
                .into_iter()
                .map(SettingsKey::as_str)
                .collect();
            keys.join(",")
        };
        let five = "postSettings,instagramPostSettings,tiktokPostSettings,linkedinPostSettings,\
                    threadsPostSettings";
        assert_eq!(names("linkedin,instagram,tiktok,threads"), five);
        assert_eq!(names("linkedin"), five);
        assert_eq!(
            names("pinterest,facebook"),
            format!("{five},facebookPostSettings,pinterestPostSettings")
        );
        assert_eq!(names("pinterest"), format!("{five},pinterestPostSettings"));
    }

    #[test]
    fn settings_keep_objects_as_sent() {
        let settings = PostSettings::new([
            (
                SettingsKey::Platform(Platform::Linkedin),
                json!({"postType": "image"}),
            ),
            (SettingsKey::Platform(Platform::Threads), Value::Null),
            (SettingsKey::Post, json!({"audioId": "a"})),
            (
                SettingsKey::Platform(Platform::Linkedin),
                json!({"postType": "document"}),
            ),
        ]);
        assert_eq!(
            settings.get(SettingsKey::Platform(Platform::Linkedin)),
            Some(&json!({"postType": "document"}))
        );
        assert_eq!(settings.get(SettingsKey::Platform(Platform::Threads)), None);
        let present: Vec<_> = settings
            .iter()
            .filter_map(|(key, value)| value.map(|_| key))
            .collect();
        assert_eq!(
            present,
            [SettingsKey::Post, SettingsKey::Platform(Platform::Linkedin)]
        );
        assert_eq!(settings.iter().count(), SettingsKey::ALL.len());
        assert!(!settings.is_empty() && PostSettings::default().is_empty());
        assert!(!settings.has_reel());
        assert_eq!(settings.clone().with_reel_default(), settings);
        let collected: PostSettings = settings
            .iter()
            .filter_map(|(key, value)| Some((key, value?.clone())))
            .collect();
        assert_eq!(collected, settings);
    }

    #[test]
    fn a_reel_without_post_settings_gets_thirty_seconds() {
        let reel = PostSettings::new([(
            SettingsKey::Platform(Platform::Tiktok),
            json!({"postType": "reel"}),
        )]);
        assert!(reel.has_reel());
        assert_eq!(
            reel.with_reel_default().get(SettingsKey::Post),
            Some(&json!({"videoDuration": 30}))
        );
        let given = PostSettings::new([
            (
                SettingsKey::Platform(Platform::Instagram),
                json!({"postType": "reel"}),
            ),
            (SettingsKey::Post, json!({"audioId": "x"})),
        ]);
        assert_eq!(given.clone().with_reel_default(), given);
        // `postSettings` itself has no postType; a "reel" elsewhere in it is no reel.
        let not_reel = PostSettings::new([(
            SettingsKey::Platform(Platform::Linkedin),
            json!({"postTitle": "reel"}),
        )]);
        assert_eq!(not_reel.clone().with_reel_default(), not_reel);
    }
}
