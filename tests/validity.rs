//! The default theme's pages are valid HTML (W3C Nu HTML Checker, `vnu-jar`) and usable on
//! a 375 px wide phone screen (headless Chromium). `.ci/run` installs both tools; outside CI
//! a missing tool skips the test with a message, in CI it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{build, fixture, thidua};

/// A tool the test needs, or `None` (with a message) when it is missing outside CI.
fn required(name: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("skipped: {name} is not installed");
    }
    found
}

#[test]
fn w3c_nu_checker_finds_no_errors_in_the_bundled_site() {
    let Some(jar) = required(
        "vnu.jar (VNU_JAR)",
        std::env::var_os("VNU_JAR")
            .map(PathBuf::from)
            .filter(|p| p.is_file()),
    ) else {
        return;
    };
    let site = fixture("bundled");
    build(site.path(), "2024-03-01");
    let internal = site.path().join("internal");
    let output = thidua(
        site.path(),
        &[
            "build",
            "--today",
            "2024-08-10",
            "--audience",
            "internal",
            "--output",
            internal.to_str().unwrap(),
        ],
    );
    assert!(output.status.success());
    for dir in [site.path().join("output"), internal] {
        let result = Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .args(["--errors-only", "--skip-non-html"])
            .arg(&dir)
            .output()
            .expect("java runs");
        assert!(
            result.status.success(),
            "the Nu HTML Checker found errors in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&result.stderr)
        );
    }
}

/// The page's scroll width when shown 375 px wide, measured by Chromium in an iframe.
fn width_at_375(chromium: &Path, page: &Path, scratch: &Path) -> u32 {
    let wrapper = scratch.join("measure.html");
    std::fs::write(
        &wrapper,
        format!(
            "<!DOCTYPE html><html><head><title>pending</title></head><body style=\"margin:0\">\
             <iframe id=f src=\"file://{}\" width=375 height=800 style=\"border:0\"></iframe>\
             <script>document.getElementById('f').onload=function(){{var d=this.contentDocument;\
             document.title='width='+Math.max(d.documentElement.scrollWidth,d.body.scrollWidth);}};</script>\
             </body></html>",
            page.display()
        ),
    )
    .unwrap();
    let output = Command::new(chromium)
        .args(common::browser::HEADLESS_FLAGS)
        .args([
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("file://{}", wrapper.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    let title = dom
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("");
    title
        .strip_prefix("width=")
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "could not measure {}: {title:?}\n{}",
                page.display(),
                String::from_utf8_lossy(&output.stderr)
            )
        })
}

#[test]
fn pages_fit_a_375_pixel_screen() {
    let Some(chromium) = required("chromium", common::browser::find_chromium()) else {
        return;
    };
    let site = fixture("bundled");
    build(site.path(), "2024-03-01");
    let output = site.path().join("output");
    for page in [
        "index.html",
        "ke-hoach/index.html",
        "tien-do/index.html",
        "ky-niem/index.html",
        "bang-vang/index.html",
        "bang-vang/nguyen-thi-thu-hang/index.html",
        "don-vi/index.html",
        "thong-ke/index.html",
        "lich-phat-dong/index.html",
    ] {
        let width = width_at_375(&chromium, &output.join(page), site.path());
        assert!(
            width <= 375,
            "{page} is {width} px wide at 375 px: readers must scroll sideways"
        );
    }
}
