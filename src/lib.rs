//! thidua: a static site generator for Vietnamese emulation-campaign (phong trào thi đua)
//! publications. YAML plan + Markdown worker stories in, a static website out.
//!
//! The pipeline reads top to bottom in [`site::build`]: load → validate → compute → render →
//! write.

pub mod audience;
pub mod bulletin;
pub mod calendar;
pub mod config;
pub mod error;
pub mod feeds;
pub mod ics;
pub mod load;
pub mod lunar;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod plan;
pub mod registration;
pub mod render;
pub mod site;
pub mod story;
pub mod text;
pub mod theme;
pub mod views;
mod yaml;

pub use audience::{Audience, Visibility};
pub use error::{Diagnostic, Error, Severity};
pub use site::{BuildOptions, BuildReport, build, load_site};
