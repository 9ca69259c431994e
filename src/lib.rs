//! thidua: a static site generator for Vietnamese emulation-campaign (phong trào thi đua)
//! publications. YAML plan + Markdown worker stories in, a static website out.
//!
//! The pipeline reads top to bottom in [`pipeline::site::build`]: load ([`source`]) → validate
//! ([`model`]) → compute → render → write ([`pipeline`]). Beneath it sit pure logic without I/O:
//! dates ([`time`]), Vietnamese text ([`text`]) and Markdown/HTML ([`markup`]). Above it sit
//! the commands: the preview ([`serve`]) and the starter files ([`scaffold`]).

pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod import;
pub mod markup;
pub mod model;
pub mod pipeline;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod text;
pub mod time;

pub use error::{Diagnostic, Error, Severity};
pub use model::audience::{Audience, Visibility};
pub use pipeline::builder::{Builder, Built};
pub use pipeline::check::{CheckReport, check};
pub use pipeline::progress::{ProgressHook, Stage};
pub use pipeline::site::{BuildOptions, BuildReport, build, load_site};
pub use scaffold::init::{InitOptions, InitReport, init};
pub use scaffold::new::{NewStoryOptions, NewStoryReport, new_story};
pub use serve::{ServeOptions, serve};
