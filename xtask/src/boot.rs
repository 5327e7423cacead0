//! `cargo xtask package`'s last step: the package under real systemd. A minimal Debian root
//! (debootstrap, Debian packages only, cached in `SA_BOOT_ROOT`, by default
//! `/var/cache/social-accounts-ci/bookworm`) is booted with `systemd-nspawn -b
//! --private-network --ephemeral`; inside it the `.deb` is installed as an administrator
//! would, and from inside: the unit is active, the bootstrap key from the journal reads the
//! account list, a SIGKILL is followed by a restart, the exposure of the running unit is at
//! most 1.5, a webhook to a receiver in the container is delivered from the sandboxed
//! service, `systemctl stop` ends with `Result=success`, and the journal holds no SIGSYS and
//! no sandbox denial.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DEFAULT_ROOT: &str = "/var/cache/social-accounts-ci/bookworm";
const MIRROR: &str = "http://deb.debian.org/debian";
const PACKAGES: &str = "systemd,systemd-sysv,dbus,adduser,ca-certificates,python3,curl";
const DATABASE: &str = "sqlite:///var/lib/social-accounts/social-accounts.db";
const MAX_EXPOSURE: f64 = 1.5;
/// Records each request's `webhook-id` and body in /run/received, answers 204.
const RECEIVER: &str = r"import http.server as h
class R(h.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['content-length'])).decode()
        with open('/run/received', 'a') as f:
            f.write(self.headers['webhook-id'] + ' ' + body + '\n')
        self.send_response(204); self.end_headers()
h.HTTPServer(('127.0.0.1', 9000), R).serve_forever()
";

/// Boots the root with `deb` installed and checks it; see the module docs.
pub fn run(deb: &Path) -> Result<(), String> {
    for tool in ["systemd-nspawn", "nsenter"] {
        if Command::new(tool).arg("--version").output().is_err() {
            return Err(format!(
                "{tool} is not installed (apt-get install systemd-container util-linux)"
            ));
        }
    }
    let started = Instant::now();
    let root = ensure_root()?;
    let shared = std::env::temp_dir().join(format!("sa-boot-{}", std::process::id()));
    std::fs::create_dir_all(&shared).map_err(|e| e.to_string())?;
    std::fs::copy(deb, shared.join("social-accounts.deb")).map_err(|e| e.to_string())?;
    let mut container = Container::boot(&root, &shared)?;
    let checked = container.check();
    container.shut_down();
    let _ = std::fs::remove_dir_all(&shared);
    checked?;
    println!("boot: ok in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The cached root, made with debootstrap the first time.
fn ensure_root() -> Result<PathBuf, String> {
    let root = PathBuf::from(std::env::var("SA_BOOT_ROOT").unwrap_or_else(|_| DEFAULT_ROOT.into()));
    if root.join("usr/lib/systemd/systemd").exists() {
        return Ok(root);
    }
    let partial = root.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    println!(
        "boot: debootstrap bookworm into {} (once; it is cached)",
        root.display()
    );
    let status = Command::new("debootstrap")
        .args([
            "--variant=minbase",
            &format!("--include={PACKAGES}"),
            "bookworm",
        ])
        .arg(&partial)
        .arg(std::env::var("SA_DEBIAN_MIRROR").unwrap_or_else(|_| MIRROR.into()))
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run debootstrap (apt-get install debootstrap): {e}"))?;
    if !status.success() {
        return Err(format!("debootstrap failed: {status}"));
    }
    std::fs::rename(&partial, &root).map_err(|e| e.to_string())?;
    Ok(root)
}

/// A booted container and its PID 1.
struct Container {
    nspawn: Child,
    leader: u32,
}

impl Container {
    fn boot(root: &Path, shared: &Path) -> Result<Self, String> {
        let name = format!("sa-ci-{}", std::process::id());
        let nspawn = Command::new("systemd-nspawn")
            .arg("-D")
            .arg(root)
            .args([
                "--ephemeral",
                "-b",
                "--private-network",
                "--register=no",
                "--keep-unit",
            ])
            .args(["--console=passive", "--machine", &name])
            .arg(format!("--bind-ro={}:/mnt/package", shared.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start systemd-nspawn: {e}"))?;
        let mut container = Self { nspawn, leader: 0 };
        let until = Instant::now() + Duration::from_secs(30);
        while container.leader == 0 {
            if Instant::now() > until {
                container.shut_down();
                return Err("the container's systemd did not start".into());
            }
            std::thread::sleep(Duration::from_millis(100));
            container.leader = child_named(container.nspawn.id(), "systemd").unwrap_or(0);
        }
        Ok(container)
    }

    /// Runs `command` inside; its stdout (an error with its stderr when it fails).
    fn run(&self, command: &[&str]) -> Result<String, String> {
        let output = Command::new("nsenter")
            .args(["-t", &self.leader.to_string(), "-a", "--"])
            .args(command)
            .output()
            .map_err(|e| e.to_string())?;
        let out = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if output.status.success() {
            Ok(out)
        } else {
            Err(format!(
                "`{}` inside failed: {out} {}",
                command.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    }

    /// Polls `command` until `done` holds of its output, for up to `within`.
    fn wait(
        &self,
        command: &[&str],
        within: Duration,
        done: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let until = Instant::now() + within;
        loop {
            let out = self.run(command).unwrap_or_else(|e| e);
            if done(&out) {
                return Ok(out);
            }
            if Instant::now() > until {
                return Err(format!(
                    "`{}` never came to pass; last: {out}",
                    command.join(" ")
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn check(&self) -> Result<(), String> {
        let state = self.wait(
            &["systemctl", "is-system-running", "--wait"],
            Duration::from_mins(1),
            |s| s == "running" || s == "degraded",
        )?;
        println!("boot: the container is {state}");
        self.run(&[
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "dpkg",
            "-i",
            "/mnt/package/social-accounts.deb",
        ])?;
        let unit = "social-accounts";
        self.wait(
            &["systemctl", "is-active", unit],
            Duration::from_secs(20),
            |s| s == "active",
        )?;
        let journal = self.wait(
            &["journalctl", "-u", unit, "-o", "cat"],
            Duration::from_secs(20),
            |s| s.contains("sak_"),
        )?;
        let key = journal
            .split_whitespace()
            .find(|word| word.starts_with("sak_"))
            .ok_or("no bootstrap key in the journal")?
            .trim_matches('"')
            .to_owned();
        let header = format!("embed-api-key: {key}");
        let curl = |path: &str| -> Vec<String> {
            [
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-H",
                &header,
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .chain([format!("http://127.0.0.1:8080{path}")])
            .collect()
        };
        let list = curl("/social-account");
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        self.wait(&list, Duration::from_secs(10), |s| s == "200")?;
        println!(
            "boot: the unit is active and the bootstrap key from the journal reads /social-account"
        );
        self.restarts_after_kill(unit, &list)?;
        self.exposure(unit)?;
        self.webhook(unit)?;
        self.stops_cleanly(unit)
    }

    /// `systemctl kill -s KILL`: systemd restarts it, and `list` answers 200 again.
    fn restarts_after_kill(&self, unit: &str, list: &[&str]) -> Result<(), String> {
        self.run(&["systemctl", "kill", "-s", "KILL", unit])?;
        let restarts = ["systemctl", "show", "-p", "NRestarts", "--value", unit];
        self.wait(&restarts, Duration::from_secs(15), |s| {
            s.parse::<u32>().is_ok_and(|n| n >= 1)
        })?;
        self.wait(
            &["systemctl", "is-active", unit],
            Duration::from_secs(15),
            |s| s == "active",
        )?;
        self.wait(list, Duration::from_secs(10), |s| s == "200")?;
        println!("boot: SIGKILL was followed by a restart, and it answers again");
        Ok(())
    }

    /// `systemd-analyze security` of the running unit.
    fn exposure(&self, unit: &str) -> Result<(), String> {
        let report = self
            .run(&["systemd-analyze", "security", "--no-pager", unit])
            .unwrap_or_else(|e| e);
        let exposure = report
            .lines()
            .find_map(|line| {
                line.split_once("Overall exposure level for social-accounts.service: ")
            })
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .and_then(|score| score.parse::<f64>().ok())
            .ok_or_else(|| format!("no exposure in the running system's report:\n{report}"))?;
        if exposure > MAX_EXPOSURE {
            return Err(format!(
                "exposure {exposure} on the running system is above {MAX_EXPOSURE}"
            ));
        }
        println!("boot: exposure on the running system {exposure:.1} (at most {MAX_EXPOSURE})");
        Ok(())
    }

    /// `systemctl stop`: `Result=success`, and the journal holds no denial.
    fn stops_cleanly(&self, unit: &str) -> Result<(), String> {
        self.run(&["systemctl", "stop", unit])?;
        let result = self.run(&["systemctl", "show", "-p", "Result", "--value", unit])?;
        if result != "success" {
            return Err(format!("systemctl stop ended with Result={result}"));
        }
        let journal = self.run(&["journalctl", "-u", unit, "-o", "cat", "--no-pager"])?;
        for denial in [
            "SIGSYS",
            "seccomp",
            "Operation not permitted",
            "Permission denied",
            "core-dump",
        ] {
            if let Some(line) = journal.lines().find(|line| line.contains(denial)) {
                return Err(format!("the journal has {denial:?}: {line}"));
            }
        }
        println!(
            "boot: systemctl stop ended with Result=success; no SIGSYS or denial in the journal"
        );
        Ok(())
    }

    /// Private addresses allowed in the environment file, a receiver on 127.0.0.1:9000, an
    /// endpoint registered with an operator key, a test event: it arrives.
    fn webhook(&self, unit: &str) -> Result<(), String> {
        self.run(&[
            "sh",
            "-c",
            "echo WEBHOOK_ALLOW_PRIVATE=true >> /etc/social-accounts/social-accounts.env",
        ])?;
        self.run(&["systemctl", "restart", unit])?;
        self.run(&["systemd-run", "--unit=receiver", "python3", "-c", RECEIVER])?;
        let key = self.run(&[
            "runuser",
            "-u",
            "social-accounts",
            "--",
            "social-accounts",
            "--database-url",
            DATABASE,
            "keys",
            "create",
            "--kind",
            "operator",
        ])?;
        let bearer = format!("Authorization: Bearer {key}");
        let post = |path: &str, body: &str| -> Result<String, String> {
            self.run(&[
                "curl",
                "-s",
                "--retry",
                "20",
                "--retry-connrefused",
                "--retry-delay",
                "1",
                "-H",
                &bearer,
                "-H",
                "Content-Type: application/json",
                "-d",
                body,
                &format!("http://127.0.0.1:8080/operator/v1{path}"),
            ])
        };
        let created = post(
            "/organizations/default/webhooks",
            r#"{"url":"http://127.0.0.1:9000/hook","events":["*"]}"#,
        )?;
        let id = created
            .split("\"id\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .ok_or_else(|| format!("no endpoint id in {created}"))?;
        post(&format!("/webhooks/{id}/test"), "{}")?;
        self.wait(&["cat", "/run/received"], Duration::from_secs(20), |s| {
            s.contains("\"webhook.test\"")
        })?;
        println!(
            "boot: a webhook to http://127.0.0.1:9000 was delivered from the sandboxed service"
        );
        Ok(())
    }

    fn shut_down(&mut self) {
        if self.leader != 0 {
            let _ = self.run(&["systemctl", "poweroff"]);
        }
        let until = Instant::now() + Duration::from_secs(30);
        while Instant::now() < until {
            if matches!(self.nspawn.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let _ = self.nspawn.kill();
        let _ = self.nspawn.wait();
    }
}

/// A child process of `parent` whose command is `name`.
fn child_named(parent: u32, name: &str) -> Option<u32> {
    let entries = std::fs::read_dir("/proc").ok()?;
    entries.filter_map(Result::ok).find_map(|entry| {
        let process: u32 = entry.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
        // pid (comm) state ppid …
        let (_, rest) = stat.rsplit_once(')')?;
        let parent_of: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
        let comm = std::fs::read_to_string(entry.path().join("comm")).ok()?;
        (parent_of == parent && comm.trim() == name).then_some(process)
    })
}
