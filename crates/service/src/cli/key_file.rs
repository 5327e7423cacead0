//! Where the token-encryption key comes from.
//!
//! `TOKEN_ENCRYPTION_KEY` when set. Otherwise, on SQLite only, a key file (`TOKEN_KEY_FILE`,
//! by default beside the database: `<database>.key`, mode 0600), created with a random key on
//! first use, so the embedded default works out of the box. On PostgreSQL (many instances, one database) a missing key is
//! an error: each instance would otherwise invent its own.

use std::io::Write;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use social_accounts_storage::{DatabaseUrl, TokenCipher};

/// The key could not be found or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// PostgreSQL without a key.
    #[error(
        "TOKEN_ENCRYPTION_KEY is required with PostgreSQL: set it to the base64 of 32 random bytes \
         (for example `openssl rand -base64 32`), the same on every instance"
    )]
    Missing,
    /// The key is malformed.
    #[error("{0}")]
    Invalid(#[from] social_accounts_storage::CipherKeyError),
    /// The key file could not be read or written.
    #[error("token key file {path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

/// Where the token key comes from, as the settings say.
#[derive(Debug, Clone, Copy)]
pub struct KeySource<'a> {
    /// `TOKEN_ENCRYPTION_KEY`.
    pub configured: Option<&'a SecretString>,
    /// `TOKEN_KEY_FILE`.
    pub file: Option<&'a Path>,
}

impl KeySource<'_> {
    /// The key file for `url`: the configured one or the one beside an SQLite database; `None`
    /// on PostgreSQL.
    #[must_use]
    pub fn path(&self, url: &DatabaseUrl) -> Option<PathBuf> {
        match url {
            DatabaseUrl::Postgres(_) => None,
            DatabaseUrl::Sqlite(path) => Some(
                self.file
                    .map_or_else(|| beside(Path::new(path)), Path::to_path_buf),
            ),
        }
    }

    /// The cipher for `url`, from the configured key or the SQLite key file.
    pub fn resolve(&self, url: &DatabaseUrl) -> Result<TokenCipher, KeyError> {
        if let Some(key) = self.configured {
            return Ok(TokenCipher::from_base64(key.expose_secret())?);
        }
        match self.path(url) {
            None => Err(KeyError::Missing),
            Some(path) => from_file(&path),
        }
    }
}

/// The key file beside a database file: `<database>.key`.
#[must_use]
pub fn beside(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

fn file_error(path: &Path, reason: &impl ToString) -> KeyError {
    KeyError::File {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Writes `key` to a new file at `path` (mode 0600), failing if it exists.
pub fn write_new(path: &Path, key: &str) -> Result<(), KeyError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| file_error(path, &e))?;
    file.write_all(key.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| file_error(path, &e))
}

fn from_file(path: &Path) -> Result<TokenCipher, KeyError> {
    match std::fs::read_to_string(path) {
        Ok(key) => return Ok(TokenCipher::from_base64(&key)?),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(file_error(path, &e)),
        Err(_) => {}
    }
    let key = TokenCipher::generate_key();
    write_new(path, &key)?;
    tracing::warn!(
        path = %path.display(),
        "token_key.generated: TOKEN_ENCRYPTION_KEY is not set, so a new key was written beside the \
         database; back it up with the database, tokens cannot be read without it"
    );
    Ok(TokenCipher::from_base64(&key)?)
}
