//! The public website and the internal bulletin from one content folder: audiences, feeds,
//! sitemap, calendar, fingerprinted assets, social meta, bulletins and launch registrations.
//! Generated files are read with real parsers (HTML, XML, Atom/RSS, iCalendar).

mod common;

use std::fs;
use std::path::Path;

use common::{all_text, attrs, broken, broken_links, edit, fixture, page, text, texts, thidua};

const MARKERS: &[&str] = &[
    "MARKER-INTERNAL",
    "MARKER-DRAFT",
    "MARKER-CONTACT",
    "chi-noi-bo",
    "Hoàng Văn Nội",
    "hoang-van-noi",
    "Lý Thị Nháp",
    "ly-thi-nhap",
];

fn build_with(dir: &Path, args: &[&str]) {
    let mut all = vec!["build", "--today", "2024-04-15"];
    all.extend_from_slice(args);
    let output = thidua(dir, &all);
    assert!(output.status.success(), "{}", common::stderr(&output));
}

#[test]
fn the_public_build_holds_no_trace_of_internal_or_draft_content() {
    let site = fixture("audiences");
    build_with(site.path(), &[]);
    let output = site.path().join("output");
    for (path, text) in all_text(&output) {
        for marker in MARKERS {
            assert!(
                !text.contains(marker),
                "{} contains {marker}",
                path.display()
            );
        }
    }
    assert!(!output.join("images/chi-noi-bo-40.png").exists());
    assert!(!output.join("ban-tin").exists(), "bulletins are internal");
    let honor = page(site.path(), "bang-vang/");
    assert_eq!(texts(&honor, ".by-award .card").len(), 2);
    assert_eq!(
        common::text(&honor, ".lead"),
        "2 gương điển hình từ 1 đơn vị trong thi đua mẫu 2024."
    );
    let robots = fs::read_to_string(output.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn the_internal_build_has_internal_stories_sections_contacts_and_bulletins() {
    let site = fixture("audiences");
    let out = site.path().join("internal");
    build_with(
        site.path(),
        &["--audience", "internal", "--output", out.to_str().unwrap()],
    );
    let story = scraper::Html::parse_document(
        &fs::read_to_string(out.join("bang-vang/hoang-van-noi/index.html")).unwrap(),
    );
    assert_eq!(text(&story, ".story-header h1"), "MARKER-INTERNAL-HEADLINE");
    assert!(out.join("images/chi-noi-bo-40.png").exists());
    let plan = fs::read_to_string(out.join("ke-hoach/index.html")).unwrap();
    assert!(plan.contains("MARKER-INTERNAL-SECTION"));
    let registrations = fs::read_to_string(out.join("lich-phat-dong/index.html")).unwrap();
    assert!(registrations.contains("MARKER-CONTACT"));
    // Per-audience settings: the internal site has its own title and base URL.
    let home = scraper::Html::parse_document(&fs::read_to_string(out.join("index.html")).unwrap());
    assert_eq!(
        attrs(&home, "link[rel=canonical]", "href"),
        ["https://noibo.example.org/"]
    );
    assert!(text(&home, ".brand").ends_with("Bản tin nội bộ mẫu"));
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /\n"
    );
    // Drafts stay out even of the internal build unless asked for.
    assert!(!out.join("bang-vang/ly-thi-nhap").exists());
    build_with(
        site.path(),
        &[
            "--audience",
            "internal",
            "--drafts",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(out.join("bang-vang/ly-thi-nhap/index.html").exists());
}

#[test]
fn feeds_parse_and_carry_the_newest_stories_with_absolute_links() {
    let site = fixture("bundled");
    build_with(site.path(), &[]);
    let output = site.path().join("output");
    let atom = feed_rs::parser::parse(fs::read(output.join("atom.xml")).unwrap().as_slice())
        .expect("valid Atom");
    let rss = feed_rs::parser::parse(fs::read(output.join("rss.xml")).unwrap().as_slice())
        .expect("valid RSS");
    let stories = fs::read_dir(site.path().join("content/stories"))
        .unwrap()
        .count();
    assert_eq!(atom.entries.len(), stories);
    assert_eq!(rss.entries.len(), stories);
    let newest = &atom.entries[0];
    assert_eq!(
        newest.title.as_ref().unwrap().content,
        "Lê Hoàng Nam – Kỹ sư trẻ đưa chuyển đổi số vào từng phòng ban của quận"
    );
    assert_eq!(
        newest.links[0].href,
        "https://thidua.ldldlongbien.example/bang-vang/le-hoang-nam/"
    );
    assert_eq!(
        newest.published.unwrap().to_rfc3339(),
        "2024-12-16T17:00:00+00:00",
        "midnight in Hà Nội"
    );
    for entry in atom.entries.iter().chain(&rss.entries) {
        let link = &entry.links[0].href;
        assert!(
            link.starts_with("https://thidua.ldldlongbien.example/bang-vang/"),
            "{link}"
        );
        let path = link.trim_start_matches("https://thidua.ldldlongbien.example/");
        assert!(output.join(path).join("index.html").exists(), "{link}");
    }
    assert!(atom.title.unwrap().content.contains("Long Biên"));
}

#[test]
fn sitemap_lists_every_public_page_as_an_absolute_url_of_an_existing_file() {
    let site = fixture("bundled");
    build_with(
        site.path(),
        &["--base-url", "https://example.org/thidua/2024"],
    );
    let output = site.path().join("output");
    let xml = fs::read_to_string(output.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let pages = all_text(&output)
        .into_iter()
        .filter(|(p, _)| p.file_name().is_some_and(|n| n == "index.html"))
        .count();
    assert_eq!(locs.len(), pages, "one URL per page");
    for loc in locs {
        let inside = loc
            .strip_prefix("https://example.org/thidua/2024/")
            .unwrap_or_else(|| panic!("{loc} is not under base_url"));
        assert!(output.join(inside).join("index.html").exists(), "{loc}");
    }
    let robots = fs::read_to_string(output.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/thidua/2024/sitemap.xml"));
}

#[test]
fn calendar_has_phases_anniversaries_and_launches_with_stable_uids() {
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};
    let site = fixture("bundled");
    build_with(site.path(), &[]);
    let ics = fs::read_to_string(site.path().join("output/campaign.ics")).unwrap();
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
    assert!(ics.contains("\r\n"));
    let calendar: Calendar = icalendar::parser::unfold(&ics)
        .parse()
        .expect("valid iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(
        events.len(),
        2 + 8 + 6,
        "phases + anniversaries (7 solar, Tết) + registrations"
    );
    let by_summary = |s: &str| {
        events
            .iter()
            .find(|e| e.get_summary() == Some(s))
            .unwrap_or_else(|| panic!("no event {s}"))
    };
    let union = by_summary("Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam");
    assert_eq!(
        union.get_start(),
        Some(chrono::NaiveDate::from_ymd_opt(2024, 7, 28).unwrap().into())
    );
    assert_eq!(
        union.get_end(),
        Some(chrono::NaiveDate::from_ymd_opt(2024, 7, 29).unwrap().into())
    );
    let tet = by_summary("Tết Nguyên đán Giáp Thìn");
    assert_eq!(
        tet.get_start(),
        Some(chrono::NaiveDate::from_ymd_opt(2024, 2, 10).unwrap().into())
    );
    assert_eq!(tet.get_description(), Some("mùng 1 Tết Giáp Thìn"));
    let phase = by_summary("Đợt 1: Phong trào thi đua CNVCLĐ quận Long Biên năm 2024");
    assert_eq!(
        phase.get_start(),
        Some(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().into())
    );
    assert_eq!(
        phase.get_end(),
        Some(chrono::NaiveDate::from_ymd_opt(2024, 8, 1).unwrap().into()),
        "DTEND is exclusive"
    );
    let launch = by_summary("Phát động thi đua: Công ty TNHH May mặc Bãi Giữa");
    assert_eq!(
        launch.get_location(),
        Some("Hội trường tầng 2, nhà xưởng số 1")
    );
    assert!(!ics.contains("0900 000 101"), "contacts are internal-only");
    let mut uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    // Stable: a build on another day gives the same UIDs.
    assert!(
        thidua(site.path(), &["build", "--today", "2024-09-01"])
            .status
            .success()
    );
    let again = fs::read_to_string(site.path().join("output/campaign.ics")).unwrap();
    assert_eq!(ics, again, "the calendar does not depend on the build day");
}

#[test]
fn ics_escapes_commas_and_semicolons() {
    use icalendar::{Calendar, CalendarComponent, EventLike};
    let site = fixture("audiences");
    build_with(site.path(), &[]);
    let ics = fs::read_to_string(site.path().join("output/campaign.ics")).unwrap();
    assert!(
        ics.contains("LOCATION:Hội trường\\; tầng 2\\, phòng 201"),
        "{ics}"
    );
    let calendar: Calendar = icalendar::parser::unfold(&ics).parse().unwrap();
    let location = calendar.components.iter().find_map(|c| match c {
        CalendarComponent::Event(e) => e
            .get_location()
            .filter(|l| l.starts_with("Hội trường"))
            .map(str::to_string),
        _ => None,
    });
    assert_eq!(location.as_deref(), Some("Hội trường; tầng 2, phòng 201"));
}

#[test]
fn no_broken_links_with_and_without_a_sub_path_base_url() {
    for (audience, base) in [
        ("public", "https://example.org/"),
        ("public", "https://example.org/thidua/2024/"),
        ("internal", "https://example.org/thidua/2024/"),
    ] {
        let site = fixture("bundled");
        build_with(site.path(), &["--audience", audience, "--base-url", base]);
        let broken = broken_links(&site.path().join("output"), base);
        assert!(broken.is_empty(), "{audience} {base}: {broken:#?}");
    }
}

#[test]
fn assets_are_fingerprinted_and_change_name_with_their_content() {
    let site = fixture("minimal");
    build_with(site.path(), &[]);
    let css = |dir: &Path| attrs(&page(dir, ""), "link[rel=stylesheet]", "href").remove(0);
    let first = css(site.path());
    assert!(regex_like_fingerprint(&first), "{first}");
    let static_dir = site.path().join("themes/default/static/assets");
    fs::create_dir_all(&static_dir).unwrap();
    fs::write(static_dir.join("style.css"), "body { color: red; }").unwrap();
    build_with(site.path(), &[]);
    let second = css(site.path());
    assert_ne!(first, second);
    assert_eq!(
        fs::read_to_string(site.path().join("output").join(&second)).unwrap(),
        "body { color: red; }"
    );
}

fn regex_like_fingerprint(href: &str) -> bool {
    let name = href
        .trim_start_matches("./assets/style.")
        .trim_end_matches(".css");
    name.len() == 10 && name.chars().all(|c| c.is_ascii_hexdigit())
}

#[test]
fn story_pages_carry_canonical_and_social_meta_with_the_photo() {
    let site = fixture("bundled");
    build_with(site.path(), &[]);
    let story = page(site.path(), "bang-vang/nguyen-thi-thu-hang/");
    let meta = |property: &str| attrs(&story, &format!("meta[property=\"{property}\"]"), "content");
    assert_eq!(
        attrs(&story, "link[rel=canonical]", "href"),
        ["https://thidua.ldldlongbien.example/bang-vang/nguyen-thi-thu-hang/"]
    );
    assert_eq!(meta("og:type"), ["article"]);
    assert_eq!(
        meta("og:image"),
        ["https://thidua.ldldlongbien.example/images/nguyen-thi-thu-hang-1200.jpg"]
    );
    assert!(
        site.path()
            .join("output/images/nguyen-thi-thu-hang-1200.jpg")
            .exists()
    );
    assert_eq!(
        attrs(&story, "meta[name=\"twitter:card\"]", "content"),
        ["summary_large_image"]
    );
    assert!(!meta("og:description")[0].is_empty());
    assert!(site.path().join("output/404.html").exists());
    assert!(site.path().join("output/favicon.svg").exists());
}

#[test]
fn monthly_and_phase_bulletins_for_print_and_email() {
    let site = fixture("bundled");
    let out = site.path().join("internal");
    let output = thidua(
        site.path(),
        &[
            "build",
            "--audience",
            "internal",
            "--today",
            "2024-08-10",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", common::stderr(&output));
    let index =
        scraper::Html::parse_document(&fs::read_to_string(out.join("ban-tin/index.html")).unwrap());
    let titles: Vec<String> = texts(&index, ".bulletin-list li > a:first-child");
    assert_eq!(
        titles.len(),
        8 + 2,
        "January–August, and both phases (Đợt 2 has begun)"
    );
    assert_eq!(titles[2], "Bản tin tháng 3/2024");
    assert!(titles.contains(&"Sơ kết Đợt 1".to_string()));

    let march = scraper::Html::parse_document(
        &fs::read_to_string(out.join("ban-tin/thang-2024-03/index.html")).unwrap(),
    );
    assert_eq!(text(&march, ".bulletin-header h1"), "Bản tin tháng 3/2024");
    let march_stories = texts(&march, ".bulletin-story");
    assert_eq!(march_stories.len(), 1, "one story is dated March 2024");
    assert!(march_stories[0].contains("Nguyễn Thị Thu Hằng"));

    let phase = scraper::Html::parse_document(
        &fs::read_to_string(out.join("ban-tin/so-ket-dot-1/index.html")).unwrap(),
    );
    assert_eq!(texts(&phase, ".bulletin-story").len(), 7);
    let anniversaries = texts(&phase, ".bulletin-summary li");
    assert!(anniversaries.iter().any(|a| a == "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam (28/07/2024): đã diễn ra ngày 28/07/2024"), "{anniversaries:?}");
    let counts = texts(&phase, ".bulletin-counts tbody tr");
    assert!(
        counts.contains(&"Người tốt, việc tốt2".to_string())
            || counts.iter().any(|c| c.starts_with("Người tốt, việc tốt")),
        "{counts:?}"
    );

    // The e-mail edition is one self-contained file: inline CSS, no external stylesheet or
    // script, and every link and image absolute.
    let email_html = fs::read_to_string(out.join("ban-tin/so-ket-dot-1/email.html")).unwrap();
    let email = scraper::Html::parse_document(&email_html);
    assert!(attrs(&email, "link[rel=stylesheet]", "href").is_empty());
    assert!(texts(&email, "script").is_empty());
    assert!(!texts(&email, "style").is_empty());
    for src in attrs(&email, "img", "src") {
        assert!(
            src.starts_with("https://thidua.ldldlongbien.example/images/"),
            "{src}"
        );
    }
    for href in attrs(&email, "a", "href") {
        assert!(
            href.starts_with("https://") || href.starts_with("mailto:"),
            "{href}"
        );
    }
    // The print edition has a print stylesheet with page breaks between stories.
    let css_href = attrs(&phase, "link[rel=stylesheet]", "href").remove(0);
    let css = fs::read_to_string(out.join("ban-tin/so-ket-dot-1").join(css_href)).unwrap();
    assert!(
        css.contains("size: A4")
            && css.contains("break-before: page")
            && css.contains("counter(page)")
    );
}

#[test]
fn registrations_are_grouped_by_month() {
    let site = fixture("bundled");
    build_with(site.path(), &[]);
    let doc = page(site.path(), "lich-phat-dong/");
    assert_eq!(
        texts(&doc, ".registration-month h2"),
        ["Tháng 1/2024", "Tháng 2/2024", "Tháng 3/2024"]
    );
    assert_eq!(texts(&doc, ".registration-month tbody tr").len(), 6);
    assert!(
        texts(&doc, "th").iter().all(|h| h != "Liên hệ"),
        "contacts are internal-only"
    );
}

#[test]
fn invalid_registrations_are_reported() {
    let errors = broken(|site| {
        fs::write(
            site.join("content/registrations.yaml"),
            "- unit: \"Công ty Cơ khí Mẫu\"\n  launch_date: 2023-12-01\n- unit: \"Công ty Dệt\"\n  sector: ngan-hang\n  launch_date: 2024-02-01\n- unit: \"Công ty Dệt\"\n  launch_date: 2024-02-02\n",
        )
        .unwrap();
    });
    assert!(errors.contains("content/registrations.yaml:1: “Công ty Cơ khí Mẫu” launches on 01/12/2023, outside the campaign period"), "{errors}");
    assert!(errors.contains("unknown sector “ngan-hang”"), "{errors}");
    assert!(
        errors.contains("unit “Công ty Dệt” is registered twice"),
        "{errors}"
    );
}

#[test]
fn a_plan_section_marked_internal_is_only_in_the_internal_plan() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/plan.yaml",
        "awards:",
        "implementation:\n  visibility: internal\n  closing: \"SECRET-CLOSING\"\nawards:",
    );
    build_with(site.path(), &[]);
    assert!(
        !fs::read_to_string(site.path().join("output/ke-hoach/index.html"))
            .unwrap()
            .contains("SECRET-CLOSING")
    );
    build_with(site.path(), &["--audience", "internal"]);
    assert!(
        fs::read_to_string(site.path().join("output/ke-hoach/index.html"))
            .unwrap()
            .contains("SECRET-CLOSING")
    );
}
