//! Markdown and HTML from content: rendering, the sanitizer for raw HTML, and the links and
//! images a story body refers to. Pure functions, no I/O.

pub mod links;
pub mod markdown;
pub mod sanitize;
