//! What a store answers about its database as a whole, beside the repositories: readiness,
//! emptiness (for the first start's bootstrap), and the statistics after a bulk import.

use diesel::prelude::*;
use social_accounts_domain::RepoError;

use crate::errors::from_diesel;
use crate::schema::organizations;
use crate::{Backend, Store};

impl Store {
    /// Whether the database answers a trivial query.
    pub fn ping(&self) -> Result<(), RepoError> {
        self.run(|conn| {
            diesel::connection::SimpleConnection::batch_execute(conn, "SELECT 1")
                .map_err(from_diesel)
        })
    }

    /// After a bulk import: on PostgreSQL, `VACUUM (ANALYZE)` the tables so the planner knows
    /// the new rows and index-only scans work at once (on a fresh table every index entry
    /// costs a heap fetch until autovacuum runs, and autovacuum running mid-traffic stalls
    /// requests). Nothing to do on SQLite.
    pub fn optimize(&self) -> Result<(), RepoError> {
        if self.backend() != Backend::Postgres {
            return Ok(());
        }
        self.run(|conn| {
            diesel::connection::SimpleConnection::batch_execute(
                conn,
                "VACUUM (ANALYZE) organizations, workspaces, api_keys, social_accounts, designs, scheduled_posts, post_captions, post_settings, scheduled_post_accounts",
            )
            .map_err(from_diesel)
        })
    }

    /// Whether no organization exists yet (a brand-new database).
    pub fn is_empty(&self) -> Result<bool, RepoError> {
        let any: bool = self.run(|conn| {
            diesel::select(diesel::dsl::exists(
                organizations::table.select(organizations::id),
            ))
            .get_result(conn)
            .map_err(from_diesel)
        })?;
        Ok(!any)
    }
}
