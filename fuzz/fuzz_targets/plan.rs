//! Any text as `content/plan.yaml`: parsing, resolving and computing the views never panic,
//! and every diagnostic points at a line of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    thidua::fuzzing::assert_lines_within(text, &thidua::fuzzing::plan(text));
});
