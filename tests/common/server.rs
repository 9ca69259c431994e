//! Runs the real `thidua serve` on an ephemeral loopback port for a test, reads what it prints,
//! and stops it with SIGINT (Ctrl-C) like a person would.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::http::{self, EventStream, Response};

/// How long the first build and start may take (a debug build on a busy 2-core machine).
const START_TIMEOUT: Duration = Duration::from_secs(60);
const STOP_TIMEOUT: Duration = Duration::from_secs(15);

pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    pub address: String,
    /// The port in the printed URL.
    pub port: u16,
    /// Every line printed (stdout and stderr), in order of arrival.
    lines: Receiver<String>,
    /// Lines already read, for failure messages.
    pub seen: Vec<String>,
}

impl Server {
    /// `thidua serve --root SITE --port 0 --today 2024-06-01 EXTRA…` (no `--port 0` when EXTRA
    /// names a port); returns once it prints its URL.
    pub fn start(site: &Path, extra: &[&str]) -> Server {
        Self::start_binary(Path::new(env!("CARGO_BIN_EXE_thidua")), site, extra)
    }

    pub fn start_binary(binary: &Path, site: &Path, extra: &[&str]) -> Server {
        Self::launch(Command::new(binary), site, extra)
    }

    /// Like [`Server::start`], with the server's open-file limit lowered to `files` (through
    /// the shell's `ulimit`, which then runs thidua in its place, so the process is the same).
    pub fn start_with_file_limit(site: &Path, files: u64, extra: &[&str]) -> Server {
        let mut command = Command::new("sh");
        command.args([
            "-c".as_ref(),
            format!("ulimit -n {files} && exec \"$0\" \"$@\"").as_ref(),
            Path::new(env!("CARGO_BIN_EXE_thidua")).as_os_str(),
        ]);
        Self::launch(command, site, extra)
    }

    fn launch(mut command: Command, site: &Path, extra: &[&str]) -> Server {
        command
            .arg("serve")
            .arg("--root")
            .arg(site)
            .args(["--today", "2024-06-01"]);
        if !extra.contains(&"--port") {
            command.args(["--port", "0"]);
        }
        let mut child = command
            .args(extra)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", site)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start thidua serve");
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for pipe in [
            Box::new(stdout) as Box<dyn std::io::Read + Send>,
            Box::new(stderr),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            address: String::new(),
            port: 0,
            lines,
            seen: Vec::new(),
        };
        let line = server.wait_for("serving the preview at ", START_TIMEOUT);
        let url = line.split("serving the preview at ").nth(1).unwrap().trim();
        server.address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        server.port = server
            .address
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("port in URL");
        server
    }

    /// The next printed line containing `needle`; panics with everything printed after
    /// `timeout`.
    pub fn wait_for(&mut self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => panic!(
                    "thidua serve printed no line with {needle:?} within {timeout:?}; it printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Every line printed during the next `period`.
    pub fn lines_during(&mut self, period: Duration) -> Vec<String> {
        let deadline = Instant::now() + period;
        let mut lines = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    lines.push(line);
                }
                Err(_) => break,
            }
        }
        lines
    }

    pub fn get(&self, path: &str) -> Response {
        http::get(&self.address, path)
    }

    pub fn events(&self) -> EventStream {
        EventStream::open(&self.address, "/__thidua/live")
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the server to exit.
    pub fn interrupt(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -INT failed");
        let deadline = Instant::now() + STOP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for thidua serve") {
                // Collect what it printed while stopping.
                self.lines_during(Duration::from_millis(200));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "thidua serve did not stop within {STOP_TIMEOUT:?} of SIGINT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
