//! The preview's reusable builder: after any edit, its in-memory site must equal what a fresh
//! `thidua build` writes, while re-parsing only the stories that changed.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use thidua::pipeline::output::Contents;
use thidua::{Audience, BuildOptions, Builder, Built, Error, time::calendar};

use common::{fixture, snapshot};

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        today: Some(calendar::parse_date("2024-06-01").unwrap()),
        ..BuildOptions::default()
    }
}

/// The builder's files as path → bytes.
fn in_memory(builder: &mut Builder) -> (BTreeMap<String, Vec<u8>>, usize) {
    let built = builder.build().unwrap_or_else(|e| panic!("{e}"));
    let reparsed = built.reparsed;
    (files_of(built), reparsed)
}

fn files_of(built: Built) -> BTreeMap<String, Vec<u8>> {
    built
        .files
        .into_iter()
        .map(|file| {
            let bytes = match file.contents {
                Contents::Bytes(bytes) => bytes.to_vec(),
                Contents::Copy(path) => fs::read(path).unwrap(),
            };
            (file.path, bytes)
        })
        .collect()
}

/// Edits a story as the preview sees it (the watcher names the file), and returns how many
/// pages the rebuild rendered, out of how many, after checking the result against a fresh
/// build.
fn edit_story(
    builder: &mut Builder,
    root: &Path,
    story: &str,
    edit: &dyn Fn(&str) -> String,
) -> (usize, usize) {
    let path = Path::new("content/stories").join(story);
    let text = fs::read_to_string(root.join(&path)).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changes {story}");
    fs::write(root.join(&path), edited).unwrap();
    let built = builder.rebuild(&[path]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(built.reparsed, 1, "{story} is parsed again, and only it");
    let counts = (built.rendered, built.pages);
    assert_same(&files_of(built), &one_shot_with(&builder.options().clone()));
    counts
}

/// What a one-shot build writes, as path → bytes.
fn one_shot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    one_shot_with(&options(root))
}

fn one_shot_with(options: &BuildOptions) -> BTreeMap<String, Vec<u8>> {
    let output = tempfile::tempdir().unwrap();
    thidua::build(&BuildOptions {
        output: Some(output.path().join("site")),
        ..options.clone()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    snapshot(&output.path().join("site"))
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .filter(|(path, _)| path != thidua::pipeline::output::MARKER)
        .collect()
}

fn assert_same(built: &BTreeMap<String, Vec<u8>>, expected: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in expected {
        assert!(built[path] == *bytes, "{path} differs from a fresh build");
    }
}

#[test]
fn rebuilds_equal_a_fresh_build_and_reparse_only_changed_stories() {
    let site = fixture("bundled");
    let root = site.path();
    let mut builder = Builder::new(options(root));

    let (files, reparsed) = in_memory(&mut builder);
    assert_eq!(reparsed, 14);
    assert_same(&files, &one_shot(root));

    let (files, reparsed) = in_memory(&mut builder);
    assert_eq!(reparsed, 0, "nothing changed");
    assert_same(&files, &one_shot(root));

    let story = root.join("content/stories/do-van-khai.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(&story, text.replace("Đỗ Văn Khải", "Đỗ Văn Khải Hoàn")).unwrap();
    let (files, reparsed) = in_memory(&mut builder);
    assert_eq!(reparsed, 1);
    assert!(files.contains_key("bang-vang/do-van-khai-hoan/index.html"));
    assert!(!files.contains_key("bang-vang/do-van-khai/index.html"));
    assert_same(&files, &one_shot(root));

    // The plan changes what every story resolves to, even though no story was re-parsed.
    let plan = root.join("content/plan.yaml");
    let plan_text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        plan_text.replace("name: \"Công nhân giỏi\"", "name: \"Công nhân xuất sắc\""),
    )
    .unwrap();
    for story in fs::read_dir(root.join("content/stories")).unwrap() {
        let path = story.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace("award: \"Công nhân giỏi\"", "award: \"Công nhân xuất sắc\""),
        )
        .unwrap();
    }
    let (files, _) = in_memory(&mut builder);
    assert_same(&files, &one_shot(root));

    fs::remove_file(root.join("content/stories/bui-thi-nhung.md")).unwrap();
    let (files, reparsed) = in_memory(&mut builder);
    assert_eq!(reparsed, 0);
    assert_same(&files, &one_shot(root));
}

#[test]
fn a_broken_story_fails_the_build_and_its_fix_is_picked_up() {
    let site = fixture("bundled");
    let mut builder = Builder::new(options(site.path()));
    builder.build().unwrap();
    let story = site.path().join("content/stories/do-van-khai.md");
    let good = fs::read_to_string(&story).unwrap();
    fs::write(&story, good.replace("date: 2024-08-20", "date: 2024-13-45")).unwrap();
    match builder.build() {
        Err(Error::Invalid(diagnostics)) => {
            let error = diagnostics.iter().find(|d| d.is_error()).unwrap();
            assert_eq!(error.path, Path::new("content/stories/do-van-khai.md"));
            assert_eq!(error.line, Some(8));
        }
        other => panic!(
            "expected the story's error, got {:?}",
            other.map(|b| b.pages)
        ),
    }
    fs::write(&story, &good).unwrap();
    let built = builder.build().unwrap();
    assert_eq!(built.reparsed, 1);
    assert_eq!(built.stories, 14);
}

#[test]
fn an_edit_to_a_story_text_renders_only_the_pages_that_show_it() {
    let site = fixture("bundled");
    let root = site.path();
    // Two stories per listing page, so the story sits on a later page of some listings.
    let config = root.join("content/site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}page_size: 2\n")).unwrap();
    let mut builder = Builder::new(options(root));
    let first = builder.build().unwrap();
    assert_eq!(first.rendered, first.pages);

    // The headline is on the story's card: its page, its unit, its listings, the honor roll,
    // the home page, the feeds and the search index change; a few dozen pages, not all.
    let (rendered, pages) = edit_story(&mut builder, root, "do-van-khai.md", &|text| {
        text.replace(
            "headline: \"Tài xế xe buýt",
            "headline: \"Người tài xế xe buýt <b>&</b>",
        )
    });
    assert!(rendered < pages / 2, "{rendered} of {pages} pages rendered");
    // The body: a word no other story has reaches the search index.
    let (rendered, _) = edit_story(&mut builder, root, "do-van-khai.md", &|text| {
        text.replace("Chiều 5/8/2024", "Chiều thứ Hai 5/8/2024 (xuýtxoa)")
    });
    assert!(rendered < pages / 2);
    // The summary and the photo's description, then two stories in one save.
    edit_story(&mut builder, root, "do-van-khai.md", &|text| {
        text.replace("summary: \"Phát hiện", "summary: \"Khi phát hiện")
            .replace("photo_alt: \"Tranh", "photo_alt: \"Bức tranh")
    });
    let both = ["bui-thi-nhung.md", "cao-thi-thanh-tam.md"].map(|s| {
        let path = Path::new("content/stories").join(s);
        let text = fs::read_to_string(root.join(&path)).unwrap();
        fs::write(
            root.join(&path),
            text.replacen("\n\n", "\n\nMở đầu mới.\n\n", 1),
        )
        .unwrap();
        path
    });
    let built = builder.rebuild(&both).unwrap();
    assert!(built.rendered < built.pages / 2);
    assert_eq!(built.reparsed, 2);
    assert_same(&files_of(built), &one_shot(root));
}

#[test]
fn edits_that_move_a_story_or_change_more_than_its_text_rebuild_everything() {
    let site = fixture("bundled");
    let root = site.path();
    let mut builder = Builder::new(options(root));
    builder.build().unwrap();
    let full = |(rendered, pages): (usize, usize)| assert_eq!(rendered, pages);

    // The name orders listings, the date orders everything, the unit and award group.
    full(edit_story(&mut builder, root, "do-van-khai.md", &|t| {
        t.replace("name: \"Đỗ Văn Khải\"", "name: \"Đỗ Văn Khải Hoàn\"")
    }));
    full(edit_story(&mut builder, root, "do-van-khai.md", &|t| {
        t.replace("date: 2024-08-20", "date: 2024-09-02")
    }));
    full(edit_story(&mut builder, root, "do-van-khai.md", &|t| {
        t.replace(
            "award: \"Người tốt, việc tốt\"",
            "award: \"Công nhân giỏi\"",
        )
    }));
    // A story now drafted leaves the site.
    full(edit_story(&mut builder, root, "do-van-khai.md", &|t| {
        t.replacen("---\n", "---\ndraft: true\n", 1)
    }));
    // Warnings are the whole site's: a story that gains one, or has one, is built afresh.
    full(edit_story(&mut builder, root, "bui-thi-nhung.md", &|t| {
        t.replacen("---\n", "---\nghi_chu: \"xem lại\"\n", 1)
    }));
    full(edit_story(&mut builder, root, "bui-thi-nhung.md", &|t| {
        t.replacen("\n\n", "\n\nMở đầu mới.\n\n", 1)
    }));
    let warned = builder.build().unwrap().warnings;
    assert!(
        warned.iter().any(|w| w.message.contains("ghi_chu")),
        "{warned:?}"
    );
    // Files that are not stories: the plan, a new story, a deleted one.
    let plan = Path::new("content/plan.yaml");
    let text = fs::read_to_string(root.join(plan)).unwrap();
    fs::write(
        root.join(plan),
        text.replacen("name: \"Đợt 1\"", "name: \"Đợt thi đua thứ nhất\"", 1),
    )
    .unwrap();
    let built = builder.rebuild(&[plan.to_path_buf()]).unwrap();
    assert_eq!(built.rendered, built.pages);
    assert_same(&files_of(built), &one_shot(root));
    fs::write(root.join(plan), text).unwrap();
    let copy = Path::new("content/stories/ban-sao.md");
    let original = fs::read_to_string(root.join("content/stories/cao-thi-thanh-tam.md")).unwrap();
    fs::write(
        root.join(copy),
        original.replace("Cao Thị Thanh Tâm", "Cao Thị Thanh Hà"),
    )
    .unwrap();
    let built = builder
        .rebuild(&[plan.to_path_buf(), copy.to_path_buf()])
        .unwrap();
    assert_eq!(built.rendered, built.pages);
    assert_same(&files_of(built), &one_shot(root));
    fs::remove_file(root.join(copy)).unwrap();
    let built = builder.rebuild(&[copy.to_path_buf()]).unwrap();
    assert_eq!(built.rendered, built.pages);
    assert_same(&files_of(built), &one_shot(root));
}

#[test]
fn the_internal_bulletins_follow_an_edited_story() {
    let site = fixture("bundled");
    let root = site.path();
    let mut builder = Builder::new(BuildOptions {
        audience: Audience::Internal,
        ..options(root)
    });
    builder.build().unwrap();
    let (rendered, pages) = edit_story(&mut builder, root, "do-van-khai.md", &|text| {
        text.replace("Chiều 5/8/2024", "Chiều thứ Hai 5/8/2024")
    });
    assert!(rendered < pages / 2, "{rendered} of {pages}");
}

#[test]
fn the_fast_path_replaces_only_the_search_index_and_follows_its_tokens() {
    let site = fixture("bundled");
    let root = site.path();
    // A theme file and a story photo that live under search/ without being the index.
    let static_search = root.join("themes/default/static/search");
    fs::create_dir_all(&static_search).unwrap();
    fs::write(static_search.join("gioi-thieu.txt"), "kept").unwrap();
    fs::create_dir_all(root.join("content/search")).unwrap();
    fs::rename(
        root.join("content/images/do-van-khai.jpg"),
        root.join("content/search/do-van-khai.jpg"),
    )
    .unwrap();
    let story = root.join("content/stories/do-van-khai.md");
    let text = fs::read_to_string(&story).unwrap();
    // A word whose lowercase depends on what follows it (a Greek final sigma).
    fs::write(
        &story,
        text.replace("photo: images/", "photo: search/").replacen(
            "Chiều 5/8/2024",
            "ΟΔΟΣ.ΑΘΗΝΑ Chiều 5/8/2024",
            1,
        ),
    )
    .unwrap();
    let mut builder = Builder::new(options(root));
    builder.build().unwrap();

    let (rendered, pages) = edit_story(&mut builder, root, "do-van-khai.md", &|text| {
        text.replacen("ΟΔΟΣ.ΑΘΗΝΑ ", "", 1)
            .replace("headline: \"Tài xế", "headline: \"Người tài xế")
    });
    assert!(rendered < pages / 2, "{rendered} of {pages}");
}

#[test]
fn the_fast_path_works_with_sectors_the_public_does_not_see() {
    let site = fixture("bundled");
    let root = site.path();
    let plan = root.join("content/plan.yaml");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        text.replacen("sectors:\n", "sectors:\n  visibility: internal\n", 1),
    )
    .unwrap();
    let mut builder = Builder::new(options(root));
    let (files, _) = in_memory(&mut builder);
    // Listings are named by the sector's id whether or not the plan shows the sector.
    assert!(files.contains_key("khoi/doanh-nghiep/index.html"));
    let (rendered, pages) = edit_story(&mut builder, root, "do-van-khai.md", &|text| {
        text.replace("headline: \"Tài xế", "headline: \"Người tài xế")
    });
    assert!(rendered < pages / 2, "{rendered} of {pages}");
}
