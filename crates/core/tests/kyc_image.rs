//! The ID card image pipeline (`kyc::image`) against hostile and ordinary files. Every input
//! is built here in code (so the repository holds no binary fixtures): bombs with valid CRCs,
//! truncated and renamed files, a sparse 50 MB file, a JPEG carrying EXIF with GPS, XMP, an ICC
//! profile and a comment; each must end in a clear bilingual refusal or a clean JPEG with no
//! metadata at all.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, ImageEncoder, Rgba, RgbaImage};
use pishkhan_core::kyc::image::{
    self as kyc_image, prepare, prepare_file, preview_jpeg, ImageProblem, PreparedImage,
    BLUR_THRESHOLD, MAX_LONG_SIDE,
};
use pishkhan_core::CoreError;
use pishkhan_sample_photos::{card_photo, jpeg_of, with_metadata};

// ---------------------------------------------------------------------------------------------
// Builders

fn png_of(raw: &[u8], width: u32, height: u32, color: ExtendedColorType) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
        .write_image(raw, width, height, color)
        .unwrap();
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
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

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    c.extend_from_slice(&body);
    c.extend_from_slice(&crc32(&body).to_be_bytes());
    c
}

/// A PNG whose header declares `width`×`height` RGB pixels, with valid CRCs and an IDAT that
/// holds an empty zlib stream: tiny on disk, enormous if anyone believed it.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0, 0, 0, 1],
    ));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

/// Inserts a chunk right after IHDR.
fn png_insert_after_ihdr(png: &[u8], chunk: Vec<u8>) -> Vec<u8> {
    let at = 8 + 8 + 13 + 4;
    let mut out = png[..at].to_vec();
    out.extend(chunk);
    out.extend_from_slice(&png[at..]);
    out
}

/// The marker of every header segment before the first scan (SOS).
fn header_markers(jpeg: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "not a JPEG");
    let mut markers = Vec::new();
    let mut i = 2;
    loop {
        assert_eq!(jpeg[i], 0xFF, "bad marker at {i}");
        let m = jpeg[i + 1];
        markers.push(m);
        if m == 0xDA {
            return markers;
        }
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        i += 2 + len;
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The uploaded bytes carry no metadata: the only APPn is JFIF's APP0, no comment, and none of
/// the planted strings.
fn assert_clean(out: &PreparedImage) {
    let markers = header_markers(&out.jpeg);
    for m in &markers {
        assert!(
            !(0xE1..=0xEF).contains(m) && *m != 0xFE,
            "metadata segment FF{m:02X} in output: {markers:02X?}"
        );
    }
    assert_eq!(markers.iter().filter(|&&m| m == 0xE0).count(), 1);
    let jpeg = &out.jpeg;
    assert!(contains(&jpeg[..20], b"JFIF\0"));
    for planted in [
        &b"Exif\0\0"[..],
        b"http://ns.adobe.com/xap",
        b"ICC_PROFILE",
        b"PishkhanPhone",
        b"SecretModel",
        b"PishkhanSecret",
        b"GPSLatitude",
        b"MM\0*",
        b"II*\0",
    ] {
        assert!(
            !contains(jpeg, planted),
            "{:?} found in output",
            String::from_utf8_lossy(planted)
        );
    }
    assert_eq!(&jpeg[jpeg.len() - 2..], &[0xFF, 0xD9]);
    // It decodes, to the stated size.
    let decoded = image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (out.width, out.height));
    assert_eq!(out.sha256.len(), 64);
    assert!(out
        .sha256
        .chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
}

fn assert_refused(result: Result<PreparedImage, ImageProblem>, code: &str) -> ImageProblem {
    let problem = result.expect_err("should be refused");
    assert_eq!(problem.code(), code, "{problem:?}");
    assert_bilingual(&problem.message_en(), &problem.message_fa());
    problem
}

fn assert_bilingual(en: &str, fa: &str) {
    assert!(en.len() > 30 && en.ends_with('.'), "{en}");
    assert!(
        fa.chars()
            .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
            .count()
            > 20,
        "{fa}"
    );
    assert!(fa.ends_with('.'), "{fa}");
}

fn file_with(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn refused_file(path: &std::path::Path, code: &str) -> CoreError {
    let err = runtime()
        .block_on(prepare_file(path))
        .expect_err("should be refused");
    assert_eq!(err.code(), code, "{err:?}");
    assert_bilingual(&err.message_en(), &err.message_fa());
    let public = err.to_public();
    assert_eq!(public.code, code);
    err
}

// ---------------------------------------------------------------------------------------------
// Hostile files

#[test]
fn png_declaring_100000_by_100000_is_refused_from_its_header() {
    let png = png_declaring(100_000, 100_000);
    assert!(png.len() < 100);
    let problem = assert_refused(prepare(&png), "image_too_many_pixels");
    assert_eq!(
        problem,
        ImageProblem::TooManyPixels {
            width: 100_000,
            height: 100_000
        }
    );
    assert!(problem.message_en().contains("100000×100000"));
}

#[test]
fn forty_megapixel_png_bomb_is_refused_before_decoding() {
    // 8000×5000 of one grey: 40 megapixels in a few dozen kilobytes.
    let (w, h) = (8000u32, 5000u32);
    let png = png_of(&vec![128u8; (w * h) as usize], w, h, ExtendedColorType::L8);
    assert!(png.len() < 1_000_000, "{} bytes", png.len());
    let started = std::time::Instant::now();
    let problem = assert_refused(prepare(&png), "image_too_many_pixels");
    assert_eq!(
        problem,
        ImageProblem::TooManyPixels {
            width: w,
            height: h
        }
    );
    // Reading a header takes microseconds; decoding 40 MP would take far longer.
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_long_thin_image_over_the_side_limit_is_refused() {
    let png = png_declaring(20_000, 500);
    assert_refused(prepare(&png), "image_too_many_pixels");
}

#[test]
fn truncated_jpeg_is_refused_as_incomplete() {
    let jpeg = with_metadata(&jpeg_of(&card_photo(1600, 1000, 3), 90), 1);
    for keep in [jpeg.len() * 6 / 10, jpeg.len() - 2, 300] {
        let problem = assert_refused(prepare(&jpeg[..keep]), "image_truncated");
        assert_eq!(problem, ImageProblem::Truncated { format: "jpeg" });
    }
    // The complete file is fine.
    assert_clean(&prepare(&jpeg).unwrap());
}

#[test]
fn truncated_png_is_refused() {
    let img = card_photo(800, 600, 4);
    let png = png_of(img.as_raw(), 800, 600, ExtendedColorType::Rgb8);
    let problem = prepare(&png[..png.len() / 2]).unwrap_err();
    assert!(
        matches!(problem.code(), "image_truncated" | "image_corrupt"),
        "{problem:?}"
    );
    assert_bilingual(&problem.message_en(), &problem.message_fa());
}

#[test]
fn damaged_jpeg_data_gives_an_error_or_a_clean_image() {
    // Garbage in the middle of the entropy-coded data: zune-jpeg may decode around it; either
    // way nothing panics and nothing unclean comes out.
    let mut jpeg = jpeg_of(&card_photo(1000, 700, 5), 90);
    let mid = jpeg.len() / 2;
    for b in &mut jpeg[mid..mid + 400] {
        *b = 0xA5;
    }
    match prepare(&jpeg) {
        Ok(out) => assert_clean(&out),
        Err(p) => assert_eq!(p.code(), "image_corrupt"),
    }
    // A JPEG whose headers are garbage after SOI.
    let mut bad = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x04, 0x01, 0x02];
    bad.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x00, 0x00, 0xFF, 0xD9]);
    assert_refused(prepare(&bad), "image_corrupt");
}

#[test]
fn pdf_renamed_jpg_is_refused_as_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with(
        &dir,
        "card-front.jpg",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
    );
    let err = refused_file(&path, "image_pdf");
    assert!(err.message_en().contains("PDF"));
    assert!(err.message_en().contains("JPEG, PNG or WebP"));
    assert!(err.message_fa().contains("PDF"));
    assert!(
        !err.message_en().contains("card-front"),
        "no file names in messages"
    );
    assert!(matches!(err, CoreError::Image(ImageProblem::Pdf)));
}

#[test]
fn executables_renamed_jpg_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    elf.resize(4096, 0);
    let path = file_with(&dir, "card.jpg", &elf);
    refused_file(&path, "image_not_an_image");
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec();
    exe.resize(2048, 0);
    let problem = assert_refused(prepare(&exe), "image_not_an_image");
    assert_eq!(problem, ImageProblem::NotAnImage { kind: "program" });
    assert!(problem.message_en().contains("program"));
}

#[test]
fn fifty_megabyte_file_is_refused_by_its_size_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jpg");
    // Sparse: 50 MB on paper, nothing on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    drop(file);
    let started = std::time::Instant::now();
    let err = refused_file(&path, "image_too_large");
    assert!(matches!(
        err,
        CoreError::Image(ImageProblem::TooLarge { bytes: 52_428_800 })
    ));
    assert!(err.message_en().contains("50.0 MB"), "{}", err.message_en());
    assert!(err.message_en().contains("10 MB"));
    assert!(started.elapsed() < Duration::from_millis(500));
    // The bytes themselves, handed over directly, are refused by length too.
    assert_refused(prepare(&vec![0u8; 10 * 1024 * 1024 + 1]), "image_too_large");
}

#[test]
fn zero_byte_file_is_refused_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with(&dir, "empty.jpg", b"");
    refused_file(&path, "image_empty");
    assert_refused(prepare(b""), "image_empty");
}

#[test]
fn missing_file_and_directory_are_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    refused_file(&dir.path().join("gone.jpg"), "image_unreadable");
    refused_file(dir.path(), "image_unreadable");
}

#[test]
fn heic_is_told_to_export_as_jpeg() {
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.extend_from_slice(b"\0\0\x01\0meta");
    heic.resize(4000, 0);
    let problem = assert_refused(prepare(&heic), "image_heic");
    assert!(problem.message_en().contains("Export it as JPEG"));
    assert!(problem.message_fa().contains("JPEG"));
    // A HEIF whose major brand is mif1.
    let mif1 = b"\0\0\0\x14ftypmif1\0\0\0\0heic\0\0\0\0".to_vec();
    assert_refused(prepare(&mif1), "image_heic");
}

#[test]
fn other_formats_get_their_own_messages() {
    let gif = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;";
    let problem = assert_refused(prepare(gif), "image_unsupported");
    assert_eq!(problem, ImageProblem::Unsupported { format: "gif" });
    assert!(problem.message_en().contains("GIF"));
    let mut bmp = b"BM".to_vec();
    bmp.resize(100, 0);
    assert_eq!(
        prepare(&bmp).unwrap_err(),
        ImageProblem::Unsupported { format: "bmp" }
    );
    let tiff = b"II*\0\x08\0\0\0\0\0";
    assert_eq!(
        prepare(tiff).unwrap_err(),
        ImageProblem::Unsupported { format: "tiff" }
    );
    let avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf";
    assert_eq!(
        prepare(avif).unwrap_err(),
        ImageProblem::Unsupported { format: "avif" }
    );
    assert_eq!(
        prepare(b"PK\x03\x04\x14\0\0\0\x08\0").unwrap_err(),
        ImageProblem::NotAnImage { kind: "archive" }
    );
    assert_eq!(
        prepare(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap_err(),
        ImageProblem::Unsupported { format: "svg" }
    );
    assert_refused(
        prepare(b"just some text, not a photo"),
        "image_not_an_image",
    );
}

#[test]
fn tiny_image_is_refused_as_too_small() {
    let img = card_photo(100, 80, 6);
    let problem = assert_refused(prepare(&jpeg_of(&img, 90)), "image_too_small");
    assert_eq!(
        problem,
        ImageProblem::TooSmall {
            width: 100,
            height: 80
        }
    );
    // 700×390: the short side under 400.
    assert_refused(
        prepare(&jpeg_of(&card_photo(700, 390, 6), 90)),
        "image_too_small",
    );
}

// ---------------------------------------------------------------------------------------------
// Clean results

#[test]
fn jpeg_with_gps_exif_comes_out_with_no_metadata_and_upright() {
    // Stored 1600×1200 (landscape) with orientation 6: a portrait photo held sideways.
    let stored = card_photo(1600, 1200, 7);
    let jpeg = with_metadata(&jpeg_of(&stored, 92), 6);
    assert!(contains(&jpeg, b"Exif\0\0") && contains(&jpeg, b"PishkhanPhone"));
    let out = prepare(&jpeg).unwrap();
    assert_clean(&out);
    assert_eq!(
        (out.width, out.height),
        (1200, 1600),
        "orientation 6 turns it upright"
    );
    assert_eq!(out.source.format, "jpeg");
    assert_eq!((out.source.width, out.source.height), (1200, 1600));
    assert_eq!(out.source.bytes, jpeg.len() as u64);
    // Rotated 90° clockwise: the stored image's bottom-left corner is now the top-left. The
    // table's gradient is darkest at the stored top-left, which is now the top-right.
    let upright = image::load_from_memory(&out.jpeg).unwrap().to_rgb8();
    let luma = |x: u32, y: u32| {
        let p = upright.get_pixel(x, y);
        u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])
    };
    assert!(luma(1195, 5) < luma(5, 1595), "rotated the wrong way");
}

#[test]
fn every_orientation_gives_the_displayed_size() {
    let stored = card_photo(900, 600, 8);
    let base = jpeg_of(&stored, 90);
    for orientation in 1..=8u16 {
        let out = prepare(&with_metadata(&base, orientation)).unwrap();
        let expected = if orientation >= 5 {
            (600, 900)
        } else {
            (900, 600)
        };
        assert_eq!(
            (out.width, out.height),
            expected,
            "orientation {orientation}"
        );
        assert_clean(&out);
    }
}

#[test]
fn twelve_megapixel_photo_is_scaled_to_2000_on_its_long_side() {
    let img = card_photo(4000, 3000, 9);
    let jpeg = with_metadata(&jpeg_of(&img, 90), 1);
    let out = prepare(&jpeg).unwrap();
    assert_eq!((out.width, out.height), (MAX_LONG_SIDE, 1500));
    assert_eq!((out.source.width, out.source.height), (4000, 3000));
    assert_clean(&out);
    assert!(!out.blurry, "sharpness {}", out.sharpness);
    // Quality 85 at 3 megapixels: a few hundred kilobytes, not megabytes.
    assert!(out.jpeg.len() < 2_000_000, "{} bytes", out.jpeg.len());
}

#[test]
fn png_with_alpha_is_laid_over_white() {
    let (w, h) = (1000u32, 700u32);
    let photo = card_photo(w, h, 10);
    let rgba = RgbaImage::from_fn(w, h, |x, y| {
        let p = photo.get_pixel(x, y);
        // The left 100 columns fully transparent (and black underneath).
        if x < 100 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([p[0], p[1], p[2], 255])
        }
    });
    let png = png_of(rgba.as_raw(), w, h, ExtendedColorType::Rgba8);
    // A text chunk, which must not survive.
    let png = png_insert_after_ihdr(
        &png,
        png_chunk(b"tEXt", b"Comment\0PishkhanSecretText at home"),
    );
    let out = prepare(&png).unwrap();
    assert_eq!(out.source.format, "png");
    assert_eq!((out.width, out.height), (w, h));
    assert_clean(&out);
    let decoded = image::load_from_memory(&out.jpeg).unwrap().to_rgb8();
    let p = decoded.get_pixel(40, 350);
    assert!(
        p.0.iter().all(|&c| c > 245),
        "transparent became {p:?}, not white"
    );
}

#[test]
fn sixteen_bit_png_is_accepted() {
    let (w, h) = (800u32, 600u32);
    let photo = card_photo(w, h, 11);
    let raw16: Vec<u8> = photo
        .as_raw()
        .iter()
        .flat_map(|&c| (u16::from(c) * 257).to_be_bytes())
        .collect();
    // The encoder takes native-endian 16-bit samples.
    let native: Vec<u8> = raw16
        .chunks_exact(2)
        .flat_map(|b| u16::from_be_bytes([b[0], b[1]]).to_ne_bytes())
        .collect();
    let png = png_of(&native, w, h, ExtendedColorType::Rgb16);
    let out = prepare(&png).unwrap();
    assert_eq!((out.width, out.height), (w, h));
    assert_clean(&out);
}

#[test]
fn webp_with_alpha_is_accepted() {
    let (w, h) = (900u32, 600u32);
    let photo = card_photo(w, h, 12);
    let rgba = RgbaImage::from_fn(w, h, |x, y| {
        let p = photo.get_pixel(x, y);
        Rgba([p[0], p[1], p[2], if y < 50 { 0 } else { 255 }])
    });
    let mut webp = Vec::new();
    WebPEncoder::new_lossless(&mut webp)
        .encode(rgba.as_raw(), w, h, ExtendedColorType::Rgba8)
        .unwrap();
    let out = prepare(&webp).unwrap();
    assert_eq!(out.source.format, "webp");
    assert_eq!((out.width, out.height), (w, h));
    assert_clean(&out);
    // Truncated WebP: refused, not panicked on.
    let problem = prepare(&webp[..webp.len() / 2]).unwrap_err();
    assert!(
        matches!(problem.code(), "image_truncated" | "image_corrupt"),
        "{problem:?}"
    );
}

#[test]
fn blurred_photo_is_flagged_and_sharp_one_is_not() {
    let sharp = card_photo(2000, 1300, 13);
    let blurred = image::imageops::blur(&sharp, 3.0);
    let sharp_out = prepare(&jpeg_of(&sharp, 90)).unwrap();
    let blurred_out = prepare(&jpeg_of(&blurred, 90)).unwrap();
    assert!(
        !sharp_out.blurry && sharp_out.sharpness > BLUR_THRESHOLD * 3.0,
        "sharp scored {}",
        sharp_out.sharpness
    );
    assert!(
        blurred_out.blurry && blurred_out.sharpness < BLUR_THRESHOLD / 2.0,
        "blurred scored {}",
        blurred_out.sharpness
    );
    // Blur is a warning: the blurred image is still prepared.
    assert_clean(&blurred_out);
}

#[test]
fn the_same_photo_gives_the_same_bytes() {
    let jpeg = with_metadata(&jpeg_of(&card_photo(1200, 900, 14), 90), 3);
    let a = prepare(&jpeg).unwrap();
    let b = prepare(&jpeg).unwrap();
    assert_eq!(a.sha256, b.sha256);
    assert_eq!(a.jpeg, b.jpeg);
}

#[test]
fn preview_is_small_and_clean() {
    let out = prepare(&jpeg_of(&card_photo(3000, 2000, 15), 90)).unwrap();
    let preview = preview_jpeg(&out, 480).unwrap();
    let decoded = image::load_from_memory(&preview).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 320));
    assert!(preview.len() < out.jpeg.len() / 4);
    let markers = header_markers(&preview);
    assert!(markers
        .iter()
        .all(|m| !(0xE1..=0xEF).contains(m) && *m != 0xFE));
    // Asking for more than the image has returns the image itself.
    assert_eq!(preview_jpeg(&out, 5000).unwrap(), out.jpeg);
}

// ---------------------------------------------------------------------------------------------
// Off the runtime's threads

#[test]
fn prepare_file_does_not_block_the_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = with_metadata(&jpeg_of(&card_photo(4000, 3000, 16), 90), 6);
    let path = file_with(&dir, "front.jpeg", &jpeg);
    // A single-threaded runtime: if the image work ran on its thread, the ticker could not
    // tick until it was done.
    let rt = runtime();
    let ticks = Arc::new(AtomicU64::new(0));
    let (out, ticks_during) = rt.block_on(async {
        let t = ticks.clone();
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(2)).await;
                t.fetch_add(1, Ordering::Relaxed);
            }
        });
        let started = std::time::Instant::now();
        let out = prepare_file(&path).await.unwrap();
        let elapsed = started.elapsed();
        ticker.abort();
        (out, (ticks.load(Ordering::Relaxed), elapsed))
    });
    let (count, elapsed) = ticks_during;
    assert_eq!((out.width, out.height), (1500, 2000));
    assert_clean(&out);
    // At least a quarter of the 2 ms ticks that fit in the time it took.
    let possible = elapsed.as_millis() as u64 / 2;
    assert!(
        count * 4 >= possible && count >= 5,
        "{count} ticks in {elapsed:?}: the runtime thread was blocked"
    );
}

#[test]
fn image_problems_become_core_errors_with_their_codes() {
    let err: CoreError = ImageProblem::Heic.into();
    assert_eq!(err.code(), "image_heic");
    assert_eq!(err.message_en(), ImageProblem::Heic.message_en());
    assert_eq!(err.message_fa(), ImageProblem::Heic.message_fa());
    let public = err.to_public();
    assert_eq!(public.code, "image_heic");
    assert_eq!(public.message_fa, ImageProblem::Heic.message_fa());
    // The limits the module documents.
    assert_eq!(kyc_image::MAX_FILE_BYTES, 10 * 1024 * 1024);
    assert!(kyc_image::MAX_PIXELS < 40_000_000 && kyc_image::MAX_PIXELS >= 12_000_000);
}
