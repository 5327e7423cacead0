//! The throwaway databases the binary runs on. The storage crate's test helpers make and drop
//! them, so that creating and dropping databases is written once, there.

use std::path::Path;

use social_accounts_storage::Backend;
use social_accounts_storage::testing::{DEFAULT_ADMIN_URL, TestDb};

/// A new, empty database on `backend`, gone when the handle drops: keep the handle until the
/// server on it has stopped. SQLite's file goes under `work` rather than the system's
/// temporary directory, which may be in memory and would flatter the timings.
pub fn fresh(backend: Backend, work: &Path) -> Result<TestDb, String> {
    match backend {
        Backend::Sqlite => TestDb::sqlite_in(work).map_err(|e| e.to_string()),
        Backend::Postgres => {
            let admin = std::env::var("SA_BENCH_POSTGRES_URL")
                .unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
            TestDb::postgres_on(&admin)
                .map_err(|e| format!("{e} (set SA_BENCH_POSTGRES_URL to change the server)"))
        }
    }
}
