//! Which database a URL names. The backend is chosen from the scheme, never by trial, so a
//! mistyped URL is an error rather than a new empty SQLite file, and a refused PostgreSQL
//! connection is reported as such.

use std::fmt;

/// A parsed database URL.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file.
    Sqlite(String),
    /// A PostgreSQL connection URL (kept whole for libpq).
    Postgres(String),
}

/// The URL names no supported database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unsupported database URL {shown}: expected sqlite://PATH, a path ending in .db, or postgres://…"
)]
pub struct DatabaseUrlError {
    shown: String,
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH`, a bare path ending in `.db`, or `postgres://…` /
    /// `postgresql://…`.
    pub fn parse(raw: &str) -> Result<Self, DatabaseUrlError> {
        let raw = raw.trim();
        if let Some(path) = raw.strip_prefix("sqlite://") {
            if !path.is_empty() {
                return Ok(Self::Sqlite(path.to_owned()));
            }
        } else if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_owned()));
        } else if !raw.contains(':')
            && std::path::Path::new(raw)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("db"))
        {
            return Ok(Self::Sqlite(raw.to_owned()));
        }
        Err(DatabaseUrlError { shown: redact(raw) })
    }

    /// The URL with any password hidden, for messages and logs.
    #[must_use]
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{path}"),
            Self::Postgres(url) => redact(url),
        }
    }

    /// PostgreSQL only: the URL of another database on the same server, with the same
    /// parameters (`?sslmode=…` and the like), and the name of this one.
    #[must_use]
    pub fn sibling(&self, database: &str) -> Option<(DatabaseUrl, &str)> {
        let DatabaseUrl::Postgres(url) = self else {
            return None;
        };
        let (path, query) = match url.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (url.as_str(), None),
        };
        let (base, name) = path.rsplit_once('/')?;
        let sibling = match query {
            Some(query) => format!("{base}/{database}?{query}"),
            None => format!("{base}/{database}"),
        };
        Some((DatabaseUrl::Postgres(sibling), name))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Hides the password of `scheme://user:password@host/...` and the values of the query
/// parameters that carry secrets (libpq accepts `?password=` and `?sslpassword=`); the other
/// parameters (`sslmode`, `sslrootcert`, …) stay, because a TLS error is read against them.
fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut shown = redact_userinfo(base);
    if let Some(query) = query {
        shown.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if SECRET_PARAMETERS.contains(&key) => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        shown.push_str(&pairs.join("&"));
    }
    shown
}

/// libpq connection parameters whose values are secrets.
const SECRET_PARAMETERS: [&str; 2] = ["password", "sslpassword"];

fn redact_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
            None => format!("{scheme}://{userinfo}@{host}"),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_from_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/a.db"),
            Ok(DatabaseUrl::Sqlite("data/a.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/a.db"),
            Ok(DatabaseUrl::Sqlite("/tmp/a.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("./x.db"),
            Ok(DatabaseUrl::Sqlite("./x.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(matches!(
            DatabaseUrl::parse("postgresql://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
    }

    #[test]
    fn typos_are_errors_not_new_files() {
        for bad in [
            "postgress://u@h/db",
            "sqlite://",
            "mysql://u@h/db",
            "data/accounts",
            "sqlite:data.db",
        ] {
            assert!(DatabaseUrl::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn siblings_keep_the_parameters() {
        let url = DatabaseUrl::Postgres("postgres://u:p@h:5432/main?sslmode=require".into());
        assert_eq!(
            url.sibling("other"),
            Some((
                DatabaseUrl::Postgres("postgres://u:p@h:5432/other?sslmode=require".into()),
                "main"
            ))
        );
        let plain = DatabaseUrl::Postgres("postgres://h/main".into());
        assert_eq!(
            plain.sibling("other"),
            Some((DatabaseUrl::Postgres("postgres://h/other".into()), "main"))
        );
    }

    #[test]
    fn passwords_never_show() {
        let url = DatabaseUrl::parse(
            "postgres://app:s3cret@db:5432/sa?sslmode=require&password=x1&sslpassword=x2",
        );
        let shown = format!(
            "{:?} {}",
            url,
            url.as_ref().map(DatabaseUrl::redacted).unwrap_or_default()
        );
        assert!(
            !shown.contains("s3cret") && !shown.contains("x1") && !shown.contains("x2"),
            "{shown}"
        );
        assert_eq!(
            url.map(|u| u.redacted()).unwrap_or_default(),
            "postgres://app:***@db:5432/sa?sslmode=require&password=***&sslpassword=***"
        );
        let err = DatabaseUrl::parse("pg://app:s3cret@db/sa")
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!err.contains("s3cret"), "{err}");
    }
}
