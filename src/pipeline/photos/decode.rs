//! Reading one photo safely: which formats are accepted, the size and pixel limits checked
//! before anything large is read or decoded, and a decode that refuses a truncated file
//! instead of filling the missing part with grey.

use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::model::photo::Refusal;

const SAVE_AS_JPEG: &str = crate::model::photo::SAVE_AS_JPEG;

/// A photo file larger than this is refused before it is read (no phone or camera photo
/// comes near it; a larger file is a wrong file, or an attempt to exhaust memory).
pub const MAX_PHOTO_BYTES: u64 = 40 * 1024 * 1024;
/// A photo with more pixels than this is refused from its header, before it is decoded
/// (a 50-megapixel image takes 200 MB decoded; the largest published copy is 1600 px wide).
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;
/// What a decoder may allocate, a second guard below the pixel limit (a 50-megapixel photo
/// with 16-bit colour and transparency needs 400 MB).
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a photo file, refusing anything that is not a regular file of at most
/// [`MAX_PHOTO_BYTES`] before reading it.
pub fn read(path: &Path) -> Result<Vec<u8>, Refusal> {
    let metadata = fs::metadata(path)
        .map_err(|e| Refusal::new(format!("could not read the photo: {e}"), SAVE_AS_JPEG))?;
    if metadata.is_dir() {
        return Err(Refusal::new(
            "the photo is a folder, not an image file",
            "name the image file inside it, e.g. images/nguyen-van-an.jpg",
        ));
    }
    if !metadata.is_file() {
        return Err(Refusal::new(
            "the photo is not a regular file (a device, a pipe or a socket)",
            "content/images/ may hold only ordinary image files",
        ));
    }
    if metadata.len() > MAX_PHOTO_BYTES {
        return Err(too_large(metadata.len()));
    }
    let file = fs::File::open(path)
        .map_err(|e| Refusal::new(format!("could not read the photo: {e}"), SAVE_AS_JPEG))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_PHOTO_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::new(format!("could not read the photo: {e}"), SAVE_AS_JPEG))?;
    // The file may have grown after its size was checked.
    if bytes.len() as u64 > MAX_PHOTO_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(size: u64) -> Refusal {
    Refusal::new(
        format!(
            "the photo is {:.1} MB; a photo may be at most {} MB",
            size as f64 / 1_048_576.0,
            MAX_PHOTO_BYTES / 1_048_576
        ),
        "save it again at a smaller size (a photo for the web needs at most 3000 px across)",
    )
}

/// What the file's own bytes say it is, whatever its name: only JPEG, PNG, WebP and GIF are
/// decoded.
fn sniffed_format(bytes: &[u8]) -> Result<ImageFormat, Refusal> {
    match image::guess_format(bytes) {
        Ok(
            format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif),
        ) => Ok(format),
        _ => Err(Refusal::new(
            "the file is not a JPEG, PNG, WebP or GIF image, whatever its name says",
            SAVE_AS_JPEG,
        )),
    }
}

fn unreadable(error: impl std::fmt::Display) -> Refusal {
    Refusal::new(
        format!("the photo cannot be read as an image ({error})"),
        SAVE_AS_JPEG,
    )
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader
}

/// Checks what can be checked without decoding: the format from the bytes, the pixel count
/// from the header, and that a JPEG is complete. Returns the format to decode with.
pub fn inspect(bytes: &[u8]) -> Result<ImageFormat, Refusal> {
    let format = sniffed_format(bytes)?;
    let decoder = reader(bytes, format).into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PHOTO_PIXELS {
        return Err(Refusal::new(
            format!(
                "the photo is {width}×{height} px ({:.0} megapixels); a photo may have at most {} megapixels",
                pixels as f64 / 1e6,
                MAX_PHOTO_PIXELS / 1_000_000
            ),
            "save it again at a smaller size (a photo for the web needs at most 3000 px across)",
        ));
    }
    if width == 0 || height == 0 {
        return Err(unreadable("it has no pixels"));
    }
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Refusal::new(
            "the photo ends early: the JPEG file is cut off (an interrupted copy or upload?)",
            "copy the photo again from the camera or the sender",
        ));
    }
    Ok(format)
}

/// Decodes an inspected photo and turns it upright by its EXIF orientation.
pub fn decode_upright(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Refusal> {
    let mut decoder = reader(bytes, format).into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Whether a JPEG has its end-of-image marker after its first scan. The decoder fills a cut-off
/// file with grey without a word, so this is checked by hand: the segments before the scan are
/// skipped by their lengths (an embedded EXIF thumbnail has an end marker of its own), then the
/// scan data is searched for the marker (a 0xFF byte in scan data is always followed by 0x00 or
/// a restart marker, never by 0xD9).
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut at = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return false;
        };
        match marker {
            // End of image before any scan: no picture at all.
            0xD9 => return false,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 2,
            _ => {
                let Some(length) = bytes
                    .get(at + 2..at + 4)
                    .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
                else {
                    return false;
                };
                let Some(after) = bytes.get(at + 2 + length..) else {
                    return false;
                };
                if marker == 0xDA {
                    return after.windows(2).any(|pair| pair == [0xFF, 0xD9]);
                }
                at += 2 + length;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 5) as u8, ((x + y) * 3) as u8])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(
                image.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    #[test]
    fn a_complete_jpeg_is_complete_and_a_cut_one_is_not() {
        let whole = jpeg(64, 48);
        assert!(jpeg_is_complete(&whole));
        assert_eq!(inspect(&whole), Ok(ImageFormat::Jpeg));
        for cut in [whole.len() - 2, whole.len() * 2 / 3, 200, 3] {
            assert!(!jpeg_is_complete(&whole[..cut]), "cut at {cut}");
            assert!(inspect(&whole[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn the_contents_decide_the_format_not_the_name() {
        assert!(inspect(b"<svg onload=alert(1)></svg>").is_err());
        assert!(inspect(b"<!doctype html><script>alert(1)</script>").is_err());
        assert!(inspect(&[]).is_err());
    }
}
