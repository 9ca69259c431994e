//! The build pipeline, top to bottom: load → validate → compute → render → write.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Tera;

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Language;
use crate::model::audience::Audience;
use crate::model::config::{self, Config};
use crate::model::plan::{self, Plan};
use crate::model::registration::{self, Registration};
use crate::model::story::{self, Story};
use crate::pipeline::bulletin::Bulletin;
use crate::pipeline::output::{self, OutputFile};
use crate::pipeline::photos::PhotoSet;
use crate::pipeline::progress::{ProgressHook, Stage};
use crate::pipeline::render::{PageSummary, SiteData};
use crate::pipeline::theme::{self, PreparedAssets, Theme};
use crate::pipeline::views::{Chart, Computed};
use crate::pipeline::wording;
use crate::source::load::{self, SourceFile, Sources};
use crate::{
    pipeline::bulletin, pipeline::charts, pipeline::feeds, pipeline::ics, pipeline::pages,
    pipeline::photos, pipeline::render, pipeline::search, pipeline::views, source::yaml,
    time::calendar,
};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where to write; `root/output` when `None`.
    pub output: Option<PathBuf>,
    /// "Today" for phase status and countdowns; the current date in the campaign timezone
    /// when `None`.
    pub today: Option<NaiveDate>,
    /// Overrides `base_url` from the site config.
    pub base_url: Option<String>,
    /// Replace an output folder thidua did not create.
    pub force: bool,
    /// Include stories marked `draft: true`.
    pub drafts: bool,
    pub audience: Audience,
    /// Where processed photos are cached; `root/.thidua-cache` when `None`.
    pub cache_dir: Option<PathBuf>,
    /// Publish CSS/JS under their own names instead of content-hashed ones. The preview
    /// uses this so a stylesheet edit changes only the stylesheet (and can be swapped live).
    pub plain_asset_names: bool,
    /// Told each stage as the build enters it, so a caller can show progress.
    pub progress: Option<ProgressHook>,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    /// Template name → the keys its pages' contexts received (the README documents them).
    pub template_contexts: TemplateContexts,
    pub files: usize,
    pub stories: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

pub type TemplateContexts = BTreeMap<&'static str, BTreeSet<&'static str>>;

/// A loaded and validated site.
pub struct Site {
    pub config: Config,
    /// The plan as this audience sees it (internal sections removed from a public build).
    pub plan: Plan,
    /// The plan as written: stories are checked against it, since a public story may name a
    /// sector or movement the public plan does not show.
    pub plan_as_written: Plan,
    /// The stories this build publishes (drafts and internal stories already filtered out as
    /// the audience requires).
    pub stories: Vec<Story>,
    pub registrations: Vec<Registration>,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site and swaps it into the output folder. Nothing is written if any error is
/// found; the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    output::check_target(&output_dir, &options.root, options.force)?;
    output::recover(&output_dir)?;
    options.report_stage(Stage::Loading);
    let site = load_site(options)?;
    options.report_stage(Stage::Rendering);
    let theme = theme::load(&options.root, &site.config.theme)?;
    let mut tera = render::compile(&theme)?;
    let prepared = prepare(options, &site, &theme)?;
    let Layout {
        data,
        pages,
        others,
    } = lay_out(&site, &prepared, &mut tera)?;
    // Pages are written as they are rendered, into a staging folder swapped in at the end.
    let staging = output::Staging::begin(&output_dir)?;
    let summaries =
        render::render_pages_into(&tera, &data, pages, &|path, html| staging.write(path, html))?;
    options.report_stage(Stage::Writing);
    let pages = summaries.len();
    let template_contexts = summarize(summaries);
    others
        .par_iter()
        .try_for_each(|(file, _)| staging.put(file))?;
    let written = staging.finish()?;
    Ok(BuildReport {
        output: output_dir,
        pages,
        template_contexts,
        files: written,
        stories: site.stories.len(),
        warnings: site.warnings,
        elapsed: started.elapsed(),
    })
}

/// What rendering needs besides the site and its templates, derived from the site: views,
/// processed photos, the language, bulletins, charts, theme assets and the search index.
pub(crate) struct Prepared {
    pub language: Language,
    pub computed: Computed,
    pub bulletins: Vec<Bulletin>,
    pub statistics: Vec<Chart>,
    pub assets: PreparedAssets,
    pub photo_sets: HashMap<String, PhotoSet>,
    pub photo_files: Vec<OutputFile>,
    pub search: search::Index,
}

impl Prepared {
    pub fn data<'a>(&'a self, site: &'a Site) -> SiteData<'a> {
        SiteData {
            config: &site.config,
            language: &self.language,
            plan: &site.plan,
            stories: &site.stories,
            computed: &self.computed,
            registrations: &site.registrations,
            bulletins: &self.bulletins,
            statistics: &self.statistics,
            photos: &self.photo_sets,
            assets: &self.assets.urls,
        }
    }
}

/// The compute stage: everything pages are rendered from, for "today" in the campaign's
/// timezone unless the options say otherwise.
pub(crate) fn prepare(options: &BuildOptions, site: &Site, theme: &Theme) -> Result<Prepared> {
    let (photo_sets, photo_files) =
        photos::process(&options.root, &photo_cache(options), &photo_paths(site))?;
    prepare_with_photos(options, site, theme, photo_sets, photo_files)
}

/// [`prepare`] for `check`, which renders every page but writes nothing, not even the photo
/// cache: photos are described (their copies' names and sizes), not encoded.
fn prepare_without_writing(options: &BuildOptions, site: &Site, theme: &Theme) -> Result<Prepared> {
    let (photo_sets, photo_files) =
        photos::describe(&options.root, &photo_cache(options), &photo_paths(site))?;
    prepare_with_photos(options, site, theme, photo_sets, photo_files)
}

/// The photos of published stories, each once: only those are processed, so nothing
/// internal leaks through media.
fn photo_paths(site: &Site) -> Vec<&str> {
    let mut paths: Vec<&str> = site
        .stories
        .iter()
        .filter_map(|s| s.photo.as_deref())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

fn photo_cache(options: &BuildOptions) -> PathBuf {
    options
        .cache_dir
        .clone()
        .unwrap_or_else(|| options.root.join(photos::CACHE_DIR))
}

fn prepare_with_photos(
    options: &BuildOptions,
    site: &Site,
    theme: &Theme,
    photo_sets: HashMap<String, PhotoSet>,
    photo_files: Vec<OutputFile>,
) -> Result<Prepared> {
    let today = options
        .today
        .unwrap_or_else(|| calendar::today_in(site.config.timezone));
    let language = wording::language_for(&site.plan, theme.language(&site.config.language)?);
    let computed = views::compute(&site.plan, &site.stories, today, &photo_sets, &language);
    let bulletins = match site.config.audience {
        Audience::Internal => {
            bulletin::bulletins(&site.plan, &site.stories, &computed, today, &language)
        }
        Audience::Public => Vec::new(),
    };
    let statistics = views::statistics(&site.plan, &site.stories, &computed, &language);
    let assets = theme::prepare_assets(&theme.assets, !options.plain_asset_names)?;
    let search = search::Index::build(&site.stories, &computed);
    Ok(Prepared {
        language,
        computed,
        bulletins,
        statistics,
        assets,
        photo_sets,
        photo_files,
        search,
    })
}

/// Everything a build does short of writing (for `check`): every page is rendered and
/// dropped, so a template that fails only on some data (a filter given the wrong value, a
/// missing field) is found, and so are two files published at one path.
pub(crate) fn render_without_writing(
    options: &BuildOptions,
    site: &Site,
    theme: &Theme,
) -> Result<()> {
    let mut tera = render::compile(theme)?;
    let prepared = prepare_without_writing(options, site, theme)?;
    let Layout { data, pages, .. } = lay_out(site, &prepared, &mut tera)?;
    render::render_pages_into(&tera, &data, pages, &|_, _| Ok(()))?;
    Ok(())
}

/// What a build publishes, before rendering.
struct Layout<'a> {
    /// What pages are rendered from (`tera`'s shared context is set from it).
    data: SiteData<'a>,
    pages: Vec<pages::Page>,
    /// Every file that is not a page.
    others: Vec<(OutputFile, Origin)>,
}

/// Lays out the site: the pages and every other file, checked for two files at one path.
fn lay_out<'a>(site: &'a Site, prepared: &'a Prepared, tera: &mut Tera) -> Result<Layout<'a>> {
    let data = prepared.data(site);
    render::set_globals(tera, &data);
    let pages = pages::all(&data);
    let others = other_files(site, prepared, &pages);
    refuse_collisions(&pages, &others)?;
    Ok(Layout {
        data,
        pages,
        others,
    })
}

/// A site rendered in memory: what a build would write.
pub(crate) struct InMemory {
    pub files: Vec<OutputFile>,
    /// How many of `files` are pages.
    pub pages: usize,
    /// The paths of the search index's files.
    pub search_paths: Vec<String>,
}

/// Everything a build writes, in memory: the rendered pages, the feeds and other generated
/// files, the theme's static files and the photos of published stories. `tera` holds the
/// theme's compiled templates (see [`render::compile`]).
pub(crate) fn render_files(site: &Site, prepared: &Prepared, tera: &mut Tera) -> Result<InMemory> {
    let Layout {
        data,
        pages,
        others,
    } = lay_out(site, prepared, tera)?;
    let rendered = render::render_pages(tera, &data, pages)?;
    let page_count = rendered.len();
    let search_paths = others
        .iter()
        .filter(|(_, origin)| *origin == Origin::SearchIndex)
        .map(|(file, _)| file.path.clone())
        .collect();
    let files = rendered
        .into_iter()
        .map(|page| OutputFile::bytes(page.path, page.html))
        .chain(others.into_iter().map(|(file, _)| file))
        .collect();
    Ok(InMemory {
        files,
        pages: page_count,
        search_paths,
    })
}

/// Which keys each template received.
fn summarize(summaries: Vec<PageSummary>) -> TemplateContexts {
    let mut contexts = TemplateContexts::new();
    for page in summaries {
        contexts.entry(page.template).or_default().extend(page.keys);
    }
    contexts
}

/// Where a published file comes from: named when two would be published at one path, and
/// used by the preview to find the search index's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Page,
    Generated,
    SearchIndex,
    Theme,
    Photo,
}

impl Origin {
    fn describe(self) -> &'static str {
        match self {
            Origin::Page => "a page of the site",
            Origin::Generated => {
                "a file thidua makes (sitemap, robots.txt, feed, calendar or chart)"
            }
            Origin::SearchIndex => "a file of the search index",
            Origin::Theme => "a static file of the theme",
            Origin::Photo => "a story photo or one of its resized copies",
        }
    }
}

/// Refuses to publish two files at one path: one would silently replace the other (a theme's
/// `static/404.html` and the 404 page, a photo named like a search index file).
fn refuse_collisions(pages: &[pages::Page], others: &[(OutputFile, Origin)]) -> Result<()> {
    let mut published: HashMap<&str, Origin> = HashMap::with_capacity(pages.len() + others.len());
    let all = pages
        .iter()
        .map(|page| (page.path.as_str(), Origin::Page))
        .chain(
            others
                .iter()
                .map(|(file, origin)| (file.path.as_str(), *origin)),
        );
    for (path, origin) in all {
        if let Some(first) = published.insert(path, origin) {
            return Err(Error::Refused(format!(
                "two files would be published at {path}: {} and {}; rename or remove one (a page is changed by overriding its template, not with a static file)",
                first.describe(),
                origin.describe()
            )));
        }
    }
    Ok(())
}

/// The files that are not pages: sitemap, robots.txt, calendar, feeds, search index, charts,
/// theme assets and photos.
fn other_files(
    site: &Site,
    prepared: &Prepared,
    pages: &[pages::Page],
) -> Vec<(OutputFile, Origin)> {
    let config = &site.config;
    let sitemap_urls: Vec<&str> = pages
        .iter()
        .filter(|page| page.in_sitemap)
        .map(|page| page.url.as_str())
        .collect();
    let generated = [
        OutputFile::bytes(
            feeds::SITEMAP.into(),
            feeds::sitemap(&config.base_url, &sitemap_urls).into_bytes(),
        ),
        OutputFile::bytes("robots.txt".into(), feeds::robots(config).into_bytes()),
        OutputFile::bytes(
            ics::CALENDAR.into(),
            ics::calendar(config, &site.plan, &site.registrations, &prepared.language).into_bytes(),
        ),
    ]
    .into_iter()
    .chain(feed_files(site, prepared))
    .chain(prepared.statistics.iter().map(|chart| {
        OutputFile::bytes(
            chart.file.clone(),
            charts::bar_chart(&chart.title, &chart.rows).into_bytes(),
        )
    }))
    .map(|file| (file, Origin::Generated));
    let search = search_files(site, prepared)
        .into_iter()
        .map(|file| (file, Origin::SearchIndex));
    let theme = prepared.assets.files.iter().map(|(path, bytes)| {
        (
            OutputFile::bytes(path.clone(), bytes.clone()),
            Origin::Theme,
        )
    });
    let photos = prepared
        .photo_files
        .iter()
        .map(|file| (file.clone(), Origin::Photo));
    generated.chain(search).chain(theme).chain(photos).collect()
}

/// The Atom and RSS feeds of the newest stories.
pub(crate) fn feed_files(site: &Site, prepared: &Prepared) -> [OutputFile; 2] {
    let (config, plan, computed) = (&site.config, &site.plan, &prepared.computed);
    [
        OutputFile::bytes(
            feeds::ATOM.into(),
            feeds::atom(config, plan, &site.stories, computed).into_bytes(),
        ),
        OutputFile::bytes(
            feeds::RSS.into(),
            feeds::rss(config, plan, &site.stories, computed).into_bytes(),
        ),
    ]
}

/// The search index's files.
pub(crate) fn search_files(site: &Site, prepared: &Prepared) -> Vec<OutputFile> {
    prepared
        .search
        .files(&site.stories, &prepared.computed, &site.plan)
        .into_iter()
        .map(|(path, js)| OutputFile::bytes(path, js.into_bytes()))
        .collect()
}

/// Loads and validates everything; on any error, returns every diagnostic found.
pub fn load_site(options: &BuildOptions) -> Result<Site> {
    load_site_with(options, &mut parse_stories)
}

/// The outcome of parsing each story file: the story (if it parsed) and its diagnostics.
pub(crate) type ParsedStories = Vec<(Option<story::ParsedStory>, Vec<Diagnostic>)>;

/// [`load_site`] with the story parser given, so repeated builds can reuse stories that did
/// not change (see [`crate::pipeline::builder`]).
pub(crate) fn load_site_with(
    options: &BuildOptions,
    parse: &mut dyn FnMut(&[&SourceFile], &[String]) -> ParsedStories,
) -> Result<Site> {
    let mut diagnostics = Vec::new();
    let sources = load::load(&options.root, &mut diagnostics)?;
    validate_sources(sources, options, parse, diagnostics)
}

/// Validates content already read by [`load::load`]; `diagnostics` holds what loading found.
pub fn validate_sources(
    sources: Sources,
    options: &BuildOptions,
    parse: &mut dyn FnMut(&[&SourceFile], &[String]) -> ParsedStories,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Site> {
    let site = validate(sources, options, parse, &mut diagnostics);
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    match site {
        Some(site) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Site {
            warnings: diagnostics,
            ..site
        }),
        _ => Err(Error::Invalid(diagnostics)),
    }
}

fn validate(
    sources: Sources,
    options: &BuildOptions,
    parse: &mut dyn FnMut(&[&SourceFile], &[String]) -> ParsedStories,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Site> {
    let config = match &sources.config {
        Some(file) => yaml::parse::<config::RawConfig>(
            &file.path,
            &file.text,
            0,
            config::CONFIG_FIELDS,
            diagnostics,
        )
        .and_then(|raw| {
            config::resolve(
                raw,
                options.audience,
                options.base_url.as_deref(),
                &file.path,
                &file.text,
                diagnostics,
            )
        }),
        None => config::resolve(
            config::RawConfig::default(),
            options.audience,
            options.base_url.as_deref(),
            Path::new("content/site.yaml"),
            "",
            diagnostics,
        ),
    };
    let plan = sources.plan.as_ref().and_then(|file| {
        let raw: plan::RawPlan =
            yaml::parse(&file.path, &file.text, 0, plan::PLAN_FIELDS, diagnostics)?;
        Some(plan::resolve(raw, &file.path, &file.text, diagnostics))
    });

    // Stories are parsed even when the plan is broken, so one run reports both.
    let iframe_origins = config
        .as_ref()
        .map_or(&[][..], |c| c.allow_iframes_from.as_slice());
    let parsed = parse(&sources.stories.iter().collect::<Vec<_>>(), iframe_origins);
    let mut parsed_stories = Vec::with_capacity(parsed.len());
    for (story, local) in parsed {
        diagnostics.extend(local);
        parsed_stories.extend(story);
    }
    let plan = plan?;

    let media = &sources.media;
    let photo_exists = |path: &str| media.contains(path);
    let resolved: Vec<(Option<Story>, Vec<Diagnostic>)> = parsed_stories
        .into_par_iter()
        .map(|parsed| {
            let mut local = Vec::new();
            (
                story::resolve(parsed, &plan, &photo_exists, &mut local),
                local,
            )
        })
        .collect();
    let mut stories = Vec::with_capacity(resolved.len());
    for (story, local) in resolved {
        diagnostics.extend(local);
        stories.extend(story);
    }
    // URLs are assigned after audience filtering: a suffix must not hint at a story this
    // audience cannot see.
    stories.retain(|story| {
        (options.drafts || !story.draft) && options.audience.may_see(story.visibility)
    });
    assign_slugs(&mut stories, diagnostics);
    let registrations = sources
        .registrations
        .as_ref()
        .and_then(|file| {
            let raw: Vec<registration::RawRegistration> = yaml::parse(
                &file.path,
                &file.text,
                0,
                registration::REGISTRATION_FIELDS,
                diagnostics,
            )?;
            Some(registration::resolve(
                raw,
                &plan,
                &file.path,
                &file.text,
                diagnostics,
            ))
        })
        .unwrap_or_default();
    let plan_as_written = plan;
    let mut plan = plan_as_written.clone();
    plan.restrict_to(options.audience);
    Some(Site {
        config: config?,
        plan,
        plan_as_written,
        stories,
        registrations,
        warnings: Vec::new(),
    })
}

/// Parses story files in parallel; the outcomes are in the order of `files`.
pub(crate) fn parse_stories(files: &[&SourceFile], iframe_origins: &[String]) -> ParsedStories {
    files
        .par_iter()
        .map(|file| {
            let mut local = Vec::new();
            let story = story::parse(&file.path, &file.text, iframe_origins, &mut local);
            (story, local)
        })
        .collect()
}

/// Gives every story its own URL. Stories whose names give the same slug ("Đồng Du" and
/// "Đông Du") are told apart with a numeric suffix in order of date, then file name, so the
/// earliest keeps the plain URL and a story added later never renames an older one. The
/// same person twice in the same unit is almost always a duplicated file: that is an error.
/// Also warns when one unit is written two ways (both land on one unit page).
fn assign_slugs(stories: &mut [Story], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_slug: HashMap<String, Vec<usize>> = HashMap::with_capacity(stories.len());
    for (index, story) in stories.iter().enumerate() {
        by_slug.entry(story.slug.clone()).or_default().push(index);
    }
    let taken: std::collections::HashSet<String> = by_slug.keys().cloned().collect();
    let mut collisions: Vec<Vec<usize>> = by_slug
        .into_values()
        .filter(|group| group.len() > 1)
        .collect();
    collisions.sort_by(|a, b| stories[a[0]].slug.cmp(&stories[b[0]].slug));
    for mut group in collisions {
        group.sort_by(|&a, &b| {
            (stories[a].date, &stories[a].path).cmp(&(stories[b].date, &stories[b].path))
        });
        let first = group[0];
        let mut suffix = 1;
        for &other in &group[1..] {
            let (keeper, story) = (&stories[first], &stories[other]);
            if keeper.name == story.name && keeper.unit == story.unit {
                diagnostics.push(
                    Diagnostic::error(
                        &story.path,
                        format!(
                            "“{}” of “{}” already has a story in {}",
                            story.name,
                            story.unit,
                            keeper.path.display()
                        ),
                    )
                    .with_hint("merge the two files; if they are two different people, add what tells them apart to the name"),
                );
                continue;
            }
            let slug = loop {
                suffix += 1;
                let candidate = format!("{}-{suffix}", story.slug);
                if !taken.contains(&candidate) {
                    break candidate;
                }
            };
            diagnostics.push(
                Diagnostic::warning(
                    &story.path,
                    format!(
                        "“{}” and “{}” ({}) share the URL /{}; this story is published at /{}",
                        story.name,
                        keeper.name,
                        keeper.path.display(),
                        views::urls::story(&keeper.slug),
                        views::urls::story(&slug)
                    ),
                )
                .with_hint("the earliest story keeps the plain URL; later ones get -2, -3…"),
            );
            stories[other].slug = slug;
        }
    }

    let mut units: HashMap<&str, &Story> = HashMap::new();
    for story in stories.iter() {
        match units.get(story.unit_slug.as_str()) {
            Some(first) if first.unit != story.unit => diagnostics.push(
                Diagnostic::warning(
                    &story.path,
                    format!(
                        "unit “{}” is written differently in {}: “{}”; both are shown on one unit page",
                        story.unit,
                        first.path.display(),
                        first.unit
                    ),
                )
                .with_hint("write the unit name the same way in every story"),
            ),
            Some(_) => {}
            None => {
                units.insert(&story.unit_slug, story);
            }
        }
    }
}
