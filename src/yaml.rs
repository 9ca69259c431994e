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
    let mut unknown = Vec::new();
    let deserializer = yaml_serde::Deserializer::from_str(source);
    let result: Result<T, _> =
        serde_ignored::deserialize(deserializer, |field| unknown.push(field.to_string()));
    match result {
        Ok(value) => {
            for field_path in unknown {
                diagnostics.push(unknown_field(
                    path,
                    source,
                    line_offset,
                    &field_path,
                    known_fields,
                ));
            }
            Some(value)
        }
        Err(error) => {
            diagnostics.push(Diagnostic::from_yaml(path, &error, source, line_offset));
            None
        }
    }
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
