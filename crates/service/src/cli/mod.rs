//! The subcommands. Each returns an error a person can act on; `main` prints it to stderr and
//! exits non-zero.

mod backup;
mod bootstrap;
mod doctor;
pub mod key_file;
mod keys;
mod links;
mod migrate;
mod progress;
mod publish;
mod seed;
mod serve;
mod tokens;

use key_file::KeySource;

use social_accounts_storage::{DatabaseUrl, PoolOptions, Store, TokenCipher};

use crate::settings::{self, Cli, Command};

/// A failed command, described for the operator.
pub type CommandError = Box<dyn std::error::Error>;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), CommandError> {
    let url = settings::database_url(cli.database_url.as_deref())?;
    let keys = KeySource {
        configured: cli.token_key(),
        file: cli.token_key_file.as_deref(),
    };
    match cli.command {
        Command::Serve(ref args) => serve::run(&url, keys, &cli.served(), args),
        Command::Migrate => migrate::run(&url),
        Command::Doctor { repair } => doctor::run(&url, repair),
        Command::Backup { ref to } => backup::run(&url, keys, to),
        Command::Seed { ref file, progress } => {
            seed::run(&url, keys, &cli.served(), file, progress)
        }
        Command::Keys(command) => keys::run(&url, command),
        Command::Tokens(ref command) => tokens::run(&url, keys, command),
        Command::Links(ref command) => links::run(&url, command),
        Command::Publish(ref args) => publish::run(args, cli.platforms.as_ref()),
    }
}

/// Opens the store for a one-shot command that works on the current schema: migrated first,
/// as `serve` does, so a command never meets tables older than its code.
fn open_migrated(url: &DatabaseUrl, cipher: Option<TokenCipher>) -> Result<Store, CommandError> {
    let store = open(url, cipher)?;
    store.migrate()?;
    Ok(store)
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
