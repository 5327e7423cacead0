//! The domain crate must stay pure: no database, web framework or async runtime may enter its
//! dependency tree (normal dependencies), directly or through another crate, whatever its
//! features. And its lean core (`default-features = false`) must stay lean: JSON and
//! randomness only come with the features that need them.

use std::process::Command;

const FORBIDDEN: &[&str] = &[
    "diesel",
    "r2d2",
    "actix-web",
    "actix-rt",
    "tokio",
    "libsqlite3-sys",
    "pq-sys",
];

/// What each feature brings: none of these may be in the lean core's tree.
const FEATURE_ONLY: &[&str] = &[
    "rand",
    "getrandom",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "validator",
];

/// The names of the packages in the crate's normal dependency tree with these cargo flags.
fn tree(features: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "social-accounts-domain",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo tree: {e}"));
    assert!(
        output.status.success(),
        "cargo tree {features:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        tree.contains("social-accounts-domain"),
        "unexpected cargo tree output: {tree}"
    );
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn domain_has_no_io_dependencies() {
    for features in [&["--no-default-features"][..], &[], &["--all-features"]] {
        let found: Vec<String> = tree(features)
            .into_iter()
            .filter(|name| FORBIDDEN.contains(&name.as_str()))
            .collect();
        assert!(
            found.is_empty(),
            "with {features:?} the domain crate depends on {found:?}"
        );
    }
}

#[test]
fn the_lean_core_needs_no_json_and_no_randomness() {
    let found: Vec<String> = tree(&["--no-default-features"])
        .into_iter()
        .filter(|name| FEATURE_ONLY.contains(&name.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "without features the domain crate depends on {found:?}"
    );
    // And the features do bring them, so the list above means something.
    let all = tree(&["--all-features"]);
    for name in FEATURE_ONLY {
        assert!(
            all.iter().any(|found| found == name),
            "{name} is no longer a dependency: update FEATURE_ONLY"
        );
    }
}
