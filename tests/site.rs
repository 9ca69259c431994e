//! End-to-end tests over fixture sites: build with a fixed --today, then read the HTML.

mod common;

use std::fs;

use common::{attrs, build, fixture, page, snapshot, text, texts, thidua};

#[test]
fn bundled_site_on_1_march_2024_shows_phase_1_active_and_countdowns() {
    let site = fixture("bundled");
    build(site.path(), "2024-03-01");

    let home = page(site.path(), "");
    assert_eq!(text(&home, ".phase-now:not([hidden]) h3"), "Đợt 1");
    // 1 March is day 61 of the 213 days from 1 January to 31 July 2024.
    assert_eq!(
        text(&home, ".phase-now:not([hidden]) .phase-percent"),
        "28,6%"
    );
    assert_eq!(
        attrs(&home, ".phase-now:not([hidden]) progress", "value"),
        ["28.6"]
    );
    assert_eq!(
        text(&home, ".anniversary-next:not([hidden]) h3"),
        "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"
    );
    assert_eq!(
        text(&home, ".anniversary-next:not([hidden]) .countdown"),
        "còn 67 ngày"
    );
    assert_eq!(texts(&home, ".theme-list li").len(), 4);

    let anniversaries = page(site.path(), "ky-niem/");
    assert_eq!(
        text(&anniversaries, "#thanh-lap-cong-doan h2"),
        "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam"
    );
    assert_eq!(
        text(&anniversaries, "#thanh-lap-cong-doan .ordinal"),
        "95 năm"
    );
    // 1 March → 28 July 2024: 30 + 30 + 31 + 30 + 28 = 149 days.
    assert_eq!(
        text(&anniversaries, "#thanh-lap-cong-doan .countdown"),
        "còn 149 ngày"
    );
    assert_eq!(
        attrs(
            &anniversaries,
            "#thanh-lap-cong-doan .countdown",
            "data-target"
        ),
        ["2024-07-28"]
    );
    assert_eq!(
        text(&anniversaries, "#thanh-lap-dang .countdown"),
        "đã qua 27 ngày"
    );
    assert_eq!(
        text(&anniversaries, "#sinh-nhat-bac-ho .ordinal"),
        "134 năm"
    );
    assert_eq!(
        text(&anniversaries, "#giai-phong-thu-do .ordinal"),
        "70 năm"
    );
    assert_eq!(text(&anniversaries, "#thanh-lap-qdnd .ordinal"), "80 năm");
    assert_eq!(text(&anniversaries, "#quoc-khanh .ordinal"), "79 năm");
    // Tết is a lunar day (1/1): its solar date in 2024 is computed and both are shown.
    assert_eq!(
        attrs(&anniversaries, "#tet-giap-thin time", "datetime"),
        ["2024-02-10"]
    );
    assert_eq!(
        text(&anniversaries, "#tet-giap-thin .lunar"),
        "mùng 1 Tết Giáp Thìn"
    );
    assert_eq!(
        text(&anniversaries, "#tet-giap-thin .countdown"),
        "đã qua 20 ngày"
    );
    // Seven solar anniversaries from the plan and Tết.
    assert_eq!(texts(&anniversaries, ".anniversary").len(), 8);

    let timeline = page(site.path(), "tien-do/");
    assert_eq!(text(&timeline, "#dot-1 .phase-status"), "Đang diễn ra");
    assert_eq!(text(&timeline, "#dot-2 .phase-status"), "Sắp diễn ra");
    assert_eq!(texts(&timeline, ".timeline .band").len(), 2);
    assert_eq!(texts(&timeline, ".timeline .tick").len(), 12);
    assert_eq!(texts(&timeline, ".timeline .marker").len(), 8);
    assert!(
        attrs(&timeline, ".today-marker", "hidden").is_empty(),
        "today is inside the campaign"
    );
}

#[test]
fn lunar_anniversaries_count_down_to_their_solar_date_and_may_have_an_ordinal() {
    let site = fixture("minimal");
    common::edit(
        site.path(),
        "content/plan.yaml",
        "awards:",
        "  - id: gio-to\n    name: \"Giỗ Tổ Hùng Vương\"\n    lunar: \"10/03\"\n    phase: dot-1\n  \
         - id: truyen-thong\n    name: \"Ngày truyền thống Công ty\"\n    lunar: \"08-15\"\n    \
         origin_year: 2004\n    ordinal: 20\nawards:",
    );
    build(site.path(), "2024-03-01");
    let anniversaries = page(site.path(), "ky-niem/");
    assert_eq!(
        attrs(&anniversaries, "#gio-to time", "datetime"),
        ["2024-04-18"]
    );
    assert_eq!(
        text(&anniversaries, "#gio-to .lunar"),
        "mùng 10 tháng 3 năm Giáp Thìn"
    );
    // 1 March → 18 April 2024: 30 + 18 days.
    assert_eq!(text(&anniversaries, "#gio-to .countdown"), "còn 48 ngày");
    assert_eq!(
        text(&anniversaries, "#truyen-thong h2"),
        "Kỷ niệm 20 năm Ngày truyền thống Công ty"
    );
    assert_eq!(
        attrs(&anniversaries, "#truyen-thong time", "datetime"),
        ["2024-09-17"]
    );
    assert_eq!(
        text(&anniversaries, "#truyen-thong .lunar"),
        "rằm tháng 8 năm Giáp Thìn"
    );
}

#[test]
fn bundled_site_on_15_august_2024_shows_phase_2_active() {
    let site = fixture("bundled");
    build(site.path(), "2024-08-15");
    let timeline = page(site.path(), "tien-do/");
    assert_eq!(text(&timeline, "#dot-1 .phase-status"), "Đã kết thúc");
    assert_eq!(text(&timeline, "#dot-1 .phase-percent"), "100%");
    assert_eq!(text(&timeline, "#dot-2 .phase-status"), "Đang diễn ra");
    // 15 August is day 15 of the 153 days from 1 August to 31 December.
    assert_eq!(text(&timeline, "#dot-2 .phase-percent"), "9,8%");
    let home = page(site.path(), "");
    assert_eq!(text(&home, ".phase-now:not([hidden]) h3"), "Đợt 2");
    assert_eq!(
        text(&home, ".anniversary-next:not([hidden]) h3"),
        "Kỷ niệm 79 năm Cách mạng tháng Tám và Quốc khánh nước CHXHCN Việt Nam"
    );
    assert_eq!(
        text(&home, ".anniversary-next:not([hidden]) .countdown"),
        "còn 18 ngày"
    );
}

#[test]
fn every_story_is_on_the_honor_roll_its_unit_page_and_its_own_page() {
    let site = fixture("bundled");
    build(site.path(), "2024-12-31");
    let honor_roll = page(site.path(), "bang-vang/");
    let honor_links = attrs(&honor_roll, "a", "href");
    let mut stories = 0;
    for entry in fs::read_dir(site.path().join("content/stories")).unwrap() {
        let path = entry.unwrap().path();
        let source = fs::read_to_string(&path).unwrap();
        let name = source
            .lines()
            .find_map(|line| line.strip_prefix("name: "))
            .map(|name| name.trim().trim_matches('"').to_string())
            .unwrap();
        let slug = thidua::text::slugify(&name);
        stories += 1;

        let story_page = page(site.path(), &format!("bang-vang/{slug}/"));
        assert_eq!(text(&story_page, ".story-name"), name);
        assert!(
            honor_links.contains(&format!("../bang-vang/{slug}/")),
            "{name} is missing from the honor roll"
        );

        let unit_href = attrs(&story_page, "a.story-unit", "href").remove(0);
        let unit_url = unit_href.trim_start_matches("../../");
        let unit_page = page(site.path(), unit_url);
        assert!(
            attrs(&unit_page, ".card-link", "href").contains(&format!("../../bang-vang/{slug}/")),
            "{name} is missing from {unit_url}"
        );
    }
    assert!(stories >= 12);

    let award_counts: usize = texts(&honor_roll, ".by-award .group > h3 .count")
        .iter()
        .map(|c| c.trim_matches(['(', ')']).parse::<usize>().unwrap())
        .sum();
    assert_eq!(award_counts, stories);
    assert_eq!(texts(&honor_roll, ".by-award .card").len(), stories);
    assert_eq!(
        texts(&honor_roll, ".by-phase .compact-list li").len(),
        stories
    );
    assert_eq!(
        text(&honor_roll, "#dot-dot-1 h3"),
        format!("Đợt 1 ({})", texts(&honor_roll, "#dot-dot-1 li").len())
    );

    let units = page(site.path(), "don-vi/");
    let unit_total: usize = texts(&units, ".unit-table td.num")
        .iter()
        .map(|c| c.parse::<usize>().unwrap())
        .sum();
    assert_eq!(unit_total, stories);
    assert!(
        texts(&units, ".unit-table td.num")
            .iter()
            .filter(|c| c.as_str() != "1")
            .count()
            >= 3
    );
}

#[test]
fn plan_page_reproduces_the_seed_document() {
    let site = fixture("bundled");
    build(site.path(), "2024-03-01");
    let plan = page(site.path(), "ke-hoach/");
    assert_eq!(text(&plan, ".doc-number"), "Số: 46/KH-LĐLĐ");
    assert_eq!(
        text(&plan, ".doc-place-date"),
        "Long Biên, ngày 29 tháng 12 năm 2023"
    );
    assert_eq!(text(&plan, ".doc-kind"), "KẾ HOẠCH");
    let numbers = texts(&plan, "#noi-dung-thi-dua .doc-item-number");
    let expected: Vec<String> = (1..=8)
        .map(|i| format!("1.{i}."))
        .chain((1..=9).map(|i| format!("2.{i}.")))
        .collect();
    assert_eq!(numbers, expected);
    assert_eq!(text(&plan, ".doc-signer-name"), "Nguyễn Trường Giang");
    assert_eq!(texts(&plan, ".doc-recipients li").len(), 4);
    let phases = texts(&plan, ".doc-phases > li");
    assert!(
        phases[0].starts_with("Đợt 1: Từ tháng 01/01/2024 đến 31/7/2024"),
        "{}",
        phases[0]
    );
    assert!(phases[1].contains(
        "kỷ niệm 80 năm ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)"
    ));
    assert!(
        attrs(&plan, "a", "href")
            .iter()
            .any(|h| h == "mailto:ldldlongbien@gmail.com")
    );
    let body = texts(&plan, ".official-document").join(" ");
    for quoted in [
        "“Lao động giỏi, lao động sáng tạo”",
        "“Tham mưu giỏi, phục vụ tốt”",
        "ldldlongbien@gmail.com",
    ] {
        assert!(body.contains(quoted), "plan page lacks {quoted}");
    }
}

#[test]
fn school_year_fixture_with_three_overlapping_phases_across_two_years() {
    let site = fixture("school-year");
    let output = build(site.path(), "2025-11-15");
    let warnings = common::stderr(&output);
    assert!(
        warnings.contains("phases “Đợt I” and “Đợt II” overlap"),
        "{warnings}"
    );
    assert!(
        warnings.contains("phases “Đợt II” và")
            || warnings.contains("phases “Đợt II” and “Giai đoạn 3” overlap")
    );

    let timeline = page(site.path(), "tien-do/");
    assert_eq!(text(&timeline, "#dot-i .phase-status"), "Đang diễn ra");
    assert_eq!(text(&timeline, "#dot-ii .phase-status"), "Đang diễn ra");
    assert_eq!(text(&timeline, "#giai-doan-3 .phase-status"), "Sắp diễn ra");
    assert!(text(&timeline, "#dot-i .phase-dates").starts_with("Từ khi phát động (05/09/2025)"));
    // Overlapping phases sit in separate rows of the timeline.
    let lanes: Vec<String> = attrs(&timeline, ".band", "style");
    assert!(
        lanes[0].contains("--lane: 0")
            && lanes[1].contains("--lane: 1")
            && lanes[2].contains("--lane: 0"),
        "{lanes:?}"
    );
    let ticks = texts(&timeline, ".tick");
    assert_eq!(ticks.first().map(String::as_str), Some("9/25"));
    assert_eq!(ticks.last().map(String::as_str), Some("5/26"));

    let anniversaries = page(site.path(), "ky-niem/");
    assert_eq!(
        text(
            &anniversaries,
            "#cach-mang-thang-tam-va-quoc-khanh .ordinal"
        ),
        "80 năm"
    );
    assert_eq!(
        text(
            &anniversaries,
            "#cach-mang-thang-tam-va-quoc-khanh .countdown"
        ),
        "đã qua 74 ngày"
    );
    assert_eq!(
        text(
            &anniversaries,
            "#ngay-thanh-lap-truong-thpt-hoa-phuong .ordinal"
        ),
        "59 năm"
    );
    assert_eq!(
        text(&anniversaries, "#ngay-nha-giao-viet-nam h2"),
        "Ngày Nhà giáo Việt Nam"
    );
    assert!(
        texts(&anniversaries, "#ngay-nha-giao-viet-nam .ordinal").is_empty(),
        "a yearly day has no ordinal"
    );
    assert_eq!(
        text(&anniversaries, "#ngay-nha-giao-viet-nam .countdown"),
        "còn 5 ngày"
    );
    assert_eq!(
        text(
            &anniversaries,
            "#ngay-thanh-lap-dang-cong-san-viet-nam .ordinal"
        ),
        "96 năm"
    );
    assert_eq!(
        attrs(&anniversaries, "#ngay-quoc-te-lao-dong time", "datetime"),
        ["2026-05-01"]
    );
    // Across the new year: 15/11/2025 → 03/02/2026 is 80 days.
    assert_eq!(
        text(
            &anniversaries,
            "#ngay-thanh-lap-dang-cong-san-viet-nam .countdown"
        ),
        "còn 80 ngày"
    );

    // A story in the overlap of Đợt I and Đợt II belongs to the later phase.
    let story = page(site.path(), "bang-vang/do-minh-quan/");
    assert!(text(&story, ".story-header .eyebrow").ends_with("Đợt II"));
}

#[test]
fn builds_are_deterministic() {
    let site = fixture("bundled");
    build(site.path(), "2024-05-01");
    let first = snapshot(&site.path().join("output"));
    build(site.path(), "2024-05-01");
    assert!(
        first == snapshot(&site.path().join("output")),
        "two builds differ"
    );
}

#[test]
fn a_site_without_themes_uses_the_built_in_theme_and_a_site_theme_overrides_it() {
    let site = fixture("minimal");
    assert!(!site.path().join("themes").exists());
    build(site.path(), "2024-03-01");
    let home = page(site.path(), "");
    let stylesheet = attrs(&home, "link[rel=stylesheet]", "href").remove(0);
    assert!(
        stylesheet.starts_with("./assets/style.") && stylesheet.ends_with(".css"),
        "{stylesheet}"
    );
    assert!(site.path().join("output").join(&stylesheet).exists());
    assert_eq!(
        text(&page(site.path(), "404.html"), "h1"),
        "Không tìm thấy trang"
    );

    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Trang riêng của đơn vị</h1>{% endblock content %}",
    )
    .unwrap();
    build(site.path(), "2024-03-01");
    assert_eq!(
        text(&page(site.path(), "404.html"), "h1"),
        "Trang riêng của đơn vị"
    );
    // Other templates still come from the built-in theme.
    assert_eq!(
        text(
            &page(site.path(), "bang-vang/nguyen-van-an/"),
            ".story-name"
        ),
        "Nguyễn Văn An"
    );
}

#[test]
fn front_matter_text_is_html_escaped() {
    let site = fixture("minimal");
    let story = site.path().join("content/stories/tran-thi-binh.md");
    let source = fs::read_to_string(&story).unwrap().replace(
        "headline: \"Nhặt được của rơi trả người đánh mất\"",
        "headline: \"<script>alert('x')</script> & <b>đậm</b>\"",
    );
    fs::write(&story, source).unwrap();
    build(site.path(), "2024-03-01");
    let html = fs::read_to_string(
        site.path()
            .join("output/bang-vang/tran-thi-binh/index.html"),
    )
    .unwrap();
    assert!(!html.contains("<script>alert"), "raw script tag in output");
    assert!(!html.contains("<b>đậm</b>"));
    let doc = page(site.path(), "bang-vang/tran-thi-binh/");
    assert_eq!(
        text(&doc, ".story-header h1"),
        "<script>alert('x')</script> & <b>đậm</b>"
    );
}

#[test]
fn photos_are_copied_and_links_resolve() {
    let site = fixture("minimal");
    build(site.path(), "2024-03-01");
    let output = site.path().join("output");
    // Photos are re-encoded into renditions named after the source with their width.
    let renditions: Vec<String> = std::fs::read_dir(output.join("images"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("an-") && name.ends_with(".png"))
        .collect();
    assert!(!renditions.is_empty(), "no rendition of images/an.png");
    let broken = common::broken_links(&output, "https://example.org/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn version_and_help_work() {
    let site = fixture("minimal");
    let output = thidua(site.path(), &["--version"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("thidua "));
    let output = thidua(site.path(), &["build", "--help"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("--today"));
}
