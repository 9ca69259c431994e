//! The list of pages a site has, each with its template, URL and own context. The README's
//! "Templates and what they receive" section documents these contexts.

use serde::Serialize;

use crate::model::audience::Audience;
use crate::pipeline::bulletin::Bulletin;
use crate::pipeline::photos::PhotoSet;
use crate::pipeline::render::SiteData;
use crate::pipeline::views::{Listing, ListingKind, StoryCard, urls};
use crate::time::calendar::{Countdown, PhaseState};

/// A page's own template context. It remembers which keys were given, so a test can hold
/// the README's list of template variables to what the code really passes.
#[derive(Clone, Default)]
pub struct Context {
    pub(crate) inner: tera::Context,
    pub keys: Vec<&'static str>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.inner.insert(key, value);
        self.keys.push(key);
    }
}

/// A page to render: which template, where it goes, and its own context.
pub struct Page {
    pub template: &'static str,
    /// Directory URL relative to the site root ("" for the home page, "bang-vang/" …).
    pub url: String,
    /// The output file, relative to the output folder.
    pub path: String,
    pub title: String,
    /// Meta description; the site's description when `None`.
    pub description: Option<String>,
    pub section: &'static str,
    pub context: Context,
    pub in_sitemap: bool,
    /// Context values too big to build for every page up front, added by the worker that
    /// renders the page: the whole site is never copied into contexts at once.
    pub deferred: Deferred,
    /// Links use the absolute base URL (for the e-mail bulletin, read outside the site).
    pub absolute_links: bool,
}

impl Page {
    fn new(
        template: &'static str,
        url: String,
        title: String,
        section: &'static str,
        context: Context,
    ) -> Self {
        Self {
            template,
            path: format!("{url}index.html"),
            url,
            title,
            description: None,
            section,
            context,
            in_sitemap: true,
            deferred: Deferred::Nothing,
            absolute_links: false,
        }
    }
}

/// Large context values a page receives only when it is rendered.
pub enum Deferred {
    Nothing,
    /// `story`, from the card at this index.
    Story(usize),
    /// `unit` and `stories`, for the unit at this index.
    Unit(usize),
    /// `listing`, `stories` and `pagination`: page `number` of `total` of the listing at
    /// `index`.
    Listing {
        index: usize,
        number: usize,
        total: usize,
    },
}

/// Adds a page's deferred values to its context.
pub fn add_deferred(data: &SiteData, deferred: &Deferred, context: &mut Context) {
    match *deferred {
        Deferred::Nothing => {}
        Deferred::Story(card_index) => context.insert("story", &story_view(data, card_index)),
        Deferred::Unit(unit_index) => {
            let unit = &data.computed.units[unit_index];
            let cards: Vec<&StoryCard> = unit
                .stories
                .iter()
                .map(|&i| &data.computed.cards[i])
                .collect();
            context.insert("unit", unit);
            context.insert("stories", &cards);
        }
        Deferred::Listing {
            index,
            number,
            total,
        } => listing_context(data, &data.computed.listings[index], number, total, context),
    }
}

/// A story as its own page (and the bulletin) shows it.
#[derive(Serialize)]
pub struct StoryPageView<'a> {
    #[serde(flatten)]
    pub card: &'a StoryCard,
    pub body_html: &'a str,
    pub sector: Option<&'a str>,
    pub movement: Option<&'a str>,
    pub word_count: usize,
    /// Absolute URL of the largest photo, for social-media cards.
    pub photo_url: Option<String>,
    /// Responsive renditions (WebP and the original format) of a raster photo.
    pub picture: Option<&'a PhotoSet>,
}

/// A listing on the honor roll: its first page of cards (`count` tells whether there are
/// more, on the listing's own pages).
#[derive(Serialize)]
struct HonorGroup<'a> {
    #[serde(flatten)]
    listing: &'a Listing,
    cards: Vec<&'a StoryCard>,
}

#[derive(Serialize)]
struct RegistrationView<'a> {
    unit: &'a str,
    unit_url: Option<String>,
    sector: Option<&'a str>,
    date: crate::model::plan::DateView,
    place: Option<&'a str>,
    contact: Option<&'a str>,
}

#[derive(Serialize)]
struct MonthGroup<'a> {
    label: String,
    registrations: Vec<RegistrationView<'a>>,
}

pub fn story_view<'a>(data: &'a SiteData, card_index: usize) -> StoryPageView<'a> {
    let card = &data.computed.cards[card_index];
    let story = &data.stories[data.computed.card_story[card_index]];
    StoryPageView {
        card,
        body_html: &story.body_html,
        sector: story.sector.as_deref(),
        movement: story.movement.as_deref(),
        word_count: story.word_count,
        picture: story.photo.as_ref().and_then(|p| data.photos.get(p)),
        photo_url: story.photo.as_ref().map(|p| match data.photos.get(p) {
            Some(set) => format!("{}{}", data.config.base_url, set.src.url),
            None => format!("{}{p}", data.config.base_url),
        }),
    }
}

/// Every page of the site.
pub fn all(data: &SiteData) -> Vec<Page> {
    let computed = data.computed;
    let mut pages = Vec::with_capacity(
        data.stories.len() + computed.units.len() + 3 * data.bulletins.len() + 10,
    );
    pages.extend(site_wide(data));
    bulletin_pages(data, &mut pages, &|_| true);
    for (index, listing) in computed.listings.iter().enumerate() {
        let total = listing_page_count(data, listing);
        pages.extend((1..=total).map(|number| listing_page(data, index, number, total)));
    }
    pages.extend((0..computed.units.len()).map(|index| unit_page(data, index)));
    pages.extend((0..computed.cards.len()).map(|index| story_page(data, index)));
    pages
}

/// The pages that can show the card at `card_index`, when neither the set of stories nor
/// their order and grouping changed: its own page, its unit's page, the listing pages it is
/// on, the bulletins that carry it, and every site-wide page (home, honor roll, …). No other
/// page's context holds anything of that story.
pub fn showing_card(data: &SiteData, card_index: usize) -> Vec<Page> {
    let computed = data.computed;
    let mut pages = site_wide(data);
    bulletin_pages(data, &mut pages, &|bulletin| {
        bulletin.stories.contains(&card_index)
    });
    for (index, listing) in computed.listings.iter().enumerate() {
        if let Some(position) = listing.stories.iter().position(|&i| i == card_index) {
            let number = position / data.config.page_size + 1;
            let total = listing_page_count(data, listing);
            pages.push(listing_page(data, index, number, total));
        }
    }
    if let Some(unit) = computed
        .units
        .iter()
        .position(|unit| unit.stories.contains(&card_index))
    {
        pages.push(unit_page(data, unit));
    }
    pages.push(story_page(data, card_index));
    pages
}

/// The pages that are one of a kind: home, plan, timeline, anniversaries, honor roll, unit
/// index, search, statistics, registrations, the bulletin index and 404.
fn site_wide(data: &SiteData) -> Vec<Page> {
    let (config, plan, computed) = (data.config, data.plan, data.computed);
    let mut pages = Vec::new();
    let mut home = Context::new();
    let latest: Vec<&StoryCard> = computed.cards.iter().take(config.latest_stories).collect();
    home.insert("latest", &latest);
    home.insert(
        "active_phases",
        &computed
            .phases
            .iter()
            .filter(|p| p.state == PhaseState::Active)
            .collect::<Vec<_>>(),
    );
    let next = computed
        .anniversaries
        .iter()
        .find(|a| matches!(a.countdown, Some(Countdown::Upcoming(_) | Countdown::Today)));
    home.insert("next_anniversary", &next);
    pages.push(Page::new(
        "index.html",
        String::new(),
        plan.campaign.name.clone(),
        "home",
        home,
    ));

    let document = crate::pipeline::wording::document_words(&plan.document, data.language);
    let mut plan_page = Page::new(
        "plan.html",
        urls::PLAN.into(),
        document.label.clone(),
        "plan",
        Context::new(),
    );
    plan_page.description = Some(format!(
        "{}: {}",
        document.label,
        crate::markup::markdown::plain(&plan.document.title.0)
    ));
    pages.push(plan_page);

    let mut timeline = Context::new();
    timeline.insert("ticks", &computed.ticks);
    timeline.insert("lanes", &computed.lanes);
    let (start, end) = (plan.campaign.start.0, plan.campaign.end.0);
    timeline.insert(
        "today_left",
        &crate::time::calendar::axis_position(computed.today, start, end),
    );
    timeline.insert(
        "today_in_period",
        &(computed.today >= start && computed.today <= end),
    );
    pages.push(Page::new(
        "timeline.html",
        urls::TIMELINE.into(),
        data.language.t("timeline_title").into(),
        "timeline",
        timeline,
    ));

    pages.push(Page::new(
        "anniversaries.html",
        urls::ANNIVERSARIES.into(),
        data.language.t("anniversaries_title").into(),
        "anniversaries",
        Context::new(),
    ));

    let mut honor = Context::new();
    // Each group shows its listing's first page and links to the rest, so the honor roll
    // stays a readable page (and a cheap one to render) with tens of thousands of stories.
    let of_kind = |kind: ListingKind| {
        computed
            .listings
            .iter()
            .filter(|l| l.kind == kind)
            .map(|listing| HonorGroup {
                listing,
                cards: listing
                    .stories
                    .iter()
                    .take(config.page_size)
                    .map(|&i| &computed.cards[i])
                    .collect(),
            })
            .collect::<Vec<_>>()
    };
    honor.insert("by_award", &of_kind(ListingKind::Award));
    honor.insert("by_phase", &of_kind(ListingKind::Phase));
    honor.insert("by_sector", &of_kind(ListingKind::Sector));
    honor.insert("by_movement", &of_kind(ListingKind::Movement));
    pages.push(Page::new(
        "honor_roll.html",
        urls::HONOR_ROLL.into(),
        data.language.t("honor_roll_title").into(),
        "honor_roll",
        honor,
    ));

    let mut units = Context::new();
    units.insert("units", &computed.units);
    pages.push(Page::new(
        "units.html",
        urls::UNITS.into(),
        data.language.t("units_title").into(),
        "units",
        units,
    ));
    pages.push(Page::new(
        "search.html",
        urls::SEARCH.into(),
        data.language.t("search").into(),
        "search",
        Context::new(),
    ));

    let mut statistics = Context::new();
    statistics.insert("charts", data.statistics);
    pages.push(Page::new(
        "statistics.html",
        urls::STATISTICS.into(),
        data.language.t("statistics_title").into(),
        "statistics",
        statistics,
    ));

    if !data.registrations.is_empty() {
        pages.push(registrations_page(data));
    }
    if config.audience == Audience::Internal {
        pages.push(bulletin_index(data));
    }
    let mut not_found = Page::new(
        "404.html",
        String::new(),
        data.language.t("not_found_title").into(),
        "none",
        Context::new(),
    );
    not_found.path = "404.html".into();
    not_found.in_sitemap = false;
    pages.push(not_found);
    pages
}

fn unit_page(data: &SiteData, index: usize) -> Page {
    let unit = &data.computed.units[index];
    let mut page = Page::new(
        "unit.html",
        unit.url.clone(),
        unit.name.clone(),
        "units",
        Context::new(),
    );
    page.deferred = Deferred::Unit(index);
    page
}

fn story_page(data: &SiteData, card_index: usize) -> Page {
    let card = &data.computed.cards[card_index];
    let mut page = Page::new(
        "story.html",
        card.url.clone(),
        format!("{} – {}", card.name, card.headline),
        "honor_roll",
        Context::new(),
    );
    page.deferred = Deferred::Story(card_index);
    page.description = Some(card.summary.clone());
    page
}

fn registrations_page(data: &SiteData) -> Page {
    let internal = data.config.audience == Audience::Internal;
    let mut months: Vec<MonthGroup> = Vec::new();
    for registration in data.registrations {
        let date = registration.launch_date.0;
        let label = data.language.fill(
            "registrations_month",
            &[
                ("m", &chrono::Datelike::month(&date).to_string()),
                ("yyyy", &chrono::Datelike::year(&date).to_string()),
                (
                    "month",
                    data.language.month_name(chrono::Datelike::month(&date)),
                ),
            ],
        );
        let view = RegistrationView {
            unit: &registration.unit,
            unit_url: data
                .computed
                .units
                .iter()
                .any(|u| u.slug == registration.unit_slug)
                .then(|| urls::unit(&registration.unit_slug)),
            sector: registration.sector.as_deref(),
            date: date.into(),
            place: registration.place.as_deref(),
            contact: registration.contact.as_deref().filter(|_| internal),
        };
        match months.last_mut() {
            Some(group) if group.label == label => group.registrations.push(view),
            _ => months.push(MonthGroup {
                label,
                registrations: vec![view],
            }),
        }
    }
    let mut context = Context::new();
    context.insert("months", &months);
    context.insert("count", &data.registrations.len());
    Page::new(
        "registrations.html",
        urls::REGISTRATIONS.into(),
        data.language.t("registrations_page_title").into(),
        "registrations",
        context,
    )
}

fn bulletin_index(data: &SiteData) -> Page {
    let mut index = Context::new();
    index.insert("bulletins", data.bulletins);
    Page::new(
        "bulletins.html",
        urls::BULLETINS.into(),
        data.language.t("bulletins_title").into(),
        "bulletins",
        index,
    )
}

/// The print and e-mail pages of each bulletin that `wanted` accepts.
fn bulletin_pages(data: &SiteData, pages: &mut Vec<Page>, wanted: &dyn Fn(&Bulletin) -> bool) {
    for bulletin in data.bulletins.iter().filter(|b| wanted(b)) {
        let mut context = Context::new();
        let stories: Vec<StoryPageView> = bulletin
            .stories
            .iter()
            .map(|&i| story_view(data, i))
            .collect();
        let phases: Vec<_> = bulletin
            .phases
            .iter()
            .map(|&i| &data.computed.phases[i])
            .collect();
        context.insert("bulletin", bulletin);
        context.insert("stories", &stories);
        context.insert("bulletin_phases", &phases);
        context.insert(
            "email_url",
            &format!("{}{}email.html", data.config.base_url, bulletin.url),
        );
        pages.push(Page::new(
            "bulletin.html",
            bulletin.url.clone(),
            bulletin.title.clone(),
            "bulletins",
            context.clone(),
        ));
        let mut email = Page::new(
            "bulletin_email.html",
            bulletin.url.clone(),
            bulletin.title.clone(),
            "bulletins",
            context,
        );
        email.path = format!("{}email.html", bulletin.url);
        email.in_sitemap = false;
        email.absolute_links = true;
        pages.push(email);
    }
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    /// Pages are left out before this one (shown as "…").
    gap_before: bool,
}

/// The page numbers a pager shows: the first, the last and two on each side of the current
/// one, so each page carries a bounded number of links however long the listing.
fn pager_numbers(current: usize, total: usize) -> Vec<usize> {
    let mut numbers: Vec<usize> = [1, total]
        .into_iter()
        .chain(current.saturating_sub(2).max(1)..=(current + 2).min(total))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

/// `danh-hieu/nguoi-tot-viec-tot/` for page 1, `…/trang-2/` after: page URLs stay stable as
/// long as the page size does.
fn listing_page_url(listing: &Listing, number: usize) -> String {
    if number == 1 {
        listing.url.clone()
    } else {
        format!("{}trang-{number}/", listing.url)
    }
}

fn listing_page_count(data: &SiteData, listing: &Listing) -> usize {
    listing.stories.len().div_ceil(data.config.page_size).max(1)
}

/// Page `number` (from 1) of `total` of the listing at `index`.
fn listing_page(data: &SiteData, index: usize, number: usize, total: usize) -> Page {
    let listing = &data.computed.listings[index];
    let title = if number == 1 {
        format!("{} “{}”", listing.kind_label, listing.name)
    } else {
        let page = data
            .language
            .fill("listing_title_page", &[("n", &number.to_string())]);
        format!("{} “{}”{page}", listing.kind_label, listing.name)
    };
    let mut page = Page::new(
        "listing.html",
        listing_page_url(listing, number),
        title,
        "honor_roll",
        Context::new(),
    );
    page.deferred = Deferred::Listing {
        index,
        number,
        total,
    };
    page
}

/// `listing`, `stories` and `pagination` for page `number` of `total` of a listing.
fn listing_context(
    data: &SiteData,
    listing: &Listing,
    number: usize,
    total: usize,
    context: &mut Context,
) {
    let size = data.config.page_size;
    let cards: Vec<&StoryCard> = listing
        .stories
        .iter()
        .skip((number - 1) * size)
        .take(size)
        .map(|&i| &data.computed.cards[i])
        .collect();
    context.insert("listing", listing);
    context.insert("stories", &cards);
    context.insert(
        "pagination",
        &Pagination {
            current: number,
            total,
            prev_url: (number > 1).then(|| listing_page_url(listing, number - 1)),
            next_url: (number < total).then(|| listing_page_url(listing, number + 1)),
            pages: {
                let numbers = pager_numbers(number, total);
                let mut previous = 0;
                numbers
                    .into_iter()
                    .map(|n| {
                        let link = PageLink {
                            number: n,
                            url: listing_page_url(listing, n),
                            gap_before: n > previous + 1,
                        };
                        previous = n;
                        link
                    })
                    .collect()
            },
        },
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pager_shows_a_bounded_window() {
        assert_eq!(super::pager_numbers(1, 1), [1]);
        assert_eq!(super::pager_numbers(2, 3), [1, 2, 3]);
        assert_eq!(super::pager_numbers(1, 100), [1, 2, 3, 100]);
        assert_eq!(super::pager_numbers(50, 100), [1, 48, 49, 50, 51, 52, 100]);
        assert_eq!(super::pager_numbers(100, 100), [1, 98, 99, 100]);
    }
}
