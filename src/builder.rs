//! Repeated builds of one site, for the preview server: compiled templates and parsed stories
//! are kept between builds, so saving one story re-parses that story only. Every build still
//! runs the whole pipeline on the current files, so its result equals a one-shot build's.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tera::Tera;

use crate::error::{Diagnostic, Result};
use crate::load::SourceFile;
use crate::output::OutputFile;
use crate::site::{self, BuildOptions, ParsedStories};
use crate::story::ParsedStory;
use crate::{render, theme};

/// A site built in memory: what `thidua build` would write, file by file.
pub struct Built {
    pub files: Vec<OutputFile>,
    pub pages: usize,
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
    /// The template sources the cached `Tera` was compiled from.
    templates: Option<(BTreeMap<String, String>, Tera)>,
}

impl Builder {
    pub fn new(options: BuildOptions) -> Self {
        Self {
            options,
            stories: StoryCache::default(),
            templates: None,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Loads, validates and renders the site as it is on disk now, without writing anything.
    pub fn build(&mut self) -> Result<Built> {
        let started = Instant::now();
        let stories = &mut self.stories;
        stories.misses = 0;
        let site = site::load_site_with(&self.options, &mut |files, origins| {
            stories.parse(files, origins)
        })?;
        let theme = theme::load(&self.options.root, &site.config.theme)?;
        let tera = match self.templates.take() {
            Some((sources, tera)) if sources == theme.templates => (sources, tera),
            _ => (theme.templates.clone(), render::compile(&theme)?),
        };
        let (sources, mut tera) = tera;
        let rendered = site::render_files(&self.options, &site, &theme, &mut tera);
        self.templates = Some((sources, tera));
        let (files, pages, _) = rendered?;
        Ok(Built {
            files,
            pages,
            stories: site.stories.len(),
            reparsed: self.stories.misses,
            warnings: site.warnings,
            elapsed: started.elapsed(),
        })
    }
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
    fn parse(&mut self, files: &[&SourceFile], iframe_origins: &[String]) -> ParsedStories {
        let (changed, changed_hashes): (Vec<&SourceFile>, Vec<u64>) = files
            .iter()
            .map(|file| (*file, text_hash(&file.text, iframe_origins)))
            .filter(|(file, hash)| {
                self.entries
                    .get(&file.path)
                    .is_none_or(|cached| cached.text_hash != *hash)
            })
            .unzip();
        self.misses = changed.len();
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
        // Deleted and renamed files leave the cache, so it never grows past the site.
        let present: HashMap<&PathBuf, ()> = files.iter().map(|f| (&f.path, ())).collect();
        self.entries.retain(|path, _| present.contains_key(path));
        files
            .iter()
            .map(|file| match self.entries.get(&file.path) {
                Some(cached) => (cached.parsed.clone(), cached.diagnostics.clone()),
                None => (None, Vec::new()),
            })
            .collect()
    }
}
