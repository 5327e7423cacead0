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

use social_accounts_domain::import::ImportStream;
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
    std::fs::File::open(&file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    // `seed`'s own first pass: the file streamed, so its size does not matter.
    let open = || std::fs::File::open(&file).map(std::io::BufReader::new);
    let stream = ImportStream::scan(open, Timestamp::now(), &platforms)
        .map_err(|e| format!("{shown}: {e} (nothing was imported)"))?;
    Ok(format!(
        "{shown}: valid for {platforms}; importing it would write {}",
        stream.report()
    ))
}
