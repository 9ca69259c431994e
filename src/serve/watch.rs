//! Watches the site's sources (`content/`, which holds the site config, and `themes/`) and
//! turns a burst of file-system events into one list of changed files. Editors' temporary and
//! backup files are ignored, and so are reads (the build itself opens every file).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};
use crate::source::load::is_ignored;

/// How long a file must be quiet before its events are passed on: long enough to join the
/// several writes and renames of one save, short enough to feel instant.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(30);

/// The folders of a site whose changes change the site.
const SOURCE_DIRS: [&str; 2] = ["content", "themes"];

/// What the watcher reports.
pub(crate) enum WatchMessage {
    /// Files that changed, relative to the site root.
    Changed(Vec<PathBuf>),
    /// The watcher itself failed (e.g. too many watched folders).
    Failed(String),
    /// The server is stopping.
    Stop,
}

pub(crate) struct SourceWatcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl SourceWatcher {
    /// Starts watching `root` (an absolute path); changes are sent to `sender`.
    pub(crate) fn start(root: &Path, sender: Sender<WatchMessage>) -> Result<Self> {
        let root = root.to_path_buf();
        let filter_root = root.clone();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let message = match result {
                Ok(events) => {
                    let mut changed: Vec<PathBuf> = events
                        .iter()
                        .filter(|event| is_change(&event.kind))
                        .flat_map(|event| event.paths.iter())
                        .filter_map(|path| relevant(&filter_root, path))
                        .collect();
                    changed.sort();
                    changed.dedup();
                    if changed.is_empty() {
                        return;
                    }
                    WatchMessage::Changed(changed)
                }
                Err(errors) => WatchMessage::Failed(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            // The receiver is gone only while the server stops.
            let _ = sender.send(message);
        })
        .map_err(|e| watch_error(&root, e))?;
        let mut watcher = Self { root, debouncer };
        // The root itself, not recursively: to notice content/ or themes/ being created or
        // replaced as a whole.
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&watcher.root, e))?;
        for dir in SOURCE_DIRS {
            watcher.rewatch(Path::new(dir))?;
        }
        Ok(watcher)
    }

    /// Watches a source folder again after it was created, deleted or replaced (a watch on a
    /// deleted folder does not see the new one).
    pub(crate) fn rewatch_if_source_dir(&mut self, changed: &Path) -> Result<()> {
        if SOURCE_DIRS.iter().any(|dir| changed == Path::new(dir)) {
            self.rewatch(changed)?;
        }
        Ok(())
    }

    fn rewatch(&mut self, dir: &Path) -> Result<()> {
        let path = self.root.join(dir);
        let _ = self.debouncer.unwatch(&path);
        if path.is_dir() {
            self.debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&path, e))?;
        }
        Ok(())
    }
}

fn watch_error(path: &Path, error: notify::Error) -> Error {
    Error::Refused(format!(
        "could not watch {} for changes: {error}",
        path.display()
    ))
}

/// Writes, creations, deletions and renames count; opening and reading files does not.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// The path relative to the root, if it is a source file that is not an editor's temporary
/// file (`.story.md.swp`, `story.md~`, `.#story.md`, vim's `4913`) or inside a hidden folder.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let first = components.next()?.as_os_str().to_str()?;
    if !SOURCE_DIRS.contains(&first) {
        return None;
    }
    let hidden = relative
        .components()
        .any(|c| is_ignored(&c.as_os_str().to_string_lossy()));
    (!hidden).then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporary_files_are_not_changes() {
        let root = Path::new("/site");
        let changed = |p: &str| relevant(root, &root.join(p));
        assert_eq!(
            changed("content/stories/an.md"),
            Some(PathBuf::from("content/stories/an.md"))
        );
        assert_eq!(
            changed("themes/default/static/assets/style.css"),
            Some(PathBuf::from("themes/default/static/assets/style.css"))
        );
        for temporary in [
            "content/stories/.an.md.swp",
            "content/stories/an.md~",
            "content/stories/.#an.md",
            "content/stories/4913",
            "content/.git/index",
            "output/index.html",
            "target/debug/thidua",
        ] {
            assert_eq!(changed(temporary), None, "{temporary}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, DataChange, RemoveKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }
}
