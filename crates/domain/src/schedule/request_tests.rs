use crate::Platform;
use serde_json::json;

use super::*;

const SCHEDULED_AT: &str = "2026-12-01T09:00:00.000Z";

fn base() -> Value {
    json!({"status": "SCHEDULED", "scheduledAt": SCHEDULED_AT})
}

/// `base()` with `changes` merged in (`null` values are kept: they are part of the tests).
fn body(changes: &Value) -> Value {
    let mut body = base();
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

fn error_with(body: &Value, platforms: &Platforms) -> String {
    match PostRequest::parse(body, platforms) {
        Ok(request) => panic!("accepted {body}: {request:?}"),
        Err(EdgeError(message)) => message,
    }
}

fn error(body: &Value) -> String {
    error_with(body, &Platforms::contract())
}

#[test]
fn the_body_must_be_an_object() {
    for bad in [json!([]), json!("x"), json!(null), json!(1)] {
        assert_eq!(error(&bad), "Request body must be a JSON object");
    }
}

/// Every edge message of rules 1 to 4, alone in an otherwise valid body.
#[test]
fn each_rule_on_status_date_and_design_has_its_message() {
    let cases = [
        (json!({"extra": 1}), "Extra parameters passed in the body."),
        (
            json!({"facebookPostSettings": {}}),
            "Extra parameters passed in the body.",
        ),
        (
            json!({"pinterestPostSettings": null}),
            "Extra parameters passed in the body.",
        ),
        (json!({"status": null}), "Status is required"),
        (json!({"status": ""}), "Status is required"),
        (json!({"status": " \t"}), "Status is required"),
        (
            json!({"status": "draft"}),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (
            json!({"status": "PENDING"}),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (
            json!({"status": 1}),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (
            json!({"status": ["DRAFT"]}),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (json!({"scheduledAt": null}), "Scheduled at is required"),
        (json!({"scheduledAt": "  "}), "Scheduled at is required"),
        (
            json!({"scheduledAt": 1_764_579_600}),
            "Scheduled at must be a string",
        ),
        (json!({"scheduledAt": {}}), "Scheduled at must be a string"),
        (
            json!({"scheduledAt": "tomorrow"}),
            "Scheduled at is not a valid date",
        ),
        (
            json!({"scheduledAt": "2026-02-30"}),
            "Scheduled at is not a valid date",
        ),
        (json!({"designId": 5}), "Design id must be a string"),
        (json!({"designId": {}}), "Design id must be a string"),
    ];
    for (changes, expected) in cases {
        assert_eq!(error(&body(&changes)), expected, "{changes}");
    }
}

/// Every edge message of rules 5 to 8, alone in an otherwise valid body.
#[test]
fn each_rule_on_content_accounts_and_settings_has_its_message() {
    let cases = [
        (json!({"postContent": []}), "Post content must be an object"),
        (
            json!({"postContent": "hello"}),
            "Post content must be an object",
        ),
        (
            json!({"selectedAccounts": {}}),
            "Selected accounts must be an array",
        ),
        (
            json!({"selectedAccounts": "a,b"}),
            "Selected accounts must be an array",
        ),
        (
            json!({"instagramPostSettings": []}),
            "Instagram post settings must be an object",
        ),
        (
            json!({"tiktokPostSettings": "x"}),
            "TikTok post settings must be an object",
        ),
        (
            json!({"linkedinPostSettings": 1}),
            "LinkedIn post settings must be an object",
        ),
        (
            json!({"threadsPostSettings": true}),
            "Threads post settings must be an object",
        ),
        (
            json!({"postSettings": [30]}),
            "Post settings must be an object",
        ),
        (
            json!({"postContent": {"common": "a", "twitter": "b"}}),
            "Post content keys must be one of: common, linkedin, instagram, tiktok, facebook, \
             threads",
        ),
        (
            json!({"postContent": {"pinterest": "b"}}),
            "Post content keys must be one of: common, linkedin, instagram, tiktok, facebook, \
             threads",
        ),
        (
            json!({"postContent": {"common": 1}}),
            "Post content values must be strings",
        ),
        (
            json!({"postContent": {"common": null}}),
            "Post content values must be strings",
        ),
        (
            json!({"selectedAccounts": ["a", 1]}),
            "Selected accounts must be an array of account ids",
        ),
        (
            json!({"selectedAccounts": ["a", " "]}),
            "Selected accounts must be an array of account ids",
        ),
        (
            json!({"selectedAccounts": [null]}),
            "Selected accounts must be an array of account ids",
        ),
    ];
    for (changes, expected) in cases {
        assert_eq!(error(&body(&changes)), expected, "{changes}");
    }
}

/// Two faults at once: the one of the earlier rule (or earlier check) is answered.
#[test]
fn the_first_failing_rule_wins() {
    let cases = [
        (
            json!({"status": null, "extra": 1}),
            "Extra parameters passed in the body.",
        ),
        (
            json!({"status": "x", "scheduledAt": null}),
            "Status must be 'DRAFT' or 'SCHEDULED'",
        ),
        (
            json!({"scheduledAt": "x", "designId": 1}),
            "Scheduled at is not a valid date",
        ),
        (
            json!({"designId": 1, "postContent": []}),
            "Design id must be a string",
        ),
        (
            json!({"postContent": [], "selectedAccounts": 1}),
            "Post content must be an object",
        ),
        (
            json!({"selectedAccounts": 1, "instagramPostSettings": 1}),
            "Selected accounts must be an array",
        ),
        (
            json!({"postSettings": 1, "postContent": {"x": 1}}),
            "Post settings must be an object",
        ),
        // Rule 7 in the order written: the platforms, then postSettings.
        (
            json!({"postSettings": 1, "threadsPostSettings": 1}),
            "Threads post settings must be an object",
        ),
        (
            json!({"linkedinPostSettings": 1, "tiktokPostSettings": 1}),
            "TikTok post settings must be an object",
        ),
        // Rule 8: keys, then values, then accounts.
        (
            json!({"postContent": {"common": 1, "x": "y"}}),
            "Post content keys must be one of: common, linkedin, instagram, tiktok, facebook, \
             threads",
        ),
        (
            json!({"postContent": {"common": 1}, "selectedAccounts": [1]}),
            "Post content values must be strings",
        ),
    ];
    for (changes, expected) in cases {
        assert_eq!(error(&body(&changes)), expected, "{changes}");
    }
}

#[test]
fn facebook_and_pinterest_keys_where_enabled() {
    let all = Platforms::all();
    assert_eq!(
        error_with(
            &body(&json!({"postSettings": 1, "facebookPostSettings": 1})),
            &all
        ),
        "Post settings must be an object"
    );
    assert_eq!(
        error_with(
            &body(&json!({"facebookPostSettings": 1, "pinterestPostSettings": 1})),
            &all
        ),
        "Facebook post settings must be an object"
    );
    assert_eq!(
        error_with(&body(&json!({"pinterestPostSettings": []})), &all),
        "Pinterest post settings must be an object"
    );
    assert_eq!(
        error_with(&body(&json!({"postContent": {"x": ""}})), &all),
        "Post content keys must be one of: common, linkedin, instagram, tiktok, facebook, \
         threads, pinterest"
    );
    let pinterest = Platforms::parse("pinterest").unwrap();
    assert_eq!(
        error_with(&body(&json!({"facebookPostSettings": {}})), &pinterest),
        "Extra parameters passed in the body."
    );
    let request = PostRequest::parse(
        &body(&json!({"pinterestPostSettings": {"postType": "image"},
                      "postContent": {"pinterest": "Pin #it"}})),
        &pinterest,
    )
    .unwrap();
    assert_eq!(
        request
            .settings
            .get(SettingsKey::Platform(Platform::Pinterest)),
        Some(&json!({"postType": "image"}))
    );
    assert_eq!(
        request.captions[0].key,
        CaptionKey::Platform(Platform::Pinterest)
    );
}

#[test]
fn a_minimal_body() {
    let request = PostRequest::parse(&base(), &Platforms::contract()).unwrap();
    assert_eq!(
        request,
        PostRequest {
            status: PostStatus::Scheduled,
            scheduled_at: Timestamp::parse(SCHEDULED_AT).unwrap(),
            design_id: None,
            captions: Vec::new(),
            selected_accounts: Vec::new(),
            settings: PostSettings::default(),
        }
    );
}

#[test]
fn nulls_and_blanks_count_as_absent() {
    let request = PostRequest::parse(
        &body(
            &json!({"designId": null, "postContent": null, "selectedAccounts": null,
                      "instagramPostSettings": null, "postSettings": null}),
        ),
        &Platforms::contract(),
    )
    .unwrap();
    assert_eq!(
        request,
        PostRequest::parse(&base(), &Platforms::contract()).unwrap()
    );
    for blank in ["", "  "] {
        let request =
            PostRequest::parse(&body(&json!({"designId": blank})), &Platforms::contract()).unwrap();
        assert_eq!(request.design_id, None);
    }
}

#[test]
fn a_full_body_is_typed_and_ordered() {
    let sent = json!({
        "status": "DRAFT",
        "scheduledAt": "2026-12-01T10:00:00.5+01:00",
        "designId": "gpmg7dl0t73tukqvbnrtoqw6",
        "postContent": {"threads": "T #x", "common": "C #a #b #a", "linkedin": "  ",
                        "facebook": "F"},
        "selectedAccounts": ["b", "a", "b", "c", "a"],
        "linkedinPostSettings": {"postType": "document", "postTitle": null},
        "tiktokPostSettings": {"postType": "reel", "unknown": true},
        "postSettings": {}
    });
    let request = PostRequest::parse(&sent, &Platforms::contract()).unwrap();
    assert_eq!(request.status, PostStatus::Draft);
    assert_eq!(request.scheduled_at.to_string(), "2026-12-01T09:00:00.500Z");
    assert_eq!(
        request.design_id.as_deref(),
        Some("gpmg7dl0t73tukqvbnrtoqw6")
    );
    let captions: Vec<_> = request
        .captions
        .iter()
        .map(|c| (c.key.as_str(), c.text.as_str(), c.hashtags.join(" ")))
        .collect();
    assert_eq!(
        captions,
        [
            ("common", "C #a #b #a", "a b".to_owned()),
            ("facebook", "F", String::new()),
            ("threads", "T #x", "x".to_owned()),
        ]
    );
    assert_eq!(request.selected_accounts, ["b", "a", "c"]);
    // Kept as sent: settings objects are not checked at the edge, nor defaulted.
    assert_eq!(
        request
            .settings
            .get(SettingsKey::Platform(Platform::Tiktok)),
        Some(&json!({"postType": "reel", "unknown": true}))
    );
    assert_eq!(request.settings.get(SettingsKey::Post), Some(&json!({})));
    assert_eq!(
        request
            .settings
            .get(SettingsKey::Platform(Platform::Instagram)),
        None
    );
}

#[test]
fn a_caption_with_a_nul_character_is_no_string() {
    let platforms = Platforms::contract();
    let content: serde_json::Map<String, Value> =
        serde_json::from_str(r#"{"common": "a\u0000b"}"#).unwrap();
    assert_eq!(
        captions(&content, &platforms).unwrap_err().0,
        "Post content values must be strings"
    );
}
