//! Repeated builds of one site, for the preview server. Compiled templates and parsed stories
//! are kept between builds, so saving one story re-parses that story only; and when an edit
//! changes only what a story's own page and card show (its headline, summary, photo caption or
//! body), only the pages that show that story are rendered again, into the last build. Any
//! other change runs the whole pipeline. Either way the result equals a one-shot build's.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tera::Tera;

use crate::error::{Diagnostic, Result};
use crate::model::story::{self, ParsedStory, Story};
use crate::pipeline::output::OutputFile;
use crate::pipeline::site::{self, BuildOptions, ParsedStories, Prepared, Site};
use crate::source::load::{self, SourceFile};
use crate::{pipeline::pages, pipeline::render, pipeline::theme, pipeline::views, time::calendar};

/// A site built in memory: what `thidua build` would write, file by file.
pub struct Built {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    /// Pages rendered by this build (the others are the previous build's).
    pub rendered: usize,
    pub stories: usize,
    /// Story files parsed by this build (the others were unchanged and reused).
    pub reparsed: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Builds one site again and again, reusing what did not change.
pub struct Builder {
    options: BuildOptions,
    stories: StoryCache,
    /// The template sources the cached `Tera` was compiled from. Its global context is the
    /// last build's.
    templates: Option<(BTreeMap<String, String>, Tera)>,
    last: Option<LastBuild>,
}

/// The last successful build, kept so an edit to one story can be applied to it.
struct LastBuild {
    site: Site,
    prepared: Prepared,
    files: Vec<OutputFile>,
    /// Output path → position in `files` (a build publishes one file per path).
    positions: HashMap<String, usize>,
    /// The search index's files, replaced as a whole after an edit.
    search_paths: HashSet<String>,
    pages: usize,
}

impl Builder {
    pub fn new(options: BuildOptions) -> Self {
        Self {
            options,
            stories: StoryCache::default(),
            templates: None,
            last: None,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Loads, validates and renders the site as it is on disk now, without writing anything.
    pub fn build(&mut self) -> Result<Built> {
        self.stories.misses = 0;
        self.build_from_scratch(Instant::now())
    }

    fn build_from_scratch(&mut self, started: Instant) -> Result<Built> {
        self.last = None;
        let stories = &mut self.stories;
        let site = site::load_site_with(&self.options, &mut |files, origins| {
            stories.parse(files, origins)
        })?;
        let theme = theme::load(&self.options.root, &site.config.theme)?;
        let tera = match self.templates.take() {
            Some((sources, tera)) if sources == theme.templates => (sources, tera),
            _ => (theme.templates.clone(), render::compile(&theme)?),
        };
        let (sources, mut tera) = tera;
        let outcome = site::prepare(&self.options, &site, &theme).and_then(|prepared| {
            let rendered = site::render_files(&site, &prepared, &mut tera)?;
            Ok((prepared, rendered))
        });
        // Kept even when rendering failed: the templates compiled.
        self.templates = Some((sources, tera));
        let (prepared, rendered) = outcome?;
        let pages = rendered.pages;
        let last = LastBuild {
            positions: positions(&rendered.files),
            files: rendered.files,
            search_paths: rendered.search_paths.into_iter().collect(),
            pages,
            prepared,
            site,
        };
        let built = Built {
            files: last.files.clone(),
            pages,
            rendered: pages,
            stories: last.site.stories.len(),
            reparsed: self.stories.misses,
            warnings: last.site.warnings.clone(),
            elapsed: started.elapsed(),
        };
        self.last = Some(last);
        Ok(built)
    }

    /// Builds after the files `changed` (relative to the site root) changed: into the last
    /// build when the edit allows it (see the module comment), otherwise from scratch.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Built> {
        let started = Instant::now();
        // Stories parsed while trying the fast path count as re-read by the full build too.
        self.stories.misses = 0;
        match self.apply_story_edits(changed) {
            Some(mut built) => {
                built.elapsed = started.elapsed();
                Ok(built)
            }
            None => self.build_from_scratch(started),
        }
    }

    /// Applies edits to existing stories to the last build, re-rendering only the pages
    /// that show them. `None` when the edit needs a full build: something other than a
    /// published story changed, a story moved, was renamed or regrouped, its diagnostics
    /// changed, or the day changed.
    fn apply_story_edits(&mut self, changed: &[PathBuf]) -> Option<Built> {
        let last = self.last.as_mut()?;
        let (_, tera) = self.templates.as_ref()?;
        let today = self
            .options
            .today
            .unwrap_or_else(|| calendar::today_in(last.site.config.timezone));
        if changed.is_empty() || today != last.prepared.computed.today {
            return None;
        }
        let root = &self.options.root;
        let mut edits = Vec::with_capacity(changed.len());
        for path in changed {
            let index = last.site.stories.iter().position(|s| &s.path == path)?;
            let mut diagnostics = Vec::new();
            let file = load::read_text(root, &root.join(path), &mut diagnostics)?;
            let parsed = self
                .stories
                .update(&[&file], &last.site.config.allow_iframes_from)
                .pop()?;
            let (parsed, parse_diagnostics) = parsed;
            let content = root.join(load::CONTENT_DIR);
            let photo_exists = |photo: &str| content.join(photo).is_file();
            let story = story::resolve(
                parsed?,
                &last.site.plan_as_written,
                &photo_exists,
                &mut diagnostics,
            )?;
            let had_warnings = last.site.warnings.iter().any(|d| &d.path == path);
            if had_warnings || !diagnostics.is_empty() || !parse_diagnostics.is_empty() {
                return None;
            }
            if !same_place(&last.site.stories[index], &story) {
                return None;
            }
            edits.push((index, story));
        }

        let computed = &mut last.prepared.computed;
        let mut cards = Vec::with_capacity(edits.len());
        for (index, story) in edits {
            let card = computed.card_story.iter().position(|&s| s == index)?;
            let old = std::mem::replace(&mut last.site.stories[index], story);
            let story = &last.site.stories[index];
            last.prepared
                .search
                .replace(card, &old.plain_text, &story.plain_text);
            computed.cards[card] = views::card(&last.site.plan, story, &last.prepared.photo_sets);
            cards.push(card);
        }

        let data = last.prepared.data(&last.site);
        let mut seen = HashSet::new();
        let to_render: Vec<pages::Page> = cards
            .iter()
            .flat_map(|&card| pages::showing_card(&data, card))
            .filter(|page| seen.insert(page.path.clone()))
            .collect();
        let rendered = render::render_pages(tera, &data, to_render).ok()?;
        let rendered_count = rendered.len();
        let mut fresh: Vec<OutputFile> = rendered
            .into_iter()
            .map(|page| OutputFile::bytes(page.path, page.html))
            .collect();
        fresh.extend(site::feed_files(&last.site, &last.prepared));
        for file in fresh {
            let at = *last.positions.get(&file.path)?;
            last.files[at] = file;
        }
        // The search index's shards come and go with the words in it.
        let search = site::search_files(&last.site, &last.prepared);
        let old_paths = std::mem::take(&mut last.search_paths);
        if search
            .iter()
            .any(|file| last.positions.contains_key(&file.path) && !old_paths.contains(&file.path))
        {
            // A new shard is named like another file: the full build explains.
            return None;
        }
        last.files.retain(|file| !old_paths.contains(&file.path));
        last.search_paths = search.iter().map(|file| file.path.clone()).collect();
        last.files.extend(search);
        last.positions = positions(&last.files);

        Some(Built {
            files: last.files.clone(),
            pages: last.pages,
            rendered: rendered_count,
            stories: last.site.stories.len(),
            reparsed: self.stories.misses,
            warnings: last.site.warnings.clone(),
            elapsed: Duration::ZERO,
        })
    }
}

fn positions(files: &[OutputFile]) -> HashMap<String, usize> {
    files
        .iter()
        .enumerate()
        .map(|(at, file)| (file.path.clone(), at))
        .collect()
}

/// Whether `new` differs from `old` only in what the story's own page and its card show, and
/// not in anything that places it: its URL, the order of stories (date, name) and the groups
/// it is in (unit, sector, award, movement, phase), its photo, or who may see it. Every field
/// is named, so a new one must be classified here.
fn same_place(old: &Story, new: &Story) -> bool {
    let Story {
        path,
        slug,
        name,
        headline: _,
        unit,
        unit_slug,
        sector,
        sector_id,
        award,
        movement,
        date,
        phase,
        photo,
        photo_alt: _,
        summary: _,
        body_html: _,
        plain_text: _,
        word_count: _,
        draft,
        visibility,
    } = new;
    *path == old.path
        && *slug == old.slug
        && *name == old.name
        && *unit == old.unit
        && *unit_slug == old.unit_slug
        && *sector == old.sector
        && *sector_id == old.sector_id
        && *award == old.award
        && *movement == old.movement
        && *date == old.date
        && *phase == old.phase
        && *photo == old.photo
        && *draft == old.draft
        && *visibility == old.visibility
}

/// Parsed stories by file path, with a hash of the text they were parsed from. Parsing is a
/// pure function of path and text, so a cached result is reused only for the same text.
#[derive(Default)]
struct StoryCache {
    entries: HashMap<PathBuf, CachedStory>,
    misses: usize,
}

struct CachedStory {
    text_hash: u64,
    parsed: Option<ParsedStory>,
    diagnostics: Vec<Diagnostic>,
}

/// What a parsed story depends on: its text and the iframe origins the sanitizer allows.
fn text_hash(text: &str, iframe_origins: &[String]) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    iframe_origins.hash(&mut hasher);
    hasher.finish()
}

impl StoryCache {
    /// Parses the story files of the whole site; files no longer there leave the cache.
    fn parse(&mut self, files: &[&SourceFile], iframe_origins: &[String]) -> ParsedStories {
        let parsed = self.update(files, iframe_origins);
        // Deleted and renamed files leave the cache, so it never grows past the site.
        let present: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        self.entries
            .retain(|path, _| present.contains(path.as_path()));
        parsed
    }

    /// Parses `files`, reusing the cached result of any whose text did not change.
    fn update(&mut self, files: &[&SourceFile], iframe_origins: &[String]) -> ParsedStories {
        let (changed, changed_hashes): (Vec<&SourceFile>, Vec<u64>) = files
            .iter()
            .map(|file| (*file, text_hash(&file.text, iframe_origins)))
            .filter(|(file, hash)| {
                self.entries
                    .get(&file.path)
                    .is_none_or(|cached| cached.text_hash != *hash)
            })
            .unzip();
        self.misses += changed.len();
        let parsed = site::parse_stories(&changed, iframe_origins);
        for ((file, text_hash), (parsed, diagnostics)) in
            changed.iter().zip(changed_hashes).zip(parsed)
        {
            self.entries.insert(
                file.path.clone(),
                CachedStory {
                    text_hash,
                    parsed,
                    diagnostics,
                },
            );
        }
        files
            .iter()
            .map(|file| match self.entries.get(&file.path) {
                Some(cached) => (cached.parsed.clone(), cached.diagnostics.clone()),
                None => (None, Vec::new()),
            })
            .collect()
    }
}
