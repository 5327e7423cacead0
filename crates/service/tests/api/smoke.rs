//! The real binary, as a new user runs it: `serve` on an empty embedded database prints a key
//! once, the key works, SIGTERM stops it with exit code 0.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::helpers::send;

#[test]
fn serve_bootstraps_answers_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_social-accounts"))
        .current_dir(dir.path())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("DATABASE_URL")
        .env_remove("TOKEN_ENCRYPTION_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().expect("no stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (mut key, mut addr) = (None, None);
    while addr.is_none() {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("serve printed no address: {e}"));
        if let Some(k) = line.split_whitespace().find(|w| w.starts_with("sak_")) {
            key.get_or_insert_with(|| k.trim_matches('"').to_owned());
        }
        addr = crate::helpers::listening_address(&line);
    }
    let key = key.expect("no bootstrap key printed");
    let addr = addr.expect("bad address");

    let response = send(addr, "GET", "/social-account", &[("embed-api-key", &key)]);
    assert_eq!(
        (response.status, response.body.as_str()),
        (
            200,
            r#"{"success":true,"data":{"socialAccounts":{"linkedin":[],"instagram":[],"tiktok":[],"threads":[]}}}"#
        )
    );
    let key_file = dir.path().join("data/social-accounts.db.key");
    assert!(key_file.exists(), "the token key file was not created");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_default();
        assert_eq!(mode, 0o600);
    }

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    assert!(killed.map(|s| s.success()).unwrap_or(false));
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "serve must exit 0 after SIGTERM");
    let mut logs = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut stderr, &mut logs);
    }
    assert!(!logs.contains(&key), "the key reached the log");
}

/// Traffic with keys in both headers and tokens in the database, logged at `debug` as JSON,
/// a publisher's claim handing tokens out and its report included, a webhook endpoint's two
/// secrets signing a delivery: no key, token or secret may reach a log line, while the request
/// lines are there.
#[test]
fn logs_never_carry_keys_or_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("logs.db").display());
    let seed = dir.path().join("seed.json");
    std::fs::write(&seed, crate::fixtures::WORLD).unwrap();
    let bin = env!("CARGO_BIN_EXE_social-accounts");
    let envs = [("RUST_LOG", "debug"), ("LOG_FORMAT", "json")];
    let seeded = Command::new(bin)
        .args(["--database-url", &db, "seed", "--file"])
        .arg(&seed)
        .envs(envs)
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let mint = |kind: &str| {
        let minted = Command::new(bin)
            .args(["--database-url", &db, "keys", "create", "--kind", kind])
            .envs(envs)
            .output()
            .unwrap();
        assert!(minted.status.success());
        String::from_utf8_lossy(&minted.stdout).trim().to_owned()
    };
    let (publisher_key, operator_key) = (mint("publisher"), mint("operator"));

    let mut child = Command::new(bin)
        .args(["--database-url", &db, "serve", "--bind", "127.0.0.1:0"])
        .envs(envs)
        .env("WEBHOOK_ALLOW_PRIVATE", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().expect("no stdout");
    let addr = crate::helpers::wait_for_address(stdout);
    let hooks = crate::helpers::receiver::Receiver::start();
    let webhook_secrets = register_and_rotate(addr, &operator_key, &hooks.url());
    let key = crate::fixtures::KEY_A1;
    let bearer = format!("Bearer {key}");
    for (method, path, header) in [
        ("GET", "/social-account", ("embed-api-key", key)),
        (
            "GET",
            "/social-account/cmqi7jyir0003v0m91hxnyyaq",
            ("authorization", bearer.as_str()),
        ),
        (
            "DELETE",
            "/social-account/acc_b?dryRun=true",
            ("embed-api-key", key),
        ),
        ("DELETE", "/social-account/acc_b", ("embed-api-key", key)),
        (
            "GET",
            "/social-account",
            ("embed-api-key", "key-unknown-000000"),
        ),
    ] {
        assert!(
            send(addr, method, path, &[header]).status < 500,
            "{method} {path}"
        );
    }
    claim_and_report(addr, &publisher_key);
    // The disconnect's event, signed with both secrets, sent by the background sender.
    let sent = hooks.wait_for(1, std::time::Duration::from_secs(10));
    assert_eq!(sent.len(), 1, "the disconnect's webhook was delivered");
    assert_eq!(sent[0].header("webhook-signature").split(' ').count(), 2);
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let mut logs = String::from_utf8_lossy(&seeded.stderr).into_owned();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut stderr, &mut logs);
    }
    assert!(
        logs.matches("request.completed").count() >= 7,
        "request lines missing:\n{logs}"
    );
    assert!(
        logs.lines()
            .filter(|l| l.contains("request.completed"))
            .all(|l| l.starts_with('{') && l.contains("request_id"))
    );
    let minted = [publisher_key.as_str(), operator_key.as_str()];
    assert_no_secret(&logs, &minted, &webhook_secrets);
}

/// No fixture secret, unknown key, minted key or webhook secret (without its `whsec_`) in
/// `logs`.
fn assert_no_secret(logs: &str, minted: &[&str], webhook_secrets: &[String]) {
    for secret in crate::fixtures::SECRETS
        .iter()
        .copied()
        .chain(std::iter::once("key-unknown-000000"))
        .chain(minted.iter().copied())
        .chain(webhook_secrets.iter().map(|s| &s[6..]))
    {
        assert!(!logs.contains(secret), "{secret} reached the logs:\n{logs}");
    }
}

/// Registers a webhook endpoint for disconnects and rotates its secret; both secrets.
fn register_and_rotate(addr: std::net::SocketAddr, operator_key: &str, url: &str) -> Vec<String> {
    let operator = format!("Bearer {operator_key}");
    let headers = [
        ("authorization", operator.as_str()),
        ("content-type", "application/json"),
    ];
    let body = format!(r#"{{"url":"{url}","events":["social_account.disconnected"]}}"#);
    let created = crate::helpers::send_body(
        addr,
        "POST",
        "/operator/v1/organizations/org_a/webhooks",
        &headers,
        Some(&body),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let created = created.json();
    let id = created["id"].as_str().unwrap();
    let rotated = crate::helpers::send_body(
        addr,
        "POST",
        &format!("/operator/v1/webhooks/{id}/rotate-secret"),
        &headers,
        None,
    );
    assert_eq!(rotated.status, 200, "{}", rotated.body);
    vec![
        created["secret"].as_str().unwrap().to_owned(),
        rotated.json()["secret"].as_str().unwrap().to_owned(),
    ]
}

/// A publisher's claim (tokens in its answer) and a report of it.
fn claim_and_report(addr: std::net::SocketAddr, publisher_key: &str) {
    let publisher = format!("Bearer {publisher_key}");
    let headers = [
        ("authorization", publisher.as_str()),
        ("content-type", "application/json"),
    ];
    let claimed =
        crate::helpers::send_body(addr, "POST", "/publisher/v1/claims", &headers, Some("{}"));
    assert!(claimed.body.contains("secret-access-1"), "{}", claimed.body);
    let claim = claimed.json()["claims"][0]["claimId"]
        .as_str()
        .unwrap()
        .to_owned();
    let report = crate::helpers::send_body(
        addr,
        "POST",
        &format!("/publisher/v1/claims/{claim}/report"),
        &headers,
        Some(
            r#"{"outcome":"FAILED","errorMessage":"refused","errorCategory":"auth","retryable":false}"#,
        ),
    );
    assert_eq!(report.status, 200, "{}", report.body);
}
