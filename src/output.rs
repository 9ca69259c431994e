//! The only writer. A build is written into a temporary sibling of the output folder and
//! swapped in at the end, so a failed or killed build never leaves a half-written site, and
//! the previous good output stays until the new one is complete.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// Present in every folder thidua writes; a non-empty folder without it is not ours to replace.
pub const MARKER: &str = ".thidua-output";

pub enum Contents {
    Bytes(Vec<u8>),
    /// Copy this file from the site (a photo, a theme asset).
    Copy(PathBuf),
}

pub struct OutputFile {
    /// `/`-separated path inside the output folder, e.g. `bang-vang/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: String, bytes: Vec<u8>) -> Self {
        Self {
            path,
            contents: Contents::Bytes(bytes),
        }
    }
}

/// Refuses output folders whose replacement would destroy something that is not a build:
/// `/`, the home folder, the site or any folder containing it, the content or theme folders,
/// or a non-empty folder thidua did not create (unless `force`).
pub fn check_target(output: &Path, site_root: &Path, force: bool) -> Result<()> {
    let output_abs = absolute(output);
    let root_abs = absolute(site_root);
    let refuse = |why: &str| {
        Err(Error::Refused(format!(
            "refusing to build into {}: {why}; choose another folder with --output",
            output.display()
        )))
    };
    if output_abs.parent().is_none() {
        return refuse("it is the file-system root");
    }
    if root_abs.starts_with(&output_abs) {
        return refuse("it contains the site itself, which the build would replace");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == output_abs
    {
        return refuse("it is your home folder");
    }
    for protected in ["content", "themes"] {
        if output_abs.starts_with(root_abs.join(protected)) {
            return refuse(&format!("it is inside the site's {protected}/ folder"));
        }
    }
    if output_abs.is_file() {
        return refuse("it is a file, not a folder");
    }
    if !force && output_abs.is_dir() && !output_abs.join(MARKER).exists() {
        let empty = fs::read_dir(&output_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse(
                "it is not empty and was not created by thidua (pass --force to replace it anyway)",
            );
        }
    }
    Ok(())
}

/// Makes a path absolute and lexically normal without requiring it to exist.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve symlinks for the part that exists, so /tmp/x and its real path compare equal.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            resolved.pop();
        } else if name != "." {
            resolved.push(name);
        }
    }
    resolved
}

/// Writes `files` as the new content of `output`, replacing the previous build only once the
/// new one is complete. Returns how many files were written.
pub fn write(output: &Path, files: &[OutputFile]) -> Result<usize> {
    let output = absolute(output);
    let parent = output
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    fs::create_dir_all(&parent).map_err(|e| Error::io("create", &parent, e))?;
    recover_interrupted(&parent, &name, &output)?;

    let staging = parent.join(format!(".{name}.thidua-tmp-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| Error::io("remove", &staging, e))?;
    }
    let result = fill(&staging, files);
    if let Err(error) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let retired = parent.join(format!(".{name}.thidua-old-{}", std::process::id()));
    if output.exists() {
        fs::rename(&output, &retired).map_err(|e| Error::io("move aside", &output, e))?;
    }
    fs::rename(&staging, &output).map_err(|e| Error::io("move into place", &output, e))?;
    if retired.exists() {
        fs::remove_dir_all(&retired).map_err(|e| Error::io("remove", &retired, e))?;
    }
    Ok(files.len())
}

fn fill(staging: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(staging).map_err(|e| Error::io("create", staging, e))?;
    let folders: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for folder in folders {
        let dir = staging.join(folder);
        fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => {
                fs::write(&target, bytes).map_err(|e| Error::io("write", &target, e))
            }
            Contents::Copy(source) => fs::copy(source, &target)
                .map(|_| ())
                .map_err(|e| Error::io("copy", source, e)),
        }
    })?;
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        "This folder is written by thidua and replaced on every build.\n",
    )
    .map_err(|e| Error::io("write", &marker, e))
}

/// Cleans up after a build that was killed: a staging folder is removed; a retired previous
/// build is put back if the swap was cut between its two renames.
fn recover_interrupted(parent: &Path, name: &str, output: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let staging_prefix = format!(".{name}.thidua-tmp-");
    let retired_prefix = format!(".{name}.thidua-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if file_name.starts_with(&retired_prefix) && !output.exists() && path.join(MARKER).exists()
        {
            fs::rename(&path, output).map_err(|e| Error::io("restore", output, e))?;
        } else if file_name.starts_with(&staging_prefix) || file_name.starts_with(&retired_prefix) {
            fs::remove_dir_all(&path).map_err(|e| Error::io("remove", &path, e))?;
        }
    }
    Ok(())
}
