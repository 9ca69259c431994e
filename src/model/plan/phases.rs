//! Resolving the plan's phases: real start dates, ids, and the checks between phases.

use std::path::Path;

use super::raw::*;
use super::*;

pub(super) fn resolve_phases(
    raw: Vec<RawPhase>,
    campaign: &Campaign,
    path: &Path,
    source: &str,
    report: &mut impl FnMut(Diagnostic),
) -> Vec<Phase> {
    let at = |needle: &str| line_of(source, needle);
    if raw.is_empty() {
        report(
            Diagnostic::error(path, "the plan has no phases")
                .at(at("phases:"), None)
                .with_hint("list at least one phase with name, start and end"),
        );
    }
    let mut phases: Vec<Phase> = Vec::with_capacity(raw.len());
    for phase in raw {
        let name_line = at(&format!("name: \"{}\"", phase.name)).or_else(|| at(&phase.name));
        let start = match (phase.start, campaign.launch) {
            (PhaseStart::Date(date), _) => date,
            (PhaseStart::Launch, Some(launch)) => launch,
            (PhaseStart::Launch, None) => {
                report(
                    Diagnostic::error(
                        path,
                        format!(
                            "phase “{}” starts at `launch`, but the campaign has no launch date",
                            phase.name
                        ),
                    )
                    .at(name_line, None)
                    .with_hint("add `launch: YYYY-MM-DD` under `campaign:`"),
                );
                continue;
            }
        };
        let id = phase.id.unwrap_or_else(|| text::slugify(&phase.name));
        if phase.end < start {
            report(
                Diagnostic::error(
                    path,
                    format!(
                        "phase “{}” ends ({}) before it starts ({})",
                        phase.name,
                        text::date_short(phase.end.0),
                        text::date_short(start.0)
                    ),
                )
                .at(name_line, None)
                .with_hint("swap the dates or correct the one that is wrong"),
            );
            continue;
        }
        if start < campaign.start || phase.end > campaign.end {
            report(
                Diagnostic::warning(
                    path,
                    format!(
                        "phase “{}” ({} – {}) reaches outside the campaign period ({} – {})",
                        phase.name,
                        text::date_short(start.0),
                        text::date_short(phase.end.0),
                        text::date_short(campaign.start.0),
                        text::date_short(campaign.end.0)
                    ),
                )
                .at(name_line, None),
            );
        }
        if phases.iter().any(|other| other.id == id) {
            report(
                Diagnostic::error(path, format!("two phases have the id `{id}`"))
                    .at(name_line, None)
                    .with_hint("give each phase its own `id` or name"),
            );
            continue;
        }
        for other in &phases {
            if start <= other.end && other.start <= phase.end {
                report(
                    Diagnostic::warning(
                        path,
                        format!(
                            "phases “{}” and “{}” overlap ({} – {})",
                            other.name,
                            phase.name,
                            text::date_short(start.max(other.start).0),
                            text::date_short(phase.end.min(other.end).0)
                        ),
                    )
                    .at(name_line, None)
                    .with_hint("this is allowed; stories in the overlap belong to the later phase"),
                );
            }
        }
        phases.push(Phase {
            id,
            name: phase.name,
            start,
            end: phase.end,
            from_launch: matches!(phase.start, PhaseStart::Launch),
            period_text: phase.period_text,
            theme: phase.theme,
            focus: phase.focus,
        });
    }
    phases
}
