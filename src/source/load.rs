//! Reads a site's content from disk: the config, the plan, every story and the list of media
//! files. This is the only module that reads content; per-file problems are collected, not
//! fatal, so one run reports them all.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};

/// Text files (stories, the plan, the config) larger than this are refused before they are read:
/// a story is prose, and a multi-megabyte file is almost always a pasted image or a wrong file.
pub const MAX_TEXT_BYTES: u64 = 5 * 1024 * 1024;

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
    pub registrations: Option<SourceFile>,
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
                let message = if let Some(ancestor) = error.loop_ancestor() {
                    format!(
                        "this symbolic link points back to {}, a folder that contains it (a loop)",
                        relative(root, ancestor).display()
                    )
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
            "registrations.yaml" => sources.registrations = read_text(root, path, diagnostics),
            other if other.starts_with("stories/") && other.ends_with(".md") => {
                story_paths.push(path.to_path_buf())
            }
            other if entry.file_type().is_file() => {
                sources.media.insert(other.to_string());
            }
            _ => diagnostics.push(
                Diagnostic::warning(
                    relative(root, path),
                    "is not a regular file (a device, a pipe or a socket) and is ignored",
                )
                .with_hint("content/ may hold only ordinary files and folders"),
            ),
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
            let file = read_text(root, path, &mut local);
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

/// Reads a UTF-8 text file: a byte-order mark is dropped and CRLF line endings become LF.
/// Anything that is not a regular file of at most [`MAX_TEXT_BYTES`] is refused without being
/// read, so a huge file, `/dev/zero` or a named pipe cannot exhaust memory or hang the build.
pub(crate) fn read_text(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    let rel = relative(root, path);
    let mut bytes = match read_bounded(path, MAX_TEXT_BYTES) {
        Ok(bytes) => bytes,
        Err(problem) => {
            diagnostics.push(problem.into_diagnostic(rel));
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
                normalise_line_endings(&text)
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

/// CRLF and lone CR line endings become LF, so line numbers mean the same to every parser.
pub fn normalise_line_endings(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Why a text file was not read.
enum ReadProblem {
    NotAFile,
    TooLarge(u64),
    Io(std::io::Error),
}

impl ReadProblem {
    fn into_diagnostic(self, path: PathBuf) -> Diagnostic {
        match self {
            ReadProblem::NotAFile => Diagnostic::error(
                path,
                "is not a regular file (a device, a pipe or a socket) and was not read",
            )
            .with_hint("content/ may hold only ordinary files and folders"),
            ReadProblem::TooLarge(size) => Diagnostic::error(
                path,
                format!(
                    "the file is {:.1} MB; a text file may be at most {} MB",
                    size as f64 / 1_048_576.0,
                    MAX_TEXT_BYTES / 1_048_576
                ),
            )
            .with_hint("keep photos in content/images/ and reference them with `photo:`"),
            ReadProblem::Io(error) => {
                Diagnostic::error(path, format!("could not be read: {error}"))
            }
        }
    }
}

/// Reads at most `limit` bytes, checking the size before reading and again while reading (the
/// file may grow in between).
fn read_bounded(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, ReadProblem> {
    let metadata = fs::metadata(path).map_err(ReadProblem::Io)?;
    if !metadata.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ReadProblem::TooLarge(metadata.len()));
    }
    let file = fs::File::open(path).map_err(ReadProblem::Io)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}
