//! The field rules of each settings object: every refusal's whole message.

use serde_json::{Value, json};

use super::tests::{problem, tiktok_reel, with};
use crate::PostStatus::{self, Draft, Scheduled};
use crate::{Platform, SettingsKey};

/// Checks each `(changes, status, message)` against `base`, a valid object under `key`:
/// `changes` is JSON merged into `base`, `message` what follows `{key}.` in the answer.
fn assert_refusals(key: SettingsKey, base: &Value, cases: &[(&str, PostStatus, &str)]) {
    for status in [Draft, Scheduled] {
        assert_eq!(problem(key, base, status), None, "{key} {base} {status}");
    }
    for (changes, status, expected) in cases {
        let value = with(base, &serde_json::from_str(changes).unwrap());
        assert_eq!(
            problem(key, &value, *status),
            Some(format!("{key}.{expected}")),
            "{key} {changes} {status}"
        );
    }
}

const URL_RULE: &str = "must be an absolute http(s) URL of at most 2048 characters";

#[test]
fn instagram_fields() {
    let base = json!({"postType": "carousel", "postAsStory": false});
    let one_of = "postType must be one of: carousel, image, reel";
    assert_refusals(
        SettingsKey::Platform(Platform::Instagram),
        &base,
        &[
            (r#"{"postType": "<absent>"}"#, Draft, "postType is required"),
            (r#"{"postType": "story"}"#, Draft, one_of),
            (r#"{"postType": 1}"#, Draft, one_of),
            (r#"{"postType": null}"#, Draft, one_of),
            (
                r#"{"postAsStory": "no"}"#,
                Draft,
                "postAsStory must be a boolean",
            ),
            (
                r#"{"postAsStory": "<absent>"}"#,
                Draft,
                "postAsStory is required",
            ),
        ],
    );
}

#[test]
fn tiktok_fields() {
    let privacy = "privacyLevel must be one of: PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, \
                   SELF_ONLY";
    let brand = "isBrandedContent needs isYourBrand or isThirdPartyBrand to be true";
    let self_only = r#"{"isBrandedContent": true, "isYourBrand": true,
                        "privacyLevel": "SELF_ONLY"}"#;
    assert_refusals(
        SettingsKey::Platform(Platform::Tiktok),
        &tiktok_reel(),
        &[
            (
                r#"{"postType": "image"}"#,
                Draft,
                "postType must be one of: carousel, reel",
            ),
            (
                r#"{"privacyLevel": "<absent>"}"#,
                Scheduled,
                "privacyLevel is required for a scheduled post",
            ),
            (r#"{"privacyLevel": "FRIENDS"}"#, Draft, privacy),
            (
                r#"{"canComment": "true"}"#,
                Draft,
                "canComment must be a boolean",
            ),
            (
                r#"{"canComment": null}"#,
                Draft,
                "canComment must be a boolean",
            ),
            (
                r#"{"isAIGeneratedContent": "<absent>"}"#,
                Draft,
                "isAIGeneratedContent is required",
            ),
            (
                r#"{"canDuet": "<absent>"}"#,
                Draft,
                "canDuet is required for a reel",
            ),
            (
                r#"{"canStitch": "<absent>"}"#,
                Draft,
                "canStitch is required for a reel",
            ),
            (
                r#"{"postType": "carousel"}"#,
                Draft,
                "autoAddMusic is required for a carousel",
            ),
            (
                r#"{"postTitle": 3}"#,
                Draft,
                "postTitle must be a string or null",
            ),
            (r#"{"isBrandedContent": true}"#, Scheduled, brand),
            (
                self_only,
                Scheduled,
                "isBrandedContent cannot be true when privacyLevel is SELF_ONLY",
            ),
        ],
    );
}

#[test]
fn linkedin_fields() {
    let base = json!({"postType": "document", "postTitle": "Quarterly"});
    let title = "postTitle must be 5 to 90 characters for a scheduled document";
    let long = format!(r#"{{"postTitle": "{}"}}"#, "é".repeat(91));
    assert_refusals(
        SettingsKey::Platform(Platform::Linkedin),
        &base,
        &[
            (r#"{"postTitle": "<absent>"}"#, Scheduled, title),
            (r#"{"postTitle": null}"#, Scheduled, title),
            (r#"{"postTitle": "  abcd  "}"#, Scheduled, title),
            (&long, Scheduled, title),
            (
                r#"{"postTitle": true}"#,
                Draft,
                "postTitle must be a string or null",
            ),
            (
                r#"{"postType": "video"}"#,
                Draft,
                "postType must be one of: carousel, document, image, reel",
            ),
        ],
    );
}

#[test]
fn threads_facebook_and_pinterest_fields() {
    assert_refusals(
        SettingsKey::Platform(Platform::Threads),
        &json!({"postType": "image"}),
        &[(r#"{"postType": "<absent>"}"#, Draft, "postType is required")],
    );
    let link = "linkUrl is required for a scheduled link_carousel";
    assert_refusals(
        SettingsKey::Platform(Platform::Facebook),
        &json!({"postType": "link_carousel", "linkUrl": "https://example.com"}),
        &[
            (r#"{"linkUrl": "<absent>"}"#, Scheduled, link),
            (
                r#"{"linkUrl": null}"#,
                Draft,
                &format!("linkUrl {URL_RULE}"),
            ),
            (
                r#"{"linkUrl": "example.com"}"#,
                Draft,
                &format!("linkUrl {URL_RULE}"),
            ),
            (
                r#"{"showEndCard": "yes"}"#,
                Draft,
                "showEndCard must be a boolean",
            ),
            (
                r#"{"useSlideTitles": 0}"#,
                Draft,
                "useSlideTitles must be a boolean",
            ),
            (
                r#"{"callToAction": 1}"#,
                Draft,
                "callToAction must be a string or null",
            ),
        ],
    );
    let long = format!(r#"{{"title": "{}"}}"#, "é".repeat(101));
    assert_refusals(
        SettingsKey::Platform(Platform::Pinterest),
        &json!({"postType": "image"}),
        &[
            (&long, Draft, "title must be at most 100 characters"),
            (r#"{"title": null}"#, Draft, "title must be a string"),
            (
                r#"{"link": "ftp://example.com"}"#,
                Draft,
                &format!("link {URL_RULE}"),
            ),
        ],
    );
}

#[test]
fn post_settings_fields() {
    let duration = "videoDuration must be a number at least 5 and less than 60";
    assert_refusals(
        SettingsKey::Post,
        &json!({"videoDuration": 30}),
        &[
            (r#"{"videoDuration": 4.99}"#, Draft, duration),
            (r#"{"videoDuration": 60}"#, Draft, duration),
            (r#"{"videoDuration": "30"}"#, Draft, duration),
            (r#"{"videoDuration": null}"#, Draft, duration),
            (r#"{"audioId": 7}"#, Draft, "audioId must be a string"),
            (r#"{"postType": "reel"}"#, Draft, "postType is not allowed"),
        ],
    );
}
