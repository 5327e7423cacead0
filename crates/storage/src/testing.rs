//! Throwaway databases for tests (feature `testing`): a temporary SQLite file, or a fresh
//! PostgreSQL database dropped when the handle is dropped (also after a panic).
//!
//! PostgreSQL is found at `SA_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`). When it cannot be reached, tests fail
//! loudly: a backend silently skipped would be a pass that proves nothing.
//!
//! Tools that run the binary on a throwaway database (`cargo xtask bench`, `api-check`) choose
//! the place themselves and get an error instead of a panic: [`TestDb::sqlite_in`],
//! [`TestDb::postgres_on`].

use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use rand::Rng;

use crate::connection::establish_postgres;
use crate::{Backend, DatabaseUrl, PoolOptions, Store, TokenCipher};

/// The PostgreSQL server [`TestDb::new`] uses when `SA_TEST_POSTGRES_URL` is unset.
pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    url: DatabaseUrl,
    cipher_key: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

/// Why [`TestDb::sqlite_in`] or [`TestDb::postgres_on`] made no database.
#[derive(Debug, thiserror::Error)]
pub enum TestDbError {
    /// The directory for the SQLite file could not be made.
    #[error("cannot make a temporary directory in {}: {source}", dir.display())]
    TempDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// The admin URL ends in no database name, so the new database's URL cannot be made from it.
    #[error("{url} names no database")]
    NoDatabase { url: DatabaseUrl },
    /// No connection to the admin URL.
    #[error("no PostgreSQL server at {url}: {source}")]
    Unreachable {
        url: DatabaseUrl,
        source: diesel::ConnectionError,
    },
    /// `CREATE DATABASE` failed.
    #[error("cannot create the database {name}: {source}")]
    Create {
        name: String,
        source: diesel::result::Error,
    },
}

fn admin_url() -> String {
    std::env::var("SA_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

impl TestDb {
    /// A new, empty, unmigrated database on `backend`.
    ///
    /// # Panics
    /// When the database cannot be created (PostgreSQL down, disk full).
    #[must_use]
    pub fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => tempfile::tempdir().map_or_else(
                |e| panic!("cannot make a temporary directory: {e}"),
                Self::sqlite,
            ),
            Backend::Postgres => Self::postgres_on(&admin_url()).unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL tests need a server (set SA_TEST_POSTGRES_URL to change it): {e}"
                )
            }),
        }
    }

    /// A new, empty, unmigrated SQLite database in a temporary directory made under `dir`,
    /// removed on drop: for a file on a chosen disk rather than the system's temporary
    /// directory, which may be in memory.
    pub fn sqlite_in(dir: &Path) -> Result<Self, TestDbError> {
        tempfile::tempdir_in(dir)
            .map(Self::sqlite)
            .map_err(|source| TestDbError::TempDir {
                dir: dir.to_path_buf(),
                source,
            })
    }

    fn sqlite(dir: tempfile::TempDir) -> Self {
        let path = dir.path().join("test.db");
        Self {
            url: DatabaseUrl::Sqlite(path.to_string_lossy().into_owned()),
            cipher_key: TokenCipher::generate_key(),
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A new, empty, unmigrated PostgreSQL database, created through `admin_url` (an existing
    /// database on the server, such as `postgres`) and dropped through it on drop.
    pub fn postgres_on(admin_url: &str) -> Result<Self, TestDbError> {
        let admin = DatabaseUrl::Postgres(admin_url.to_owned());
        let name = format!("sa_test_{:016x}", rand::rng().random::<u64>());
        // Before the database exists: one created for a URL that cannot name it would be left
        // behind, with no handle to drop it.
        let url = admin
            .sibling(&name)
            .map(|(url, _)| url)
            .ok_or_else(|| TestDbError::NoDatabase { url: admin.clone() })?;
        establish_postgres(admin_url)
            .map_err(|source| TestDbError::Unreachable {
                url: admin.clone(),
                source,
            })?
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|source| TestDbError::Create {
                name: name.clone(),
                source,
            })?;
        Ok(Self {
            url,
            cipher_key: TokenCipher::generate_key(),
            _dir: None,
            pg: Some((admin_url.to_owned(), name)),
        })
    }

    /// A new database with every migration applied.
    ///
    /// # Panics
    /// When the database cannot be created or migrated.
    #[must_use]
    pub fn migrated(backend: Backend) -> Self {
        let db = Self::new(backend);
        db.store()
            .migrate()
            .unwrap_or_else(|e| panic!("cannot migrate the test database: {e}"));
        db
    }

    /// The database URL.
    #[must_use]
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// The URL in full (password included), to pass to the binary's `--database-url`.
    #[must_use]
    pub fn url_arg(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    /// PostgreSQL only: a connection to the server's `postgres` database (to drop or cut this
    /// one) and this database's name.
    ///
    /// # Panics
    /// On SQLite, or when the server cannot be reached.
    #[must_use]
    pub fn admin(&self) -> (crate::DbConnection, String) {
        let (admin, name) = self
            .url
            .sibling("postgres")
            .unwrap_or_else(|| panic!("not a PostgreSQL database"));
        let conn = crate::connect(&admin).unwrap_or_else(|e| panic!("admin connection: {e}"));
        (conn, name.to_owned())
    }

    /// The single `n` a `SELECT COUNT(*) AS n …` returns.
    ///
    /// # Panics
    /// When the query fails.
    #[must_use]
    pub fn count(&self, sql: &str) -> i64 {
        count(&mut self.connect(), sql)
    }

    /// Links whose account no longer exists (must always be 0).
    #[must_use]
    pub fn orphan_links(&self) -> i64 {
        self.count(ORPHAN_LINKS)
    }

    /// Usage counters that differ from a recount of their links (must always be none).
    ///
    /// # Panics
    /// When the check fails.
    #[must_use]
    pub fn usage_drift(&self) -> Vec<crate::UsageDrift> {
        self.store()
            .check_usage()
            .unwrap_or_else(|e| panic!("usage check: {e}"))
            .drift
    }

    /// The base64 token-encryption key this database's stores use.
    #[must_use]
    pub fn cipher_key(&self) -> &str {
        &self.cipher_key
    }

    /// The tokens stored for account `id`, opened with this database's key: (access, refresh).
    ///
    /// # Panics
    /// When there is no such account or a token does not open.
    #[must_use]
    pub fn tokens_of(&self, id: &str) -> (String, Option<String>) {
        use diesel::prelude::*;

        use crate::schema::social_accounts as accounts;
        let cipher = TokenCipher::from_base64(&self.cipher_key)
            .unwrap_or_else(|e| panic!("the test database's token key is invalid: {e}"));
        let (access, refresh): (Vec<u8>, Option<Vec<u8>>) = accounts::table
            .find(id)
            .select((
                accounts::access_token_ciphertext,
                accounts::refresh_token_ciphertext,
            ))
            .first(&mut self.connect())
            .unwrap_or_else(|e| panic!("reading the tokens of {id}: {e}"));
        let open = |sealed: &[u8]| {
            cipher
                .open(sealed)
                .unwrap_or_else(|_| panic!("a token of {id} does not open"))
        };
        (open(&access), refresh.as_deref().map(open))
    }

    /// A store on this database (small pool).
    ///
    /// # Panics
    /// When the database cannot be opened.
    #[must_use]
    pub fn store(&self) -> Store {
        self.store_with(&PoolOptions {
            max_size: 4,
            ..PoolOptions::default()
        })
    }

    /// A store on this database with its own pool settings.
    ///
    /// # Panics
    /// When the database cannot be opened.
    #[must_use]
    pub fn store_with(&self, options: &PoolOptions) -> Store {
        let cipher = TokenCipher::from_base64(&self.cipher_key)
            .unwrap_or_else(|e| panic!("the test database's token key is invalid: {e}"));
        Store::open(&self.url, options, Some(cipher))
            .unwrap_or_else(|e| panic!("cannot open the test database: {e}"))
    }

    /// One direct connection.
    ///
    /// # Panics
    /// When the database cannot be opened.
    #[must_use]
    pub fn connect(&self) -> crate::DbConnection {
        crate::connect(&self.url)
            .unwrap_or_else(|e| panic!("cannot connect to the test database: {e}"))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg
            && let Ok(mut conn) = establish_postgres(admin)
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

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

/// Counts links whose account no longer exists.
pub const ORPHAN_LINKS: &str = "SELECT COUNT(*) AS n FROM scheduled_post_accounts l \
     WHERE NOT EXISTS (SELECT 1 FROM social_accounts a WHERE a.id = l.social_account_id)";

/// The single `n` a `SELECT COUNT(*) AS n …` returns, on `conn`.
///
/// # Panics
/// When the query fails.
pub fn count(conn: &mut crate::DbConnection, sql: &str) -> i64 {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .get_result::<Count>(conn)
        .map_or_else(|e| panic!("{sql}: {e}"), |c| c.n)
}

/// Every account's stored (access, refresh) token ciphertexts, by account id.
///
/// # Panics
/// When the query fails.
pub fn sealed_tokens(conn: &mut crate::DbConnection) -> Vec<(Vec<u8>, Option<Vec<u8>>)> {
    use diesel::prelude::*;

    use crate::schema::social_accounts;
    social_accounts::table
        .order(social_accounts::id)
        .select((
            social_accounts::access_token_ciphertext,
            social_accounts::refresh_token_ciphertext,
        ))
        .load(conn)
        .unwrap_or_else(|e| panic!("reading the sealed tokens: {e}"))
}

/// Parses, validates (every platform enabled) and imports `text`, as `seed` does; a file that
/// does not validate panics, an import that fails returns its error.
///
/// # Panics
/// When `text` is not a valid import file: that is a mistake in the test itself.
pub fn import_json(
    store: &Store,
    text: &str,
) -> Result<social_accounts_domain::import::ImportReport, social_accounts_domain::import::ImportError>
{
    use social_accounts_domain::repository::ImportRepository;
    use social_accounts_domain::{Platforms, Timestamp, import::ImportBatch};
    let batch = ImportBatch::from_json(text, Timestamp::now(), &Platforms::all())
        .unwrap_or_else(|e| panic!("test import file is invalid: {e}"));
    store.import(&batch, &social_accounts_domain::Actor::cli())
}

/// What storage tests read and write with: `workspace`, seeing every platform (tests of the
/// platform half of a scope build their own).
///
/// # Panics
/// When `workspace` is not a valid id: that is a mistake in the test itself.
#[must_use]
pub fn scope(workspace: &str) -> social_accounts_domain::Scope {
    social_accounts_domain::Scope {
        workspace: social_accounts_domain::WorkspaceId::parse(workspace)
            .unwrap_or_else(|e| panic!("{workspace:?}: {e}")),
        platforms: social_accounts_domain::Platforms::all(),
    }
}
