//! Story photos for the web: each photo is decoded once, turned upright by its EXIF
//! orientation, resized to a thumbnail and responsive widths, and re-encoded as WebP and in
//! its original format (a GIF as PNG). Re-encoding drops every EXIF field (GPS included), so
//! the original file is never published, and anything that is not a raster image is refused
//! ([`decode`]). Results are cached by content hash under `ROOT/.thidua-cache/` (or
//! `--cache-dir`), so an unchanged photo is not processed again.

mod decode;

use std::collections::HashMap;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Diagnostic, Error, Result};
use crate::model::photo::{self, Refusal};
use crate::pipeline::output::{Contents, OutputFile};
use crate::pipeline::theme::fingerprint;

/// Widths produced for every photo (narrower than the original only); the first is the
/// thumbnail used on cards.
pub const WIDTHS: &[u32] = &[320, 640, 1024, 1600];
pub const CACHE_DIR: &str = ".thidua-cache";
pub use decode::{MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS};
/// Part of every cache key: raised when the checks or the encoding change, so a photo cached by
/// an older version is checked and encoded again.
const PROCESSING_VERSION: &str = "2";

#[derive(Debug, Clone, Serialize)]
pub struct Rendition {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// A processed photo as templates use it.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoSet {
    /// The largest rendition in the original format: `src` and the social-media image.
    pub src: Rendition,
    /// Renditions in the original format, narrowest first (for `srcset`).
    pub original: Vec<Rendition>,
    /// The same widths as WebP.
    pub webp: Vec<Rendition>,
    /// The narrowest rendition, for cards.
    pub thumb: Rendition,
    /// MIME type of the original format.
    pub mime: &'static str,
}

/// Processes every photo (content-relative paths). Returns the photo sets by path and the
/// files to publish; a photo that is not a raster image, or too large, is an error.
pub fn process(
    site_root: &Path,
    cache_dir: &Path,
    photos: &[&str],
) -> Result<(HashMap<String, PhotoSet>, Vec<OutputFile>)> {
    let cache = cache_dir.join("photos");
    fs::create_dir_all(&cache).map_err(|e| Error::io("create", &cache, e))?;
    let results: Vec<std::result::Result<Processed, Diagnostic>> = photos
        .par_iter()
        .map(|photo| process_one(site_root, &cache, photo))
        .collect();
    collect(results)
}

type Processed = (String, PhotoSet, Vec<OutputFile>);

/// The photo sets and files a build would make, without encoding or caching anything (for
/// `check`, which writes nothing). A photo the cache knows is not read as an image, as in a
/// build; any other is decoded, so a photo the build cannot read is reported the same way.
/// The files point where a build would copy them from.
pub fn describe(
    site_root: &Path,
    cache_dir: &Path,
    photos: &[&str],
) -> Result<(HashMap<String, PhotoSet>, Vec<OutputFile>)> {
    let cache = cache_dir.join("photos");
    let results: Vec<std::result::Result<Processed, Diagnostic>> = photos
        .par_iter()
        .map(|photo| {
            let source = locate(site_root, photo)?;
            let (bytes, format) = source.read()?;
            let key = cache_key(&bytes);
            let (width, height) = match cached_size(&cache, &key) {
                Some(size) => size,
                None => {
                    let image = decode::decode_upright(&bytes, format)
                        .map_err(|refusal| source.refused(refusal))?;
                    (image.width(), image.height())
                }
            };
            let set = source.photo_set(photo, width, height);
            let files = copies(&set, &source)
                .map(|(rendition, extension)| OutputFile {
                    path: rendition.url.clone(),
                    contents: Contents::Copy(cached_copy(&cache, &key, rendition, extension)),
                })
                .collect();
            Ok((photo.to_string(), set, files))
        })
        .collect();
    collect(results)
}

/// Gathers per-photo outcomes; every problem is reported, not only the first.
fn collect(
    results: Vec<std::result::Result<Processed, Diagnostic>>,
) -> Result<(HashMap<String, PhotoSet>, Vec<OutputFile>)> {
    let mut sets = HashMap::new();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((path, set, outputs)) => {
                sets.insert(path, set);
                files.extend(outputs);
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok((sets, files))
}

/// The files of a photo set with their formats: the copies in the photo's own format, then
/// the WebP ones (the same files when the photo is a WebP).
fn copies<'a>(
    set: &'a PhotoSet,
    source: &Source,
) -> impl Iterator<Item = (&'a Rendition, &'static str)> {
    let extension = source.extension;
    let webp = if extension == "webp" {
        &[][..]
    } else {
        &set.webp[..]
    };
    set.original
        .iter()
        .map(move |rendition| (rendition, extension))
        .chain(webp.iter().map(|rendition| (rendition, "webp")))
}

fn cached_copy(cache: &Path, key: &str, rendition: &Rendition, extension: &str) -> PathBuf {
    cache.join(format!("{key}-{}.{extension}", rendition.width))
}

/// A raster photo found in `content/`.
struct Source {
    path: PathBuf,
    /// As diagnostics name it: `content/…`.
    relative: PathBuf,
    /// The extension and MIME type of the published copies.
    extension: &'static str,
    mime: &'static str,
}

impl Source {
    /// The photo's bytes, read within the size limit, and their format, checked against the
    /// pixel limit and for a cut-off file before anything is decoded.
    fn read(&self) -> std::result::Result<(Vec<u8>, ImageFormat), Diagnostic> {
        let bytes = decode::read(&self.path).map_err(|refusal| self.refused(refusal))?;
        let format = decode::inspect(&bytes).map_err(|refusal| self.refused(refusal))?;
        Ok((bytes, format))
    }

    fn refused(&self, refusal: Refusal) -> Diagnostic {
        Diagnostic::error(&self.relative, refusal.message).with_hint(refusal.hint)
    }

    /// The renditions of a `width`×`height` (upright) photo: every standard width narrower
    /// than the photo, and the photo's own width (at most the largest standard one).
    fn photo_set(&self, photo: &str, width: u32, height: u32) -> PhotoSet {
        let stem = photo
            .rsplit_once('.')
            .map(|(stem, _)| stem)
            .unwrap_or(photo);
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
        if widths.len() < WIDTHS.len() {
            widths.push(width.min(*WIDTHS.last().expect("widths")));
        }
        let renditions = |extension: &str| -> Vec<Rendition> {
            widths
                .iter()
                .map(|&target| Rendition {
                    url: format!("{stem}-{target}.{extension}"),
                    width: target,
                    height: ((height as f64) * (target as f64) / (width as f64))
                        .round()
                        .max(1.0) as u32,
                })
                .collect()
        };
        let original = renditions(self.extension);
        PhotoSet {
            src: original.last().cloned().expect("at least one width"),
            thumb: original.first().cloned().expect("at least one width"),
            original,
            webp: renditions("webp"),
            mime: self.mime,
        }
    }
}

/// Finds `photo` (relative to `content/`); a file that is not a raster image by its name, or a
/// link out of `content/`, is refused.
fn locate(site_root: &Path, photo: &str) -> std::result::Result<Source, Diagnostic> {
    let path = site_root.join(crate::source::load::CONTENT_DIR).join(photo);
    let relative = Path::new(crate::source::load::CONTENT_DIR).join(photo);
    // A photo that is a link to a file outside the site would publish that file.
    let content = fs::canonicalize(site_root.join(crate::source::load::CONTENT_DIR));
    let resolved = fs::canonicalize(&path);
    if let (Ok(content), Ok(resolved)) = (&content, &resolved)
        && !resolved.starts_with(content)
    {
        return Err(
            Diagnostic::error(&relative, "the photo is a link to a file outside content/")
                .with_hint("copy the photo into content/images/ instead of linking to it"),
        );
    }
    let published = photo::published_format(photo)
        .map_err(|refusal| Diagnostic::error(&relative, refusal.message).with_hint(refusal.hint))?;
    Ok(Source {
        path,
        relative,
        extension: published.extension,
        mime: published.mime,
    })
}

/// The cache name of a photo's files: its content and how it is processed.
fn cache_key(bytes: &[u8]) -> String {
    format!("{}-v{PROCESSING_VERSION}", fingerprint(bytes))
}

/// The upright size recorded when the photo was processed, so a cached photo needs no
/// decoding.
fn cached_size(cache: &Path, key: &str) -> Option<(u32, u32)> {
    let text = fs::read_to_string(cache.join(format!("{key}.size"))).ok()?;
    let (w, h) = text.trim().split_once('x')?;
    Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?))
}

fn process_one(
    site_root: &Path,
    cache: &Path,
    photo: &str,
) -> std::result::Result<Processed, Diagnostic> {
    let source = locate(site_root, photo)?;
    let (bytes, format) = source.read()?;
    let key = cache_key(&bytes);
    let manifest = cache.join(format!("{key}.size"));
    let (width, height, image) = match cached_size(cache, &key) {
        Some((w, h)) => (w, h, None),
        None => {
            let image = decode::decode_upright(&bytes, format)
                .map_err(|refusal| source.refused(refusal))?;
            (image.width(), image.height(), Some(image))
        }
    };

    let set = source.photo_set(photo, width, height);
    let mut files = Vec::new();
    for (rendition, extension) in copies(&set, &source) {
        let cached = cached_copy(cache, &key, rendition, extension);
        if !cached.exists() {
            let image = match &image {
                Some(image) => image,
                None => {
                    // The cache was partly removed: start this photo over.
                    let _ = fs::remove_file(&manifest);
                    return process_one(site_root, cache, photo);
                }
            };
            let resized = image.resize_exact(
                rendition.width,
                rendition.height,
                image::imageops::FilterType::CatmullRom,
            );
            let encoded = encode(&resized, extension).map_err(|message| {
                Diagnostic::error(
                    &source.relative,
                    format!("could not encode the photo: {message}"),
                )
            })?;
            write_atomically(&cached, &encoded).map_err(|e| {
                Diagnostic::error(
                    &source.relative,
                    format!("could not write the photo cache: {e}"),
                )
            })?;
        }
        files.push(OutputFile {
            path: rendition.url.clone(),
            contents: Contents::Copy(cached),
        });
    }
    if image.is_some() {
        write_atomically(&manifest, format!("{width}x{height}").as_bytes()).map_err(|e| {
            Diagnostic::error(
                &source.relative,
                format!("could not write the photo cache: {e}"),
            )
        })?;
    }
    Ok((photo.to_string(), set, files))
}

fn encode(image: &DynamicImage, extension: &str) -> std::result::Result<Vec<u8>, String> {
    match extension {
        "webp" => {
            let rgba = image.to_rgba8();
            webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
                .encode_simple(false, 80.0)
                .map(|memory| memory.to_vec())
                .map_err(|e| format!("{e:?}"))
        }
        "jpg" => {
            let mut out = Vec::new();
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
                .encode_image(&rgb)
                .map_err(|e| e.to_string())?;
            Ok(out)
        }
        _ => {
            let mut out = Cursor::new(Vec::new());
            image
                .write_to(&mut out, ImageFormat::Png)
                .map_err(|e| e.to_string())?;
            Ok(out.into_inner())
        }
    }
}

/// Writes through a temporary name so a killed build never leaves a truncated cache file.
fn write_atomically(path: &PathBuf, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}
