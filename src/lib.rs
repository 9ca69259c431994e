//! thidua: a static site generator for Vietnamese emulation-campaign (phong trào thi đua)
//! publications. YAML plan + Markdown worker stories in, a static website out.
//!
//! The pipeline reads top to bottom in [`build::site::build`]: load ([`source`]) → validate
//! ([`model`]) → compute → render → write ([`build`]). Beneath it sit pure logic without I/O:
//! dates ([`time`]), Vietnamese text ([`text`]) and Markdown/HTML ([`markup`]). Above it sit
//! the commands: the preview ([`serve`]) and the starter files ([`scaffold`]).

pub mod build;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod markup;
pub mod model;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod text;
pub mod time;

pub use build::builder::{Builder, Built};
pub use build::check::{CheckReport, check};
pub use build::progress::{ProgressHook, Stage};
pub use build::site::{BuildOptions, BuildReport, build, load_site};
pub use error::{Diagnostic, Error, Severity};
pub use model::audience::{Audience, Visibility};
pub use scaffold::init::{InitOptions, InitReport, init};
pub use scaffold::new::{NewStoryOptions, NewStoryReport, new_story};
pub use serve::{ServeOptions, serve};
