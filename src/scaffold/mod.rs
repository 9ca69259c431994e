//! Commands that create source files for the user: `thidua init` (a new site from the starter
//! files in `starter/`) and `thidua new story`.

pub mod init;
pub mod new;
