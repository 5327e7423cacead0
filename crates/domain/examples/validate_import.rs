//! Validates an operator's import file offline: everything `social-accounts seed --file FILE`
//! checks before it opens the database, with the same messages, and no database at all.
//!
//! ```text
//! cargo run -p social-accounts-domain --example validate_import -- examples/seed.json
//! PLATFORMS=linkedin,facebook cargo run -p social-accounts-domain --example validate_import -- FILE
//! ```
//!
//! `PLATFORMS` is the server's setting: the platforms whose accounts the file may hold (the
//! contract's four unless set). A valid file prints what importing it would write; an invalid
//! one prints the server's error line, naming the first bad record and field, and exits
//! with status 1. What only the database knows (does a workspace named by the file but not
//! in it exist? is an id taken?) is checked by `seed` alone.

use std::process::ExitCode;

use social_accounts_domain::import::ImportBatch;
use social_accounts_domain::{Platforms, Timestamp};

fn main() -> ExitCode {
    match run() {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            // As the server's `main` prints a failed command.
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let mut args = std::env::args_os().skip(1);
    let (Some(file), None) = (args.next(), args.next()) else {
        return Err(
            "usage: validate_import FILE (PLATFORMS=linkedin,... enables platforms)".into(),
        );
    };
    let platforms = match std::env::var("PLATFORMS") {
        Ok(csv) => Platforms::parse(&csv).map_err(|e| format!("PLATFORMS: {e}"))?,
        Err(_) => Platforms::default(),
    };
    let shown = std::path::Path::new(&file).display();
    let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let batch = ImportBatch::from_json(&text, Timestamp::now(), &platforms)
        .map_err(|e| format!("{shown}: {e} (nothing was imported)"))?;
    Ok(format!(
        "{shown}: valid for {platforms}; importing it would write {}",
        batch.report()
    ))
}
