//! The import table: each file through `seed` into a fresh database.

use std::path::Path;

use social_accounts_storage::Backend;

use crate::dataset;

use super::fresh_seeded;
use super::options::Options;
use super::report::Report;

pub fn table(
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
        let file = work.join(format!("{name}.json"));
        let dataset = dataset::import_file(posts, links_per_post);
        let (_, seeded) = fresh_seeded(backend, binary, work, &file, &dataset)?;
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
