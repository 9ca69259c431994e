//! `thidua init`: a new campaign site that builds at once, so a federation, district or
//! school starts from a working example instead of a blank page. The starter files live in
//! `src/init/` with a Vietnamese comment on every field; existing files are never
//! overwritten.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::pipeline::theme;
use crate::time::calendar;

/// Themes bundled in the binary that `--theme-from` can copy out.
pub const BUNDLED_THEMES: &[&str] = &["default"];

#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The folder to create the site in (created if missing).
    pub dir: PathBuf,
    /// Add the starter files to a folder that is not empty. Existing files are still never
    /// overwritten.
    pub force: bool,
    /// The campaign year (default: the current year in Vietnam).
    pub year: Option<i32>,
    /// Copy a bundled theme into `themes/<name>/` for editing.
    pub theme_from: Option<String>,
    /// Today's date, for the example story (default: today in Vietnam).
    pub today: Option<NaiveDate>,
}

#[derive(Debug)]
pub struct InitReport {
    pub dir: PathBuf,
    /// Files written, relative to `dir`.
    pub files: Vec<PathBuf>,
}

/// The starter site; `{{…}}` placeholders are filled in for the campaign year.
const STARTER: &[(&str, &str)] = &[
    (".gitignore", include_str!("starter/gitignore")),
    ("content/site.yaml", include_str!("starter/site.yaml")),
    ("content/plan.yaml", include_str!("starter/plan.yaml")),
    (
        "content/registrations.yaml",
        include_str!("starter/registrations.yaml"),
    ),
    (
        "content/stories/le-thi-hoa.md",
        include_str!("starter/story.md"),
    ),
];

/// Where the example story's photo goes (a PNG drawn by [`example_photo`]).
const EXAMPLE_PHOTO: &str = "content/images/le-thi-hoa.png";

/// The Vietnam Trade Union was founded on 28 July 1929; the starter plan counts from it.
const UNION_FOUNDED: i32 = 1929;

/// Writes the starter site into `options.dir`. Refuses a non-empty folder unless `force`, and
/// refuses (writing nothing) if any file it would write already exists.
pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    let today = options
        .today
        .unwrap_or_else(|| calendar::today_in(chrono_tz::Asia::Ho_Chi_Minh));
    let year = options.year.unwrap_or(today.year());
    if !(UNION_FOUNDED + 1..=2199).contains(&year) {
        return Err(Error::Refused(format!(
            "--year {year} is out of range: give a campaign year between {} and 2199",
            UNION_FOUNDED + 1
        )));
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = STARTER
        .iter()
        .map(|(path, text)| (PathBuf::from(path), fill(text, year, today).into_bytes()))
        .collect();
    files.push((PathBuf::from(EXAMPLE_PHOTO), example_photo()?));
    if let Some(name) = &options.theme_from {
        files.extend(bundled_theme(name)?);
    }

    if dir.exists() && !dir.is_dir() {
        return Err(Error::Refused(format!(
            "{} is a file, not a folder: give a new or empty folder for the site",
            dir.display()
        )));
    }
    if !options.force && !is_empty(dir)? {
        return Err(Error::Refused(format!(
            "{} is not empty: give a new or empty folder, or pass --force to add the starter files to it (existing files are never overwritten)",
            dir.display()
        )));
    }
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Refused(format!(
            "{} already has {}; thidua init never overwrites a file, so nothing was written",
            dir.display(),
            existing.join(", ")
        )));
    }

    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        // `create_new` keeps the promise even if a file appears after the check above.
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .map_err(|e| Error::io("create", &target, e))?;
        file.write_all(bytes)
            .map_err(|e| Error::io("write", &target, e))?;
    }
    Ok(InitReport {
        dir: dir.clone(),
        files: files.into_iter().map(|(path, _)| path).collect(),
    })
}

/// The example story's photo, drawn here rather than shipped as a file: a red disc and a
/// rounded bar on cream, 800×600 (photos must be raster images: JPEG, PNG, WebP or GIF).
fn example_photo() -> Result<Vec<u8>> {
    let image = image::RgbImage::from_fn(800, 600, |x, y| {
        let (x, y) = (x as i64, y as i64);
        let in_disc = (x - 400).pow(2) + (y - 230).pow(2) <= 110 * 110;
        let bar_x = x.clamp(285, 515);
        let in_bar = (x - bar_x).pow(2) + (y - 455).pow(2) <= 75 * 75;
        image::Rgb(if in_disc || in_bar {
            [200, 16, 46]
        } else {
            [253, 243, 225]
        })
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| Error::Refused(format!("could not draw the example photo: {e}")))?;
    Ok(out.into_inner())
}

fn fill(template: &str, year: i32, today: NaiveDate) -> String {
    // The example story is dated today when the campaign is this year's, else on a day
    // inside the campaign, so the new site has no warning.
    let story_date = if today.year() == year {
        today
    } else {
        NaiveDate::from_ymd_opt(year, 1, 15).unwrap_or(today)
    };
    template
        .replace("{{YEAR}}", &year.to_string())
        .replace("{{PREV_YEAR}}", &(year - 1).to_string())
        .replace("{{UNION_ORDINAL}}", &(year - UNION_FOUNDED).to_string())
        .replace("{{STORY_DATE}}", &story_date.format("%Y-%m-%d").to_string())
}

/// The files of a bundled theme, under `themes/<name>/`.
fn bundled_theme(name: &str) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    if !BUNDLED_THEMES.contains(&name) {
        return Err(Error::Refused(format!(
            "there is no bundled theme “{name}”; bundled themes: {}",
            BUNDLED_THEMES.join(", ")
        )));
    }
    let root = Path::new("themes").join(name);
    let templates = theme::DEFAULT_TEMPLATES
        .iter()
        .map(|(path, text)| (root.join("templates").join(path), text.as_bytes().to_vec()));
    let statics = theme::DEFAULT_STATIC
        .iter()
        .map(|(path, bytes)| (root.join("static").join(path), bytes.to_vec()));
    Ok(templates.chain(statics).collect())
}

/// A missing folder counts as empty; so does one holding only a `.git` folder, so
/// `git init` can come first.
fn is_empty(dir: &Path) -> Result<bool> {
    if !dir.exists() {
        return Ok(true);
    }
    let entries = fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read", dir, e))?;
        if entry.file_name() != ".git" {
            return Ok(false);
        }
    }
    Ok(true)
}
