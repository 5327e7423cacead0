//! What the machine allows each route: its database work alone, at full speed, in the same
//! run (pgbench on PostgreSQL, a loop through the storage crate on SQLite), composed with
//! `/healthz` (the HTTP side alone) into the rate both could reach sharing the two cores.
//! docs/performance.md explains the model and where it is crude.

pub mod pg_log;
pub mod pgbench;
pub mod postgres;
pub mod probes;
pub mod sqlite;

use crate::bench::labels;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use super::report::{Report, Row};
use crate::dataset::Sizes;

/// Where a backend's limits are measured: a copy of the seeded database.
pub enum Limits {
    Postgres(postgres::Limits),
    Sqlite(sqlite::Limits),
}

impl Limits {
    /// Before the server starts on `db`: captures the statements (PostgreSQL) and copies the
    /// database.
    pub fn prepare(
        backend: Backend,
        binary: &Path,
        db: &TestDb,
        sizes: &Sizes,
        operator_key: &str,
        work: &Path,
    ) -> Result<Self, String> {
        match backend {
            Backend::Postgres => {
                let probes = probes::probes(sizes, operator_key);
                postgres::prepare(binary, db, &probes).map(Self::Postgres)
            }
            Backend::Sqlite => sqlite::prepare(db, work).map(Self::Sqlite),
        }
    }

    /// Every route's limit, each run for `duration`; (label, per second).
    pub fn measure(
        &self,
        work: &Path,
        sizes: &Sizes,
        duration: Duration,
    ) -> Result<Vec<(String, f64)>, String> {
        match self {
            Self::Postgres(limits) => limits.measure(work, duration, sizes.delete_pool),
            Self::Sqlite(limits) => limits.measure(sizes, duration),
        }
    }
}

/// The mixed workload's shares (`scripts::mixed`), by the labels of the routes it sends.
const MIXED: [(&str, f64); 7] = [
    (labels::ACCOUNT_READ, 0.20),
    (labels::ACCOUNT_LIST, 0.20),
    (labels::POST_READ, 0.20),
    (labels::WEEK_PREFIX, 0.20),
    (labels::CREATE, 0.08),
    (labels::REPLACE, 0.08),
    (labels::DELETE, 0.04),
];

/// `1 / (1/healthz + 1/limit)`: a request costs the machine its HTTP side (what `/healthz`
/// costs) plus its database side (what the limit costs), one after the other.
pub fn composed(healthz: f64, limit: f64) -> f64 {
    1.0 / (1.0 / healthz + 1.0 / limit)
}

fn limit_of(limits: &[(String, f64)], label: &str) -> Option<f64> {
    limits
        .iter()
        .find(|(l, _)| l == label || l.starts_with(label))
        .map(|(_, rate)| *rate)
}

/// The mixed workload's limit: the time its mix of statements takes, `1 / Σ share/limit`
/// (its deletes are of accounts without links; the two-link delete's limit stands in).
fn mixed_limit(limits: &[(String, f64)]) -> Option<f64> {
    let mut seconds = 0.0;
    for (label, share) in MIXED {
        seconds += share / limit_of(limits, label)?;
    }
    Some(1.0 / seconds)
}

/// The table: each measured route against its limit and the composed limit. A limit whose
/// label names no row (a route renamed on one side only) is an error, not a missing row.
pub fn table(
    report: &mut Report,
    title: &str,
    rows: &[Row],
    limits: &[(String, f64)],
) -> Result<(), String> {
    let Some(healthz) = rows.first().map(|row| row.measure.rps) else {
        return Err("no /healthz row to compose the limits with".into());
    };
    if let Some((label, _)) = limits
        .iter()
        .find(|(label, _)| !rows.iter().any(|row| row.label == *label))
    {
        return Err(format!("the limit of {label:?} has no row of that name"));
    }
    let mut text = format!(
        "\n{title}\n\n| route | req/s | limit/s | composed limit | share of it |\n| --- | ---: | ---: | ---: | ---: |\n"
    );
    // Closed-loop rows only: a paced or fixed-rate row runs below its maximum on purpose.
    for row in rows
        .iter()
        .skip(1)
        .filter(|row| !row.label.contains(" at ") && !row.label.contains("paced"))
    {
        let limit = if row.label.starts_with("mixed") {
            Some(mixed_limit(limits).ok_or("a route of the mixed workload has no limit")?)
        } else {
            limits
                .iter()
                .find(|(l, _)| *l == row.label)
                .map(|(_, rate)| *rate)
        };
        let Some(limit) = limit else { continue };
        let both = composed(healthz, limit);
        let _ = writeln!(
            text,
            "| {} | {:.0} | {limit:.0} | {both:.0} | {:.2} |",
            row.label,
            row.measure.rps,
            row.measure.rps / both
        );
    }
    report.line(&text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_limits() {
        assert!((composed(60_000.0, 20_000.0) - 15_000.0).abs() < 1e-6);
        let limits: Vec<(String, f64)> = MIXED
            .iter()
            .map(|(label, _)| ((*label).to_owned(), 1_000.0))
            .collect();
        assert_eq!(mixed_limit(&limits).map(f64::round), Some(1_000.0));
        assert_eq!(mixed_limit(&limits[1..]), None);
    }

    fn row(label: &str, rps: f64) -> Row {
        Row {
            label: label.into(),
            measure: super::super::load::Measure {
                rps,
                ..Default::default()
            },
            ratio: None,
        }
    }

    #[test]
    fn a_limit_without_its_row_is_an_error_not_a_missing_row() {
        let rows = [row("GET /healthz", 60_000.0), row("POST /schedule", 900.0)];
        let mut report = Report::default();
        let matched = [("POST /schedule".to_owned(), 1_000.0)];
        assert_eq!(table(&mut report, "t", &rows, &matched), Ok(()));
        assert!(
            report
                .text
                .contains("| POST /schedule | 900 | 1000 | 984 | 0.91 |")
        );
        let renamed = [("POST /schedules".to_owned(), 1_000.0)];
        assert_eq!(
            table(&mut report, "t", &rows, &renamed),
            Err("the limit of \"POST /schedules\" has no row of that name".to_owned())
        );
    }
}
