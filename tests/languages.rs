//! The site's language: `language: en` gives an English UI with English dates and numbers,
//! and no Vietnamese UI string is left in any output file; translation files override and
//! must be complete.

mod common;

use std::fs;
use std::path::Path;

use common::{all_text, attrs, build, edit, fixture, page, stderr, text, texts, thidua};

fn english_site() -> tempfile::TempDir {
    let site = fixture("bundled");
    edit(
        site.path(),
        "content/site.yaml",
        "language: vi",
        "language: en",
    );
    site
}

#[test]
fn the_english_build_speaks_english() {
    let site = english_site();
    build(site.path(), "2024-03-01");

    let home = page(site.path(), "");
    assert_eq!(attrs(&home, "html", "lang"), ["en"]);
    assert_eq!(
        attrs(&home, r#"meta[property="og:locale"]"#, "content"),
        ["en_US"]
    );
    assert_eq!(
        texts(&home, ".site-nav a")[..6],
        [
            "Home",
            "Document",
            "Progress",
            "Anniversaries",
            "Honour roll",
            "Units"
        ]
    );
    // 1 March is day 61 of the 213 days from 1 January to 31 July 2024.
    assert_eq!(
        text(&home, ".phase-now:not([hidden]) .phase-percent"),
        "28.6%"
    );
    assert_eq!(
        text(&home, ".phase-now:not([hidden]) .phase-status"),
        "Running"
    );
    assert_eq!(
        text(&home, ".anniversary-next:not([hidden]) .countdown"),
        "in 67 days"
    );
    // Content stays as written: the anniversary's name is Vietnamese, the title around it not.
    assert_eq!(
        text(&home, ".anniversary-next:not([hidden]) h3"),
        "Chiến thắng Điện Biên Phủ: 70 years"
    );

    let plan = page(site.path(), "ke-hoach/");
    assert!(
        text(&plan, ".doc-place-date").ends_with("29 December 2023"),
        "{}",
        text(&plan, ".doc-place-date")
    );
    let footer = text(&home, ".site-footer");
    assert!(footer.contains("29 December 2023"), "{footer}");
    assert!(footer.contains("as of 01/03/2024"), "{footer}");

    let statistics = page(site.path(), "thong-ke/");
    assert_eq!(text(&statistics, "h1"), "Statistics");

    let atom = fs::read_to_string(site.path().join("output/atom.xml")).unwrap();
    assert!(atom.contains(r#"xml:lang="en""#), "{atom}");
    let rss = fs::read_to_string(site.path().join("output/rss.xml")).unwrap();
    assert!(rss.contains("<language>en</language>"));

    // The scripts get English strings and separators from the page.
    let script = text(&home, "script#thidua-i18n");
    let strings: serde_json::Value = serde_json::from_str(&script).unwrap();
    assert_eq!(strings["thousands_separator"], ",");
    assert_eq!(strings["countdown_upcoming"], "in {n} days");
}

#[test]
fn english_numbers_group_thousands_with_commas() {
    let site = english_site();
    build(site.path(), "2020-01-01");
    let anniversaries = page(site.path(), "ky-niem/");
    // 1 January 2020 → 28 July 2024: 366 + 365 + 365 + 365 + 209 days.
    assert_eq!(
        text(&anniversaries, "#thanh-lap-cong-doan .countdown"),
        "in 1,670 days"
    );

    let vietnamese = fixture("bundled");
    build(vietnamese.path(), "2020-01-01");
    let anniversaries = page(vietnamese.path(), "ky-niem/");
    assert_eq!(
        text(&anniversaries, "#thanh-lap-cong-doan .countdown"),
        "còn 1.670 ngày"
    );
}

/// The literal parts (at least 4 characters) of every Vietnamese translation: placeholders
/// split a string into parts, and parts shorter than 4 characters ("số", "đến") are too
/// common to prove anything.
fn vietnamese_ui_parts(site: &Path) -> Vec<(String, String)> {
    let file = site.join("themes/default/translations/vi.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let strings: std::collections::BTreeMap<String, String> = yaml_serde::from_str(&text).unwrap();
    let mut parts = Vec::new();
    for (key, value) in strings {
        for part in value.split(['{', '}']).step_by(2) {
            let part = part.trim();
            if part.chars().count() >= 4 {
                parts.push((key.clone(), part.to_string()));
            }
        }
    }
    assert!(
        parts.len() > 100,
        "too few strings to scan: {}",
        parts.len()
    );
    parts
}

fn content_text(site: &Path) -> String {
    all_text(&site.join("content"))
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_english_build_shows_no_vietnamese_ui_string() {
    let site = english_site();
    build(site.path(), "2024-03-01");
    let internal = thidua(
        site.path(),
        &[
            "build",
            "--today",
            "2024-05-10",
            "--audience",
            "internal",
            "--output",
            "internal",
        ],
    );
    assert!(internal.status.success(), "{}", stderr(&internal));
    let content = content_text(site.path());
    let parts: Vec<(String, String)> = vietnamese_ui_parts(site.path())
        .into_iter()
        .filter(|(_, part)| !content.contains(part.as_str()))
        .collect();

    let mut found = Vec::new();
    let mut scanned = 0;
    for output in ["output", "internal"] {
        for (path, text) in all_text(&site.path().join(output)) {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(extension, "html" | "xml" | "js" | "ics" | "svg" | "txt") {
                continue;
            }
            scanned += 1;
            for (key, part) in &parts {
                if text.contains(part.as_str()) {
                    found.push(format!("{}: `{key}` (“{part}”)", path.display()));
                }
            }
        }
    }
    assert!(scanned > 50, "only {scanned} files scanned");
    assert!(
        found.is_empty(),
        "Vietnamese UI strings in the English build:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_site_overrides_one_string_and_keeps_the_others() {
    let site = fixture("bundled");
    let overrides = site.path().join("themes/default/translations/vi.yaml");
    fs::write(&overrides, "nav_home: \"Trang đầu\"\n").unwrap();
    build(site.path(), "2024-03-01");
    let home = page(site.path(), "");
    let nav = texts(&home, ".site-nav a");
    assert_eq!(nav[..2], ["Trang đầu", "Kế hoạch"]);
}

#[test]
fn a_translation_missing_a_key_names_the_file_and_the_key() {
    let site = fixture("bundled");
    edit(
        site.path(),
        "content/site.yaml",
        "language: vi",
        "language: fr",
    );
    // A French file made from the English one, with one key forgotten.
    let translations = site.path().join("themes/default/translations");
    let english = fs::read_to_string(translations.join("en.yaml")).unwrap();
    let french: String = english
        .lines()
        .filter(|line| !line.starts_with("nav_units:"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(translations.join("fr.yaml"), french).unwrap();
    let output = thidua(site.path(), &["build", "--today", "2024-03-01"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("themes/default/translations/fr.yaml") && message.contains("`nav_units`"),
        "{message}"
    );
    assert!(!site.path().join("output").exists());
}

#[test]
fn an_unknown_language_names_the_available_ones() {
    let site = fixture("bundled");
    edit(
        site.path(),
        "content/site.yaml",
        "language: vi",
        "language: de",
    );
    let output = thidua(site.path(), &["build", "--today", "2024-03-01"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("language “de” is not available") && message.contains("en, vi"),
        "{message}"
    );
}

/// The scripts recompute countdowns and phase status on the reader's day, in the page's
/// language: built "on" 1 January 2020 and read today (after the 2024 campaign), every
/// countdown says "… days ago" with English digit grouping. Skipped where no Chromium is
/// installed; `.ci/run` installs it.
#[test]
fn the_scripts_speak_the_page_language() {
    use common::browser::{Browser, find_chromium};
    let Some(chromium) = find_chromium() else {
        println!("SKIPPED the_scripts_speak_the_page_language: no chromium binary on PATH");
        return;
    };
    let site = english_site();
    build(site.path(), "2020-01-01");
    let url = format!(
        "file://{}",
        site.path().join("output/ky-niem/index.html").display()
    );
    let mut browser = Browser::open(&chromium, &url);
    let wait = std::time::Duration::from_secs(60);
    let countdowns = browser.wait_until(
        "Array.from(document.querySelectorAll('.countdown[data-target]'), e => e.textContent)",
        wait,
        |value| {
            value.as_array().is_some_and(|all| {
                !all.is_empty()
                    && all
                        .iter()
                        .all(|t| t.as_str().is_some_and(|t| t.ends_with(" days ago")))
            })
        },
    );
    let countdowns: Vec<String> = serde_json::from_value(countdowns).unwrap();
    let grouped = has_english_grouping(&countdowns);
    assert!(
        grouped,
        "no countdown of 1,000 days or more: {countdowns:?}"
    );

    let timeline = format!(
        "file://{}",
        site.path().join("output/tien-do/index.html").display()
    );
    browser
        .evaluate(&format!("location.href = {}", serde_json::json!(timeline)))
        .unwrap();
    browser.wait_until(
        "Array.from(document.querySelectorAll('.phase-list .phase-status'), e => e.textContent).join('|')",
        wait,
        |value| {
            value
                .as_str()
                .is_some_and(|t| !t.is_empty() && t.split('|').all(|s| s == "Ended"))
        },
    );
}

/// Whether some countdown has a number grouped the English way ("1,025 days ago").
fn has_english_grouping(countdowns: &[String]) -> bool {
    countdowns.iter().any(|text| {
        let number = text.trim_end_matches(" days ago");
        number.contains(',')
            && number
                .split(',')
                .skip(1)
                .all(|group| group.len() == 3 && group.chars().all(|c| c.is_ascii_digit()))
    })
}

#[test]
fn english_counts_agree_with_their_number() {
    let site = english_site();
    build(site.path(), "2024-03-01");
    // Công ty CP Logistics Hoa Gạo has one story, Trường Tiểu học Hoa Sữa two.
    let one = page(site.path(), "don-vi/cong-ty-cp-logistics-hoa-gao/");
    assert_eq!(text(&one, ".lead"), "1 exemplary person.");
    let two = page(site.path(), "don-vi/truong-tieu-hoc-hoa-sua/");
    assert_eq!(text(&two, ".lead"), "2 exemplary people.");
}
