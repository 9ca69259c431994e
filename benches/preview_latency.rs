//! Measures the preview's save→reload latency against the full-build time, on the bundled site
//! and on 1,000- and 10,000-story sites (the bundled plan with generated stories), for a
//! one-story edit and for a save that changes nothing. Run with
//! `cargo bench --bench preview_latency`; it prints the numbers the README reports.
//!
//! "Save→reload" is the time from writing a story file to the open tab's `reload` event, and
//! to having fetched the page with the new text (what a browser does next). It includes the
//! watcher's debounce, which waits for a save's burst of file events to end.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::server::Server;

const ROUNDS: usize = 20;
const STORY: &str = "content/stories/do-van-khai.md";
const HEADLINE: &str = "Tài xế xe buýt đưa hành khách đột quỵ vào viện trong “thời gian vàng”";

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    println!("thidua serve: save→reload latency ({ROUNDS} saves of one story per site)\n");
    println!(
        "| site | full `thidua build` | preview rebuild | save → reload event | save → new page fetched | unchanged save → rebuilt |"
    );
    println!("|---|---|---|---|---|---|");
    for (label, stories) in [
        ("bundled (14 stories)", 14),
        ("1,000 stories", 1000),
        ("10,000 stories", 10000),
    ] {
        let site = common::fixture("bundled");
        common::generate::add_stories(site.path(), stories - 14);
        let row = measure(site.path());
        println!(
            "| {label} | {} | {} | {} | {} | {} |",
            row.full_build, row.rebuild, row.event, row.page, row.unchanged
        );
    }
}

struct Row {
    full_build: String,
    rebuild: String,
    event: String,
    page: String,
    unchanged: String,
}

/// "median (max)" in milliseconds.
fn summary(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{:.0} ms (max {:.0})",
        ms(samples[samples.len() / 2]),
        ms(*samples.last().unwrap())
    )
}

fn measure(site: &Path) -> Row {
    let binary = Path::new(env!("CARGO_BIN_EXE_thidua"));
    let mut builds = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let output = std::process::Command::new(binary)
            .args(["build", "--today", "2024-06-01", "--root"])
            .arg(site)
            .output()
            .expect("run thidua build");
        assert!(output.status.success(), "{output:?}");
        builds.push(started.elapsed());
    }
    fs::remove_dir_all(site.join("output")).unwrap();

    let mut server = Server::start_binary(binary, site, &[]);
    let mut events = server.events();
    events.expect("hello", Duration::from_secs(30));
    let story = site.join(STORY);
    let original = fs::read_to_string(&story).unwrap();
    let (mut to_event, mut to_page, mut rebuilds) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let headline = format!("Tài xế xe buýt cứu người, lần sửa thứ {round}");
        let text = original.replacen(HEADLINE, &headline, 1);
        let saved = Instant::now();
        fs::write(&story, text).unwrap();
        events.expect("reload", Duration::from_secs(30));
        to_event.push(saved.elapsed());
        let page = server.get("/bang-vang/do-van-khai/");
        assert!(page.text().contains(&headline), "the new page is served");
        to_page.push(saved.elapsed());
        let line = server.wait_for("rebuilt", Duration::from_secs(30));
        rebuilds.push(reported_time(&line));
        // Let the watcher settle so every round is one separate save.
        std::thread::sleep(Duration::from_millis(300));
    }
    // A save that changes nothing (an editor's "save" without edits): the preview rebuilds,
    // finds no page changed, and tells no tab to reload.
    fs::write(&story, &original).unwrap();
    server.wait_for("rebuilt", Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(300));
    let mut unchanged = Vec::new();
    for _ in 0..ROUNDS / 2 {
        let saved = Instant::now();
        fs::write(&story, &original).unwrap();
        let line = server.wait_for("rebuilt", Duration::from_secs(30));
        assert!(line.contains("no page changed"), "{line}");
        unchanged.push(saved.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    assert!(server.interrupt().success());
    Row {
        unchanged: summary(unchanged),
        full_build: summary(builds),
        rebuild: summary(rebuilds),
        event: summary(to_event),
        page: summary(to_page),
    }
}

/// The build time in a line like "… rebuilt 31 pages (…) in 12 ms, …".
fn reported_time(line: &str) -> Duration {
    let ms = line
        .split(" in ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no build time in {line:?}"));
    Duration::from_millis(ms)
}
