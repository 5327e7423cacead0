//! The import's designs and full scheduled posts.

use serde_json::{Value, json};

use super::*;
use crate::{CaptionKey, LinkStatus, Platform, Platforms, SettingsKey, Timestamp};

const NOW: &str = "2026-06-19T12:00:00.000Z";

/// The provisioning page's example, designs and full post included.
const SPEC_EXAMPLE: &str = r#"{
  "workspaces": [ { "id": "ws_456", "organizationId": "org_123", "name": "Marketing" } ],
  "designs": [
    { "id": "gpmg7dl0t73tukqvbnrtoqw6", "workspaceId": "ws_456", "name": "Q3 carousel",
      "designType": "carousel", "source": "editor" }
  ],
  "scheduledPosts": [
    { "id": "post_1", "workspaceId": "ws_456", "status": "SCHEDULED",
      "scheduledAt": "2026-12-01T09:00:00.000Z", "designId": "gpmg7dl0t73tukqvbnrtoqw6",
      "labels": ["launch"], "postContent": { "common": "Launch day #relaunch" },
      "linkedinPostSettings": { "postType": "carousel", "postTitle": null },
      "socialAccounts": [ { "socialAccountId": "cmqi7jyir0003v0m91hxnyyaq", "status": "PENDING" } ] }
  ]
}"#;

fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

fn batch_with(text: &str, platforms: &Platforms) -> Result<ImportBatch, ImportError> {
    super::stream_tests::both(text, now(), platforms)
}

/// `base` with the JSON members `fields` (`"a": 1, "b": 2`) merged in, replacing.
fn merged(mut base: Value, fields: &str) -> Value {
    let extra: Value = serde_json::from_str(&format!("{{{fields}}}")).unwrap();
    for (key, value) in extra.as_object().unwrap() {
        base[key] = value.clone();
    }
    base
}

/// A file with one post in `ws`, `SCHEDULED` unless `fields` says otherwise.
fn post_file(fields: &str) -> String {
    let record = merged(json!({"workspaceId": "ws", "status": "SCHEDULED"}), fields);
    json!({ "scheduledPosts": [record] }).to_string()
}

fn post(fields: &str) -> NewScheduledPost {
    let mut batch = batch_with(&post_file(fields), &Platforms::all()).unwrap();
    batch.scheduled_posts.remove(0)
}

pub(super) fn error_with(fields: &str, platforms: &Platforms) -> String {
    match batch_with(&post_file(fields), platforms) {
        Ok(batch) => panic!("accepted {fields}: {batch:?}"),
        Err(e) => e.to_string(),
    }
}

pub(super) fn error(fields: &str) -> String {
    error_with(fields, &Platforms::all())
}

#[test]
fn the_spec_example_with_designs_is_valid() {
    let batch = batch_with(SPEC_EXAMPLE, &Platforms::contract()).unwrap();
    let design = &batch.designs[0];
    assert_eq!(design.workspace_id.as_str(), "ws_456");
    assert_eq!(design.design.id.as_str(), "gpmg7dl0t73tukqvbnrtoqw6");
    assert_eq!(
        (
            design.design.name.as_str(),
            design.design.design_type.as_str()
        ),
        ("Q3 carousel", "carousel")
    );
    assert_eq!(design.design.source, "editor");
    let post = &batch.scheduled_posts[0];
    assert_eq!(post.design_id.as_ref(), Some(&design.design.id));
    assert_eq!(post.labels.as_deref(), Some(&["launch".to_owned()][..]));
    assert_eq!(post.scheduled_at.to_string(), "2026-12-01T09:00:00.000Z");
    assert_eq!(post.created_at, now());
    assert_eq!(post.captions[0].hashtags, ["relaunch"]);
    assert_eq!(
        post.settings.get(SettingsKey::Platform(Platform::Linkedin)),
        Some(&json!({"postType": "carousel", "postTitle": null}))
    );
    assert_eq!(post.links[0].status, LinkStatus::Pending);
    assert_eq!(post.links[0].live_link, None);
}

#[test]
fn designs_mint_ids_and_name_their_bad_fields() {
    let design = |fields: &str| {
        let base = json!({"workspaceId": "ws", "name": "n", "designType": "t", "source": "s"});
        json!({ "designs": [merged(base, fields)] }).to_string()
    };
    let batch = batch_with(&design(""), &Platforms::contract()).unwrap();
    assert_eq!(batch.designs[0].design.id.as_str().len(), 25);
    let long = "x".repeat(256);
    for (fields, expected) in [
        (
            r#""id": "a b""#.to_owned(),
            "designs[0].id: id contains ' '; only ASCII letters, digits, '_' and '-' are allowed",
        ),
        (
            r#""workspaceId": """#.to_owned(),
            "designs[0].workspaceId: id is blank",
        ),
        (
            r#""name": " ""#.to_owned(),
            "designs[0].name: must be 1 to 255 characters",
        ),
        (
            r#""designType": """#.to_owned(),
            "designs[0].designType: must be 1 to 255 characters",
        ),
        (
            format!(r#""source": "{long}""#),
            "designs[0].source: must be 1 to 255 characters",
        ),
    ] {
        let got = batch_with(&design(&fields), &Platforms::contract()).unwrap_err();
        assert_eq!(got.to_string(), expected, "{fields}");
    }
    let unknown = design(r#""kind": "x""#);
    let got = batch_with(&unknown, &Platforms::contract()).unwrap_err();
    assert_eq!(got.at, "designs[0].kind");
    let missing = r#"{"designs": [{"workspaceId": "ws", "name": "n", "designType": "t"}]}"#;
    let got = batch_with(missing, &Platforms::contract()).unwrap_err();
    assert_eq!(got.at, "designs[0]");
    assert!(got.message.starts_with("missing field `source`"), "{got}");
}

#[test]
fn a_post_with_every_field() {
    let post = post(
        r#""id": "p1", "status": "SCHEDULED", "scheduledAt": "2026-06-20T12:00:00+02:00",
        "createdAt": "2026-06-01T08:00:00Z", "designId": "d1", "labels": ["a", "b"],
        "postContent": {"threads": "T", "common": "C #x", "pinterest": "P"},
        "postSettings": {"audioId": "song"},
        "instagramPostSettings": {"postType": "reel", "postAsStory": false},
        "tiktokPostSettings": {"postType": "carousel", "privacyLevel": "PUBLIC_TO_EVERYONE",
            "canComment": true, "isBrandedContent": true, "isYourBrand": true,
            "isThirdPartyBrand": false, "isAIGeneratedContent": false, "autoAddMusic": true,
            "postTitle": null},
        "linkedinPostSettings": {"postType": "document", "postTitle": "Quarterly results"},
        "threadsPostSettings": {"postType": "image"},
        "facebookPostSettings": {"postType": "link_carousel", "linkUrl": "https://x.com",
            "callToAction": null, "showEndCard": false},
        "pinterestPostSettings": {"postType": "image", "title": "T", "link": "https://x.com"},
        "publishedAt": "2026-06-20T10:05:00Z",
        "socialAccounts": [
            {"socialAccountId": "a1", "status": "PUBLISHED", "liveLink": "https://x.com/1",
             "publishedAt": "2026-06-20T10:05:00Z"},
            {"socialAccountId": "a2", "status": "PUBLISHED", "publishedAt": "2026-06-20T10:01:00Z"}
        ]"#,
    );
    assert_eq!(post.id.as_str(), "p1");
    assert_eq!(post.scheduled_at.to_string(), "2026-06-20T10:00:00.000Z");
    assert_eq!(post.created_at.to_string(), "2026-06-01T08:00:00.000Z");
    assert_eq!(
        post.design_id.as_ref().map(crate::DesignId::as_str),
        Some("d1")
    );
    let keys: Vec<_> = post.captions.iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            CaptionKey::Common,
            CaptionKey::Platform(Platform::Threads),
            CaptionKey::Platform(Platform::Pinterest)
        ]
    );
    // Every object kept as written; the given postSettings stays (no reel default over it).
    for key in SettingsKey::ALL {
        assert!(post.settings.get(key).is_some(), "{key}");
    }
    assert_eq!(
        post.settings.get(SettingsKey::Post),
        Some(&json!({"audioId": "song"}))
    );
    assert_eq!(post.links.len(), 2);
    assert_eq!(post.links[0].live_link.as_deref(), Some("https://x.com/1"));
    assert_eq!(
        post.links[1].published_at.map(|t| t.to_string()).as_deref(),
        Some("2026-06-20T10:01:00.000Z")
    );
}

#[test]
fn defaults_for_history() {
    // No scheduledAt: createdAt, else now. A reel gets its postSettings. Blank designId: none.
    let post1 = post(r#""createdAt": "2026-01-02T03:04:05Z", "designId": " ""#);
    assert_eq!(post1.scheduled_at.to_string(), "2026-01-02T03:04:05.000Z");
    assert_eq!(post1.design_id, None);
    let post2 = post(r#""threadsPostSettings": {"postType": "reel"}"#);
    assert_eq!((post2.scheduled_at, post2.created_at), (now(), now()));
    assert_eq!(
        post2.settings.get(SettingsKey::Post),
        Some(&json!({"videoDuration": 30}))
    );
    assert_eq!(post2.labels, None);
    assert!(post2.captions.is_empty() && post2.links.is_empty());
}

#[test]
fn no_rules_of_time_or_completeness() {
    // Past, no caption, no design, LinkedIn and Instagram accounts without their objects.
    let post = post(
        r#""scheduledAt": "2020-01-01", "socialAccounts": [
            {"socialAccountId": "li", "status": "FAILED", "errorMessage": "token expired"},
            {"socialAccountId": "ig", "status": "FAILED"}], "errorMessage": "token expired""#,
    );
    assert_eq!(post.scheduled_at.to_string(), "2020-01-01T00:00:00.000Z");
    assert_eq!(post.links[1].error_message, None);
}

#[test]
fn the_report_counts_designs() {
    let report = ImportReport {
        designs: 2,
        scheduled_posts: 3,
        ..ImportReport::default()
    };
    assert_eq!(
        report.to_string(),
        "0 organizations, 0 workspaces, 0 API keys, 0 social accounts, 2 designs, 3 scheduled \
         posts, 0 links"
    );
}
