//! The render stage: compiles the theme's templates once, fills the shared (global) context,
//! and renders every page in parallel. Strings in, strings out; nothing here touches disk.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::audience::Audience;
use crate::bulletin::Bulletin;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::pages::{self, Deferred, Page};
use crate::plan::{DateView, Plan};
use crate::registration::Registration;
use crate::story::Story;
use crate::views::{Chart, Computed, percent_label, urls};

/// Everything a render needs, computed by the earlier stages.
pub struct SiteData<'a> {
    pub config: &'a Config,
    pub plan: &'a Plan,
    pub stories: &'a [Story],
    pub computed: &'a Computed,
    pub registrations: &'a [Registration],
    pub bulletins: &'a [Bulletin],
    pub statistics: &'a [Chart],
    /// Processed photos by content-relative path.
    pub photos: &'a std::collections::HashMap<String, crate::photos::PhotoSet>,
    /// Static file path → fingerprinted published path.
    pub assets: &'a BTreeMap<String, String>,
}

pub struct Rendered {
    pub path: String,
    /// The page as UTF-8 bytes, ready to write. Not a `String`: turning Tera's output into
    /// one re-validates every byte as UTF-8, about a tenth of a big build's time.
    pub html: Vec<u8>,
    pub template: &'static str,
    /// The keys of the page's own context (the globals in [`GLOBALS`] come on top).
    pub keys: Vec<&'static str>,
    /// The page's URL relative to the site root, when it belongs in the sitemap.
    pub sitemap_url: Option<String>,
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
    audience: &'static str,
}

#[derive(Serialize)]
struct NavItem {
    url: &'static str,
    label: &'static str,
    section: &'static str,
}

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

/// Compiles the theme's templates; an error names the template, line and column.
pub fn compile(theme: &crate::theme::Theme) -> Result<Tera> {
    let templates = &theme.templates;
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        templates
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

fn nav(data: &SiteData) -> Vec<NavItem> {
    let mut items = vec![
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
    if !data.registrations.is_empty() {
        items.push(NavItem {
            url: urls::REGISTRATIONS,
            label: "Lịch phát động",
            section: "registrations",
        });
    }
    if data.config.audience == Audience::Internal {
        items.push(NavItem {
            url: urls::BULLETINS,
            label: "Bản tin",
            section: "bulletins",
        });
    }
    items
}

/// What every template receives besides its own context (documented in the README).
pub const GLOBALS: &[&str] = &[
    "site",
    "nav",
    "assets",
    "plan",
    "phases",
    "anniversaries",
    "today",
    "campaign",
];

/// Renders every page of the site.
pub fn render_site(tera: &mut Tera, data: &SiteData) -> Result<Vec<Rendered>> {
    let (config, plan, computed) = (data.config, data.plan, data.computed);
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
            audience: config.audience.name(),
        },
    );
    globals.insert("nav", &nav(data));
    globals.insert("assets", data.assets);
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
            story_count: data.stories.len(),
            unit_count: computed.units.len(),
        },
    );
    debug_assert!(
        GLOBALS
            .iter()
            .all(|key| tera.global_context().contains_key(key))
    );
    let tera: &Tera = tera;

    pages::all(data)
        .into_par_iter()
        .map(|page| render_page(tera, data, page))
        .collect()
}

fn render_page(tera: &Tera, data: &SiteData, mut page: Page) -> Result<Rendered> {
    let config = data.config;
    let root = if page.absolute_links {
        config.base_url.clone()
    } else if page.template == "404.html" {
        base_path(&config.base_url)
    } else {
        match page.url.matches('/').count() {
            0 => "./".to_string(),
            depth => "../".repeat(depth),
        }
    };
    page.context.insert("root", &root);
    page.context.insert(
        "page",
        &serde_json::json!({
            "title": page.title,
            "url": page.url,
            "permalink": format!("{}{}", config.base_url, page.url),
            "description": page.description.as_deref().or(config.description.as_deref()).unwrap_or(&page.title),
            "section": page.section,
        }),
    );
    match page.deferred {
        Deferred::Nothing => {}
        Deferred::Story(card_index) => {
            page.context
                .insert("story", &pages::story_view(data, card_index));
        }
        Deferred::Unit(unit_index) => {
            let unit = &data.computed.units[unit_index];
            let cards: Vec<&crate::views::StoryCard> = unit
                .stories
                .iter()
                .map(|&i| &data.computed.cards[i])
                .collect();
            page.context.insert("unit", unit);
            page.context.insert("stories", &cards);
        }
    }
    let mut html = Vec::new();
    tera.render_to(page.template, &page.context.inner, &mut html)
        .map_err(template_error)?;
    // The page is held until the whole site is written; its spare capacity (up to half the
    // buffer, as it grew by doubling) adds up to many MB on a big site.
    html.shrink_to_fit();
    Ok(Rendered {
        sitemap_url: page.in_sitemap.then(|| page.url.clone()),
        path: page.path,
        html,
        template: page.template,
        keys: page.context.keys,
    })
}

/// "https://example.org/thidua/2024/" → "/thidua/2024/".
pub fn base_path(base_url: &str) -> String {
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
