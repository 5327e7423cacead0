//! HTTP behaviour over real HTTP, on SQLite and on PostgreSQL: one test per contract row at
//! least, asserting exact status and body. One binary so it links once.

#![allow(
    clippy::doc_markdown,
    clippy::map_unwrap_or,
    clippy::format_push_string,
    clippy::redundant_closure_for_method_calls,
    clippy::items_after_statements,
    reason = "test code: readability over pedantry"
)]

mod accounts_delete;
mod accounts_list;
mod accounts_read;
mod auth;
mod cli;
mod faults;
mod fixtures;
mod helpers;
mod routing;
mod smoke;

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
