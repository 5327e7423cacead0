//! The rules an account must pass to be stored, shared by the import file and the operator
//! API's connect: each answers the message a person reads, and its caller names the field.
//! (Needs the `import` or `operator` feature.)

use validator::{ValidateLength, ValidateUrl};

use crate::schedule::MAX_URL_LEN;
use crate::{AccountType, Platform, Platforms};

/// Longest name, handle or other free text accepted.
pub const MAX_TEXT_LEN: u64 = 255;

/// Free text (a name, a handle, an external id): not blank, at most [`MAX_TEXT_LEN`]
/// characters, and no NUL (text no database here stores).
pub fn text(value: &str) -> Result<(), String> {
    if value.trim().is_empty() || !value.validate_length(None, Some(MAX_TEXT_LEN), None) {
        return Err(format!("must be 1 to {MAX_TEXT_LEN} characters"));
    }
    if value.contains('\0') {
        return Err("must not contain a NUL character".to_owned());
    }
    Ok(())
}

/// The served platform named `raw`. An unknown name is answered with the served names only:
/// those are the ones that may be used.
pub fn served_platform(raw: &str, platforms: &Platforms) -> Result<Platform, String> {
    match Platform::parse(raw) {
        Some(platform) if platforms.contains(platform) => Ok(platform),
        Some(_) => Err(format!(
            "{raw:?} is not an enabled platform (enabled: {}; enable it with PLATFORMS or serve \
             --platforms)",
            platforms.names()
        )),
        None => Err(format!(
            "{raw:?} is not a platform (expected one of: {})",
            platforms.names()
        )),
    }
}

/// One of `platform`'s kinds of account.
pub fn account_type(raw: &str, platform: Platform) -> Result<AccountType, String> {
    AccountType::parse(raw)
        .filter(|kind| platform.allows(*kind))
        .ok_or_else(|| {
            let kinds: Vec<_> = platform
                .account_types()
                .iter()
                .map(|k| k.as_str())
                .collect();
            format!(
                "{raw:?} is not a {platform} account type (expected one of: {})",
                kinds.join(", ")
            )
        })
}

/// A logo: an absolute URL of at most [`MAX_URL_LEN`] characters.
pub fn logo(raw: &str) -> Result<(), String> {
    if !raw.validate_length(None, Some(MAX_URL_LEN), None) || !raw.validate_url() {
        return Err(format!(
            "must be an absolute URL of at most {MAX_URL_LEN} characters"
        ));
    }
    Ok(())
}

/// An OAuth token: not empty.
pub fn token(raw: &str) -> Result<(), String> {
    if raw.is_empty() {
        return Err("must not be empty".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_and_its_message() {
        let served = Platforms::contract();
        assert_eq!(served_platform("linkedin", &served), Ok(Platform::Linkedin));
        assert!(
            served_platform("facebook", &served)
                .unwrap_err()
                .contains("not an enabled platform")
        );
        assert!(
            served_platform("myspace", &served)
                .unwrap_err()
                .contains("is not a platform")
        );
        assert_eq!(
            account_type("organization", Platform::Linkedin),
            Ok(AccountType::Organization)
        );
        assert_eq!(
            account_type("creator", Platform::Linkedin),
            Err("\"creator\" is not a linkedin account type (expected one of: personal, organization)".to_owned())
        );
        assert!(text("ok").is_ok() && text(" ").is_err() && text(&"x".repeat(256)).is_err());
        assert_eq!(
            text("a\0b"),
            Err("must not contain a NUL character".to_owned())
        );
        assert!(logo("https://example.com/a.png").is_ok() && logo("a.png").is_err());
        assert!(token("t").is_ok() && token("").is_err());
    }
}
