//! `thidua check`: every validation a build does, without writing, plus what a build lets
//! pass but an editor wants to know: links between pages that lead nowhere, images missing
//! from `content/`, media files no story uses, unit names that look like a misspelling of
//! another (`unit_names`), and anniversaries that fall in no phase. Every finding is a [`Diagnostic`].

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result, line_of};
use crate::markup::links::{self, Destination};
use crate::model::audience::Visibility;
use crate::model::plan::{self, Plan};
use crate::pipeline::site::{self, BuildOptions};
use crate::pipeline::views::urls;
use crate::source::load::{self, CONTENT_DIR, SourceFile, Sources};
use crate::text;
use crate::{
    model::config, pipeline::feeds, pipeline::ics, pipeline::theme, source::yaml, text::unit_names,
};

#[derive(Debug)]
pub struct CheckReport {
    /// Every problem found, errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Story files read.
    pub stories: usize,
    pub elapsed: Duration,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// True when nothing at all was found; `check` treats warnings as problems too.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// Checks the site at `options.root` for the audience and drafts setting of `options`.
/// Fails only when there is no site to check (no `content/` folder).
pub fn check(options: &BuildOptions) -> Result<CheckReport> {
    let started = Instant::now();
    let mut diagnostics = Vec::new();
    let sources = load::load(&options.root, &mut diagnostics)?;
    let stories = sources.stories.len();
    let mut findings = Vec::new();
    lint(&sources, options, &mut findings);
    let mut diagnostics =
        match site::validate_sources(sources, options, &mut site::parse_stories, diagnostics) {
            Ok(site) => {
                let mut warnings = site.warnings.clone();
                match theme::load(&options.root, &site.config.theme)
                    .and_then(|theme| site::render_without_writing(options, &site, &theme))
                {
                    Ok(()) => {}
                    // Photos that cannot be read name their own files.
                    Err(Error::Invalid(problems)) => warnings.extend(problems),
                    Err(error) => warnings.push(Diagnostic::error(
                        Path::new("themes").join(&site.config.theme),
                        error.to_string(),
                    )),
                }
                warnings
            }
            Err(Error::Invalid(diagnostics)) => diagnostics,
            Err(other) => return Err(other),
        };
    diagnostics.extend(findings);
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
    diagnostics.dedup();
    Ok(CheckReport {
        diagnostics,
        stories,
        elapsed: started.elapsed(),
    })
}

/// The story fields `check` needs, read leniently: a story the build rejects is still
/// looked at here, so one run reports everything.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StoryRefs {
    name: Option<String>,
    unit: Option<String>,
    photo: Option<String>,
    draft: bool,
    visibility: Visibility,
}

struct StoryFile<'a> {
    file: &'a SourceFile,
    refs: StoryRefs,
    body: &'a str,
    /// Line of the file on which the body starts.
    body_line: usize,
}

fn lint(sources: &Sources, options: &BuildOptions, out: &mut Vec<Diagnostic>) {
    // Problems in these files are reported by validation; here they are only read.
    let mut ignored = Vec::new();
    let plan = sources.plan.as_ref().and_then(|file| {
        let raw = yaml::parse::<plan::RawPlan>(&file.path, &file.text, 0, &[], &mut ignored)?;
        Some((
            plan::resolve(raw, &file.path, &file.text, &mut ignored),
            file,
        ))
    });
    let config = sources
        .config
        .as_ref()
        .and_then(|file| {
            yaml::parse::<config::RawConfig>(&file.path, &file.text, 0, &[], &mut ignored)
        })
        .and_then(|raw| {
            config::resolve(
                raw,
                options.audience,
                options.base_url.as_deref(),
                Path::new(""),
                "",
                &mut ignored,
            )
        });
    let base_url = config
        .as_ref()
        .map_or(config::DEFAULT_BASE_URL, |c| c.base_url.as_str());
    // Static files of the site's theme (its own and the built-in ones) are published too.
    let theme_name = config.as_ref().map_or("default", |c| c.theme.as_str());
    let static_files: Vec<String> = match theme::load(&options.root, theme_name) {
        Ok(theme) => theme.assets.into_keys().collect(),
        Err(_) => theme::DEFAULT_STATIC
            .iter()
            .map(|(path, _)| path.to_string())
            .collect(),
    };

    let stories: Vec<StoryFile> = sources
        .stories
        .par_iter()
        .filter_map(|file| {
            let (front_matter, body) = crate::model::story::split_front_matter(&file.text).ok()?;
            let refs = yaml_serde::from_str(front_matter).unwrap_or_default();
            let body_line = file.text[..file.text.len() - body.len()]
                .matches('\n')
                .count()
                + 1;
            Some(StoryFile {
                file,
                refs,
                body,
                body_line,
            })
        })
        .collect();

    if let Some((plan, file)) = &plan {
        anniversaries_outside_phases(plan, file, out);
    }
    misspelt_units(&stories, sources, out);
    let published: Vec<&StoryFile> = stories
        .iter()
        .filter(|s| {
            (options.drafts || !s.refs.draft) && options.audience.may_see(s.refs.visibility)
        })
        .collect();
    let pages = site_paths(&published, static_files, sources, options);
    let used_media = body_references(&stories, &published, &pages, base_url, sources, out);
    unused_media(sources, &stories, &used_media, out);
}

fn anniversaries_outside_phases(plan: &Plan, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    for anniversary in &plan.anniversaries {
        let Some(date) = anniversary.date else {
            continue; // Outside the campaign period: validation warns already.
        };
        if plan.phase_for(date.0).is_none() {
            out.push(
                Diagnostic::warning(
                    &file.path,
                    format!(
                        "anniversary “{}” ({}) falls in no phase",
                        anniversary.name,
                        text::date_short(date.0)
                    ),
                )
                .at(line_of(&file.text, &anniversary.name), None)
                .with_hint("extend a phase to cover it, add a phase, or remove the anniversary"),
            );
        }
    }
}

fn misspelt_units(stories: &[StoryFile], sources: &Sources, out: &mut Vec<Diagnostic>) {
    let mentions: Vec<unit_names::Mention> = stories
        .iter()
        .filter_map(|story| {
            Some(unit_names::Mention {
                unit: story.refs.unit.as_deref()?,
                path: &story.file.path,
                source: &story.file.text,
            })
        })
        .collect();
    #[derive(Deserialize)]
    struct Registered {
        unit: String,
    }
    let registered: Vec<Registered> = sources
        .registrations
        .as_ref()
        .and_then(|file| yaml_serde::from_str(&file.text).ok())
        .unwrap_or_default();
    let registered: Vec<&str> = registered.iter().map(|r| r.unit.as_str()).collect();
    out.extend(unit_names::misspellings(&mentions, &registered));
}

/// Paths of every page and file the build publishes for this audience (as
/// [`links::destination`] gives them).
fn site_paths(
    published: &[&StoryFile],
    static_files: Vec<String>,
    sources: &Sources,
    options: &BuildOptions,
) -> HashSet<String> {
    let mut paths: HashSet<String> = [
        "",
        urls::PLAN,
        urls::TIMELINE,
        urls::ANNIVERSARIES,
        urls::HONOR_ROLL,
        urls::UNITS,
        feeds::SITEMAP,
        feeds::ATOM,
        feeds::RSS,
        ics::CALENDAR,
        "robots.txt",
        "404.html",
    ]
    .iter()
    .map(|path| path.trim_end_matches('/').to_string())
    .collect();
    paths.extend(static_files);
    if sources.registrations.is_some() {
        paths.insert(urls::REGISTRATIONS.trim_end_matches('/').to_string());
    }
    if options.audience == crate::Audience::Internal {
        paths.insert(urls::BULLETINS.trim_end_matches('/').to_string());
    }
    for story in published {
        if let Some(name) = &story.refs.name {
            paths.insert(
                urls::story(&text::slugify(name))
                    .trim_end_matches('/')
                    .to_string(),
            );
        }
        if let Some(unit) = &story.refs.unit {
            paths.insert(
                urls::unit(&text::slugify(unit))
                    .trim_end_matches('/')
                    .to_string(),
            );
        }
        if let Some(photo) = &story.refs.photo {
            paths.insert(photo.trim().trim_start_matches("./").to_string());
        }
    }
    paths
}

/// Reports body links to pages that do not exist and images missing from `content/`;
/// returns the `content/` paths the bodies use.
fn body_references(
    stories: &[StoryFile],
    published: &[&StoryFile],
    pages: &HashSet<String>,
    base_url: &str,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) -> BTreeSet<String> {
    let published_paths: HashSet<&Path> = published.iter().map(|s| s.file.path.as_path()).collect();
    let mut used = BTreeSet::new();
    for story in stories {
        let page = story
            .refs
            .name
            .as_deref()
            .map(|name| urls::story(&text::slugify(name)))
            .unwrap_or_else(|| urls::HONOR_ROLL.to_string());
        for reference in links::references(story.body) {
            let line = Some(story.body_line + reference.line - 1);
            if let Some(path) = links::content_path(&reference.target)
                && sources.media.contains(&path)
            {
                used.insert(path);
                continue;
            }
            if reference.image {
                if let Some(path) = links::content_path(&reference.target) {
                    let hint = match text::nearest(&path, sources.media.iter().map(String::as_str)) {
                        Some(near) => format!("did you mean {near}?"),
                        None => "images are looked up relative to content/, e.g. images/nguyen-van-an.jpg".to_string(),
                    };
                    out.push(
                        Diagnostic::warning(
                            &story.file.path,
                            format!("image “{}” does not exist in content/", reference.target),
                        )
                        .at(line, None)
                        .with_hint(hint),
                    );
                }
                continue;
            }
            if !published_paths.contains(story.file.path.as_path()) {
                continue; // Not in this build: its links are checked with the audience that sees it.
            }
            let broken = match links::destination(&page, &reference.target, base_url) {
                Destination::Elsewhere => continue,
                Destination::Site(path)
                    if pages.contains(&path)
                        || path.starts_with(urls::BULLETINS)
                            && pages.contains(urls::BULLETINS.trim_end_matches('/')) =>
                {
                    continue;
                }
                Destination::Site(path) => path,
                Destination::OutsideSite => "…".to_string(),
            };
            out.push(
                Diagnostic::warning(
                    &story.file.path,
                    format!(
                        "link “{}” leads to /{broken}{}, which is not a page of this site",
                        reference.target,
                        if broken.contains('.') { "" } else { "/" }
                    ),
                )
                .at(line, None)
                .with_hint(link_hint(&reference.target, &broken, pages)),
            );
        }
    }
    used
}

fn link_hint(target: &str, broken: &str, pages: &HashSet<String>) -> String {
    let file_name = broken.rsplit('/').next().unwrap_or(broken);
    if let Some(slug) = file_name.strip_suffix(".md") {
        return format!(
            "link to the story's page, not its file: ../{}/",
            text::slugify(slug)
        );
    }
    let candidates = pages
        .iter()
        .filter(|p| p.starts_with(urls::HONOR_ROLL) || p.starts_with(urls::UNITS));
    match text::nearest(broken, candidates.map(String::as_str)) {
        // Written as seen from a story page, bang-vang/<name>/.
        Some(near) => match near.strip_prefix(urls::HONOR_ROLL) {
            Some(story) => format!("did you mean ../{story}/?"),
            None => format!("did you mean ../../{near}/?"),
        },
        None if target.starts_with('/') => "links from a story are best relative, so the site works under any address: ../other-name/ for another story, ../../ke-hoach/ for the plan".to_string(),
        None => "from a story page, another story is ../its-name/ and the plan is ../../ke-hoach/".to_string(),
    }
}

/// Files under `content/` that no story shows (as its photo, or in its body).
fn unused_media(
    sources: &Sources,
    stories: &[StoryFile],
    used: &BTreeSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let photos: HashSet<String> = stories
        .iter()
        .filter_map(|s| s.refs.photo.as_deref())
        .map(|p| p.trim().trim_start_matches("./").to_string())
        .collect();
    for media in &sources.media {
        if !photos.contains(media) && !used.contains(media) {
            out.push(
                Diagnostic::warning(
                    PathBuf::from(CONTENT_DIR).join(media),
                    "no story uses this file",
                )
                .with_hint("use it as a story's `photo:` or in a story body, or delete it"),
            );
        }
    }
}
