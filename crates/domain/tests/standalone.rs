//! The crate stands alone: a throwaway cargo project outside the workspace, depending on it by
//! path with `default-features = false`, builds and runs a small program against its lean
//! core. Offline: the lean core's dependencies are in the local registry cache once the
//! workspace has been built.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// The program: the main rules of the lean core, printed.
const MAIN: &str = r#"use social_accounts_domain::{
    AccessTokenStatus, ApiKeySecret, EmbedSubscription, LinkStatus, MainPlan, Plan, Platforms,
    Timestamp, Usage,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let platforms = Platforms::default();
    println!("platforms: {platforms}");
    for platform in &platforms {
        let kinds: Vec<_> = platform.account_types().iter().map(|k| k.as_str()).collect();
        println!("{platform}: {}", kinds.join(" "));
    }
    let now = Timestamp::parse("2026-10-01T00:00:00+02:00")?;
    let expiry = Timestamp::parse_request("2026-09-30")?;
    println!("token at {now}: {}", AccessTokenStatus::Active.effective(Some(expiry), now));
    let usage = Usage::from_counts([(LinkStatus::Published, 2), (LinkStatus::Draft, 1)]);
    for entry in usage.entries() {
        println!("usage: {} {}", entry.status, entry.count);
    }
    let plan = Plan {
        main_plan: MainPlan::Paid,
        api_credits_addon: true,
        embed_subscription: EmbedSubscription::Inactive,
    };
    println!("embed api: {}", plan.qualifies_for_embed_api());
    let key = ApiKeySecret::parse("pn-test-6a1f0c9e2b7d4e58")?;
    let hash: String = key.hash().as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    println!("key {}: {hash}", key.display_prefix());
    Ok(())
}
"#;

const EXPECTED: &str = "\
platforms: linkedin,instagram,tiktok,threads
linkedin: personal organization
instagram: business creator
tiktok: personal business
threads: personal
token at 2026-09-30T22:00:00.000Z: expired
usage: DRAFT 1
usage: PUBLISHED 2
embed api: true
key pn-test-6a1f: 1923e4ddbe444dec9d8749d2fe98037bfd49493a1d6ec468722c3847dbf64976
";

/// A directory removed when dropped, whatever the test's outcome.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a leftover directory in the temp dir harms nothing.
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Where the throwaway project builds: the target directory this test was built in
/// (`CARGO_TARGET_DIR` when set), so the lean core's dependencies are compiled once, not on
/// every run. Cargo holds no lock on it while tests run.
fn target_dir() -> Option<PathBuf> {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            Some(
                Path::new(option_env!("CARGO_TARGET_TMPDIR")?)
                    .parent()?
                    .to_owned(),
            )
        })
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

#[test]
fn a_project_outside_the_workspace_builds_on_the_lean_core() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let scratch = Scratch(std::env::temp_dir().join(format!(
        "social-accounts-domain-standalone-{}-{nanos}",
        std::process::id()
    )));
    let project = &scratch.0;
    fs::create_dir_all(project.join("src")).unwrap();
    // Its own `[workspace]`: never a member of whatever surrounds the temp dir.
    write(
        &project.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"domain-standalone-check\"\nversion = \"0.0.0\"\n\
             edition = \"2024\"\npublish = false\n\n[dependencies]\n\
             social-accounts-domain = {{ path = {:?}, default-features = false }}\n\n\
             [workspace]\n",
            crate_dir.display().to_string()
        ),
    );
    write(&project.join("src/main.rs"), MAIN);
    // The workspace's lock pins the versions already in the registry cache (and, with a
    // shared target dir, already built); outside the workspace there is none to copy.
    let lock = crate_dir.join("../../Cargo.lock");
    if lock.is_file() {
        fs::copy(&lock, project.join("Cargo.lock")).unwrap();
    }

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(["run", "--quiet", "--offline"])
        .current_dir(project);
    if let Some(target) = target_dir() {
        command.env("CARGO_TARGET_DIR", target);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the standalone project failed to build or run:\n{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        EXPECTED,
        "{stderr}"
    );
}
