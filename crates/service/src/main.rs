//! The `social-accounts` binary: the HTTP service and its operator commands.

use std::process::ExitCode;

use clap::Parser;
use social_accounts_service::{cli::Cli, commands, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
