//! The campaign plan: the serde model of `content/plan.yaml` ([`raw`], [`document`]) and its
//! resolution into validated types (phases with real dates, anniversaries with computed
//! ordinals). No I/O.

mod anniversaries;
mod document;
mod phases;
mod raw;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Diagnostic, line_of};
use crate::model::audience::{Audience, Visibility};
use crate::text;
use crate::time::calendar;
use crate::time::lunar::{self, LunarDay};

pub use document::*;
use raw::RawAward;
pub use raw::{PLAN_FIELDS, RawPlan};

// ---------------------------------------------------------------------------------------------
// The resolved plan.

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub document: Document,
    pub campaign: Campaign,
    pub themes: Vec<Theme>,
    pub purpose: Option<Purpose>,
    pub sectors: Option<Sectors>,
    pub schedule: Option<Schedule>,
    pub phases: Vec<Phase>,
    pub anniversaries: Vec<Anniversary>,
    pub awards: Vec<Award>,
    pub implementation: Option<Implementation>,
    pub registration_email: Option<String>,
    pub recipients: Vec<String>,
    pub signer: Option<Signer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Campaign {
    pub name: String,
    pub start: Date,
    pub end: Date,
    pub launch: Option<Date>,
    /// The plan's own word for its parts ("Đợt", "Giai đoạn"); the language's default when
    /// the plan names none.
    pub phase_word: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
    /// True when the plan says the phase starts "from the launch".
    pub from_launch: bool,
    pub period_text: Option<String>,
    pub theme: Option<RichText>,
    pub focus: Option<RichText>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Anniversary {
    pub id: String,
    pub name: String,
    /// The original event, when the plan gives its year; yearly days (30/4) have none.
    pub origin: Option<Date>,
    /// The solar month and day (for a lunar day: those of `date`, when it has one).
    pub month: u32,
    pub day: u32,
    /// The lunar day, for days the lunar calendar fixes (Tết Nguyên đán is 1/1).
    pub lunar: Option<LunarDay>,
    /// The lunar date of `date`, shown beside it (see [`Anniversary::lunar_label_in`]).
    #[serde(skip)]
    pub lunar_date: Option<lunar::LunarDate>,
    /// The day it falls on within the campaign period (the first, if the period holds two).
    pub date: Option<Date>,
    /// The Nth anniversary on `date`, computed from `origin`.
    pub ordinal: Option<i32>,
    /// "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam", or the name for a yearly day.
    pub title: String,
    pub phase: Option<String>,
    pub plan_wording: Option<RichText>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Award {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

impl Anniversary {
    /// "mùng 1 Tết Giáp Thìn": the lunar date of `date` in the site's language, for days the
    /// lunar calendar fixes.
    pub fn lunar_label_in(&self, language: &crate::i18n::Language) -> Option<String> {
        self.lunar_date.map(|date| lunar::label(date, language))
    }

    /// The title in the site's language: "Kỷ niệm 95 năm {name}" when the ordinal is known,
    /// the name (content, as written) otherwise.
    pub fn title_in(&self, language: &crate::i18n::Language) -> String {
        match self.ordinal {
            Some(n) => language.fill(
                "anniversary_title",
                &[("n", &n.to_string()), ("name", &self.name)],
            ),
            None => self.name.clone(),
        }
    }
}

impl Plan {
    /// The phase a date belongs to; when phases overlap, the one that started last.
    pub fn phase_for(&self, date: NaiveDate) -> Option<&Phase> {
        self.phases
            .iter()
            .filter(|phase| phase.start.0 <= date && date <= phase.end.0)
            .max_by_key(|phase| phase.start)
    }

    /// Removes every part marked `visibility: internal` unless the audience may see it.
    pub fn restrict_to(&mut self, audience: Audience) {
        let visible = |v: &Visibility| audience.may_see(*v);
        if self
            .purpose
            .as_ref()
            .is_some_and(|p| !visible(&p.visibility))
        {
            self.purpose = None;
        }
        if self
            .schedule
            .as_ref()
            .is_some_and(|p| !visible(&p.visibility))
        {
            self.schedule = None;
        }
        if self
            .sectors
            .as_ref()
            .is_some_and(|p| !visible(&p.visibility))
        {
            self.sectors = None;
        }
        if let Some(sectors) = &mut self.sectors {
            sectors.list.retain(|sector| visible(&sector.visibility));
            for sector in &mut sectors.list {
                sector.items.retain(|item| visible(&item.visibility));
            }
        }
        if self
            .implementation
            .as_ref()
            .is_some_and(|p| !visible(&p.visibility))
        {
            self.implementation = None;
        }
        if let Some(implementation) = &mut self.implementation {
            for list in [
                &mut implementation.solutions,
                &mut implementation.organization,
            ] {
                if list.as_ref().is_some_and(|l| !visible(&l.visibility)) {
                    *list = None;
                }
                if let Some(list) = list {
                    list.items.retain(|item| visible(&item.visibility));
                }
            }
        }
    }

    pub fn sector_list(&self) -> &[Sector] {
        self.sectors
            .as_ref()
            .map(|s| s.list.as_slice())
            .unwrap_or(&[])
    }

    /// Every movement named in the plan, in document order, without repeats.
    pub fn movements(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.sector_list()
            .iter()
            .flat_map(|sector| sector.items.iter())
            .flat_map(|item| item.movements.iter())
            .map(String::as_str)
            .filter(|name| seen.insert(*name))
            .collect()
    }
}

/// Validates the parsed plan and computes what later stages need. Problems go to
/// `diagnostics`; the plan is returned even when some are errors, so stories can still be
/// checked against it in the same run (the caller refuses to build on any error).
pub fn resolve(raw: RawPlan, path: &Path, source: &str, diagnostics: &mut Vec<Diagnostic>) -> Plan {
    let mut report = |diagnostic: Diagnostic| diagnostics.push(diagnostic);
    let at = |needle: &str| line_of(source, needle);

    let campaign = Campaign {
        name: raw.campaign.name,
        start: raw.campaign.start,
        end: raw.campaign.end,
        launch: raw.campaign.launch,
        phase_word: raw
            .campaign
            .phase_word
            .map(|word| word.trim().to_string())
            .filter(|word| !word.is_empty()),
    };
    if campaign.end < campaign.start {
        report(
            Diagnostic::error(
                path,
                format!(
                    "the campaign ends ({}) before it starts ({})",
                    text::date_short(campaign.end.0),
                    text::date_short(campaign.start.0)
                ),
            )
            .at(at("campaign:"), None),
        );
    }

    let phases = phases::resolve_phases(raw.phases, &campaign, path, source, &mut report);
    let anniversaries = anniversaries::resolve_anniversaries(
        raw.anniversaries,
        &campaign,
        &phases,
        path,
        source,
        &mut report,
    );
    let awards = resolve_awards(raw.awards, path, source, &mut report);

    if let Some(sectors) = &raw.sectors {
        let mut ids = HashSet::new();
        for sector in &sectors.list {
            if !ids.insert(sector.id.as_str()) {
                report(
                    Diagnostic::error(path, format!("two sectors have the id `{}`", sector.id))
                        .at(at(&format!("id: {}", sector.id)), None)
                        .with_hint("give each sector its own id"),
                );
            }
        }
    }

    Plan {
        document: raw.document,
        campaign,
        themes: raw.themes,
        purpose: raw.purpose,
        sectors: raw.sectors,
        schedule: raw.schedule,
        phases,
        anniversaries,
        awards,
        implementation: raw.implementation,
        registration_email: raw.registration_email,
        recipients: raw.recipients,
        signer: raw.signer,
    }
}

fn resolve_awards(
    raw: Vec<RawAward>,
    path: &Path,
    source: &str,
    report: &mut impl FnMut(Diagnostic),
) -> Vec<Award> {
    if raw.is_empty() {
        report(
            Diagnostic::error(path, "the plan lists no award titles")
                .at(line_of(source, "awards:"), None)
                .with_hint(
                    "list the titles units register for, e.g. `- name: \"Người tốt, việc tốt\"`",
                ),
        );
    }
    let mut awards: Vec<Award> = Vec::with_capacity(raw.len());
    for award in raw {
        let id = award.id.unwrap_or_else(|| text::slugify(&award.name));
        if awards.iter().any(|other| other.id == id) {
            report(
                Diagnostic::error(path, format!("two award titles have the id `{id}`"))
                    .at(line_of(source, &award.name), None),
            );
            continue;
        }
        awards.push(Award {
            id,
            name: award.name,
            description: award.description,
        });
    }
    awards
}
