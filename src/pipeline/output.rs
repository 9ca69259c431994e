//! The only writer. A build is written into a temporary sibling of the output folder and
//! swapped in at the end, so a failed or killed build never leaves a half-written site, and
//! the previous good output stays until the new one is complete.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use rayon::prelude::*;

use crate::error::{Error, Result};

/// Present in every folder thidua writes; a non-empty folder without it is not ours to replace.
pub const MARKER: &str = ".thidua-output";

#[derive(Clone)]
pub enum Contents {
    /// Shared, so the preview can keep a build and hand out copies of it cheaply.
    Bytes(Bytes),
    /// Copy this file from the site (a photo, a theme asset).
    Copy(PathBuf),
}

#[derive(Clone)]
pub struct OutputFile {
    /// `/`-separated path inside the output folder, e.g. `bang-vang/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: String, bytes: Vec<u8>) -> Self {
        Self {
            path,
            contents: Contents::Bytes(Bytes::from(bytes)),
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

/// Repairs what killed builds left beside `output` (see `recover_interrupted`). A build calls
/// this first, so a previous build moved aside is back in place even if this build fails.
pub fn recover(output: &Path) -> Result<()> {
    let output = absolute(output);
    match (output.parent(), output.file_name()) {
        (Some(parent), Some(name)) if parent.is_dir() => {
            recover_interrupted(parent, &name.to_string_lossy(), &output)
        }
        _ => Ok(()),
    }
}

/// A build being written: files go into a temporary sibling of the output folder as they are
/// made, so a big site is never held in memory whole, and [`Staging::finish`] swaps the
/// folder in. Dropped unfinished (an error, a panic), the temporary folder is removed and the
/// previous output stays as it was.
pub struct Staging {
    folder: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    written: AtomicUsize,
    finished: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `output`, after cleaning up what killed builds
    /// left there.
    pub fn begin(output: &Path) -> Result<Self> {
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

        let pid = std::process::id();
        let folder = parent.join(format!(".{name}.{STAGING}{pid}"));
        if folder.exists() {
            fs::remove_dir_all(&folder).map_err(|e| Error::io("remove", &folder, e))?;
        }
        fs::create_dir_all(&folder).map_err(|e| Error::io("create", &folder, e))?;
        Ok(Self {
            retired: parent.join(format!(".{name}.{RETIRED}{pid}")),
            folder,
            output,
            written: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// Writes `bytes` at `path` (`/`-separated, inside the output folder). Callable from many
    /// threads at once.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        fs::write(&target, bytes).map_err(|e| Error::io("write", &target, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    pub fn put(&self, file: &OutputFile) -> Result<()> {
        match &file.contents {
            Contents::Bytes(bytes) => self.write(&file.path, bytes),
            Contents::Copy(source) => {
                let target = self.target(&file.path)?;
                fs::copy(source, &target).map_err(|e| Error::io("copy", source, e))?;
                self.written.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
        }
    }

    /// The file's place in the staging folder, with its folder created.
    fn target(&self, path: &str) -> Result<PathBuf> {
        let target = self.folder.join(path);
        if let Some((folder, _)) = path.rsplit_once('/') {
            let dir = self.folder.join(folder);
            fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        }
        Ok(target)
    }

    /// Marks the folder as thidua's and swaps it in for the output folder. Returns how many
    /// files were written.
    pub fn finish(mut self) -> Result<usize> {
        let marker = self.folder.join(MARKER);
        fs::write(
            &marker,
            "This folder is written by thidua and replaced on every build.\n",
        )
        .map_err(|e| Error::io("write", &marker, e))?;
        swap_in(&self.folder, &self.output, &self.retired)?;
        // Only now: should the swap fail, dropping `self` removes the staging folder.
        self.finished = true;
        Ok(self.written.load(Ordering::Relaxed))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// Staging folders are `.<output>.thidua-tmp-<pid>`; a previous build moved aside during a
/// two-step swap is `.<output>.thidua-old-<pid>`.
const STAGING: &str = "thidua-tmp-";
const RETIRED: &str = "thidua-old-";

/// Puts the complete `staging` folder in place of `output`. Where the system can exchange two
/// folders atomically (Linux), there is no instant without a complete output folder; elsewhere
/// the previous build is first moved to `retired`, and [`recover_interrupted`] puts it back if
/// the process dies between the two renames.
fn swap_in(staging: &Path, output: &Path, retired: &Path) -> Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output).map_err(|e| Error::io("move into place", output, e));
    }
    if exchange(staging, output).is_ok() {
        // `staging` now holds the previous build. Should removing it fail, the next build
        // removes it.
        let _ = remove_tree(staging);
        return Ok(());
    }
    if let Err(error) = fs::rename(output, retired) {
        let _ = fs::remove_dir_all(staging);
        return Err(Error::io("move aside", output, error));
    }
    if let Err(error) = fs::rename(staging, output) {
        // Put the previous build back rather than leave no output at all.
        let _ = fs::rename(retired, output);
        let _ = fs::remove_dir_all(staging);
        return Err(Error::io("move into place", output, error));
    }
    let _ = remove_tree(retired);
    Ok(())
}

/// Removes a folder and everything in it, on all cores: removing the previous build of a big
/// site is tens of thousands of unlinks. Symbolic links are removed, never followed.
fn remove_tree(folder: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(folder)?.file_type().is_symlink() {
        return fs::remove_file(folder);
    }
    let entries = fs::read_dir(folder)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(folder)
}

/// Atomically exchanges two folders (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Cleans up after builds that were killed: their staging folders are removed, and a previous
/// build moved aside is put back if a two-step swap was cut between its renames. Folders of a
/// thidua process that is still running (another build into the same folder) are left alone.
fn recover_interrupted(parent: &Path, name: &str, output: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let staging_prefix = format!(".{name}.{STAGING}");
    let retired_prefix = format!(".{name}.{RETIRED}");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let pid = match file_name
            .strip_prefix(&staging_prefix)
            .or_else(|| file_name.strip_prefix(&retired_prefix))
        {
            Some(pid) => pid,
            None => continue,
        };
        if is_other_live_process(pid) {
            continue;
        }
        let path = entry.path();
        if file_name.starts_with(&retired_prefix)
            && fs::symlink_metadata(output).is_err()
            && path.join(MARKER).exists()
        {
            fs::rename(&path, output).map_err(|e| Error::io("restore", output, e))?;
        } else {
            fs::remove_dir_all(&path).map_err(|e| Error::io("remove", &path, e))?;
        }
    }
    Ok(())
}

/// Whether `pid` (from a staging folder's name) is a running process other than this one. Where
/// this cannot be known, the folder is taken to be left over.
fn is_other_live_process(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
}
