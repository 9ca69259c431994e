//! Hostile content: the usual XSS payloads go through every text field of the plan, the site
//! config and story front matter, and through a story's Markdown body. The whole output is then
//! scanned with an HTML parser: nothing may run, and text from YAML must still read as written.

mod common;

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use common::{attrs, build, fixture, manifest_dir, page, snapshot, text, texts};

/// One string holding the usual payloads; every YAML text field gets it (after a field label).
const PAYLOAD: &str = concat!(
    r#"<script>alert(1)</script> "><img src=x onerror=alert(1)> "#,
    r#"' onmouseover='alert(1) <svg onload=alert(1)> <iframe src="https://evil.example/"></iframe> "#,
    r#"<a href="JaVaScRiPt:alert(1)">a</a> [b](javascript:alert(1)) "#,
    r#"[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <javascript:alert(1)> "#,
    r#"![d](javascript:alert(1)) {{ 7*7 }} &amp; &lt;b&gt;"#,
);

/// Raw HTML and links a story body may try.
const BODY: &str = r##"
Đoạn mở đầu <script>alert(1)</script> có <b onclick="alert(1)">chữ đậm</b>.

<script>alert(2)</script>

<img src=x onerror=alert(3)>

<svg onload=alert(4)><circle r="1"/></svg>

<iframe src="https://evil.example/"></iframe>

<iframe srcdoc="<script>alert(5)</script>"></iframe>

<a href="JaVaScRiPt:alert(6)">hoa thường lẫn lộn</a>
<a href="java&#x09;script:alert(7)">tab trong scheme</a>
<a href="&#106;avascript:alert(8)">thực thể</a>
<a href=" javascript:alert(9)">khoảng trắng</a>

[liên kết](javascript:alert(10)) [dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<javascript:alert(11)> ![ảnh](javascript:alert(12)) ![ảnh svg](data:image/svg+xml,<svg onload=alert(13)>)

<form action="javascript:alert(14)"><button formaction="javascript:alert(15)">gửi</button></form>
<object data="javascript:alert(16)"></object><embed src="javascript:alert(17)">
<meta http-equiv="refresh" content="0;url=javascript:alert(18)">
<base href="javascript:alert(19)//">
<style>body{background:url(javascript:alert(20))}</style>
<div style="background:url(javascript:alert(21))">kiểu</div>
<math><mtext><table><mglyph><style><img src=x onerror=alert(22)></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x onerror=alert(23)>"></noscript>
<a href="#" onmouseover="alert(24)">di chuột</a> <details open ontoggle=alert(25)>x</details>

Đoạn cuối [an toàn](https://example.org/a) và [tương đối](../../don-vi/).
"##;

fn yaml_string(label: &str) -> String {
    serde_json::to_string(&format!("{label} {PAYLOAD}")).unwrap()
}

/// `text` escaped for a double-quoted YAML string (a JSON string is one), without the quotes.
fn in_yaml_quotes(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

/// The minimal fixture with every text field of the plan (from the `hostile` fixture), the
/// config and the stories replaced by payloads.
fn hostile_site() -> tempfile::TempDir {
    let site = fixture("minimal");
    let root = site.path();
    let plan = fs::read_to_string(manifest_dir().join("tests/fixtures/hostile/content/plan.yaml"))
        .unwrap()
        .replace("@@", &in_yaml_quotes(PAYLOAD));
    fs::write(root.join("content/plan.yaml"), plan).unwrap();
    fs::write(
        root.join("content/site.yaml"),
        format!(
            "title: {}\ndescription: {}\nbase_url: \"https://example.org/\"\n",
            yaml_string("Trang"),
            yaml_string("Mô tả trang")
        ),
    )
    .unwrap();

    // A photo whose file name itself tries to break out of the src attribute.
    let photo = r#"images/x" onerror="alert(1).png"#;
    fs::copy(
        root.join("content/images/an.png"),
        root.join("content").join(photo),
    )
    .unwrap();
    let story = format!(
        "---\nname: {name}\nheadline: {headline}\nunit: {unit}\nsector: doanh-nghiep\naward: {award}\n\
         movement: {movement}\ndate: 2024-03-05\nphoto: {photo}\nphoto_alt: {alt}\nsummary: {summary}\n---\n{BODY}",
        name = yaml_string("An"),
        headline = yaml_string("Tít"),
        unit = yaml_string("Đơn vị"),
        award = yaml_string("Danh hiệu"),
        movement = yaml_string("Phong trào con"),
        photo = serde_json::to_string(photo).unwrap(),
        alt = yaml_string("Ảnh"),
        summary = yaml_string("Tóm tắt"),
    );
    fs::write(root.join("content/stories/nguyen-van-an.md"), story).unwrap();
    // A story without a summary: its summary comes from the hostile first paragraph.
    let story = fs::read_to_string(root.join("content/stories/tran-thi-binh.md"))
        .unwrap()
        .replace("Chị Bình trả lại chiếc ví cho người đánh mất.", BODY);
    fs::write(root.join("content/stories/tran-thi-binh.md"), story).unwrap();
    site
}

#[test]
fn nothing_from_content_can_run_in_the_output() {
    let site = hostile_site();
    build(site.path(), "2024-03-01");
    assert_nothing_runs_in(&site.path().join("output"));
}

/// Markdown alone, without raw HTML, that tries to put attributes or unsafe URLs into a page;
/// each is the body of its own story, so that no other part sends it through the sanitizer.
const MARKDOWN_ONLY: &[&str] = &[
    "## Hai {onmouseover=alert(1)}",
    "# Một {#x .y onclick=\"alert(1)\" style=\"background:url(javascript:alert(2))\"}",
    "Tiêu đề gạch dưới {onfocus=alert(3) autofocus}\n===",
    "[tiêu đề](https://example.org/ \"t\\\" onmouseover=\\\"alert(4)\")",
    "![ảnh](x.jpg \"\\\" onerror=alert(5) \")",
    "[tham chiếu][r]\n\n[r]: javascript:alert(6)",
    "<javascript:alert(7)> <https://example.org/\"onclick=alert(8)>",
    "```\"><img src=x onerror=alert(9)>\nmã\n```",
    "| cột {onclick=alert(10)} |\n|:-:|\n| [b](vbscript:alert(11)) |",
    "- [ ] việc {onclick=alert(12)}\n\n> ## Trích {onclick=alert(13)}",
];

#[test]
fn markdown_without_html_cannot_add_attributes_anywhere() {
    let site = fixture("minimal");
    let root = site.path();
    let stories = root.join("content/stories");
    let template = fs::read_to_string(stories.join("tran-thi-binh.md")).unwrap();
    for (index, body) in MARKDOWN_ONLY.iter().enumerate() {
        let story = template
            .replace("Trần Thị Bình", &format!("Trần Thị Bình {index}"))
            .replace("Chị Bình trả lại chiếc ví cho người đánh mất.", body);
        fs::write(stories.join(format!("binh-{index}.md")), story).unwrap();
    }
    build(root, "2024-12-31");
    assert_nothing_runs_in(&root.join("output"));
    let page = page(root, "bang-vang/tran-thi-binh-0/");
    assert_eq!(
        texts(&page, ".story-body h2"),
        ["Hai {onmouseover=alert(1)}"]
    );
    // The internal edition, with its bulletins and their e-mail version, renders the same bodies.
    let output = common::thidua(
        root,
        &[
            "build",
            "--today",
            "2024-12-31",
            "--audience",
            "internal",
            "--output",
            "output-internal",
        ],
    );
    assert!(output.status.success(), "{}", common::stderr(&output));
    let internal = root.join("output-internal");
    let emails = snapshot(&internal)
        .into_iter()
        .filter(|(path, bytes)| {
            path.ends_with("email.html")
                && String::from_utf8_lossy(bytes).contains("Hai {onmouseover")
        })
        .count();
    assert!(emails > 0, "no bulletin e-mail carries the story");
    assert_nothing_runs_in(&internal);
}

/// Every page and feed under `output` is scanned: no script but the theme's, no event handler,
/// no unsafe URL, and HTML carried inside a feed is itself harmless.
fn assert_nothing_runs_in(output: &Path) {
    let mut pages = 0;
    for (path, bytes) in snapshot(output) {
        let name = path.to_string_lossy().to_string();
        if name.ends_with(".html") {
            pages += 1;
            let html = String::from_utf8(bytes).unwrap();
            assert_nothing_runs(&name, &Html::parse_document(&html), Frames::Refused);
        } else if name.ends_with(".xml") {
            // Feeds and the sitemap: payload text may only appear escaped as text; no markup
            // element may come from content, and HTML carried inside a feed (Atom content,
            // RSS description) must itself be harmless once a reader unescapes it.
            let text = String::from_utf8(bytes).unwrap();
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
            for node in doc.descendants().filter(|n| n.is_element()) {
                let tag = node.tag_name().name();
                assert!(
                    !["script", "img", "svg", "iframe", "a", "object"].contains(&tag),
                    "{name}: a <{tag}> element"
                );
                // Atom <content type="html"> and RSS <description> are HTML to feed readers;
                // Atom <summary> without a type is plain text.
                let is_html = (tag == "content" && node.attribute("type") == Some("html"))
                    || tag == "description";
                if is_html {
                    let html = node.text().unwrap_or("");
                    let fragment = Html::parse_fragment(html);
                    assert_nothing_runs(&format!("{name} <{tag}>"), &fragment, Frames::Refused);
                }
            }
        }
    }
    assert!(pages >= 10, "only {pages} pages were built");
}

/// The theme's own scripts: `assets/thidua.js` and `assets/search.js`, with or without the
/// content hash the build puts in their names, from this site (a relative or root path).
fn is_theme_script(src: &str) -> bool {
    if src.contains("://") || src.starts_with("//") {
        return false;
    }
    let name = src.rsplit('/').next().unwrap_or("");
    let parent = src.trim_end_matches(name);
    let Some(stem) = name.strip_suffix(".js") else {
        return false;
    };
    let base = match stem.rsplit_once('.') {
        Some((base, hash)) if hash.len() == 10 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            base
        }
        _ => stem,
    };
    parent.ends_with("assets/") && matches!(base, "thidua" | "search")
}

/// The theme's UI strings for its scripts: an inert JSON data block (never run), holding
/// only strings.
fn is_theme_strings(element: &scraper::ElementRef) -> bool {
    element.value().attr("type") == Some("application/json")
        && element.value().attr("id") == Some("thidua-i18n")
        && element.value().attr("src").is_none()
        && serde_json::from_str::<std::collections::BTreeMap<String, String>>(
            &element.text().collect::<String>(),
        )
        .is_ok()
}

#[derive(PartialEq)]
enum Frames {
    Refused,
    /// The site allows some origins; which frames are kept is checked separately.
    Allowed,
}

/// The page has no script but the theme's own, no event handler, no frame (unless allowed), and
/// no link, source or form target with a scheme that runs code.
fn assert_nothing_runs(name: &str, doc: &Html, frames: Frames) {
    let all = Selector::parse("*").unwrap();
    for element in doc.select(&all) {
        let tag = element.value().name();
        let markup = || element.html().chars().take(200).collect::<String>();
        match tag {
            "script" => assert!(
                (element.value().attr("src").is_some_and(is_theme_script)
                    && element.inner_html().trim().is_empty())
                    || is_theme_strings(&element),
                "{name}: a script that is not the theme's: {}",
                markup()
            ),
            "iframe" if frames == Frames::Allowed => {}
            // The theme's own search box: a GET form to the site's search page.
            "form"
                if element.value().attr("role") == Some("search")
                    && element.value().attr("action").is_some_and(|a| {
                        !a.contains("://") && a.ends_with("tim-kiem/index.html")
                    }) => {}
            // The theme's own styles in the head (the bulletin's e-mail edition has them inline).
            "style"
                if element
                    .parent()
                    .and_then(scraper::ElementRef::wrap)
                    .is_some_and(|parent| parent.value().name() == "head") => {}
            "iframe" | "frame" | "object" | "embed" | "base" | "form" | "style" => {
                panic!("{name}: a <{tag}> element: {}", markup())
            }
            "meta" => assert!(
                element.value().attr("http-equiv").is_none(),
                "{name}: {}",
                markup()
            ),
            _ => {}
        }
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.to_ascii_lowercase().starts_with("on"),
                "{name}: an event handler: {}",
                markup()
            );
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                attribute,
                "href" | "src" | "action" | "formaction" | "data" | "srcset" | "xlink:href"
            ) {
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(
                        !squeezed.starts_with(scheme),
                        "{name}: a {scheme} URL: {}",
                        markup()
                    );
                }
            }
            if attribute == "style" || attribute == "srcdoc" {
                assert!(
                    !squeezed.contains("javascript") && !squeezed.contains("expression("),
                    "{name}: {}",
                    markup()
                );
            }
        }
    }
}

#[test]
fn text_from_yaml_reads_exactly_as_written() {
    let site = hostile_site();
    build(site.path(), "2024-03-01");
    let root = site.path();
    let written = |label: &str| format!("{label} {PAYLOAD}");

    let story = page(root, &story_url(root));
    assert_eq!(text(&story, ".story-header h1"), squeeze(&written("Tít")));
    assert_eq!(text(&story, ".story-name"), squeeze(&written("An")));
    assert_eq!(text(&story, ".story-unit"), squeeze(&written("Đơn vị")));
    assert_eq!(text(&story, ".story-summary"), squeeze(&written("Tóm tắt")));
    assert_eq!(attrs(&story, ".story-photo img", "alt"), [written("Ảnh")]);
    assert_eq!(
        attrs(&story, ".story-photo img", "src"),
        [r#"../../images/x" onerror="alert(1)-40.png"#]
    );
    let meta = text(&story, ".story-meta");
    assert!(
        meta.contains(&squeeze(&written("Phong trào con"))),
        "{meta}"
    );
    let description = attrs(&story, "meta[name=description]", "content");
    assert_eq!(description, [written("Tóm tắt")]);
    let title = text(&story, "title");
    assert!(title.ends_with(&squeeze(&written("Trang"))), "{title}");

    // Plan text is inline Markdown: raw HTML stays text, links lose unsafe targets.
    let plan = page(root, "ke-hoach/");
    let plan_text = texts(&plan, "main").join(" ");
    for label in ["Tiêu đề", "Căn cứ", "Bối cảnh", "Mục", "Chủ đề đợt", "Kết"]
    {
        let visible = format!("{label} <script>alert(1)</script> \"><img src=x onerror=alert(1)>");
        assert!(
            plan_text.contains(&visible),
            "{label} missing from {plan_text}"
        );
    }
    for label in ["Người ký", "Chức vụ", "Nơi nhận", "Đợt một"] {
        assert!(
            plan_text.contains(&squeeze(&written(label))),
            "{label} missing from {plan_text}"
        );
    }
}

#[test]
fn the_markdown_body_keeps_its_text_and_safe_links() {
    let site = hostile_site();
    build(site.path(), "2024-03-01");
    let story = page(site.path(), &story_url(site.path()));
    let body = texts(&story, ".story-body").join(" ");
    assert!(body.starts_with("Đoạn mở đầu"), "{body}");
    assert!(body.contains("chữ đậm"), "{body}");
    assert!(body.contains("Đoạn cuối an toàn và tương đối"), "{body}");
    let links = attrs(&story, ".story-body a", "href");
    assert!(
        links.contains(&"https://example.org/a".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"../../don-vi/".to_string()), "{links:?}");
}

/// The hostile story's page, found on the honor roll (its slug comes from the payload).
fn story_url(root: &Path) -> String {
    let roll = page(root, "bang-vang/");
    let urls: Vec<String> = attrs(&roll, "a", "href")
        .into_iter()
        .filter_map(|href| href.strip_prefix("../bang-vang/an-").map(str::to_string))
        .collect();
    assert!(
        !urls.is_empty() && urls.iter().all(|u| *u == urls[0]),
        "{urls:?}"
    );
    format!("bang-vang/an-{}", urls[0])
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn frames_are_kept_only_from_origins_the_site_allows() {
    let site = fixture("minimal");
    let root = site.path();
    let story = root.join("content/stories/tran-thi-binh.md");
    let embeds = concat!(
        "\n\n<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" width=\"560\" onload=\"alert(1)\"></iframe>\n\n",
        "<iframe src=\"https://www.youtube-nocookie.com.evil.example/\"></iframe>\n",
    );
    let mut source = fs::read_to_string(&story).unwrap();
    source.push_str(embeds);
    fs::write(&story, &source).unwrap();

    // By default every frame is removed, with a warning.
    let output = build(root, "2024-03-01");
    let warnings = common::stderr(&output);
    assert_eq!(
        warnings
            .matches("warning: content/stories/tran-thi-binh.md: an embedded frame (<iframe>) was removed")
            .count(),
        2,
        "{warnings}"
    );
    let doc = page(root, "bang-vang/tran-thi-binh/");
    assert!(attrs(&doc, "iframe", "src").is_empty());

    let config = root.join("content/site.yaml");
    let mut settings = fs::read_to_string(&config).unwrap();
    settings.push_str("allow_iframes_from: [\"https://www.youtube-nocookie.com/\"]\n");
    fs::write(&config, settings).unwrap();
    let output = build(root, "2024-03-01");
    let warnings = common::stderr(&output);
    assert!(
        warnings.contains("an embedded frame (<iframe>) from “https://www.youtube-nocookie.com.evil.example/” was removed"),
        "{warnings}"
    );
    let doc = page(root, "bang-vang/tran-thi-binh/");
    assert_eq!(
        attrs(&doc, "iframe[src]", "src"),
        ["https://www.youtube-nocookie.com/embed/abc"]
    );
    assert_nothing_runs("bang-vang/tran-thi-binh/", &doc, Frames::Allowed);
}

#[test]
fn a_frame_origin_must_be_an_origin() {
    let site = fixture("minimal");
    let config = site.path().join("content/site.yaml");
    let mut settings = fs::read_to_string(&config).unwrap();
    settings.push_str("allow_iframes_from: [\"https://www.youtube.com/embed\"]\n");
    fs::write(&config, settings).unwrap();
    let output = common::thidua(site.path(), &["build", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        common::stderr(&output).contains("error: content/site.yaml:3: allow_iframes_from: “https://www.youtube.com/embed” is not an origin"),
        "{}",
        common::stderr(&output)
    );
}
