//! The compute stage: turns the validated plan and stories plus "today" into the values
//! templates show (phase status and progress, countdowns, groupings, counts). Pure.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::Language;
use crate::model::plan::{DateView, Plan};
use crate::model::story::Story;
use crate::pipeline::photos::PhotoSet;
use crate::text;
use crate::text::collate;
use crate::time::calendar::{self, Countdown, PhaseState};
use rayon::slice::ParallelSliceMut;

/// URL paths of the site's sections, relative to the site root.
pub mod urls {
    pub const PLAN: &str = "ke-hoach/";
    pub const TIMELINE: &str = "tien-do/";
    pub const ANNIVERSARIES: &str = "ky-niem/";
    pub const HONOR_ROLL: &str = "bang-vang/";
    pub const UNITS: &str = "don-vi/";
    pub const REGISTRATIONS: &str = "lich-phat-dong/";
    pub const BULLETINS: &str = "ban-tin/";
    pub const STATISTICS: &str = "thong-ke/";
    pub const SEARCH: &str = "tim-kiem/";

    pub fn story(slug: &str) -> String {
        format!("{HONOR_ROLL}{slug}/")
    }

    pub fn unit(slug: &str) -> String {
        format!("{UNITS}{slug}/")
    }
}

#[derive(Serialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub start: DateView,
    pub end: DateView,
    pub from_launch: bool,
    pub state: PhaseState,
    /// Share of the phase's days begun, 0–100, and as shown ("28,6%").
    pub percent: f64,
    pub percent_label: String,
    pub days_total: i64,
    pub days_elapsed: i64,
    pub days_left: i64,
    pub days_until_start: i64,
    /// Placement on the timeline axis, in percent of its width, and the row it sits in
    /// (overlapping phases get separate rows).
    pub axis_left: f64,
    pub axis_width: f64,
    pub lane: usize,
    pub story_count: usize,
    /// Index into the plan's phases, for the theme/focus text.
    pub index: usize,
}

#[derive(Serialize)]
pub struct AnniversaryView {
    pub id: String,
    pub name: String,
    pub title: String,
    pub ordinal: Option<i32>,
    pub origin: Option<DateView>,
    pub date: Option<DateView>,
    /// "mùng 1 Tết Giáp Thìn", for a day the lunar calendar fixes.
    pub lunar_label: Option<String>,
    pub countdown: Option<Countdown>,
    pub countdown_label: String,
    pub phase_name: Option<String>,
    pub axis_left: Option<f64>,
}

#[derive(Serialize, Clone)]
pub struct StoryCard {
    pub slug: String,
    pub url: String,
    pub name: String,
    pub headline: String,
    pub unit: String,
    pub unit_url: String,
    pub award: String,
    pub award_id: String,
    pub phase: Option<String>,
    pub date: DateView,
    pub summary: String,
    /// The card-size photo (path from the site root), with its size when it is a raster.
    pub photo: Option<String>,
    pub photo_width: Option<u32>,
    pub photo_height: Option<u32>,
    pub photo_alt: String,
    pub initials: String,
    /// Hue (0–359) of the initials avatar, stable per name.
    pub avatar_hue: u32,
}

/// What a listing groups stories by; each kind has its own URL prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListingKind {
    Award,
    Phase,
    Sector,
    Movement,
}

impl ListingKind {
    pub fn prefix(self) -> &'static str {
        match self {
            ListingKind::Award => "danh-hieu/",
            ListingKind::Phase => "dot/",
            ListingKind::Sector => "khoi/",
            ListingKind::Movement => "phong-trao/",
        }
    }

    /// The translation key naming the kind in the UI ("Danh hiệu “Người tốt, việc tốt”").
    pub fn label_key(self) -> &'static str {
        match self {
            ListingKind::Award => "award",
            ListingKind::Phase => "phase",
            ListingKind::Sector => "sector",
            ListingKind::Movement => "movement",
        }
    }
}

/// The stories of one award title, phase, sector or movement.
#[derive(Serialize)]
pub struct Listing {
    pub kind: ListingKind,
    pub kind_label: String,
    /// The id is the slug used in anchors and URLs.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub count: usize,
    /// Indices into the cards, in Vietnamese name order. Not given to templates: each listing
    /// page gets its own page of cards, and serialising every index into every page of a long
    /// listing made the listings quadratic.
    #[serde(skip)]
    pub stories: Vec<usize>,
}

impl Listing {
    fn new(
        language: &Language,
        kind: ListingKind,
        id: String,
        name: String,
        description: Option<String>,
        stories: Vec<usize>,
    ) -> Self {
        Self {
            kind,
            kind_label: language.t(kind.label_key()).to_string(),
            url: format!("{}{id}/", kind.prefix()),
            id,
            name,
            description,
            count: stories.len(),
            stories,
        }
    }
}

#[derive(Serialize)]
pub struct UnitView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub sector: Option<String>,
    pub count: usize,
    /// Indices into the card list, newest first.
    pub stories: Vec<usize>,
}

#[derive(Serialize)]
pub struct Tick {
    pub label: String,
    pub left: f64,
}

/// Everything derived once per build and shared by all pages.
pub struct Computed {
    pub today: NaiveDate,
    pub phases: Vec<PhaseView>,
    pub anniversaries: Vec<AnniversaryView>,
    pub campaign_percent: f64,
    pub campaign_state: PhaseState,
    pub ticks: Vec<Tick>,
    pub lanes: usize,
    /// Cards in publication order, newest first; groups refer to them by index.
    pub cards: Vec<StoryCard>,
    /// For each card, the index of its story in the story list.
    pub card_story: Vec<usize>,
    /// Stories by award title, phase, sector and movement, each in name order.
    pub listings: Vec<Listing>,
    pub units: Vec<UnitView>,
}

/// "còn 149 ngày" / "in 149 days".
pub fn countdown_label(language: &Language, countdown: Countdown) -> String {
    let (key, days) = match countdown {
        Countdown::Upcoming(1) => ("countdown_upcoming_one", 1),
        Countdown::Upcoming(days) => ("countdown_upcoming", days),
        Countdown::Today => return language.t("countdown_today").to_string(),
        Countdown::Past(1) => ("countdown_past_one", 1),
        Countdown::Past(days) => ("countdown_past", days),
    };
    language.fill(key, &[("n", &language.number(days))])
}

/// "28,6%" / "28.6%": one decimal, the language's decimal separator.
pub fn percent_label(language: &Language, percent: f64) -> String {
    language.percent(percent)
}

pub fn compute(
    plan: &Plan,
    stories: &[Story],
    today: NaiveDate,
    photos: &HashMap<String, PhotoSet>,
    language: &Language,
) -> Computed {
    let (start, end) = (plan.campaign.start.0, plan.campaign.end.0);

    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by(|&a, &b| {
        stories[b]
            .date
            .cmp(&stories[a].date)
            .then_with(|| stories[a].slug.cmp(&stories[b].slug))
    });
    let cards: Vec<StoryCard> = order
        .iter()
        .map(|&i| card(plan, &stories[i], photos))
        .collect();

    let mut lane_ends: Vec<NaiveDate> = Vec::new();
    let phases = plan
        .phases
        .iter()
        .enumerate()
        .map(|(index, phase)| {
            let (p_start, p_end) = (phase.start.0, phase.end.0);
            let lane = match lane_ends.iter().position(|lane_end| *lane_end < p_start) {
                Some(lane) => {
                    lane_ends[lane] = p_end;
                    lane
                }
                None => {
                    lane_ends.push(p_end);
                    lane_ends.len() - 1
                }
            };
            let percent = calendar::progress_percent(p_start, p_end, today);
            let days_total = calendar::period_days(p_start, p_end);
            let days_elapsed = ((today - p_start).num_days() + 1).clamp(0, days_total);
            let left = calendar::axis_position(p_start, start, end);
            let right = calendar::axis_position(p_end.succ_opt().unwrap_or(p_end), start, end);
            PhaseView {
                id: phase.id.clone(),
                name: phase.name.clone(),
                start: phase.start.0.into(),
                end: phase.end.0.into(),
                from_launch: phase.from_launch,
                state: calendar::phase_state(p_start, p_end, today),
                percent: (percent * 10.0).round() / 10.0,
                percent_label: percent_label(language, percent),
                days_total,
                days_elapsed,
                days_left: days_total - days_elapsed,
                days_until_start: (p_start - today).num_days().max(0),
                axis_left: left,
                axis_width: (right - left).max(0.5),
                lane,
                story_count: stories.iter().filter(|s| s.phase == Some(index)).count(),
                index,
            }
        })
        .collect();

    let anniversaries = plan
        .anniversaries
        .iter()
        .map(|a| {
            let countdown = a.date.map(|d| calendar::countdown(d.0, today));
            AnniversaryView {
                id: a.id.clone(),
                name: a.name.clone(),
                title: a.title_in(language),
                ordinal: a.ordinal,
                origin: a.origin.map(|d| d.0.into()),
                date: a.date.map(|d| d.0.into()),
                lunar_label: a.lunar_label_in(language),
                countdown,
                countdown_label: countdown
                    .map(|c| countdown_label(language, c))
                    .unwrap_or_default(),
                phase_name: a
                    .phase
                    .as_ref()
                    .and_then(|id| plan.phases.iter().find(|p| &p.id == id))
                    .map(|p| p.name.clone()),
                axis_left: a.date.map(|d| calendar::axis_position(d.0, start, end)),
            }
        })
        .collect();

    let ticks = calendar::month_starts(start, end)
        .into_iter()
        .map(|month| Tick {
            label: format!(
                "{}/{}",
                chrono::Datelike::month(&month),
                chrono::Datelike::year(&month) % 100
            ),
            left: calendar::axis_position(month, start, end),
        })
        .collect();

    let card_story = order.clone();
    // Lists of people read in Vietnamese name order; groups keep that order.
    let mut people: Vec<usize> = (0..cards.len()).collect();
    people.par_sort_by(|&a, &b| collate::compare_names(&cards[a].name, &cards[b].name));
    let members = |keep: &dyn Fn(&Story) -> bool| -> Vec<usize> {
        people
            .iter()
            .copied()
            .filter(|&c| keep(&stories[order[c]]))
            .collect()
    };

    let mut listings = Vec::new();
    for (index, award) in plan.awards.iter().enumerate() {
        listings.push(Listing::new(
            language,
            ListingKind::Award,
            award.id.clone(),
            award.name.clone(),
            award.description.clone(),
            members(&|s| s.award == index),
        ));
    }
    for (index, phase) in plan.phases.iter().enumerate() {
        listings.push(Listing::new(
            language,
            ListingKind::Phase,
            phase.id.clone(),
            phase.name.clone(),
            None,
            members(&|s| s.phase == Some(index)),
        ));
    }
    let outside = members(&|s| s.phase.is_none());
    if !outside.is_empty() {
        listings.push(Listing::new(
            language,
            ListingKind::Phase,
            "ngoai-cac-dot".to_string(),
            language.t("outside_phases").to_string(),
            None,
            outside,
        ));
    }
    let mut sectors: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    let mut movements: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for &card in &people {
        let story = &stories[order[card]];
        if let (Some(id), Some(label)) = (&story.sector_id, &story.sector) {
            sectors
                .entry(text::slugify(id))
                .or_insert_with(|| (label.clone(), Vec::new()))
                .1
                .push(card);
        }
        if let Some(movement) = &story.movement {
            movements
                .entry(text::slugify(movement))
                .or_insert_with(|| (movement.clone(), Vec::new()))
                .1
                .push(card);
        }
    }
    for (kind, map) in [
        (ListingKind::Sector, sectors),
        (ListingKind::Movement, movements),
    ] {
        let mut entries: Vec<(String, (String, Vec<usize>))> = map.into_iter().collect();
        entries.sort_by(|a, b| collate::compare(&a.1.0, &b.1.0));
        for (slug, (name, cards)) in entries {
            listings.push(Listing::new(language, kind, slug, name, None, cards));
        }
    }

    let mut units_by_slug: BTreeMap<String, UnitView> = BTreeMap::new();
    for &card_index in &people {
        let story = &stories[order[card_index]];
        let unit = units_by_slug
            .entry(story.unit_slug.clone())
            .or_insert_with(|| UnitView {
                name: story.unit.clone(),
                slug: story.unit_slug.clone(),
                url: urls::unit(&story.unit_slug),
                sector: story.sector.clone(),
                count: 0,
                stories: Vec::new(),
            });
        unit.count += 1;
        unit.stories.push(card_index);
    }
    let mut units: Vec<UnitView> = units_by_slug.into_values().collect();
    units.sort_by(|a, b| collate::compare(&a.name, &b.name));

    Computed {
        today,
        phases,
        anniversaries,
        campaign_percent: calendar::progress_percent(start, end, today),
        campaign_state: calendar::phase_state(start, end, today),
        ticks,
        lanes: lane_ends.len().max(1),
        cards,
        card_story,
        listings,
        units,
    }
}

pub(crate) fn card(plan: &Plan, story: &Story, photos: &HashMap<String, PhotoSet>) -> StoryCard {
    let award = &plan.awards[story.award];
    StoryCard {
        slug: story.slug.clone(),
        url: urls::story(&story.slug),
        name: story.name.clone(),
        headline: story.headline.clone(),
        unit: story.unit.clone(),
        unit_url: urls::unit(&story.unit_slug),
        award: award.name.clone(),
        award_id: award.id.clone(),
        phase: story.phase.map(|p| plan.phases[p].name.clone()),
        date: story.date.into(),
        summary: story.summary.clone(),
        photo: story.photo.as_ref().map(|p| match photos.get(p) {
            Some(set) => set.thumb.url.clone(),
            None => p.clone(),
        }),
        photo_width: story
            .photo
            .as_ref()
            .and_then(|p| photos.get(p))
            .map(|set| set.thumb.width),
        photo_height: story
            .photo
            .as_ref()
            .and_then(|p| photos.get(p))
            .map(|set| set.thumb.height),
        photo_alt: story.photo_alt.clone().unwrap_or_default(),
        initials: text::initials(&story.name),
        avatar_hue: (crate::pipeline::theme::fingerprint_u64(story.name.as_bytes()) % 360) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_vietnamese() {
        let vi = crate::pipeline::theme::embedded_language("vi").unwrap();
        let label = |c| countdown_label(&vi, c);
        assert_eq!(label(Countdown::Upcoming(149)), "còn 149 ngày");
        assert_eq!(label(Countdown::Upcoming(1200)), "còn 1.200 ngày");
        assert_eq!(label(Countdown::Today), "hôm nay");
        assert_eq!(label(Countdown::Upcoming(1)), "còn 1 ngày");
        assert_eq!(label(Countdown::Past(3)), "đã qua 3 ngày");
        assert_eq!(percent_label(&vi, 28.638), "28,6%");
        assert_eq!(percent_label(&vi, 100.0), "100%");
        assert_eq!(percent_label(&vi, 0.0), "0%");
    }

    #[test]
    fn labels_read_english() {
        let en = crate::pipeline::theme::embedded_language("en").unwrap();
        assert_eq!(
            countdown_label(&en, Countdown::Upcoming(1200)),
            "in 1,200 days"
        );
        assert_eq!(countdown_label(&en, Countdown::Today), "today");
        assert_eq!(countdown_label(&en, Countdown::Upcoming(1)), "in 1 day");
        assert_eq!(countdown_label(&en, Countdown::Past(1)), "1 day ago");
        assert_eq!(countdown_label(&en, Countdown::Past(3)), "3 days ago");
        assert_eq!(percent_label(&en, 28.638), "28.6%");
    }
}

/// One statistics chart: its rows and where its SVG is published.
#[derive(Serialize)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    /// Path of the SVG relative to the site root.
    pub file: String,
    pub rows: Vec<(String, usize)>,
    pub total: usize,
}

/// Stories per phase, award title, unit, sector and month, for the statistics page.
pub fn statistics(
    plan: &Plan,
    stories: &[Story],
    computed: &Computed,
    language: &Language,
) -> Vec<Chart> {
    let count_of = |kind: ListingKind| -> Vec<(String, usize)> {
        computed
            .listings
            .iter()
            .filter(|l| l.kind == kind)
            .map(|l| (l.name.clone(), l.count))
            .collect()
    };
    let units: Vec<(String, usize)> = computed
        .units
        .iter()
        .map(|u| (u.name.clone(), u.count))
        .collect();
    let months: Vec<(String, usize)> = calendar::month_starts(
        chrono::NaiveDate::from_ymd_opt(
            chrono::Datelike::year(&plan.campaign.start.0),
            chrono::Datelike::month(&plan.campaign.start.0),
            1,
        )
        .expect("valid month"),
        plan.campaign.end.0,
    )
    .into_iter()
    .map(|month| {
        use chrono::Datelike;
        let count = stories
            .iter()
            .filter(|s| s.date.year() == month.year() && s.date.month() == month.month())
            .count();
        let label = language.fill(
            "chart_month",
            &[
                ("m", &month.month().to_string()),
                ("yyyy", &month.year().to_string()),
            ],
        );
        (label, count)
    })
    .collect();
    [
        (
            "theo-dot",
            language.t("chart_by_phase"),
            count_of(ListingKind::Phase),
        ),
        (
            "theo-danh-hieu",
            language.t("chart_by_award"),
            count_of(ListingKind::Award),
        ),
        (
            "theo-khoi",
            language.t("chart_by_sector"),
            count_of(ListingKind::Sector),
        ),
        ("theo-don-vi", language.t("chart_by_unit"), units),
        ("theo-thang", language.t("chart_by_month"), months),
    ]
    .into_iter()
    .filter(|(_, _, rows)| !rows.is_empty())
    .map(|(id, title, rows)| Chart {
        id,
        title: title.to_string(),
        file: format!("{}{id}.svg", urls::STATISTICS),
        total: rows.iter().map(|(_, c)| c).sum(),
        rows,
    })
    .collect()
}
