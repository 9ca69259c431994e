//! The Hugo twin of a generated corpus: the templates and config in `benches/hugo/` plus one
//! content file per story, with the unit and award as taxonomies so Hugo writes a page per
//! unit and per award, like thidua's unit pages.

use std::fs;
use std::io;
use std::path::Path;

use crate::corpus::Corpus;
use crate::corpus::site::{portrait_png, quoted};

pub fn write(corpus: &Corpus, root: &Path) -> io::Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("benches/hugo"), root)?;
    // The same stylesheet as thidua's default theme, copied rather than kept twice.
    let assets = root.join("static/assets");
    fs::create_dir_all(&assets)?;
    fs::copy(
        repo.join("themes/default/static/assets/style.css"),
        assets.join("style.css"),
    )?;
    let content = root.join("content");
    let stories = content.join("bang-vang");
    fs::create_dir_all(&stories)?;
    fs::write(
        stories.join("_index.md"),
        "---\ntitle: \"Bảng vàng “Người tốt, việc tốt”\"\n---\n",
    )?;
    for (file, title) in [
        ("ke-hoach.md", "Kế hoạch số 12/KH-LĐLĐ"),
        ("tien-do.md", "Tiến độ các đợt thi đua"),
        ("ky-niem.md", "Các ngày kỷ niệm"),
    ] {
        fs::write(
            content.join(file),
            format!("---\ntitle: {}\n---\n\n{title}.\n", quoted(title)),
        )?;
    }
    for story in &corpus.stories {
        let mut text = String::with_capacity(story.body.len() + 800);
        text.push_str("---\n");
        let mut field = |key: &str, value: &str| {
            text.push_str(&format!("{key}: {}\n", quoted(value)));
        };
        field("title", &story.headline);
        field("name", &story.name);
        field("slug", &story.slug);
        field("date", &story.date);
        field("unit", story.unit);
        field("award", story.award);
        field("phase", story.phase);
        field("movement", story.movement);
        field("initials", &thidua::text::initials(&story.name));
        if let Some(summary) = &story.summary {
            field("summary", summary);
        }
        if let Some(photo) = &story.photo {
            field("photo", photo);
            field("photo_alt", &story.photo_alt);
            let path = root.join("static").join(photo);
            fs::create_dir_all(path.parent().unwrap_or(root))?;
            fs::write(path, portrait_png(&story.name))?;
        }
        text.push_str(&format!(
            "don-vi: [{}]\ndanh-hieu: [{}]\n---\n\n",
            quoted(story.unit),
            quoted(story.award)
        ));
        text.push_str(&story.body);
        fs::write(stories.join(format!("{}.md", story.slug)), text)?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
