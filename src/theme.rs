//! The theme: templates and static assets. The default theme is compiled into the binary, so a
//! site without a `themes/` folder builds; a site's own `themes/<name>/` overrides it file by
//! file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

/// Every template of the default theme; the README documents what each receives.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embed![
    "base.html",
    "index.html",
    "plan.html",
    "timeline.html",
    "anniversaries.html",
    "honor_roll.html",
    "story.html",
    "units.html",
    "unit.html",
    "404.html",
    "partials/story_card.html",
    "partials/countdown.html",
];

macro_rules! embed_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/static/", $name)) as &[u8])),*]
    };
}

pub const DEFAULT_STATIC: &[(&str, &[u8])] =
    embed_static!["assets/style.css", "assets/thidua.js", "favicon.svg"];

/// Where a static file comes from.
pub enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

pub struct Theme {
    /// Template name → source, the site's overrides applied.
    pub templates: BTreeMap<String, String>,
    /// Output path → asset, the site's overrides applied.
    pub assets: BTreeMap<String, Asset>,
}

/// The default theme with `site_root/themes/<name>/{templates,static}` laid over it.
pub fn load(site_root: &Path, name: &str) -> Result<Theme> {
    let mut templates: BTreeMap<String, String> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let mut assets: BTreeMap<String, Asset> = DEFAULT_STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), Asset::Embedded(b)))
        .collect();
    let dir = site_root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            return Err(Error::Refused(format!(
                "theme “{name}” was not found: expected a folder {}",
                dir.display()
            )));
        }
        return Ok(Theme { templates, assets });
    }
    for (path, relative) in files_under(&dir.join("templates")) {
        let text = fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
        templates.insert(relative, text);
    }
    for (path, relative) in files_under(&dir.join("static")) {
        assets.insert(relative, Asset::File(path));
    }
    Ok(Theme { templates, assets })
}

fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| !crate::load::is_ignored(&entry.file_name().to_string_lossy()))
        .filter_map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((entry.path().to_path_buf(), relative))
        })
        .collect()
}
