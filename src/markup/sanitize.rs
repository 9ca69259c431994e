//! The sanitizer for raw HTML in story bodies: no scripts, event handlers or links that run
//! code, and embedded frames only from the origins a site allows (`allow_iframes_from`).

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// Sanitized HTML and what had to be removed that the editor may want to know about.
#[derive(Debug)]
pub struct Cleaned {
    pub html: String,
    /// The `src` of every embedded frame that was removed because its origin is not allowed;
    /// empty where it is not known (every frame is removed when no origin is allowed).
    pub removed_iframes: Vec<String>,
}

/// Elements nested deeper than this are refused: the HTML parser's time grows with the square
/// of the depth (80,000 nested `<div>` take seconds, a 5 MB story of them half an hour), and
/// browsers stop nesting at about this depth anyway.
pub const MAX_DEPTH: usize = 512;

/// Cleans `html`. `iframe_origins` are normalised origins (`https://host[:port]`, no trailing
/// slash) whose pages may be embedded. HTML nested more than [`MAX_DEPTH`] elements deep is
/// refused with a reason.
pub fn clean(html: &str, iframe_origins: &[String]) -> Result<Cleaned, String> {
    if nesting_depth(html) > MAX_DEPTH {
        return Err(format!(
            "the story's HTML and Markdown nest more than {MAX_DEPTH} elements (or quotes, or lists) inside each other"
        ));
    }
    Ok(clean_html(html, iframe_origins))
}

fn clean_html(html: &str, iframe_origins: &[String]) -> Cleaned {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"));
    if iframe_origins.is_empty() {
        let removed = vec![String::new(); count_iframes(html)];
        return Cleaned {
            html: builder.clean(html).to_string(),
            removed_iframes: removed,
        };
    }
    let origins: Arc<Vec<String>> = Arc::new(iframe_origins.to_vec());
    let removed = Arc::new(Mutex::new(Vec::new()));
    let removed_in_filter = Arc::clone(&removed);
    builder
        .add_tags(["iframe"])
        .add_tag_attributes(
            "iframe",
            [
                "src",
                "title",
                "width",
                "height",
                "allow",
                "allowfullscreen",
                "loading",
                "referrerpolicy",
            ],
        )
        .attribute_filter(move |element, attribute, value| {
            if element != "iframe" || attribute != "src" || is_allowed(value, &origins) {
                return Some(Cow::Borrowed(value));
            }
            // A frame without a source shows nothing; the editor gets a warning.
            if let Ok(mut removed) = removed_in_filter.lock() {
                removed.push(value.to_string());
            }
            None
        });
    let html = builder.clean(html).to_string();
    let removed_iframes = removed.lock().map(|r| r.clone()).unwrap_or_default();
    Cleaned {
        html,
        removed_iframes,
    }
}

/// Whether `src` is a page on one of `origins` (the origin followed by a path).
fn is_allowed(src: &str, origins: &[String]) -> bool {
    let src = src.trim();
    origins.iter().any(|origin| {
        src.len() > origin.len()
            && src.is_char_boundary(origin.len())
            && src[..origin.len()].eq_ignore_ascii_case(origin)
            && src[origin.len()..].starts_with('/')
    })
}

/// How deeply elements nest, estimated from the tags alone: a start tag opens a level unless
/// the element is void or self-closed, an end tag closes one. Elements the HTML parser closes
/// by itself (`<p><p>`) count as nested, so this can only overestimate.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let self_closed = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if !VOID.contains(&name.as_str()) && !self_closed {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn count_iframes(html: &str) -> usize {
    html.to_ascii_lowercase().matches("<iframe").count()
}

/// `https://www.youtube-nocookie.com/` → `https://www.youtube-nocookie.com`; anything with a
/// path, query or a scheme other than http(s) is refused.
pub fn normalise_origin(origin: &str) -> Result<String, String> {
    let trimmed = origin.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| format!("“{origin}” must start with https://"))?;
    if rest.is_empty()
        || rest.contains(['/', '?', '#', '@', '\\'])
        || rest.contains(char::is_whitespace)
    {
        return Err(format!(
            "“{origin}” is not an origin: write only the scheme and host, e.g. https://www.youtube-nocookie.com"
        ));
    }
    Ok(trimmed.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const YOUTUBE: &str = "https://www.youtube-nocookie.com";

    #[test]
    fn frames_are_removed_unless_their_origin_is_allowed() {
        let html = r#"<p>a</p><iframe src="https://www.youtube-nocookie.com/embed/x" onload="alert(1)" width="560"></iframe><iframe src="https://evil.example/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>"#;
        let none = clean(html, &[]).unwrap();
        assert!(!none.html.contains("iframe"), "{}", none.html);
        assert_eq!(none.removed_iframes.len(), 3);

        let allowed = clean(html, &[YOUTUBE.to_string()]).unwrap();
        assert!(
            allowed.html.contains(
                r#"<iframe src="https://www.youtube-nocookie.com/embed/x" width="560"></iframe>"#
            ),
            "{}",
            allowed.html
        );
        assert!(!allowed.html.contains("evil"), "{}", allowed.html);
        assert!(!allowed.html.contains("onload"), "{}", allowed.html);
        assert!(!allowed.html.contains("srcdoc"), "{}", allowed.html);
        assert_eq!(allowed.removed_iframes, ["https://evil.example/"]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x><b>c</b></p><p>d</p>"), 2);
        assert_eq!(nesting_depth("<div/><svg><path d=''/></svg>"), 1);
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert!(clean(&deep, &[]).unwrap_err().contains("more than 512"));
        let flat = "<p>x</p>".repeat(100_000);
        assert!(clean(&flat, &[]).is_ok());
    }

    #[test]
    fn look_alike_origins_are_not_allowed() {
        let origins = [YOUTUBE.to_string()];
        assert!(is_allowed(
            "https://www.youtube-nocookie.com/embed/x",
            &origins
        ));
        assert!(is_allowed(
            "HTTPS://WWW.YOUTUBE-NOCOOKIE.COM/embed/x",
            &origins
        ));
        assert!(!is_allowed(
            "https://www.youtube-nocookie.com.evil.example/",
            &origins
        ));
        assert!(!is_allowed(
            "https://www.youtube-nocookie.com@evil.example/",
            &origins
        ));
        assert!(!is_allowed("https://www.youtube-nocookie.com", &origins));
        assert!(!is_allowed(
            "javascript:alert(1)//https://www.youtube-nocookie.com/",
            &origins
        ));
    }

    #[test]
    fn origins_are_normalised_or_refused() {
        assert_eq!(
            normalise_origin("https://www.YouTube-nocookie.com/").unwrap(),
            YOUTUBE
        );
        assert!(normalise_origin("www.youtube.com").is_err());
        assert!(normalise_origin("https://www.youtube.com/embed").is_err());
        assert!(normalise_origin("javascript:alert(1)").is_err());
    }
}
