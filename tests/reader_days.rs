//! Pages tell the truth on the day they are read, not only on the day they were built: a site
//! built on one day and opened in headless Chromium with its clock set to a reader's day shows
//! exactly what a build made on that day shows (with scripts off). Every element whose value
//! depends on "today" carries `data-today` (the page script recomputes it); everything else
//! on the page must not depend on the day at all. Skipped (with a message) where no Chromium
//! is installed; `.ci/run` installs Debian's `chromium`, so it runs in CI.

mod common;

use std::path::Path;
use std::process::Command;

use common::browser::{Browser, find_chromium};
use common::{fixture, thidua};
use serde_json::Value;

/// The day the site under test is built (Đợt 1 of the bundled 2024 campaign is running).
const BUILD_DAY: &str = "2024-03-01";
/// Before the campaign, during it (an anniversary's own day, the last day of Đợt 1's
/// anniversaries), and after it.
const READER_DAYS: &[&str] = &["2023-12-15", "2024-07-28", "2025-02-01"];

/// One page of every type (bulletin pages exist only in builds made after they began).
const PAGES: &[&str] = &[
    "index.html",
    "tien-do/index.html",
    "ky-niem/index.html",
    "thong-ke/index.html",
    "bang-vang/index.html",
    "bang-vang/do-van-khai/index.html",
    "don-vi/index.html",
    "don-vi/tram-y-te-phuong-thach-ban/index.html",
    "dot/dot-1/index.html",
    "danh-hieu/nguoi-tot-viec-tot/index.html",
    "ke-hoach/index.html",
    "lich-phat-dong/index.html",
    "tim-kiem/index.html",
    "ban-tin/index.html",
    "ban-tin/thang-2024-02/index.html",
    "ban-tin/so-ket-dot-1/index.html",
];
// 404.html links its script from the site's root (it is served at any depth), which a
// file:// URL cannot resolve; it carries only the footer's date.

/// What a page shows, read in the page: each `data-today` element's text and state, and the
/// text of everything else (minus what states the build's own day, `data-build-day`).
const SNAPSHOT: &str = r#"(() => {
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  const today = [...document.querySelectorAll("[data-today]")].map((el) => ({
    kind: el.getAttribute("data-today"),
    text: norm(el.textContent),
    classes: [...el.classList].sort().join(" "),
    hidden: el.hidden,
    datetime: el.getAttribute("datetime"),
    at: el.style.getPropertyValue("--at") ? Math.round(parseFloat(el.style.getPropertyValue("--at")) * 1000) / 1000 : null,
    bars: [...el.querySelectorAll("progress")].map((p) => [p.value, norm(p.textContent)]),
  }));
  const rest = document.body.cloneNode(true);
  rest.querySelectorAll("[data-today], [data-build-day], script, #search-results").forEach((el) => el.remove());
  return { today, rest: norm(rest.textContent) };
})()"#;

/// A `Date` frozen at noon (Vietnam time) of `day`, installed before the page's scripts.
fn clock_script(day: &str) -> String {
    format!(
        "(() => {{ const fixed = Date.parse('{day}T05:00:00Z'); const Real = Date; \
         class Frozen extends Real {{ constructor(...a) {{ if (a.length === 0) super(fixed); else super(...a); }} \
         static now() {{ return fixed; }} }} \
         globalThis.Date = Frozen; }})();"
    )
}

fn build_into(site: &Path, today: &str, output: &str, future: bool) {
    let mut args = vec![
        "build",
        "--today",
        today,
        "--audience",
        "internal",
        "--output",
        output,
    ];
    if future {
        args.push("--future");
    }
    let result = thidua(site, &args);
    assert!(
        result.status.success(),
        "build for {today} failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Stories dated after the build day are scheduled where the binary knows `--future`; the
/// comparison needs the same stories in every build, so they are all included.
fn knows_future() -> bool {
    let help = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build", "--help"])
        .output()
        .expect("run thidua");
    String::from_utf8_lossy(&help.stdout).contains("--future")
}

fn snapshot(browser: &mut Browser, file: &Path) -> Value {
    let url = format!("file://{}", file.display());
    browser.goto(&url);
    browser
        .evaluate(SNAPSHOT)
        .unwrap_or_else(|| panic!("read {url}"))
}

#[test]
fn every_page_read_on_another_day_shows_what_a_build_on_that_day_shows() {
    let Some(chromium) = find_chromium() else {
        println!(
            "SKIPPED every_page_read_on_another_day_shows_what_a_build_on_that_day_shows: no \
             chromium binary on PATH (install Debian's `chromium`; .ci/run does)"
        );
        return;
    };
    let site = fixture("bundled");
    let future = knows_future();
    build_into(site.path(), BUILD_DAY, "built", future);
    let built = site.path().join("built");
    for day in READER_DAYS {
        let reference = format!("on-{day}");
        build_into(site.path(), day, &reference, future);
        let reference = site.path().join(reference);
        let mut browser = Browser::open(&chromium, "about:blank");
        browser.before_every_page(&clock_script(day));
        let mut compared = 0;
        for page in PAGES {
            let (read, expected) = (built.join(page), reference.join(page));
            if !read.exists() || !expected.exists() {
                assert!(
                    page.starts_with("ban-tin/") && page != &"ban-tin/index.html",
                    "{page} missing from a build"
                );
                continue;
            }
            browser.disable_scripts(false);
            let shown = snapshot(&mut browser, &read);
            browser.disable_scripts(true);
            let wanted = snapshot(&mut browser, &expected);
            assert_eq!(
                shown["rest"], wanted["rest"],
                "{page} read on {day}: text outside data-today elements depends on the day"
            );
            let (shown, wanted) = (
                shown["today"].as_array().unwrap(),
                wanted["today"].as_array().unwrap(),
            );
            assert_eq!(shown.len(), wanted.len(), "{page} on {day}");
            for (got, want) in shown.iter().zip(wanted) {
                assert_eq!(
                    got, want,
                    "{page} built on {BUILD_DAY}, read on {day}: the script shows {got}, a \
                     build on {day} shows {want}"
                );
            }
            compared += 1;
        }
        assert!(
            compared >= PAGES.len() - 2,
            "pages compared on {day}: {compared}"
        );
    }
    // The pages under test do carry day-dependent values.
    let home = std::fs::read_to_string(built.join("tien-do/index.html")).unwrap();
    for kind in ["percent", "phase", "marker", "during", "countdown"] {
        assert!(home.contains(&format!("data-today=\"{kind}\"")), "{kind}");
    }
}

/// The e-mail edition of a bulletin runs no script: it states the day its figures are for.
#[test]
fn the_email_bulletin_says_which_day_its_figures_are_for() {
    let site = fixture("bundled");
    build_into(site.path(), BUILD_DAY, "output", false);
    let email = common::page(site.path(), "ban-tin/so-ket-dot-1/email.html");
    let progress = common::texts(&email, ".bulletin-summary h2").join(" | ");
    assert!(progress.contains("tính đến ngày 01/03/2024"), "{progress}");
}
