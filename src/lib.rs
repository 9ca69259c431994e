//! thidua: a static site generator for Vietnamese emulation-campaign (phong trào thi đua)
//! publications. YAML plan + Markdown worker stories in, a static website out.
//!
//! The pipeline reads top to bottom in [`site::build`]: load → validate → compute → render →
//! write.

pub mod audience;
pub mod builder;
pub mod bulletin;
pub mod calendar;
pub mod charts;
pub mod check;
pub mod collate;
pub mod config;
pub mod error;
pub mod feeds;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod ics;
pub mod init;
pub mod links;
pub mod load;
pub mod lunar;
pub mod markdown;
pub mod new;
pub mod output;
pub mod pages;
pub mod photos;
pub mod plan;
pub mod progress;
pub mod registration;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod site;
pub mod story;
pub mod text;
pub mod theme;
mod unit_names;
pub mod views;
mod yaml;

pub use audience::{Audience, Visibility};
pub use builder::{Builder, Built};
pub use check::{CheckReport, check};
pub use error::{Diagnostic, Error, Severity};
pub use init::{InitOptions, InitReport, init};
pub use new::{NewStoryOptions, NewStoryReport, new_story};
pub use progress::{ProgressHook, Stage};
pub use serve::{ServeOptions, serve};
pub use site::{BuildOptions, BuildReport, build, load_site};
