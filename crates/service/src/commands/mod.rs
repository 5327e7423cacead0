//! The subcommands. Each returns an error a person can act on; `main` prints it to stderr and
//! exits non-zero.

mod bootstrap;
mod keys;
mod migrate;
mod seed;
mod serve;
mod tokens;

use social_accounts_storage::{DatabaseUrl, PoolOptions, Store, TokenCipher};

use crate::cli::{Cli, Command};
use crate::config;

/// A failed command, described for the operator.
pub type CommandError = Box<dyn std::error::Error>;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), CommandError> {
    let url = config::database_url(cli.database_url.as_deref())?;
    match cli.command {
        Command::Serve(args) => serve::run(&url, &args),
        Command::Migrate => migrate::run(&url),
        Command::Seed { file } => seed::run(&url, &file),
        Command::Keys(command) => keys::run(&url, command),
        Command::Tokens(command) => tokens::run(&url, &command),
    }
}

/// Opens the store for a one-shot command (small pool).
fn open(url: &DatabaseUrl, cipher: Option<TokenCipher>) -> Result<Store, CommandError> {
    Ok(Store::open(
        url,
        &PoolOptions {
            max_size: 2,
            ..PoolOptions::default()
        },
        cipher,
    )?)
}
