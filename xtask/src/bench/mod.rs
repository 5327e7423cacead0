//! `cargo xtask bench`: the release binary, seeded through the real import, driven over
//! loopback by wrk (closed loop) and hey (fixed rate). See docs/performance.md.

mod imports;
mod labels;
mod limits;
mod load;
mod options;
mod publishing;
mod report;
mod routes;
mod scenarios;
mod scripts;
mod webhooks;

use std::path::{Path, PathBuf};

use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::database;
use crate::dataset;
use crate::server::{self, Seeded, Server};

use options::{Only, Options};
use report::Report;
use routes::{Load, closed_loop};

/// A fresh database on `backend` with `dataset`, written to `file`, imported through `seed`.
fn fresh_seeded(
    backend: Backend,
    binary: &Path,
    work: &Path,
    file: &Path,
    dataset: &str,
) -> Result<(TestDb, Seeded), String> {
    let db = database::fresh(backend, work)?;
    std::fs::write(file, dataset).map_err(|e| e.to_string())?;
    let seeded = server::seed(binary, &db.url_arg(), file)?;
    Ok((db, seeded))
}

/// Everything measured on the main dataset. Its database lives exactly as long as this call,
/// so it is gone before the next run seeds its own.
fn main_dataset(
    backend: Backend,
    binary: &Path,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let file = work.join(format!("{}-dataset.json", backend.name()));
    let dataset = dataset::main_file(&options.sizes, 1);
    let (db, seeded) = fresh_seeded(backend, binary, work, &file, &dataset)?;
    report.line(&format!(
        "\nDataset seeded through `social-accounts seed` in {:.2} s.",
        seeded.took.as_secs_f64()
    ));

    let operator_key = server::mint_key(binary, &db.url_arg(), "operator")?;
    let limits =
        limits::Limits::prepare(backend, binary, &db, &options.sizes, &operator_key, work)?;
    let server = Server::start(binary, &db.url_arg())?;
    let mut rows = closed_loop(&server, options, work, routes::routes())?;
    let healthz = rows[0].measure.rps;
    let mixed = rows
        .last()
        .map(|row| row.measure.clone())
        .unwrap_or_default();

    // The DELETE run consumes the pool from the bottom; the mixed runs took theirs from the top.
    let delete = closed_loop(
        &server,
        options,
        work,
        vec![
            (labels::HEALTHZ, Load::Get("/healthz".into())),
            (labels::DELETE, Load::Script(scripts::delete())),
        ],
    )?;
    // The operator API's connect: new accounts into an empty workspace, then the first of
    // them again (reconnects, which replace tokens and profile and keep every link).
    let connects = closed_loop(
        &server,
        options,
        work,
        vec![
            (labels::HEALTHZ, Load::Get("/healthz".into())),
            (
                labels::CONNECT,
                Load::Script(scripts::connect(&operator_key, None)),
            ),
            (
                labels::RECONNECT,
                Load::Script(scripts::connect(&operator_key, Some(1000))),
            ),
        ],
    )?;
    rows.extend(
        delete
            .into_iter()
            .chain(connects)
            .filter(|row| row.label != labels::HEALTHZ)
            .map(|mut row| {
                row.ratio = Some(row.measure.rps / healthz);
                row
            }),
    );

    scenarios::paced_runs(&server, options, work, &mixed, &mut rows)?;
    report.table(
        &format!(
            "Closed loop: wrk -t1 -c{} -d{}s; fixed rate: hey -c50; paced: wrk with a delay",
            options.connections,
            options.duration.as_secs()
        ),
        &rows,
    );

    // Half the closed loop's duration each: nine routes.
    let rates = limits.measure(work, &options.sizes, options.duration / 2)?;
    drop(limits);
    limits::table(
        report,
        "Against the limit: the route's database work alone (pgbench -n -M prepared -c 8 of its logged statements; SQLite: its storage call in a loop on one connection), composed with /healthz",
        &rows,
        &rates,
    )?;

    scenarios::huge_against_small(&server, options, work, report)?;
    scenarios::big_deletes(&server, &options.sizes, report)?;
    let rss = server
        .peak_rss_mib()
        .map_or_else(|| "unknown".to_owned(), |m| format!("{m:.1} MiB"));
    report.line(&format!(
        "Peak RSS of the server over the whole run: {rss}."
    ));
    server.stop()
}

/// The account reads again, the rest of the database ten times larger.
fn scale_check(
    backend: Backend,
    binary: &Path,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let file = work.join(format!("{}-dataset-x10.json", backend.name()));
    let dataset = dataset::main_file(&options.sizes, 10);
    let (db, _) = fresh_seeded(backend, binary, work, &file, &dataset)?;
    let server = Server::start(binary, &db.url_arg())?;
    let rows = closed_loop(&server, options, work, routes::account_reads())?;
    server.stop()?;
    report.table("Same routes, the rest of the database 10 × larger", &rows);
    Ok(())
}

fn run_backend(
    backend: Backend,
    binary: &Path,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    report.line(&format!("\n## {}", backend.name()));
    match options.only {
        Only::Publishing => {
            return publishing::run(backend, binary, work, options.publishing, report);
        }
        Only::Webhooks => return webhooks::run(backend, binary, options, work, report),
        Only::Main => return main_dataset(backend, binary, options, work, report),
        Only::Imports | Only::Everything => {}
    }
    if options.only == Only::Everything {
        main_dataset(backend, binary, options, work, report)?;
        publishing::run(backend, binary, work, options.publishing, report)?;
        webhooks::run(backend, binary, options, work, report)?;
        if options.scale_check {
            scale_check(backend, binary, options, work, report)?;
        }
    }
    imports::table(backend, binary, options, work, report)
}

/// Runs the bench (again in the `xtask-bench` profile when this is a debug build).
pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    if cfg!(debug_assertions) {
        let mut run = vec![
            "run",
            "--quiet",
            "--profile",
            "xtask-bench",
            "--package",
            "xtask",
            "--",
            "bench",
        ];
        run.extend_from_slice(args);
        return crate::cargo(&run, "the optimized bench failed");
    }
    let options = options::parse(args)?;
    if options.only != Only::Publishing {
        load::check_tools()?;
    }
    let binary = server::build(root, true)?;
    let work: PathBuf = root.join("target").join("bench");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut report = Report::default();
    report.line(&format!(
        "# cargo xtask bench {}\n\nBusy workspace: {} accounts, {} links; {} other workspaces of {} accounts ({} links each); {} cores.",
        args.join(" "),
        options.sizes.busy_accounts,
        options.sizes.busy_links,
        options.sizes.other_workspaces,
        options.sizes.other_accounts,
        options.sizes.other_links_per_account,
        std::thread::available_parallelism().map_or(0, usize::from),
    ));
    for backend in &options.backends {
        run_backend(*backend, &binary, &options, &work, &mut report)?;
    }
    println!("{}", report.text);
    let out = work.join("results.md");
    std::fs::write(&out, &report.text).map_err(|e| e.to_string())?;
    eprintln!("written to {}", out.display());
    Ok(())
}
