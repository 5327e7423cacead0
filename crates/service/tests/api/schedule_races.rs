//! Races between the Schedule API and disconnects: only contract statuses, never a 500, never
//! a link to a deleted account.

use serde_json::json;
use social_accounts_storage::Backend;

use crate::fixtures::KEY_A1;
use crate::helpers::send_body;
use crate::schedule::{LINKEDIN, app, created_id, draft};

/// 40 creates and 40 replaces selecting the LinkedIn page race its disconnect.
fn writes_racing_a_disconnect(backend: Backend) {
    let app = app(backend);
    let mut body = draft();
    body["selectedAccounts"] = json!([LINKEDIN, "acc_b"]);
    let existing = created_id(&app, &body);
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
    assert_eq!(
        app.db.count(&format!(
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE social_account_id = '{LINKEDIN}'"
        )),
        0,
        "the disconnect removed every link, and no later write made one"
    );
    assert!(
        statuses.contains(&400),
        "some writes came after the disconnect: {statuses:?}"
    );
}

social_accounts_storage::on_both_backends!(writes_racing_a_disconnect);
