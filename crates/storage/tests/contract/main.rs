//! The storage contract: one suite of behaviours, run on SQLite and on PostgreSQL.

#![allow(
    clippy::doc_markdown,
    clippy::map_unwrap_or,
    clippy::format_push_string,
    clippy::redundant_closure_for_method_calls,
    clippy::items_after_statements,
    reason = "test code: readability over pedantry"
)]

mod accounts;
mod fixtures;
mod import;
mod keys;
mod migrations;
mod schema_drift;

/// Declares each listed test function once per backend: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(social_accounts_storage::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() { super::$name(social_accounts_storage::Backend::Postgres) } )*
        }
    };
}
