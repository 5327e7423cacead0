//! The import's progress line on stderr: the section being written, how far, how fast.
//!
//! Shown once an import has run for a second: on a terminal, redrawn in place; elsewhere only
//! with `--progress`, as a line a second (for logs).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use social_accounts_domain::import::ImportReport;
use social_accounts_domain::repository::ImportProgress;

/// Quiet for this long: a quick import prints nothing.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// How the line is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Hidden,
    /// Redrawn in place, five times a second.
    InPlace,
    /// A new line each second.
    Lines,
}

pub struct ProgressLine {
    totals: ImportReport,
    mode: Mode,
    started: Instant,
    section: &'static str,
    section_started: Instant,
    last_drawn: Option<Instant>,
}

impl ProgressLine {
    /// `forced` is `--progress`: shown even when stderr is not a terminal.
    pub fn new(totals: ImportReport, forced: bool) -> Self {
        let mode = match (std::io::stderr().is_terminal(), forced) {
            (true, _) => Mode::InPlace,
            (false, true) => Mode::Lines,
            (false, false) => Mode::Hidden,
        };
        Self::with_mode(totals, mode, Instant::now())
    }

    fn with_mode(totals: ImportReport, mode: Mode, started: Instant) -> Self {
        Self {
            totals,
            mode,
            started,
            section: "",
            section_started: started,
            last_drawn: None,
        }
    }

    pub fn update(&mut self, step: ImportProgress) {
        let Some(text) = self.text_at(step, Instant::now()) else {
            return;
        };
        let mut err = std::io::stderr().lock();
        let _ = if self.mode == Mode::InPlace {
            write!(err, "\r\x1b[2K{text}")
        } else {
            writeln!(err, "{text}")
        };
        let _ = err.flush();
    }

    /// The line to show for `step` at `now`, if one is due.
    fn text_at(&mut self, step: ImportProgress, now: Instant) -> Option<String> {
        if step.section != self.section {
            self.section = step.section;
            self.section_started = now;
        }
        let every = match self.mode {
            Mode::Hidden => return None,
            Mode::InPlace => Duration::from_millis(200),
            Mode::Lines => Duration::from_secs(1),
        };
        let due = self.last_drawn.is_none_or(|last| now - last >= every);
        if now - self.started < QUIET_FOR || !due {
            return None;
        }
        self.last_drawn = Some(now);
        let total = match step.section {
            "organizations" => self.totals.organizations,
            "workspaces" => self.totals.workspaces,
            "apiKeys" => self.totals.api_keys,
            "socialAccounts" => self.totals.social_accounts,
            "designs" => self.totals.designs,
            "scheduledPosts" => self.totals.scheduled_posts,
            _ => step.written,
        };
        let seconds = (now - self.section_started).as_secs_f64();
        #[expect(clippy::cast_precision_loss, reason = "exact below 2^53 records")]
        let rate = if seconds > 0.0 {
            format!("{:.0} records/s", step.written as f64 / seconds)
        } else {
            "starting".to_owned()
        };
        Some(format!(
            "importing {}: {} of {total} ({rate}, {:.1} s in all)",
            step.section,
            step.written,
            (now - self.started).as_secs_f64()
        ))
    }

    /// Ends a line redrawn in place, so what follows starts on its own line.
    pub fn finish(&self) {
        if self.last_drawn.is_some() && self.mode == Mode::InPlace {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals() -> ImportReport {
        ImportReport {
            social_accounts: 30,
            scheduled_posts: 4000,
            ..ImportReport::default()
        }
    }

    fn step(section: &'static str, written: usize) -> ImportProgress {
        ImportProgress { section, written }
    }

    #[test]
    fn quiet_for_a_second_then_a_line_a_second_with_the_sections_rate() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let mut line = ProgressLine::with_mode(totals(), Mode::Lines, t0);
        assert_eq!(line.text_at(step("socialAccounts", 30), at(100)), None);
        assert_eq!(line.text_at(step("scheduledPosts", 1000), at(500)), None);
        assert_eq!(
            line.text_at(step("scheduledPosts", 2000), at(1500))
                .as_deref(),
            Some("importing scheduledPosts: 2000 of 4000 (2000 records/s, 1.5 s in all)")
        );
        assert_eq!(line.text_at(step("scheduledPosts", 3000), at(2000)), None);
        assert_eq!(
            line.text_at(step("scheduledPosts", 4000), at(2500))
                .as_deref(),
            Some("importing scheduledPosts: 4000 of 4000 (2000 records/s, 2.5 s in all)")
        );
    }

    #[test]
    fn redrawn_five_times_a_second_on_a_terminal() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let mut line = ProgressLine::with_mode(totals(), Mode::InPlace, t0);
        assert!(line.text_at(step("scheduledPosts", 10), at(1000)).is_some());
        assert!(line.text_at(step("scheduledPosts", 20), at(1100)).is_none());
        assert!(line.text_at(step("scheduledPosts", 30), at(1200)).is_some());
    }

    #[test]
    fn hidden_says_nothing() {
        let t0 = Instant::now();
        let mut line = ProgressLine::with_mode(totals(), Mode::Hidden, t0);
        let late = t0 + Duration::from_secs(60);
        assert_eq!(line.text_at(step("scheduledPosts", 10), late), None);
    }
}
