//! Driving load with real generators: `wrk` (closed loop, maximum rate) and `hey` (fixed rate,
//! so queueing shows in p99). Both from Debian: `apt-get install wrk hey`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// What one run measured.
#[derive(Debug, Clone, Default)]
pub struct Measure {
    /// Completed requests per second.
    pub rps: f64,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
    /// Responses that were not 2xx/3xx.
    pub non_2xx: u64,
    /// Requests completed.
    pub requests: u64,
}

/// Fails unless both generators are installed.
pub fn check_tools() -> Result<(), String> {
    for tool in ["wrk", "hey"] {
        let found = Command::new(tool).arg("--version").output().is_ok();
        if !found {
            return Err(format!("{tool} is not installed: apt-get install wrk hey"));
        }
    }
    Ok(())
}

/// A closed-loop run: `connections` connections as fast as the server answers.
pub fn wrk(
    url: &str,
    key: Option<&str>,
    script: Option<&Path>,
    duration: Duration,
    connections: u32,
) -> Result<Measure, String> {
    let mut command = Command::new("wrk");
    command.args([
        "-t1",
        "-c",
        &connections.to_string(),
        "-d",
        &format!("{}s", duration.as_secs()),
        "--latency",
    ]);
    if let Some(key) = key {
        command.args(["-H", &format!("embed-api-key: {key}")]);
    }
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let output = command
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "wrk failed: {text}{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse_wrk(&text).ok_or_else(|| format!("cannot read wrk's output:\n{text}"))
}

fn millis(value: &str) -> Option<f64> {
    let (number, unit) = value.split_at(value.find(|c: char| c.is_ascii_alphabetic())?);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

fn parse_wrk(text: &str) -> Option<Measure> {
    let mut measure = Measure::default();
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", value] => measure.p50_ms = millis(value)?,
            ["99%", value] => measure.p99_ms = millis(value)?,
            ["Requests/sec:", value] => measure.rps = value.parse().ok()?,
            ["Non-2xx", "or", "3xx", "responses:", value] => {
                measure.non_2xx = value.parse().ok()?;
            }
            [count, "requests", "in", ..] => measure.requests = count.parse().ok()?,
            _ => {}
        }
    }
    (measure.requests > 0).then_some(measure)
}

/// A fixed-rate run: `rate` requests per second spread over `workers` paced workers.
pub fn hey(
    url: &str,
    key: &str,
    duration: Duration,
    rate: f64,
    workers: u32,
) -> Result<Measure, String> {
    let per_worker = (rate / f64::from(workers)).max(1.0);
    let output = Command::new("hey")
        .args([
            "-z",
            &format!("{}s", duration.as_secs()),
            "-c",
            &workers.to_string(),
            "-q",
            &format!("{per_worker:.0}"),
        ])
        .args(["-H", &format!("embed-api-key: {key}"), "-o", "csv", url])
        .output()
        .map_err(|e| format!("cannot run hey: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut latencies = Vec::new();
    let mut non_2xx = 0;
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let (Some(seconds), Some(status)) = (fields.first(), fields.get(6)) else {
            continue;
        };
        let (Ok(seconds), Ok(status)) = (seconds.parse::<f64>(), status.parse::<u16>()) else {
            continue;
        };
        latencies.push(seconds * 1000.0);
        if !(200..400).contains(&status) {
            non_2xx += 1;
        }
    }
    if latencies.is_empty() {
        return Err(format!(
            "hey measured nothing: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    latencies.sort_by(f64::total_cmp);
    let requests = latencies.len() as u64;
    #[expect(
        clippy::cast_precision_loss,
        reason = "request counts are far below 2^52"
    )]
    let rps = requests as f64 / duration.as_secs_f64();
    Ok(Measure {
        rps,
        p50_ms: percentile(&latencies, 50.0),
        p99_ms: percentile(&latencies, 99.0),
        non_2xx,
        requests,
    })
}

/// Nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "index of a short list"
    )]
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let text = "Running 1s test @ http://127.0.0.1:1/healthz\n  1 threads and 8 connections\n  Latency Distribution\n     50%  283.00us\n     75%  1.00ms\n     90%  2.00ms\n     99%    1.02ms\n  4567 requests in 1.00s, 1.23MB read\n  Non-2xx or 3xx responses: 12\nRequests/sec:   4567.89\nTransfer/sec:      1.23MB\n";
        let m = parse_wrk(text).unwrap_or_default();
        assert_eq!(m.requests, 4567);
        assert_eq!(m.non_2xx, 12);
        assert!(
            (m.p50_ms - 0.283).abs() < 1e-9
                && (m.p99_ms - 1.02).abs() < 1e-9
                && (m.rps - 4567.89).abs() < 1e-9
        );
    }

    #[test]
    fn nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert!((percentile(&values, 50.0) - 50.0).abs() < 1e-9);
        assert!((percentile(&values, 99.0) - 99.0).abs() < 1e-9);
        assert!((percentile(&[3.0], 99.0) - 3.0).abs() < 1e-9);
    }
}
