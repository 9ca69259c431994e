//! Helpers shared by the integration tests: copy a fixture site into a temp dir, run the real
//! `thidua` binary on it, and read the generated HTML with an HTML parser.
#![allow(dead_code)]

pub mod browser;
pub mod corpus;
pub mod generate;
pub mod http;
pub mod images;
pub mod server;

use std::collections::BTreeSet;
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
    thidua_env(dir, args, &[])
}

/// Like [`thidua`], with extra environment variables (e.g. `NO_COLOR`).
pub fn thidua_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        // One photo cache for the whole suite, so each fixture copy does not re-encode the
        // bundled photos (tests that check caching pass their own --cache-dir).
        .env(
            "THIDUA_CACHE_DIR",
            manifest_dir().join("target/test-photo-cache"),
        )
        .envs(env.iter().copied())
        .output()
        .expect("run thidua")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An empty temp dir.
pub fn empty_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("thidua-test-")
        .tempdir()
        .expect("temp dir")
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

/// Builds the minimal fixture once (the "previous good output"), applies `break_site`,
/// builds again and checks the failure: exit code 1, no panic, the previous output intact and
/// no staging folder left behind. Returns the error output.
pub fn broken(break_site: impl FnOnce(&Path)) -> String {
    let site = fixture("minimal");
    build(site.path(), "2024-03-01");
    let before = snapshot(&site.path().join("output"));
    break_site(site.path());
    let output = thidua(site.path(), &["build", "--today", "2024-03-01"]);
    let errors = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected exit 1, got {:?}; stderr:\n{errors}",
        output.status
    );
    assert!(!errors.contains("panicked"), "thidua panicked:\n{errors}");
    assert!(errors.contains("nothing was written"), "{errors}");
    assert!(
        before == snapshot(&site.path().join("output")),
        "the previous output was changed"
    );
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("thidua-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
    errors
}

/// Replaces the first `from` in `site/file` with `to`; panics if `from` is absent.
pub fn edit(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let source = fs::read_to_string(&path).unwrap();
    assert!(source.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, source.replacen(from, to, 1)).unwrap();
}

/// Every link and asset reference in every HTML page of `output` that does not resolve to
/// a file: relative links are resolved against the page, absolute links under `base_url`
/// against the output folder. Other sites' URLs, `mailto:` and fragments are skipped.
pub fn broken_links(output: &Path, base_url: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (path, bytes) in snapshot(output) {
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
        let page_dir = output.join(&path).parent().unwrap().to_path_buf();
        for (selector, attribute) in [("[href]", "href"), ("[src]", "src")] {
            for link in attrs(&doc, selector, attribute) {
                let link = link.split('#').next().unwrap().to_string();
                if link.starts_with("mailto:") || (link.is_empty()) {
                    continue;
                }
                let target = if let Some(inside) = link.strip_prefix(base_url) {
                    output.join(inside)
                } else if link.contains("://") {
                    continue;
                } else if let Some(absolute_path) = link.strip_prefix('/') {
                    // Root-relative: only valid under the base URL's path (the 404 page).
                    let base_path = crate_base_path(base_url);
                    match absolute_path.strip_prefix(base_path.trim_start_matches('/')) {
                        Some(inside) => output.join(inside),
                        None => {
                            broken.push(format!(
                                "{}: {link} (outside the base path)",
                                path.display()
                            ));
                            continue;
                        }
                    }
                } else {
                    page_dir.join(&link)
                };
                let exists = if target.is_dir() {
                    target.join("index.html").is_file()
                } else {
                    target.is_file()
                };
                if !exists {
                    broken.push(format!("{}: {link}", path.display()));
                }
            }
        }
    }
    broken
}

fn crate_base_path(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    rest.find('/')
        .map(|i| rest[i..].to_string())
        .unwrap_or_else(|| "/".into())
}

/// Every file's text in `output`, for scans that prove something is absent.
pub fn all_text(output: &Path) -> Vec<(PathBuf, String)> {
    snapshot(output)
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
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

/// Every link target on the page at `url` (a page URL like `bang-vang/`), as a URL relative
/// to the site root ("bang-vang/nguyen-van-an/"), so tests need not know how deep a page is.
/// External and fragment-only links are left out; fragments are dropped.
pub fn links(dir: &Path, url: &str) -> BTreeSet<String> {
    attrs(&page(dir, url), "a", "href")
        .into_iter()
        .filter(|href| !href.contains("://") && !href.starts_with('#'))
        .filter(|href| !href.starts_with("mailto:"))
        .map(|href| resolve(url, href.split('#').next().unwrap_or("")))
        .collect()
}

/// `href` followed from the page at `page_url`, both relative to the site root.
pub fn resolve(page_url: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page_url.split('/').filter(|p| !p.is_empty()).collect();
    if !page_url.ends_with('/') {
        parts.pop();
    }
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut resolved = parts.join("/");
    if href.ends_with('/') && !resolved.is_empty() {
        resolved.push('/');
    }
    resolved
}
