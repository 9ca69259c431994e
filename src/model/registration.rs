//! Units' campaign launch registrations (`content/registrations.yaml`, optional): the date
//! each unit launches the campaign, as the plan asks units to register by e-mail. Contact
//! details are internal-only. No I/O.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Diagnostic, line_of};
use crate::model::plan::{Date, Plan};
use crate::text;

pub const REGISTRATION_FIELDS: &[&str] = &["unit", "sector", "launch_date", "place", "contact"];

#[derive(Debug, Deserialize)]
pub struct RawRegistration {
    unit: String,
    sector: Option<String>,
    launch_date: Date,
    place: Option<String>,
    contact: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Registration {
    pub unit: String,
    pub unit_slug: String,
    /// The sector's label from the plan.
    pub sector: Option<String>,
    pub launch_date: Date,
    pub place: Option<String>,
    /// Internal-only: never published in a public build.
    pub contact: Option<String>,
}

/// Checks registrations against the plan: launch dates inside the campaign period, known
/// sectors, and one registration per unit.
pub fn resolve(
    raw: Vec<RawRegistration>,
    plan: &Plan,
    path: &Path,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Registration> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut registrations = Vec::with_capacity(raw.len());
    for entry in raw {
        let line = line_of(source, &entry.unit);
        let fail = |message: String| Diagnostic::error(path, message).at(line, None);
        let unit_slug = text::slugify(&entry.unit);
        if let Some(first) = seen.insert(unit_slug.clone(), entry.unit.clone()) {
            diagnostics.push(
                fail(format!(
                    "unit “{}” is registered twice (also as “{first}”)",
                    entry.unit
                ))
                .with_hint("keep one registration per unit"),
            );
            continue;
        }
        let (start, end) = (plan.campaign.start.0, plan.campaign.end.0);
        let date = entry.launch_date.0;
        if date < start || date > end {
            diagnostics.push(
                fail(format!(
                    "“{}” launches on {}, outside the campaign period ({} – {})",
                    entry.unit,
                    text::date_short(date),
                    text::date_short(start),
                    text::date_short(end)
                ))
                .with_hint("check the year of `launch_date`"),
            );
            continue;
        }
        let sectors = plan.sector_list();
        let sector = match &entry.sector {
            None => None,
            Some(wanted) => match sectors
                .iter()
                .find(|s| s.id == wanted.trim() || s.name == wanted.trim())
            {
                Some(sector) => Some(sector.label().to_string()),
                None => {
                    let ids: Vec<&str> = sectors.iter().map(|s| s.id.as_str()).collect();
                    diagnostics.push(
                        fail(format!("unknown sector “{wanted}” for “{}”", entry.unit))
                            .with_hint(format!("use one of: {}", ids.join(", "))),
                    );
                    continue;
                }
            },
        };
        registrations.push(Registration {
            unit: entry.unit,
            unit_slug,
            sector,
            launch_date: entry.launch_date,
            place: entry.place,
            contact: entry.contact,
        });
    }
    registrations.sort_by(|a, b| {
        a.launch_date
            .cmp(&b.launch_date)
            .then_with(|| a.unit_slug.cmp(&b.unit_slug))
    });
    registrations
}
