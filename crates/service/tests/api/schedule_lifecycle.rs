//! The Schedule API after creation: list (bounds, order, filter), replace, delete, the key
//! check, the publisher's report, and what posts and accounts do to each other.

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_A2, LINKEDIN, POST_NOT_FOUND as NOT_FOUND};
use crate::helpers::{TestApp, draft};

fn at(body: &Value, when: &str) -> Value {
    let mut body = body.clone();
    body["scheduledAt"] = json!(when);
    body
}

fn ids(response: &crate::helpers::Response) -> Vec<String> {
    assert_eq!(response.status, 200, "{}", response.body);
    response.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

fn list_bounds_order_and_filter(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let a = app.created_id(&at(&draft(), "2099-01-02T00:00:00Z"));
    let b = app.created_id(&at(&draft(), "2099-01-01T00:00:00Z"));
    let c = app.created_id(&at(&draft(), "2099-01-01T00:00:00Z"));
    let mut threads_only = at(&draft(), "2099-01-03T00:00:00Z");
    threads_only["selectedAccounts"] = json!(["acc_th"]);
    threads_only
        .as_object_mut()
        .unwrap()
        .remove("linkedinPostSettings");
    let d = app.created_id(&threads_only);
    let list = |query: &str| app.get(&format!("/schedule?{query}"), KEY_A1);
    // Same instant: by id, byte by byte.
    let (first, second) = if b < c { (&b, &c) } else { (&c, &b) };
    assert_eq!(
        ids(&list("fromDate=2099-01-01&toDate=2099-01-03")),
        [first.as_str(), second.as_str(), a.as_str(), d.as_str()]
    );
    // Both bounds inclusive.
    assert_eq!(
        ids(&list(
            "fromDate=2099-01-02T00:00:00Z&toDate=2099-01-02T00:00:00.000Z"
        )),
        [a.as_str()]
    );
    assert_eq!(
        ids(&list("fromDate=2099-01-03&toDate=2099-01-01")),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&list(
            "fromDate=2099-01-01&toDate=2099-12-31&socialAccountIds=acc_th,,unknown"
        )),
        [d]
    );
    assert_eq!(
        ids(&list(
            "fromDate=2099-01-01&toDate=2099-12-31&socialAccountIds=%20,"
        ))
        .len(),
        4,
        "only blank entries: no filter"
    );
    // Another workspace sees none of them.
    assert_eq!(
        ids(&app.get("/schedule?fromDate=2099-01-01&toDate=2099-12-31", KEY_A2)),
        Vec::<String>::new()
    );
    for (query, message) in [
        ("toDate=2099-01-01", "From date is required"),
        ("fromDate=&toDate=2099-01-01", "From date is required"),
        (
            "fromDate=tomorrow&toDate=2099-01-01",
            "From date is not a valid date",
        ),
        ("fromDate=2099-01-01", "To date is required"),
        (
            "fromDate=2099-01-01&toDate=later",
            "To date is not a valid date",
        ),
    ] {
        list(query).assert(422, &format!(r#"{{"status":false,"message":"{message}"}}"#));
    }
}

fn replace_is_whole(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let id = app.created_id(&draft());
    let before = app.get(&format!("/schedule/{id}"), KEY_A1).json()["data"].clone();
    let mut next = json!({
        "status": "SCHEDULED",
        "scheduledAt": "2099-07-01T08:00:00Z",
        "designId": "d1",
        "postContent": { "threads": "Only threads" },
        "selectedAccounts": ["acc_th", "acc_ig"],
        "instagramPostSettings": { "postType": "image", "postAsStory": false },
        "threadsPostSettings": { "postType": "image" },
    });
    let path = format!("/schedule/{id}");
    let replaced = app.send_json("PUT", &path, KEY_A1, &next.to_string());
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    let body = replaced.json();
    assert_eq!(body["message"], "Scheduled post updated");
    let data = &body["data"];
    assert_eq!(data["id"], before["id"]);
    assert_eq!(data["createdAt"], before["createdAt"]);
    assert_ne!(data["updatedAt"], before["updatedAt"]);
    assert_eq!(data["scheduledFor"], "2099-07-01T08:00:00.000Z");
    assert_eq!(data["linkedinPostSettings"], Value::Null);
    assert_eq!(
        data["postContents"],
        json!([{ "platform": "threads", "text": "Only threads", "hashtags": [] }])
    );
    let links: Vec<(&str, &str)> = data["socialAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["socialAccountId"].as_str().unwrap(),
                l["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(links, [("acc_th", "PENDING"), ("acc_ig", "PENDING")]);
    assert_eq!(app.get(&path, KEY_A1).json()["data"], *data);
    // Order of checks: blank id, edge, not found, business.
    next["status"] = json!("LIVE");
    let body = next.to_string();
    app.send_json("PUT", "/schedule/", KEY_A1, &body)
        .assert(422, r#"{"status":false,"message":"Post id is required"}"#);
    app.send_json("PUT", "/schedule/nope", KEY_A1, &body)
        .assert(
            422,
            r#"{"status":false,"message":"Status must be 'DRAFT' or 'SCHEDULED'"}"#,
        );
    next["status"] = json!("SCHEDULED");
    next["scheduledAt"] = json!("2001-01-01");
    let body = next.to_string();
    app.send_json("PUT", "/schedule/nope", KEY_A1, &body)
        .assert(404, NOT_FOUND);
    app.send_json("PUT", "/schedule/a%20b", KEY_A1, &body)
        .assert(404, NOT_FOUND);
    app.send_json("PUT", "/schedule/p6", KEY_A1, &body)
        .assert(404, NOT_FOUND);
    app.send_json("PUT", &path, KEY_A1, &body).assert(
        400,
        r#"{"success":false,"message":"Scheduled at is in the past","error":"Scheduled at is in the past"}"#,
    );
    // A refused replace changed nothing.
    assert_eq!(app.get(&path, KEY_A1).json()["data"], *data);
}

fn delete_and_ids(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let id = app.created_id(&draft());
    let path = format!("/schedule/{id}");
    app.delete(&path, KEY_A2).assert(404, NOT_FOUND);
    app.delete(&path, KEY_A1).assert(
        200,
        r#"{"success":true,"message":"Scheduled post deleted","data":{"message":"Post deleted successfully"}}"#,
    );
    app.delete(&path, KEY_A1).assert(404, NOT_FOUND);
    app.get(&path, KEY_A1).assert(404, NOT_FOUND);
    assert_eq!(app.db.count("SELECT COUNT(*) AS n FROM post_captions"), 0);
    for blank in ["/schedule/", "/schedule/%20"] {
        let required = r#"{"status":false,"message":"Post id is required"}"#;
        app.get(blank, KEY_A1).assert(422, required);
        app.delete(blank, KEY_A1).assert(422, required);
    }
    let long = format!("/schedule/{}", "a".repeat(300));
    for hostile in [
        long.as_str(),
        "/schedule/p6",
        "/schedule/p1%27%20OR%20%271",
        "/schedule/%FF",
    ] {
        app.get(hostile, KEY_A1).assert(404, NOT_FOUND);
        app.delete(hostile, KEY_A1).assert(404, NOT_FOUND);
    }
    // Only POST and PUT take a body here too.
    let filler = "x".repeat(2000);
    crate::helpers::send_body(
        app.addr,
        "DELETE",
        &path,
        &[("embed-api-key", KEY_A1)],
        Some(&filler),
    )
    .assert(
        413,
        r#"{"success":false,"message":"Request body too large"}"#,
    );
    // Authentication comes first.
    app.request("GET", "/schedule/", &[])
        .assert(401, r#"{"status":false,"message":"Unauthorized"}"#);
}

fn key_check(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    app.get("/", KEY_A1).assert(
        200,
        &format!(
            r#"{{"success":true,"data":{{"service":"social-accounts","version":"{}"}}}}"#,
            env!("CARGO_PKG_VERSION")
        ),
    );
    app.request("GET", "/", &[])
        .assert(401, r#"{"status":false,"message":"Unauthorized"}"#);
    app.get("/", crate::fixtures::KEY_FREE).assert(
        402,
        r#"{"status":false,"message":"Embed API requires a paid main plan with the API Credits add-on, or an active Embed API subscription."}"#,
    );
}

fn usage(app: &crate::helpers::TestApp, account: &str) -> Value {
    app.get(&format!("/social-account/{account}"), KEY_A1)
        .json()["data"]["usage"]
        .clone()
}

fn usage_follows_posts_and_disconnects_keep_posts(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    assert_eq!(usage(&app, "acc_th"), json!([]));
    let mut post = draft();
    post["selectedAccounts"] = json!([LINKEDIN, "acc_th"]);
    let id = app.created_id(&post);
    assert_eq!(
        usage(&app, "acc_th"),
        json!([{ "status": "DRAFT", "_count": 1 }])
    );
    post["status"] = json!("SCHEDULED");
    post["designId"] = json!("d1");
    post["threadsPostSettings"] = json!({ "postType": "image" });
    let path = format!("/schedule/{id}");
    assert_eq!(
        app.send_json("PUT", &path, KEY_A1, &post.to_string())
            .status,
        200
    );
    assert_eq!(
        usage(&app, "acc_th"),
        json!([{ "status": "PENDING", "_count": 1 }])
    );
    // Disconnect the Threads account: it leaves the post, the post stays.
    assert_eq!(app.delete("/social-account/acc_th", KEY_A1).status, 200);
    let links = app.get(&path, KEY_A1).json()["data"]["socialAccounts"].clone();
    assert_eq!(links.as_array().unwrap().len(), 1);
    assert_eq!(links[0]["socialAccountId"], LINKEDIN);
    assert_eq!(app.delete(&path, KEY_A1).status, 200);
    assert_eq!(app.db.orphan_links(), 0);
}

fn the_publisher_reports_through_the_cli(backend: Backend) {
    let app = TestApp::with_schedule(backend);
    let mut post = draft();
    post["status"] = json!("SCHEDULED");
    post["designId"] = json!("d1");
    post["selectedAccounts"] = json!([LINKEDIN, "acc_th"]);
    post["threadsPostSettings"] = json!({ "postType": "image" });
    let id = app.created_id(&post);
    let report = |args: &[&str]| {
        let mut all = vec!["links", "set-status", "--post", &id];
        all.extend_from_slice(args);
        crate::cli::run(&app.db, &all)
    };
    let published = report(&[
        "--account",
        LINKEDIN,
        "--status",
        "PUBLISHED",
        "--live-link",
        "https://www.linkedin.com/feed/update/1",
    ]);
    assert!(
        published.status.success(),
        "{}",
        crate::cli::stderr(&published)
    );
    let failed = report(&[
        "--account",
        "acc_th",
        "--status",
        "FAILED",
        "--error",
        "Token expired",
    ]);
    assert!(failed.status.success(), "{}", crate::cli::stderr(&failed));
    let data = app.get(&format!("/schedule/{id}"), KEY_A1).json()["data"].clone();
    assert_eq!(data["socialAccounts"][0]["status"], "PUBLISHED");
    assert_eq!(
        data["socialAccounts"][0]["liveLink"],
        "https://www.linkedin.com/feed/update/1"
    );
    assert!(data["socialAccounts"][0]["publishedAt"].is_string());
    assert_eq!(data["socialAccounts"][1]["errorMessage"], "Token expired");
    assert_eq!(data["errorMessage"], "Token expired");
    assert_eq!(
        data["publishedAt"],
        Value::Null,
        "not every link is published"
    );
    let unknown = report(&["--account", "acc_ig", "--status", "FAILED"]);
    assert!(!unknown.status.success());
    assert!(crate::cli::stderr(&unknown).contains("has no link to account acc_ig"));
    let bad = report(&["--account", "acc_th", "--status", "DONE"]);
    assert!(!bad.status.success());
}

social_accounts_storage::on_both_backends!(
    list_bounds_order_and_filter,
    replace_is_whole,
    delete_and_ids,
    key_check,
    usage_follows_posts_and_disconnects_keep_posts,
    the_publisher_reports_through_the_cli,
    the_readme_walkthrough,
);

/// The README's "Schedule a post" walk-through, step by step, on the example file.
fn the_readme_walkthrough(backend: Backend) {
    let app = crate::helpers::TestApp::builder(social_accounts_storage::testing::TestDb::migrated(
        backend,
    ))
    .start();
    app.seed(include_str!("../../../../examples/seed.json"));
    let key = "pn-test-6a1f0c9e2b7d4e58";
    let account = format!("/social-account/{LINKEDIN}");
    let usage = || app.get(&account, key).json()["data"]["usage"].clone();
    assert_eq!(
        usage(),
        json!([{ "status": "PENDING", "_count": 1 }, { "status": "PUBLISHED", "_count": 1 }])
    );
    let draft = r#"{"status":"DRAFT",
  "scheduledAt":"2099-06-20T10:00:00Z","postContent":{"common":"Hello #launch"},
  "selectedAccounts":["cmqi7jyir0003v0m91hxnyyaq"],"linkedinPostSettings":{"postType":"image"}}"#;
    let created = app.send_json("POST", "/schedule", key, draft);
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(
        created.json()["data"]["postContents"][0]["hashtags"],
        json!(["launch"])
    );
    assert_eq!(
        usage(),
        json!([
            { "status": "DRAFT", "_count": 1 },
            { "status": "PENDING", "_count": 1 },
            { "status": "PUBLISHED", "_count": 1 }
        ])
    );
    assert_eq!(app.delete(&account, key).status, 200);
    let posts = app
        .get("/schedule?fromDate=2026-01-01&toDate=2100-01-01", key)
        .json();
    let posts = posts["data"].as_array().unwrap();
    assert_eq!(posts.len(), 5, "every post stays");
    assert!(posts.iter().all(|p| !p.to_string().contains(LINKEDIN)));
    let failed = posts.iter().find(|p| p["id"] == "post_3").unwrap();
    assert_eq!(failed["errorMessage"], "Instagram rejected the media");
}
