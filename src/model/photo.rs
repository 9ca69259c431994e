//! Which files may be published as photos (a story's `photo:` and images in story bodies):
//! the rule is by file name, so it is checked where the name is written. Pure, no I/O.

/// How a photo is published: the format its copies are encoded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The extension of the published copies (`jpg`, `png`, `webp`).
    pub extension: &'static str,
    pub mime: &'static str,
}

/// Why a photo is not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: &'static str,
}

impl Refusal {
    pub fn new(message: impl Into<String>, hint: &'static str) -> Self {
        Self {
            message: message.into(),
            hint,
        }
    }
}

pub const SAVE_AS_JPEG: &str = "open it in a photo editor and save (or export) it as JPEG or PNG";

/// The published format for a photo named `path`, from its extension: JPEG (`.jpg`,
/// `.jpeg`, `.jfif`), PNG and WebP keep their format; a GIF is published as PNG (its first
/// frame). Anything else is refused: vector drawings and web pages (`.svg`, `.html`) could
/// run scripts on the site, and HEIC/AVIF cannot be decoded here.
pub fn published_format(path: &str) -> Result<Published, Refusal> {
    let extension = path
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    let (extension, mime) = match extension.as_str() {
        "jpg" | "jpeg" | "jfif" | "jpe" => ("jpg", "image/jpeg"),
        "png" | "gif" => ("png", "image/png"),
        "webp" => ("webp", "image/webp"),
        "heic" | "heif" | "avif" => {
            return Err(Refusal::new(
                format!("a .{extension} photo cannot be read"),
                "export it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible, \
                 or share the photo as JPEG), then use the .jpg file",
            ));
        }
        "" => {
            return Err(Refusal::new(
                "the photo's file name has no extension (.jpg, .png, .webp or .gif)",
                SAVE_AS_JPEG,
            ));
        }
        other => {
            return Err(Refusal::new(
                format!(
                    "a .{other} file cannot be a photo: only JPEG, PNG, WebP and GIF images are published"
                ),
                SAVE_AS_JPEG,
            ));
        }
    };
    Ok(Published { extension, mime })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_raster_formats_are_published() {
        let jpg = Published {
            extension: "jpg",
            mime: "image/jpeg",
        };
        assert_eq!(published_format("images/a.JPG"), Ok(jpg));
        assert_eq!(published_format("images/a.jfif"), Ok(jpg));
        assert_eq!(published_format("images/a.gif").unwrap().extension, "png");
        assert_eq!(published_format("images/a.webp").unwrap().extension, "webp");
        for refused in [
            "a.svg",
            "a.html",
            "a.heic",
            "a.pdf",
            "images/a",
            "im.ages/a",
        ] {
            assert!(published_format(refused).is_err(), "{refused}");
        }
        assert!(
            published_format("a.heic")
                .unwrap_err()
                .hint
                .contains("JPEG")
        );
    }
}
