//! The preview's reusable builder: after any edit, its in-memory site must equal what a fresh
//! `thidua build` writes, while re-parsing only the stories that changed.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use thidua::output::Contents;
use thidua::{BuildOptions, Builder, Error, calendar};

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
    let files = built
        .files
        .into_iter()
        .map(|file| {
            let bytes = match file.contents {
                Contents::Bytes(bytes) => bytes,
                Contents::Copy(path) => fs::read(path).unwrap(),
            };
            (file.path, bytes)
        })
        .collect();
    (files, built.reparsed)
}

/// What a one-shot build writes, as path → bytes.
fn one_shot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let output = tempfile::tempdir().unwrap();
    thidua::build(&BuildOptions {
        output: Some(output.path().join("site")),
        ..options(root)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    snapshot(&output.path().join("site"))
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .filter(|(path, _)| path != thidua::output::MARKER)
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
