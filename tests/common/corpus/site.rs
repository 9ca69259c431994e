//! Writes a generated corpus as a thidua site: `content/site.yaml`, `content/plan.yaml` (four
//! award titles, three sectors, three phases, eight anniversaries) and one file per story.

use std::fs;
use std::io;
use std::path::Path;

use super::words::{AWARDS, SECTORS};
use super::{Corpus, PHASES, YEAR};

/// YAML double-quoted string.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Corpus {
    /// Writes a thidua site: `content/site.yaml`, `content/plan.yaml`, one Markdown file per
    /// story and, for stories with a photo, a small PNG portrait.
    pub fn write_thidua(&self, root: &Path) -> io::Result<()> {
        let content = root.join("content");
        fs::create_dir_all(content.join("stories"))?;
        fs::write(content.join("site.yaml"), SITE_YAML)?;
        fs::write(content.join("plan.yaml"), plan_yaml())?;
        if self.stories.iter().any(|s| s.photo.is_some()) {
            fs::create_dir_all(content.join("images"))?;
        }
        for story in &self.stories {
            let mut text = String::with_capacity(story.body.len() + 600);
            text.push_str("---\n");
            let mut field = |key: &str, value: &str| {
                text.push_str(&format!("{key}: {}\n", quoted(value)));
            };
            field("name", &story.name);
            field("headline", &story.headline);
            field("unit", story.unit);
            field("sector", story.sector);
            field("award", story.award);
            field("movement", story.movement);
            field("date", &story.date);
            if let Some(photo) = &story.photo {
                field("photo", photo);
                field("photo_alt", &story.photo_alt);
                fs::write(content.join(photo), portrait_png(&story.name))?;
            }
            if let Some(summary) = &story.summary {
                field("summary", summary);
            }
            text.push_str("---\n\n");
            text.push_str(&story.body);
            fs::write(
                content.join("stories").join(format!("{}.md", story.slug)),
                text,
            )?;
        }
        Ok(())
    }
}

/// A small PNG portrait: a disc whose colour comes from the name, on a light background
/// (photos must be raster images; the name keeps every portrait's bytes its own).
pub fn portrait_png(name: &str) -> Vec<u8> {
    let hue = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let colour = [
        (hue % 200) as u8 + 40,
        (hue / 7 % 120) as u8,
        (hue / 13 % 160) as u8,
    ];
    let image = image::RgbImage::from_fn(120, 120, |x, y| {
        let (dx, dy) = (x as i32 - 60, y as i32 - 60);
        image::Rgb(if dx * dx + dy * dy <= 3600 {
            colour
        } else {
            [253, 243, 225]
        })
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG in memory");
    out.into_inner()
}

const SITE_YAML: &str = "title: \"Bảng vàng thi đua CNVCLĐ Thủ đô 2025\"\n\
description: \"Bảng vàng những gương người tốt, việc tốt trong công nhân, viên chức, lao động năm 2025 (dữ liệu sinh tự động cho đo hiệu năng).\"\n\
base_url: \"https://thidua.example.vn/\"\n";

/// The plan: four award titles, three sectors with movements, three phases, eight
/// anniversaries in `YEAR`.
pub fn plan_yaml() -> String {
    let mut plan = format!(
        "document:\n  number: \"12/KH-LĐLĐ\"\n  issuer: \"Liên đoàn Lao động Thành phố\"\n  place: \"Hà Nội\"\n  date: {}-12-20\n  title: \"Phát động phong trào thi đua trong CNVCLĐ năm {YEAR}\"\n\
campaign:\n  name: \"Phong trào thi đua CNVCLĐ năm {YEAR}\"\n  start: {YEAR}-01-01\n  end: {YEAR}-12-31\n\
themes:\n  - level: \"Tổng LĐLĐ Việt Nam\"\n    text: \"Năm *chuyển đổi số* trong hoạt động công đoàn\"\n\
sectors:\n  list:\n",
        YEAR - 1
    );
    for (index, (id, name, movements)) in SECTORS.iter().enumerate() {
        plan.push_str(&format!(
            "    - id: {id}\n      number: \"{}\"\n      name: {}\n      items:\n        - number: \"{}.1\"\n          text: \"Thi đua thực hiện tốt các phong trào của khối.\"\n          movements: [{}]\n",
            index + 1,
            quoted(name),
            index + 1,
            movements.iter().map(|m| quoted(m)).collect::<Vec<_>>().join(", ")
        ));
    }
    plan.push_str("phases:\n");
    for (id, name, (sm, sd), (em, ed)) in PHASES {
        plan.push_str(&format!(
            "  - id: {id}\n    name: {}\n    start: {YEAR}-{sm:02}-{sd:02}\n    end: {YEAR}-{em:02}-{ed:02}\n    theme: \"Thi đua lập thành tích chào mừng các ngày lễ lớn\"\n",
            quoted(name)
        ));
    }
    plan.push_str("anniversaries:\n");
    let anniversaries: &[(&str, &str, &str)] = &[
        (
            "Ngày thành lập Đảng Cộng sản Việt Nam",
            "origin: 1930-02-03",
            "dot-1",
        ),
        (
            "Ngày giải phóng miền Nam, thống nhất đất nước",
            "origin: 1975-04-30",
            "dot-1",
        ),
        ("Ngày Quốc tế Lao động", "day: \"01/05\"", "dot-2"),
        (
            "Ngày sinh Chủ tịch Hồ Chí Minh",
            "origin: 1890-05-19",
            "dot-2",
        ),
        (
            "Ngày thành lập Công đoàn Việt Nam",
            "origin: 1929-07-28",
            "dot-2",
        ),
        (
            "Cách mạng tháng Tám và Quốc khánh",
            "origin: 1945-09-02",
            "dot-3",
        ),
        ("Ngày Giải phóng Thủ đô", "origin: 1954-10-10", "dot-3"),
        (
            "Ngày thành lập Quân đội nhân dân Việt Nam",
            "origin: 1944-12-22",
            "dot-3",
        ),
    ];
    for (name, date, phase) in anniversaries {
        plan.push_str(&format!(
            "  - name: {}\n    {date}\n    phase: {phase}\n",
            quoted(name)
        ));
    }
    plan.push_str("awards:\n");
    for (id, name, description) in AWARDS {
        plan.push_str(&format!(
            "  - id: {id}\n    name: {}\n    description: {}\n",
            quoted(name),
            quoted(description)
        ));
    }
    plan
}
