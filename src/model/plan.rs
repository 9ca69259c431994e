//! The campaign plan: the serde model of `content/plan.yaml` and its resolution into validated
//! types (phases with real dates, anniversaries with computed ordinals). No I/O.

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Diagnostic, line_of};
use crate::markup::markdown;
use crate::model::audience::{Audience, Visibility};
use crate::text;
use crate::time::calendar;
use crate::time::lunar::{self, LunarDay};

/// A date as written in YAML (`2024-03-01` or `01/03/2024`); shown to templates as
/// `{iso, short, long}` so they never format dates themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// Deserializes a string through `parse`, raising the error inside the visitor so the YAML
/// parser attaches the value's line and column to it.
fn deserialize_text<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct TextVisitor<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> serde::de::Visitor<'_> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            (self.parse)(value).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(TextVisitor { expecting, parse })
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "a date (YYYY-MM-DD)", |text| {
            calendar::parse_date(text).map(Date)
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DateView::from(self.0).serialize(serializer)
    }
}

/// How a date reaches templates.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub short: String,
    pub long: String,
    pub year: i32,
    pub month: u32,
}

impl From<NaiveDate> for DateView {
    fn from(date: NaiveDate) -> Self {
        Self {
            iso: date.format("%Y-%m-%d").to_string(),
            short: text::date_short(date),
            long: text::date_long(date),
            year: date.year(),
            month: date.month(),
        }
    }
}

/// Text with inline Markdown (`*italic*`, `**bold**`); templates get `{html, plain}`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct RichText(pub String);

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View {
            html: String,
            plain: String,
        }
        View {
            html: markdown::inline(&self.0),
            plain: markdown::plain(&self.0),
        }
        .serialize(serializer)
    }
}

// ---------------------------------------------------------------------------------------------
// The YAML model. Types used unchanged by templates are shared with the resolved plan.

#[derive(Debug, Clone, Deserialize)]
pub struct RawPlan {
    document: Document,
    campaign: RawCampaign,
    #[serde(default)]
    themes: Vec<Theme>,
    purpose: Option<Purpose>,
    sectors: Option<Sectors>,
    schedule: Option<Schedule>,
    phases: Vec<RawPhase>,
    #[serde(default)]
    anniversaries: Vec<RawAnniversary>,
    awards: Vec<RawAward>,
    implementation: Option<Implementation>,
    registration_email: Option<String>,
    #[serde(default)]
    recipients: Vec<String>,
    signer: Option<Signer>,
}

/// Every key the plan format knows, for "did you mean" hints on typos.
pub const PLAN_FIELDS: &[&str] = &[
    "document",
    "kind",
    "number",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "title",
    "basis",
    "context",
    "preamble",
    "campaign",
    "name",
    "start",
    "end",
    "launch",
    "themes",
    "level",
    "text",
    "purpose",
    "heading",
    "requirements",
    "sectors",
    "list",
    "id",
    "short_name",
    "items",
    "movements",
    "schedule",
    "intro",
    "phases",
    "period_text",
    "theme",
    "focus",
    "anniversaries",
    "origin",
    "day",
    "lunar",
    "origin_year",
    "ordinal",
    "phase",
    "plan_wording",
    "awards",
    "description",
    "implementation",
    "solutions",
    "organization",
    "closing",
    "registration_email",
    "recipients",
    "signer",
    "on_behalf",
    "visibility",
];

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Document {
    #[serde(default = "default_kind")]
    pub kind: String,
    pub number: String,
    pub issuer: String,
    pub parent_issuer: Option<String>,
    pub place: String,
    pub date: Date,
    pub title: RichText,
    pub basis: Option<RichText>,
    #[serde(default)]
    pub context: Vec<RichText>,
    pub preamble: Option<RichText>,
}

fn default_kind() -> String {
    "Kế hoạch".to_string()
}

#[derive(Debug, Clone, Deserialize)]
struct RawCampaign {
    name: String,
    start: Date,
    end: Date,
    launch: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Theme {
    pub level: String,
    pub text: RichText,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Purpose {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    #[serde(default)]
    pub purpose: Vec<RichText>,
    #[serde(default)]
    pub requirements: Vec<RichText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Sectors {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub list: Vec<Sector>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Sector {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub id: String,
    pub number: Option<String>,
    pub name: String,
    pub short_name: Option<String>,
    #[serde(default)]
    pub items: Vec<Item>,
}

impl Sector {
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Item {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub number: Option<String>,
    pub text: RichText,
    #[serde(default)]
    pub movements: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Schedule {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub intro: Option<RichText>,
}

#[derive(Debug, Clone, Deserialize)]
struct RawPhase {
    id: Option<String>,
    name: String,
    start: PhaseStart,
    end: Date,
    period_text: Option<String>,
    theme: Option<RichText>,
    focus: Option<RichText>,
}

/// A phase starts on a date or "from the launch" of the campaign.
#[derive(Debug, Clone, Copy)]
enum PhaseStart {
    Date(Date),
    Launch,
}

impl<'de> Deserialize<'de> for PhaseStart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "a date (YYYY-MM-DD) or `launch`", |text| {
            if text.trim() == "launch" {
                return Ok(PhaseStart::Launch);
            }
            calendar::parse_date(text)
                .map(|date| PhaseStart::Date(Date(date)))
                .map_err(|message| format!("{message} (or write `launch`)"))
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
struct RawAnniversary {
    id: Option<String>,
    name: String,
    origin: Option<Date>,
    day: Option<String>,
    /// A day of the lunar calendar, `DD/MM` (or `MM-DD`): Tết is `01/01`.
    lunar: Option<String>,
    /// For a lunar day: the year of the original event, to count the Nth anniversary.
    origin_year: Option<i32>,
    ordinal: Option<i32>,
    phase: Option<String>,
    plan_wording: Option<RichText>,
}

#[derive(Debug, Clone, Deserialize)]
struct RawAward {
    id: Option<String>,
    name: String,
    description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Implementation {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub solutions: Option<NumberedList>,
    pub organization: Option<NumberedList>,
    pub closing: Option<RichText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct NumberedList {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Signer {
    pub on_behalf: Option<String>,
    pub title: Option<String>,
    pub name: String,
}

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

    let phases = resolve_phases(raw.phases, &campaign, path, source, &mut report);
    let anniversaries = resolve_anniversaries(
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

fn resolve_phases(
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

fn resolve_anniversaries(
    raw: Vec<RawAnniversary>,
    campaign: &Campaign,
    phases: &[Phase],
    path: &Path,
    source: &str,
    report: &mut impl FnMut(Diagnostic),
) -> Vec<Anniversary> {
    let mut anniversaries = Vec::with_capacity(raw.len());
    for anniversary in raw {
        let line = line_of(source, &format!("name: \"{}\"", anniversary.name))
            .or_else(|| line_of(source, &anniversary.name));
        let fail = |message: String| Diagnostic::error(path, message).at(line, None);
        let parsed = match (&anniversary.origin, &anniversary.day, &anniversary.lunar) {
            (Some(origin), None, None) => Ok(Yearly::Solar(origin.0.month(), origin.0.day())),
            (None, Some(day), None) => {
                parse_day_month(day).map(|(month, day)| Yearly::Solar(month, day))
            }
            (None, None, Some(lunar)) => lunar::parse_day(lunar).map(Yearly::Lunar),
            (None, None, None) => {
                report(
                    fail(format!("anniversary “{}” has no date", anniversary.name)).with_hint(
                        "add `origin: YYYY-MM-DD` (e.g. 1929-07-28), `day: DD/MM` (e.g. 30/04) or `lunar: DD/MM` (e.g. 10/03)",
                    ),
                );
                continue;
            }
            _ => {
                report(
                    fail(format!("anniversary “{}” has more than one of `origin`, `day` and `lunar`", anniversary.name))
                        .with_hint("use `origin: YYYY-MM-DD` when the year is known, `day: DD/MM` for a yearly day, `lunar: DD/MM` for a lunar day"),
                );
                continue;
            }
        };
        let yearly = match parsed {
            Ok(yearly) => yearly,
            Err(message) => {
                report(fail(format!(
                    "anniversary “{}”: {message}",
                    anniversary.name
                )));
                continue;
            }
        };
        if anniversary.origin_year.is_some() && !matches!(yearly, Yearly::Lunar(_)) {
            report(
                fail(format!(
                    "anniversary “{}”: `origin_year` is only for lunar days",
                    anniversary.name
                ))
                .with_hint("for a solar date write the whole original date: `origin: YYYY-MM-DD`"),
            );
            continue;
        }
        let (start, end) = (campaign.start.0, campaign.end.0);
        let (date, lunar_date) = match yearly {
            Yearly::Solar(month, day) => (
                calendar::occurrences_between(month, day, start, end)
                    .first()
                    .copied(),
                None,
            ),
            Yearly::Lunar(lunar_day) => lunar::occurrences_between(lunar_day, start, end)
                .first()
                .map_or((None, None), |(date, lunar)| (Some(*date), Some(*lunar))),
        };
        let origin_year = anniversary
            .origin
            .map(|o| o.0.year())
            .or(anniversary.origin_year);
        let ordinal = match (
            anniversary.origin,
            anniversary.origin_year,
            date,
            lunar_date,
        ) {
            (Some(origin), _, Some(date), _) => Some(calendar::ordinal(origin.0, date)),
            (None, Some(year), _, Some(lunar)) => Some(lunar.year - year),
            _ => None,
        };
        let (month, day) = match (yearly, date) {
            (Yearly::Solar(month, day), _) => (month, day),
            (Yearly::Lunar(_), Some(date)) => (date.month(), date.day()),
            (Yearly::Lunar(lunar), None) => (lunar.month, lunar.day),
        };
        if date.is_none() {
            let written = match yearly {
                Yearly::Solar(month, day) => format!("{day:02}/{month:02}"),
                Yearly::Lunar(lunar) => format!("{:02}/{:02} âm lịch", lunar.day, lunar.month),
            };
            report(
                Diagnostic::warning(
                    path,
                    format!(
                        "anniversary “{}” ({written}) does not fall within the campaign period",
                        anniversary.name
                    ),
                )
                .at(line, None),
            );
        }
        if let Some(stated) = anniversary.ordinal {
            match (origin_year, ordinal) {
                (None, _) => {
                    report(
                        fail(format!(
                            "anniversary “{}” states ordinal {stated} but has no `origin` year to check it against",
                            anniversary.name
                        ))
                        .with_hint("give `origin: YYYY-MM-DD` (or `origin_year` for a lunar day), or remove `ordinal`"),
                    );
                    continue;
                }
                (Some(origin_year), Some(computed)) if computed != stated => {
                    report(
                        fail(format!(
                            "anniversary “{}”: the plan says {stated} năm, but {} to {} is the {computed}th anniversary",
                            anniversary.name,
                            origin_year,
                            origin_year + computed
                        ))
                        .with_hint(format!("correct `ordinal` to {computed} or fix `origin`")),
                    );
                    continue;
                }
                _ => {}
            }
        }
        if let Some(phase_id) = &anniversary.phase {
            match phases.iter().find(|phase| &phase.id == phase_id) {
                None => {
                    let known: Vec<&str> = phases.iter().map(|p| p.id.as_str()).collect();
                    report(
                        fail(format!(
                            "anniversary “{}” names unknown phase `{phase_id}`",
                            anniversary.name
                        ))
                        .with_hint(format!("known phases: {}", known.join(", "))),
                    );
                    continue;
                }
                Some(phase) => {
                    if let Some(date) = date
                        && (date < phase.start.0 || date > phase.end.0)
                    {
                        report(
                            Diagnostic::warning(
                                path,
                                format!(
                                    "anniversary “{}” ({}) is listed under phase “{}”, but falls outside it",
                                    anniversary.name,
                                    text::date_short(date),
                                    phase.name
                                ),
                            )
                            .at(line, None),
                        );
                    }
                }
            }
        }
        let title = match ordinal {
            Some(n) => format!("Kỷ niệm {n} năm {}", anniversary.name),
            None => anniversary.name.clone(),
        };
        anniversaries.push(Anniversary {
            id: anniversary
                .id
                .unwrap_or_else(|| text::slugify(&anniversary.name)),
            name: anniversary.name,
            origin: anniversary.origin,
            month,
            day,
            lunar: match yearly {
                Yearly::Lunar(lunar) => Some(lunar),
                Yearly::Solar(..) => None,
            },
            lunar_date,
            date: date.map(Date),
            ordinal,
            title,
            phase: anniversary.phase,
            plan_wording: anniversary.plan_wording,
        });
    }
    anniversaries.sort_by_key(|a| (a.date.is_none(), a.date, a.month, a.day));
    anniversaries
}

/// How an anniversary recurs: on a solar month and day, or on a lunar day.
#[derive(Clone, Copy)]
enum Yearly {
    Solar(u32, u32),
    Lunar(LunarDay),
}

/// "30/04" or "30/4" → (4, 30).
fn parse_day_month(text: &str) -> Result<(u32, u32), String> {
    let (day, month) = text
        .trim()
        .split_once('/')
        .ok_or_else(|| format!("`day: {text}` is not a day: write it as DD/MM, e.g. 30/04"))?;
    let day: u32 = day
        .trim()
        .parse()
        .map_err(|_| format!("`day: {text}`: “{day}” is not a number"))?;
    let month: u32 = month
        .trim()
        .parse()
        .map_err(|_| format!("`day: {text}`: “{month}” is not a month number"))?;
    // 2024 is a leap year, so 29/02 is accepted as a yearly day.
    if !(1..=12).contains(&month) || NaiveDate::from_ymd_opt(2024, month, day).is_none() {
        return Err(format!("`day: {text}` does not exist in the calendar"));
    }
    Ok((month, day))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_month_parsing() {
        assert_eq!(parse_day_month("30/04"), Ok((4, 30)));
        assert_eq!(parse_day_month("1/5"), Ok((5, 1)));
        assert_eq!(parse_day_month("29/02"), Ok((2, 29)));
        assert!(parse_day_month("31/04").is_err());
        assert!(parse_day_month("30-04").is_err());
        assert!(parse_day_month("x/04").is_err());
    }
}
