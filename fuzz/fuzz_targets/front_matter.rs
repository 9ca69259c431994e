//! Splitting a story into front matter and body never panics, and the two parts are the file
//! without its `---` lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((yaml, body)) = thidua::model::story::split_front_matter(source) {
        assert!(source.starts_with("---"));
        assert!(source.ends_with(body));
        let after_first_line = &source[source.find('\n').map_or(source.len(), |i| i + 1)..];
        assert!(after_first_line.starts_with(yaml));
        let closing = &after_first_line[yaml.len()..after_first_line.len() - body.len()];
        assert!(matches!(closing.trim_end(), "---" | "..."), "{closing:?}");
    }
});
