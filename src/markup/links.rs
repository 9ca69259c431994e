//! Links and images in story bodies: where each one points, so `check` can report links to
//! pages that do not exist, images missing from `content/` and media no story uses. Pure.

use pulldown_cmark::{Event, Parser, Tag};

/// A link or an image written in a story's Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub image: bool,
    /// The URL as written.
    pub target: String,
    /// 1-based line within the body.
    pub line: usize,
}

/// Every link and image of a Markdown body, in order.
pub fn references(body: &str) -> Vec<Reference> {
    let line_at = |offset: usize| body[..offset].matches('\n').count() + 1;
    Parser::new(body)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(Reference {
                image: false,
                target: dest_url.to_string(),
                line: line_at(range.start),
            }),
            Event::Start(Tag::Image { dest_url, .. }) => Some(Reference {
                image: true,
                target: dest_url.to_string(),
                line: line_at(range.start),
            }),
            _ => None,
        })
        .collect()
}

/// Where a link leads, seen from a page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Another site, an e-mail address, a phone number, or a fragment of the same page.
    Elsewhere,
    /// A path inside the site, relative to its root, without a trailing `/` or `index.html`:
    /// `bang-vang/nguyen-van-an`, or `""` for the home page.
    Site(String),
    /// A relative path that climbs above the site root.
    OutsideSite,
}

/// Resolves a link written on the page at `page` (a site path such as `bang-vang/an/`).
/// Absolute URLs under `base_url` count as links inside the site; a root-relative `/x/`
/// is taken from the site root.
pub fn destination(page: &str, target: &str, base_url: &str) -> Destination {
    let target = target.trim();
    let target = match target.strip_prefix(base_url) {
        Some(inside) => format!("/{inside}"),
        None => target.to_string(),
    };
    if target.is_empty()
        || target.starts_with('#')
        || target.starts_with("//")
        || has_scheme(&target)
    {
        return Destination::Elsewhere;
    }
    let path = target
        .split(['#', '?'])
        .next()
        .unwrap_or_default()
        .to_string();
    let joined = match path.strip_prefix('/') {
        Some(from_root) => from_root.to_string(),
        None => format!("{page}{path}"),
    };
    match normalize(&percent_decode(&joined)) {
        Some(resolved) => {
            let resolved = resolved
                .strip_suffix("index.html")
                .unwrap_or(&resolved)
                .trim_end_matches('/')
                .to_string();
            Destination::Site(resolved)
        }
        None => Destination::OutsideSite,
    }
}

/// The path under `content/` an image in a story body names: relative to `content/` like a
/// story's `photo` (`images/an.jpg`), or relative to the story file (`../images/an.jpg`).
/// `None` for images on other sites and paths that leave `content/`.
pub fn content_path(target: &str) -> Option<String> {
    let target = target.trim();
    if target.starts_with("//") || has_scheme(target) {
        return None;
    }
    let path = target.split(['#', '?']).next().unwrap_or_default();
    let path = percent_decode(path.trim_start_matches('/'));
    let path = path.trim_start_matches("./");
    if path.starts_with("../") {
        normalize(&format!("stories/{path}"))
    } else {
        normalize(path)
    }
}

fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `.` and `..` segments; `None` if the path climbs above its start. A trailing `/`
/// is kept.
fn normalize(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    let mut out = segments.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Decodes `%XX` escapes (a file name with spaces is written `anh%20dep.jpg` in Markdown);
/// anything that is not a valid escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "bang-vang/nguyen-van-an/";
    const BASE: &str = "https://thidua.example.org/2024/";

    fn site(path: &str) -> Destination {
        Destination::Site(path.to_string())
    }

    #[test]
    fn finds_links_and_images_with_their_lines() {
        let found = references(
            "Mở đầu [chị Bình](../tran-thi-binh/).\n\n![Ảnh](images/an.jpg)\n\n[web](https://x.org)\n",
        );
        assert_eq!(
            found,
            vec![
                Reference {
                    image: false,
                    target: "../tran-thi-binh/".into(),
                    line: 1
                },
                Reference {
                    image: true,
                    target: "images/an.jpg".into(),
                    line: 3
                },
                Reference {
                    image: false,
                    target: "https://x.org".into(),
                    line: 5
                },
            ]
        );
    }

    #[test]
    fn resolves_links_like_a_browser_on_the_story_page() {
        assert_eq!(
            destination(PAGE, "../tran-thi-binh/", BASE),
            site("bang-vang/tran-thi-binh")
        );
        assert_eq!(destination(PAGE, "../../ke-hoach/", BASE), site("ke-hoach"));
        assert_eq!(
            destination(PAGE, "/don-vi/cong-ty-a/index.html#top", BASE),
            site("don-vi/cong-ty-a")
        );
        assert_eq!(destination(PAGE, "../../", BASE), site(""));
        assert_eq!(
            destination(PAGE, "https://thidua.example.org/2024/ky-niem/", BASE),
            site("ky-niem")
        );
        assert_eq!(
            destination(PAGE, "../../../../x/", BASE),
            Destination::OutsideSite
        );
        for elsewhere in [
            "https://example.org/",
            "mailto:a@b.vn",
            "tel:0900",
            "#phan-2",
            "",
        ] {
            assert_eq!(destination(PAGE, elsewhere, BASE), Destination::Elsewhere);
        }
    }

    #[test]
    fn image_paths_are_relative_to_content() {
        assert_eq!(content_path("images/an.jpg"), Some("images/an.jpg".into()));
        assert_eq!(
            content_path("./images/an.jpg"),
            Some("images/an.jpg".into())
        );
        assert_eq!(content_path("/images/an.jpg"), Some("images/an.jpg".into()));
        assert_eq!(
            content_path("../images/an.jpg"),
            Some("images/an.jpg".into())
        );
        assert_eq!(
            content_path("images/anh%20dep.jpg"),
            Some("images/anh dep.jpg".into())
        );
        assert_eq!(content_path("https://example.org/a.jpg"), None);
        assert_eq!(content_path("../../secret.jpg"), None);
    }
}
