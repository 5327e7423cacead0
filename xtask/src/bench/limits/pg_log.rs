//! PostgreSQL's statement log, read back: the exact statements a request ran, with their
//! parameters, for pgbench to run again.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// One statement as the server logged it (`log_statement = 'all'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The text, `$n` where a parameter was bound.
    pub sql: String,
    /// `$1…`, `None` for `NULL`.
    pub params: Vec<Option<String>>,
}

/// The server's log file (Debian's `pg_ctlcluster` sends its stderr there).
pub struct PgLog {
    path: PathBuf,
}

impl PgLog {
    /// `SA_BENCH_PG_LOG`, or the newest `/var/log/postgresql/postgresql-*.log`.
    pub fn find() -> Result<Self, String> {
        if let Ok(path) = std::env::var("SA_BENCH_PG_LOG") {
            return Ok(Self { path: path.into() });
        }
        let newest = std::fs::read_dir("/var/log/postgresql")
            .map_err(|e| {
                format!("/var/log/postgresql: {e} (set SA_BENCH_PG_LOG to the server's log file)")
            })?
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.starts_with("postgresql-")
                    && Path::new(&name).extension().is_some_and(|e| e == "log")
            })
            .max_by_key(|entry| entry.metadata().and_then(|m| m.modified()).ok());
        newest
            .map(|entry| Self { path: entry.path() })
            .ok_or_else(|| {
                "no PostgreSQL log in /var/log/postgresql (set SA_BENCH_PG_LOG)".to_owned()
            })
    }

    /// Where the log ends now.
    pub fn end(&self) -> Result<u64, String> {
        std::fs::metadata(&self.path)
            .map(|m| m.len())
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }

    /// The statements `database` logged after `from`.
    pub fn since(&self, from: u64, database: &str) -> Result<Vec<Logged>, String> {
        let mut file =
            std::fs::File::open(&self.path).map_err(|e| format!("{}: {e}", self.path.display()))?;
        file.seek(SeekFrom::Start(from))
            .map_err(|e| e.to_string())?;
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(|e| e.to_string())?;
        Ok(parse(&text, database))
    }
}

/// Whether `line` opens an entry (Debian's prefix `%m [%p] %q%u@%d `: a timestamp first).
fn opens_entry(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.len() > 20 && bytes[4] == b'-' && bytes[7] == b'-' && bytes[13] == b':'
}

/// Groups lines into entries (a statement's text may span lines) and keeps `database`'s.
fn entries(text: &str, database: &str) -> Vec<String> {
    let tag = format!("@{database} ");
    let mut out: Vec<String> = Vec::new();
    let mut keep = false;
    for line in text.lines() {
        if opens_entry(line) {
            keep = line.contains(&tag);
            if keep {
                out.push(line.to_owned());
            }
        } else if keep && let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(line);
        }
    }
    out
}

/// The statements of `database` in `text`, each with the parameters its `DETAIL` line gave.
pub fn parse(text: &str, database: &str) -> Vec<Logged> {
    let mut out: Vec<Logged> = Vec::new();
    for entry in entries(text, database) {
        if let Some((_, message)) = entry.split_once(" LOG:  ") {
            let sql = message.strip_prefix("statement: ").or_else(|| {
                message
                    .split_once(": ")
                    .filter(|(head, _)| head.starts_with("execute "))
                    .map(|(_, sql)| sql)
            });
            if let Some(sql) = sql {
                out.push(Logged {
                    sql: sql.trim().to_owned(),
                    params: Vec::new(),
                });
            }
        } else if let Some((_, detail)) = entry.split_once(" DETAIL:  parameters: ")
            && let Some(last) = out.last_mut()
        {
            last.params = parameters(detail);
        }
    }
    out
}

/// `$1 = 'a''b', $2 = NULL` → `[Some("a'b"), None]`.
fn parameters(detail: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut rest = detail;
    while let Some(at) = rest.find(" = ") {
        rest = &rest[at + 3..];
        if let Some(after) = rest.strip_prefix("NULL") {
            out.push(None);
            rest = after;
            continue;
        }
        let Some(body) = rest.strip_prefix('\'') else {
            break;
        };
        let mut value = String::new();
        let mut chars = body.char_indices().peekable();
        let mut end = body.len();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                    chars.next();
                    value.push('\'');
                } else {
                    end = i + 1;
                    break;
                }
            } else {
                value.push(c);
            }
        }
        out.push(Some(value));
        rest = &body[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_and_parameters_of_one_database() {
        let log = "2026-12-03 15:20:46.100 UTC [10] postgres@other LOG:  statement: BEGIN\n\
2026-12-03 15:20:46.123 UTC [11] postgres@bench LOG:  statement: BEGIN\n\
2026-12-03 15:20:46.124 UTC [11] postgres@bench LOG:  execute __diesel_stmt_2: SELECT a\n\tFROM t WHERE id = $1 AND b = $2\n\
2026-12-03 15:20:46.124 UTC [11] postgres@bench DETAIL:  parameters: $1 = 'it''s, = x', $2 = NULL\n\
2026-12-03 15:20:46.125 UTC [11] postgres@bench LOG:  execute <unnamed>: DELETE FROM t\n";
        let got = parse(log, "bench");
        assert_eq!(
            got,
            vec![
                Logged {
                    sql: "BEGIN".into(),
                    params: vec![]
                },
                Logged {
                    sql: "SELECT a\n\tFROM t WHERE id = $1 AND b = $2".into(),
                    params: vec![Some("it's, = x".into()), None],
                },
                Logged {
                    sql: "DELETE FROM t".into(),
                    params: vec![]
                },
            ]
        );
    }
}
