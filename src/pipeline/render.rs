//! The render stage: compiles the theme's templates once, fills the shared (global) context,
//! and renders every page in parallel. Strings in, strings out; nothing here touches disk.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::model::audience::Audience;
use crate::model::config::Config;
use crate::model::plan::{DateView, Plan};
use crate::model::registration::Registration;
use crate::model::story::Story;
use crate::pipeline::bulletin::Bulletin;
use crate::pipeline::pages::{self, Page};
use crate::pipeline::views::{Chart, Computed, percent_label, urls};

/// Everything a render needs, computed by the earlier stages.
pub struct SiteData<'a> {
    pub config: &'a Config,
    /// The UI strings and date and number formats of the site's language.
    pub language: &'a crate::i18n::Language,
    pub plan: &'a Plan,
    pub stories: &'a [Story],
    pub computed: &'a Computed,
    pub registrations: &'a [Registration],
    pub bulletins: &'a [Bulletin],
    pub statistics: &'a [Chart],
    /// Processed photos by content-relative path.
    pub photos: &'a std::collections::HashMap<String, crate::pipeline::photos::PhotoSet>,
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
}

/// What a build keeps of a page once it is written.
pub struct PageSummary {
    pub template: &'static str,
    pub keys: Vec<&'static str>,
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
    label: String,
    section: &'static str,
}

#[derive(Serialize)]
struct CampaignView<'a> {
    name: &'a str,
    start: DateView,
    end: DateView,
    percent: f64,
    percent_label: String,
    state: crate::time::calendar::PhaseState,
    story_count: usize,
    unit_count: usize,
    /// How the UI names the plan's document (kind, number when it has one).
    document: crate::pipeline::wording::DocumentWords,
}

/// Compiles the theme's templates; an error names the template, line and column.
pub fn compile(theme: &crate::pipeline::theme::Theme) -> Result<Tera> {
    let templates = &theme.templates;
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    // Templates are checked for unknown filters as they are added, so the date filters are
    // registered first; `set_globals` registers them again in the site's language.
    register_date_filters(
        &mut tera,
        Arc::new(crate::pipeline::theme::embedded_language("vi")?),
    );
    tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, source)| (name.as_str(), source.as_str())),
    )
    .map_err(template_error)?;
    Ok(tera)
}

/// `{{ story.date | date_short }}` and `{{ story.date | date_long }}`: a date (a `DateView` or
/// "YYYY-MM-DD") written the way `language` writes dates.
fn register_date_filters(tera: &mut Tera, language: Arc<crate::i18n::Language>) {
    register_count_filter(tera, Arc::clone(&language));
    register_number_filter(tera, Arc::clone(&language));
    for (name, long) in [("date_short", false), ("date_long", true)] {
        let language = Arc::clone(&language);
        tera.register_filter(
            name,
            move |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
                let iso = value
                    .as_str()
                    .or_else(|| value.get_from_path("iso").and_then(|v| v.as_str()))
                    .ok_or_else(|| {
                        tera::Error::message(format!("{name} expects a date, not “{value}”"))
                    })?;
                let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_err(|_| {
                    tera::Error::message(format!("{name} expects a YYYY-MM-DD date, not “{iso}”"))
                })?;
                Ok::<String, tera::Error>(if long {
                    language.date_long(date)
                } else {
                    language.date_short(date)
                })
            },
        );
    }
}

/// `{{ n | number }}`: a whole number written the way the language writes it ("1.033"),
/// as the theme's script writes the figures it recomputes.
fn register_number_filter(tera: &mut Tera, language: Arc<crate::i18n::Language>) {
    tera.register_filter(
        "number",
        move |value: i64, _: tera::Kwargs, _: &tera::State| {
            Ok::<String, tera::Error>(language.number(value))
        },
    );
}

/// `{{ n | count(key="unit_stories") }}`: the number formatted for the language, then the
/// translation `key`, or `key_one` when the number is 1 and the language has it ("1
/// exemplary person", "2 exemplary people"; Vietnamese nouns do not change).
fn register_count_filter(tera: &mut Tera, language: Arc<crate::i18n::Language>) {
    tera.register_filter(
        "count",
        move |value: i64, kwargs: tera::Kwargs, _: &tera::State| {
            let key: &str = kwargs.must_get("key")?;
            let singular = format!("{key}_one");
            let text = if value == 1 && language.strings().contains_key(&singular) {
                language.t(&singular)
            } else {
                language.t(key)
            };
            Ok::<String, tera::Error>(format!("{}{text}", language.number(value)))
        },
    );
}

/// The strings the theme's scripts show (countdowns, phase status, search messages) and the
/// number separators, as JSON for the page's `<script type="application/json">` element
/// (with `<` escaped, so no string can close the element).
fn script_strings(language: &crate::i18n::Language) -> String {
    const KEYS: &[&str] = &[
        "thousands_separator",
        "decimal_separator",
        "date_short",
        "countdown_upcoming",
        "countdown_upcoming_one",
        "countdown_past_one",
        "countdown_today",
        "countdown_past",
        "phase_active",
        "phase_upcoming",
        "phase_ended",
        "time_elapsed",
        "phase_day",
        "phase_days_left",
        "phase_days_suffix",
        "phase_starts_in",
        "phase_starts_suffix",
        "index_no_active_phase",
        "search_prompt",
        "search_searching",
        "search_found",
        "search_none",
        "preview_error_title",
        "preview_never_built",
        "preview_last_good",
        "preview_hide",
    ];
    let strings: BTreeMap<&str, &str> = KEYS.iter().map(|k| (*k, language.t(k))).collect();
    serde_json::to_string(&strings)
        .unwrap_or_default()
        .replace('<', "\\u003c")
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
    let t = |key: &str| data.language.t(key).to_string();
    let mut items = vec![
        NavItem {
            url: "",
            label: t("nav_home"),
            section: "home",
        },
        NavItem {
            url: urls::PLAN,
            label: t("nav_plan"),
            section: "plan",
        },
        NavItem {
            url: urls::TIMELINE,
            label: t("nav_timeline"),
            section: "timeline",
        },
        NavItem {
            url: urls::ANNIVERSARIES,
            label: t("nav_anniversaries"),
            section: "anniversaries",
        },
        NavItem {
            url: urls::HONOR_ROLL,
            label: t("nav_honor_roll"),
            section: "honor_roll",
        },
        NavItem {
            url: urls::UNITS,
            label: t("nav_units"),
            section: "units",
        },
        NavItem {
            url: urls::STATISTICS,
            label: t("nav_statistics"),
            section: "statistics",
        },
    ];
    if !data.registrations.is_empty() {
        items.push(NavItem {
            url: urls::REGISTRATIONS,
            label: t("nav_registrations"),
            section: "registrations",
        });
    }
    if data.config.audience == Audience::Internal {
        items.push(NavItem {
            url: urls::BULLETINS,
            label: t("nav_bulletins"),
            section: "bulletins",
        });
    }
    items
}

/// What every template receives besides its own context (documented in the README).
pub const GLOBALS: &[&str] = &[
    "site",
    "nav",
    "t",
    "i18n_json",
    "assets",
    "plan",
    "phases",
    "anniversaries",
    "today",
    "campaign",
];

/// Gives `tera` the site's language and the context every page shares ([`GLOBALS`]).
pub fn set_globals(tera: &mut Tera, data: &SiteData) {
    let (config, plan, computed) = (data.config, data.plan, data.computed);
    let title = config.title.as_deref().unwrap_or(&plan.campaign.name);
    register_date_filters(tera, Arc::new(data.language.clone()));
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
    globals.insert("t", data.language.strings());
    globals.insert("i18n_json", &script_strings(data.language));
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
            percent_label: percent_label(data.language, computed.campaign_percent),
            state: computed.campaign_state,
            story_count: data.stories.len(),
            unit_count: computed.units.len(),
            document: crate::pipeline::wording::document_words(&plan.document, data.language),
        },
    );
    debug_assert!(
        GLOBALS
            .iter()
            .all(|key| tera.global_context().contains_key(key))
    );
}

/// Renders `pages` in parallel with a `tera` prepared by [`set_globals`].
pub fn render_pages(tera: &Tera, data: &SiteData, pages: Vec<Page>) -> Result<Vec<Rendered>> {
    pages
        .into_par_iter()
        .map(|page| {
            let mut rendered = render_page(tera, data, page)?;
            // Pages kept in memory keep no spare capacity (up to half the buffer, as it grew
            // by doubling): many MB on a big site.
            rendered.html.shrink_to_fit();
            Ok(rendered)
        })
        .collect()
}

/// Renders `pages` in parallel and hands each to `write` as soon as it is rendered, so only
/// the pages being rendered are in memory. Returns what each page received ([`PageSummary`]).
pub fn render_pages_into(
    tera: &Tera,
    data: &SiteData,
    pages: Vec<Page>,
    write: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<Vec<PageSummary>> {
    pages
        .into_par_iter()
        .map(|page| {
            let rendered = render_page(tera, data, page)?;
            write(&rendered.path, &rendered.html)?;
            Ok(PageSummary {
                template: rendered.template,
                keys: rendered.keys,
            })
        })
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
    pages::add_deferred(data, &page.deferred, &mut page.context);
    let mut html = Vec::new();
    tera.render_to(page.template, &page.context.inner, &mut html)
        .map_err(template_error)?;
    Ok(Rendered {
        path: page.path,
        html,
        template: page.template,
        keys: page.context.keys,
    })
}

/// `"https://example.org/thidua/2024/"` → `"/thidua/2024/"`.
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
