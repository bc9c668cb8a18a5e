//! The ID card image pipeline on arbitrary bytes: `pishkhan_core::kyc::image::prepare` (sniff,
//! check the declared size, decode within the limits, orient, downscale, re-encode). Run with `-rss_limit_mb` (scripts/fuzz.sh does): the limits in
//! `kyc::image` are what keeps a run from exhausting memory.
//!
//! Properties, beyond not panicking (a decoder panic is reported too, although `prepare` would
//! turn it into a refusal, since a panic on a hostile file is worth knowing about):
//! - an accepted image is a baseline JPEG (SOI, JFIF APP0 and no other application segment, no
//!   comment: no EXIF, XMP or ICC survives), at most 2000 px on its long side and at least
//!   1 px, its frame header saying the size reported, its SHA-256 the one reported, its size
//!   the source's proportions within a pixel;
//! - the source it reports is what was given: its byte count, a format the magic number says,
//!   dimensions within the limits;
//! - a refusal has a stable code and a message in both languages; the checks before decoding
//!   come first (empty, too large, not an accepted kind).
//!
//! The output is checked by reading its segments, not by decoding it again: an accepted image
//! costs a decode, a resize, a sharpness measure and an encode, slow enough under the
//! sanitizer and the comparison tracing (about 5 inputs a second) without doing it twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pishkhan_core::kyc::image::{
    prepare, ImageProblem, MAX_FILE_BYTES, MAX_LONG_SIDE, MAX_PIXELS, MAX_SIDE, MIN_LONG_SIDE,
    MIN_SHORT_SIDE,
};
use sha2::{Digest, Sha256};

/// The markers of a JPEG's header segments up to the first scan, and the frame's size (from
/// its baseline SOF0 segment).
fn header_markers(jpeg: &[u8]) -> (Vec<u8>, Option<(u32, u32)>) {
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "not a JPEG");
    assert!(jpeg.ends_with(&[0xFF, 0xD9]), "no end marker");
    let mut markers = Vec::new();
    let mut size = None;
    let mut i = 2;
    while i + 4 <= jpeg.len() {
        assert_eq!(jpeg[i], 0xFF, "a segment does not start with a marker");
        let marker = jpeg[i + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        if marker == 0xC0 && i + 9 <= jpeg.len() {
            let h = u16::from_be_bytes([jpeg[i + 5], jpeg[i + 6]]);
            let w = u16::from_be_bytes([jpeg[i + 7], jpeg[i + 8]]);
            size = Some((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    assert_eq!(markers.last(), Some(&0xDA), "no scan");
    (markers, size)
}

fn magic(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

fuzz_target!(|data: &[u8]| {
    let result = prepare(data);
    match &result {
        Err(problem) => {
            let code = problem.code();
            assert!(code.starts_with("image_"), "{code}");
            assert!(!problem.message_en().is_empty() && !problem.message_fa().is_empty());
            match problem {
                ImageProblem::Empty => assert!(data.is_empty()),
                ImageProblem::TooLarge { bytes } => {
                    assert_eq!(*bytes, data.len() as u64);
                    assert!(*bytes > MAX_FILE_BYTES);
                }
                ImageProblem::Truncated { format } | ImageProblem::Corrupt { format } => {
                    assert_eq!(magic(data), Some(*format));
                }
                ImageProblem::TooSmall { width, height } => {
                    assert!(magic(data).is_some());
                    let (short, long) = (*width.min(height), *width.max(height));
                    assert!(short < MIN_SHORT_SIDE || long < MIN_LONG_SIDE);
                }
                ImageProblem::TooManyPixels { width, height } => {
                    assert!(magic(data).is_some());
                    let _ = (width, height);
                }
                ImageProblem::Heic
                | ImageProblem::Pdf
                | ImageProblem::Unsupported { .. }
                | ImageProblem::NotAnImage { .. } => {
                    assert_eq!(magic(data), None, "an accepted kind refused as another")
                }
                ImageProblem::Unreadable => panic!("prepare reads no file"),
                ImageProblem::Failed => {}
            }
        }
        Ok(image) => {
            let source = image.source;
            assert_eq!(source.bytes, data.len() as u64);
            assert_eq!(magic(data), Some(source.format));
            let (sw, sh) = (source.width, source.height);
            assert!(sw <= MAX_SIDE && sh <= MAX_SIDE);
            assert!(u64::from(sw) * u64::from(sh) <= MAX_PIXELS);
            assert!(sw.min(sh) >= MIN_SHORT_SIDE && sw.max(sh) >= MIN_LONG_SIDE);

            let (w, h) = (image.width, image.height);
            assert!(w >= 1 && h >= 1 && w.max(h) <= MAX_LONG_SIDE, "{w}x{h}");
            if sw.max(sh) <= MAX_LONG_SIDE {
                assert_eq!((w, h), (sw, sh));
            } else {
                // The proportions kept, within rounding.
                let lhs = u64::from(w) * u64::from(sh);
                let rhs = u64::from(h) * u64::from(sw);
                assert!(
                    lhs.abs_diff(rhs) <= u64::from(sw.max(sh)),
                    "{sw}x{sh} -> {w}x{h}"
                );
            }

            let jpeg = &image.jpeg;
            assert_eq!(image.sha256, hex(&Sha256::digest(jpeg)));
            let (markers, frame) = header_markers(jpeg);
            assert_eq!(frame, Some((w, h)), "the frame header says another size");
            assert_eq!(
                markers.first(),
                Some(&0xE0),
                "JFIF APP0 first: {markers:x?}"
            );
            assert_eq!(&jpeg[6..11], b"JFIF\0");
            for m in &markers[1..] {
                assert!(
                    !(0xE0..=0xEF).contains(m) && *m != 0xFE,
                    "metadata segment {m:#x} in the output"
                );
                assert!(*m != 0xC2, "progressive output");
            }
            assert!(image.sharpness.is_finite() && image.sharpness >= 0.0);
            assert_eq!(
                image.blurry,
                image.sharpness < pishkhan_core::kyc::image::BLUR_THRESHOLD
            );
        }
    }
});

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
