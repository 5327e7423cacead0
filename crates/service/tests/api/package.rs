//! The Debian package's files stay true to the binary: the environment file lists every
//! setting `serve` reads, and the unit gives the graceful shutdown its whole window.
//! (`cargo xtask package` builds the package and runs it.)

use clap::CommandFactory;
use social_accounts_service::settings::Cli;

const ENV_FILE: &str = include_str!("../../debian/social-accounts.env");
const UNIT: &str = include_str!("../../debian/social-accounts.service");

/// Every environment variable of the global options and of `serve`.
fn serve_settings() -> Vec<String> {
    let cli = Cli::command();
    let serve = cli
        .find_subcommand("serve")
        .unwrap_or_else(|| panic!("no serve subcommand"));
    cli.get_arguments()
        .chain(serve.get_arguments())
        .filter_map(|arg| arg.get_env())
        .map(|env| env.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_environment_file_lists_every_setting() {
    let settings = serve_settings();
    assert!(settings.len() >= 14, "{settings:?}");
    let missing: Vec<&String> = settings
        .iter()
        .filter(|name| {
            !ENV_FILE.lines().any(|line| {
                line.trim_start_matches('#')
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with('='))
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in the environment file: {missing:?}"
    );
}

fn unit_setting<'a>(name: &str) -> &'a str {
    UNIT.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("the unit sets no {name}"))
}

#[test]
fn systemd_waits_longer_than_the_graceful_shutdown() {
    let shutdown: u64 = Cli::command()
        .find_subcommand("serve")
        .and_then(|serve| {
            serve
                .get_arguments()
                .find(|arg| arg.get_id() == "shutdown_timeout_secs")
        })
        .and_then(|arg| arg.get_default_values().first().cloned())
        .and_then(|value| value.to_str()?.parse().ok())
        .unwrap_or_else(|| panic!("no default for --shutdown-timeout-secs"));
    let stop: u64 = unit_setting("TimeoutStopSec")
        .trim_end_matches('s')
        .parse()
        .unwrap();
    assert!(
        stop > shutdown,
        "TimeoutStopSec={stop}s, shutdown window {shutdown}s"
    );
    assert_eq!(unit_setting("KillSignal"), "SIGTERM");
    assert_eq!(
        unit_setting("EnvironmentFile"),
        "/etc/social-accounts/social-accounts.env"
    );
    assert_eq!(unit_setting("ExecStart"), "/usr/bin/social-accounts serve");
}
