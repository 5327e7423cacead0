//! `cargo xtask api-check`: Schemathesis (from PyPI) with every check against the live binary,
//! on SQLite and PostgreSQL, over each served document: the Embed API's `/openapi.json` with an
//! Embed API key, the operator API's `/operator/v1/openapi.json` (stateful too, following its
//! links) with an operator key of the whole instance, the publisher API's
//! `/publisher/v1/openapi.json` (stateful: claim, then heartbeat, report or release) with a
//! publisher key of the whole instance. Any failure fails the task.

use std::path::Path;
use std::process::Command;

use social_accounts_storage::Backend;

use crate::dataset::{self, BUSY_KEY, Sizes};
use crate::{database, server};

/// Schemathesis through the interpreter (`python3 -m schemathesis.cli`), so a fresh
/// `pip install` works without a shell rehash of its console script.
fn schemathesis() -> Command {
    let mut command = Command::new("python3");
    command.args(["-m", "schemathesis.cli"]);
    command
}

/// Examples per operation and phase; enough to cover every documented status, seconds long.
const MAX_EXAMPLES: &str = "50";

pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let backends: Vec<Backend> = match args {
        [] | ["--backend", "both"] => Backend::ALL.to_vec(),
        ["--backend", name] if Backend::parse(name).is_some() => {
            Backend::parse(name).into_iter().collect()
        }
        _ => return Err("usage: cargo xtask api-check [--backend sqlite|postgres|both]".into()),
    };
    let found = schemathesis()
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        return Err("schemathesis is not installed: pip install schemathesis".into());
    }
    // A fixed seed keeps CI reproducible; set SA_SCHEMATHESIS_SEED to explore other inputs.
    let seed = std::env::var("SA_SCHEMATHESIS_SEED").unwrap_or_else(|_| "20261126".to_owned());
    let binary = server::build(root, false)?;
    let work = root.join("target").join("api-check");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    for backend in backends {
        let name = backend.name();
        let db = database::fresh(backend, &work)?;
        let file = work.join(format!("{name}-dataset.json"));
        std::fs::write(&file, dataset::main_file(&Sizes::smoke(), 1)).map_err(|e| e.to_string())?;
        server::seed(&binary, &db.url_arg(), &file)?;
        let operator_key = server::mint_key(&binary, &db.url_arg(), "operator")?;
        let publisher_key = server::mint_key(&binary, &db.url_arg(), "publisher")?;
        let server = server::Server::start(&binary, &db.url_arg())?;
        let passes = [
            ("/openapi.json", format!("embed-api-key: {BUSY_KEY}")),
            // Before the operator API's pass, which may revoke any key it can name (the
            // audit trail names them all).
            (
                "/publisher/v1/openapi.json",
                format!("Authorization: Bearer {publisher_key}"),
            ),
            (
                "/operator/v1/openapi.json",
                format!("Authorization: Bearer {operator_key}"),
            ),
        ];
        let mut failed = Vec::new();
        for (document, header) in passes {
            println!("schemathesis against {name} at {}", server.url(document));
            let status = schemathesis()
                .arg("--config-file")
                .arg(root.join("xtask").join("schemathesis.toml"))
                .args([
                    "run",
                    &server.url(document),
                    "--checks",
                    "all",
                    "-n",
                    MAX_EXAMPLES,
                    "--seed",
                    &seed,
                ])
                .args(["-H", &header])
                .status()
                .map_err(|e| format!("cannot run schemathesis: {e}"))?;
            if !status.success() {
                failed.push(format!("{document} on {name}"));
            }
        }
        server.stop()?;
        if !failed.is_empty() {
            return Err(format!(
                "schemathesis found failures: {}",
                failed.join(", ")
            ));
        }
    }
    Ok(())
}
