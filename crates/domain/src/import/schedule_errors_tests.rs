//! Every shape error of an imported post, named by its path.

use super::schedule_tests::{error, error_with};
use crate::Platforms;

const P: &str = "scheduledPosts[0]";

#[test]
fn api_shape_rules_name_the_record_and_field() {
    let cases = [
        (
            r#""postContent": []"#.to_owned(),
            "postContent: Post content must be an object",
        ),
        (
            r#""postContent": {"x": "y"}"#.to_owned(),
            "postContent: Post content keys must be one of: common, linkedin, instagram, tiktok, \
          facebook, threads, pinterest",
        ),
        (
            r#""postContent": {"common": 1}"#.to_owned(),
            "postContent: Post content values must be strings",
        ),
        (
            r#""tiktokPostSettings": 1"#.to_owned(),
            "tiktokPostSettings: TikTok post settings must be an object",
        ),
        (
            r#""instagramPostSettings": {"postType": "story", "postAsStory": true}"#.to_owned(),
            "instagramPostSettings.postType: must be one of: carousel, image, reel",
        ),
        (
            r#""linkedinPostSettings": {"postType": "image", "foo": 1}"#.to_owned(),
            "linkedinPostSettings.foo: is not allowed",
        ),
        (
            r#""linkedinPostSettings": {"postType": "document"}"#.to_owned(),
            "linkedinPostSettings.postTitle: must be 5 to 90 characters for a scheduled document",
        ),
        (
            r#""postSettings": {"videoDuration": 90}, "threadsPostSettings": {}"#.to_owned(),
            "threadsPostSettings.postType: is required",
        ),
        (
            r#""postSettings": {"videoDuration": 90}"#.to_owned(),
            "postSettings.videoDuration: must be a number at least 5 and less than 60",
        ),
        (
            r#""designId": "a b""#.to_owned(),
            "designId: id contains ' '; only ASCII letters, digits, '_' and '-' are allowed",
        ),
        (
            r#""labels": ["a", " "]"#.to_owned(),
            "labels[1]: must be 1 to 255 characters",
        ),
        (
            r#""scheduledAt": "soon""#.to_owned(),
            "scheduledAt: \"soon\" is not an RFC 3339 timestamp such as 2026-09-01T00:00:00.000Z",
        ),
        (
            r#""createdAt": "2026-01-01""#.to_owned(),
            "createdAt: \"2026-01-01\" is not an RFC 3339 timestamp such as \
          2026-09-01T00:00:00.000Z",
        ),
    ];
    for (fields, expected) in cases {
        assert_eq!(error(&fields), format!("{P}.{expected}"), "{fields}");
    }
}

#[test]
fn link_fields_and_what_follows_from_links_name_their_field() {
    let long = "x".repeat(1001);
    let cases = [
        (
            r#""socialAccounts": [{"socialAccountId": "a", "status": "PENDING",
             "liveLink": "https://x.com"}]"#
                .to_owned(),
            "socialAccounts[0].liveLink: is only for a PUBLISHED link (this one is PENDING)",
        ),
        (
            r#""socialAccounts": [{"socialAccountId": "a", "status": "PUBLISHED",
             "liveLink": "x.com"}]"#
                .to_owned(),
            "socialAccounts[0].liveLink: must be an absolute http(s) URL of at most 2048 \
          characters",
        ),
        (
            r#""socialAccounts": [{"socialAccountId": "a", "status": "PUBLISHED",
             "errorMessage": "x"}]"#
                .to_owned(),
            "socialAccounts[0].errorMessage: is only for a FAILED link (this one is PUBLISHED)",
        ),
        (
            format!(
                r#""socialAccounts": [{{"socialAccountId": "a", "status": "FAILED",
             "errorMessage": "{long}"}}]"#
            ),
            "socialAccounts[0].errorMessage: must be 1 to 1000 characters",
        ),
        (
            r#""socialAccounts": [{"socialAccountId": "a", "status": "DRAFT",
             "publishedAt": "2026-01-01T00:00:00Z"}]"#
                .to_owned(),
            "socialAccounts[0].publishedAt: is only for a PUBLISHED link (this one is DRAFT)",
        ),
        (
            r#""socialAccounts": [{"socialAccountId": "a", "status": "PUBLISHED",
             "publishedAt": "now"}]"#
                .to_owned(),
            "socialAccounts[0].publishedAt: \"now\" is not an RFC 3339 timestamp such as \
          2026-09-01T00:00:00.000Z",
        ),
        (
            r#""publishedAt": "2026-01-01T00:00:00Z""#.to_owned(),
            "publishedAt: must agree with the links, which give null (the latest link publishedAt \
          once every link is PUBLISHED)",
        ),
        (
            r#""publishedAt": "2026-01-01T00:00:00Z", "socialAccounts": [{"socialAccountId": "a",
             "status": "PUBLISHED", "publishedAt": "2026-01-02T00:00:00Z"}]"#
                .to_owned(),
            "publishedAt: must agree with the links, which give 2026-01-02T00:00:00.000Z (the \
          latest link publishedAt once every link is PUBLISHED)",
        ),
        (
            r#""errorMessage": "x", "socialAccounts": [{"socialAccountId": "a",
             "status": "FAILED", "errorMessage": "y"}]"#
                .to_owned(),
            "errorMessage: must agree with the links, which give \"y\" (the errorMessage of the \
          first FAILED link)",
        ),
        (
            r#""errorMessage": "x""#.to_owned(),
            "errorMessage: must agree with the links, which give null (the errorMessage of the \
          first FAILED link)",
        ),
    ];
    for (fields, expected) in cases {
        assert_eq!(error(&fields), format!("{P}.{expected}"), "{fields}");
    }
}

#[test]
fn types_are_checked_by_the_parser() {
    for (fields, at) in [
        (r#""designId": 5"#, "scheduledPosts[0].designId"),
        (r#""labels": "launch""#, "scheduledPosts[0].labels"),
        (r#""publishedAt": 1"#, "scheduledPosts[0].publishedAt"),
        (r#""postSetings": {}"#, "scheduledPosts[0].postSetings"),
        (
            r#""socialAccounts": [{"socialAccountId": "a", "status": "DRAFT", "url": "x"}]"#,
            "scheduledPosts[0].socialAccounts[0].url",
        ),
    ] {
        assert!(error(fields).starts_with(&format!("{at}: ")), "{fields}");
    }
}

#[test]
fn facebook_and_pinterest_objects_only_where_enabled() {
    let contract = Platforms::contract();
    assert_eq!(
        error_with(
            r#""facebookPostSettings": {"postType": "image"}"#,
            &contract
        ),
        format!(
            "{P}.facebookPostSettings: \"facebook\" is not an enabled platform (enabled: \
             linkedin, instagram, tiktok, threads; enable it with PLATFORMS or serve --platforms)"
        )
    );
    assert_eq!(
        error_with(r#""postContent": {"pinterest": "x"}"#, &contract),
        format!(
            "{P}.postContent: Post content keys must be one of: common, linkedin, instagram, \
             tiktok, facebook, threads"
        )
    );
    let pinterest = Platforms::parse("pinterest").unwrap();
    assert!(
        error_with(
            r#""pinterestPostSettings": {"postType": "gif"}"#,
            &pinterest
        )
        .starts_with(&format!(
            "{P}.pinterestPostSettings.postType: must be one of"
        ))
    );
}

/// Each settings object of the file is checked as the object of its own key: the record's
/// fields and [`SettingsKey`] agree.
#[test]
fn every_settings_key_is_a_field_of_its_own() {
    for key in crate::SettingsKey::ALL {
        assert_eq!(
            error(&format!(r#""{key}": {{"zzz": 1}}"#)),
            format!("{P}.{key}.zzz: is not allowed")
        );
    }
}
