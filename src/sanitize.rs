//! The sanitizer for raw HTML in story bodies: no scripts, event handlers or links that run
//! code, and embedded frames only from the origins a site allows (`allow_iframes_from`).

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// Sanitized HTML and what had to be removed that the editor may want to know about.
pub struct Cleaned {
    pub html: String,
    /// The `src` of every embedded frame that was removed because its origin is not allowed;
    /// empty where it is not known (every frame is removed when no origin is allowed).
    pub removed_iframes: Vec<String>,
}

/// Cleans `html`. `iframe_origins` are normalised origins (`https://host[:port]`, no trailing
/// slash) whose pages may be embedded.
pub fn clean(html: &str, iframe_origins: &[String]) -> Cleaned {
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
        let none = clean(html, &[]);
        assert!(!none.html.contains("iframe"), "{}", none.html);
        assert_eq!(none.removed_iframes.len(), 3);

        let allowed = clean(html, &[YOUTUBE.to_string()]);
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
