//! The runs beside the main table: the mixed workload and the account reads paced below their
//! maximum, the read of a huge account against a small one, and deletes of big accounts.

use super::labels;
use std::path::Path;
use std::time::Duration;

use crate::dataset::{self, BUSY_KEY, DELETE_KEY, Sizes};
use crate::server::Server;

use super::load::{self, Measure};
use super::options::Options;
use super::report::{Report, Row};
use super::routes::{Load, closed_loop};
use super::scripts;

/// The runs paced at half the maximum, so queueing cannot hide in the p99: the mixed workload
/// (wrk pacing itself: each connection waits after each answer), and the two account reads
/// (hey at a fixed rate).
pub fn paced_runs(
    server: &Server,
    options: &Options,
    work: &Path,
    mixed: &Measure,
    rows: &mut Vec<Row>,
) -> Result<(), String> {
    let half = mixed.rps / 2.0;
    // Each connection sends, waits for the answer, then waits `delay_ms`. A first, shorter
    // run with no allowance for the answer measures the latency at about this rate; the
    // measured run subtracts it. Each run deletes its own quarter of the mixed pool.
    let connections = f64::from(options.connections);
    let mut delay_ms = connections * 1000.0 / half.max(1.0);
    let mut paced = Measure::default();
    for (run, (first_delete, duration)) in [
        (
            options.sizes.mixed_pool / 2,
            (options.duration / 2).max(Duration::from_secs(1)),
        ),
        (options.sizes.mixed_pool * 3 / 4, options.duration),
    ]
    .into_iter()
    .enumerate()
    {
        if run == 1 {
            delay_ms = (delay_ms - paced.p50_ms).max(0.0);
        }
        let script = work.join("mixed-paced.lua");
        std::fs::write(&script, scripts::mixed(first_delete, Some(delay_ms)))
            .map_err(|e| e.to_string())?;
        paced = load::wrk(
            &server.url("/"),
            None,
            Some(&script),
            duration,
            options.connections,
        )?;
    }
    rows.push(Row {
        label: format!("mixed, paced at half its maximum ({half:.0} req/s asked)"),
        measure: paced,
        ratio: None,
    });
    for (label, index) in [(labels::ACCOUNT_READ, 2), (labels::ACCOUNT_LIST, 1)] {
        let rate = rows[index].measure.rps / 2.0;
        let path = if index == 2 {
            format!("/social-account/{}", dataset::busy_account())
        } else {
            "/social-account".into()
        };
        let measure = load::hey(&server.url(&path), BUSY_KEY, options.duration, rate, 50)?;
        rows.push(Row {
            label: format!("{label} at {rate:.0} req/s (fixed rate)"),
            measure,
            ratio: None,
        });
    }
    Ok(())
}

/// The read of the account with `huge_links` links against the one with ten: two closed-loop
/// runs each, alternating, so a drift of the machine during the runs falls on both.
pub fn huge_against_small(
    server: &Server,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let mut huge = 0.0;
    let mut small = 0.0;
    for _ in 0..2 {
        let rows = closed_loop(
            server,
            options,
            work,
            vec![
                ("huge", Load::Get("/social-account/huge".into())),
                ("small", Load::Get("/social-account/small".into())),
            ],
        )?;
        huge += rows[0].measure.rps / 2.0;
        small += rows[1].measure.rps / 2.0;
    }
    report.line(&format!(
        "\n`GET /social-account/:id` of an account with {} links: {huge:.0} req/s; with {} links: \
         {small:.0} req/s (means of two alternating runs each): {:+.1} %.",
        options.sizes.huge_links,
        dataset::SMALL_LINKS,
        (huge / small - 1.0) * 100.0
    ));
    Ok(())
}

/// Deletes the accounts of many links one after another, timed.
pub fn big_deletes(server: &Server, sizes: &Sizes, report: &mut Report) -> Result<(), String> {
    let mut deletes = Vec::new();
    for id in dataset::big_delete_ids(sizes) {
        let (status, ms) = server.timed("DELETE", &format!("/social-account/{id}"), DELETE_KEY)?;
        if status != 200 {
            return Err(format!("DELETE {id} answered {status}"));
        }
        deletes.push(ms);
    }
    deletes.sort_by(f64::total_cmp);
    report.line(&format!(
        "\nDELETE of an account with {} links, {} one after another: median {:.2} ms, max {:.2} ms.",
        sizes.big_delete_links,
        deletes.len(),
        load::percentile(&deletes, 50.0),
        deletes.last().copied().unwrap_or_default()
    ));
    Ok(())
}
