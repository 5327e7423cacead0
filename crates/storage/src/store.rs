//! The store: a connection pool and the token cipher, implementing every repository trait.

use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use diesel::r2d2::PooledConnection;
use social_accounts_domain::RepoError;

use crate::connection::Manager;
use crate::errors::{from_diesel, from_pool};
use crate::migrations::{self, MigrationError};
use crate::schema::organizations;
use crate::{Backend, DatabaseUrl, TokenCipher};

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Most connections open at once.
    pub max_size: u32,
    /// How long a request waits for a connection before failing (r2d2's default of 30 s would
    /// park a thread per request while the database is down).
    pub connection_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 8,
            connection_timeout: Duration::from_secs(2),
        }
    }
}

/// The store could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// No connection could be opened.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// What the database said.
        reason: String,
    },
    /// Migrations failed.
    #[error(transparent)]
    Migration(#[from] MigrationError),
}

/// Storage over one database. Cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<Manager>,
    cipher: Option<Arc<TokenCipher>>,
    backend: Backend,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .field("pool", &self.pool.state())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens a pool on `url`. Fails at once with the database's own reason when no connection
    /// can be opened. `cipher` is needed only to write tokens (imports).
    pub fn open(
        url: &DatabaseUrl,
        options: &PoolOptions,
        cipher: Option<TokenCipher>,
    ) -> Result<Self, SetupError> {
        let backend = match url {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        };
        // Fail fast with the real reason rather than r2d2's "timed out" after a wait.
        crate::connect(url).map_err(|e| SetupError::Connect {
            url: url.redacted(),
            reason: e.to_string(),
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(options.max_size)
            .min_idle(Some(1))
            .connection_timeout(options.connection_timeout)
            // A cheap `SELECT 1` on checkout turns a connection broken by a database restart
            // into a fresh one instead of a failed request.
            .test_on_check_out(true)
            .build(Manager { url: url.clone() })
            .map_err(|e| SetupError::Connect {
                url: url.redacted(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            pool,
            cipher: cipher.map(Arc::new),
            backend,
        })
    }

    /// The backend behind this store.
    #[must_use]
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations; returns the versions applied.
    pub fn migrate(&self) -> Result<Vec<String>, SetupError> {
        let mut conn = self.conn().map_err(|e| SetupError::Connect {
            url: String::from("the database"),
            reason: e.to_string(),
        })?;
        Ok(migrations::run_pending(&mut conn)?)
    }

    /// Whether the database answers a trivial query.
    pub fn ping(&self) -> Result<(), RepoError> {
        diesel::connection::SimpleConnection::batch_execute(&mut *self.conn()?, "SELECT 1")
            .map_err(from_diesel)
    }

    /// Whether no organization exists yet (a brand-new database).
    pub fn is_empty(&self) -> Result<bool, RepoError> {
        let any: bool = diesel::select(diesel::dsl::exists(
            organizations::table.select(organizations::id),
        ))
        .get_result(&mut *self.conn()?)
        .map_err(from_diesel)?;
        Ok(!any)
    }

    pub(crate) fn conn(&self) -> Result<PooledConnection<Manager>, RepoError> {
        self.pool.get().map_err(|e| from_pool(&e))
    }

    pub(crate) fn cipher(&self) -> Result<&TokenCipher, RepoError> {
        self.cipher.as_deref().ok_or_else(|| {
            RepoError::Internal(
                "no token encryption key is configured (TOKEN_ENCRYPTION_KEY)".into(),
            )
        })
    }
}
