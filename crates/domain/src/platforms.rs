//! The platforms a deployment enables.
//!
//! The contract shows exactly `linkedin`, `instagram`, `tiktok` and `threads` unless a
//! deployment enables more; every known [`Platform`] can be enabled, so this set (not
//! [`Platform::ALL`]) is what decides which platform keys a response shows and which accounts
//! an import accepts.

use std::fmt;
use std::iter::Copied;
use std::slice;

use crate::Platform;
use crate::platform::COUNT;

/// The enabled platforms, in the order responses list them. Never empty, never twice the
/// same platform. `Copy`: a fixed array and its length, so a request's scope carries it
/// without an allocation.
#[derive(Clone, Copy)]
pub struct Platforms {
    /// The enabled platforms first, in order; the slots past `len` are filler.
    slots: [Platform; COUNT],
    len: usize,
}

/// How many platforms are in the contract's four (a count the rows decide).
const CONTRACT_LEN: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < COUNT {
        if Platform::ALL[i].facts().in_contract {
            count += 1;
        }
        i += 1;
    }
    count
};

/// Why a list of platforms (`PLATFORMS`, `--platforms`) is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlatformsError {
    /// The list names no platform at all.
    #[error(
        "the platform list is empty (expected a comma-separated list of: {names})",
        names = Platform::names()
    )]
    Empty,
    /// A name that is no platform's wire name (names are exact: lowercase).
    #[error("{0:?} is not a platform (expected one of: {names})", names = Platform::names())]
    Unknown(String),
    /// A platform named more than once.
    #[error("{name:?} is listed more than once", name = .0.as_str())]
    Duplicate(Platform),
}

impl Platforms {
    /// The contract's four platforms (the rows' `in_contract`), in [`Platform::ALL`] order.
    pub const CONTRACT: [Platform; CONTRACT_LEN] = {
        let mut four = [Platform::ALL[0]; CONTRACT_LEN];
        let (mut i, mut n) = (0, 0);
        while i < COUNT {
            if Platform::ALL[i].facts().in_contract {
                four[n] = Platform::ALL[i];
                n += 1;
            }
            i += 1;
        }
        four
    };

    /// The contract's four: what a deployment enables unless told otherwise.
    #[must_use]
    pub fn contract() -> Self {
        Self::of(&Self::CONTRACT)
    }

    /// Every known platform, in [`Platform::ALL`] order.
    #[must_use]
    pub fn all() -> Self {
        Self::of(&Platform::ALL)
    }

    /// `list` as given; the caller guarantees it is not empty and has no duplicate.
    fn of(list: &[Platform]) -> Self {
        let mut platforms = Self {
            slots: Platform::ALL,
            len: 0,
        };
        for platform in list {
            platforms.push(*platform);
        }
        platforms
    }

    fn push(&mut self, platform: Platform) {
        self.slots[self.len] = platform;
        self.len += 1;
    }

    /// Parses comma-separated wire names (`linkedin,instagram`), keeping the order given.
    /// Whitespace around a name is ignored; an empty name between commas is an unknown one.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{Platform, Platforms};
    ///
    /// let enabled = Platforms::parse("threads, linkedin,pinterest")?;
    /// assert_eq!(
    ///     enabled.as_slice(),
    ///     [Platform::Threads, Platform::Linkedin, Platform::Pinterest]
    /// );
    /// assert!(!enabled.contains(Platform::Instagram));
    /// assert_eq!(enabled.to_string(), "threads,linkedin,pinterest");
    ///
    /// // Unless told otherwise, a deployment enables the contract's four.
    /// assert_eq!(Platforms::default().names(), "linkedin, instagram, tiktok, threads");
    ///
    /// let refused = Platforms::parse("linkedin,myspace").unwrap_err();
    /// assert_eq!(
    ///     refused.to_string(),
    ///     "\"myspace\" is not a platform (expected one of: linkedin, instagram, tiktok, \
    ///      threads, facebook, pinterest)"
    /// );
    /// # Ok::<(), social_accounts_domain::PlatformsError>(())
    /// ```
    pub fn parse(csv: &str) -> Result<Self, PlatformsError> {
        if csv.trim().is_empty() {
            return Err(PlatformsError::Empty);
        }
        let mut enabled = Self::of(&[]);
        for raw in csv.split(',') {
            let name = raw.trim();
            let platform =
                Platform::parse(name).ok_or_else(|| PlatformsError::Unknown(name.to_owned()))?;
            if enabled.contains(platform) {
                return Err(PlatformsError::Duplicate(platform));
            }
            // Never past the end: a platform can be pushed once only.
            enabled.push(platform);
        }
        Ok(enabled)
    }

    /// The enabled platforms, in order.
    pub fn iter(&self) -> Copied<slice::Iter<'_, Platform>> {
        self.as_slice().iter().copied()
    }

    /// The enabled platforms, in order.
    #[must_use]
    pub fn as_slice(&self) -> &[Platform] {
        &self.slots[..self.len]
    }

    /// How many platforms are enabled (at least one).
    #[must_use]
    #[expect(
        clippy::len_without_is_empty,
        reason = "a Platforms is never empty: parse refuses an empty list"
    )]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether `platform` is enabled.
    #[must_use]
    pub fn contains(&self, platform: Platform) -> bool {
        self.as_slice().contains(&platform)
    }

    /// The enabled wire names joined by `", "`, for messages ("expected one of: ...").
    #[must_use]
    pub fn names(&self) -> String {
        self.join(", ")
    }

    fn join(&self, separator: &str) -> String {
        let names: Vec<_> = self.iter().map(Platform::as_str).collect();
        names.join(separator)
    }
}

impl PartialEq for Platforms {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Platforms {}

impl fmt::Debug for Platforms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Platforms").field(&self.as_slice()).finish()
    }
}

impl Default for Platforms {
    fn default() -> Self {
        Self::contract()
    }
}

/// Comma-separated wire names without spaces (`linkedin,instagram,tiktok,threads`): the form
/// `PLATFORMS` and `--platforms` take, so the text parses back to the same set.
impl fmt::Display for Platforms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.join(","))
    }
}

impl<'a> IntoIterator for &'a Platforms {
    type Item = Platform;
    type IntoIter = Copied<slice::Iter<'a, Platform>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Platform::{Instagram, Linkedin, Threads, Tiktok};

    #[test]
    fn the_default_is_the_contract() {
        let platforms = Platforms::default();
        assert_eq!(platforms, Platforms::contract());
        assert_eq!(platforms.as_slice(), [Linkedin, Instagram, Tiktok, Threads]);
        assert_eq!(platforms.len(), 4);
        assert!(!platforms.contains(Platform::Facebook));
        assert!(!platforms.contains(Platform::Pinterest));
        assert_eq!(platforms.names(), "linkedin, instagram, tiktok, threads");
        assert_eq!(platforms.to_string(), "linkedin,instagram,tiktok,threads");
        assert_eq!(
            Platforms::parse("linkedin,instagram,tiktok,threads").unwrap(),
            platforms
        );
    }

    #[test]
    fn all_is_every_platform_in_order() {
        let all = Platforms::all();
        assert_eq!(all.as_slice(), Platform::ALL);
        assert_eq!(all.names(), Platform::names());
        assert!(Platform::ALL.into_iter().all(|p| all.contains(p)));
        assert_eq!(Platforms::parse(&all.to_string()).unwrap(), all);
    }

    #[test]
    fn parse_keeps_the_order_given_and_trims() {
        let platforms = Platforms::parse(" threads,\tlinkedin ,tiktok\n").unwrap();
        assert_eq!(platforms.as_slice(), [Threads, Linkedin, Tiktok]);
        assert_eq!(
            platforms.iter().collect::<Vec<_>>(),
            [Threads, Linkedin, Tiktok]
        );
        assert_eq!((&platforms).into_iter().count(), 3);
        assert_eq!(platforms.to_string(), "threads,linkedin,tiktok");
        assert!(platforms.contains(Tiktok));
        assert!(!platforms.contains(Instagram));
        assert_eq!(
            Platforms::parse("instagram").unwrap().as_slice(),
            [Instagram]
        );
    }

    #[test]
    fn parse_refuses_empty_unknown_and_duplicate_names() {
        let known = Platform::names();
        for (csv, error, message) in [
            (
                "",
                PlatformsError::Empty,
                format!("the platform list is empty (expected a comma-separated list of: {known})"),
            ),
            (
                " \t",
                PlatformsError::Empty,
                format!("the platform list is empty (expected a comma-separated list of: {known})"),
            ),
            (
                "linkedin,myspace",
                PlatformsError::Unknown("myspace".to_owned()),
                format!("\"myspace\" is not a platform (expected one of: {known})"),
            ),
            (
                "linkedin, LinkedIn",
                PlatformsError::Unknown("LinkedIn".to_owned()),
                format!("\"LinkedIn\" is not a platform (expected one of: {known})"),
            ),
            (
                "linkedin,,tiktok",
                PlatformsError::Unknown(String::new()),
                format!("\"\" is not a platform (expected one of: {known})"),
            ),
            (
                "tiktok, linkedin,tiktok ",
                PlatformsError::Duplicate(Tiktok),
                "\"tiktok\" is listed more than once".to_owned(),
            ),
        ] {
            let refused = Platforms::parse(csv).unwrap_err();
            assert_eq!(refused, error, "{csv:?}");
            assert_eq!(refused.to_string(), message, "{csv:?}");
        }
    }
}
