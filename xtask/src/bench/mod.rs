//! `cargo xtask bench`: the release binary, seeded through the real import, driven over
//! loopback by wrk (closed loop) and hey (fixed rate). See docs/performance.md.

pub mod dataset;
mod load;
mod scripts;
pub mod server;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use social_accounts_storage::{Backend, DatabaseUrl, connect};

use dataset::{BUSY_KEY, DELETE_KEY, Sizes};
use load::Measure;
use server::Server;

const USAGE: &str = "usage: cargo xtask bench [--backend sqlite|postgres|both] [--smoke] [--duration SECS] \
[--connections N] [--busy-links N] [--other-workspaces N] [--import-scale N] [--imports-only] [--no-scale-check]";

#[derive(Debug, Clone)]
struct Options {
    backends: Vec<Backend>,
    sizes: Sizes,
    duration: Duration,
    connections: u32,
    /// The import files are the sizes divided by this.
    import_scale: usize,
    scale_check: bool,
    /// Only the import table.
    imports_only: bool,
}

fn parse(args: &[&str]) -> Result<Options, String> {
    let mut options = Options {
        backends: Backend::ALL.to_vec(),
        sizes: Sizes::standard(),
        duration: Duration::from_secs(10),
        connections: 32,
        import_scale: 1,
        scale_check: true,
        imports_only: false,
    };
    let mut rest = args.iter();
    let number = |value: Option<&&str>, flag: &str| -> Result<usize, String> {
        value
            .and_then(|v| v.parse().ok())
            .ok_or(format!("{flag} needs a number\n{USAGE}"))
    };
    while let Some(arg) = rest.next() {
        match *arg {
            "--smoke" => {
                options.sizes = Sizes::smoke();
                options.duration = Duration::from_secs(1);
                options.connections = 4;
                options.import_scale = 100;
                options.scale_check = false;
            }
            "--backend" => {
                options.backends = match rest.next().copied() {
                    Some("both") => Backend::ALL.to_vec(),
                    Some(name) if Backend::parse(name).is_some() => {
                        Backend::parse(name).into_iter().collect()
                    }
                    _ => return Err(USAGE.into()),
                }
            }
            "--duration" => {
                options.duration = Duration::from_secs(number(rest.next(), "--duration")? as u64);
            }
            "--connections" => {
                options.connections = u32::try_from(number(rest.next(), "--connections")?)
                    .map_err(|e| e.to_string())?;
            }
            "--busy-links" => options.sizes.busy_links = number(rest.next(), "--busy-links")?,
            "--other-workspaces" => {
                options.sizes.other_workspaces = number(rest.next(), "--other-workspaces")?;
            }
            "--import-scale" => {
                options.import_scale = number(rest.next(), "--import-scale")?.max(1);
            }
            "--imports-only" => options.imports_only = true,
            "--no-scale-check" => options.scale_check = false,
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// A fresh, empty database for one run.
pub fn fresh_database(backend: Backend, work: &Path) -> Result<String, String> {
    match backend {
        Backend::Sqlite => {
            let _ = std::fs::remove_dir_all(work);
            std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
            Ok(format!("sqlite://{}", work.join("bench.db").display()))
        }
        Backend::Postgres => {
            let admin = std::env::var("SA_BENCH_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let admin = DatabaseUrl::parse(&admin).map_err(|e| e.to_string())?;
            let (bench, _) = admin
                .sibling("sa_bench")
                .ok_or_else(|| format!("SA_BENCH_POSTGRES_URL {admin} names no database"))?;
            let mut conn = connect(&admin).map_err(|e| format!("PostgreSQL at {admin}: {e}"))?;
            // One statement per call: PostgreSQL runs a multi-statement batch as one
            // transaction, and DROP/CREATE DATABASE refuse to run inside one.
            for sql in [
                "DROP DATABASE IF EXISTS sa_bench WITH (FORCE)",
                "CREATE DATABASE sa_bench",
            ] {
                conn.batch_execute(sql).map_err(|e| e.to_string())?;
            }
            match bench {
                DatabaseUrl::Postgres(url) => Ok(url),
                DatabaseUrl::Sqlite(_) => Err("not PostgreSQL".into()),
            }
        }
    }
}

struct Row {
    label: String,
    measure: Measure,
    ratio: Option<f64>,
}

struct Report {
    text: String,
}

impl Report {
    fn table(&mut self, title: &str, rows: &[Row]) {
        let _ = writeln!(self.text, "\n{title}\n");
        let _ = writeln!(
            self.text,
            "| route | req/s | p50 ms | p99 ms | non-2xx | × /healthz |"
        );
        let _ = writeln!(self.text, "| --- | ---: | ---: | ---: | ---: | ---: |");
        for row in rows {
            let ratio = row
                .ratio
                .map_or_else(|| "–".to_owned(), |r| format!("{r:.2}"));
            let m = &row.measure;
            let _ = writeln!(
                self.text,
                "| {} | {:.0} | {:.3} | {:.3} | {} | {ratio} |",
                row.label, m.rps, m.p50_ms, m.p99_ms, m.non_2xx
            );
        }
    }

    fn line(&mut self, line: &str) {
        let _ = writeln!(self.text, "{line}");
    }
}

/// What one closed-loop run sends.
enum Load {
    /// `GET path` with the busy workspace's key.
    Get(String),
    /// A wrk script (it sets its own headers).
    Script(String),
}

/// Closed-loop runs of `routes`; returns the rows, ratios against the first (`/healthz`).
fn closed_loop<L: Into<String>>(
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
fn account_reads() -> Vec<(&'static str, Load)> {
    vec![
        ("GET /healthz", Load::Get("/healthz".into())),
        ("GET /social-account", Load::Get("/social-account".into())),
        (
            "GET /social-account/:id",
            Load::Get(format!("/social-account/{}", dataset::busy_account())),
        ),
    ]
}

/// Every route of the main table, `/healthz` first.
fn routes() -> Vec<(String, Load)> {
    let mut routes: Vec<(String, Load)> = account_reads()
        .into_iter()
        .map(|(label, load)| (label.to_owned(), load))
        .collect();
    routes.extend([
        (
            "GET /schedule/:id".to_owned(),
            Load::Script(scripts::read_post()),
        ),
        (
            format!("GET /schedule (a week, {} posts)", dataset::WEEK_POSTS),
            Load::Get(scripts::week_path()),
        ),
        ("POST /schedule".to_owned(), Load::Script(scripts::create())),
        (
            "PUT /schedule/:id".to_owned(),
            Load::Script(scripts::replace()),
        ),
        (
            "mixed: 80 % reads, 20 % writes".to_owned(),
            Load::Script(scripts::mixed(0, None)),
        ),
    ]);
    routes
}

/// The runs paced at half the maximum, so queueing cannot hide in the p99: the mixed workload
/// (wrk pacing itself: each connection waits after each answer), and the two account reads
/// (hey at a fixed rate).
fn paced_runs(
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
    for (label, index) in [("GET /social-account/:id", 2), ("GET /social-account", 1)] {
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
fn huge_against_small(
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
fn big_deletes(server: &Server, sizes: &Sizes, report: &mut Report) -> Result<(), String> {
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

fn run_backend(
    backend: Backend,
    binary: &Path,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let backend_name = backend.name();
    report.line(&format!("\n## {backend_name}"));
    if options.imports_only {
        return imports(backend, binary, options, work, report);
    }
    let url = fresh_database(backend, &work.join(backend_name))?;
    let file = work.join(format!("{backend_name}-dataset.json"));
    std::fs::write(&file, dataset::main_file(&options.sizes, 1)).map_err(|e| e.to_string())?;
    let seeded = server::seed(binary, &url, &file)?;
    report.line(&format!(
        "\nDataset seeded through `social-accounts seed` in {:.2} s.",
        seeded.took.as_secs_f64()
    ));

    let server = Server::start(binary, &url)?;
    let mut rows = closed_loop(&server, options, work, routes())?;
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
            ("GET /healthz", Load::Get("/healthz".into())),
            (
                "DELETE /social-account/:id (2 links)",
                Load::Script(scripts::delete()),
            ),
        ],
    )?;
    rows.extend(delete.into_iter().skip(1).map(|mut row| {
        row.ratio = Some(row.measure.rps / healthz);
        row
    }));

    paced_runs(&server, options, work, &mixed, &mut rows)?;
    report.table(
        &format!(
            "Closed loop: wrk -t1 -c{} -d{}s; fixed rate: hey -c50; paced: wrk with a delay",
            options.connections,
            options.duration.as_secs()
        ),
        &rows,
    );

    huge_against_small(&server, options, work, report)?;
    big_deletes(&server, &options.sizes, report)?;
    let rss = server
        .peak_rss_mib()
        .map_or_else(|| "unknown".to_owned(), |m| format!("{m:.1} MiB"));
    report.line(&format!(
        "Peak RSS of the server over the whole run: {rss}."
    ));
    server.stop()?;

    if options.scale_check {
        let url = fresh_database(backend, &work.join(format!("{backend_name}-x10")))?;
        let file = work.join(format!("{backend_name}-dataset-x10.json"));
        std::fs::write(&file, dataset::main_file(&options.sizes, 10)).map_err(|e| e.to_string())?;
        server::seed(binary, &url, &file)?;
        let server = Server::start(binary, &url)?;
        let rows = closed_loop(&server, options, work, account_reads())?;
        server.stop()?;
        report.table("Same routes, the rest of the database 10 × larger", &rows);
    }

    imports(backend, binary, options, work, report)
}

/// The import table: each file through `seed` into a fresh database.
fn imports(
    backend: Backend,
    binary: &Path,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let scale = options.import_scale;
    let files = [
        (100_000 / scale, 1),
        (10_000 / scale, 10),
        (100_000 / scale, 10),
    ];
    report.line("\nImports through `seed` into a fresh database (one caption a post; on PostgreSQL the time includes the VACUUM ANALYZE that follows an import)\n");
    report.line("| import | posts | links | s | posts/s | peak RSS MiB |");
    report.line("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (posts, links_per_post) in files {
        let name = format!("{}-import-{posts}x{links_per_post}", backend.name());
        let url = fresh_database(backend, &work.join(&name))?;
        let file = work.join(format!("{name}.json"));
        std::fs::write(&file, dataset::import_file(posts, links_per_post))
            .map_err(|e| e.to_string())?;
        let seeded = server::seed(binary, &url, &file)?;
        let _ = std::fs::remove_file(&file);
        let seconds = seeded.took.as_secs_f64();
        #[expect(clippy::cast_precision_loss, reason = "exact below 2^53 posts")]
        let rate = posts as f64 / seconds;
        report.line(&format!(
            "| {posts} posts × {links_per_post} link(s) | {posts} | {} | {seconds:.2} | {:.0} | {:.0} |",
            posts * links_per_post,
            rate,
            seeded.peak_rss_mib
        ));
    }
    Ok(())
}

/// Runs the bench.
pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let options = parse(args)?;
    load::check_tools()?;
    let binary = server::build(root, true)?;
    let work: PathBuf = root.join("target").join("bench");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut report = Report {
        text: String::new(),
    };
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
