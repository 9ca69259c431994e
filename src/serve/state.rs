//! What the preview server shows: the last good build, kept in memory file by file, and the
//! error of the latest rebuild if it failed. A rebuild swaps in a whole new snapshot at once,
//! so a request never sees half of one build and half of another; open tabs are told what
//! changed through a broadcast channel.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use axum::body::Bytes;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::error::Error;
use crate::pipeline::builder::Built;
use crate::pipeline::output::Contents;

/// One file of the site.
#[derive(Clone)]
pub(crate) enum Body {
    Bytes(Bytes),
    /// A photo or a theme file, read from the site's folder when requested. Its length and
    /// modification time tell whether it changed between builds.
    File {
        path: PathBuf,
        stamp: Option<(u64, SystemTime)>,
    },
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            // A page the preview did not render again is the same buffer: no need to compare
            // its bytes.
            (Body::Bytes(a), Body::Bytes(b)) => {
                (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
            }
            (Body::File { path: a, stamp: x }, Body::File { path: b, stamp: y }) => {
                a == b && x.is_some() && x == y
            }
            _ => false,
        }
    }
}

/// A built site in memory: output path (`bang-vang/index.html`) → contents.
pub(crate) struct Snapshot {
    /// Changes with every build that changed something, and with every server start, so a
    /// page can tell whether it is out of date.
    pub(crate) build: String,
    pub(crate) files: HashMap<String, Body>,
}

impl Snapshot {
    pub(crate) fn empty(build: String) -> Self {
        Self {
            build,
            files: HashMap::new(),
        }
    }

    pub(crate) fn from_built(build: String, built: Built) -> Self {
        let files = built
            .files
            .into_iter()
            .map(|file| {
                let body = match file.contents {
                    Contents::Bytes(bytes) => Body::Bytes(bytes),
                    Contents::Copy(path) => {
                        let stamp = std::fs::metadata(&path)
                            .ok()
                            .and_then(|m| Some((m.len(), m.modified().ok()?)));
                        Body::File { path, stamp }
                    }
                };
                (file.path, body)
            })
            .collect();
        Self { build, files }
    }

    /// The output paths whose contents differ between `self` and `newer`, sorted.
    pub(crate) fn changed_paths(&self, newer: &Snapshot) -> Vec<String> {
        let mut changed: Vec<String> = newer
            .files
            .iter()
            .filter(|(path, body)| self.files.get(*path) != Some(*body))
            .map(|(path, _)| path.clone())
            .chain(
                self.files
                    .keys()
                    .filter(|path| !newer.files.contains_key(*path))
                    .cloned(),
            )
            .collect();
        changed.sort();
        changed
    }
}

/// What open tabs are told.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(crate) enum Message {
    /// A new build is served: reload, or only swap these stylesheets when they are all that
    /// changed.
    Reload { build: String, styles: Vec<String> },
    /// The latest rebuild failed; the last good site is still served.
    Failure { build: String, error: String },
}

impl Message {
    pub(crate) fn event_name(&self) -> &'static str {
        match self {
            Message::Reload { .. } => "reload",
            Message::Failure { .. } => "failure",
        }
    }
}

/// How the served site changed with a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The output is byte-for-byte the same.
    Nothing,
    /// Only these stylesheets changed; open tabs swap them without reloading.
    Styles(Vec<String>),
    /// These output files changed; open tabs reload.
    Pages(Vec<String>),
}

/// Shared between the HTTP handlers and the rebuild thread.
pub(crate) struct Live {
    snapshot: RwLock<Arc<Snapshot>>,
    failure: RwLock<Option<String>>,
    messages: broadcast::Sender<Message>,
    /// Distinguishes this server run from the previous one, so tabs reload after a restart.
    run: String,
    generation: RwLock<u64>,
}

impl Live {
    pub(crate) fn new(run: String) -> Self {
        let (messages, _) = broadcast::channel(64);
        Self {
            snapshot: RwLock::new(Arc::new(Snapshot::empty(format!("{run}-0")))),
            failure: RwLock::new(None),
            messages,
            run,
            generation: RwLock::new(0),
        }
    }

    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The error of the latest rebuild, if it failed.
    pub(crate) fn failure(&self) -> Option<String> {
        self.failure
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Message> {
        self.messages.subscribe()
    }

    /// Serves a successful build and tells open tabs what to do.
    pub(crate) fn succeeded(&self, built: Built) -> Change {
        let mut generation = self.generation.write().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        let fresh = Snapshot::from_built(format!("{}-{}", self.run, *generation), built);
        let mut current = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let changed = current.changed_paths(&fresh);
        let recovered = self
            .failure
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .is_some();
        let change = if changed.is_empty() {
            Change::Nothing
        } else if changed.iter().all(|path| path.ends_with(".css")) {
            Change::Styles(changed)
        } else {
            Change::Pages(changed)
        };
        if change == Change::Nothing && !recovered {
            // Keep the old build id: tabs showing it are up to date.
            return change;
        }
        *current = Arc::new(fresh);
        let styles = match &change {
            Change::Styles(paths) if !recovered => paths.clone(),
            _ => Vec::new(),
        };
        // No tab listening is not an error.
        let _ = self.messages.send(Message::Reload {
            build: current.build.clone(),
            styles,
        });
        change
    }

    /// Keeps serving the last good build and shows the error in open tabs.
    pub(crate) fn failed(&self, error: &Error) {
        let text = failure_text(error);
        *self.failure.write().unwrap_or_else(|e| e.into_inner()) = Some(text.clone());
        let _ = self.messages.send(Message::Failure {
            build: self.snapshot().build.clone(),
            error: text,
        });
    }
}

/// The error as shown in the browser overlay: every diagnostic with its file:line:col.
fn failure_text(error: &Error) -> String {
    match error {
        Error::Invalid(diagnostics) => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let mut text: String = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("{d}\n"))
                .collect();
            text.push_str(&format!(
                "{errors} error{}: fix and save, the page updates by itself",
                if errors == 1 { "" } else { "s" }
            ));
            text
        }
        other => other.to_string(),
    }
}
