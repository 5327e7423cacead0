//! Races between the Schedule API and disconnects: only contract statuses, never a 500, never
//! a link to a deleted account.

use serde_json::json;
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, LINKEDIN};
use crate::helpers::{TestApp, draft, send_body};

/// 40 creates and 40 replaces selecting the LinkedIn page race its disconnect.
fn writes_racing_a_disconnect(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let mut body = draft();
    body["selectedAccounts"] = json!([LINKEDIN, "acc_b"]);
    let existing = app.created_id(&body);
    let text = body.to_string();
    let replace_path = format!("/schedule/{existing}");
    let key = [("embed-api-key", KEY_A1)];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for i in 0..80 {
            let (text, path) = (&text, &replace_path);
            let key = &key;
            let addr = app.addr;
            handles.push(scope.spawn(move || {
                let (method, path) = if i % 2 == 0 {
                    ("POST", "/schedule")
                } else {
                    ("PUT", path.as_str())
                };
                send_body(addr, method, path, key, Some(text)).status
            }));
            if i == 20 {
                let addr = app.addr;
                handles.push(scope.spawn(move || {
                    send_body(
                        addr,
                        "DELETE",
                        &format!("/social-account/{LINKEDIN}"),
                        key,
                        None,
                    )
                    .status
                }));
            }
        }
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        statuses.iter().all(|s| [200, 400].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(app.db.orphan_links(), 0);
    assert_eq!(app.db.usage_drift(), []);
    assert_eq!(
        app.db.count(&format!(
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE social_account_id = '{LINKEDIN}'"
        )),
        0,
        "the disconnect removed every link, and no later write made one"
    );
    // Writes after the disconnect are refused. (Which of the racing ones came after it varies:
    // on PostgreSQL new share locks on the account row do not queue behind the disconnect's
    // waiting exclusive one, so under a steady stream it may run only when the stream ends.)
    for method in ["POST", "PUT"] {
        let path = if method == "POST" {
            "/schedule"
        } else {
            replace_path.as_str()
        };
        let after = send_body(app.addr, method, path, &key, Some(&text));
        assert_eq!(
            after.status, 400,
            "{method} after the disconnect: {}",
            after.body
        );
    }
    assert!(
        statuses.iter().filter(|s| **s == 200).count() > 0,
        "some writes came before the disconnect: {statuses:?}"
    );
}

/// 60 replaces of one post, half of them as drafts, race 10 deletes of it: only 200 and 404;
/// whatever survives is one replace whole (its status and its links' statuses agree).
fn replaces_racing_replaces_and_deletes(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let id = app.created_id(&draft());
    let path = format!("/schedule/{id}");
    let mut scheduled = draft();
    scheduled["status"] = json!("SCHEDULED");
    scheduled["designId"] = json!("d1");
    scheduled["selectedAccounts"] = json!([LINKEDIN, "acc_th"]);
    scheduled["threadsPostSettings"] = json!({ "postType": "image" });
    let (draft_text, scheduled_text) = (draft().to_string(), scheduled.to_string());
    let key = [("embed-api-key", KEY_A1)];
    let statuses: Vec<(bool, u16)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..70)
            .map(|i| {
                let (path, key) = (&path, &key);
                let body = if i % 2 == 0 {
                    &draft_text
                } else {
                    &scheduled_text
                };
                let addr = app.addr;
                scope.spawn(move || {
                    if i % 7 == 3 {
                        (true, send_body(addr, "DELETE", path, key, None).status)
                    } else {
                        (false, send_body(addr, "PUT", path, key, Some(body)).status)
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let deletes_won = statuses
        .iter()
        .filter(|(delete, s)| *delete && *s == 200)
        .count();
    assert_eq!(deletes_won, 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|(_, s)| [200, 404].contains(s)),
        "{statuses:?}"
    );
    app.get(&path, KEY_A1)
        .assert(404, crate::fixtures::POST_NOT_FOUND);
    assert_eq!(
        app.db.count(&format!(
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE scheduled_post_id = '{id}'"
        )),
        0
    );
    assert_eq!(app.db.orphan_links(), 0);
    assert_eq!(app.db.usage_drift(), []);
}

/// 60 concurrent replaces of one post: each whole, the last one wins.
fn concurrent_replaces_leave_one_whole_version(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let id = app.created_id(&draft());
    let path = format!("/schedule/{id}");
    let mut scheduled = draft();
    scheduled["status"] = json!("SCHEDULED");
    scheduled["designId"] = json!("d1");
    scheduled["selectedAccounts"] = json!(["acc_th", LINKEDIN]);
    scheduled["threadsPostSettings"] = json!({ "postType": "image" });
    let (draft_text, scheduled_text) = (draft().to_string(), scheduled.to_string());
    let key = [("embed-api-key", KEY_A1)];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..60)
            .map(|i| {
                let (path, key) = (&path, &key);
                let body = if i % 2 == 0 {
                    &draft_text
                } else {
                    &scheduled_text
                };
                let addr = app.addr;
                scope.spawn(move || send_body(addr, "PUT", path, key, Some(body)).status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let post = app.get(&path, KEY_A1).json()["data"].clone();
    let links: Vec<(String, String)> = post["socialAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["socialAccountId"].as_str().unwrap().to_owned(),
                l["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = if post["status"] == "DRAFT" {
        vec![(LINKEDIN.to_owned(), "DRAFT".to_owned())]
    } else {
        vec![
            ("acc_th".to_owned(), "PENDING".to_owned()),
            (LINKEDIN.to_owned(), "PENDING".to_owned()),
        ]
    };
    assert_eq!(links, expected, "one version, whole: {post}");
    assert_eq!(app.db.usage_drift(), []);
}

/// A publisher's reports race replaces of the same post: no error, no deadlock.
fn reports_racing_replaces(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let id = app.created_id(&draft());
    let path = format!("/schedule/{id}");
    let body = draft().to_string();
    let key = [("embed-api-key", KEY_A1)];
    std::thread::scope(|scope| {
        let replaces = scope.spawn(|| {
            (0..25)
                .map(|_| send_body(app.addr, "PUT", &path, &key, Some(&body)).status)
                .collect::<Vec<_>>()
        });
        let reports = scope.spawn(|| {
            (0..25)
                .map(|_| {
                    crate::cli::run(
                        &app.db,
                        &[
                            "links",
                            "set-status",
                            "--post",
                            &id,
                            "--account",
                            LINKEDIN,
                            "--status",
                            "PUBLISHED",
                        ],
                    )
                })
                .collect::<Vec<_>>()
        });
        let statuses = replaces.join().unwrap();
        assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
        for output in reports.join().unwrap() {
            assert!(output.status.success(), "{}", crate::cli::stderr(&output));
        }
    });
    assert_eq!(app.db.orphan_links(), 0);
    assert_eq!(app.db.usage_drift(), []);
}

/// The counts a disconnect answers with are exactly the links it removed, also while creates
/// that link the account are in flight (the writes the disconnect waits for on PostgreSQL):
/// every create answered 200 committed before the disconnect (any later one is refused), so
/// its one draft link is among those removed, beside the account's five imported links.
fn removed_links_are_the_links_removed(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let text = draft().to_string();
    let key = [("embed-api-key", KEY_A1)];
    let (creates, disconnect) = std::thread::scope(|scope| {
        let mut creates = Vec::new();
        let mut disconnect = None;
        for i in 0..60 {
            let (text, key, addr) = (&text, &key, app.addr);
            creates.push(
                scope.spawn(move || send_body(addr, "POST", "/schedule", key, Some(text)).status),
            );
            if i == 30 {
                disconnect = Some(scope.spawn(move || {
                    send_body(
                        addr,
                        "DELETE",
                        &format!("/social-account/{LINKEDIN}"),
                        key,
                        None,
                    )
                }));
            }
        }
        let creates: Vec<u16> = creates.into_iter().map(|h| h.join().unwrap()).collect();
        (creates, disconnect.unwrap().join().unwrap())
    });
    assert!(
        creates.iter().all(|s| [200, 400].contains(s)),
        "{creates:?}"
    );
    let answered_200 = creates.iter().filter(|s| **s == 200).count();
    let mut usage = vec![json!({"status": "PENDING", "_count": 3})];
    if answered_200 > 0 {
        usage.insert(0, json!({"status": "DRAFT", "_count": answered_200}));
    }
    usage.extend([
        json!({"status": "PUBLISHED", "_count": 1}),
        json!({"status": "FAILED", "_count": 1}),
    ]);
    assert_eq!(disconnect.status, 200, "{}", disconnect.body);
    assert_eq!(
        disconnect.json()["data"]["removedLinks"],
        serde_json::Value::Array(usage),
        "{answered_200} creates answered 200: {creates:?}"
    );
    assert_eq!(app.db.orphan_links(), 0);
    assert_eq!(app.db.usage_drift(), []);
}

social_accounts_storage::on_both_backends!(
    writes_racing_a_disconnect,
    removed_links_are_the_links_removed,
    replaces_racing_replaces_and_deletes,
    concurrent_replaces_leave_one_whole_version,
    reports_racing_replaces,
);
