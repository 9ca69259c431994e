//! YAML parsing shared by the site config, the plan and story front matter: serde errors become
//! diagnostics with line and column, and unknown fields become warnings with a "did you mean".

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, line_of};
use crate::text::nearest;

/// Parses `source` as `T`. `line_offset` shifts reported lines (front matter starts on line 2 of
/// a story). `known_fields` are the valid keys, used to suggest the nearest one for a typo.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    source: &str,
    line_offset: usize,
    known_fields: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if source.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(path, "the file is empty")
                .at(Some(1 + line_offset), None)
                .with_hint("see the README for the fields this file needs"),
        );
        return None;
    }
    if let Some(line) = too_deeply_nested(source) {
        diagnostics.push(
            Diagnostic::error(
                path,
                format!("brackets are nested more than {MAX_FLOW_DEPTH} deep"),
            )
            .at(Some(line + line_offset), None)
            .with_hint("close the `[` and `{` that were opened, or put the text in quotes"),
        );
        return None;
    }
    let mut unknown = Vec::new();
    let deserializer = yaml_serde::Deserializer::from_str(source);
    let result: Result<T, _> =
        serde_ignored::deserialize(deserializer, |field| unknown.push(field.to_string()));
    // Unknown fields are reported even when parsing fails: a misspelt required field (`awrd:`)
    // is both "missing field `award`" and the typo that explains it.
    let unknown: Vec<(String, Diagnostic)> = unknown
        .into_iter()
        .map(|field_path| {
            let diagnostic = unknown_field(path, source, line_offset, &field_path, known_fields);
            (field_path, diagnostic)
        })
        .collect();
    let value = match result {
        Ok(value) => Some(value),
        Err(error) => {
            let mut diagnostic = Diagnostic::from_yaml(path, &error, source, line_offset);
            if let Some((typo, at)) = unknown
                .iter()
                .find(|(_, d)| is_missing_field_typo(&diagnostic.message, d))
            {
                let typo = typo.rsplit('.').next().unwrap_or(typo);
                diagnostic = diagnostic
                    .at(at.line, None)
                    .with_hint(format!("`{typo}` looks like a misspelling of it"));
            }
            diagnostics.push(diagnostic);
            None
        }
    };
    diagnostics.extend(unknown.into_iter().map(|(_, d)| d));
    value
}

/// Whether `unknown` (an unknown-field warning) suggests exactly the field a "missing field
/// `x`" error asks for.
fn is_missing_field_typo(message: &str, unknown: &Diagnostic) -> bool {
    let Some(missing) = message.strip_prefix("missing field ") else {
        return false;
    };
    let Some(missing) = missing.split('`').nth(1) else {
        return false;
    };
    unknown
        .hint
        .as_deref()
        .is_some_and(|hint| hint == format!("did you mean `{missing}`?"))
}

/// The deserializer refuses deeper nesting anyway, but the YAML scanner's time grows with the
/// square of the bracket depth, so thousands of `[` would stall a build before that.
const MAX_FLOW_DEPTH: usize = 128;

/// The 1-based line on which `[`/`{` nesting first exceeds [`MAX_FLOW_DEPTH`]. Brackets inside
/// quotes are counted too: no real file comes near the limit.
fn too_deeply_nested(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    for byte in source.bytes() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

fn unknown_field(
    path: &Path,
    source: &str,
    line_offset: usize,
    field_path: &str,
    known_fields: &[&str],
) -> Diagnostic {
    let key = field_path.rsplit('.').next().unwrap_or(field_path);
    let line = source
        .lines()
        .position(|line| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            trimmed.starts_with(&format!("{key}:")) || trimmed.starts_with(&format!("\"{key}\":"))
        })
        .map(|index| index + 1)
        .or_else(|| line_of(source, key));
    let diagnostic = Diagnostic::warning(path, format!("unknown field `{field_path}` is ignored"))
        .at(line.map(|l| l + line_offset), None);
    match nearest(key, known_fields.iter().copied()) {
        Some(candidate) => diagnostic.with_hint(format!("did you mean `{candidate}`?")),
        None => diagnostic.with_hint(format!("known fields: {}", known_fields.join(", "))),
    }
}
