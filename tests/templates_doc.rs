//! The README's "Templates and what they receive" section is held to what the code passes:
//! every page template and every key of its context is documented, and nothing documented is
//! missing. Builds the bundled site for both audiences so every template is rendered.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use thidua::{Audience, BuildOptions};

/// Backticked names at parenthesis depth 0 in `text`.
fn top_level_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0i32;
    let mut in_tick = false;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '`' if in_tick => {
                in_tick = false;
                if depth == 0 {
                    names.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            '`' => in_tick = true,
            _ if in_tick => current.push(c),
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
    }
    names
}

/// (shared keys, template → keys) as the README documents them.
fn documented() -> (BTreeSet<String>, BTreeMap<String, BTreeSet<String>>) {
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    let section = readme
        .split("## Templates and what they receive")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has the templates section");
    let shared_sentence = section
        .split("Every template receives the shared values")
        .nth(1)
        .and_then(|rest| rest.split("and every page also gets").next())
        .expect("the shared values are listed");
    let shared: BTreeSet<String> = top_level_names(shared_sentence).into_iter().collect();

    // Bullets, with their continuation lines joined.
    let mut bullets: Vec<String> = Vec::new();
    for line in section.lines() {
        if let Some(bullet) = line.strip_prefix("- ") {
            bullets.push(bullet.to_string());
        } else if line.starts_with("  ")
            && let Some(last) = bullets.last_mut()
        {
            last.push(' ');
            last.push_str(line.trim());
        }
    }
    let mut templates = BTreeMap::new();
    for bullet in bullets {
        let Some((head, rest)) = bullet.split_once(": ") else {
            continue;
        };
        let names: Vec<String> = top_level_names(head)
            .into_iter()
            .filter(|n| n.ends_with(".html"))
            .collect();
        if names.is_empty() {
            continue;
        }
        let keys: BTreeSet<String> = if rest.starts_with("the shared values only") {
            BTreeSet::new()
        } else {
            top_level_names(rest).into_iter().collect()
        };
        for name in names {
            templates.insert(name, keys.clone());
        }
    }
    (shared, templates)
}

#[test]
fn readme_documents_exactly_what_templates_receive() {
    let (shared, documented) = documented();
    let expected_shared: BTreeSet<String> = thidua::pipeline::render::GLOBALS
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        shared, expected_shared,
        "the README's shared values differ from render::GLOBALS"
    );

    let site = common::fixture("bundled");
    let mut passed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (audience, output) in [
        (Audience::Public, "public"),
        (Audience::Internal, "internal"),
    ] {
        let report = thidua::build(&BuildOptions {
            root: site.path().to_path_buf(),
            output: Some(site.path().join(output)),
            today: chrono::NaiveDate::from_ymd_opt(2024, 8, 10),
            audience,
            cache_dir: Some(common::manifest_dir().join("target/test-photo-cache")),
            ..BuildOptions::default()
        })
        .expect("the bundled site builds");
        for (template, keys) in report.template_contexts {
            let keys = keys
                .into_iter()
                .filter(|k| !matches!(*k, "root" | "page"))
                .map(str::to_string);
            passed.entry(template.to_string()).or_default().extend(keys);
        }
    }
    assert_eq!(
        documented.keys().collect::<Vec<_>>(),
        passed.keys().collect::<Vec<_>>(),
        "documented templates differ from the rendered ones"
    );
    for (template, keys) in &passed {
        assert_eq!(
            &documented[template], keys,
            "{template}: README and code disagree"
        );
    }
}
