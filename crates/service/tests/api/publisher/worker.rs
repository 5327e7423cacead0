//! The reference worker (`social-accounts publish … -- CMD`) as a process talking HTTP to a
//! running service: exit codes become reports, SIGTERM finishes what runs and claims nothing
//! more, a worker killed with SIGKILL mid-lease loses nothing (the link comes back after the
//! lease and is published once).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use social_accounts_domain::KeyKind;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use super::{PUBLISH_WORLD, embed_post};
use crate::helpers::{TestApp, binary};

/// `publish --api-url APP ARGS -- sh -c SCRIPT`, in its own process group.
pub fn worker(api: &str, key: &str, args: &[&str], script: &str) -> Child {
    use std::os::unix::process::CommandExt;
    let mut command: Command = binary("sqlite://unused.db", &[("PUBLISHER_KEY", key)]);
    command
        .args(["publish", "--api-url", api])
        .args(args)
        .args(["--", "sh", "-c", script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        // Nobody reads its progress: a pipe left full would stop it.
        .stderr(Stdio::null())
        .process_group(0);
    command.spawn().expect("cannot start the worker")
}

/// Waits for `child` at most `limit`; its exit code.
fn exit_within(child: &mut Child, limit: Duration) -> Option<i32> {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("the worker did not exit within {limit:?}");
}

fn signal(child: &Child, name: &str, group: bool) {
    let target = if group {
        format!("-{}", child.id())
    } else {
        child.id().to_string()
    };
    let status = Command::new("kill")
        .args([name, "--", &target])
        .status()
        .unwrap();
    assert!(status.success());
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn started(backend: Backend) -> (TestApp, String, String) {
    let app = TestApp::builder(TestDb::migrated(backend)).start();
    app.seed(PUBLISH_WORLD);
    let key = app.mint(KeyKind::Publisher, Some("org_p"), None);
    let api = format!("http://{}", app.addr);
    (app, key, api)
}

fn exit_codes_become_reports(backend: Backend) {
    let (app, key, api) = started(backend);
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    // LinkedIn publishes with a live link, Instagram's token is refused.
    let script = format!(
        "cat > {dir}/$CLAIM_ID.json; echo \"$POST_ID $SOCIAL_ACCOUNT_ID $PLATFORM $ATTEMPT\" >> {seen}; \
         if [ \"$PLATFORM\" = instagram ]; then echo 'token revoked by the user' >&2; exit 77; fi; \
         echo '{{\"liveLink\":\"https://x.test/'$POST_ID'\"}}'",
        dir = dir.path().display(),
        seen = seen.display(),
    );
    let mut child = worker(&api, &key, &["--until-idle", "--concurrency", "2"], &script);
    assert_eq!(exit_within(&mut child, Duration::from_secs(60)), Some(0));
    let mut seen = lines(&seen);
    seen.sort();
    assert_eq!(
        seen,
        [
            "post_a acc_ig instagram 1",
            "post_a acc_li linkedin 1",
            "post_b acc_li linkedin 1",
        ]
    );
    let post_a = embed_post(&app, "post_a");
    assert_eq!(post_a["status"], "PARTIALLY_FAILED");
    assert_eq!(
        post_a["socialAccounts"][0]["liveLink"],
        "https://x.test/post_a"
    );
    assert_eq!(
        post_a["socialAccounts"][1]["errorMessage"],
        "token revoked by the user"
    );
    assert_eq!(embed_post(&app, "post_b")["status"], "PUBLISHED");
    // Each command got its claim on stdin, tokens included.
    let claims: Vec<serde_json::Value> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "json")
                .then(|| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
        })
        .collect();
    assert_eq!(claims.len(), 3);
    assert!(
        claims
            .iter()
            .any(|c| c["account"]["accessToken"] == "tok-li")
    );
}

fn sigterm_finishes_what_runs_and_claims_nothing_more(backend: Backend) {
    let (app, key, api) = started(backend);
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    let script = format!(
        "cat > /dev/null; echo \"$POST_ID\" >> {seen}; sleep 2",
        seen = seen.display()
    );
    let mut child = worker(&api, &key, &["--concurrency", "1"], &script);
    let until = Instant::now() + Duration::from_secs(30);
    while lines(&seen).is_empty() {
        assert!(Instant::now() < until, "nothing was claimed");
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&child, "-TERM", false);
    assert_eq!(exit_within(&mut child, Duration::from_secs(30)), Some(0));
    assert_eq!(lines(&seen), ["post_a"], "one command ran, to its end");
    let post = embed_post(&app, "post_a");
    assert_eq!(post["socialAccounts"][0]["status"], "PUBLISHED");
    // Nothing else is held: every other due link is claimable at once.
    let rest = super::claim(&app.publisher_of("org_p"), &json!({}));
    assert_eq!(super::links(&rest).len(), 2);
}

fn a_worker_killed_mid_lease_loses_nothing(backend: Backend) {
    let (app, key, api) = started(backend);
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    let hang = format!(
        "cat > /dev/null; echo \"$POST_ID $ATTEMPT\" >> {seen}; sleep 60",
        seen = seen.display()
    );
    let mut first = worker(
        &api,
        &key,
        &[
            "--concurrency",
            "1",
            "--lease-seconds",
            "10",
            "--platforms",
            "linkedin",
        ],
        &hang,
    );
    let until = Instant::now() + Duration::from_secs(30);
    while lines(&seen).is_empty() {
        assert!(Instant::now() < until, "nothing was claimed");
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&first, "-KILL", true);
    let _ = first.wait();
    std::thread::sleep(Duration::from_secs(11));
    let publish = format!(
        "cat > {dir}/last.json; echo \"$POST_ID $ATTEMPT\" >> {seen}",
        dir = dir.path().display(),
        seen = seen.display()
    );
    let mut second = worker(
        &api,
        &key,
        &["--until-idle", "--platforms", "linkedin"],
        &publish,
    );
    assert_eq!(exit_within(&mut second, Duration::from_secs(60)), Some(0));
    let mut seen = lines(&seen);
    seen.sort();
    // post_a ran twice (the killed attempt, then once more); post_b once.
    assert_eq!(seen, ["post_a 1", "post_a 2", "post_b 1"]);
    assert_eq!(
        embed_post(&app, "post_a")["socialAccounts"][0]["status"],
        "PUBLISHED"
    );
    assert_eq!(
        app.db
            .count("SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE status = 'PUBLISHED'"),
        2
    );
}

/// `serve`'s metrics: the backlog the sweep reads every second, claims, reports by outcome.
fn metrics_show_the_backlog_claims_and_reports(backend: Backend) {
    let app = TestApp::builder(TestDb::migrated(backend)).start();
    app.seed(PUBLISH_WORLD);
    let serve = crate::helpers::ServeProcess::start(
        &app.db.url_arg(),
        &[],
        &[("TOKEN_ENCRYPTION_KEY", app.db.cipher_key())],
    );
    let metric = |name: &str| -> Option<f64> {
        let text = crate::helpers::send(serve.addr, "GET", "/metrics", &[]).body;
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{name} ")))
            .and_then(|value| value.trim().parse().ok())
    };
    let until = Instant::now() + Duration::from_secs(10);
    while metric("publish_due_links") != Some(4.0) {
        assert!(
            Instant::now() < until,
            "publish_due_links: {:?}",
            metric("publish_due_links")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The oldest due link (post_a) is from January.
    assert!(metric("publish_oldest_due_age_seconds").unwrap() > 86_400.0 * 30.0);
    let key = app.mint(KeyKind::Publisher, None, None);
    let authorization = format!("Bearer {key}");
    let headers = [
        ("authorization", authorization.as_str()),
        ("content-type", "application/json"),
    ];
    let claimed = crate::helpers::send_body(
        serve.addr,
        "POST",
        "/publisher/v1/claims",
        &headers,
        Some(r#"{"limit":2}"#),
    );
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    let claims = claimed.json()["claims"].as_array().unwrap().clone();
    for (claim, body) in claims.iter().zip([
        r#"{"outcome":"PUBLISHED"}"#,
        r#"{"outcome":"FAILED","errorMessage":"x","errorCategory":"network","retryable":true}"#,
    ]) {
        let path = format!("/publisher/v1/claims/{}/report", super::id(claim));
        let report = crate::helpers::send_body(serve.addr, "POST", &path, &headers, Some(body));
        assert_eq!(report.status, 200, "{}", report.body);
    }
    assert_eq!(metric("publish_claimed_links_total"), Some(2.0));
    assert_eq!(
        metric("publish_reports_total{outcome=\"published\"}"),
        Some(1.0)
    );
    assert_eq!(
        metric("publish_reports_total{outcome=\"retry\"}"),
        Some(1.0)
    );
    // The sweep reads the backlog again: two links left (the retried one waits its backoff).
    let until = Instant::now() + Duration::from_secs(10);
    while metric("publish_due_links") != Some(2.0) {
        assert!(
            Instant::now() < until,
            "publish_due_links: {:?}",
            metric("publish_due_links")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(metric("publish_lease_expiries_total"), Some(0.0));
}

/// The README's "Publish the demo post": its own three-line script (read from the README), the
/// reference worker, the example file's `post_1` going from `SCHEDULED` to `PUBLISHED`.
fn the_readmes_demo_post_gets_published(backend: Backend) {
    let readme = include_str!("../../../../../README.md");
    let start = readme
        .find("cat > publish.sh <<'SH'\n")
        .expect("no script in the README");
    let lines: Vec<&str> = readme[start..]
        .lines()
        .skip(1)
        .take_while(|line| *line != "SH")
        .collect();
    let script = lines.join("\n") + "\n";
    assert_eq!(script.lines().count(), 3, "{script}");
    let app = TestApp::builder(TestDb::migrated(backend)).start();
    app.seed(include_str!("../../../../../examples/seed.json"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("publish.sh");
    std::fs::write(&path, &script).unwrap();
    let key = app.mint(KeyKind::Publisher, None, None);
    let embed = |id: &str| {
        let response = app.get(&format!("/schedule/{id}"), "pn-test-6a1f0c9e2b7d4e58");
        response.json()["data"].clone()
    };
    assert_eq!(embed("post_1")["status"], "SCHEDULED");
    let mut child = worker(
        &format!("http://{}", app.addr),
        &key,
        &["--until-idle"],
        &format!("sh {}", path.display()),
    );
    assert_eq!(exit_within(&mut child, Duration::from_secs(60)), Some(0));
    let post = embed("post_1");
    assert_eq!(post["status"], "PUBLISHED");
    assert_eq!(
        post["socialAccounts"][0]["liveLink"],
        "https://example.com/post_1"
    );
}

social_accounts_storage::on_both_backends!(
    the_readmes_demo_post_gets_published,
    exit_codes_become_reports,
    sigterm_finishes_what_runs_and_claims_nothing_more,
    a_worker_killed_mid_lease_loses_nothing,
    metrics_show_the_backlog_claims_and_reports,
);
