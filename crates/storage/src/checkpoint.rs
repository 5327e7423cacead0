//! SQLite checkpoints off the write path.
//!
//! In WAL mode SQLite copies the log back into the database file (a checkpoint) when a commit
//! finds the log past `wal_autocheckpoint` pages: inside that commit, while this process's
//! other writers queue behind it. A checkpoint every thousand pages (the default) was 12 % of
//! the server's CPU under `POST /schedule`, fsyncs included, all of it in the one-writer-at-a-
//! time section. A thread of the store checkpoints instead, every [`INTERVAL`], on its own
//! connection; a `PASSIVE` checkpoint takes no write lock, so writers go on meanwhile. The
//! commit-time checkpoint stays as a backstop at 10,000 log pages (`wal_autocheckpoint`, set
//! on every connection by `connection::SQLITE_SETUP`), for when this thread falls behind or
//! for processes without it (`seed`, `migrate`).

use std::sync::{Arc, Weak};
use std::time::Duration;

use diesel::connection::SimpleConnection;

use crate::{DatabaseUrl, connect};

/// How often the thread checkpoints.
pub(crate) const INTERVAL: Duration = Duration::from_millis(100);

/// Keeps the checkpoint thread running; it ends within [`INTERVAL`] of the last clone's drop.
#[derive(Debug, Clone)]
pub(crate) struct Checkpointer {
    _alive: Arc<()>,
}

impl Checkpointer {
    /// Starts the thread on `url` (SQLite only). `None` when its connection cannot be opened
    /// or the thread cannot start: the backstop then does the work, as before.
    pub(crate) fn start(url: &DatabaseUrl) -> Option<Self> {
        let DatabaseUrl::Sqlite(_) = url else {
            return None;
        };
        let mut conn = connect(url).ok()?;
        let alive = Arc::new(());
        let watched: Weak<()> = Arc::downgrade(&alive);
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(INTERVAL);
                    if watched.upgrade().is_none() {
                        break;
                    }
                    // A failed checkpoint (the file busy with another process's exclusive
                    // lock, say) is retried next time; the backstop bounds the log meanwhile.
                    let _ = conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
            })
            .ok()?;
        Some(Self { _alive: alive })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use diesel::connection::SimpleConnection;
    use social_accounts_domain::RepoError;

    use crate::errors::from_diesel;
    use crate::testing::TestDb;
    use crate::{Backend, DatabaseUrl};

    #[test]
    fn the_log_reaches_the_database_file_without_a_commit_checkpointing() {
        let db = TestDb::migrated(Backend::Sqlite);
        let DatabaseUrl::Sqlite(path) = db.url().clone() else {
            panic!("not SQLite");
        };
        let size = || std::fs::metadata(&path).map_or(0, |m| m.len());
        let store = db.store();
        let before = size();
        // About 2 MiB in one commit: far below the backstop, so no commit checkpoints it, and
        // the store's open connections keep SQLite from checkpointing at a last close.
        store
            .run(|conn| {
                conn.batch_execute(
                    "CREATE TABLE filler (x BLOB); \
                     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
                     INSERT INTO filler SELECT randomblob(1000) FROM n;",
                )
                .map_err(from_diesel)
            })
            .map_err(|e: RepoError| e.to_string())
            .unwrap();
        let waited = Instant::now();
        while size() < before + 1_500_000 && waited.elapsed().as_secs() < 10 {
            std::thread::sleep(super::INTERVAL);
        }
        assert!(
            size() >= before + 1_500_000,
            "the database file stayed at {} bytes (was {before})",
            size()
        );
    }
}
