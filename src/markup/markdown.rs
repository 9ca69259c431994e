//! Markdown to HTML. Plan text is inline Markdown with raw HTML escaped; story bodies are full
//! Markdown whose raw HTML and unsafe links are sanitized.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Heading attributes (`## Title {#id .class key=value}`) are off: they would let a story put
/// any attribute, event handlers included, on a heading.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// Quotes and lists nested more deeply than this are refused: no story needs more than a few
/// levels, and each level costs the parser and the page (4.9 MB of `>` made a 132 MB page).
pub const MAX_NESTING: usize = 128;

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
    /// Why the body cannot be published (nesting too deep); its HTML is then empty and the
    /// story is an error.
    pub refused: Option<Refusal>,
}

/// Why a story body is refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    /// The line of the body (1-based) where the problem starts, when known.
    pub line: Option<usize>,
}

/// Renders a story body. Raw HTML, links with unsafe schemes (`javascript:`, `data:`, …) and
/// anything else not known to be harmless go through the sanitizer; a body made only of
/// Markdown whose HTML carries nothing from the author but escaped text and checked URLs (the
/// common case) skips it for speed, as sanitizing would double the cost of a story. Embedded
/// frames are kept only from `iframe_origins` (normalised origins, see
/// [`crate::markup::sanitize::normalise_origin`]). Quotes and lists nested more than
/// [`MAX_NESTING`] deep are refused, before parsing when a line opens them all.
pub fn body(markdown: &str, iframe_origins: &[String]) -> Body {
    if let Some(line) = line_opening_too_many_levels(markdown) {
        return refused_body(nesting_refusal(Some(line)));
    }
    let mut needs_sanitizing = false;
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    let mut word_count = 0;
    let mut plain_text = String::with_capacity(markdown.len());
    let mut nesting = 0usize;
    let mut too_deep_at = None;
    let mut events: Vec<Event> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if !renders_only_escaped_text(&event) {
            needs_sanitizing = true;
        }
        match &event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    too_deep_at = Some(range.start);
                    break;
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                nesting = nesting.saturating_sub(1)
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
        }
        events.push(event);
    }
    if let Some(offset) = too_deep_at {
        return refused_body(nesting_refusal(Some(line_at(markdown, offset))));
    }
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    let mut removed_iframes = Vec::new();
    if needs_sanitizing {
        match crate::markup::sanitize::clean(&html_out, iframe_origins) {
            Ok(cleaned) => {
                html_out = cleaned.html;
                removed_iframes = cleaned.removed_iframes;
            }
            Err(reason) => {
                return refused_body(Refusal {
                    message: reason,
                    line: None,
                });
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
        refused: None,
    }
}

fn refused_body(refusal: Refusal) -> Body {
    Body {
        html: String::new(),
        first_paragraph: String::new(),
        text: String::new(),
        word_count: 0,
        removed_iframes: Vec::new(),
        refused: Some(refusal),
    }
}

fn nesting_refusal(line: Option<usize>) -> Refusal {
    Refusal {
        message: format!(
            "quotes (>) and lists are nested more than {MAX_NESTING} deep inside each other"
        ),
        line,
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The first line that opens more than [`MAX_NESTING`] quotes or lists at its start
/// (`> > > …`, `- 1. > …`), found without parsing: the parser would first build a tree with a
/// node per level, hundreds of megabytes for a 5 MB line of `>`. A thematic break written
/// with over a hundred spaced dashes also counts; no one writes one.
fn line_opening_too_many_levels(markdown: &str) -> Option<usize> {
    markdown
        .lines()
        .position(|line| markers_at_start(line) > MAX_NESTING)
        .map(|index| index + 1)
}

/// How many quote and list markers a line starts with (an upper bound on the levels it opens).
fn markers_at_start(line: &str) -> usize {
    let mut rest = line.as_bytes();
    let mut markers = 0;
    loop {
        while let [b' ' | b'\t', tail @ ..] = rest {
            rest = tail;
        }
        let after = match rest {
            [b'>', tail @ ..] => tail,
            [b'-' | b'+' | b'*', tail @ ..] if starts_blank(tail) => tail,
            [b'0'..=b'9', ..] => {
                let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                match &rest[digits..] {
                    [b'.' | b')', tail @ ..] if digits <= 9 && starts_blank(tail) => tail,
                    _ => return markers,
                }
            }
            _ => return markers,
        };
        markers += 1;
        if markers > MAX_NESTING {
            return markers;
        }
        rest = after;
    }
}

fn starts_blank(bytes: &[u8]) -> bool {
    matches!(bytes, [] | [b' ' | b'\t', ..])
}

/// Whether pulldown-cmark renders `event` with nothing from the author but escaped text and
/// URLs checked by [`is_safe_url`]. Everything else (raw HTML, unsafe links, any kind of event
/// added in a later version) sends the body through the sanitizer: the match is exhaustive, so
/// a new kind of event does not compile until it is placed here.
fn renders_only_escaped_text(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::Rule
        | Event::End(_) => true,
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::BlockQuote(_)
            // The language of a fenced block becomes an escaped class name.
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough => true,
            Tag::Heading {
                id, classes, attrs, ..
            } => id.is_none() && classes.is_empty() && attrs.is_empty(),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => is_safe_url(dest_url),
            Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => false,
        },
        Event::Html(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => false,
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

    /// Every attribute of every element of `html`, as (element, attribute, value).
    fn attributes(html: &str) -> Vec<(String, String, String)> {
        let fragment = scraper::Html::parse_fragment(html);
        let all = scraper::Selector::parse("*").unwrap();
        fragment
            .select(&all)
            .flat_map(|element| {
                let name = element.value().name().to_string();
                element
                    .value()
                    .attrs()
                    .map(move |(a, v)| (name.clone(), a.to_string(), v.to_string()))
            })
            .collect()
    }

    #[test]
    fn plain_markdown_cannot_carry_attributes_or_unsafe_urls() {
        for hostile in [
            "## Hai {onmouseover=alert(1)}",
            "# Một {#x .y onclick=\"alert(1)\" style=x}\n\nĐoạn.",
            "Tiêu đề {onfocus=alert(1) autofocus}\n===",
            "[a](https://e.org/ \"t\\\" onmouseover=\\\"alert(1)\")",
            "![a](x.jpg \"\\\" onerror=alert(1) \")",
            "[a][r]\n\n[r]: javascript:alert(1)",
            "<javascript:alert(1)> <https://e.org/\"onclick=alert(1)>",
            "```\"><img src=x onerror=alert(1)>\nx\n```",
            "| a {onclick=alert(1)} |\n|:-:|\n| [b](vbscript:x) |",
            "- [ ] {onclick=alert(1)}\n\n[^1]\n\n[^1]: <b onclick=alert(1)>x</b>",
        ] {
            let rendered = body(hostile, &[]);
            assert!(rendered.refused.is_none(), "{hostile}");
            for (element, attribute, value) in attributes(&rendered.html) {
                let lower = value.to_ascii_lowercase();
                assert!(
                    !attribute.starts_with("on")
                        && attribute != "style"
                        && !lower.trim_start().starts_with("javascript:")
                        && !lower.trim_start().starts_with("vbscript:"),
                    "{hostile:?} gave <{element} {attribute}=\"{value}\">: {}",
                    rendered.html
                );
            }
        }
        // Heading attributes are off: the braces are text.
        let heading = body("## Hai {onmouseover=alert(1)}", &[]);
        assert_eq!(heading.html.trim(), "<h2>Hai {onmouseover=alert(1)}</h2>");
    }

    #[test]
    fn only_escaped_markdown_skips_the_sanitizer() {
        let plain = "# Tiêu đề\n\n> Trích *dẫn* [a](../b/) ![c](d.jpg \"e\")\n\n1. một\n2. `hai`\n\n| x |\n|---|\n| y |\n\n```rust\nfn f() {}\n```\n\n---\n";
        assert!(Parser::new_ext(plain, options()).all(|event| renders_only_escaped_text(&event)));
        for sanitized in ["<b>x</b>", "[a](javascript:x)", "x <i>y</i>"] {
            assert!(
                !Parser::new_ext(sanitized, options())
                    .all(|event| renders_only_escaped_text(&event)),
                "{sanitized}"
            );
        }
    }

    #[test]
    fn deep_quotes_and_lists_are_refused_with_their_line() {
        let refusal = |markdown: &str| body(markdown, &[]).refused;
        let deep = |line: usize| {
            Some(Refusal {
                message: "quotes (>) and lists are nested more than 128 deep inside each other"
                    .to_string(),
                line: Some(line),
            })
        };
        // One line of 4.9 MB of `>`: refused before the parser builds a node per level.
        let quotes = format!("Mở đầu.\n\n{}", ">".repeat(4_900_000));
        assert_eq!(refusal(&quotes), deep(3));
        assert_eq!(refusal(&"> - 1. ".repeat(50)), deep(1));
        // Levels opened one per line (a list indented further on every line).
        let indented: String = (0..=MAX_NESTING)
            .map(|level| format!("{}- mục {level}\n", "  ".repeat(level)))
            .collect();
        assert_eq!(
            refusal(&format!("Đoạn.\n\n{indented}")),
            deep(3 + MAX_NESTING)
        );
        let quoted: String = (1..=MAX_NESTING + 1)
            .map(|level| format!("{}x\n", "> ".repeat(level)))
            .collect();
        assert_eq!(refusal(&quoted), deep(MAX_NESTING + 1));
        // As deep as allowed, and a long thematic break, are fine.
        assert_eq!(refusal(&"> ".repeat(MAX_NESTING)), None);
        let indented: String = (0..MAX_NESTING)
            .map(|level| format!("{}- mục {level}\n", "  ".repeat(level)))
            .collect();
        assert_eq!(refusal(&indented), None);
        assert_eq!(refusal(&"- ".repeat(40)), None);
        assert_eq!(markers_at_start("  > 1) - * + x"), 5);
        assert_eq!(markers_at_start("-x > y"), 0);
        assert_eq!(markers_at_start("1234567890. x"), 0);
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
