//! Helpers shared by the integration tests: copy a fixture site into a temp dir, run the real
//! `thidua` binary on it, and read the generated HTML with an HTML parser.
#![allow(dead_code)]

pub mod corpus;

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
