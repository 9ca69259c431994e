//! Diagnostics: every problem found in a site, with the file (relative to the site root),
//! line and column where known, and a hint that says what to do.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, e.g. `content/plan.yaml`.
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A YAML parse or type error, with the location the parser knows.
    pub fn from_yaml(
        path: &Path,
        error: &yaml_serde::Error,
        source: &str,
        line_offset: usize,
    ) -> Self {
        let text = error.to_string();
        // The parser appends " at line L column C"; we show the location in front instead.
        let message = match text.rfind(" at line ") {
            Some(index) if error.location().is_some() => text[..index].to_string(),
            _ => text,
        };
        let location = error.location();
        let line_has_tab = location
            .as_ref()
            .and_then(|l| source.lines().nth(l.line().saturating_sub(1)))
            .is_some_and(|line| line.contains('\t'));
        let hint = if line_has_tab {
            Some("YAML does not allow tabs for indentation: indent with spaces")
        } else {
            yaml_hint(&message)
        };
        let diagnostic = Self::error(path, message).at(
            location.as_ref().map(|l| l.line() + line_offset),
            location.as_ref().map(|l| l.column()),
        );
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }
}

fn yaml_hint(message: &str) -> Option<&'static str> {
    if message.contains("missing field") {
        Some("add the field; the README lists every field and whether it is required")
    } else if message.contains("mapping values are not allowed") {
        Some("a value that contains “: ” must be put in double quotes")
    } else {
        None
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a build or check did not produce a site.
#[derive(Debug)]
pub enum Error {
    /// The content has problems; every one found is listed (errors and warnings, sorted).
    Invalid(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
        action: &'static str,
    },
    /// The requested operation is unsafe or impossible as asked (e.g. an output folder we did
    /// not create).
    Refused(String),
    /// A template failed to compile or render.
    Template(String),
}

impl Error {
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
            action,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                for diagnostic in diagnostics {
                    writeln!(f, "{diagnostic}")?;
                }
                write!(
                    f,
                    "the site has {errors} error{}; nothing was written",
                    if errors == 1 { "" } else { "s" }
                )
            }
            Error::Io {
                path,
                source,
                action,
            } => {
                write!(f, "could not {action} {}: {source}", path.display())
            }
            Error::Refused(reason) => f.write_str(reason),
            Error::Template(message) => write!(f, "template error: {message}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// The 1-based line of the first line in `source` that contains `needle`, for pointing at
/// values whose problem is only found after parsing (the YAML parser keeps no positions then).
pub fn line_of(source: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    source
        .lines()
        .position(|line| line.contains(needle))
        .map(|index| index + 1)
}
