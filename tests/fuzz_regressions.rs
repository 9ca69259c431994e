//! Inputs the fuzz targets in `fuzz/` once failed on, kept so the bugs stay fixed. Each file in
//! `tests/fuzz_inputs/` is named after its target (`plan-…`, `story-…`, `front_matter-…`,
//! `date-…`) and is checked the way that target checks it.

use std::fs;

fn inputs() -> Vec<(String, String)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_inputs");
    let mut inputs: Vec<(String, String)> = fs::read_dir(&folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            // Inputs that are not UTF-8 never reach the parsers (the loader refuses them).
            let text = String::from_utf8(fs::read(&path).unwrap()).unwrap();
            (name, text)
        })
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn inputs_that_once_failed_a_fuzz_target_pass_it() {
    let inputs = inputs();
    assert!(!inputs.is_empty());
    for (name, text) in &inputs {
        let target = name.split('-').next().unwrap();
        match target {
            // The same check as the fuzz targets (a failure names the input in stderr).
            "plan" => {
                eprintln!("checking {name}");
                thidua::fuzzing::assert_lines_within(text, &thidua::fuzzing::plan(text));
            }
            "story" => {
                eprintln!("checking {name}");
                thidua::fuzzing::assert_lines_within(text, &thidua::fuzzing::story(text));
            }
            "front_matter" => {
                if let Ok((_, body)) = thidua::model::story::split_front_matter(text) {
                    assert!(text.ends_with(body), "{name}");
                }
            }
            "date" => {
                if let Ok(date) = thidua::time::calendar::parse_date(text) {
                    let iso = date.format("%Y-%m-%d").to_string();
                    assert_eq!(thidua::time::calendar::parse_date(&iso), Ok(date), "{name}");
                }
            }
            other => panic!("{name}: unknown fuzz target {other}"),
        }
    }
}

#[test]
fn a_lone_carriage_return_counts_as_a_line_break() {
    // What the first fuzz findings came down to: the YAML parser counts a lone CR as a line
    // break, so the loader makes every line ending a LF before anything counts lines.
    let diagnostics = thidua::fuzzing::plan("document:\r\r\r  number: [\r");
    let lines: Vec<usize> = diagnostics.iter().filter_map(|d| d.line).collect();
    assert!(!lines.is_empty(), "{diagnostics:?}");
    assert!(lines.iter().all(|line| *line <= 5), "{diagnostics:?}");
}
