//! Headless Chromium driven over the DevTools protocol (a WebSocket), for tests that need a
//! real browser: open a page, then read values from it while it lives on. Each browser gets a
//! fresh profile and is killed when dropped.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use tungstenite::{Message, WebSocket};

use super::http;

const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How every test starts Chromium: headless, and without the background connections this
/// machine's closed network would refuse.
pub const HEADLESS_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The Chromium binary on this machine, if any.
pub fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

pub struct Browser {
    child: Child,
    _profile: TempDir,
    page: WebSocket<TcpStream>,
    next_id: u64,
}

impl Browser {
    /// Starts `binary` headless on `url` and connects to that page.
    pub fn open(binary: &Path, url: &str) -> Browser {
        let profile = tempfile::Builder::new()
            .prefix("thidua-chromium-")
            .tempdir()
            .unwrap();
        let child = Command::new(binary)
            .args(HEADLESS_FLAGS)
            .args([
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        // With port 0, Chromium writes the port it chose into the profile.
        let port_file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + START_TIMEOUT;
        let port = loop {
            let port = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|text| text.lines().next()?.trim().parse::<u16>().ok());
            if let Some(port) = port {
                break port;
            }
            assert!(
                Instant::now() < deadline,
                "chromium did not open its DevTools port"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let address = format!("127.0.0.1:{port}");
        let socket_url = loop {
            let targets: Value = http::try_get(&address, "/json/list")
                .and_then(|response| serde_json::from_slice(&response.body).ok())
                .unwrap_or_default();
            let page = targets.as_array().and_then(|targets| {
                targets.iter().find(|t| {
                    t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(url))
                })
            });
            if let Some(socket) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
                break socket.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "chromium did not open {url}: {targets}"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let stream = TcpStream::connect(&address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let (page, _) = tungstenite::client(socket_url.as_str(), stream)
            .unwrap_or_else(|e| panic!("connect to {socket_url}: {e}"));
        Browser {
            child,
            _profile: profile,
            page,
            next_id: 1,
        }
    }

    /// Sends one DevTools command and returns its `result`, or `None` when it failed.
    pub fn call(&mut self, method: &str, params: Value) -> Option<Value> {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({"id": id, "method": method, "params": params});
        self.page
            .send(Message::text(request.to_string()))
            .expect("send to chromium");
        loop {
            let message = self.page.read().expect("read from chromium");
            let Ok(text) = message.to_text() else {
                continue;
            };
            let reply: Value = serde_json::from_str(text).unwrap_or_default();
            if reply["id"] != id {
                continue; // an event, or the answer to an earlier question
            }
            if reply.get("error").is_some() {
                return None;
            }
            return Some(reply["result"].clone());
        }
    }

    /// Evaluates `expression` in the page; `None` while the page cannot answer (it is
    /// reloading) or the expression threw.
    pub fn evaluate(&mut self, expression: &str) -> Option<Value> {
        self.run(expression, false)
    }

    /// Like [`Browser::evaluate`], waiting for the promise `expression` returns.
    pub fn evaluate_async(&mut self, expression: &str) -> Option<Value> {
        self.run(expression, true)
    }

    fn run(&mut self, expression: &str, await_promise: bool) -> Option<Value> {
        let params = json!({
            "expression": expression,
            "returnByValue": true,
            "awaitPromise": await_promise,
        });
        let result = self.call("Runtime.evaluate", params)?;
        if result.get("exceptionDetails").is_some() {
            return None;
        }
        Some(result["result"]["value"].clone())
    }

    /// Loads `url` and waits until it has loaded (deferred scripts have run by then).
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}))
            .expect("navigate");
        let expression = format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(url).unwrap()
        );
        self.wait_until(&expression, START_TIMEOUT, |done| {
            done == &Value::Bool(true)
        });
    }

    /// Shows pages `width` CSS pixels wide (and `height` tall).
    pub fn set_viewport(&mut self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )
        .expect("set the viewport");
    }

    /// Runs `source` in every page before the page's own scripts (e.g. to set the clock).
    pub fn before_every_page(&mut self, source: &str) {
        self.call("Page.enable", json!({}))
            .expect("enable the page domain");
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": source}),
        )
        .expect("add a script to new pages");
    }

    /// Turns the pages' own JavaScript off (DevTools' evaluations still run).
    pub fn disable_scripts(&mut self, disabled: bool) {
        self.call(
            "Emulation.setScriptExecutionDisabled",
            json!({"value": disabled}),
        )
        .expect("switch scripts");
    }

    /// Evaluates `expression` every 100 ms until `done` accepts its value; panics with the last
    /// value after `timeout`.
    pub fn wait_until(
        &mut self,
        expression: &str,
        timeout: Duration,
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + timeout;
        let mut last = None;
        while Instant::now() < deadline {
            if let Some(value) = self.evaluate(expression) {
                if done(&value) {
                    return value;
                }
                last = Some(value);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "`{expression}` did not reach the expected value within {timeout:?}; last: {last:?}"
        );
    }

    /// The page's visible text.
    pub fn wait_for_text(&mut self, needle: &str, timeout: Duration) -> String {
        let value = self.wait_until("document.body.innerText", timeout, |text| {
            text.as_str().is_some_and(|t| t.contains(needle))
        });
        value.as_str().unwrap_or_default().to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
