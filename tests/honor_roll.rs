//! The Vietnamese-first honor roll: name order, URL collisions, listing pages.

mod common;

use std::fs;

use common::{attrs, build, edit, fixture, page, stderr, text, texts};

fn story(dir: &std::path::Path, file: &str, name: &str, date: &str, award: &str) {
    fs::write(
        dir.join("content/stories").join(file),
        format!(
            "---\nname: \"{name}\"\nheadline: \"Bài về {name}\"\nunit: \"Công ty Dệt Mẫu\"\nsector: doanh-nghiep\naward: \"{award}\"\ndate: {date}\n---\n\nNội dung về {name}.\n"
        ),
    )
    .unwrap();
}

#[test]
fn distinct_names_with_one_slug_get_stable_numbered_urls() {
    let site = fixture("minimal");
    story(
        site.path(),
        "dong-du-b.md",
        "Đông Du",
        "2024-05-01",
        "Công nhân giỏi",
    );
    story(
        site.path(),
        "dong-du-a.md",
        "Đồng Du",
        "2024-04-01",
        "Công nhân giỏi",
    );
    let output = build(site.path(), "2024-06-01");
    let warnings = stderr(&output);
    assert!(
        warnings.contains("warning: content/stories/dong-du-b.md: “Đông Du” and “Đồng Du” (content/stories/dong-du-a.md) share the URL /bang-vang/dong-du/; this story is published at /bang-vang/dong-du-2/"),
        "{warnings}"
    );
    // The earlier story keeps the plain URL.
    assert_eq!(
        text(&page(site.path(), "bang-vang/dong-du/"), ".story-name"),
        "Đồng Du"
    );
    assert_eq!(
        text(&page(site.path(), "bang-vang/dong-du-2/"), ".story-name"),
        "Đông Du"
    );

    // A third "Dong Du" added later gets -3; the first two keep their URLs.
    story(
        site.path(),
        "dong-du-c.md",
        "Đống Du",
        "2024-05-20",
        "Công nhân giỏi",
    );
    build(site.path(), "2024-06-01");
    assert_eq!(
        text(&page(site.path(), "bang-vang/dong-du/"), ".story-name"),
        "Đồng Du"
    );
    assert_eq!(
        text(&page(site.path(), "bang-vang/dong-du-2/"), ".story-name"),
        "Đông Du"
    );
    assert_eq!(
        text(&page(site.path(), "bang-vang/dong-du-3/"), ".story-name"),
        "Đống Du"
    );
}

#[test]
fn honor_roll_and_unit_pages_list_people_in_vietnamese_name_order() {
    let site = fixture("minimal");
    for (i, name) in [
        "Đỗ Văn An",
        "Lê Văn Ân",
        "Trần Thị Ánh",
        "Bùi Quốc Đạt",
        "Đặng Tiến Dũng",
        "Võ Thị Hường",
        "Nguyễn Thị Hương",
    ]
    .iter()
    .enumerate()
    {
        story(
            site.path(),
            &format!("s{i}.md"),
            name,
            &format!("2024-05-{:02}", i + 1),
            "Người tốt, việc tốt",
        );
    }
    build(site.path(), "2024-06-01");
    let honor = page(site.path(), "bang-vang/");
    assert_eq!(
        texts(&honor, "#nguoi-tot-viec-tot .card-name"),
        [
            "Đỗ Văn An",
            "Trần Thị Ánh",
            "Lê Văn Ân",
            "Trần Thị Bình",
            "Đặng Tiến Dũng",
            "Bùi Quốc Đạt",
            "Nguyễn Thị Hương",
            "Võ Thị Hường"
        ]
    );
    let unit = page(site.path(), "don-vi/cong-ty-det-mau/");
    assert_eq!(
        texts(&unit, ".card-name"),
        [
            "Đỗ Văn An",
            "Trần Thị Ánh",
            "Lê Văn Ân",
            "Đặng Tiến Dũng",
            "Bùi Quốc Đạt",
            "Nguyễn Thị Hương",
            "Võ Thị Hường"
        ]
    );
    let units = page(site.path(), "don-vi/");
    assert_eq!(
        texts(&units, ".unit-table tbody td:first-child"),
        ["Công ty Cơ khí Mẫu", "Công ty Dệt Mẫu"]
    );
}

#[test]
fn listing_pages_are_paginated_with_stable_urls() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/site.yaml",
        "title:",
        "page_size: 3\ntitle:",
    );
    for i in 0..7 {
        story(
            site.path(),
            &format!("p{i}.md"),
            &format!("Phạm Văn Tư {}", ["A", "B", "C", "D", "E", "G", "H"][i]),
            "2024-02-01",
            "Công nhân giỏi",
        );
    }
    build(site.path(), "2024-06-01");
    // 8 "Công nhân giỏi" stories (7 + Nguyễn Văn An) at 3 per page: 3 pages.
    let first = page(site.path(), "danh-hieu/cong-nhan-gioi/");
    assert_eq!(text(&first, "h1"), "Công nhân giỏi");
    assert_eq!(texts(&first, ".card").len(), 3);
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        ["../../danh-hieu/cong-nhan-gioi/trang-2/"]
    );
    let last = page(site.path(), "danh-hieu/cong-nhan-gioi/trang-3/");
    assert_eq!(texts(&last, ".card").len(), 2);
    assert_eq!(text(&last, ".pagination [aria-current=page]"), "3");
    assert!(
        !site
            .path()
            .join("output/danh-hieu/cong-nhan-gioi/trang-4")
            .exists()
    );
    // Every listing kind exists and is linked from the honor roll.
    let honor_links = attrs(&page(site.path(), "bang-vang/"), "a", "href");
    for url in [
        "danh-hieu/cong-nhan-gioi/",
        "dot/dot-1/",
        "khoi/doanh-nghiep/",
        "phong-trao/lao-dong-gioi-lao-dong-sang-tao/",
    ] {
        assert!(
            honor_links.contains(&format!("../{url}")),
            "{url} not linked from the honor roll"
        );
        assert!(
            site.path()
                .join("output")
                .join(url)
                .join("index.html")
                .exists(),
            "{url}"
        );
    }
    let broken = common::broken_links(&site.path().join("output"), "https://example.org/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn statistics_charts_are_svg_whose_bars_match_the_counts() {
    let site = fixture("bundled");
    build(site.path(), "2024-12-31");
    let stats = page(site.path(), "thong-ke/");
    assert!(
        attrs(&page(site.path(), ""), ".site-nav a", "href").contains(&"./thong-ke/".to_string()),
        "the statistics page is in the menu"
    );
    let charts = attrs(&stats, ".chart img", "src");
    assert_eq!(charts.len(), 5, "phase, award, sector, unit, month");
    for (index, src) in charts.iter().enumerate() {
        let svg = fs::read_to_string(
            site.path()
                .join("output/thong-ke")
                .join(src.trim_start_matches("../thong-ke/")),
        )
        .unwrap();
        let doc =
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{src} is not XML: {e}"));
        let bars: Vec<(String, usize, f64)> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("bar"))
            .map(|n| {
                (
                    n.attribute("data-label").unwrap().to_string(),
                    n.attribute("data-count").unwrap().parse().unwrap(),
                    n.attribute("width").unwrap().parse().unwrap(),
                )
            })
            .collect();
        // The accessible table beside the chart holds the same figures.
        let section = stats
            .select(&scraper::Selector::parse(".chart").unwrap())
            .nth(index)
            .unwrap();
        let rows: Vec<(String, usize)> = section
            .select(&scraper::Selector::parse("tbody tr").unwrap())
            .map(|tr| {
                let cells: Vec<String> = tr
                    .children()
                    .filter_map(scraper::ElementRef::wrap)
                    .map(|c| c.text().collect())
                    .collect();
                (cells[0].clone(), cells[1].parse().unwrap())
            })
            .collect();
        assert_eq!(
            bars.iter()
                .map(|(l, c, _)| (l.clone(), *c))
                .collect::<Vec<_>>(),
            rows,
            "{src}"
        );
        let max = bars.iter().map(|b| b.1).max().unwrap();
        for (label, count, width) in &bars {
            assert_eq!(
                *width,
                thidua::pipeline::charts::bar_width(*count, max),
                "{src}: {label}"
            );
        }
    }
    let by_phase = stats
        .select(&scraper::Selector::parse("#theo-dot tbody").unwrap())
        .next()
        .unwrap();
    let text: String = by_phase.text().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Đợt 1") && text.contains('7'), "{text}");
    let months: Vec<String> = texts(&stats, "#theo-thang tbody th");
    assert_eq!(months.len(), 12);
    assert_eq!(text_of_total(&stats, "#theo-thang"), "14");
}

fn text_of_total(doc: &scraper::Html, chart: &str) -> String {
    text(doc, &format!("{chart} tfoot td"))
}

/// Runs the site's real search script on its real index with Node.
fn search(dir: &std::path::Path, query: &str) -> Vec<String> {
    let harness = common::manifest_dir().join("tests/support/search_query.js");
    let output = std::process::Command::new("node")
        .arg(harness)
        .arg(dir.join("output"))
        .arg(query)
        .output()
        .expect("node is installed (.ci/run installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn search_is_diacritic_insensitive_and_ranks_names_and_exact_accents_first() {
    let site = fixture("minimal");
    story(
        site.path(),
        "a.md",
        "Lê Thị Hương",
        "2024-04-01",
        "Người tốt, việc tốt",
    );
    story(
        site.path(),
        "b.md",
        "Phạm Văn Hướng",
        "2024-04-02",
        "Công nhân giỏi",
    );
    story(
        site.path(),
        "c.md",
        "Đồng Du",
        "2024-04-03",
        "Công nhân giỏi",
    );
    story(
        site.path(),
        "d.md",
        "Ngô Văn Tâm",
        "2024-04-04",
        "Công nhân giỏi",
    );
    // A body that mentions Hương: a body match ranks below name matches.
    edit(
        site.path(),
        "content/stories/d.md",
        "Nội dung về Ngô Văn Tâm.",
        "Anh Tâm giúp đỡ chị Hương cùng tổ.",
    );
    build(site.path(), "2024-06-01");

    let huong = search(site.path(), "huong");
    assert_eq!(&huong[..2], ["Lê Thị Hương", "Phạm Văn Hướng"], "{huong:?}");
    assert_eq!(
        huong.last().map(String::as_str),
        Some("Ngô Văn Tâm"),
        "body matches come last: {huong:?}"
    );
    assert_eq!(
        search(site.path(), "Hướng")[0],
        "Phạm Văn Hướng",
        "an accented query ranks exact accents first"
    );
    assert_eq!(search(site.path(), "Hương")[0], "Lê Thị Hương");
    assert_eq!(search(site.path(), "dong du"), ["Đồng Du"]);
    assert_eq!(
        search(site.path(), "ĐỒNG DU"),
        ["Đồng Du"],
        "case-insensitive"
    );
    let award = search(site.path(), "nguoi tot viec tot");
    assert!(
        award.contains(&"Lê Thị Hương".to_string()) && award.contains(&"Trần Thị Bình".to_string()),
        "{award:?}"
    );
    assert!(!award.contains(&"Phạm Văn Hướng".to_string()), "{award:?}");
    assert_eq!(
        search(site.path(), "co khi mau"),
        ["Nguyễn Văn An", "Trần Thị Bình"],
        "unit names"
    );
    assert!(search(site.path(), "xyzzy").is_empty());
    // Every page has the search box, pointing at the search page.
    let home = page(site.path(), "");
    assert_eq!(
        attrs(&home, "form.search-form", "action"),
        ["./tim-kiem/index.html"]
    );
}

/// A JPEG whose EXIF says "rotate 90° clockwise" (orientation 6) and carries a GPS block.
fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
    let image =
        image::RgbImage::from_fn(width, height, |x, _| image::Rgb([(x * 4) as u8, 120, 200]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&image)
        .unwrap();
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 2]); // IFD0: two entries
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]); // GPS IFD at 38
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 1]); // GPS IFD: one entry
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef = "N"
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend_from_slice(&[0xFF, 0xE1]);
    jpeg.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(&app1);
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

#[test]
fn photos_are_resized_rotated_stripped_and_cached() {
    let site = fixture("minimal");
    fs::write(
        site.path().join("content/images/gps.jpg"),
        jpeg_with_exif(1000, 700),
    )
    .unwrap();
    edit(
        site.path(),
        "content/stories/tran-thi-binh.md",
        "date: 2024-09-10",
        "date: 2024-09-10\nphoto: images/gps.jpg\nphoto_alt: \"Chị Bình\"",
    );
    let cache_dir = site.path().join(".thidua-cache");
    let build = |dir: &std::path::Path, today: &str| {
        let output = common::thidua(
            dir,
            &[
                "build",
                "--today",
                today,
                "--cache-dir",
                cache_dir.to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
    };
    build(site.path(), "2024-10-01");
    let output = site.path().join("output");
    assert!(
        !output.join("images/gps.jpg").exists(),
        "the original, with its EXIF, is never published"
    );
    // Upright: the 1000×700 sensor image rotated by EXIF orientation 6 is 700×1000.
    for (file, width, height) in [
        ("gps-320.jpg", 320, 457),
        ("gps-640.jpg", 640, 914),
        ("gps-700.jpg", 700, 1000),
        ("gps-640.webp", 640, 914),
    ] {
        let bytes =
            fs::read(output.join("images").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (decoded.width(), decoded.height()),
            (width, height),
            "{file}"
        );
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{file} still has EXIF"
        );
        assert!(
            !bytes.windows(4).any(|w| w == b"MM\0\x2a"),
            "{file} still has a TIFF header"
        );
    }
    assert!(
        !output.join("images/gps-1024.jpg").exists(),
        "never upscaled"
    );

    let story = page(site.path(), "bang-vang/tran-thi-binh/");
    assert_eq!(
        attrs(&story, "picture source[type=\"image/webp\"]", "srcset"),
        [
            "../../images/gps-320.webp 320w, ../../images/gps-640.webp 640w, ../../images/gps-700.webp 700w"
        ]
    );
    assert_eq!(
        attrs(&story, "picture img", "src"),
        ["../../images/gps-700.jpg"]
    );
    assert_eq!(attrs(&story, "picture img", "width"), ["700"]);
    assert_eq!(attrs(&story, "picture img", "height"), ["1000"]);
    // The hero photo is the page's largest element: fetched first, never lazily.
    assert!(attrs(&story, "picture img", "loading").is_empty());
    assert_eq!(attrs(&story, "picture img", "fetchpriority"), ["high"]);
    assert!(
        texts(&story, ".story-photo figcaption").is_empty(),
        "the alt text is not repeated as a caption"
    );
    let card = page(site.path(), "bang-vang/");
    assert!(attrs(&card, ".card-photo", "src").contains(&"../images/gps-320.jpg".to_string()));

    // Second build: the cache is reused, nothing is re-encoded.
    let cache = site.path().join(".thidua-cache/photos");
    let stamps = |dir: &std::path::Path| -> Vec<(String, std::time::SystemTime)> {
        let mut all: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        all.sort();
        all
    };
    let before = stamps(&cache);
    assert_eq!(
        before.len(),
        (3 * 2 + 1) + (2 + 1),
        "three widths in two formats and the size manifest, and the same for the fixture's \
         40 px wide PNG (one width)"
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(site.path(), "2024-10-01");
    assert_eq!(stamps(&cache), before, "cached renditions were rewritten");
    assert!(output.join("images/gps-640.webp").exists());
}

#[test]
fn the_honor_roll_shows_each_groups_first_page_and_links_to_the_rest() {
    let site = fixture("bundled");
    let config = site.path().join("content/site.yaml");
    let settings = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{settings}page_size: 2\n")).unwrap();
    build(site.path(), "2024-12-31");
    let honor = page(site.path(), "bang-vang/");
    let listing = page(site.path(), "danh-hieu/nguoi-tot-viec-tot/");

    let group = "#nguoi-tot-viec-tot";
    let count: usize = text(&honor, &format!("{group} h3 .count"))
        .trim_matches(|c| c == '(' || c == ')')
        .parse()
        .unwrap();
    assert!(
        count > 2,
        "the bundled site has more than one page of this award"
    );
    // The group shows the listing's first page, in the same order.
    let shown = attrs(&honor, &format!("{group} .card-link"), "href");
    let first_page: Vec<String> = attrs(&listing, ".card-link", "href")
        .iter()
        .map(|href| href.replacen("../", "", 1))
        .collect();
    assert_eq!(shown, first_page);
    assert_eq!(shown.len(), 2);
    assert_eq!(
        attrs(&honor, &format!("{group} a.more"), "href"),
        ["../danh-hieu/nguoi-tot-viec-tot/"]
    );
    assert_eq!(
        text(&honor, &format!("{group} a.more")),
        format!("Xem tất cả ({count} gương)")
    );
    // Phase groups too: two names each, and a link on to the rest when there are more.
    let counts = texts(&honor, ".by-phase .group h3 .count");
    let names = texts(&honor, ".by-phase .compact-list li");
    let more = texts(&honor, ".by-phase a.more");
    assert_eq!(names.len(), 2 * counts.len(), "{names:?}");
    assert_eq!(more.len(), counts.len());
}

fn webp_photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, _| {
        image::Rgba([(x * 4) as u8, 120, 200, 255])
    });
    webp::Encoder::from_rgba(image.as_raw(), width, height)
        .encode_simple(false, 80.0)
        .unwrap()
        .to_vec()
}

#[test]
fn a_webp_photo_is_published_once_per_width() {
    let site = fixture("minimal");
    fs::write(
        site.path().join("content/images/anh.webp"),
        webp_photo(500, 400),
    )
    .unwrap();
    edit(
        site.path(),
        "content/stories/tran-thi-binh.md",
        "date: 2024-09-10",
        "date: 2024-09-10\nphoto: images/anh.webp\nphoto_alt: \"Chị Bình\"",
    );
    let output = build(site.path(), "2024-10-01");
    assert!(output.status.success(), "{}", stderr(&output));
    for width in [320, 500] {
        let copy = site.path().join(format!("output/images/anh-{width}.webp"));
        let size = image::image_dimensions(&copy).unwrap();
        assert_eq!(size.0, width, "{}", copy.display());
    }
    assert!(!site.path().join("output/images/anh-640.webp").exists());
}

#[test]
fn a_sector_listing_url_is_a_slug_of_the_sector_id() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/plan.yaml",
        "id: doanh-nghiep",
        "id: DN",
    );
    for story in ["nguyen-van-an.md", "tran-thi-binh.md"] {
        edit(
            site.path(),
            &format!("content/stories/{story}"),
            "sector: doanh-nghiep",
            "sector: DN",
        );
    }
    let output = build(site.path(), "2024-10-01");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("output/khoi/dn/index.html").exists());
}
