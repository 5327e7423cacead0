use serde_json::json;

use super::*;
use PostStatus::{Draft, Scheduled};

/// The whole message of checking `value` as the object under `key`, or `None` when valid.
pub(super) fn problem(key: SettingsKey, value: &Value, status: PostStatus) -> Option<String> {
    check_object(key, value, status)
        .err()
        .map(|violation| violation.to_string())
}

/// A change that removes the key.
pub(super) const ABSENT: &str = "<absent>";

/// `base` with `changes` merged in (an [`ABSENT`] change removes the key).
pub(super) fn with(base: &Value, changes: &Value) -> Value {
    let mut object = base.as_object().cloned().unwrap();
    for (key, value) in changes.as_object().unwrap() {
        if value == ABSENT {
            object.remove(key);
        } else {
            object.insert(key.clone(), value.clone());
        }
    }
    Value::Object(object)
}

pub(super) fn tiktok_reel() -> Value {
    json!({"postType": "reel", "privacyLevel": "PUBLIC_TO_EVERYONE", "canComment": true,
        "isBrandedContent": false, "isYourBrand": false, "isThirdPartyBrand": false,
        "isAIGeneratedContent": false, "canDuet": true, "canStitch": false})
}

#[test]
fn the_table_has_one_row_per_key_in_the_contracts_order() {
    let names = SettingsKey::RULE_ORDER.map(SettingsKey::as_str);
    assert_eq!(
        names,
        [
            "instagramPostSettings",
            "tiktokPostSettings",
            "linkedinPostSettings",
            "threadsPostSettings",
            "facebookPostSettings",
            "pinterestPostSettings",
            "postSettings"
        ]
    );
    for key in SettingsKey::ALL {
        assert_eq!(object(key).key, key);
    }
}

#[test]
fn minimal_valid_objects() {
    for (key, value) in [
        (
            SettingsKey::Platform(Platform::Instagram),
            json!({"postType": "image", "postAsStory": false}),
        ),
        (SettingsKey::Platform(Platform::Tiktok), tiktok_reel()),
        (
            SettingsKey::Platform(Platform::Linkedin),
            json!({"postType": "carousel"}),
        ),
        (
            SettingsKey::Platform(Platform::Threads),
            json!({"postType": "reel"}),
        ),
        (
            SettingsKey::Platform(Platform::Facebook),
            json!({"postType": "image"}),
        ),
        (
            SettingsKey::Platform(Platform::Pinterest),
            json!({"postType": "carousel"}),
        ),
        (SettingsKey::Post, json!({})),
    ] {
        for status in [Draft, Scheduled] {
            assert_eq!(problem(key, &value, status), None, "{key} {status}");
        }
    }
}

#[test]
fn unknown_keys_come_first_and_the_first_by_name_is_named() {
    let value = json!({"zeta": 1, "postType": "bad", "alpha": 2});
    assert_eq!(
        problem(SettingsKey::Platform(Platform::Threads), &value, Draft).as_deref(),
        Some("threadsPostSettings.alpha is not allowed")
    );
    // A field of another platform is unknown here.
    let value = json!({"postType": "image", "postAsStory": true, "privacyLevel": "SELF_ONLY"});
    assert_eq!(
        problem(SettingsKey::Platform(Platform::Instagram), &value, Draft).as_deref(),
        Some("instagramPostSettings.privacyLevel is not allowed")
    );
}

#[test]
fn not_an_object_names_the_object() {
    assert_eq!(
        problem(
            SettingsKey::Platform(Platform::Instagram),
            &json!([]),
            Draft
        )
        .as_deref(),
        Some("instagramPostSettings must be an object")
    );
}

#[test]
fn conditional_rules_hold_only_when_their_condition_does() {
    let tiktok = tiktok_reel();
    let accepted = [
        // A draft needs no privacy level, and its branded content is not cross-checked.
        (
            SettingsKey::Platform(Platform::Tiktok),
            with(&tiktok, &json!({"privacyLevel": ABSENT})),
            Draft,
        ),
        (
            SettingsKey::Platform(Platform::Tiktok),
            with(&tiktok, &json!({"isBrandedContent": true})),
            Draft,
        ),
        (
            SettingsKey::Platform(Platform::Tiktok),
            with(
                &tiktok,
                &json!({"isBrandedContent": true, "isThirdPartyBrand": true}),
            ),
            Scheduled,
        ),
        (
            SettingsKey::Platform(Platform::Tiktok),
            with(&tiktok, &json!({"privacyLevel": "SELF_ONLY"})),
            Scheduled,
        ),
        // A carousel needs no duet or stitch, a reel no music.
        (
            SettingsKey::Platform(Platform::Tiktok),
            with(
                &tiktok,
                &json!({"postType": "carousel", "canDuet": ABSENT, "canStitch": ABSENT,
                               "autoAddMusic": false}),
            ),
            Scheduled,
        ),
        (
            SettingsKey::Platform(Platform::Linkedin),
            json!({"postType": "document"}),
            Draft,
        ),
        (
            SettingsKey::Platform(Platform::Linkedin),
            json!({"postType": "image", "postTitle": null}),
            Scheduled,
        ),
        (
            SettingsKey::Platform(Platform::Linkedin),
            json!({"postType": "document", "postTitle": "Fives"}),
            Scheduled,
        ),
        (
            SettingsKey::Platform(Platform::Linkedin),
            json!({"postType": "document", "postTitle": "é".repeat(90)}),
            Scheduled,
        ),
        (
            SettingsKey::Platform(Platform::Facebook),
            json!({"postType": "link_carousel"}),
            Draft,
        ),
        (
            SettingsKey::Platform(Platform::Facebook),
            json!({"postType": "carousel", "callToAction": null}),
            Scheduled,
        ),
        (
            SettingsKey::Platform(Platform::Pinterest),
            json!({"postType": "reel", "title": "é".repeat(100)}),
            Draft,
        ),
        (
            SettingsKey::Post,
            json!({"videoDuration": 5, "audioId": "a1"}),
            Draft,
        ),
        (SettingsKey::Post, json!({"videoDuration": 59.999}), Draft),
    ];
    for (key, value, status) in accepted {
        assert_eq!(problem(key, &value, status), None, "{key} {value} {status}");
    }
}

#[test]
fn required_objects_say_why() {
    use Platform::{Instagram, Linkedin, Pinterest, Tiktok};
    let message = |key, selected: &[Platform], design| {
        required_object(key, selected, design).map(|v| v.to_string())
    };
    assert_eq!(
        message(
            SettingsKey::Platform(Platform::Instagram),
            &[Tiktok, Instagram],
            true
        )
        .as_deref(),
        Some(
            "instagramPostSettings is required when an Instagram account is selected and a \
              design is attached"
        )
    );
    assert_eq!(
        message(
            SettingsKey::Platform(Platform::Instagram),
            &[Instagram],
            false
        ),
        None
    );
    assert_eq!(
        message(SettingsKey::Platform(Platform::Instagram), &[Tiktok], true),
        None
    );
    assert_eq!(
        message(
            SettingsKey::Platform(Platform::Linkedin),
            &[Linkedin],
            false
        )
        .as_deref(),
        Some("linkedinPostSettings is required when a LinkedIn account is selected")
    );
    assert_eq!(
        message(
            SettingsKey::Platform(Platform::Pinterest),
            &[Pinterest],
            true
        )
        .as_deref(),
        Some(
            "pinterestPostSettings is required when a Pinterest account is selected and a \
              design is attached"
        )
    );
    assert_eq!(message(SettingsKey::Post, &Platform::ALL, true), None);
}

#[test]
fn a_violation_knows_its_object_and_field() {
    let violation = check_object(
        SettingsKey::Platform(Platform::Tiktok),
        &json!({"postType": "reel", "x": 1}),
        Draft,
    )
    .unwrap_err();
    assert_eq!(violation.object, SettingsKey::Platform(Platform::Tiktok));
    assert_eq!(violation.field.as_deref(), Some("x"));
    assert_eq!(violation.problem, "is not allowed");
}
