//! Markdown to HTML. Plan text is inline Markdown with raw HTML escaped; story bodies are full
//! Markdown whose raw HTML and unsafe links are sanitized.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Inline Markdown from YAML (`*italic*`, `**bold**`) as HTML without a wrapping paragraph.
/// Raw HTML in the text is shown as text, never interpreted; a link or image whose URL could
/// run code (`javascript:`, `data:`, …) is reduced to its text.
pub fn inline(text: &str) -> String {
    // One entry per open link or image: whether it is kept.
    let mut open_links: Vec<bool> = Vec::new();
    let events =
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::SoftBreak => Some(Event::Text(CowStr::Borrowed(" "))),
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let keep = is_safe_url(dest_url);
                open_links.push(keep);
                keep.then_some(event)
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open_links.pop().unwrap_or(true).then_some(event)
            }
            other => Some(other),
        });
    let mut out = String::with_capacity(text.len() + 16);
    html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// Inline Markdown reduced to plain text (for titles, meta descriptions and feeds).
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rendered story body.
#[derive(Debug, Clone)]
pub struct Body {
    pub html: String,
    /// Text of the first paragraph, used when a story has no summary.
    pub first_paragraph: String,
    /// All the text, without markup, for the search index.
    pub text: String,
    pub word_count: usize,
    /// Sources of embedded frames the sanitizer removed (see [`crate::markup::sanitize::Cleaned`]).
    pub removed_iframes: Vec<String>,
    /// Why the body could not be sanitized (see [`crate::markup::sanitize::clean`]); its HTML is then
    /// empty and the story is an error.
    pub refused: Option<String>,
}

/// Renders a story body. Raw HTML and links with unsafe schemes (`javascript:`, `data:`, …) are
/// passed through a sanitizer; plain Markdown, the common case, skips it for speed. Embedded
/// frames are kept only from `iframe_origins` (normalised origins, see
/// [`crate::markup::sanitize::normalise_origin`]).
pub fn body(markdown: &str, iframe_origins: &[String]) -> Body {
    let mut needs_sanitizing = false;
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    let mut word_count = 0;
    let mut plain_text = String::with_capacity(markdown.len());
    let events: Vec<Event> = Parser::new_ext(markdown, options())
        .inspect(|event| match event {
            Event::Html(_) | Event::InlineHtml(_) => needs_sanitizing = true,
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. })
                if !is_safe_url(dest_url) =>
            {
                needs_sanitizing = true
            }
            Event::Start(Tag::Paragraph) if !seen_paragraph => {
                seen_paragraph = true;
                in_first_paragraph = true;
            }
            Event::End(TagEnd::Paragraph) => in_first_paragraph = false,
            Event::Text(text) | Event::Code(text) => {
                word_count += crate::text::word_count(text);
                plain_text.push_str(text);
                plain_text.push(' ');
                if in_first_paragraph {
                    first_paragraph.push_str(text);
                }
            }
            Event::SoftBreak if in_first_paragraph => first_paragraph.push(' '),
            _ => {}
        })
        .collect();
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    let mut removed_iframes = Vec::new();
    let mut refused = None;
    if needs_sanitizing {
        match crate::markup::sanitize::clean(&html_out, iframe_origins) {
            Ok(cleaned) => {
                html_out = cleaned.html;
                removed_iframes = cleaned.removed_iframes;
            }
            Err(reason) => {
                html_out.clear();
                refused = Some(reason);
            }
        }
    }
    // Every body stays in memory until its page is written: give back the spare capacity
    // (about a quarter of the buffer), which adds up to tens of MB on a big site.
    html_out.shrink_to_fit();
    Body {
        html: html_out,
        first_paragraph,
        text: plain_text,
        word_count,
        removed_iframes,
        refused,
    }
}

fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.split_once(':') {
        // No scheme, or a colon after a path character: a relative URL.
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto" | "tel"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_keeps_emphasis_and_escapes_html() {
        assert_eq!(inline("“*Lao động giỏi*”"), "“<em>Lao động giỏi</em>”");
        assert_eq!(inline("**đăng ký**"), "<strong>đăng ký</strong>");
        assert_eq!(
            inline("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(plain("“*Lao động giỏi*” và **X**"), "“Lao động giỏi” và X");
    }

    #[test]
    fn inline_reduces_unsafe_links_to_their_text() {
        assert_eq!(
            inline(
                "[a](javascript:alert(1)) <javascript:alert(2)> ![b](data:x) [c](https://e.org/)"
            ),
            "a javascript:alert(2) b <a href=\"https://e.org/\">c</a>"
        );
        assert_eq!(
            inline("[![x](https://e.org/i.png)](JaVaScRiPt:alert(1))"),
            "<img src=\"https://e.org/i.png\" alt=\"x\" />"
        );
    }

    #[test]
    fn body_sanitizes_scripts_and_unsafe_links() {
        let rendered = body(
            "Xin chào <script>alert(1)</script> [a](javascript:alert(1)) <img src=x onerror=alert(1)>",
            &[],
        );
        assert!(!rendered.html.contains("<script"), "{}", rendered.html);
        assert!(!rendered.html.contains("javascript:"), "{}", rendered.html);
        assert!(!rendered.html.contains("onerror"), "{}", rendered.html);
        let plain_body = body(
            "Đoạn đầu tiên\nvẫn đoạn đầu.\n\nĐoạn hai [link](https://example.org/a).",
            &[],
        );
        assert_eq!(plain_body.first_paragraph, "Đoạn đầu tiên vẫn đoạn đầu.");
        assert!(plain_body.html.contains("href=\"https://example.org/a\""));
        assert_eq!(plain_body.word_count, 10);
    }

    #[test]
    fn relative_and_web_urls_are_safe() {
        assert!(is_safe_url("../don-vi/"));
        assert!(is_safe_url("https://example.org"));
        assert!(is_safe_url("a/b:c"));
        assert!(!is_safe_url("JavaScript:alert(1)"));
        assert!(!is_safe_url(" data:text/html,x"));
    }
}
