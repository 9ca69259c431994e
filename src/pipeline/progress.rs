//! Build progress for the caller to show (the command line draws a bar on a terminal); the
//! library itself never prints, it only reports which stage a build has reached.

use std::fmt;
use std::sync::Arc;

use crate::pipeline::site::BuildOptions;

/// The stages of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and validating the content.
    Loading,
    /// Computing views and rendering pages, feeds and the calendar.
    Rendering,
    /// Writing the output folder and swapping it in.
    Writing,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Loading, Stage::Rendering, Stage::Writing];

    /// 0-based position among [`Stage::ALL`].
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Loading => "reading and checking content",
            Stage::Rendering => "rendering pages",
            Stage::Writing => "writing the output folder",
        }
    }
}

/// Called with each stage as a build enters it.
#[derive(Clone)]
pub struct ProgressHook(Arc<dyn Fn(Stage) + Send + Sync>);

impl ProgressHook {
    pub fn new(hook: impl Fn(Stage) + Send + Sync + 'static) -> Self {
        Self(Arc::new(hook))
    }
}

impl fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressHook")
    }
}

impl BuildOptions {
    /// Tells the caller's hook, if any, that the build has entered `stage`.
    pub(crate) fn report_stage(&self, stage: Stage) {
        if let Some(hook) = &self.progress {
            (hook.0)(stage);
        }
    }
}
