use serde_json::{Value, json};

use super::*;
use crate::schedule::{CaptionKey, SettingsKey};
use crate::{Platform, Platforms};

const NOW: &str = "2026-06-19T12:00:00.000Z";
const FUTURE: &str = "2026-06-20T10:00:00.000Z";
const DESIGN: &str = "gpmg7dl0t73tukqvbnrtoqw6";

fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

fn design() -> Design {
    Design {
        id: DesignId::parse(DESIGN).unwrap(),
        name: "Q3 carousel".to_owned(),
        design_type: "carousel".to_owned(),
        source: "editor".to_owned(),
    }
}

/// One account per platform, named after it (`linkedin`, ...), as the storage finds them.
fn accounts() -> Vec<(SocialAccountId, Platform)> {
    Platform::ALL
        .into_iter()
        .rev()
        .map(|p| (SocialAccountId::parse(p.as_str()).unwrap(), p))
        .collect()
}

/// A scheduled post for [`FUTURE`] with a caption, plus `changes`, through the edge.
fn request(changes: &Value) -> PostRequest {
    let mut body = json!({"status": "SCHEDULED", "scheduledAt": FUTURE,
                          "postContent": {"common": "Hello #world"}});
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    PostRequest::parse(&body, &Platforms::all()).unwrap()
}

/// `check` with the design found when asked for (and `found_design` says so).
fn run(changes: &Value, found_design: bool) -> Result<NewPost, RuleViolation> {
    let design = design();
    check(
        request(changes),
        now(),
        found_design.then_some(&design),
        &accounts(),
    )
}

fn error(changes: &Value) -> String {
    run(changes, true).unwrap_err().to_string()
}

fn history(changes: &Value, found_design: bool) -> Result<NewPost, RuleViolation> {
    let design = design();
    check_history(
        request(changes),
        found_design.then_some(&design),
        &accounts(),
    )
}

#[test]
fn a_caption_only_post_passes() {
    let post = run(&json!({"selectedAccounts": ["threads"]}), false).unwrap();
    assert_eq!(
        post,
        NewPost {
            status: PostStatus::Scheduled,
            scheduled_at: Timestamp::parse(FUTURE).unwrap(),
            design_id: None,
            captions: vec![Caption::new(CaptionKey::Common, "Hello #world")],
            settings: PostSettings::default(),
            accounts: vec![SocialAccountId::parse("threads").unwrap()],
            link_status: LinkStatus::Pending,
        }
    );
}

#[test]
fn each_rule_has_its_message() {
    let linkedin = json!({"postType": "image"});
    let cases = [
        (json!({"scheduledAt": NOW}), "Scheduled at is in the past"),
        (
            json!({"scheduledAt": "2026-06-19T11:59:59.999Z", "status": "DRAFT"}),
            "Scheduled at is in the past",
        ),
        (json!({"designId": "nope"}), "Design not found."),
        (
            json!({"selectedAccounts": ["linkedin", "stranger"], "linkedinPostSettings": linkedin}),
            "Selected accounts must belong to your workspace",
        ),
        (
            json!({"postContent": {"common": " ", "linkedin": ""}}),
            "Post content must be a non-empty caption when no design is attached",
        ),
        (
            json!({"postContent": null}),
            "Post content must be a non-empty caption when no design is attached",
        ),
        (
            json!({"selectedAccounts": ["threads", "linkedin"], "linkedinPostSettings": linkedin}),
            "A design is required to schedule to LinkedIn",
        ),
        (
            json!({"selectedAccounts": ["facebook"]}),
            "A design is required to schedule to Facebook",
        ),
        (
            json!({"selectedAccounts": ["pinterest", "instagram"]}),
            "A design is required to schedule to Pinterest",
        ),
        (
            json!({"selectedAccounts": ["pinterest", "facebook"]}),
            "A design is required to schedule to Facebook",
        ),
        (
            json!({"status": "DRAFT", "selectedAccounts": ["linkedin"]}),
            "linkedinPostSettings is required when a LinkedIn account is selected",
        ),
        (
            json!({"designId": DESIGN, "selectedAccounts": ["instagram"]}),
            "instagramPostSettings is required when an Instagram account is selected and a design \
          is attached",
        ),
        (
            json!({"designId": DESIGN, "selectedAccounts": ["facebook"]}),
            "facebookPostSettings is required when a Facebook account is selected and a design is \
          attached",
        ),
        (
            json!({"threadsPostSettings": {"postType": "story"}}),
            "threadsPostSettings.postType must be one of: carousel, image, reel",
        ),
    ];
    for (changes, expected) in cases {
        assert_eq!(error(&changes), expected, "{changes}");
    }
    // A design with another id than the one asked for is not the one asked for.
    let other = Design {
        id: DesignId::parse("other").unwrap(),
        ..design()
    };
    assert_eq!(
        check(
            request(&json!({"designId": DESIGN})),
            now(),
            Some(&other),
            &[]
        ),
        Err(RuleViolation("Design not found.".to_owned()))
    );
}

#[test]
fn the_first_failing_rule_wins() {
    let cases = [
        (
            json!({"scheduledAt": NOW, "designId": "nope"}),
            "Scheduled at is in the past",
        ),
        (
            json!({"designId": "nope", "selectedAccounts": ["x"]}),
            "Design not found.",
        ),
        (
            json!({"selectedAccounts": ["x"], "postContent": null}),
            "Selected accounts must belong to your workspace",
        ),
        (
            json!({"postContent": null, "selectedAccounts": ["linkedin"]}),
            "Post content must be a non-empty caption when no design is attached",
        ),
        (
            json!({"selectedAccounts": ["linkedin"]}),
            "A design is required to schedule to LinkedIn",
        ),
        // Rule 6 in the table's order: Instagram, TikTok, LinkedIn, Threads, Facebook,
        // Pinterest, postSettings; a missing object before the fields of a later one.
        (
            json!({"designId": DESIGN, "selectedAccounts": ["instagram"],
                "tiktokPostSettings": {"postType": "x"}}),
            "instagramPostSettings is required when an Instagram account is selected and a design \
          is attached",
        ),
        (
            json!({"linkedinPostSettings": {}, "tiktokPostSettings": {}}),
            "tiktokPostSettings.postType is required",
        ),
        (
            json!({"postSettings": {"x": 1}, "pinterestPostSettings": {"x": 1}}),
            "pinterestPostSettings.x is not allowed",
        ),
        (
            json!({"postSettings": {"x": 1}, "facebookPostSettings": {"postType": "x"}}),
            "facebookPostSettings.postType must be one of: carousel, link_carousel, image, reel",
        ),
    ];
    for (changes, expected) in cases {
        assert_eq!(error(&changes), expected, "{changes}");
    }
}

#[test]
fn objects_are_required_only_with_their_platform_and_design() {
    // No design: only LinkedIn's object is required (and a draft needs no design).
    let draft = json!({"status": "DRAFT", "selectedAccounts":
        ["instagram", "tiktok", "threads", "facebook", "pinterest"]});
    assert!(run(&draft, false).is_ok());
    // A design and no account of the platform: nothing required.
    assert!(run(&json!({"designId": DESIGN}), true).is_ok());
    // With a design, a carousel needs nothing else.
    let post = run(
        &json!({"designId": DESIGN, "postContent": null, "selectedAccounts": ["linkedin"],
                "linkedinPostSettings": {"postType": "carousel"}}),
        true,
    )
    .unwrap();
    assert_eq!(post.design_id, Some(design().id));
    assert!(post.captions.is_empty());
}

#[test]
fn output_keeps_selected_order_and_applies_only_the_reel_default() {
    let facebook = json!({"postType": "image"});
    let post = run(
        &json!({"status": "DRAFT", "designId": DESIGN,
                "selectedAccounts": ["tiktok", "facebook", "linkedin"],
                "linkedinPostSettings": {"postType": "reel"},
                "tiktokPostSettings": {"postType": "carousel", "canComment": true,
                    "isBrandedContent": false, "isYourBrand": false, "isThirdPartyBrand": false,
                    "isAIGeneratedContent": true, "autoAddMusic": false},
                "facebookPostSettings": facebook}),
        true,
    )
    .unwrap();
    let ids: Vec<_> = post.accounts.iter().map(SocialAccountId::as_str).collect();
    assert_eq!(ids, ["tiktok", "facebook", "linkedin"]);
    assert_eq!(post.link_status, LinkStatus::Draft);
    assert_eq!(post.status, PostStatus::Draft);
    assert_eq!(
        post.settings.get(SettingsKey::Post),
        Some(&json!({"videoDuration": 30}))
    );
    // Facebook's defaults are documented, not filled in.
    assert_eq!(
        post.settings.get(SettingsKey::Platform(Platform::Facebook)),
        Some(&facebook)
    );
}

#[test]
fn history_skips_time_and_completeness_but_not_shape_or_ownership() {
    let old = json!({"scheduledAt": "2020-01-01T00:00:00Z", "postContent": null,
                     "selectedAccounts": ["linkedin", "instagram"]});
    let post = history(&old, false).unwrap();
    assert_eq!(post.scheduled_at.to_string(), "2020-01-01T00:00:00.000Z");
    assert!(post.settings.is_empty());
    let with_design = json!({"designId": DESIGN, "selectedAccounts": ["instagram"]});
    assert!(history(&with_design, true).is_ok());
    for (changes, found, expected) in [
        (json!({"designId": DESIGN}), false, "Design not found."),
        (
            json!({"selectedAccounts": ["x"]}),
            true,
            "Selected accounts must belong to your workspace",
        ),
        (
            json!({"instagramPostSettings": {"postType": "image"}}),
            true,
            "instagramPostSettings.postAsStory is required",
        ),
    ] {
        assert_eq!(
            history(&changes, found).unwrap_err().to_string(),
            expected,
            "{changes}"
        );
    }
}
