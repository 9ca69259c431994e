//! `thidua new story`: a new story file with its front matter filled in from the plan (the
//! award checked, the sector, today's date in the campaign timezone) and a body skeleton to
//! write in. The story starts as a draft, so an unfinished skeleton is never published.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Diagnostic, Error, Result};
use crate::model::plan::{self, Plan};
use crate::source::load::{self, CONTENT_DIR};
use crate::{model::config, source::yaml, text, time::calendar};

#[derive(Debug, Clone, Default)]
pub struct NewStoryOptions {
    /// The site folder, holding `content/`.
    pub root: PathBuf,
    /// The worker's full name; the file is `content/stories/<slug>.md`.
    pub name: String,
    pub unit: Option<String>,
    /// An award title from the plan, by name or id (default: the plan's first).
    pub award: Option<String>,
    /// A sector from the plan, by id or name (default: the plan's first, if it has sectors).
    pub sector: Option<String>,
    /// The story's date (default: today in the campaign timezone).
    pub date: Option<NaiveDate>,
}

#[derive(Debug)]
pub struct NewStoryReport {
    /// The story file, under the site root.
    pub path: PathBuf,
    /// What was filled in for the user to review (a default award, sector or unit; a date
    /// outside the campaign).
    pub notes: Vec<Diagnostic>,
}

/// Creates the story file; refuses to overwrite one.
pub fn new_story(options: &NewStoryOptions) -> Result<NewStoryReport> {
    let name = options.name.trim();
    let slug = text::slugify(name);
    if slug.is_empty() {
        return Err(Error::Refused(format!(
            "the name “{name}” gives an empty file name: give the worker's full name, e.g. \"Nguyễn Văn An\""
        )));
    }
    let (plan, timezone) = read_plan(&options.root)?;
    let relative = Path::new(CONTENT_DIR)
        .join("stories")
        .join(format!("{slug}.md"));
    let path = options.root.join(&relative);
    let mut notes = Vec::new();
    let note = |message: String| Diagnostic::warning(&relative, message);

    let award = match &options.award {
        Some(wanted) => plan
            .awards
            .iter()
            .find(|a| a.name == wanted.trim() || a.id == wanted.trim())
            .ok_or_else(|| {
                unknown(
                    "award title",
                    wanted,
                    plan.awards.iter().map(|a| a.name.as_str()),
                )
            })?,
        None => {
            let first = plan.awards.first().ok_or_else(|| {
                Error::Refused("the plan lists no award titles: add one under `awards:`".into())
            })?;
            notes.push(note(format!(
                "award set to “{}”, the plan's first: change it if needed",
                first.name
            )));
            first
        }
    };
    let sectors = plan.sector_list();
    let sector = match (&options.sector, sectors.first()) {
        (Some(wanted), _) => Some(
            sectors
                .iter()
                .find(|s| [s.id.as_str(), s.name.as_str(), s.label()].contains(&wanted.trim()))
                .ok_or_else(|| unknown("sector", wanted, sectors.iter().map(|s| s.id.as_str())))?,
        ),
        (None, Some(first)) => {
            notes.push(note(format!(
                "sector set to `{}`, the plan's first: change it if needed",
                first.id
            )));
            Some(first)
        }
        (None, None) => None,
    };
    let unit = match &options.unit {
        Some(unit) => unit.trim().to_string(),
        None => {
            notes.push(note(
                "no --unit given: write the worker's unit in `unit:`".into(),
            ));
            "Tên đơn vị".to_string()
        }
    };
    let date = options.date.unwrap_or_else(|| calendar::today_in(timezone));
    if date < plan.campaign.start.0 || date > plan.campaign.end.0 {
        notes.push(note(format!(
            "the date {} is outside the campaign period ({} – {})",
            text::date_short(date),
            text::date_short(plan.campaign.start.0),
            text::date_short(plan.campaign.end.0)
        )));
    }

    let quoted = |value: &str| serde_json::to_string(value).unwrap_or_default();
    let awards: Vec<String> = plan.awards.iter().map(|a| quoted(&a.name)).collect();
    let mut front = vec![
        format!("name: {}", quoted(name)),
        format!(
            "headline: {}   # tiêu đề bài viết",
            quoted(&format!("Tiêu đề bài viết về {name}"))
        ),
        format!(
            "unit: {}   # đơn vị, viết giống các bài khác cùng đơn vị",
            quoted(&unit)
        ),
    ];
    if let Some(sector) = sector {
        let ids: Vec<&str> = sectors.iter().map(|s| s.id.as_str()).collect();
        front.push(format!(
            "sector: {}   # một trong: {}",
            sector.id,
            ids.join(", ")
        ));
    }
    front.push(format!(
        "award: {}   # một trong: {}",
        quoted(&award.name),
        awards.join(", ")
    ));
    if let Some(movement) = plan.movements().first() {
        front.push(format!(
            "# movement: {}   # phong trào nêu trong kế hoạch (không bắt buộc)",
            quoted(movement)
        ));
    }
    front.extend([
        format!("date: {}", date.format("%Y-%m-%d")),
        format!("# photo: images/{slug}.jpg   # ảnh đặt trong content/images/ (không bắt buộc)"),
        "# photo_alt: \"\"   # mô tả ảnh cho người không xem được ảnh".to_string(),
        "# summary: \"\"   # tóm tắt; bỏ trống thì lấy đoạn đầu".to_string(),
        "draft: true   # bài nháp, chưa đăng: xoá dòng này khi bài đã viết xong".to_string(),
    ]);
    let story = format!("---\n{}\n---\n\n{}", front.join("\n"), body(name));

    if path.symlink_metadata().is_ok() {
        return Err(Error::Refused(format!(
            "{} already exists; thidua never overwrites a story: edit that file, or give a fuller name",
            relative.display()
        )));
    }
    let folder = options.root.join(CONTENT_DIR).join("stories");
    fs::create_dir_all(&folder).map_err(|e| Error::io("create", &folder, e))?;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io("create", &path, e))?;
    file.write_all(story.as_bytes())
        .map_err(|e| Error::io("write", &path, e))?;
    Ok(NewStoryReport { path, notes })
}

fn unknown<'a>(what: &str, wanted: &str, known: impl Iterator<Item = &'a str> + Clone) -> Error {
    let hint = match text::nearest(wanted, known.clone()) {
        Some(near) => format!("did you mean “{near}”?"),
        None => format!("the plan has: {}", known.collect::<Vec<_>>().join("; ")),
    };
    Error::Refused(format!("unknown {what} “{wanted}”: {hint}"))
}

/// The plan and the campaign timezone; errors in either stop the command, since the story
/// is filled in from them.
fn read_plan(root: &Path) -> Result<(Plan, chrono_tz::Tz)> {
    let content = root.join(CONTENT_DIR);
    if !content.join("plan.yaml").is_file() {
        return Err(Error::Refused(format!(
            "{} has no content/plan.yaml: run thidua in a campaign site, pass --root DIR, or start one with `thidua init DIR`",
            root.display()
        )));
    }
    let mut diagnostics = Vec::new();
    let plan =
        load::read_text(root, &content.join("plan.yaml"), &mut diagnostics).and_then(|file| {
            let raw =
                yaml::parse::<plan::RawPlan>(&file.path, &file.text, 0, &[], &mut diagnostics)?;
            Some(plan::resolve(raw, &file.path, &file.text, &mut diagnostics))
        });
    let site_yaml = content.join("site.yaml");
    let config_file = site_yaml
        .is_file()
        .then(|| load::read_text(root, &site_yaml, &mut diagnostics))
        .flatten();
    let raw_config = match &config_file {
        Some(file) => {
            yaml::parse::<config::RawConfig>(&file.path, &file.text, 0, &[], &mut diagnostics)
        }
        None => Some(config::RawConfig::default()),
    };
    let (config_path, config_text) = match &config_file {
        Some(file) => (file.path.as_path(), file.text.as_str()),
        None => (Path::new("content/site.yaml"), ""),
    };
    let config = raw_config.and_then(|raw| {
        config::resolve(
            raw,
            Default::default(),
            None,
            config_path,
            config_text,
            &mut diagnostics,
        )
    });
    diagnostics.retain(Diagnostic::is_error);
    match (plan, config) {
        (Some(plan), Some(config)) if diagnostics.is_empty() => Ok((plan, config.timezone)),
        _ => Err(Error::Invalid(diagnostics)),
    }
}

fn body(name: &str) -> String {
    format!(
        "Đoạn mở đầu: giới thiệu ngắn về {name} và thành tích nổi bật nhất. Nếu không có \
         `summary`, đoạn này được dùng làm tóm tắt.\n\n\
         ## Công việc và hoàn cảnh\n\n\
         Công việc hằng ngày, hoàn cảnh, những khó khăn đã vượt qua.\n\n\
         ## Thành tích\n\n\
         - Thành tích thứ nhất, có số liệu cụ thể (năng suất, sáng kiến, giờ công…).\n\
         - Thành tích thứ hai.\n\n\
         ## Lời đồng nghiệp\n\n\
         > “Nhận xét của đồng nghiệp hoặc lãnh đạo đơn vị.”\n"
    )
}
