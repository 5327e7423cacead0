//! Two `serve` processes on one PostgreSQL, two reference workers on each: thousands of links,
//! each published exactly once (the command's invocations counted), none left behind.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::json;
use social_accounts_domain::KeyKind;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::{TestDb, import_json};

use super::worker::worker;
use crate::helpers::{ServeProcess, TestApp};

/// Links in all: posts of two links each.
const POSTS: usize = 1500;

#[test]
fn two_instances_and_four_workers_publish_each_link_once() {
    let app = TestApp::builder(TestDb::migrated(Backend::Postgres)).start();
    app.seed(super::PUBLISH_WORLD);
    let posts: Vec<serde_json::Value> = (0..POSTS)
        .map(|i| {
            json!({
                "id": format!("bulk_{i:05}"), "workspaceId": "ws_p", "status": "SCHEDULED",
                "scheduledAt": "2026-03-01T00:00:00Z",
                "socialAccounts": [
                    { "socialAccountId": "acc_li", "status": "PENDING" },
                    { "socialAccountId": "acc_ig", "status": "PENDING" } ],
            })
        })
        .collect();
    import_json(
        &app.db.store(),
        &json!({ "scheduledPosts": posts }).to_string(),
    )
    .unwrap();
    let settings = [
        ("TOKEN_ENCRYPTION_KEY", app.db.cipher_key()),
        ("RATE_LIMIT_PER_SECOND", "0"),
    ];
    let instances = [
        ServeProcess::start(&app.db.url_arg(), &[], &settings),
        ServeProcess::start(&app.db.url_arg(), &[], &settings),
    ];
    let key = app.mint(KeyKind::Publisher, None, None);
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    // One short line per invocation, appended (O_APPEND: whole lines, never interleaved).
    let script = format!(
        "cat > /dev/null; echo \"$POST_ID $SOCIAL_ACCOUNT_ID\" >> {}",
        seen.display()
    );
    let mut workers: Vec<_> = instances
        .iter()
        .flat_map(|instance| {
            let api = format!("http://{}", instance.addr);
            [0, 1].map(|_| worker(&api, &key, &["--until-idle", "--concurrency", "4"], &script))
        })
        .collect();
    for child in &mut workers {
        let until = std::time::Instant::now() + Duration::from_secs(300);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(0));
                break;
            }
            assert!(std::time::Instant::now() < until, "a worker did not finish");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    let text = std::fs::read_to_string(&seen).unwrap();
    let mut invocations: HashMap<&str, u32> = HashMap::new();
    for line in text.lines() {
        *invocations.entry(line).or_default() += 1;
    }
    // The world's three due links of org_p and org_q's one, and the bulk's.
    assert_eq!(invocations.len(), POSTS * 2 + 4, "every due link ran");
    let twice: Vec<_> = invocations.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "links published more than once: {twice:?}"
    );
    assert_eq!(
        app.db.count(
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts \
             WHERE status = 'PUBLISHED' AND scheduled_post_id LIKE 'bulk_%'"
        ),
        i64::try_from(POSTS * 2).unwrap()
    );
    assert!(app.db.usage_drift().is_empty());
}
