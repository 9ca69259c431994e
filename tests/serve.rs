//! The preview server end to end: the real `thidua serve` on an ephemeral loopback port, fed
//! by edits on disk, observed through HTTP and its live-reload event stream.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use scraper::Html;

use common::http::{self, Response};
use common::server::Server;
use common::{build, fixture, snapshot, text, texts};

/// Bounds every wait for a rebuild (debounce + build, on a busy machine).
const REBUILD: Duration = Duration::from_secs(30);

fn html(response: &Response) -> Html {
    Html::parse_document(&response.text())
}

fn ok_page(server: &Server, path: &str) -> Html {
    let response = server.get(path);
    assert_eq!(response.status, 200, "GET {path}: {}", response.text());
    html(&response)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const KHAI: &str = "content/stories/do-van-khai.md";
const KHAI_PAGE: &str = "/bang-vang/do-van-khai/";
const KHAI_HEADLINE: &str = "Tài xế xe buýt đưa hành khách đột quỵ vào viện trong “thời gian vàng”";

#[test]
fn preview_serves_the_site_with_the_live_reload_script_and_right_types() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let doc = html(&home);
    let scripts = common::attrs(&doc, "body script[data-build]", "src");
    assert_eq!(scripts, ["/__thidua/live.js"]);
    // Links stay inside the preview: the canonical URL is the server's own.
    let canonical = common::attrs(&doc, "link[rel=canonical]", "href");
    assert!(
        canonical
            .iter()
            .all(|href| href.starts_with(&format!("http://{}/", server.address))),
        "{canonical:?}"
    );

    let story = ok_page(&server, KHAI_PAGE);
    assert_eq!(text(&story, "h1"), KHAI_HEADLINE);

    for (path, content_type) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/thidua.js", "text/javascript; charset=utf-8"),
        ("/__thidua/live.js", "text/javascript; charset=utf-8"),
        ("/images/do-van-khai-320.jpg", "image/jpeg"),
        ("/images/do-van-khai-320.webp", "image/webp"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "GET {path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
        assert!(!response.body.is_empty(), "{path}");
    }
    // Photos are served as the build publishes them: resized renditions, never the
    // original upload.
    let photo = server.get("/images/do-van-khai-320.jpg");
    assert_eq!(image::load_from_memory(&photo.body).unwrap().width(), 320);
    assert_eq!(server.get("/images/do-van-khai.jpg").status, 404);

    // A folder without its slash is redirected, so the page's relative links work.
    let folder = server.get("/bang-vang");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/bang-vang/"));

    let missing = server.get("/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    assert_eq!(text(&html(&missing), "h1"), "Không tìm thấy trang");

    assert_eq!(http::request(&server.address, "POST", "/").status, 405);
    let head = http::request(&server.address, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let mut events = server.events();
    let hello = events.expect("hello", REBUILD);
    assert!(hello.data.contains("\"build\""), "{}", hello.data);

    assert!(server.interrupt().success());
    assert!(
        !site.path().join("output").exists(),
        "the preview must not write output/"
    );
    assert!(server.seen.iter().any(|line| line == "stopped"));
}

#[test]
fn build_output_never_contains_the_live_reload_script() {
    let site = fixture("bundled");
    build(site.path(), "2024-06-01");
    let files = snapshot(&site.path().join("output"));
    assert!(files.len() > 20);
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__thidua"),
            "{} carries the preview's script",
            path.display()
        );
    }
}

#[test]
fn saving_a_story_reloads_open_tabs_with_the_new_text() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let mut events = server.events();
    let hello = events.expect("hello", REBUILD);

    replace_in(
        &site.path().join(KHAI),
        KHAI_HEADLINE,
        "Tài xế xe buýt cứu người giữa giờ cao điểm",
    );
    let reload = events.expect("reload", REBUILD);
    assert_ne!(reload.data, hello.data);
    assert!(reload.data.contains("\"styles\":[]"), "{}", reload.data);
    let story = ok_page(&server, KHAI_PAGE);
    assert_eq!(
        text(&story, "h1"),
        "Tài xế xe buýt cứu người giữa giờ cao điểm"
    );
    // The page names its new build, so a tab that reconnects later does not reload again.
    let build = reload.data.split("\"build\":\"").nth(1).unwrap();
    let build = &build[..build.find('"').unwrap()];
    assert_eq!(
        common::attrs(&story, "script[data-build]", "data-build"),
        [build]
    );
    server.wait_for("content/stories/do-van-khai.md: rebuilt", REBUILD);

    // A new story appears on the honor roll; a deleted one disappears from it.
    let (_, new_story) = common::generate::story(0);
    fs::write(site.path().join("content/stories/moi.md"), &new_story).unwrap();
    events.expect("reload", REBUILD);
    let names = texts(&ok_page(&server, "/bang-vang/"), ".card-name");
    assert!(names.contains(&"Nguyễn Văn An 1".to_string()), "{names:?}");

    fs::remove_file(site.path().join("content/stories/bui-thi-nhung.md")).unwrap();
    events.expect("reload", REBUILD);
    let names = texts(&ok_page(&server, "/bang-vang/"), ".card-name");
    assert!(!names.contains(&"Bùi Thị Nhung".to_string()), "{names:?}");
    assert_eq!(server.get("/bang-vang/bui-thi-nhung/").status, 404);

    // A rename keeps the story (its URL comes from the name, not the file).
    fs::rename(
        site.path().join("content/stories/moi.md"),
        site.path().join("content/stories/doi-ten.md"),
    )
    .unwrap();
    // The old path is forgotten (else the story would collide with itself) and the site is
    // the same as before.
    let rebuilt = server.wait_for("content/stories/doi-ten.md", REBUILD);
    assert!(rebuilt.contains("no page changed"), "{rebuilt}");
    let names = texts(&ok_page(&server, "/bang-vang/"), ".card-name");
    assert!(names.contains(&"Nguyễn Văn An 1".to_string()), "{names:?}");
}

#[test]
fn the_site_config_and_the_theme_are_watched_too() {
    let site = fixture("bundled");
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    events.expect("hello", REBUILD);

    replace_in(
        &site.path().join("content/site.yaml"),
        "title: \"Thi đua CNVCLĐ quận Long Biên 2024\"",
        "title: \"Xem trước thi đua\"",
    );
    events.expect("reload", REBUILD);
    let home = ok_page(&server, "/");
    assert!(text(&home, "title").contains("Xem trước thi đua"));

    let template = site.path().join("themes/default/templates/story.html");
    replace_in(
        &template,
        "<h1>{{ story.headline }}</h1>",
        "<h1>Mẫu mới: {{ story.headline }}</h1>",
    );
    events.expect("reload", REBUILD);
    assert_eq!(
        text(&ok_page(&server, KHAI_PAGE), "h1"),
        format!("Mẫu mới: {KHAI_HEADLINE}")
    );

    // A template error is shown like a content error, and the last good pages stay served.
    replace_in(&template, "<h1>Mẫu mới:", "{% if %}<h1>Mẫu mới:");
    let failure = events.expect("failure", REBUILD);
    assert!(failure.data.contains("story.html"), "{}", failure.data);
    assert_eq!(
        text(&ok_page(&server, KHAI_PAGE), "h1"),
        format!("Mẫu mới: {KHAI_HEADLINE}")
    );
    replace_in(
        &template,
        "{% if %}",
        "<span class=\"da-sua\">sửa rồi</span>",
    );
    events.expect("reload", REBUILD);
    assert_eq!(text(&ok_page(&server, KHAI_PAGE), ".da-sua"), "sửa rồi");
}

#[test]
fn a_broken_file_is_shown_while_the_last_good_site_is_served_until_fixed() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let mut events = server.events();
    events.expect("hello", REBUILD);
    let plan = site.path().join("content/plan.yaml");
    let good_plan = fs::read_to_string(&plan).unwrap();

    // An unclosed flow sequence: the YAML parser stops at the end of the file.
    fs::write(&plan, format!("{good_plan}broken: [\n")).unwrap();
    let failure = events.expect("failure", REBUILD);
    let lines = good_plan.lines().count();
    assert!(
        failure
            .data
            .contains(&format!("content/plan.yaml:{}:", lines + 2)),
        "the error names file:line:col: {}",
        failure.data
    );
    let printed = server.wait_for("error: content/plan.yaml:", REBUILD);
    assert!(printed.contains(&format!(":{}:", lines + 2)), "{printed}");

    // The last good site is still served, and a newly opened tab is told about the error.
    let story = ok_page(&server, KHAI_PAGE);
    assert_eq!(text(&story, "h1"), KHAI_HEADLINE);
    let mut late_tab = server.events();
    late_tab.expect("hello", REBUILD);
    late_tab.expect("failure", REBUILD);

    // Fixing the file clears the error: every tab reloads.
    fs::write(&plan, &good_plan).unwrap();
    events.expect("reload", REBUILD);
    late_tab.expect("reload", REBUILD);
    let mut fresh_tab = server.events();
    fresh_tab.expect("hello", REBUILD);
    assert!(
        fresh_tab.next(Duration::from_millis(500)).is_none(),
        "no error is left after the fix"
    );

    // A story error is reported the same way, with its line.
    replace_in(
        &site.path().join(KHAI),
        "date: 2024-08-20",
        "date: 2024-13-45",
    );
    let failure = events.expect("failure", REBUILD);
    assert!(
        failure.data.contains("content/stories/do-van-khai.md:8"),
        "{}",
        failure.data
    );
    assert_eq!(
        text(&ok_page(&server, KHAI_PAGE), "h1"),
        KHAI_HEADLINE,
        "the last good page is still served"
    );
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let mut events = server.events();
    events.expect("hello", REBUILD);
    let css = site.path().join("themes/default/static/assets/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\nbody { outline: 1px solid red; }\n");
    fs::write(&css, &text).unwrap();
    let reload = events.expect("reload", REBUILD);
    assert!(
        reload.data.contains("\"styles\":[\"assets/style.css\"]"),
        "{}",
        reload.data
    );
    let served = server.get("/assets/style.css");
    assert!(
        served
            .text()
            .ends_with("body { outline: 1px solid red; }\n")
    );
    server.wait_for("styles changed: assets/style.css", REBUILD);
}

#[test]
fn editor_temporary_files_are_ignored_and_a_burst_of_saves_is_one_rebuild() {
    let site = fixture("bundled");
    let mut server = Server::start(site.path(), &[]);
    let stories = site.path().join("content/stories");
    for temporary in [
        ".do-van-khai.md.swp",
        "do-van-khai.md~",
        ".#do-van-khai.md",
        "4913",
    ] {
        fs::write(stories.join(temporary), "tạm").unwrap();
    }
    fs::remove_file(stories.join("4913")).unwrap();
    // Long enough for a rebuild to be reported if the temporary files had caused one.
    let printed = server.lines_during(Duration::from_millis(1500));
    assert!(
        printed.iter().all(|line| !line.contains("rebuilt")),
        "temporary files caused a rebuild: {printed:?}"
    );

    for index in 0..5 {
        let (name, text) = common::generate::story(index);
        fs::write(stories.join(name), text).unwrap();
    }
    let rebuilt = server.wait_for("rebuilt", REBUILD);
    assert!(
        rebuilt.contains("content/stories/generated-00001.md and 4 more: rebuilt"),
        "{rebuilt}"
    );
    assert!(rebuilt.contains("(19 stories, 5 re-read)"), "{rebuilt}");
    let more = server.lines_during(Duration::from_millis(1500));
    assert!(
        more.iter().all(|line| !line.contains("rebuilt")),
        "one burst gave several rebuilds: {more:?}"
    );
}

#[test]
fn requests_cannot_reach_files_outside_the_published_site() {
    let outer = tempfile::tempdir().unwrap();
    let site = outer.path().join("site");
    common::copy_dir(
        &common::manifest_dir().join("content"),
        &site.join("content"),
    );
    fs::write(outer.path().join("secret.txt"), "mật khẩu bí mật").unwrap();
    // A photo that is a symbolic link to a file outside the site.
    std::os::unix::fs::symlink(
        outer.path().join("secret.txt"),
        site.join("content/images/leak.jpg"),
    )
    .unwrap();
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/").status, 200);

    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/images/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/.%2e/secret.txt",
        &format!("/{}", outer.path().join("secret.txt").display()),
        &format!("//{}", outer.path().join("secret.txt").display()),
        "/etc/passwd",
        "/content/plan.yaml",
        "/content/stories/leak.md",
        "/images/leak.jpg",
    ] {
        let response = server.get(path);
        assert!(
            matches!(response.status, 403 | 404),
            "GET {path} gave {}",
            response.status
        );
        assert!(!response.text().contains("mật khẩu"), "GET {path} leaked");
    }
    // Only published files are served: the linked file is no photo of any story.
    assert_eq!(server.get("/images/leak.jpg").status, 404);
    assert_eq!(server.get("/%2e%2e/secret.txt").status, 403);
    drop(server);

    // A story whose photo is that link: the build refuses to publish a file from outside.
    let (_, story) = common::generate::story(7);
    let story = story.replacen(
        "\n---\n",
        "\nphoto: images/leak.jpg\nphoto_alt: \"Ảnh\"\n---\n",
        1,
    );
    fs::write(site.join("content/stories/leak.md"), story).unwrap();
    let output = common::thidua(&site, &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        common::stderr(&output)
            .contains("content/images/leak.jpg: the photo is a link to a file outside content/"),
        "{}",
        common::stderr(&output)
    );
}

#[test]
fn a_busy_port_moves_the_preview_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = fixture("minimal");
    let port_arg = port.to_string();
    let mut server = Server::start(site.path(), &["--port", &port_arg]);
    assert_ne!(server.port, port);
    assert!(
        server
            .seen
            .iter()
            .any(|line| line == &format!("port {port} is in use; using the next free one")),
        "{:?}",
        server.seen
    );
    assert_eq!(server.get("/").status, 200);
    assert!(server.interrupt().success());
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = fixture("minimal");
    let plan = site.path().join("content/plan.yaml");
    let good_plan = fs::read_to_string(&plan).unwrap();
    fs::write(&plan, format!("{good_plan}\n\tbroken: tab\n")).unwrap();
    let server = Server::start(site.path(), &[]);
    let waiting = server.get("/");
    assert_eq!(waiting.status, 503);
    assert!(waiting.text().contains("/__thidua/live.js"));
    // The site's language is unknown until it builds: both languages are shown.
    let page = scraper::Html::parse_document(&waiting.text());
    let texts: Vec<String> = page
        .select(&scraper::Selector::parse("p").unwrap())
        .map(|p| p.text().collect())
        .collect();
    assert!(
        texts[0].starts_with("thidua chưa dựng được trang"),
        "{texts:?}"
    );
    assert!(
        texts[1].starts_with("The site could not be built"),
        "{texts:?}"
    );
    let mut events = server.events();
    events.expect("hello", REBUILD);
    let failure = events.expect("failure", REBUILD);
    assert!(
        failure.data.contains("content/plan.yaml:"),
        "{}",
        failure.data
    );

    fs::write(&plan, &good_plan).unwrap();
    events.expect("reload", REBUILD);
    assert_eq!(server.get("/").status, 200);
}
