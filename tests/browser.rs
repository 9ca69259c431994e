//! Live reload in a real browser: headless Chromium shows a preview page, the test edits files
//! on disk (and restarts the server), and the page changes by itself. Skipped (with a message) where no Chromium is
//! installed; `.ci/run` installs Debian's `chromium`, so it runs in CI.

mod common;

use std::fs;
use std::time::Duration;

use common::browser::{Browser, find_chromium};
use common::fixture;
use common::server::Server;

const WAIT: Duration = Duration::from_secs(30);
const HEADLINE: &str = "Tài xế xe buýt đưa hành khách đột quỵ vào viện trong “thời gian vàng”";
const NEW_HEADLINE: &str = "Tài xế xe buýt cứu người giữa giờ cao điểm";
/// Set in the page by the test; it survives a stylesheet swap but not a reload.
const MARKER: &str = "window.thiduaTestMarker";

#[test]
fn an_open_page_follows_edits_on_disk_by_itself() {
    let Some(chromium) = find_chromium() else {
        println!(
            "SKIPPED an_open_page_follows_edits_on_disk_by_itself: no chromium binary on PATH \
             (install Debian's `chromium`; .ci/run does)"
        );
        return;
    };
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let url = format!("http://{}/bang-vang/do-van-khai/", server.address);
    let mut browser = Browser::open(&chromium, &url);
    browser.wait_for_text(HEADLINE, Duration::from_secs(60));
    let story = site.path().join("content/stories/do-van-khai.md");
    let original = fs::read_to_string(&story).unwrap();

    // A saved story: the page reloads itself and shows the new headline.
    browser.evaluate(&format!("{MARKER} = 1")).unwrap();
    fs::write(&story, original.replacen(HEADLINE, NEW_HEADLINE, 1)).unwrap();
    let text = browser.wait_for_text(NEW_HEADLINE, WAIT);
    assert!(!text.contains(HEADLINE));
    assert_eq!(
        browser.evaluate(&format!("typeof {MARKER}")),
        Some("undefined".into()),
        "the page was reloaded"
    );

    // A broken story: an overlay names the file and line; the good page stays below it.
    let broken = original.replacen(HEADLINE, NEW_HEADLINE, 1).replacen(
        "date: 2024-08-20",
        "date: 2024-13-45",
        1,
    );
    fs::write(&story, broken).unwrap();
    let text = browser.wait_for_text("Lỗi khi dựng lại trang", WAIT);
    assert!(
        text.contains("content/stories/do-van-khai.md:8"),
        "the overlay names file:line: {text}"
    );
    assert!(text.contains(NEW_HEADLINE));

    // Fixed: the overlay goes.
    fs::write(&story, &original).unwrap();
    browser.wait_until(
        "document.getElementById('thidua-error-overlay') === null \
         && document.body.innerText.includes(document.querySelector('h1').textContent) \
         && document.querySelector('h1').textContent",
        WAIT,
        |value| value.as_str() == Some(HEADLINE),
    );

    // A stylesheet change: the new style applies without a reload.
    browser.evaluate(&format!("{MARKER} = 2")).unwrap();
    let css = site.path().join("themes/default/static/assets/style.css");
    let mut styles = fs::read_to_string(&css).unwrap();
    styles.push_str("\n:root { --thidua-test: 42px; }\n");
    fs::write(&css, styles).unwrap();
    browser.wait_until(
        "getComputedStyle(document.documentElement).getPropertyValue('--thidua-test').trim()",
        WAIT,
        |value| value.as_str() == Some("42px"),
    );
    assert_eq!(
        browser.evaluate(MARKER),
        Some(2.into()),
        "a CSS change must not reload the page"
    );
    server.wait_for("styles changed", WAIT);

    // The server restarts (on the same port) after the story changed while it was down: the
    // page reconnects by itself and catches up.
    let port = server.port.to_string();
    assert!(server.interrupt().success());
    fs::write(&story, original.replacen(HEADLINE, NEW_HEADLINE, 1)).unwrap();
    let _restarted = Server::start(site.path(), &["--port", &port]);
    browser.wait_for_text(NEW_HEADLINE, WAIT);
}
