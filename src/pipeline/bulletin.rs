//! The internal news bulletin (bản tin nội bộ): one issue per month and one per phase, each
//! with the stories of its period, the anniversaries in it, phase progress and counts.
//! Computed from the validated site; pure.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::i18n::Language;
use crate::model::plan::{DateView, Plan};
use crate::model::story::Story;
use crate::pipeline::views::{Computed, countdown_label, urls};
use crate::text;
use crate::time::calendar::{self, Countdown};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Month,
    Phase,
}

#[derive(Serialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct BulletinAnniversary {
    pub title: String,
    pub date: DateView,
    /// "còn 12 ngày", "hôm nay", or for a day already past "đã diễn ra ngày 28/07/2024".
    pub status: String,
    /// What the status becomes once the day is past, for the page script that recomputes it
    /// on the reader's day.
    pub held: String,
    /// The countdown on the build's day (its `state` is "upcoming", "today" or "past").
    pub countdown: Countdown,
    pub past: bool,
}

#[derive(Serialize)]
pub struct Bulletin {
    pub slug: String,
    pub url: String,
    pub kind: Kind,
    /// "Bản tin tháng 3/2024" or "Sơ kết Đợt 1".
    pub title: String,
    pub start: DateView,
    pub end: DateView,
    /// Indices into the story cards (newest first).
    pub stories: Vec<usize>,
    pub anniversaries: Vec<BulletinAnniversary>,
    /// Indices into the phase views of phases that overlap the period.
    pub phases: Vec<usize>,
    pub by_award: Vec<Count>,
    pub by_unit: Vec<Count>,
}

/// Every bulletin whose period has begun by `today`: each month of the campaign, then each
/// phase.
pub fn bulletins(
    plan: &Plan,
    stories: &[Story],
    computed: &Computed,
    today: NaiveDate,
    language: &Language,
) -> Vec<Bulletin> {
    let (start, end) = (plan.campaign.start.0, plan.campaign.end.0);
    let mut periods: Vec<(Kind, String, String, NaiveDate, NaiveDate)> = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).expect("valid month");
    while month <= end && month <= today {
        let month_end = (month + Months::new(1)).pred_opt().expect("valid date");
        periods.push((
            Kind::Month,
            format!("thang-{}-{:02}", month.year(), month.month()),
            language.fill(
                "bulletin_monthly",
                &[("month", &language.month_label(month.year(), month.month()))],
            ),
            month.max(start),
            month_end.min(end),
        ));
        month = month + Months::new(1);
    }
    for phase in plan.phases.iter().filter(|p| p.start.0 <= today) {
        periods.push((
            Kind::Phase,
            format!("so-ket-{}", phase.id),
            language.fill("bulletin_phase_review", &[("name", &phase.name)]),
            phase.start.0,
            phase.end.0,
        ));
    }
    periods
        .into_iter()
        .map(|(kind, slug, title, from, to)| {
            let members: Vec<usize> = (0..computed.cards.len())
                .filter(|&c| {
                    let date = stories[computed.card_story[c]].date;
                    from <= date && date <= to
                })
                .collect();
            let mut by_award: BTreeMap<usize, usize> = BTreeMap::new();
            let mut by_unit: BTreeMap<String, (String, usize)> = BTreeMap::new();
            for &card in &members {
                let story = &stories[computed.card_story[card]];
                *by_award.entry(story.award).or_default() += 1;
                by_unit
                    .entry(story.unit_slug.clone())
                    .or_insert_with(|| (story.unit.clone(), 0))
                    .1 += 1;
            }
            let anniversaries = plan
                .anniversaries
                .iter()
                .filter_map(|a| {
                    let date = a.date?.0;
                    (from <= date && date <= to).then(|| {
                        let countdown = calendar::countdown(date, today);
                        let held = language.fill(
                            "bulletin_anniversary_held",
                            &[("date", &language.date_short(date))],
                        );
                        BulletinAnniversary {
                            title: a.title_in(language),
                            date: date.into(),
                            status: match countdown {
                                Countdown::Past(_) => held.clone(),
                                other => countdown_label(language, other),
                            },
                            held,
                            countdown,
                            past: matches!(countdown, Countdown::Past(_)),
                        }
                    })
                })
                .collect();
            let phases = plan
                .phases
                .iter()
                .enumerate()
                .filter(|(_, p)| p.start.0 <= to && from <= p.end.0)
                .map(|(i, _)| i)
                .collect();
            let mut by_unit: Vec<Count> = by_unit
                .into_values()
                .map(|(name, count)| Count { name, count })
                .collect();
            by_unit.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| text::fold(&a.name).cmp(&text::fold(&b.name)))
            });
            Bulletin {
                url: format!("{}{slug}/", urls::BULLETINS),
                slug,
                kind,
                title,
                start: from.into(),
                end: to.into(),
                stories: members,
                anniversaries,
                phases,
                by_award: plan
                    .awards
                    .iter()
                    .enumerate()
                    .map(|(i, award)| Count {
                        name: award.name.clone(),
                        count: by_award.get(&i).copied().unwrap_or(0),
                    })
                    .collect(),
                by_unit,
            }
        })
        .collect()
}
