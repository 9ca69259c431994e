//! The render stage: compiles the theme's templates once, fills the shared (global) context,
//! and renders every page in parallel. Strings in, strings out; nothing here touches disk.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::plan::{DateView, Plan};
use crate::story::Story;
use crate::theme::Theme;
use crate::views::{Computed, StoryCard, percent_label, urls};

/// A page to render: which template, where it goes, and its own context.
struct Page {
    template: &'static str,
    /// Directory URL relative to the site root ("" for the home page, "bang-vang/" …).
    url: String,
    /// The output file; `url + index.html` except for the 404 page.
    path: String,
    title: String,
    section: &'static str,
    context: Context,
    /// Context values too big to build for every page up front.
    deferred: Deferred,
}

/// Large context values (a story's body HTML, a unit's story cards) are added by the worker
/// that renders the page, just before rendering: the whole site is never copied into
/// contexts at once, only the pages being rendered hold their copy.
enum Deferred {
    Nothing,
    /// `story`, from the card at this index.
    Story(usize),
    /// `unit` and `stories`, for the unit at this index.
    Unit(usize),
}

pub struct Rendered {
    pub path: String,
    /// The page as UTF-8 bytes, ready to write. Not a `String`: turning Tera's output into
    /// one re-validates every byte as UTF-8, about a tenth of a big build's time.
    pub html: Vec<u8>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    /// Path part of `base_url` ("/" or "/thidua/2024/"), for pages served at any depth (404).
    base_path: String,
    language: &'a str,
    timezone: String,
}

#[derive(Serialize)]
struct NavItem {
    url: &'static str,
    label: &'static str,
    section: &'static str,
}

const NAV: &[NavItem] = &[
    NavItem {
        url: "",
        label: "Trang chủ",
        section: "home",
    },
    NavItem {
        url: urls::PLAN,
        label: "Kế hoạch",
        section: "plan",
    },
    NavItem {
        url: urls::TIMELINE,
        label: "Tiến độ",
        section: "timeline",
    },
    NavItem {
        url: urls::ANNIVERSARIES,
        label: "Ngày kỷ niệm",
        section: "anniversaries",
    },
    NavItem {
        url: urls::HONOR_ROLL,
        label: "Bảng vàng",
        section: "honor_roll",
    },
    NavItem {
        url: urls::UNITS,
        label: "Đơn vị",
        section: "units",
    },
];

#[derive(Serialize)]
struct CampaignView<'a> {
    name: &'a str,
    start: DateView,
    end: DateView,
    percent: f64,
    percent_label: String,
    state: crate::calendar::PhaseState,
    story_count: usize,
    unit_count: usize,
}

#[derive(Serialize)]
struct StoryPageView<'a> {
    #[serde(flatten)]
    card: &'a StoryCard,
    body_html: &'a str,
    sector: Option<&'a str>,
    movement: Option<&'a str>,
    word_count: usize,
}

/// Compiles the theme's templates; an error names the template, line and column.
pub fn compile(theme: &Theme) -> Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(name, source)| (name.as_str(), source.as_str())),
    )
    .map_err(template_error)?;
    Ok(tera)
}

fn template_error(error: tera::Error) -> Error {
    use std::error::Error as _;
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    Error::Template(message)
}

/// Renders every page of the site.
pub fn render_site(
    tera: &mut Tera,
    config: &Config,
    plan: &Plan,
    stories: &[Story],
    computed: &Computed,
) -> Result<Vec<Rendered>> {
    let title = config.title.as_deref().unwrap_or(&plan.campaign.name);
    let globals = tera.global_context();
    *globals = Context::new();
    globals.insert(
        "site",
        &SiteView {
            title,
            description: config.description.as_deref(),
            base_url: &config.base_url,
            base_path: base_path(&config.base_url),
            language: &config.language,
            timezone: config.timezone.name().to_string(),
        },
    );
    globals.insert("nav", NAV);
    globals.insert("plan", plan);
    globals.insert("phases", &computed.phases);
    globals.insert("anniversaries", &computed.anniversaries);
    globals.insert("today", &DateView::from(computed.today));
    globals.insert(
        "campaign",
        &CampaignView {
            name: &plan.campaign.name,
            start: plan.campaign.start.0.into(),
            end: plan.campaign.end.0.into(),
            percent: computed.campaign_percent,
            percent_label: percent_label(computed.campaign_percent),
            state: computed.campaign_state,
            story_count: stories.len(),
            unit_count: computed.units.len(),
        },
    );
    let tera: &Tera = tera;

    let pages = pages(config, plan, stories, computed);
    pages
        .into_par_iter()
        .map(|mut page| {
            let depth = page.url.matches('/').count();
            let root = if page.template == "404.html" {
                base_path(&config.base_url)
            } else {
                "../".repeat(depth)
            };
            match page.deferred {
                Deferred::Nothing => {}
                Deferred::Story(card_index) => page
                    .context
                    .insert("story", &story_view(plan, stories, computed, card_index)),
                Deferred::Unit(unit_index) => {
                    let unit = &computed.units[unit_index];
                    let cards: Vec<&StoryCard> =
                        unit.stories.iter().map(|&i| &computed.cards[i]).collect();
                    page.context.insert("unit", unit);
                    page.context.insert("stories", &cards);
                }
            }
            page.context.insert("root", &root);
            page.context.insert(
                "page",
                &serde_json::json!({
                    "title": page.title,
                    "url": page.url,
                    "permalink": format!("{}{}", config.base_url, page.url),
                    "section": page.section,
                }),
            );
            let mut html = Vec::new();
            tera.render_to(page.template, &page.context, &mut html)
                .map_err(template_error)?;
            // The page is held until the whole site is written; its spare capacity (up to
            // half the buffer, as it grew by doubling) adds up to many MB on a big site.
            html.shrink_to_fit();
            Ok(Rendered {
                path: page.path,
                html,
            })
        })
        .collect()
}

fn pages(config: &Config, plan: &Plan, stories: &[Story], computed: &Computed) -> Vec<Page> {
    let page = |template, url: String, title: String, section, context| {
        let path = if template == "404.html" {
            "404.html".to_string()
        } else {
            format!("{url}index.html")
        };
        Page {
            template,
            url,
            path,
            title,
            section,
            context,
            deferred: Deferred::Nothing,
        }
    };
    let mut pages = Vec::with_capacity(stories.len() + computed.units.len() + 8);

    let mut home = Context::new();
    let latest: Vec<&StoryCard> = computed.cards.iter().take(config.latest_stories).collect();
    home.insert("latest", &latest);
    home.insert(
        "active_phases",
        &computed
            .phases
            .iter()
            .filter(|p| p.state == crate::calendar::PhaseState::Active)
            .collect::<Vec<_>>(),
    );
    let next = computed.anniversaries.iter().find(|a| {
        matches!(
            a.countdown,
            Some(crate::calendar::Countdown::Upcoming(_) | crate::calendar::Countdown::Today)
        )
    });
    home.insert("next_anniversary", &next);
    pages.push(page(
        "index.html",
        String::new(),
        plan.campaign.name.clone(),
        "home",
        home,
    ));

    pages.push(page(
        "plan.html",
        urls::PLAN.into(),
        format!("{} số {}", plan.document.kind, plan.document.number),
        "plan",
        Context::new(),
    ));

    let mut timeline = Context::new();
    timeline.insert("ticks", &computed.ticks);
    timeline.insert("lanes", &computed.lanes);
    timeline.insert(
        "today_left",
        &crate::calendar::axis_position(computed.today, plan.campaign.start.0, plan.campaign.end.0),
    );
    timeline.insert(
        "today_in_period",
        &(computed.today >= plan.campaign.start.0 && computed.today <= plan.campaign.end.0),
    );
    pages.push(page(
        "timeline.html",
        urls::TIMELINE.into(),
        "Tiến độ các đợt thi đua".into(),
        "timeline",
        timeline,
    ));

    pages.push(page(
        "anniversaries.html",
        urls::ANNIVERSARIES.into(),
        "Các ngày kỷ niệm".into(),
        "anniversaries",
        Context::new(),
    ));

    let mut honor = Context::new();
    honor.insert("cards", &computed.cards);
    honor.insert("by_award", &computed.by_award);
    honor.insert("by_phase", &computed.by_phase);
    pages.push(page(
        "honor_roll.html",
        urls::HONOR_ROLL.into(),
        "Bảng vàng “Người tốt, việc tốt”".into(),
        "honor_roll",
        honor,
    ));

    let mut units = Context::new();
    units.insert("units", &computed.units);
    pages.push(page(
        "units.html",
        urls::UNITS.into(),
        "Các đơn vị".into(),
        "units",
        units,
    ));

    for (unit_index, unit) in computed.units.iter().enumerate() {
        pages.push(Page {
            deferred: Deferred::Unit(unit_index),
            ..page(
                "unit.html",
                unit.url.clone(),
                unit.name.clone(),
                "units",
                Context::new(),
            )
        });
    }

    for (card_index, (card, &story_index)) in
        computed.cards.iter().zip(&computed.card_story).enumerate()
    {
        let story = &stories[story_index];
        pages.push(Page {
            deferred: Deferred::Story(card_index),
            ..page(
                "story.html",
                card.url.clone(),
                format!("{} – {}", story.name, story.headline),
                "honor_roll",
                Context::new(),
            )
        });
    }

    pages.push(page(
        "404.html",
        String::new(),
        "Không tìm thấy trang".into(),
        "none",
        Context::new(),
    ));
    pages
}

/// What `story.html` receives as `story`.
fn story_view<'a>(
    plan: &'a Plan,
    stories: &'a [Story],
    computed: &'a Computed,
    card_index: usize,
) -> StoryPageView<'a> {
    let story = &stories[computed.card_story[card_index]];
    StoryPageView {
        card: &computed.cards[card_index],
        body_html: &story.body_html,
        sector: story.sector.map(|s| plan.sector_list()[s].label()),
        movement: story.movement.as_deref(),
        word_count: story.word_count,
    }
}

/// "https://example.org/thidua/2024/" → "/thidua/2024/".
fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    match without_scheme.find('/') {
        Some(index) => without_scheme[index..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(super::base_path("https://example.org/"), "/");
        assert_eq!(
            super::base_path("https://example.org/thidua/2024/"),
            "/thidua/2024/"
        );
    }
}
