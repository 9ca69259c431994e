//! compute → render → write: the views templates receive, every page and generated file, the
//! photos, and the output folder (the only writer). [`site`] is the pipeline, top to bottom;
//! [`builder`] keeps it warm for the preview and [`check`] runs it without writing.

pub mod builder;
pub mod bulletin;
pub mod charts;
pub mod check;
pub mod feeds;
pub mod ics;
pub mod output;
pub mod pages;
pub mod photos;
pub mod progress;
pub mod render;
pub mod search;
pub mod site;
pub mod theme;
pub mod views;
pub mod wording;
