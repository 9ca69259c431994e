//! Any text as a date: parsed or refused, never a panic; a parsed date reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(date) = thidua::time::calendar::parse_date(text) {
        let iso = date.format("%Y-%m-%d").to_string();
        assert_eq!(thidua::time::calendar::parse_date(&iso), Ok(date), "{text:?}");
    }
});
