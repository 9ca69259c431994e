//! What the site's files mean, with no I/O: the plan, stories, the site config, launch
//! registrations and who a build is for, each parsed from YAML and resolved into validated
//! types.

pub mod audience;
pub mod config;
pub mod photo;
pub mod plan;
pub mod registration;
pub mod story;
