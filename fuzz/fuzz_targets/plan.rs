//! Any text as `content/plan.yaml`: parsing, resolving and computing the views never panic,
//! and every diagnostic points at a line of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Lines as the build counts them: the loader turns every CR into a line break.
    let lines = thidua::load::normalise_line_endings(text)
        .lines()
        .count()
        .max(1);
    for diagnostic in thidua::fuzzing::plan(text) {
        if let Some(line) = diagnostic.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {diagnostic}"
            );
        }
    }
});
