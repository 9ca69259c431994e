//! Entry points for the fuzz targets in `fuzz/` and their regression tests: each runs a stage
//! of the build on arbitrary text exactly as a build would (after the loader has normalised line
//! endings). Not a stable API.

use std::path::Path;

use chrono::Duration;

use crate::error::Diagnostic;
use crate::{model::plan, model::story, pipeline::views, source::load, source::yaml};

/// Parses and resolves `text` as `content/plan.yaml`; when it has no errors, also computes every
/// view (phases, countdowns, timeline positions) before, during and after the campaign.
pub fn plan(text: &str) -> Vec<Diagnostic> {
    let text = &load::normalise_line_endings(text);
    let path = Path::new("content/plan.yaml");
    let mut diagnostics = Vec::new();
    let Some(raw) =
        yaml::parse::<plan::RawPlan>(path, text, 0, plan::PLAN_FIELDS, &mut diagnostics)
    else {
        return diagnostics;
    };
    let plan = plan::resolve(raw, path, text, &mut diagnostics);
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let (start, end) = (plan.campaign.start.0, plan.campaign.end.0);
        let days = [
            start.checked_sub_signed(Duration::days(400)),
            Some(start),
            end.checked_add_signed(Duration::days(400)),
        ];
        let language =
            crate::pipeline::theme::embedded_language("vi").expect("the default theme speaks vi");
        for today in days.into_iter().flatten() {
            views::compute(&plan, &[], today, &Default::default(), &language);
        }
    }
    diagnostics
}

/// Parses `text` as a story file (front matter and Markdown body).
pub fn story(text: &str) -> Vec<Diagnostic> {
    let text = &load::normalise_line_endings(text);
    let mut diagnostics = Vec::new();
    story::parse(
        Path::new("content/stories/fuzz.md"),
        text,
        &[],
        &mut diagnostics,
    );
    diagnostics
}

/// Panics unless every diagnostic's line lies within `text`, counting lines as the build does
/// (the loader turns every CR into a line break; one line past the end marks end of input).
pub fn assert_lines_within(text: &str, diagnostics: &[Diagnostic]) {
    let lines = crate::source::load::normalise_line_endings(text)
        .lines()
        .count()
        .max(1);
    for diagnostic in diagnostics {
        if let Some(line) = diagnostic.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {diagnostic}"
            );
        }
    }
}
