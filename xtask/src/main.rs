//! Development tasks: `cargo xtask <task>`. Plain Rust, no shell.
//!
//! - `migrate [--database-url URL]`: `social-accounts migrate`, the same command and defaults;
//!   `migrate --database-url URL --revert` reverts the newest migration.
//! - `migration new NAME`: create `migrations/{sqlite,postgres}/<timestamp>_NAME/{up,down}.sql`.
//! - `bench [--smoke] [--backend sqlite|postgres|both] …`: the benchmark harness
//!   (docs/performance.md).
//! - `api-check [--backend sqlite|postgres|both]`: Schemathesis with every check against the
//!   live binary and its `/openapi.json`.
//! - `package`: build the Debian package, check it (lintian, systemd-analyze) and run the
//!   packaged binary from an extracted tree (docs/operations.md).
//! - `check-schema`: fail when `crates/storage/src/schema.rs` and the migrations drift apart
//!   (runs the storage drift test on both backends).

mod api_check;
mod bench;
mod boot;
mod database;
mod dataset;
mod package;
mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use social_accounts_storage::{Backend, DatabaseUrl, connect, migrations};

const USAGE: &str = "usage: cargo xtask <migrate [--database-url URL] | migrate --database-url URL --revert | migration new NAME | check-schema | bench [--smoke] … | api-check … | package>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["migrate", rest @ ..] => migrate(rest),
        ["migration", "new", name] => new_migration(name),
        ["check-schema"] => check_schema(),
        ["bench", rest @ ..] => bench::run(&project_root(), rest),
        ["api-check", rest @ ..] => api_check::run(&project_root(), rest),
        ["package", rest @ ..] => package::run(&project_root(), rest),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Applies migrations through `social-accounts migrate` itself (same function, same settings
/// and defaults); `--revert` needs `--database-url` and reverts the newest migration.
fn migrate(args: &[&str]) -> Result<(), String> {
    let revert = args.contains(&"--revert");
    if !revert {
        let mut run = vec![
            "run",
            "--quiet",
            "--bin",
            "social-accounts",
            "--",
            "migrate",
        ];
        run.extend_from_slice(args);
        return cargo(&run, "social-accounts migrate failed (see above)");
    }
    let (["--revert", "--database-url", url] | ["--database-url", url, "--revert"]) = args else {
        return Err(format!("--revert needs --database-url URL\n{USAGE}"));
    };
    let url = DatabaseUrl::parse(url).map_err(|e| e.to_string())?;
    let mut conn = connect(&url).map_err(|e| format!("cannot connect to {url}: {e}"))?;
    match migrations::revert_last(&mut conn).map_err(|e| e.to_string())? {
        Some(version) => println!("{url}: reverted migration {version}"),
        None => println!("{url}: no migration to revert"),
    }
    Ok(())
}

fn new_migration(name: &str) -> Result<(), String> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(format!(
            "migration name {name:?}: use lowercase letters, digits and '_'"
        ));
    }
    let folder = format!("{}_{name}", chrono::Utc::now().format("%Y-%m-%d-%H%M%S"));
    for backend in Backend::ALL.map(Backend::name) {
        let dir = project_root()
            .join("migrations")
            .join(backend)
            .join(&folder);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for file in ["up.sql", "down.sql"] {
            let path = dir.join(file);
            let header = format!(
                "-- {backend}: {file} of {name}. Keep it equivalent to the other backend's.\n"
            );
            std::fs::write(&path, header).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("created {}", path.display());
        }
    }
    println!("Then update crates/storage/src/schema.rs and run `cargo xtask check-schema`.");
    Ok(())
}

fn check_schema() -> Result<(), String> {
    cargo(
        &[
            "test",
            "-p",
            "social-accounts-storage",
            "--test",
            "contract",
            "schema_drift",
            "--",
            "--include-ignored",
        ],
        "schema.rs and migrations/ drifted apart (see above)",
    )
}

/// The cargo that runs this task (`CARGO`), so a task's own builds use the same toolchain.
pub fn cargo_command() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// Runs cargo with `args` in the project's root; `failed` is the error when it exits
/// unsuccessfully (its own output is already on the terminal).
pub fn cargo(args: &[&str], failed: &str) -> Result<(), String> {
    checked(
        cargo_command().current_dir(project_root()).args(args),
        failed,
    )
}

/// Runs `command` to its end; `failure` is the error when it exits unsuccessfully. The one
/// place an exit status becomes an error, so every task words it the same way.
pub fn checked(command: &mut Command, failure: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {}: {e}", command.get_program().display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{failure} ({status})"))
    }
}
