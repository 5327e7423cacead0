//! The `social-accounts` binary: the HTTP service and its operator commands.

use std::process::ExitCode;

use clap::Parser;
use social_accounts_service::{cli, settings::Cli, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format, &cli.log_filter);
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
