//! The domain crate must stay pure: no database, web framework or async runtime may enter its
//! dependency tree (normal dependencies), directly or through another crate.

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

#[test]
fn domain_has_no_io_dependencies() {
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
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo tree: {e}"));
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        tree.contains("social-accounts-domain"),
        "unexpected cargo tree output: {tree}"
    );
    let found: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| FORBIDDEN.contains(name))
        .collect();
    assert!(found.is_empty(), "the domain crate depends on {found:?}");
}
