//! The real binary, run as a user runs it: a command to its end, or `serve` on a free port.

use std::io::Read;
use std::net::SocketAddr;

/// The address in `serve`'s "social-accounts listening on http://ADDR" line, if this is it.
pub fn listening_address(line: &str) -> Option<SocketAddr> {
    line.strip_prefix("social-accounts listening on http://")
        .and_then(|a| a.parse().ok())
}

/// Reads a spawned `serve`'s stdout up to its listening line.
pub fn wait_for_address(stdout: impl Read) -> SocketAddr {
    use std::io::{BufRead, BufReader};
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| listening_address(&line))
        .expect("serve printed no address")
}

/// Settings a test may find in its own environment: a spawned binary gets them only when the
/// test passes them.
const CHOSEN_BY_TESTS: [&str; 7] = [
    "DATABASE_URL",
    "PUBLISHER_KEY",
    "TOKEN_ENCRYPTION_KEY",
    "TOKEN_KEY_FILE",
    "PLATFORMS",
    "RUST_LOG",
    "NO_COLOR",
];

pub fn binary(database_url: &str, env: &[(&str, &str)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_social-accounts"));
    command.args(["--database-url", database_url]);
    for name in CHOSEN_BY_TESTS {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command
}

/// `social-accounts --database-url URL ARGS…` run to its end, with `env` as its settings.
pub fn run_binary(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    binary(database_url, env)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run social-accounts: {e}"))
}

/// A process's output stream as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The real binary's `serve` on a free port, killed when dropped, with `env` as its settings
/// (see [`run_binary`]).
pub struct ServeProcess {
    child: std::process::Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl ServeProcess {
    /// `social-accounts --database-url URL serve --bind 127.0.0.1:0 ARGS…`, log discarded.
    pub fn start(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn(database_url, args, env, std::process::Stdio::null())
    }

    /// As [`ServeProcess::start`], keeping the log for [`ServeProcess::stop_and_read_log`].
    pub fn start_logging(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn(database_url, args, env, std::process::Stdio::piped())
    }

    fn spawn(
        database_url: &str,
        args: &[&str],
        env: &[(&str, &str)],
        stderr: std::process::Stdio,
    ) -> Self {
        let mut command = binary(database_url, env);
        command.args(["serve", "--bind", "127.0.0.1:0"]).args(args);
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start serve: {e}"));
        let addr = wait_for_address(child.stdout.take().expect("no stdout"));
        Self { child, addr }
    }

    /// Sends SIGTERM, as a service manager stops it.
    pub fn terminate(&self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
    }

    /// Waits for it to exit; its exit code.
    pub fn wait(&mut self) -> Option<i32> {
        self.child.wait().ok().and_then(|status| status.code())
    }

    /// Reads its log (started with [`ServeProcess::start_logging`]) up to the first line
    /// holding `needle`; false when the log ends first.
    pub fn wait_for_log(&mut self, needle: &str) -> bool {
        use std::io::{BufRead, BufReader};
        let Some(stderr) = self.child.stderr.take() else {
            return false;
        };
        let mut lines = BufReader::new(stderr).lines();
        let found = lines
            .by_ref()
            .map_while(Result::ok)
            .any(|line| line.contains(needle));
        // Keep draining, so a full pipe never blocks the process.
        std::thread::spawn(move || lines.for_each(drop));
        found
    }

    /// Stops it and returns what it logged (started with [`ServeProcess::start_logging`]).
    pub fn stop_and_read_log(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            stderr.read_to_string(&mut log).expect("unreadable log");
        }
        log
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
