//! The plan as written: the serde model of `content/plan.yaml`, before it is resolved. Types
//! that templates use unchanged live in [`super::document`].

use serde::{Deserialize, Deserializer};

use super::document::*;
use crate::time::calendar;

#[derive(Debug, Clone, Deserialize)]
pub struct RawPlan {
    pub(super) document: Document,
    pub(super) campaign: RawCampaign,
    #[serde(default)]
    pub(super) themes: Vec<Theme>,
    pub(super) purpose: Option<Purpose>,
    pub(super) sectors: Option<Sectors>,
    pub(super) schedule: Option<Schedule>,
    pub(super) phases: Vec<RawPhase>,
    #[serde(default)]
    pub(super) anniversaries: Vec<RawAnniversary>,
    pub(super) awards: Vec<RawAward>,
    pub(super) implementation: Option<Implementation>,
    pub(super) registration_email: Option<String>,
    #[serde(default)]
    pub(super) recipients: Vec<String>,
    pub(super) signer: Option<Signer>,
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
    "phase_word",
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

#[derive(Debug, Clone, Deserialize)]
pub(super) struct RawCampaign {
    pub(super) name: String,
    pub(super) start: Date,
    pub(super) end: Date,
    pub(super) launch: Option<Date>,
    pub(super) phase_word: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct RawPhase {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) start: PhaseStart,
    pub(super) end: Date,
    pub(super) period_text: Option<String>,
    pub(super) theme: Option<RichText>,
    pub(super) focus: Option<RichText>,
}

/// A phase starts on a date or "from the launch" of the campaign.
#[derive(Debug, Clone, Copy)]
pub(super) enum PhaseStart {
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
pub(super) struct RawAnniversary {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) origin: Option<Date>,
    pub(super) day: Option<String>,
    /// A day of the lunar calendar, `DD/MM` (or `MM-DD`): Tết is `01/01`.
    pub(super) lunar: Option<String>,
    /// For a lunar day: the year of the original event, to count the Nth anniversary.
    pub(super) origin_year: Option<i32>,
    pub(super) ordinal: Option<i32>,
    pub(super) phase: Option<String>,
    pub(super) plan_wording: Option<RichText>,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct RawAward {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) description: Option<String>,
}
