//! The routes of the tables, each measured closed loop (wrk).

use super::labels;
use std::path::Path;

use crate::dataset::{self, BUSY_KEY};
use crate::server::Server;

use super::load;
use super::options::Options;
use super::report::Row;
use super::scripts;

/// What one closed-loop run sends.
pub enum Load {
    /// `GET path` with the busy workspace's key.
    Get(String),
    /// A wrk script (it sets its own headers).
    Script(String),
}

/// Closed-loop runs of `routes`; returns the rows, ratios against the first (`/healthz`).
pub fn closed_loop<L: Into<String>>(
    server: &Server,
    options: &Options,
    work: &Path,
    routes: Vec<(L, Load)>,
) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (label, load) in routes {
        let measure = match load {
            Load::Get(path) => load::wrk(
                &server.url(&path),
                Some(BUSY_KEY),
                None,
                options.duration,
                options.connections,
            )?,
            Load::Script(text) => {
                let script = work.join("route.lua");
                std::fs::write(&script, text).map_err(|e| e.to_string())?;
                load::wrk(
                    &server.url("/"),
                    None,
                    Some(&script),
                    options.duration,
                    options.connections,
                )?
            }
        };
        rows.push(Row {
            label: label.into(),
            measure,
            ratio: None,
        });
    }
    let healthz = rows.first().map_or(1.0, |row| row.measure.rps);
    for row in &mut rows {
        row.ratio = Some(row.measure.rps / healthz);
    }
    Ok(rows)
}

/// The account routes read by the scale check.
pub fn account_reads() -> Vec<(&'static str, Load)> {
    vec![
        (labels::HEALTHZ, Load::Get("/healthz".into())),
        (labels::ACCOUNT_LIST, Load::Get("/social-account".into())),
        (
            labels::ACCOUNT_READ,
            Load::Get(format!("/social-account/{}", dataset::busy_account())),
        ),
    ]
}

/// Every route of the main table, `/healthz` first.
pub fn routes() -> Vec<(String, Load)> {
    let mut routes: Vec<(String, Load)> = account_reads()
        .into_iter()
        .map(|(label, load)| (label.to_owned(), load))
        .collect();
    routes.extend([
        (
            labels::POST_READ.to_owned(),
            Load::Script(scripts::read_post()),
        ),
        (labels::week(), Load::Get(scripts::week_path())),
        (labels::CREATE.to_owned(), Load::Script(scripts::create())),
        (labels::REPLACE.to_owned(), Load::Script(scripts::replace())),
        (
            labels::MIXED.to_owned(),
            Load::Script(scripts::mixed(0, None)),
        ),
    ]);
    routes
}
