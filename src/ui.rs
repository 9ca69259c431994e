//! How the command line shows things: diagnostics with colour (only on a terminal, never with
//! `NO_COLOR`), the quiet and verbose levels, and a progress bar for builds that take more
//! than a second on a terminal.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use thidua::{Diagnostic, Error, ProgressHook, Severity, Stage};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default();
const BOLD: Style = Style::new().bold();

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Quiet,
    Normal,
    Verbose,
}

pub struct Ui {
    pub level: Level,
}

impl Ui {
    /// A diagnostic on stderr; warnings are left out when quiet.
    pub fn diagnostic(&self, diagnostic: &Diagnostic) {
        if self.level == Level::Quiet && !diagnostic.is_error() {
            return;
        }
        anstream::eprintln!("{}", styled(diagnostic));
    }

    /// Why a command failed, on stderr.
    pub fn error(&self, error: &Error) {
        match error {
            Error::Invalid(diagnostics) => {
                for diagnostic in diagnostics {
                    self.diagnostic(diagnostic);
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                anstream::eprintln!(
                    "{ERROR}error{ERROR:#}: the site has {errors} error{}; nothing was written",
                    plural(errors)
                );
            }
            other => anstream::eprintln!("{ERROR}error{ERROR:#}: {other}"),
        }
    }

    /// The closing summary line, on stdout; left out when quiet.
    pub fn summary(&self, line: &str) {
        if self.level > Level::Quiet {
            anstream::println!("{line}");
        }
    }

    /// Extra detail, shown only with `--verbose`.
    pub fn detail(&self, line: &str) {
        if self.level == Level::Verbose {
            anstream::eprintln!("{line}");
        }
    }

    /// What to show while a build runs: stage lines when verbose, a bar on a terminal,
    /// nothing otherwise (CI, pipes, `--quiet`).
    pub fn build_progress(&self) -> BuildProgress {
        let started = Instant::now();
        if self.level == Level::Verbose {
            let hook = ProgressHook::new(move |stage: Stage| {
                anstream::eprintln!(
                    "{BOLD}[{:>5.2} s]{BOLD:#} {}",
                    started.elapsed().as_secs_f64(),
                    stage.label()
                );
            });
            return BuildProgress::lines(hook);
        }
        if self.level == Level::Normal && std::io::stderr().is_terminal() {
            return BuildProgress::bar();
        }
        BuildProgress::lines_off()
    }
}

pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The same text as the diagnostic's `Display`, with colour codes that `anstream` removes
/// when stderr is not a terminal or `NO_COLOR` is set.
fn styled(diagnostic: &Diagnostic) -> String {
    let (style, label) = match diagnostic.severity {
        Severity::Error => (ERROR, "error"),
        Severity::Warning => (WARNING, "warning"),
    };
    let mut location = diagnostic.path.display().to_string();
    if let Some(line) = diagnostic.line {
        location.push_str(&format!(":{line}"));
        if let Some(column) = diagnostic.column {
            location.push_str(&format!(":{column}"));
        }
    }
    let mut out = format!(
        "{style}{label}{style:#}: {BOLD}{location}{BOLD:#}: {}",
        diagnostic.message
    );
    if let Some(hint) = &diagnostic.hint {
        out.push_str(&format!("\n  {HINT}hint{HINT:#}: {hint}"));
    }
    out
}

/// A build's progress display; finished (and the bar cleared) when dropped.
pub struct BuildProgress {
    hook: Option<ProgressHook>,
    bar: Option<ProgressBar>,
    stop: Option<mpsc::Sender<()>>,
    waiter: Option<JoinHandle<()>>,
}

impl BuildProgress {
    fn lines(hook: ProgressHook) -> Self {
        Self {
            hook: Some(hook),
            bar: None,
            stop: None,
            waiter: None,
        }
    }

    fn lines_off() -> Self {
        Self {
            hook: None,
            bar: None,
            stop: None,
            waiter: None,
        }
    }

    /// A bar over the build's stages, drawn on stderr only once the build has run for a
    /// second, so quick builds print nothing but their summary.
    fn bar() -> Self {
        let bar = ProgressBar::with_draw_target(
            Some(Stage::ALL.len() as u64),
            ProgressDrawTarget::hidden(),
        );
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{bar:24}] {pos}/{len} {msg} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let waiter = thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(Duration::from_secs(1)) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        let updated = bar.clone();
        let hook = ProgressHook::new(move |stage: Stage| {
            updated.set_position(stage.index() as u64);
            updated.set_message(stage.label());
        });
        Self {
            hook: Some(hook),
            bar: Some(bar),
            stop: Some(stop),
            waiter: Some(waiter),
        }
    }

    /// The hook to hand to the build.
    pub fn hook(&self) -> Option<ProgressHook> {
        self.hook.clone()
    }
}

impl Drop for BuildProgress {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The waiter may already have shown the bar and ended; then there is no one to tell.
            let _ = stop.send(());
        }
        if let Some(waiter) = self.waiter.take() {
            let _ = waiter.join();
        }
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
