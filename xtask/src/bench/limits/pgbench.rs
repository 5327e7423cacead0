//! A route's logged statements as a pgbench script, and pgbench run on them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::pg_log::Logged;

/// Whether `value` looks like an id the service mints (`c` and 24 of `[a-z0-9]`).
fn minted(value: &str) -> bool {
    value.len() == 25
        && value.starts_with('c')
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A new id for every transaction: the `i`-th minted id of the script, from pgbench's `k`.
fn fresh(i: usize) -> String {
    format!("('c' || lpad((:k::int8 * 64 + {i})::text, 24, '0'))")
}

/// One script file and the variables (`-D`) it reads.
pub struct Script {
    /// Names its file, `target/bench/limit-{tag}.sql`, kept for reading after the run.
    pub tag: String,
    pub text: String,
    pub defines: Vec<(String, String)>,
}

/// The script of one request, from two captures of it (`first`, `second`): a parameter that
/// differs between them and is a minted id is new in every transaction; a value listed in
/// `unique` becomes its pgbench expression (a counter `k`, distinct per transaction and
/// client); every other parameter is the second capture's value, bound as a variable so the
/// statement stays prepared as the service prepares it.
pub fn script(
    tag: &str,
    first: &[Logged],
    second: &[Logged],
    unique: &[(String, String)],
) -> Result<Script, String> {
    if first.len() != second.len() || first.iter().zip(second).any(|(a, b)| a.sql != b.sql) {
        let list = |statements: &[Logged]| {
            statements
                .iter()
                .map(|s| s.sql.lines().next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        return Err(format!(
            "{tag}: two captures of one request ran different statements:\n  {}\n  {}",
            list(first),
            list(second)
        ));
    }
    let mut text = String::from("\\set n :n + 1\n\\set k :base + :n * :clients + :client_id\n");
    let mut defines = Vec::new();
    let mut fresh_ids: Vec<String> = Vec::new();
    for (s, (before, logged)) in first.iter().zip(second).enumerate() {
        let mut sql = String::new();
        let mut rest = logged.sql.as_str();
        while let Some(at) = rest.find('$') {
            sql.push_str(&rest[..at]);
            let digits: String = rest[at + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            rest = &rest[at + 1 + digits.len()..];
            let Ok(n) = digits.parse::<usize>() else {
                sql.push('$');
                continue;
            };
            let value = n
                .checked_sub(1)
                .and_then(|i| logged.params.get(i))
                .cloned()
                .flatten();
            let earlier = n
                .checked_sub(1)
                .and_then(|i| before.params.get(i))
                .cloned()
                .flatten();
            match value {
                None => sql.push_str("NULL"),
                Some(value) => {
                    if let Some((_, expr)) = unique.iter().find(|(v, _)| *v == value) {
                        sql.push_str(expr);
                    } else if minted(&value) && earlier.as_deref() != Some(value.as_str()) {
                        let i = if let Some(i) = fresh_ids.iter().position(|id| *id == value) {
                            i
                        } else {
                            fresh_ids.push(value);
                            fresh_ids.len() - 1
                        };
                        sql.push_str(&fresh(i));
                    } else {
                        let name = format!("{tag}s{s}p{n}");
                        let _ = write!(sql, ":{name}");
                        defines.push((name, value));
                    }
                }
            }
        }
        sql.push_str(rest);
        let sql = colons_bound(&sql, &format!("{tag}s{s}l"), &mut defines);
        let _ = writeln!(text, "{};", sql.trim_end_matches(';'));
    }
    Ok(Script {
        tag: tag.to_owned(),
        text,
        defines,
    })
}

/// pgbench reads `:name` as a variable even inside a string literal (a `to_char` format's
/// `HH24:MI`), so each literal holding a colon becomes a variable of its own, as text.
fn colons_bound(sql: &str, prefix: &str, defines: &mut Vec<(String, String)>) -> String {
    let mut out = String::new();
    let mut rest = sql;
    let mut n = 0;
    while let Some(open) = rest.find('\'') {
        out.push_str(&rest[..open]);
        let body = &rest[open + 1..];
        // The literal ends at a quote not doubled.
        let mut end = None;
        let mut i = 0;
        let bytes = body.as_bytes();
        while i < bytes.len() {
            if bytes[i] == b'\'' {
                if bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                end = Some(i);
                break;
            }
            i += 1;
        }
        let Some(end) = end else {
            out.push_str(&rest[open..]);
            return out;
        };
        let literal = &body[..end];
        if literal.contains(':') {
            let name = format!("{prefix}{n}");
            n += 1;
            let _ = write!(out, "(:{name})::text");
            defines.push((name, literal.replace("''", "'")));
        } else {
            out.push('\'');
            out.push_str(literal);
            out.push('\'');
        }
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

/// pgbench's own figures for one run.
pub struct Run {
    pub tps: f64,
    pub transactions: u64,
}

/// `pgbench -n -M prepared` of `scripts` (chosen at random per transaction) at `clients`
/// for `duration` against `url`; `base` keeps this run's new ids apart from other runs'.
pub fn run(
    work: &Path,
    url: &str,
    scripts: &[Script],
    clients: u32,
    duration: Duration,
    base: u64,
) -> Result<Run, String> {
    let mut command = Command::new("pgbench");
    command.args(["-n", "-M", "prepared", "-j", "2"]);
    command
        .arg(format!("-c{clients}"))
        .arg(format!("-T{}", duration.as_secs().max(1)));
    command
        .args(["-D", "n=0", "-D"])
        .arg(format!("clients={clients}"));
    command.arg("-D").arg(format!("base={base}"));
    let mut files: Vec<PathBuf> = Vec::new();
    for script in scripts {
        let file = work.join(format!("limit-{}.sql", script.tag));
        std::fs::write(&file, &script.text).map_err(|e| e.to_string())?;
        for (name, value) in &script.defines {
            command.arg("-D").arg(format!("{name}={value}"));
        }
        command.arg("-f").arg(&file);
        files.push(file);
    }
    let out = command
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run pgbench (apt-get install postgresql-client): {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "pgbench failed ({}): {}\nscript {}:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
            files
                .first()
                .map_or(String::new(), |f| f.display().to_string()),
            scripts.first().map_or("", |s| s.text.as_str())
        ));
    }
    let number = |prefix: &str| -> Option<f64> {
        stdout
            .lines()
            .find_map(|line| line.trim().strip_prefix(prefix))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.split('/').next())
            .and_then(|n| n.parse().ok())
    };
    let tps = number("tps = ").ok_or_else(|| format!("no tps in pgbench's output:\n{stdout}"))?;
    let transactions = number("number of transactions actually processed: ").unwrap_or(0.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a count pgbench printed"
    )]
    Ok(Run {
        tps,
        transactions: transactions as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged(sql: &str, params: &[Option<&str>]) -> Logged {
        Logged {
            sql: sql.into(),
            params: params.iter().map(|p| p.map(str::to_owned)).collect(),
        }
    }

    #[test]
    fn new_ids_and_unique_values_vary_the_rest_is_bound() {
        let first = [
            logged("BEGIN", &[]),
            logged(
                "INSERT INTO t (id, account, key, note) VALUES ($1, $2, $3, $4)",
                &[
                    Some("caaaaaaaaaaaaaaaaaaaaaaaa"),
                    Some("del1"),
                    Some("ckeykeykeykeykeykeykeykey"),
                    None,
                ],
            ),
        ];
        let second = [
            logged("BEGIN", &[]),
            logged(
                "INSERT INTO t (id, account, key, note) VALUES ($1, $2, $3, $4)",
                &[
                    Some("cbbbbbbbbbbbbbbbbbbbbbbbb"),
                    Some("del2"),
                    Some("ckeykeykeykeykeykeykeykey"),
                    None,
                ],
            ),
        ];
        let unique = [("del2".to_owned(), "('del' || :k)".to_owned())];
        let script = script("r0", &first, &second, &unique).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            script.text,
            "\\set n :n + 1\n\\set k :base + :n * :clients + :client_id\nBEGIN;\n\
INSERT INTO t (id, account, key, note) VALUES (('c' || lpad((:k::int8 * 64 + 0)::text, 24, '0')), ('del' || :k), :r0s1p3, NULL);\n"
        );
        assert_eq!(
            script.defines,
            vec![("r0s1p3".to_owned(), "ckeykeykeykeykeykeykeykey".to_owned())]
        );
    }

    #[test]
    fn literals_with_colons_become_variables() {
        let mut defines = Vec::new();
        let sql = colons_bound(
            "SELECT to_char(t, 'HH24:MI'), 'a''b', ('urn:x' || :k)",
            "q",
            &mut defines,
        );
        assert_eq!(
            sql,
            "SELECT to_char(t, (:q0)::text), 'a''b', ((:q1)::text || :k)"
        );
        assert_eq!(
            defines,
            vec![
                ("q0".to_owned(), "HH24:MI".to_owned()),
                ("q1".to_owned(), "urn:x".to_owned())
            ]
        );
    }

    #[test]
    fn captures_of_different_statements_are_refused() {
        let a = [logged("BEGIN", &[])];
        assert!(script("r", &a, &[], &[]).is_err());
    }
}
