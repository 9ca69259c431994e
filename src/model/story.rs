//! Worker stories: front matter split, the serde model of the front matter, and resolution
//! against the plan (award, sector, movement, phase). No I/O.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Diagnostic, line_of};
use crate::markup::markdown;
use crate::model::audience::Visibility;
use crate::model::plan::{Date, Plan};
use crate::text;

/// Every front-matter key, for "did you mean" hints.
pub const STORY_FIELDS: &[&str] = &[
    "name",
    "headline",
    "unit",
    "sector",
    "award",
    "movement",
    "date",
    "photo",
    "photo_alt",
    "summary",
    "draft",
    "visibility",
];

#[derive(Debug, Clone, Deserialize)]
pub struct FrontMatter {
    name: String,
    headline: String,
    unit: String,
    sector: Option<String>,
    award: String,
    movement: Option<String>,
    date: Date,
    photo: Option<String>,
    photo_alt: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    visibility: Visibility,
}

/// A story as written, before it is checked against the plan.
#[derive(Debug, Clone)]
pub struct ParsedStory {
    pub path: PathBuf,
    /// The front matter's source text, to locate fields in diagnostics.
    front_matter: String,
    fields: FrontMatter,
    body: markdown::Body,
}

/// Splits `---`-delimited YAML front matter from the Markdown body. Returns the YAML and the
/// body. The YAML starts on line 2 of the file.
pub fn split_front_matter(source: &str) -> Result<(&str, &str), String> {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(
            "the story has no front matter: start the file with a line `---`, then the fields \
                    (name, headline, unit, award, date…), then a line `---`"
                .to_string(),
        );
    }
    let mut offset = first.len();
    for line in lines {
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = &source[first.len()..offset];
            let body = &source[offset + line.len()..];
            return Ok((yaml, body));
        }
        offset += line.len();
    }
    Err("the front matter is opened with `---` on line 1 but never closed: add a line `---` after the last field".to_string())
}

/// Parses one story file's text (already UTF-8, BOM removed, line endings normalised).
/// `iframe_origins` are the origins whose pages the body may embed (from the site config).
pub fn parse(
    path: &Path,
    source: &str,
    iframe_origins: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ParsedStory> {
    let (yaml, body) = match split_front_matter(source) {
        Ok(parts) => parts,
        Err(message) => {
            diagnostics.push(Diagnostic::error(path, message).at(Some(1), None));
            return None;
        }
    };
    let fields: FrontMatter = crate::source::yaml::parse(path, yaml, 1, STORY_FIELDS, diagnostics)?;
    // The body is the end of the file: its first line follows the closing `---`.
    let lines_before_body = source[..source.len() - body.len()].matches('\n').count();
    let body = markdown::body(body, iframe_origins);
    if let Some(refusal) = &body.refused {
        diagnostics.push(
            Diagnostic::error(path, refusal.message.as_str())
                .at(refusal.line.map(|line| line + lines_before_body), None)
                .with_hint("remove the deep nesting; a story needs only a few levels"),
        );
        return None;
    }
    for src in &body.removed_iframes {
        let what = if src.is_empty() {
            "an embedded frame (<iframe>) was removed from the story".to_string()
        } else {
            format!("an embedded frame (<iframe>) from “{src}” was removed from the story")
        };
        diagnostics.push(Diagnostic::warning(path, what).with_hint(
            "frames are kept only from origins listed in content/site.yaml, e.g. \
             `allow_iframes_from: [\"https://www.youtube-nocookie.com\"]`",
        ));
    }
    Some(ParsedStory {
        path: path.to_path_buf(),
        front_matter: yaml.to_string(),
        fields,
        body,
    })
}

/// A story checked against the plan, ready to render.
#[derive(Debug)]
pub struct Story {
    pub path: PathBuf,
    pub slug: String,
    pub name: String,
    pub headline: String,
    pub unit: String,
    pub unit_slug: String,
    /// The sector's short label (sectors can be hidden from a build, so no index is kept).
    pub sector: Option<String>,
    /// The sector's id in the plan, which names its listing (`khoi/doanh-nghiep/`).
    pub sector_id: Option<String>,
    /// Index into the plan's awards.
    pub award: usize,
    pub movement: Option<String>,
    pub date: NaiveDate,
    /// Index into the plan's phases; `None` for a story dated outside every phase.
    pub phase: Option<usize>,
    /// Path of the photo relative to `content/`.
    pub photo: Option<String>,
    pub photo_alt: Option<String>,
    pub summary: String,
    pub body_html: String,
    /// The body as plain text, for the search index.
    pub plain_text: String,
    pub word_count: usize,
    pub draft: bool,
    pub visibility: Visibility,
}

/// Checks a parsed story against the plan. `photo_exists` answers whether a content-relative
/// path names an existing file.
pub fn resolve(
    parsed: ParsedStory,
    plan: &Plan,
    photo_exists: &dyn Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Story> {
    let ParsedStory {
        path,
        front_matter,
        fields,
        body,
    } = parsed;
    // Front matter starts on line 2 of the file.
    let at = |key: &str| line_of(&front_matter, &format!("{key}:")).map(|line| line + 1);
    let mut ok = true;

    let award = plan
        .awards
        .iter()
        .position(|award| award.name == fields.award.trim() || award.id == fields.award.trim());
    if award.is_none() {
        ok = false;
        let names = plan.awards.iter().map(|a| a.name.as_str());
        let hint = match text::nearest(&fields.award, names.clone()) {
            Some(name) => format!("did you mean “{name}”?"),
            None => format!(
                "the plan's award titles are: {}",
                names.collect::<Vec<_>>().join("; ")
            ),
        };
        diagnostics.push(
            Diagnostic::error(&path, format!("unknown award “{}”", fields.award))
                .at(at("award"), None)
                .with_hint(hint),
        );
    }

    let sectors = plan.sector_list();
    let sector = match &fields.sector {
        Some(wanted) => {
            let found = sectors
                .iter()
                .find(|s| {
                    s.id == wanted.trim() || s.name == wanted.trim() || s.label() == wanted.trim()
                })
                .map(|s| (s.id.clone(), s.label().to_string()));
            if found.is_none() {
                ok = false;
                let ids: Vec<&str> = sectors.iter().map(|s| s.id.as_str()).collect();
                diagnostics.push(
                    Diagnostic::error(&path, format!("unknown sector “{wanted}”"))
                        .at(at("sector"), None)
                        .with_hint(if ids.is_empty() {
                            "the plan defines no sectors: remove `sector`".to_string()
                        } else {
                            format!("use one of: {}", ids.join(", "))
                        }),
                );
            }
            found
        }
        None if !sectors.is_empty() => {
            ok = false;
            let ids: Vec<&str> = sectors.iter().map(|s| s.id.as_str()).collect();
            diagnostics.push(
                Diagnostic::error(&path, "missing field `sector`")
                    .at(Some(2), None)
                    .with_hint(format!("add `sector:` with one of: {}", ids.join(", "))),
            );
            None
        }
        None => None,
    };

    if let Some(movement) = &fields.movement {
        let movements = plan.movements();
        if !movements.contains(&movement.trim()) {
            let hint = match text::nearest(movement, movements.iter().copied()) {
                Some(name) => format!("did you mean “{name}”?"),
                None => "movement names are listed in the plan's sector items".to_string(),
            };
            diagnostics.push(
                Diagnostic::warning(
                    &path,
                    format!("movement “{movement}” is not named in the plan"),
                )
                .at(at("movement"), None)
                .with_hint(hint),
            );
        }
    }

    let date = fields.date.0;
    if date < plan.campaign.start.0 || date > plan.campaign.end.0 {
        diagnostics.push(
            Diagnostic::warning(
                &path,
                format!(
                    "the story is dated {}, outside the campaign period ({} – {})",
                    text::date_short(date),
                    text::date_short(plan.campaign.start.0),
                    text::date_short(plan.campaign.end.0)
                ),
            )
            .at(at("date"), None),
        );
    }

    let photo = fields
        .photo
        .as_deref()
        .map(|p| p.trim().trim_start_matches("./").to_string());
    if let Some(photo) = &photo {
        if let Err(refusal) = crate::model::photo::published_format(photo) {
            ok = false;
            diagnostics.push(
                Diagnostic::error(&path, format!("photo “{photo}”: {}", refusal.message))
                    .at(at("photo"), None)
                    .with_hint(refusal.hint),
            );
        } else if !photo_exists(photo) {
            ok = false;
            diagnostics.push(
                Diagnostic::error(&path, format!("photo “{photo}” does not exist"))
                    .at(at("photo"), None)
                    .with_hint(
                        "photo paths are relative to content/, e.g. images/nguyen-van-an.jpg",
                    ),
            );
        }
        if fields
            .photo_alt
            .as_deref()
            .is_none_or(|alt| alt.trim().is_empty())
        {
            diagnostics.push(
                Diagnostic::warning(&path, "the photo has no alt text")
                    .at(at("photo"), None)
                    .with_hint(
                        "add `photo_alt:` describing the photo for readers who cannot see it",
                    ),
            );
        }
    }

    let slug = text::slugify(&fields.name);
    if slug.is_empty() {
        ok = false;
        diagnostics.push(
            Diagnostic::error(
                &path,
                format!("the name “{}” gives an empty URL", fields.name),
            )
            .at(at("name"), None),
        );
    }
    let unit_slug = text::slugify(&fields.unit);
    if unit_slug.is_empty() {
        ok = false;
        diagnostics.push(
            Diagnostic::error(
                &path,
                format!("the unit “{}” gives an empty URL", fields.unit),
            )
            .at(at("unit"), None),
        );
    }

    if !ok {
        return None;
    }
    let phase = plan
        .phase_for(date)
        .and_then(|p| plan.phases.iter().position(|q| q.id == p.id));
    let summary = match fields.summary {
        Some(summary) if !summary.trim().is_empty() => summary.trim().to_string(),
        _ => text::truncate_words(&body.first_paragraph, 40),
    };
    Some(Story {
        path,
        slug,
        name: fields.name.trim().to_string(),
        headline: fields.headline.trim().to_string(),
        unit: fields.unit.trim().to_string(),
        unit_slug,
        sector_id: sector.as_ref().map(|(id, _)| id.clone()),
        sector: sector.map(|(_, label)| label),
        award: award?,
        movement: fields.movement,
        date,
        phase,
        photo,
        photo_alt: fields.photo_alt,
        summary,
        body_html: body.html,
        plain_text: body.text,
        word_count: body.word_count,
        draft: fields.draft,
        visibility: fields.visibility,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let (yaml, body) = split_front_matter("---\nname: A\n---\nBody\n").unwrap();
        assert_eq!(yaml, "name: A\n");
        assert_eq!(body, "Body\n");
        let (yaml, body) = split_front_matter("---\nname: A\n---").unwrap();
        assert_eq!(yaml, "name: A\n");
        assert_eq!(body, "");
    }

    #[test]
    fn reports_missing_or_unclosed_front_matter() {
        assert!(
            split_front_matter("name: A\n")
                .unwrap_err()
                .contains("no front matter")
        );
        assert!(
            split_front_matter("")
                .unwrap_err()
                .contains("no front matter")
        );
        assert!(
            split_front_matter("---\nname: A\nbody")
                .unwrap_err()
                .contains("never closed")
        );
    }

    #[test]
    fn a_body_dash_line_is_not_front_matter() {
        let (yaml, body) = split_front_matter("---\na: 1\n---\ntext\n---\nmore\n").unwrap();
        assert_eq!(yaml, "a: 1\n");
        assert_eq!(body, "text\n---\nmore\n");
    }
}
