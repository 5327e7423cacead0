//! diesel + r2d2 storage for social-accounts, over SQLite and PostgreSQL from one code path.
//!
//! Invariants:
//! - Only this crate knows SQL. It implements the domain's repository traits and speaks
//!   domain types and [`RepoError`](social_accounts_domain::RepoError) outward.
//! - Every query made for an API caller (accounts, links, posts, designs) is scoped by
//!   workspace in SQL, and every one on accounts by the served platforms too (`visible`).
//! - Writes that must be atomic run in one transaction, `BEGIN IMMEDIATE` on SQLite
//!   ([`transaction::write_transaction`]).
//! - OAuth tokens are stored only encrypted ([`TokenCipher`]); API keys only hashed.

mod accounts;
mod admin;
mod answers;
mod audit;
mod backup;
mod checkpoint;
mod connection;
mod connections;
mod crypto;
mod database_url;
mod errors;
mod filters;
mod idempotency;
mod import;
mod keys;
pub mod migrations;
mod models;
mod posts;
mod provision;
mod publish;
mod rotate;
mod schema;
mod store;
#[cfg(feature = "testing")]
pub mod testing;
mod transaction;
mod usage;
mod visible;
mod webhooks;
mod worker_reads;

pub use answers::ABANDONED_AFTER_SECS;
pub use backup::{BackupError, BackupReport};
pub use connection::{Backend, DbConnection, connect};
pub use crypto::{CipherKeyError, OpenError, TokenCipher};
pub use database_url::{DatabaseUrl, DatabaseUrlError};
pub use rotate::RotateError;
pub use store::{PoolOptions, SetupError, Store};
pub use usage::{UsageCheck, UsageDrift};
