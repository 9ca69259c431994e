//! The build pipeline, top to bottom: load → validate → compute → render → write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::{self, Config};
use crate::error::{Diagnostic, Error, Result};
use crate::load::{self, CONTENT_DIR, Sources};
use crate::output::{self, Contents, OutputFile};
use crate::plan::{self, Plan};
use crate::story::{self, Story, Visibility};
use crate::theme::{self, Asset};
use crate::{calendar, render, views, yaml};

/// Who a build is for. The public site never contains internal or draft stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    Public,
    Internal,
}

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
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site and swaps it into the output folder. Nothing is written if any error is
/// found; the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    output::check_target(&output_dir, &options.root, options.force)?;
    let site = load_site(options)?;
    let today = options
        .today
        .unwrap_or_else(|| calendar::today_in(site.config.timezone));
    let computed = views::compute(&site.plan, &site.stories, today);
    let theme = theme::load(&options.root, &site.config.theme)?;
    let mut tera = render::compile(&theme)?;
    let rendered = render::render_site(
        &mut tera,
        &site.config,
        &site.plan,
        &site.stories,
        &computed,
    )?;
    let pages = rendered.len();

    let mut files: Vec<OutputFile> = rendered
        .into_iter()
        .map(|page| OutputFile {
            path: page.path,
            contents: Contents::Bytes(page.html),
        })
        .collect();
    for (path, asset) in theme.assets {
        let contents = match asset {
            Asset::Embedded(bytes) => Contents::Bytes(bytes.to_vec()),
            Asset::File(source) => Contents::Copy(source),
        };
        files.push(OutputFile { path, contents });
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
    let site = validate(sources, options, &mut diagnostics);
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    match site {
        Some((config, plan, stories)) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok(Site {
                config,
                plan,
                stories,
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
) -> Option<(Config, Plan, Vec<Story>)> {
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
                options.base_url.as_deref(),
                &file.path,
                &file.text,
                diagnostics,
            )
        }),
        None => config::resolve(
            config::RawConfig::default(),
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
    stories.retain(|story| {
        (options.drafts || !story.draft)
            && (options.audience == Audience::Internal || story.visibility == Visibility::Public)
    });
    check_collisions(&stories, diagnostics);
    Some((config?, plan, stories))
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
