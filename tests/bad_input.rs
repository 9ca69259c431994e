//! Every kind of bad input gives a clear error naming the file (and line/column where known),
//! a non-zero exit, no panic, and leaves the previous output exactly as it was.

mod common;

use std::fs;

use common::{broken, build, edit, fixture, snapshot, stderr, thidua};

const PLAN: &str = "content/plan.yaml";
const AN: &str = "content/stories/nguyen-van-an.md";
const BINH: &str = "content/stories/tran-thi-binh.md";

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let errors = broken(|site| {
        edit(
            site,
            PLAN,
            "  name: \"Thi đua mẫu 2024\"",
            "  name: [\"Thi đua mẫu 2024\"",
        )
    });
    assert!(errors.contains("error: content/plan.yaml:9:"), "{errors}");
}

#[test]
fn tabs_in_yaml_are_explained() {
    let errors = broken(|site| {
        edit(
            site,
            PLAN,
            "  start: 2024-01-01\n  end",
            "\tstart: 2024-01-01\n  end",
        )
    });
    assert!(errors.contains("content/plan.yaml:10:"), "{errors}");
    assert!(errors.contains("tab"), "{errors}");
}

#[test]
fn missing_required_field() {
    let errors = broken(|site| {
        edit(
            site,
            BINH,
            "headline: \"Nhặt được của rơi trả người đánh mất\"\n",
            "",
        )
    });
    assert!(
        errors.contains("error: content/stories/tran-thi-binh.md:2:"),
        "{errors}"
    );
    assert!(errors.contains("missing field `headline`"), "{errors}");
}

#[test]
fn wrong_type() {
    let errors = broken(|site| edit(site, PLAN, "ordinal: 95", "ordinal: \"chín mươi lăm\""));
    assert!(
        errors.contains("error: content/plan.yaml:33:14:"),
        "{errors}"
    );
    assert!(errors.contains("invalid type"), "{errors}");
}

#[test]
fn impossible_date() {
    let errors = broken(|site| edit(site, AN, "date: 2024-03-05", "date: 31/02/2024"));
    assert!(
        errors.contains("error: content/stories/nguyen-van-an.md:8:"),
        "{errors}"
    );
    assert!(
        errors.contains("month 2 of 2024 has only 29 days"),
        "{errors}"
    );
}

#[test]
fn ambiguous_two_digit_year() {
    let errors = broken(|site| edit(site, AN, "date: 2024-03-05", "date: 05/03/24"));
    assert!(errors.contains("ambiguous year"), "{errors}");
}

#[test]
fn phase_ending_before_it_starts() {
    let errors = broken(|site| {
        edit(
            site,
            PLAN,
            "end: 2024-12-31\nanniversaries",
            "end: 2024-07-01\nanniversaries",
        )
    });
    assert!(errors.contains("error: content/plan.yaml:27: phase “Đợt 2” ends (01/07/2024) before it starts (01/08/2024)"), "{errors}");
}

#[test]
fn unknown_award_suggests_the_nearest_title() {
    let errors = broken(|site| {
        edit(
            site,
            BINH,
            "award: \"Người tốt, việc tốt\"",
            "award: \"Nguoi tot viec tot\"",
        )
    });
    assert!(
        errors.contains(
            "error: content/stories/tran-thi-binh.md:6: unknown award “Nguoi tot viec tot”"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("did you mean “Người tốt, việc tốt”?"),
        "{errors}"
    );
}

#[test]
fn stated_ordinal_must_match_the_computed_one() {
    let errors = broken(|site| edit(site, PLAN, "ordinal: 95", "ordinal: 96"));
    assert!(errors.contains("content/plan.yaml:31:"), "{errors}");
    assert!(
        errors.contains("the plan says 96 năm, but 1929 to 2024 is the 95th anniversary"),
        "{errors}"
    );
}

#[test]
fn impossible_lunar_day() {
    let errors = broken(|site| {
        edit(
            site,
            PLAN,
            "    origin: 1929-07-28\n    ordinal: 95",
            "    lunar: \"31/01\"",
        )
    });
    assert!(errors.contains("content/plan.yaml:31:"), "{errors}");
    assert!(
        errors.contains("`lunar: 31/01`: a lunar month has at most 30 days"),
        "{errors}"
    );
}

#[test]
fn anniversary_with_a_solar_and_a_lunar_day() {
    let errors = broken(|site| {
        edit(
            site,
            PLAN,
            "    origin: 1929-07-28",
            "    origin: 1929-07-28\n    lunar: \"10/03\"",
        )
    });
    assert!(
        errors.contains("has more than one of `origin`, `day` and `lunar`"),
        "{errors}"
    );
}

#[test]
fn story_without_front_matter() {
    let errors = broken(|site| fs::write(site.join(BINH), "Chị Bình trả lại chiếc ví.\n").unwrap());
    assert!(
        errors.contains("error: content/stories/tran-thi-binh.md:1: the story has no front matter"),
        "{errors}"
    );
}

#[test]
fn front_matter_never_closed() {
    let errors = broken(|site| edit(site, BINH, "date: 2024-09-10\n---\n", "date: 2024-09-10\n"));
    assert!(errors.contains("never closed"), "{errors}");
}

#[test]
fn empty_story_file() {
    let errors = broken(|site| fs::write(site.join(BINH), "").unwrap());
    assert!(
        errors.contains("content/stories/tran-thi-binh.md:1: the story has no front matter"),
        "{errors}"
    );
}

#[test]
fn missing_photo() {
    let errors = broken(|site| fs::remove_file(site.join("content/images/an.png")).unwrap());
    assert!(
        errors.contains(
            "error: content/stories/nguyen-van-an.md:9: photo “images/an.png” does not exist"
        ),
        "{errors}"
    );
}

#[test]
fn the_same_person_twice_in_one_unit_names_both_files() {
    let errors = broken(|site| {
        let copy = fs::read_to_string(site.join(AN))
            .unwrap()
            .replace("date: 2024-03-05", "date: 2024-04-05");
        fs::write(site.join("content/stories/an-2.md"), copy).unwrap();
    });
    assert!(
        errors.contains("error: content/stories/an-2.md: “Nguyễn Văn An” of “Công ty Cơ khí Mẫu” already has a story in content/stories/nguyen-van-an.md"),
        "{errors}"
    );
}

#[test]
fn non_utf8_file() {
    let errors = broken(|site| {
        let mut bytes = fs::read(site.join(BINH)).unwrap();
        bytes.extend_from_slice(b"\nCh\xe1 B\xecnh\n");
        fs::write(site.join(BINH), bytes).unwrap();
    });
    assert!(
        errors.contains("error: content/stories/tran-thi-binh.md:12:3: the file is not UTF-8 text"),
        "{errors}"
    );
}

#[test]
fn all_errors_of_one_build_are_reported_together() {
    let errors = broken(|site| {
        edit(site, AN, "date: 2024-03-05", "date: 2024-13-01");
        edit(
            site,
            BINH,
            "award: \"Người tốt, việc tốt\"",
            "award: \"Lao động tiên tiến\"",
        );
        edit(site, PLAN, "ordinal: 95", "ordinal: 90");
    });
    assert!(errors.contains("nguyen-van-an.md:8"), "{errors}");
    assert!(errors.contains("tran-thi-binh.md:6"), "{errors}");
    assert!(errors.contains("plan.yaml:31"), "{errors}");
    assert!(errors.contains("the site has 3 errors"), "{errors}");
}

#[test]
fn missing_plan() {
    let errors = broken(|site| fs::remove_file(site.join(PLAN)).unwrap());
    assert!(
        errors.contains("error: content/plan.yaml: the campaign plan is missing"),
        "{errors}"
    );
}

#[test]
fn unknown_field_is_a_warning_with_a_suggestion() {
    let site = fixture("minimal");
    edit(site.path(), AN, "photo_alt:", "photo_atl:");
    let output = build(site.path(), "2024-03-01");
    let warnings = stderr(&output);
    assert!(
        warnings.contains(
            "warning: content/stories/nguyen-van-an.md:10: unknown field `photo_atl` is ignored"
        ),
        "{warnings}"
    );
    assert!(warnings.contains("did you mean `photo_alt`?"), "{warnings}");
    assert!(
        warnings.contains("warning: content/stories/nguyen-van-an.md:9: the photo has no alt text"),
        "{warnings}"
    );
}

#[test]
fn suspicious_but_legal_input_warns_and_builds() {
    let site = fixture("minimal");
    edit(site.path(), PLAN, "start: 2024-08-01", "start: 2024-07-15");
    edit(site.path(), BINH, "date: 2024-09-10", "date: 2025-02-01");
    let output = build(site.path(), "2024-03-01");
    let warnings = stderr(&output);
    assert!(
        warnings.contains("phases “Đợt 1” and “Đợt 2” overlap (15/07/2024 – 31/07/2024)"),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "tran-thi-binh.md:7: the story is dated 01/02/2025, outside the campaign period"
        ),
        "{warnings}"
    );
    assert!(
        site.path()
            .join("output/bang-vang/tran-thi-binh/index.html")
            .exists()
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_simply_work() {
    let site = fixture("minimal");
    let source = fs::read_to_string(site.path().join(BINH)).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(source.replace('\n', "\r\n").as_bytes());
    fs::write(site.path().join(BINH), bytes).unwrap();
    build(site.path(), "2024-03-01");
    let doc = common::page(site.path(), "bang-vang/tran-thi-binh/");
    assert_eq!(common::text(&doc, ".story-name"), "Trần Thị Bình");
}

#[test]
fn file_names_with_spaces_and_vietnamese_letters_work() {
    let site = fixture("minimal");
    fs::rename(
        site.path().join(BINH),
        site.path().join("content/stories/Trần Thị Bình bài 1.md"),
    )
    .unwrap();
    build(site.path(), "2024-03-01");
    assert!(
        site.path()
            .join("output/bang-vang/tran-thi-binh/index.html")
            .exists()
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let site = fixture("minimal");
    let precious = site.path().join("output/notes.txt");
    fs::create_dir_all(precious.parent().unwrap()).unwrap();
    fs::write(&precious, "do not delete").unwrap();
    let output = thidua(site.path(), &["build", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not empty and was not created by thidua"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&precious).unwrap(), "do not delete");

    for (target, why) in [
        (".", "contains the site"),
        ("content/out", "inside the site's content/"),
    ] {
        let output = thidua(
            site.path(),
            &["build", "--output", target, "--today", "2024-03-01"],
        );
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr(&output).contains(why),
            "{target}: {}",
            stderr(&output)
        );
    }
}

#[cfg(unix)]
#[test]
fn replacing_an_output_folder_never_follows_a_link_out_of_it() {
    let site = fixture("minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "not part of the build").unwrap();
    build(site.path(), "2024-03-01");
    // Someone linked a folder of their own into the output; the next build replaces the
    // output and removes the link, not what it points to.
    let link = site.path().join("output/bang-vang/their-files");
    std::os::unix::fs::symlink(elsewhere.path(), &link).unwrap();
    build(site.path(), "2024-03-01");
    assert!(
        fs::symlink_metadata(&link).is_err(),
        "the link went with the old output"
    );
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("keep.txt")).unwrap(),
        "not part of the build"
    );
}

#[test]
fn a_theme_file_at_a_pages_path_is_refused() {
    let errors = broken(|site| {
        let static_dir = site.join("themes/default/static");
        fs::create_dir_all(&static_dir).unwrap();
        fs::write(
            static_dir.join("404.html"),
            "<!doctype html><title>404</title>",
        )
        .unwrap();
    });
    assert!(
        errors.contains("two files would be published at 404.html: a page of the site and a static file of the theme"),
        "{errors}"
    );
}

#[cfg(unix)]
#[test]
fn an_output_folder_turned_into_a_link_during_a_build_keeps_what_it_points_to() {
    let site = fixture("minimal");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let elsewhere = out.path().join("elsewhere");
    fs::create_dir_all(elsewhere.join("sub")).unwrap();
    fs::write(elsewhere.join("sub/keep.txt"), "not part of the build").unwrap();
    let options = thidua::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(output.clone()),
        today: Some(thidua::time::calendar::parse_date("2024-03-01").unwrap()),
        ..Default::default()
    };
    thidua::build(&options).unwrap();
    // While pages are written, someone replaces the output folder by a link.
    let (link, target, aside) = (output.clone(), elsewhere.clone(), out.path().join("aside"));
    let hook = thidua::ProgressHook::new(move |stage| {
        if stage == thidua::Stage::Writing {
            fs::rename(&link, &aside).unwrap();
            std::os::unix::fs::symlink(&target, &link).unwrap();
        }
    });
    let _ = thidua::build(&thidua::BuildOptions {
        progress: Some(hook),
        ..options
    });
    assert_eq!(
        fs::read_to_string(elsewhere.join("sub/keep.txt")).unwrap(),
        "not part of the build"
    );
}

#[test]
fn a_missing_content_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let output = thidua(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("has no content/ folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_today_argument_is_rejected_by_the_cli() {
    let site = fixture("minimal");
    let output = thidua(site.path(), &["build", "--today", "2024-02-30"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("only 29 days"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn month_thirteen_is_not_a_date() {
    let errors = broken(|site| edit(site, AN, "date: 2024-03-05", "date: 2024-13-01"));
    assert!(
        errors.contains("error: content/stories/nguyen-van-an.md:8:"),
        "{errors}"
    );
    assert!(
        errors.contains("“2024-13-01” is not a date: there is no month 13"),
        "{errors}"
    );
    assert!(errors.contains("the site has 1 error"), "{errors}");
}

#[test]
fn vietnamese_dates_are_accepted_where_iso_is_expected() {
    let site = fixture("minimal");
    edit(site.path(), AN, "date: 2024-03-05", "date: 05/03/2024");
    edit(
        site.path(),
        PLAN,
        "date: 2023-12-20",
        "date: \"20/12/2023\"",
    );
    edit(site.path(), PLAN, "end: 2024-07-31", "end: 31/07/2024");
    let output = build(site.path(), "2024-03-01");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));

    let story = common::page(site.path(), "bang-vang/nguyen-van-an/");
    assert_eq!(
        common::attrs(&story, ".story-meta time", "datetime"),
        ["2024-03-05"]
    );
    // 5 March falls in phase 1, which now ends on 31/07/2024 as written.
    assert!(
        common::text(&story, ".story-header .eyebrow").ends_with("· Đợt 1"),
        "{}",
        common::text(&story, ".story-header .eyebrow")
    );
    let plan = common::page(site.path(), "ke-hoach/");
    let plan_text = common::texts(&plan, "main").join(" ");
    assert!(
        plan_text.contains("ngày 20 tháng 12 năm 2023"),
        "{plan_text}"
    );
    assert!(plan_text.contains("31/07/2024"), "{plan_text}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_inside_content_is_reported_not_followed_forever() {
    let errors = broken(|site| {
        std::os::unix::fs::symlink("..", site.join("content/stories/vòng lặp")).unwrap();
    });
    assert!(
        errors.contains("error: content/stories/vòng lặp: this symbolic link points back to content, a folder that contains it (a loop)"),
        "{errors}"
    );
    assert!(errors.contains("the site has 1 error"), "{errors}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_itself_is_reported() {
    let errors = broken(|site| {
        std::os::unix::fs::symlink("chính nó.md", site.join("content/stories/chính nó.md"))
            .unwrap();
    });
    assert!(
        errors.contains("error: content/stories/chính nó.md: could not be read"),
        "{errors}"
    );
}

#[test]
fn a_50_mb_story_is_refused_without_being_read() {
    let site = fixture("minimal");
    build(site.path(), "2024-03-01");
    let before = snapshot(&site.path().join("output"));
    let huge = site.path().join("content/stories/bài rất dài.md");
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(fs::File::create(&huge).unwrap());
        file.write_all(b"---\nname: \"A\"\n---\n").unwrap();
        let line = "Anh An làm việc chăm chỉ từ sáng đến tối, không quản ngại khó khăn.\n";
        let mut written = 0;
        while written < 50 * 1024 * 1024 {
            file.write_all(line.as_bytes()).unwrap();
            written += line.len();
        }
    }
    let run = common::thidua_measured(site.path(), &["build", "--today", "2024-03-01"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: content/stories/bài rất dài.md: the file is 50.0 MB; a text file may be at most 5 MB"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the site has 1 error"),
        "{}",
        run.stderr
    );
    assert!(before == snapshot(&site.path().join("output")));
    // Reading the file at all would take at least its 50 MB.
    if let Some(peak) = run.peak_memory_bytes {
        assert!(
            peak < 40 * 1024 * 1024,
            "thidua used {} MB for a site whose only large file it should not read",
            peak / 1024 / 1024
        );
    }
}

#[test]
fn an_empty_plan() {
    let errors = broken(|site| fs::write(site.join(PLAN), "\n  \n").unwrap());
    assert!(
        errors.contains("error: content/plan.yaml:1: the file is empty"),
        "{errors}"
    );
}

#[test]
fn unknown_field_in_the_plan_suggests_the_nearest_name() {
    let site = fixture("minimal");
    edit(
        site.path(),
        PLAN,
        "    theme: \"Chủ đề đợt một\"",
        "    them: \"Chủ đề đợt một\"",
    );
    let output = build(site.path(), "2024-03-01");
    let warnings = stderr(&output);
    assert!(
        warnings
            .contains("warning: content/plan.yaml:25: unknown field `phases.0.them` is ignored"),
        "{warnings}"
    );
    assert!(warnings.contains("did you mean `theme`?"), "{warnings}");
}

#[test]
fn a_misspelt_required_field_is_missing_and_suggested() {
    let errors = broken(|site| {
        edit(site, BINH, "award:", "awrd:");
        edit(site, PLAN, "awards:", "awads:");
    });
    assert!(
        errors.contains("error: content/stories/tran-thi-binh.md:6: missing field `award`\n  hint: `awrd` looks like a misspelling of it"),
        "{errors}"
    );
    assert!(
        errors.contains("warning: content/stories/tran-thi-binh.md:6: unknown field `awrd` is ignored\n  hint: did you mean `award`?"),
        "{errors}"
    );
    assert!(
        errors.contains("error: content/plan.yaml:35: missing field `awards`"),
        "{errors}"
    );
    assert!(
        errors.contains("warning: content/plan.yaml:35: unknown field `awads` is ignored\n  hint: did you mean `awards`?"),
        "{errors}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_story_that_is_a_device_is_refused_unread() {
    // Reading /dev/zero would never end; the loader must look before it reads.
    let errors = broken(|site| {
        std::os::unix::fs::symlink("/dev/zero", site.join("content/stories/zero.md")).unwrap();
    });
    assert!(
        errors.contains("error: content/stories/zero.md: is not a regular file"),
        "{errors}"
    );
}

#[test]
fn deeply_nested_yaml_is_refused_quickly() {
    // The YAML scanner slows down with the square of the depth: 100,000 `[` would stall it.
    let errors = broken(|site| {
        edit(
            site,
            BINH,
            "headline: \"Nhặt được của rơi trả người đánh mất\"",
            &format!("headline: {}", "[".repeat(100_000)),
        )
    });
    assert!(
        errors.contains(
            "error: content/stories/tran-thi-binh.md:3: brackets are nested more than 128 deep"
        ),
        "{errors}"
    );
}

#[test]
fn deeply_nested_html_in_a_story_is_refused_quickly() {
    // The HTML parser behind the sanitizer slows down with the square of the depth.
    let errors = broken(|site| {
        let mut story = fs::read_to_string(site.join(BINH)).unwrap();
        story.push_str(&"<div>".repeat(200_000));
        fs::write(site.join(BINH), story).unwrap();
    });
    assert!(
        errors.contains("error: content/stories/tran-thi-binh.md: the story's HTML and Markdown nest more than 512 elements"),
        "{errors}"
    );
}

#[test]
fn deeply_nested_quotes_and_lists_in_a_story_are_refused_with_their_line() {
    // 4.9 MB of `>` made a 132 MB page and a 191 MB atom.xml; Markdown alone, no HTML.
    let mut quote_line = 0;
    let errors = broken(|site| {
        let mut story = fs::read_to_string(site.join(BINH)).unwrap();
        story.push_str("\nĐoạn tiếp.\n\n");
        quote_line = story.matches('\n').count() + 1;
        story.push_str(&">".repeat(4_900_000));
        fs::write(site.join(BINH), story).unwrap();
    });
    assert!(
        errors.contains(&format!(
            "error: content/stories/tran-thi-binh.md:{quote_line}: quotes (>) and lists are nested more than 128 deep"
        )),
        "{errors}"
    );
    // Lists nested one level per line are found while parsing, at the line that goes too deep.
    let mut deep_line = 0;
    let errors = broken(|site| {
        let mut story = fs::read_to_string(site.join(BINH)).unwrap();
        story.push('\n');
        deep_line = story.matches('\n').count() + 1 + 128;
        for level in 0..200 {
            story.push_str(&format!("{}1. mục {level}\n", "   ".repeat(level)));
        }
        fs::write(site.join(BINH), story).unwrap();
    });
    assert!(
        errors.contains(&format!(
            "error: content/stories/tran-thi-binh.md:{deep_line}: quotes (>) and lists are nested more than 128 deep"
        )),
        "{errors}"
    );
}

#[test]
fn a_template_failing_while_pages_are_written_leaves_the_previous_output() {
    // Pages are written as they are rendered: this error comes after some are on disk.
    let errors = broken(|site| {
        let templates = site.join("themes/default/templates");
        fs::create_dir_all(&templates).unwrap();
        fs::write(
            templates.join("story.html"),
            "{% extends \"base.html\" %}{% block content %}{{ story.name | date_long }}{% endblock content %}",
        )
        .unwrap();
    });
    assert!(errors.contains("story.html"), "{errors}");
    assert!(
        errors.contains("date_long expects a YYYY-MM-DD date"),
        "{errors}"
    );
}
