//! The Markdown report: printed at the end and written to `target/bench/results.md`.

use std::fmt::Write as _;

use super::load::Measure;

pub struct Row {
    pub label: String,
    pub measure: Measure,
    pub ratio: Option<f64>,
}

#[derive(Default)]
pub struct Report {
    pub text: String,
}

impl Report {
    pub fn table(&mut self, title: &str, rows: &[Row]) {
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

    pub fn line(&mut self, line: &str) {
        let _ = writeln!(self.text, "{line}");
    }
}
