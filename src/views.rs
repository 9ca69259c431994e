//! The compute stage: turns the validated plan and stories plus "today" into the values
//! templates show (phase status and progress, countdowns, groupings, counts). Pure.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{self, Countdown, PhaseState};
use crate::plan::{DateView, Plan};
use crate::story::Story;
use crate::text;

/// URL paths of the site's sections, relative to the site root.
pub mod urls {
    pub const PLAN: &str = "ke-hoach/";
    pub const TIMELINE: &str = "tien-do/";
    pub const ANNIVERSARIES: &str = "ky-niem/";
    pub const HONOR_ROLL: &str = "bang-vang/";
    pub const UNITS: &str = "don-vi/";
    pub const REGISTRATIONS: &str = "lich-phat-dong/";
    pub const BULLETINS: &str = "ban-tin/";

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
    pub photo: Option<String>,
    pub photo_alt: String,
    pub initials: String,
}

#[derive(Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub count: usize,
    pub stories: Vec<usize>,
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
    pub by_award: Vec<Group>,
    pub by_phase: Vec<Group>,
    pub units: Vec<UnitView>,
}

pub fn countdown_label(countdown: Countdown) -> String {
    match countdown {
        Countdown::Upcoming(days) => format!("còn {} ngày", text::number(days)),
        Countdown::Today => "hôm nay".to_string(),
        Countdown::Past(days) => format!("đã qua {} ngày", text::number(days)),
    }
}

/// "28,6%": one decimal, Vietnamese decimal comma.
pub fn percent_label(percent: f64) -> String {
    let rounded = (percent * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}%", rounded as i64)
    } else {
        format!("{rounded:.1}%").replace('.', ",")
    }
}

pub fn compute(plan: &Plan, stories: &[Story], today: NaiveDate) -> Computed {
    let (start, end) = (plan.campaign.start.0, plan.campaign.end.0);

    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by(|&a, &b| {
        stories[b]
            .date
            .cmp(&stories[a].date)
            .then_with(|| stories[a].slug.cmp(&stories[b].slug))
    });
    let cards: Vec<StoryCard> = order.iter().map(|&i| card(plan, &stories[i])).collect();

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
                percent_label: percent_label(percent),
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
                title: a.title.clone(),
                ordinal: a.ordinal,
                origin: a.origin.map(|d| d.0.into()),
                date: a.date.map(|d| d.0.into()),
                lunar_label: a.lunar_label.clone(),
                countdown,
                countdown_label: countdown.map(countdown_label).unwrap_or_default(),
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
    let by_award = plan
        .awards
        .iter()
        .enumerate()
        .map(|(index, award)| {
            let members: Vec<usize> = (0..cards.len())
                .filter(|&c| stories[order[c]].award == index)
                .collect();
            Group {
                id: award.id.clone(),
                name: award.name.clone(),
                description: award.description.clone(),
                count: members.len(),
                stories: members,
            }
        })
        .collect();

    let mut by_phase: Vec<Group> = plan
        .phases
        .iter()
        .enumerate()
        .map(|(index, phase)| {
            let members: Vec<usize> = (0..cards.len())
                .filter(|&c| stories[order[c]].phase == Some(index))
                .collect();
            Group {
                id: phase.id.clone(),
                name: phase.name.clone(),
                description: None,
                count: members.len(),
                stories: members,
            }
        })
        .collect();
    let outside: Vec<usize> = (0..cards.len())
        .filter(|&c| stories[order[c]].phase.is_none())
        .collect();
    if !outside.is_empty() {
        by_phase.push(Group {
            id: "ngoai-cac-dot".to_string(),
            name: "Ngoài các đợt thi đua".to_string(),
            description: None,
            count: outside.len(),
            stories: outside,
        });
    }

    let mut units_by_slug: BTreeMap<String, UnitView> = BTreeMap::new();
    for (card_index, &story_index) in order.iter().enumerate() {
        let story = &stories[story_index];
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
    units.sort_by_cached_key(|u| text::fold(&u.name));

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
        by_award,
        by_phase,
        units,
    }
}

fn card(plan: &Plan, story: &Story) -> StoryCard {
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
        photo: story.photo.clone(),
        photo_alt: story.photo_alt.clone().unwrap_or_default(),
        initials: text::initials(&story.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_vietnamese() {
        assert_eq!(countdown_label(Countdown::Upcoming(149)), "còn 149 ngày");
        assert_eq!(countdown_label(Countdown::Upcoming(1200)), "còn 1.200 ngày");
        assert_eq!(countdown_label(Countdown::Today), "hôm nay");
        assert_eq!(countdown_label(Countdown::Past(3)), "đã qua 3 ngày");
        assert_eq!(percent_label(28.638), "28,6%");
        assert_eq!(percent_label(100.0), "100%");
        assert_eq!(percent_label(0.0), "0%");
    }
}
