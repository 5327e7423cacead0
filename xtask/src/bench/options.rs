//! The bench's command line.

use std::time::Duration;

use social_accounts_storage::Backend;

use crate::dataset::Sizes;

const USAGE: &str = "usage: cargo xtask bench [--backend sqlite|postgres|both] [--smoke] [--duration SECS] \
[--connections N] [--busy-links N] [--other-workspaces N] [--import-scale N] [--imports-only] [--publishing-only] [--webhooks-only] [--main-only] [--no-scale-check]";

/// Which part of the bench runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Every table.
    Everything,
    /// The import table.
    Imports,
    /// The publisher API's table (needs neither wrk nor hey).
    Publishing,
    /// The webhooks' tables.
    Webhooks,
    /// The main dataset's tables (routes, their limits, the paced and scenario runs).
    Main,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub backends: Vec<Backend>,
    pub sizes: Sizes,
    pub duration: Duration,
    pub connections: u32,
    /// The import table's files (100,000 and 10,000 posts) are divided by this.
    pub import_scale: usize,
    pub scale_check: bool,
    /// Everything, or one part only.
    pub only: Only,
    /// The publisher bench's links: the backlog drained, those coming due under load, the
    /// reference worker's.
    pub publishing: (usize, usize, usize),
}

pub fn parse(args: &[&str]) -> Result<Options, String> {
    let mut options = Options {
        backends: Backend::ALL.to_vec(),
        sizes: Sizes::standard(),
        duration: Duration::from_secs(10),
        connections: 32,
        import_scale: 1,
        scale_check: true,
        only: Only::Everything,
        publishing: (20_000, 500, 1_000),
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
                options.publishing = (400, 50, 40);
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
            "--imports-only" => options.only = Only::Imports,
            "--publishing-only" => options.only = Only::Publishing,
            "--webhooks-only" => options.only = Only::Webhooks,
            "--main-only" => options.only = Only::Main,
            "--no-scale-check" => options.scale_check = false,
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}
