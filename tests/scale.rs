//! A big generated site (2,000 stories, every fourth with a photo) builds, and every story
//! is reachable: it has its page, the honor roll links it, and so does its unit's page, which
//! lists exactly that unit's stories. Correctness at scale only; speed is measured by
//! `benches/compare.sh`, never here.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::corpus;
use common::{attrs, build, links, page, text};
use thidua::text::slugify;

const STORIES: usize = 2_000;

#[test]
fn every_generated_story_is_reachable_from_the_honor_roll_and_its_unit_page() {
    let site = tempfile::Builder::new()
        .prefix("thidua-scale-")
        .tempdir()
        .unwrap();
    let generated = corpus::generate(STORIES, 7, true);
    generated.write_thidua(site.path()).unwrap();
    build(site.path(), "2025-06-15");

    let story_urls: BTreeSet<String> = generated
        .stories
        .iter()
        .map(|story| format!("bang-vang/{}/", story.slug))
        .collect();
    assert_eq!(
        story_urls.len(),
        STORIES,
        "the generator gives unique slugs"
    );

    // Exactly one page per story under bang-vang/, no more.
    let built_story_pages = fs::read_dir(site.path().join("output/bang-vang"))
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().file_type().unwrap().is_dir())
        .count();
    assert_eq!(built_story_pages, STORIES);

    // The honor roll shows each award's first page and links to the award's listing, whose
    // pages together list every story of that award once.
    let honor_doc = page(site.path(), "bang-vang/");
    let award_urls: Vec<String> = attrs(&honor_doc, ".by-award .group > h3 a", "href")
        .into_iter()
        .map(|href| href.trim_start_matches("../").to_string())
        .collect();
    assert_eq!(award_urls.len(), 4, "{award_urls:?}");
    let mut reached: Vec<String> = Vec::new();
    for award_url in &award_urls {
        let mut listing_page = award_url.clone();
        let mut pages = 0;
        loop {
            let doc = page(site.path(), &listing_page);
            reached.extend(
                attrs(&doc, ".card-link", "href")
                    .into_iter()
                    .map(|href| href.trim_start_matches("../").to_string()),
            );
            pages += 1;
            assert!(pages <= STORIES, "the pager of {award_url} loops");
            match attrs(&doc, "a[rel=next]", "href").first() {
                Some(next) => listing_page = next.trim_start_matches("../").to_string(),
                None => break,
            }
        }
    }
    let reached_set: BTreeSet<String> = reached.iter().cloned().collect();
    assert_eq!(reached.len(), STORIES, "each story is listed once");
    let missing: Vec<&String> = story_urls.difference(&reached_set).collect();
    assert!(
        missing.is_empty(),
        "not reachable from the honor roll: {missing:?}"
    );
    let on_honor_roll = attrs(&honor_doc, ".by-award .card-link", "href").len();
    assert!(
        on_honor_roll < STORIES / 10,
        "the honor roll shows first pages, not {on_honor_roll} cards"
    );

    let mut by_unit: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for story in &generated.stories {
        by_unit
            .entry(format!("don-vi/{}/", slugify(story.unit)))
            .or_default()
            .insert(format!("bang-vang/{}/", story.slug));
    }
    assert!(by_unit.len() >= 35, "stories spread over the ~40 units");
    let units_index = links(site.path(), "don-vi/");
    for (unit_url, stories) in &by_unit {
        assert!(units_index.contains(unit_url), "{unit_url} not on don-vi/");
        let on_unit_page: BTreeSet<String> = links(site.path(), unit_url)
            .into_iter()
            .filter(|link| story_urls.contains(link))
            .collect();
        assert_eq!(&on_unit_page, stories, "stories listed on {unit_url}");
    }

    for story in generated.stories.iter().step_by(97) {
        let url = format!("bang-vang/{}/", story.slug);
        let doc = page(site.path(), &url);
        assert_eq!(text(&doc, ".story-name"), story.name);
        assert_eq!(text(&doc, "h1"), story.headline);
        if story.photo.is_some() {
            // Photos are re-encoded into renditions with their own names: follow the page's
            // own `<img>` sources rather than guessing the file names.
            let sources = attrs(&doc, "img", "src");
            assert!(!sources.is_empty(), "{url} shows no photo");
            let page_folder = site.path().join("output").join(&url);
            for source in sources {
                let mut file = page_folder.clone();
                for part in source.split('/') {
                    match part {
                        ".." => {
                            file.pop();
                        }
                        "." | "" => {}
                        part => file.push(part),
                    }
                }
                assert!(file.is_file(), "{url}: {source} is not in the output");
            }
        }
    }
}

#[test]
fn the_generator_is_deterministic_and_writes_a_valid_site() {
    let first = corpus::generate(300, 11, false);
    let second = corpus::generate(300, 11, false);
    let texts =
        |c: &corpus::Corpus| -> Vec<String> { c.stories.iter().map(|s| s.body.clone()).collect() };
    assert_eq!(texts(&first), texts(&second));
    assert_ne!(texts(&first), texts(&corpus::generate(300, 12, false)));
    for story in &first.stories {
        let words = story
            .body
            .split_whitespace()
            .filter(|w| !matches!(*w, "##" | "-"))
            .count();
        assert!(
            (400..=600).contains(&words),
            "{}: {words} words",
            story.slug
        );
    }

    let site = tempfile::tempdir().unwrap();
    first.write_thidua(site.path()).unwrap();
    let output = common::thidua(site.path(), &["check", "--today", "2025-06-15"]);
    assert!(
        output.status.success() && common::stderr(&output).is_empty(),
        "check: {}",
        common::stderr(&output)
    );
}
