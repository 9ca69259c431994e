//! thidua: a static site generator for Vietnamese emulation-campaign (phong trào thi đua)
//! publications. YAML plan + Markdown worker stories in, a static website out.
//!
//! The pipeline reads top to bottom in [`site::build`]: load → validate → compute → render →
//! write.

pub mod calendar;
pub mod config;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;
pub mod sanitize;
pub mod site;
pub mod story;
pub mod text;
pub mod theme;
pub mod views;
mod yaml;

pub use error::{Diagnostic, Error, Severity};
pub use site::{Audience, BuildOptions, BuildReport, build, load_site};
