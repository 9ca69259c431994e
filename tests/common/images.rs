//! Images made in code for the photo tests (never downloaded): plain JPEG, PNG, GIF and WebP
//! files, a JPEG carrying an EXIF block with GPS data built by hand, and a PNG whose header
//! claims a size its data does not have.

use image::{ImageFormat, RgbImage};
use std::io::Cursor;

/// A `width`×`height` gradient, different for every `seed`.
pub fn picture(width: u32, height: u32, seed: u8) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 3) as u8 ^ seed, (y * 5) as u8, seed.wrapping_mul(7)])
    })
}

/// `image` encoded as `format`.
pub fn encoded(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    match format {
        ImageFormat::WebP => {
            let rgba = image::DynamicImage::ImageRgb8(image.clone()).to_rgba8();
            return webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
                .encode_lossless()
                .to_vec();
        }
        _ => image.write_to(&mut out, format).expect("encode in memory"),
    }
    out.into_inner()
}

/// The TIFF body of an EXIF block: orientation 1 and a GPS directory with a latitude
/// reference, the bytes a phone writes when it records where a photo was taken.
fn exif_with_gps() -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 2]); // IFD0: two entries
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0]); // Orientation = 1
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]); // GPS IFD at 38
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 1]); // GPS IFD: one entry
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef = "N"
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff
}

/// A JPEG with an APP1 EXIF segment holding GPS data.
pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let plain = encoded(&picture(width, height, 9), ImageFormat::Jpeg);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&exif_with_gps());
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend_from_slice(&[0xFF, 0xE1]);
    jpeg.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(&app1);
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

/// Whether `bytes` carry EXIF or a TIFF header (where GPS data lives).
pub fn has_exif(bytes: &[u8]) -> bool {
    bytes
        .windows(4)
        .any(|w| w == b"Exif" || w == b"eXIf" || w == b"MM\0\x2a" || w == b"II\x2a\0")
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A small valid PNG whose header (with a correct checksum) claims `width`×`height`.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = encoded(&picture(8, 8, 3), ImageFormat::Png);
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}
