//! Reads a site's content from disk: the config, the plan, every story and the list of media
//! files. This is the only module that reads content; per-file problems are collected, not
//! fatal, so one run reports them all.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};

/// Stories larger than this are refused: a story is prose, and a multi-megabyte file is almost
/// always a pasted image or a wrong file.
pub const MAX_STORY_BYTES: u64 = 5 * 1024 * 1024;

/// One text file, relative to the site root, decoded and with `\n` line endings.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub config: Option<SourceFile>,
    pub plan: Option<SourceFile>,
    pub stories: Vec<SourceFile>,
    /// Every other file under `content/`, as `/`-separated paths relative to `content/`.
    pub media: BTreeSet<String>,
}

pub const CONTENT_DIR: &str = "content";

/// Reads everything under `root/content`. Fails only when there is no content folder at all.
pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Sources> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(Error::Refused(format!(
            "{} has no content/ folder: run thidua in a campaign site (with content/plan.yaml), or pass --root DIR",
            root.display()
        )));
    }
    let mut sources = Sources::default();
    let mut story_paths = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                let message = if error.loop_ancestor().is_some() {
                    "a symbolic link here points back to a folder that contains it (a loop); it was skipped".to_string()
                } else {
                    format!("could not be read: {error}")
                };
                diagnostics
                    .push(Diagnostic::error(path, message).with_hint("remove or fix the link"));
                continue;
            }
        };
        if entry.file_type().is_dir() || is_ignored(entry.file_name().to_string_lossy().as_ref()) {
            continue;
        }
        let path = entry.path();
        let in_content = path.strip_prefix(&content).unwrap_or(path);
        let in_content_str = in_content.to_string_lossy().replace('\\', "/");
        match in_content_str.as_str() {
            "site.yaml" => sources.config = read_text(root, path, diagnostics),
            "plan.yaml" => sources.plan = read_text(root, path, diagnostics),
            other if other.starts_with("stories/") && other.ends_with(".md") => {
                story_paths.push(path.to_path_buf())
            }
            other => {
                sources.media.insert(other.to_string());
            }
        }
    }
    if sources.plan.is_none() && !content.join("plan.yaml").exists() {
        diagnostics.push(
            Diagnostic::error(
                Path::new(CONTENT_DIR).join("plan.yaml"),
                "the campaign plan is missing",
            )
            .with_hint("create content/plan.yaml; the README describes its fields"),
        );
    }
    let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = story_paths
        .par_iter()
        .map(|path| {
            let mut local = Vec::new();
            let file = read_story(root, path, &mut local);
            (file, local)
        })
        .collect();
    for (file, local) in read {
        diagnostics.extend(local);
        sources.stories.extend(file);
    }
    Ok(sources)
}

/// Editor backups and temporary files that must never be treated as content.
pub fn is_ignored(file_name: &str) -> bool {
    file_name.starts_with('.')
        || file_name.ends_with('~')
        || file_name.ends_with(".swp")
        || file_name.ends_with(".swx")
        || file_name.ends_with(".tmp")
        || file_name == "4913"
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn read_story(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_STORY_BYTES {
        diagnostics.push(
            Diagnostic::error(
                relative(root, path),
                format!(
                    "the story is {:.1} MB; a story may be at most {} MB",
                    size as f64 / 1_048_576.0,
                    MAX_STORY_BYTES / 1_048_576
                ),
            )
            .with_hint("keep photos in content/images/ and reference them with `photo:`"),
        );
        return None;
    }
    read_text(root, path, diagnostics)
}

/// Reads a UTF-8 text file: a byte-order mark is dropped and CRLF line endings become LF.
fn read_text(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let rel = relative(root, path);
    let mut bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                rel,
                format!("could not be read: {error}"),
            ));
            return None;
        }
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Validated in place: the common case (UTF-8, LF) keeps the buffer read, with no copy.
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = if text.contains('\r') {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text
            };
            Some(SourceFile { path: rel, text })
        }
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            diagnostics.push(
                Diagnostic::error(rel, "the file is not UTF-8 text")
                    .at(Some(line), Some(column))
                    .with_hint("save it as UTF-8 (most editors: “Save with encoding” → UTF-8)"),
            );
            None
        }
    }
}
