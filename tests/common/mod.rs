//! Helpers shared by the integration tests: copy a fixture site into a temp dir, run the real
//! `thidua` binary on it, and read the generated HTML with an HTML parser.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `tests/fixtures/<name>` in a fresh temp dir; `"bundled"` copies the repo's own
/// `content/` (and `themes/`).
pub fn fixture(name: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("thidua-test-")
        .tempdir()
        .expect("temp dir");
    if name == "bundled" {
        copy_dir(&manifest_dir().join("content"), &dir.path().join("content"));
        copy_dir(&manifest_dir().join("themes"), &dir.path().join("themes"));
    } else {
        copy_dir(
            &manifest_dir().join("tests/fixtures").join(name),
            dir.path(),
        );
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `thidua` with `args` in `dir`, with a clean environment so the machine does not
/// matter.
pub fn thidua(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .output()
        .expect("run thidua")
}

/// `thidua build --today TODAY` in `dir`; panics with the output if it fails.
pub fn build(dir: &Path, today: &str) -> Output {
    let output = thidua(dir, &["build", "--today", today]);
    assert!(
        output.status.success(),
        "build failed:\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Parses `dir/output/<page>` (a page URL like `bang-vang/` or a file path).
pub fn page(dir: &Path, url: &str) -> Html {
    let path = if url.is_empty() || url.ends_with('/') {
        dir.join("output").join(url).join("index.html")
    } else {
        dir.join("output").join(url)
    };
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

/// Text of every element matching `selector`, whitespace collapsed.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let selector =
        Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
    doc.select(&selector)
        .map(|element| {
            element
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The single text matching `selector`.
pub fn text(doc: &Html, selector: &str) -> String {
    let all = texts(doc, selector);
    assert_eq!(
        all.len(),
        1,
        "expected one match for {selector}, got {all:?}"
    );
    all.into_iter().next().unwrap()
}

/// Values of `attribute` on every element matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    doc.select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_string))
        .collect()
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.push((
                entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(entry.path()).unwrap(),
            ));
        }
    }
    files
}

/// A finished `thidua` run with how much memory it used at its peak.
pub struct MeasuredRun {
    pub code: Option<i32>,
    pub stderr: String,
    /// Peak resident memory of the child, where the platform reports it and it can be told
    /// apart from the test process's own.
    pub peak_memory_bytes: Option<u64>,
}

/// Like [`thidua`], but also measures the child's peak resident memory (Linux: `wait4`).
// On Linux the child is reaped by wait4, which clippy does not see.
#[allow(clippy::zombie_processes)]
pub fn thidua_measured(dir: &Path, args: &[&str]) -> MeasuredRun {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run thidua");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    #[cfg(target_os = "linux")]
    {
        let mut status = 0;
        // SAFETY: plain FFI call on our own child, with valid pointers to locals; the child is
        // not waited for by any other means.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
        assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
        let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
        // The child starts as a copy of this (test) process and the kernel counts that copy's
        // peak too, so a peak below our own says nothing about thidua: report none.
        let mut own: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: as above.
        unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut own) };
        // ru_maxrss is in kilobytes on Linux.
        let child_peak = usage.ru_maxrss as u64 * 1024;
        let own_peak = own.ru_maxrss as u64 * 1024;
        MeasuredRun {
            code,
            stderr,
            peak_memory_bytes: (child_peak > own_peak).then_some(child_peak),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let status = child.wait().expect("wait for thidua");
        MeasuredRun {
            code: status.code(),
            stderr,
            peak_memory_bytes: None,
        }
    }
}
