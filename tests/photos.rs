//! Photos are always decoded and re-encoded as raster images, or refused with a message:
//! nothing a story names as its photo is published as it was uploaded (no SVG or HTML that
//! could run scripts, no EXIF or GPS data), and no photo can exhaust memory or time.

mod common;

use std::fs;
use std::path::Path;

use common::images::{encoded, has_exif, jpeg_with_gps, picture, png_claiming};
use common::{broken, build, edit, fixture, thidua};
use image::ImageFormat;

const STORY: &str = "content/stories/nguyen-van-an.md";

/// Points the fixture story's photo at `name` and writes `bytes` there.
fn use_photo(site: &Path, name: &str, bytes: &[u8]) {
    fs::write(site.join("content/images").join(name), bytes).unwrap();
    edit(
        site,
        STORY,
        "photo: images/an.png",
        &format!("photo: images/{name}"),
    );
}

/// Every file under `output/images/`, with its bytes.
fn published_images(site: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(site.join("output/images"))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_raster_photo_is_decoded_and_re_encoded_without_exif() {
    // Name in content/, the published extension, the format its bytes must have.
    let cases: [(&str, Vec<u8>, &str, ImageFormat); 5] = [
        ("gps.jpg", jpeg_with_gps(500, 300), "jpg", ImageFormat::Jpeg),
        (
            "gps.jfif",
            jpeg_with_gps(420, 300),
            "jpg",
            ImageFormat::Jpeg,
        ),
        (
            "drawing.gif",
            encoded(&picture(360, 240, 1), ImageFormat::Gif),
            "png",
            ImageFormat::Png,
        ),
        (
            "plain.png",
            encoded(&picture(330, 200, 2), ImageFormat::Png),
            "png",
            ImageFormat::Png,
        ),
        (
            "lossless.webp",
            encoded(&picture(340, 200, 3), ImageFormat::WebP),
            "webp",
            ImageFormat::WebP,
        ),
    ];
    for (name, bytes, extension, format) in cases {
        let site = fixture("minimal");
        assert!(
            name.contains("gps") == has_exif(&bytes),
            "{name}: the fixture itself"
        );
        use_photo(site.path(), name, &bytes);
        let output = build(site.path(), "2024-03-01");
        assert!(
            output.status.success(),
            "{name}: {}",
            common::stderr(&output)
        );

        let stem = name.rsplit_once('.').unwrap().0;
        let published = published_images(site.path());
        let mine: Vec<&(String, Vec<u8>)> = published
            .iter()
            .filter(|(file, _)| file.starts_with(&format!("{stem}-")))
            .collect();
        assert!(
            !mine.is_empty(),
            "{name}: nothing published in {published:?}"
        );
        assert!(
            !published.iter().any(|(file, _)| file == name),
            "{name}: the uploaded file itself was published"
        );
        for (file, bytes) in &mine {
            let expected = if file.ends_with(".webp") {
                ImageFormat::WebP
            } else {
                format
            };
            assert!(
                file.ends_with(&format!(".{extension}")) || file.ends_with(".webp"),
                "{name}: published as {file}"
            );
            assert_eq!(image::guess_format(bytes).unwrap(), expected, "{file}");
            let decoded = image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(decoded.width() > 0, "{file}");
            assert!(!has_exif(bytes), "{file} still carries EXIF");
        }
        // The page shows the re-encoded copy, never the upload.
        let story = common::page(site.path(), "bang-vang/nguyen-van-an/");
        let src = common::attrs(&story, ".story-photo img", "src");
        assert_eq!(src.len(), 1, "{name}");
        assert!(
            src[0].starts_with(&format!("../../images/{stem}-")),
            "{name}: {src:?}"
        );
        assert!(
            src[0].ends_with(&format!(".{extension}")),
            "{name}: {src:?}"
        );
    }
}

#[test]
fn files_that_are_not_raster_photos_are_refused_where_they_are_named() {
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    let html = b"<!doctype html><script>alert(document.cookie)</script>".to_vec();
    for (name, bytes, message) in [
        ("x.svg", svg.clone(), "a .svg file cannot be a photo"),
        ("x.html", html.clone(), "a .html file cannot be a photo"),
        (
            "x.heic",
            b"\0\0\0\x18ftypheic".to_vec(),
            "a .heic photo cannot be read",
        ),
    ] {
        let errors = broken(|site| use_photo(site, name, &bytes));
        assert!(
            errors.contains(&format!(
                "error: content/stories/nguyen-van-an.md:9: photo “images/{name}”: {message}"
            )),
            "{name}: {errors}"
        );
        if name.ends_with(".heic") {
            assert!(errors.contains("export it as JPEG"), "{errors}");
        }
    }
    // A web page renamed to .jpg is not a JPEG: its bytes decide.
    let errors = broken(|site| use_photo(site, "x.jpg", &html));
    assert!(
        errors.contains(
            "error: content/images/x.jpg: the file is not a JPEG, PNG, WebP or GIF image, whatever its name says"
        ),
        "{errors}"
    );
}

#[test]
fn check_refuses_a_non_raster_photo_too() {
    let site = fixture("minimal");
    use_photo(site.path(), "x.svg", b"<svg onload=\"alert(1)\"/>");
    let output = thidua(site.path(), &["check", "--today", "2024-03-01"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = common::stderr(&output);
    assert!(
        errors.contains("nguyen-van-an.md:9: photo “images/x.svg”: a .svg file cannot be a photo"),
        "{errors}"
    );
}

#[test]
fn a_photo_claiming_too_many_pixels_is_refused_from_its_header() {
    let errors = broken(|site| use_photo(site, "huge.png", &png_claiming(20_000, 20_000)));
    assert!(
        errors.contains(
            "error: content/images/huge.png: the photo is 20000×20000 px (400 megapixels); a photo may have at most 50 megapixels"
        ),
        "{errors}"
    );
    // Just above the limit is refused too; the message speaks of megapixels, not decoding.
    let errors = broken(|site| use_photo(site, "wide.png", &png_claiming(10_001, 5_000)));
    assert!(
        errors.contains("a photo may have at most 50 megapixels"),
        "{errors}"
    );
}

#[test]
fn a_1_gb_photo_is_refused_without_being_read() {
    let site = fixture("minimal");
    build(site.path(), "2024-03-01");
    let before = common::snapshot(&site.path().join("output"));
    edit(
        site.path(),
        STORY,
        "photo: images/an.png",
        "photo: images/rất lớn.jpg",
    );
    // Sparse: takes no disk space, but reading it would take a gigabyte of memory.
    let file = fs::File::create(site.path().join("content/images/rất lớn.jpg")).unwrap();
    file.set_len(1 << 30).unwrap();
    drop(file);
    let run = common::thidua_measured(site.path(), &["build", "--today", "2024-03-01"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: content/images/rất lớn.jpg: the photo is 1024.0 MB; a photo may be at most 40 MB"
        ),
        "{}",
        run.stderr
    );
    assert!(before == common::snapshot(&site.path().join("output")));
    if let Some(peak) = run.peak_memory_bytes {
        assert!(
            peak < 200 * 1024 * 1024,
            "thidua used {} MB for a photo it should not read",
            peak / 1024 / 1024
        );
    }
}

#[test]
fn a_truncated_jpeg_is_an_error_not_a_grey_picture() {
    let whole = encoded(&picture(400, 300, 5), ImageFormat::Jpeg);
    let cut = whole[..whole.len() * 2 / 3].to_vec();
    let errors = broken(|site| use_photo(site, "cut.jpg", &cut));
    assert!(
        errors.contains("error: content/images/cut.jpg: the photo ends early"),
        "{errors}"
    );
    // Cut off photos in the other formats are errors too (their decoders notice).
    for (name, format) in [
        ("cut.png", ImageFormat::Png),
        ("cut.gif", ImageFormat::Gif),
        ("cut.webp", ImageFormat::WebP),
    ] {
        let whole = encoded(&picture(400, 300, 6), format);
        let cut = whole[..whole.len() * 2 / 3].to_vec();
        let errors = broken(|site| use_photo(site, name, &cut));
        assert!(
            errors.contains(&format!(
                "error: content/images/{name}: the photo cannot be read as an image"
            )),
            "{name}: {errors}"
        );
    }
}
