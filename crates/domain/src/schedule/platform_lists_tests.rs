//! Every platform through every list derived from the platforms' rows: a new platform is one
//! row in `platform.rs` (and its settings object's rules in `settings_table.rs`), and these
//! tests say where it then shows up. The contract's own orders are pinned name by name.

use serde_json::json;

use super::settings_table::object;
use super::*;
use crate::{Platform, Platforms, SocialAccountId, Timestamp};

fn count<T: PartialEq>(list: &[T], item: &T) -> usize {
    list.iter().filter(|x| *x == item).count()
}

#[test]
fn every_platform_is_in_every_list_once() {
    let all = Platforms::all();
    for platform in Platform::ALL {
        let facts = platform.facts();
        assert!(all.contains(platform), "{platform}");
        assert_eq!(
            Platforms::CONTRACT.contains(&platform),
            facts.in_contract,
            "{platform}"
        );
        assert!(!platform.account_types().is_empty(), "{platform}");
        let caption = CaptionKey::Platform(platform);
        assert_eq!(count(&CaptionKey::ALL, &caption), 1, "{platform}");
        assert_eq!(CaptionKey::parse(facts.caption_key), Some(caption));
        let settings = SettingsKey::Platform(platform);
        for list in [
            SettingsKey::ALL,
            SettingsKey::IN_POST_OBJECT,
            SettingsKey::EDGE_ORDER,
            SettingsKey::RULE_ORDER,
        ] {
            assert_eq!(count(&list, &settings), 1, "{platform}");
            assert_eq!(count(&list, &SettingsKey::Post), 1, "{platform}");
        }
        assert_eq!(SettingsKey::parse(facts.settings_key), Some(settings));
        assert_eq!(object(settings).key, settings, "{platform}: no rules row");
        assert!(settings.label().starts_with(facts.display_name));
        // Served: its caption and settings keys are taken. Not served: only what the rows say
        // the hosted API takes everywhere.
        let alone = Platforms::parse(platform.as_str()).unwrap();
        assert!(CaptionKey::allowed(&alone).contains(&caption));
        assert!(SettingsKey::allowed(&alone).contains(&settings));
        let others = Platforms::parse(
            &Platform::ALL
                .iter()
                .filter(|p| **p != platform)
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
        .unwrap();
        assert_eq!(
            CaptionKey::allowed(&others).contains(&caption),
            facts.caption_always,
            "{platform}"
        );
        assert_eq!(
            SettingsKey::allowed(&others).contains(&settings),
            facts.in_contract,
            "{platform}"
        );
    }
}

#[test]
fn the_contracts_platforms_come_first_in_its_settings_table() {
    let table: Vec<_> = SettingsKey::ALL
        .iter()
        .filter_map(|k| k.platform())
        .collect();
    let first_other = table.iter().position(|p| !p.facts().in_contract);
    if let Some(at) = first_other {
        assert!(
            table[at..].iter().all(|p| !p.facts().in_contract),
            "{table:?}"
        );
    }
}

#[test]
fn the_contracts_orders() {
    let names = |keys: &[SettingsKey]| keys.iter().map(|k| k.as_str()).collect::<Vec<_>>();
    let [
        post,
        instagram,
        tiktok,
        linkedin,
        threads,
        facebook,
        pinterest,
    ] = [
        "postSettings",
        "instagramPostSettings",
        "tiktokPostSettings",
        "linkedinPostSettings",
        "threadsPostSettings",
        "facebookPostSettings",
        "pinterestPostSettings",
    ];
    assert_eq!(
        names(&SettingsKey::ALL),
        [
            post, instagram, tiktok, linkedin, threads, facebook, pinterest
        ]
    );
    assert_eq!(
        names(&SettingsKey::IN_POST_OBJECT),
        [
            post, instagram, linkedin, tiktok, threads, facebook, pinterest
        ]
    );
    assert_eq!(
        names(&SettingsKey::EDGE_ORDER),
        [
            instagram, tiktok, linkedin, threads, post, facebook, pinterest
        ]
    );
    assert_eq!(
        names(&SettingsKey::RULE_ORDER),
        [
            instagram, tiktok, linkedin, threads, facebook, pinterest, post
        ]
    );
    assert_eq!(
        CaptionKey::names(),
        "common, linkedin, instagram, tiktok, facebook, threads, pinterest"
    );
}

/// Rule 5, walked over every platform: a scheduled post without a design is refused for
/// exactly the platforms whose rows say so, by name.
#[test]
fn a_design_to_schedule_follows_the_rows() {
    let now = Timestamp::parse("2026-06-19T12:00:00Z").unwrap();
    for platform in Platform::ALL {
        let body = json!({
            "status": "SCHEDULED",
            "scheduledAt": "2026-06-20T10:00:00Z",
            "postContent": {"common": "Hello"},
            "selectedAccounts": ["acc_1"],
        });
        let request = PostRequest::parse(&body, &Platforms::all()).unwrap();
        let found = [(SocialAccountId::parse("acc_1").unwrap(), platform)];
        let refused = check(request, now, None, &found).err().map(|v| v.0);
        let wanted = format!(
            "A design is required to schedule to {}",
            platform.display_name()
        );
        assert_eq!(
            refused.as_deref() == Some(wanted.as_str()),
            platform.facts().design_to_schedule,
            "{platform}: {refused:?}"
        );
    }
}
