//! The build pipeline, top to bottom: load → validate → compute → render → write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::audience::Audience;
use crate::config::{self, Config};
use crate::error::{Diagnostic, Error, Result};
use crate::load::{self, CONTENT_DIR, Sources};
use crate::output::{self, Contents, OutputFile};
use crate::plan::{self, Plan};
use crate::progress::{ProgressHook, Stage};
use crate::registration::{self, Registration};
use crate::render::SiteData;
use crate::story::{self, Story};
use crate::theme;
use crate::{bulletin, calendar, feeds, ics, render, views, yaml};

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
    pub files: usize,
    pub stories: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// A loaded and validated site.
pub struct Site {
    pub config: Config,
    pub plan: Plan,
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
    options.report_stage(Stage::Loading);
    let site = load_site(options)?;
    options.report_stage(Stage::Rendering);
    let today = options
        .today
        .unwrap_or_else(|| calendar::today_in(site.config.timezone));
    let computed = views::compute(&site.plan, &site.stories, today);
    let bulletins = match site.config.audience {
        Audience::Internal => bulletin::bulletins(&site.plan, &site.stories, &computed, today),
        Audience::Public => Vec::new(),
    };
    let theme = theme::load(&options.root, &site.config.theme)?;
    let assets = theme::prepare_assets(theme.assets)?;
    let mut tera = render::compile(&theme.templates)?;
    let data = SiteData {
        config: &site.config,
        plan: &site.plan,
        stories: &site.stories,
        computed: &computed,
        registrations: &site.registrations,
        bulletins: &bulletins,
        assets: &assets.urls,
    };
    let rendered = render::render_site(&mut tera, &data)?;
    let pages = rendered.len();

    let sitemap_urls: Vec<String> = rendered
        .iter()
        .filter_map(|page| page.sitemap_url.clone())
        .collect();
    let mut files: Vec<OutputFile> = rendered
        .into_iter()
        .map(|page| OutputFile::bytes(page.path, page.html.into_bytes()))
        .collect();
    let config = &site.config;
    files.push(OutputFile::bytes(
        feeds::SITEMAP.into(),
        feeds::sitemap(&config.base_url, &sitemap_urls).into_bytes(),
    ));
    files.push(OutputFile::bytes(
        "robots.txt".into(),
        feeds::robots(config).into_bytes(),
    ));
    files.push(OutputFile::bytes(
        feeds::ATOM.into(),
        feeds::atom(config, &site.plan, &site.stories, &computed).into_bytes(),
    ));
    files.push(OutputFile::bytes(
        feeds::RSS.into(),
        feeds::rss(config, &site.plan, &site.stories, &computed).into_bytes(),
    ));
    files.push(OutputFile::bytes(
        ics::CALENDAR.into(),
        ics::calendar(config, &site.plan, &site.registrations).into_bytes(),
    ));
    for (path, bytes) in assets.files {
        files.push(OutputFile::bytes(path, bytes));
    }
    // Only photos of published stories are copied, so nothing internal leaks through media.
    let mut photos: Vec<&str> = site
        .stories
        .iter()
        .filter_map(|s| s.photo.as_deref())
        .collect();
    photos.sort_unstable();
    photos.dedup();
    for photo in photos {
        files.push(OutputFile {
            path: photo.to_string(),
            contents: Contents::Copy(options.root.join(CONTENT_DIR).join(photo)),
        });
    }
    options.report_stage(Stage::Writing);
    let written = output::write(&output_dir, &files)?;
    Ok(BuildReport {
        output: output_dir,
        pages,
        files: written,
        stories: site.stories.len(),
        warnings: site.warnings,
        elapsed: started.elapsed(),
    })
}

/// Loads and validates everything; on any error, returns every diagnostic found.
pub fn load_site(options: &BuildOptions) -> Result<Site> {
    let mut diagnostics = Vec::new();
    let sources = load::load(&options.root, &mut diagnostics)?;
    validate_sources(sources, options, diagnostics)
}

/// Validates content already read by [`load::load`]; `diagnostics` holds what loading found.
pub fn validate_sources(
    sources: Sources,
    options: &BuildOptions,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Site> {
    let site = validate(sources, options, &mut diagnostics);
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    match site {
        Some((config, plan, stories, registrations))
            if !diagnostics.iter().any(Diagnostic::is_error) =>
        {
            Ok(Site {
                config,
                plan,
                stories,
                registrations,
                warnings: diagnostics,
            })
        }
        _ => Err(Error::Invalid(diagnostics)),
    }
}

fn validate(
    sources: Sources,
    options: &BuildOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Config, Plan, Vec<Story>, Vec<Registration>)> {
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
    let parsed: Vec<(Option<story::ParsedStory>, Vec<Diagnostic>)> = sources
        .stories
        .par_iter()
        .map(|file| {
            let mut local = Vec::new();
            (story::parse(&file.path, &file.text, &mut local), local)
        })
        .collect();
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
    // Collisions are checked before audience filtering, so a public and an internal story
    // cannot claim the same URL either.
    check_collisions(&stories, diagnostics);
    stories.retain(|story| {
        (options.drafts || !story.draft) && options.audience.may_see(story.visibility)
    });
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
    let mut plan = plan;
    plan.restrict_to(options.audience);
    Some((config?, plan, stories, registrations))
}

/// Two stories may not share a URL, and two differently written units may not share a page.
fn check_collisions(stories: &[Story], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_slug: HashMap<&str, &Story> = HashMap::with_capacity(stories.len());
    let mut units: HashMap<&str, &Story> = HashMap::new();
    for story in stories {
        if let Some(first) = by_slug.insert(&story.slug, story) {
            diagnostics.push(
                Diagnostic::error(
                    &story.path,
                    format!(
                        "“{}” and “{}” ({}) would both be published at /{}",
                        story.name,
                        first.name,
                        first.path.display(),
                        views::urls::story(&story.slug)
                    ),
                )
                .with_hint("two stories about one person should be merged; for two people, add a middle name to one"),
            );
        }
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
