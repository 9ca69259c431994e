//! Reading a site's source files: the one place that reads `content/`, and YAML parsing with
//! located diagnostics.

pub mod load;
pub(crate) mod yaml;
