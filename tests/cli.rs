//! The commands that start and keep a campaign site: `init`, `new story`, `check`, shell
//! completions, and the conventions every command follows (help, version, quiet, colour,
//! exit codes).

mod common;

use std::fs;
use std::path::Path;

use common::{
    attrs, broken_links, build, empty_dir, fixture, page, snapshot, stderr, stdout, text, thidua,
    thidua_env,
};

/// `thidua init <name> ARGS` inside `parent`; panics with the output if it fails.
fn init(parent: &Path, name: &str, args: &[&str]) {
    let mut all = vec!["init", name];
    all.extend_from_slice(args);
    let output = thidua(parent, &all);
    assert!(
        output.status.success(),
        "init failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
}

fn front_matter(path: &Path) -> serde_json::Value {
    let source = fs::read_to_string(path).unwrap();
    let yaml = source
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(yaml, _)| yaml)
        .expect("front matter between --- lines");
    yaml_serde::from_str(yaml).expect("front matter is YAML")
}

#[test]
fn init_then_build_works_with_no_edits() {
    let parent = empty_dir();
    init(parent.path(), "thi-dua", &["--year", "2024"]);
    let site = parent.path().join("thi-dua");
    assert_eq!(
        fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .lines()
            .filter(|l| l.starts_with('/'))
            .collect::<Vec<_>>(),
        ["/output/", "/output-internal/"]
    );
    let plan = fs::read_to_string(site.join("content/plan.yaml")).unwrap();
    // Every field carries a comment at the end of its line, or on the line above it.
    let lines: Vec<&str> = plan.lines().collect();
    let uncommented: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| {
            let key = line.trim_start().trim_start_matches("- ");
            key.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
        })
        .filter(|(index, line)| {
            !line.contains(" # ")
                && (*index == 0 || !lines[index - 1].trim_start().starts_with('#'))
        })
        .map(|(_, line)| *line)
        .collect();
    assert!(
        uncommented.is_empty(),
        "every field has a comment: {uncommented:#?}"
    );

    let check = thidua(&site, &["check", "--today", "2024-03-01"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stdout(&check).contains("no problems"), "{}", stdout(&check));
    build(&site, "2024-03-01");
    let home = page(&site, "");
    assert_eq!(text(&home, ".phase-now:not([hidden]) h3"), "Đợt 1");
    let anniversaries = page(&site, "ky-niem/");
    assert_eq!(
        text(&anniversaries, "#thanh-lap-cong-doan h2"),
        "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam"
    );
    assert_eq!(
        attrs(&anniversaries, "#gio-to-hung-vuong time", "datetime"),
        ["2024-04-18"]
    );
    assert_eq!(
        text(&anniversaries, "#gio-to-hung-vuong .lunar"),
        "mùng 10 tháng 3 năm Giáp Thìn"
    );
    let story = page(&site, "bang-vang/le-thi-hoa/");
    assert_eq!(
        text(&story, "h1"),
        "Người nữ công nhân với 5 sáng kiến trong một năm"
    );
    assert!(site.join("output/images/le-thi-hoa-800.png").is_file());
    assert!(site.join("output/lich-phat-dong/index.html").is_file());
    let broken = broken_links(&site.join("output"), "https://example.org/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn init_for_this_year_builds_with_todays_date() {
    let parent = empty_dir();
    init(parent.path(), "site", &[]);
    let output = thidua(&parent.path().join("site"), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("0 warnings"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn init_refuses_a_non_empty_folder_and_never_overwrites() {
    let parent = empty_dir();
    let site = parent.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("ghi-chu.txt"), "của tôi").unwrap();

    let refused = thidua(parent.path(), &["init", "site"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("is not empty"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert!(!site.join("content").exists());

    init(parent.path(), "site", &["--force"]);
    assert_eq!(
        fs::read_to_string(site.join("ghi-chu.txt")).unwrap(),
        "của tôi"
    );
    assert!(site.join("content/plan.yaml").is_file());

    // Even with --force, a file in the way stops everything before anything is written.
    fs::write(site.join("content/plan.yaml"), "# kế hoạch đã sửa\n").unwrap();
    fs::remove_file(site.join("content/site.yaml")).unwrap();
    let before = snapshot(&site);
    let refused = thidua(parent.path(), &["init", "site", "--force"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("content/plan.yaml"),
        "{}",
        stderr(&refused)
    );
    assert!(
        stderr(&refused).contains("never overwrites"),
        "{}",
        stderr(&refused)
    );
    assert!(
        before == snapshot(&site),
        "init changed files it refused to touch"
    );
}

#[test]
fn init_accepts_a_folder_holding_only_git() {
    let parent = empty_dir();
    fs::create_dir_all(parent.path().join("site/.git")).unwrap();
    init(parent.path(), "site", &[]);
    assert!(parent.path().join("site/content/plan.yaml").is_file());
}

#[test]
fn theme_from_default_copies_the_theme_and_edits_show_in_the_build() {
    let parent = empty_dir();
    init(
        parent.path(),
        "site",
        &["--year", "2024", "--theme-from", "default"],
    );
    let site = parent.path().join("site");
    let manifest = common::manifest_dir().join("themes/default");
    for file in [
        "templates/base.html",
        "templates/story.html",
        "static/assets/style.css",
    ] {
        assert_eq!(
            fs::read(site.join("themes/default").join(file)).unwrap(),
            fs::read(manifest.join(file)).unwrap(),
            "{file}"
        );
    }
    common::edit(
        &site,
        "themes/default/templates/404.html",
        "{% block content %}",
        "{% block content %}<p id=\"rieng\">Trang riêng</p>",
    );
    build(&site, "2024-03-01");
    assert_eq!(text(&page(&site, "404.html"), "#rieng"), "Trang riêng");

    let unknown = thidua(
        parent.path(),
        &["init", "other", "--theme-from", "khong-co"],
    );
    assert_eq!(
        unknown.status.code(),
        Some(2),
        "an unknown theme is a usage error"
    );
}

#[test]
fn new_story_is_a_draft_that_parses_and_builds() {
    let parent = empty_dir();
    init(parent.path(), "site", &["--year", "2024"]);
    let site = parent.path().join("site");
    let args = [
        "new",
        "story",
        "Nguyễn Văn An",
        "--unit",
        "Công ty Cổ phần Bình Minh",
        "--award",
        "sang-kien",
        "--date",
        "2024-03-02",
    ];
    let created = thidua(&site, &args);
    assert!(created.status.success(), "{}", stderr(&created));
    let path = site.join("content/stories/nguyen-van-an.md");
    assert_eq!(stdout(&created).trim(), "content/stories/nguyen-van-an.md");
    let fields = front_matter(&path);
    assert_eq!(fields["name"], "Nguyễn Văn An");
    assert_eq!(fields["unit"], "Công ty Cổ phần Bình Minh");
    assert_eq!(
        fields["award"], "Sáng kiến, sáng tạo",
        "the id became the title"
    );
    assert_eq!(fields["sector"], "doanh-nghiep");
    assert_eq!(fields["date"], "2024-03-02");
    assert_eq!(fields["draft"], true);
    assert!(
        stderr(&created).contains("sector set to `doanh-nghiep`"),
        "{}",
        stderr(&created)
    );

    build(&site, "2024-03-05");
    assert!(
        !site.join("output/bang-vang/nguyen-van-an").exists(),
        "drafts stay out"
    );
    let output = thidua(&site, &["build", "--drafts", "--today", "2024-03-05"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let story = page(&site, "bang-vang/nguyen-van-an/");
    assert_eq!(text(&story, "h1"), "Tiêu đề bài viết về Nguyễn Văn An");
    assert_eq!(text(&story, "h2:first-of-type"), "Công việc và hoàn cảnh");

    let before = fs::read(&path).unwrap();
    let again = thidua(&site, &args);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn new_story_checks_the_award_and_dates_today_in_vietnam() {
    let parent = empty_dir();
    init(parent.path(), "site", &[]);
    let site = parent.path().join("site");
    let typo = thidua(
        &site,
        &["new", "story", "Trần Thị Bình", "--award", "Lao dong gioi"],
    );
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        stderr(&typo)
            .contains("unknown award title “Lao dong gioi”: did you mean “Lao động giỏi”?"),
        "{}",
        stderr(&typo)
    );
    assert!(!site.join("content/stories/tran-thi-binh.md").exists());

    let vietnam = || {
        chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
            .date_naive()
            .to_string()
    };
    let before = vietnam();
    let created = thidua(&site, &["new", "story", "Trần Thị Bình"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let fields = front_matter(&site.join("content/stories/tran-thi-binh.md"));
    let date = fields["date"].as_str().unwrap().to_string();
    assert!(date == before || date == vietnam(), "{date}");
    assert_eq!(
        fields["award"], "Người tốt, việc tốt",
        "the plan's first title"
    );
    assert!(
        stderr(&created).contains("no --unit given"),
        "{}",
        stderr(&created)
    );
    let output = thidua(&site, &["build", "--drafts"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// The lines `check` prints for tests/fixtures/check-problems, one per kind of problem.
const PROBLEMS: &[&str] = &[
    "warning: content/images/thua.png: no story uses this file",
    "warning: content/plan.yaml:36: anniversary “Ngày Tổng khởi nghĩa” (19/08/2024) falls in no phase",
    "warning: content/stories/le-van-cuong.md:4: unit “Công ty Cơ kí Mẫu” appears only here, and “Công ty Cơ khí Mẫu” is written in 2 other stories",
    "error: content/stories/le-van-cuong.md:6: unknown award “Cong nhan gioi”",
    "warning: content/stories/le-van-cuong.md:7: movement “Lao động giỏi, lao động sáng tao” is not named in the plan",
    "warning: content/stories/le-van-cuong.md:11: link “nguyen-van-an.md” leads to /bang-vang/le-van-cuong/nguyen-van-an.md, which is not a page of this site",
    "warning: content/stories/nguyen-van-an.md:16: link “../tran-thi-binhh/” leads to /bang-vang/tran-thi-binhh/, which is not a page of this site",
    "warning: content/stories/nguyen-van-an.md:18: image “images/xuong.jpg” does not exist in content/",
];

#[test]
fn check_finds_each_problem_in_the_fixture_and_exits_1() {
    let site = fixture("check-problems");
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    let lines: Vec<&str> = errors
        .lines()
        .filter(|l| !l.starts_with("  hint:"))
        .collect();
    assert_eq!(lines, PROBLEMS, "{errors}");
    for hint in [
        "hint: did you mean “Công ty Cơ khí Mẫu”?",
        "hint: did you mean “Công nhân giỏi”?",
        "hint: did you mean “Lao động giỏi, lao động sáng tạo”?",
        "hint: link to the story's page, not its file: ../nguyen-van-an/",
        "hint: did you mean ../tran-thi-binh/?",
    ] {
        assert!(errors.contains(hint), "{hint}\n{errors}");
    }
    assert!(
        stdout(&output).contains("checked 3 stories"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("1 error, 7 warnings"),
        "{}",
        stdout(&output)
    );
    assert!(!site.path().join("output").exists(), "check writes nothing");
}

#[test]
fn check_knows_every_page_and_file_a_build_publishes() {
    let site = fixture("minimal");
    let files = site.path().join("themes/default/static/files");
    fs::create_dir_all(&files).unwrap();
    fs::write(files.join("dieu-le.pdf"), "%PDF-1.4").unwrap();
    common::edit(
        site.path(),
        "content/stories/tran-thi-binh.md",
        "Chị Bình trả lại chiếc ví cho người đánh mất.",
        "Chị Bình ([điều lệ](../../files/dieu-le.pdf)) ở [đơn vị](../../don-vi/cong-ty-co-khi-mau/) \
         cùng [anh An](https://example.org/bang-vang/nguyen-van-an/) ([RSS](../../rss.xml), \
         [ảnh](../../images/an.png), [trang khác](https://example.com/x), [đầu trang](#top)). \
         Chưa có [lịch phát động](../../lich-phat-dong/) hay [bản tin](../../ban-tin/thang-2024-03/).",
    );
    let output = thidua(site.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "link “../../ban-tin/thang-2024-03/” leads to /ban-tin/thang-2024-03/, which is not a page of this site",
            "link “../../lich-phat-dong/” leads to /lich-phat-dong/, which is not a page of this site",
        ]
    );
    let internal = thidua(site.path(), &["check", "--audience", "internal"]);
    assert_eq!(
        stderr(&internal).matches("warning:").count(),
        1,
        "bulletins exist in internal builds: {}",
        stderr(&internal)
    );
}

#[test]
fn check_json_lists_every_diagnostic_for_editors() {
    let site = fixture("check-problems");
    let output = thidua(
        site.path(),
        &["check", "--format", "json", "--today", "2024-03-01"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(report["errors"], 1);
    assert_eq!(report["warnings"], 7);
    assert_eq!(report["stories"], 3);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), PROBLEMS.len());
    let award = diagnostics
        .iter()
        .find(|d| d["message"] == "unknown award “Cong nhan gioi”")
        .expect("the award error");
    assert_eq!(award["severity"], "error");
    assert_eq!(award["path"], "content/stories/le-van-cuong.md");
    assert_eq!(award["line"], 6);
    assert_eq!(award["column"], serde_json::Value::Null);
    assert_eq!(award["hint"], "did you mean “Công nhân giỏi”?");
    assert!(
        diagnostics
            .iter()
            .all(|d| d["severity"] == "error" || d["severity"] == "warning")
    );

    let nowhere = empty_dir();
    let output = thidua(nowhere.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("JSON even without a site");
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no content/ folder")
    );
}

#[test]
fn check_passes_on_the_bundled_site() {
    let site = fixture("bundled");
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert!(
        stdout(&output).starts_with("checked 14 stories in "),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).trim_end().ends_with(": no problems"));
    let internal = thidua(
        site.path(),
        &["check", "--audience", "internal", "--drafts"],
    );
    assert_eq!(internal.status.code(), Some(0), "{}", stderr(&internal));
}

#[test]
fn check_renders_every_page_and_reports_a_template_that_fails_on_the_data() {
    let site = fixture("bundled");
    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    // Compiles, but fails on every story page: a name is not a date.
    fs::write(
        templates.join("story.html"),
        "{% extends \"base.html\" %}{% block content %}{{ story.name | date_long }}{% endblock content %}",
    )
    .unwrap();
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("error: themes/default"), "{errors}");
    assert!(
        errors.contains("date_long expects a YYYY-MM-DD date"),
        "{errors}"
    );
    assert!(errors.contains("story.html:1:"), "{errors}");
    assert!(!site.path().join("output").exists(), "check writes nothing");
    assert!(
        !site.path().join(".thidua-cache").exists(),
        "not even the photo cache"
    );
}

#[test]
fn check_renders_photo_branches_as_a_build_does() {
    let site = fixture("bundled");
    let template = site.path().join("themes/default/templates/story.html");
    let original =
        fs::read_to_string(common::manifest_dir().join("themes/default/templates/story.html"))
            .unwrap();
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    // Uses the processed photo's size: fine in a build, so fine in check.
    fs::write(
        &template,
        original.replacen(
            "{% block content %}",
            "{% block content %}{% if story.picture %}<!-- {{ story.picture.src.width }} -->{% endif %}",
            1,
        ),
    )
    .unwrap();
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Fails only for stories with a raster photo: check finds it too.
    fs::write(
        &template,
        original.replacen(
            "{% block content %}",
            "{% block content %}{% if story.picture %}{{ story.picture.src.url | date_short }}{% endif %}",
            1,
        ),
    )
    .unwrap();
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("date_short expects a YYYY-MM-DD date"),
        "{}",
        stderr(&output)
    );
    assert!(
        !site.path().join(".thidua-cache").exists(),
        "check writes no photo cache"
    );
}

#[test]
fn check_reports_a_theme_file_at_a_pages_path() {
    let site = fixture("bundled");
    let static_dir = site.path().join("themes/default/static");
    fs::create_dir_all(&static_dir).unwrap();
    fs::write(
        static_dir.join("404.html"),
        "<!doctype html><title>404</title>",
    )
    .unwrap();
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("two files would be published at 404.html"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_agrees_with_build_on_photos() {
    // A photo the build cannot read (a PNG cut in half): both refuse it, naming the file.
    let site = fixture("minimal");
    let image = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 7]));
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let png = png.into_inner();
    fs::write(
        site.path().join("content/images/cut.png"),
        &png[..png.len() / 2],
    )
    .unwrap();
    common::edit(
        site.path(),
        "content/stories/tran-thi-binh.md",
        "date: 2024-09-10",
        "date: 2024-09-10\nphoto: images/cut.png\nphoto_alt: \"Chị Bình\"",
    );
    for command in ["check", "build"] {
        let output = thidua(site.path(), &[command, "--today", "2024-10-01"]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            stderr(&output)
                .contains("content/images/cut.png: the photo cannot be read as an image"),
            "{command}: {}",
            stderr(&output)
        );
    }

    // A theme file where a photo's resized copy goes: both refuse it.
    let site = fixture("bundled");
    let static_dir = site.path().join("themes/default/static/images");
    fs::create_dir_all(&static_dir).unwrap();
    fs::write(static_dir.join("do-van-khai-320.jpg"), "not a photo").unwrap();
    for command in ["check", "build"] {
        let output = thidua(site.path(), &[command, "--today", "2024-03-01"]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            stderr(&output).contains("two files would be published at images/do-van-khai-320.jpg"),
            "{command}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn quiet_shows_only_errors_and_verbose_shows_stages() {
    let site = fixture("check-problems");
    let output = thidua(site.path(), &["-q", "check"]);
    assert_eq!(output.status.code(), Some(1), "warnings still count");
    assert_eq!(stdout(&output), "");
    let errors = stderr(&output);
    assert!(
        errors.starts_with("error: content/stories/le-van-cuong.md:6:"),
        "{errors}"
    );
    assert!(!errors.contains("warning:"), "{errors}");

    let site = fixture("minimal");
    let output = thidua(
        site.path(),
        &["build", "--verbose", "--today", "2024-03-01"],
    );
    assert!(output.status.success());
    let stages = stderr(&output);
    for stage in [
        "reading and checking content",
        "rendering pages",
        "writing the output folder",
    ] {
        assert!(stages.contains(stage), "{stages}");
    }
    let quiet = thidua(site.path(), &["build", "-q", "--today", "2024-03-01"]);
    assert!(quiet.status.success());
    assert_eq!(
        (stdout(&quiet), stderr(&quiet)),
        (String::new(), String::new())
    );
}

#[test]
fn colour_only_when_asked_for_and_never_with_no_color() {
    let site = fixture("check-problems");
    // Forced colour (as on a terminal) shows; NO_COLOR wins over everything.
    let forced = thidua_env(site.path(), &["check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(stderr(&forced).contains("\u{1b}["), "{}", stderr(&forced));
    let no_color = thidua_env(
        site.path(),
        &["check"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(
        !stderr(&no_color).contains('\u{1b}'),
        "{}",
        stderr(&no_color)
    );
    assert!(!stdout(&no_color).contains('\u{1b}'));
    let help = thidua_env(
        site.path(),
        &["check", "--help"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!stdout(&help).contains('\u{1b}'), "{}", stdout(&help));
    // A pipe is not a terminal: no colour by default.
    let piped = thidua(site.path(), &["check"]);
    assert!(!stderr(&piped).contains('\u{1b}'));
    assert_eq!(stderr(&piped), stderr(&no_color));
}

#[test]
fn help_and_version_on_every_command_and_usage_errors_exit_2() {
    let dir = empty_dir();
    let version = env!("CARGO_PKG_VERSION");
    for command in [
        vec![],
        vec!["build"],
        vec!["check"],
        vec!["init"],
        vec!["new"],
        vec!["new", "story"],
        vec!["completions"],
    ] {
        let mut help = command.clone();
        help.push("--help");
        let output = thidua(dir.path(), &help);
        assert!(output.status.success(), "{help:?}");
        assert!(
            stdout(&output).contains("Usage: thidua"),
            "{help:?}: {}",
            stdout(&output)
        );
        let mut asked = command.clone();
        asked.push("--version");
        let output = thidua(dir.path(), &asked);
        assert!(output.status.success(), "{asked:?}");
        let printed = stdout(&output);
        assert!(
            printed.starts_with("thidua") && printed.trim_end().ends_with(version),
            "{asked:?}: {printed}"
        );
    }
    let top = stdout(&thidua(dir.path(), &["--help"]));
    assert!(top.contains("Exit codes: 0 success; 1"), "{top}");
    for wrong in [
        vec!["init"],
        vec!["check", "--format", "xml"],
        vec!["dung"],
        vec!["-q", "-v", "check"],
    ] {
        assert_eq!(
            thidua(dir.path(), &wrong).status.code(),
            Some(2),
            "{wrong:?}"
        );
    }
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let dir = empty_dir();
    let bash = stdout(&thidua(dir.path(), &["completions", "bash"]));
    assert!(bash.contains("_thidua()"), "{bash}");
    assert!(bash.contains("complete -F _thidua"), "{bash}");
    assert!(
        bash.contains("--theme-from"),
        "subcommand options are completed"
    );
    let zsh = stdout(&thidua(dir.path(), &["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef thidua"), "{zsh}");
    let fish = stdout(&thidua(dir.path(), &["completions", "fish"]));
    assert!(fish.contains("complete -c thidua"), "{fish}");
}
