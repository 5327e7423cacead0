//! The real binary, as bench, api-check and package run it: built by cargo, seeded through
//! `seed`, serving through `serve`, and reached with plain HTTP/1.1 requests.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The token key every seeded run uses (the data is synthetic).
pub const TOKEN_KEY: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// A running `social-accounts serve`.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

fn command(binary: &Path, database_url: &str) -> Command {
    let mut command = Command::new(binary);
    command
        .arg("--database-url")
        .arg(database_url)
        .env("TOKEN_ENCRYPTION_KEY", TOKEN_KEY)
        .env("RUST_LOG", "warn")
        // The bench and Schemathesis drive one key far past any sane per-key limit.
        .env("RATE_LIMIT_PER_SECOND", "0");
    command
}

/// What one `seed` run took.
pub struct Seeded {
    /// Wall time of the whole command.
    pub took: Duration,
    /// Its peak resident memory (`VmHWM`, sampled every 10 ms), in MiB.
    pub peak_rss_mib: f64,
}

/// Imports `file` with `social-accounts seed`.
pub fn seed(binary: &Path, database_url: &str, file: &Path) -> Result<Seeded, String> {
    let started = Instant::now();
    let mut child = command(binary, database_url)
        .arg("seed")
        .arg("--file")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut peak_rss_mib: f64 = 0.0;
    let status = loop {
        if let Some(rss) = vm_hwm_mib(child.id()) {
            peak_rss_mib = peak_rss_mib.max(rss);
        }
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = started.elapsed();
    if !status.success() {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        return Err(format!("seed failed: {stderr}"));
    }
    Ok(Seeded { took, peak_rss_mib })
}

/// Mints a key of `kind` for the whole instance with `keys create`; the key.
pub fn mint_key(binary: &Path, database_url: &str, kind: &str) -> Result<String, String> {
    let output = command(binary, database_url)
        .args(["keys", "create", "--kind", kind, "--name", "xtask"])
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "keys create --kind {kind} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// A process's peak resident memory so far (`VmHWM`), in MiB.
fn vm_hwm_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

impl Server {
    /// Starts `serve` on a free port and waits until it listens.
    pub fn start(binary: &Path, database_url: &str) -> Result<Self, String> {
        Self::start_with(binary, database_url, &[])
    }

    /// As [`Server::start`], with `env` added to its settings.
    pub fn start_with(
        binary: &Path,
        database_url: &str,
        env: &[(&str, &str)],
    ) -> Result<Self, String> {
        let mut child = command(binary, database_url)
            .envs(env.iter().copied())
            .args(["serve", "--bind", "127.0.0.1:0", "--no-bootstrap"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let addr = await_listening(stdout, |_| {})?;
        Ok(Self { child, addr })
    }

    /// Peak resident memory so far (`VmHWM`), in MiB.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        vm_hwm_mib(self.child.id())
    }

    /// The base URL.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// One request on a fresh connection, timed; returns (status, milliseconds).
    pub fn timed(&self, method: &str, path: &str, key: &str) -> Result<(u16, f64), String> {
        let started = Instant::now();
        let (status, _) = request(self.addr, method, path, &[("embed-api-key", key)])?;
        Ok((status, started.elapsed().as_secs_f64() * 1000.0))
    }

    /// SIGTERM, then wait.
    pub fn stop(mut self) -> Result<(), String> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let status = self.child.wait().map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("serve exited with {status}"))
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Reads `serve`'s stdout up to the line that says where it listens and returns that address.
/// The port is only known from that line: every caller binds port 0 so that runs never collide.
/// `before` sees each earlier line, trimmed (a first start prints its bootstrap key there).
pub fn await_listening(
    stdout: impl Read,
    mut before: impl FnMut(&str),
) -> Result<SocketAddr, String> {
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading serve's output: {e}"))?;
        let line = line.trim();
        if let Some(addr) = line.strip_prefix("social-accounts listening on http://") {
            return addr.parse().map_err(|e| format!("bad address {addr}: {e}"));
        }
        before(line);
    }
    Err("serve exited before listening".into())
}

/// Builds the binary (release or debug) and returns its path.
pub fn build(root: &Path, release: bool) -> Result<PathBuf, String> {
    let mut args = vec!["build", "--bin", "social-accounts"];
    if release {
        args.push("--release");
    }
    crate::cargo(&args, "cargo build failed")?;
    let target =
        std::env::var("CARGO_TARGET_DIR").map_or_else(|_| root.join("target"), PathBuf::from);
    Ok(target
        .join(if release { "release" } else { "debug" })
        .join("social-accounts"))
}

/// One HTTP/1.1 request without a body on a fresh connection; returns (status, body).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Result<(u16, String), String> {
    send(addr, method, path, headers, None)
}

/// One HTTP/1.1 request on a fresh connection, with a JSON `body` if given; returns (status,
/// body).
pub fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.extend([name, ": ", value, "\r\n"]);
    }
    if let Some(body) = body {
        let _ = write!(
            head,
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
    } else {
        head.push_str("\r\n");
    }
    stream
        .write_all(head.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no HTTP status in {response:?}"))?;
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    Ok((status, body.to_owned()))
}
