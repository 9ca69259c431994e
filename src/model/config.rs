//! Site configuration (`content/site.yaml`, optional): the raw serde struct and the resolved
//! `Config` with a parsed timezone and a normalised base URL.

use std::path::Path;

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{Diagnostic, line_of};
use crate::model::audience::Audience;

pub const CONFIG_FIELDS: &[&str] = &[
    "audiences",
    "public",
    "internal",
    "feed_limit",
    "page_size",
    "title",
    "description",
    "base_url",
    "timezone",
    "language",
    "theme",
    "latest_stories",
    "allow_iframes_from",
];

#[derive(Debug, Default, Deserialize)]
pub struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    timezone: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    latest_stories: Option<usize>,
    feed_limit: Option<usize>,
    page_size: Option<usize>,
    #[serde(default)]
    allow_iframes_from: Vec<String>,
    /// Per-audience settings that replace the ones above, e.g. a different title and
    /// base_url for the internal bulletin.
    #[serde(default)]
    audiences: BTreeMap<String, AudienceSettings>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AudienceSettings {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Site title; the campaign name is used when absent.
    pub title: Option<String>,
    pub description: Option<String>,
    /// Absolute URL the site is published under, always ending in `/`.
    pub base_url: String,
    pub timezone: Tz,
    pub language: String,
    pub theme: String,
    /// How many stories the home page shows.
    pub latest_stories: usize,
    /// How many of the newest stories the feeds carry.
    pub feed_limit: usize,
    /// Stories per page on award, phase, sector and movement listings.
    pub page_size: usize,
    pub audience: Audience,
    /// Origins (`https://host`) whose pages stories may embed with `<iframe>`; none by default.
    pub allow_iframes_from: Vec<String>,
}

pub const DEFAULT_BASE_URL: &str = "http://localhost/";

/// Resolves the raw config; `base_url_override` comes from `--base-url`.
pub fn resolve(
    mut raw: RawConfig,
    audience: Audience,
    base_url_override: Option<&str>,
    path: &Path,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Config> {
    let mut ok = true;
    for name in raw.audiences.keys() {
        if name != "public" && name != "internal" {
            ok = false;
            diagnostics.push(
                Diagnostic::error(path, format!("unknown audience “{name}” under `audiences`"))
                    .at(line_of(source, &format!("{name}:")), None)
                    .with_hint("the audiences are `public` and `internal`"),
            );
        }
    }
    if let Some(settings) = raw.audiences.remove(audience.name()) {
        raw.title = settings.title.or(raw.title);
        raw.description = settings.description.or(raw.description);
        raw.base_url = settings.base_url.or(raw.base_url);
    }
    let timezone_name = raw
        .timezone
        .unwrap_or_else(|| "Asia/Ho_Chi_Minh".to_string());
    let timezone = match timezone_name.parse::<Tz>() {
        Ok(tz) => tz,
        Err(_) => {
            ok = false;
            diagnostics.push(
                Diagnostic::error(path, format!("unknown timezone “{timezone_name}”"))
                    .at(line_of(source, "timezone:"), None)
                    .with_hint("use an IANA name such as Asia/Ho_Chi_Minh"),
            );
            Tz::Asia__Ho_Chi_Minh
        }
    };
    let base_url = base_url_override
        .map(str::to_string)
        .or(raw.base_url)
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    let base_url = match normalise_base_url(&base_url) {
        Ok(url) => url,
        Err(message) => {
            ok = false;
            let diagnostic = Diagnostic::error(path, message);
            diagnostics.push(match base_url_override {
                Some(_) => diagnostic,
                None => diagnostic.at(line_of(source, "base_url:"), None),
            });
            String::new()
        }
    };
    if raw.page_size == Some(0) {
        ok = false;
        diagnostics.push(
            Diagnostic::error(path, "page_size must be at least 1")
                .at(line_of(source, "page_size:"), None),
        );
    }
    let language = raw.language.unwrap_or_else(|| "vi".to_string());
    // Whether the theme has a translation for it is checked when the theme is loaded.
    let well_formed = !language.is_empty()
        && language.len() <= 16
        && language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !well_formed {
        ok = false;
        diagnostics.push(
            Diagnostic::error(path, format!("language “{language}” is not a language code"))
                .at(line_of(source, "language:"), None)
                .with_hint("the default theme speaks Vietnamese and English: use `language: vi` or `language: en`"),
        );
    }
    let mut allow_iframes_from = Vec::with_capacity(raw.allow_iframes_from.len());
    for origin in &raw.allow_iframes_from {
        match crate::markup::sanitize::normalise_origin(origin) {
            Ok(origin) => allow_iframes_from.push(origin),
            Err(message) => {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(path, format!("allow_iframes_from: {message}"))
                        .at(line_of(source, origin), None),
                );
            }
        }
    }
    ok.then(|| Config {
        title: raw.title,
        description: raw.description,
        base_url,
        timezone,
        language,
        theme: raw.theme.unwrap_or_else(|| "default".to_string()),
        latest_stories: raw.latest_stories.unwrap_or(6),
        feed_limit: raw.feed_limit.unwrap_or(50),
        page_size: raw.page_size.unwrap_or(24),
        audience,
        allow_iframes_from,
    })
}

/// `https://example.org/thidua/2024` → `https://example.org/thidua/2024/`.
pub fn normalise_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url “{url}” must start with https:// or http://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(format!("base_url “{url}” has no host name"));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "base_url “{url}” must not contain a query or fragment"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalised() {
        assert_eq!(
            normalise_base_url("https://example.org").unwrap(),
            "https://example.org/"
        );
        assert_eq!(
            normalise_base_url("https://example.org/thidua/2024").unwrap(),
            "https://example.org/thidua/2024/"
        );
        assert!(normalise_base_url("example.org").is_err());
        assert!(normalise_base_url("https:///x").is_err());
        assert!(normalise_base_url("https://a.org/?q=1").is_err());
    }
}
