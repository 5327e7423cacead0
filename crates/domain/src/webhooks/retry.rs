//! `WEBHOOK_RETRY_SCHEDULE`: the waits between a delivery's attempts.

use std::fmt;
use std::time::Duration;

use crate::publish::Jitter;

/// The waits after each failed attempt (`5s,5m,30m,2h,5h,10h,10h` by default: eight attempts
/// over about 28 hours), each spread ±10 % by a jitter draw. After the last wait's attempt
/// fails, the delivery is `failed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule(Vec<Duration>);

/// A schedule that does not parse: which step, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("WEBHOOK_RETRY_SCHEDULE: step {step} ({raw:?}) {why}")]
pub struct RetryScheduleError {
    /// The 1-based position of the offending step.
    pub step: usize,
    /// The step as written.
    pub raw: String,
    /// What is wrong with it.
    pub why: &'static str,
}

impl Default for RetrySchedule {
    fn default() -> Self {
        const MINUTE: u64 = 60;
        const HOUR: u64 = 3600;
        Self(
            [
                5,
                5 * MINUTE,
                30 * MINUTE,
                2 * HOUR,
                5 * HOUR,
                10 * HOUR,
                10 * HOUR,
            ]
            .map(Duration::from_secs)
            .to_vec(),
        )
    }
}

impl RetrySchedule {
    /// Reads `5s,5m,30m,2h` (units `ms`, `s`, `m`, `h`; an empty text is no retry at all).
    pub fn parse(raw: &str) -> Result<Self, RetryScheduleError> {
        if raw.trim().is_empty() {
            return Ok(Self(Vec::new()));
        }
        raw.split(',')
            .enumerate()
            .map(|(index, step)| {
                let refuse = |why| RetryScheduleError {
                    step: index + 1,
                    raw: step.to_owned(),
                    why,
                };
                let step = step.trim();
                let split = step
                    .find(|c: char| !c.is_ascii_digit())
                    .ok_or_else(|| refuse("has no unit (ms, s, m or h)"))?;
                let (digits, unit) = step.split_at(split);
                let count: u64 = digits.parse().map_err(|_| refuse("is not a number"))?;
                let millis = match unit {
                    "ms" => Some(count),
                    "s" => count.checked_mul(1000),
                    "m" => count.checked_mul(60_000),
                    "h" => count.checked_mul(3_600_000),
                    _ => return Err(refuse("has no unit (ms, s, m or h)")),
                }
                .filter(|millis| *millis <= 7 * 24 * 3_600_000)
                .ok_or_else(|| refuse("is longer than a week"))?;
                Ok(Duration::from_millis(millis))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// How many attempts a delivery gets in all: the first and one after each wait.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        u32::try_from(self.0.len()).map_or(u32::MAX, |waits| waits.saturating_add(1))
    }

    /// The wait after the `attempt`-th attempt (1-based) failed, spread by `jitter`; `None`
    /// when that was the last attempt.
    #[must_use]
    pub fn wait_after(&self, attempt: u32, jitter: Jitter) -> Option<Duration> {
        let index = usize::try_from(attempt.checked_sub(1)?).ok()?;
        self.0
            .get(index)
            .map(|wait| wait.mul_f64(1.0 + 0.1 * jitter.value()))
    }
}

impl fmt::Display for RetrySchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let steps: Vec<String> = self
            .0
            .iter()
            .map(|wait| {
                let millis = wait.as_millis();
                match millis {
                    m if m % 3_600_000 == 0 => format!("{}h", m / 3_600_000),
                    m if m % 60_000 == 0 => format!("{}m", m / 60_000),
                    m if m % 1000 == 0 => format!("{}s", m / 1000),
                    m => format!("{m}ms"),
                }
            })
            .collect();
        f.write_str(&steps.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_contracts_schedule() -> Result<(), RetryScheduleError> {
        let schedule = RetrySchedule::parse("5s,5m,30m,2h,5h,10h,10h")?;
        assert_eq!(schedule, RetrySchedule::default());
        assert_eq!(schedule.to_string(), "5s,5m,30m,2h,5h,10h,10h");
        assert_eq!(schedule.attempts(), 8);
        assert_eq!(
            schedule.wait_after(1, Jitter::none()),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            schedule.wait_after(7, Jitter::none()),
            Some(Duration::from_secs(36_000))
        );
        assert_eq!(schedule.wait_after(8, Jitter::none()), None);
        assert_eq!(schedule.wait_after(0, Jitter::none()), None);
        Ok(())
    }

    #[test]
    fn jitter_spreads_a_wait_by_ten_percent_at_most() -> Result<(), RetryScheduleError> {
        let schedule = RetrySchedule::parse("100s")?;
        assert_eq!(
            schedule.wait_after(1, Jitter::new(1.0)),
            Some(Duration::from_secs(110))
        );
        assert_eq!(
            schedule.wait_after(1, Jitter::new(-5.0)),
            Some(Duration::from_secs(90))
        );
        Ok(())
    }

    #[test]
    fn bad_steps_are_named() {
        let error = RetrySchedule::parse("5s,5x").err();
        assert_eq!(
            error.map(|e| (e.step, e.why)),
            Some((2, "has no unit (ms, s, m or h)"))
        );
        assert!(RetrySchedule::parse("s").is_err());
        assert!(RetrySchedule::parse("200h").is_err());
        assert_eq!(RetrySchedule::parse("").map(|s| s.attempts()), Ok(1));
        assert_eq!(
            RetrySchedule::parse("250ms").map(|s| s.to_string()),
            Ok("250ms".to_owned())
        );
    }
}
