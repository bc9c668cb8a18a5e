//! The ID card photos (front and back): from the file the merchant chose to the JPEG that is
//! uploaded.
//!
//! A photo taken with a phone carries far more than the card: EXIF with the GPS position where
//! it was taken, the phone's make and serial numbers, the time, a thumbnail (which may show the
//! photo before it was cropped); XMP with editing history; an ICC profile whose text names
//! software; PNG text chunks. None of it is needed to verify an identity and all of it is
//! personal, so the uploaded image is rebuilt from its pixels alone: decoded, turned upright by
//! its EXIF orientation (the one piece of metadata that changes what the pixels mean), scaled
//! down to at most [`MAX_LONG_SIDE`] pixels on its long side, and encoded anew as a baseline
//! JPEG (quality [`JPEG_QUALITY`]) whose only header segment is the JFIF APP0 marker: no EXIF,
//! XMP, ICC, comment or text of any kind.
//!
//! A file is examined before anything is decoded, because a photo chosen from disk is input
//! from anywhere:
//! - size: at most [`MAX_FILE_BYTES`] (10 MB); `prepare_file` looks at the file's size before
//!   reading it, so a 50 MB file is refused without being read;
//! - kind: sniffed from the first bytes, whatever the name says. JPEG, PNG and WebP are accepted;
//!   HEIC/HEIF (iPhone photos) are told to export as JPEG; PDF, GIF, BMP, TIFF, AVIF, SVG, archives
//!   and programs each get their own message;
//! - dimensions: read from the header, then refused above [`MAX_PIXELS`] (32 megapixels) or
//!   [`MAX_SIDE`] (12,000 px a side), which keeps a "decompression bomb" (a small file that
//!   declares an enormous image, such as a 100,000 × 100,000 PNG of one colour) from being
//!   decoded at all; the decoder's own `Limits` (the same side limits, and [`MAX_ALLOC`] bytes)
//!   stand behind that check. A 12 MP phone photo (4000 × 3000) passes; a 40 MP bomb does not;
//! - too small to read: the shorter side under [`MIN_SHORT_SIDE`] (400 px) or the longer under
//!   [`MIN_LONG_SIDE`] (600 px);
//! - a JPEG that stops before its end marker (an unfinished copy or download) is refused as
//!   incomplete rather than uploaded with a grey band where the rest should be.
//!
//! Blur is only a warning: the variance of the Laplacian of the grayscale image scaled to
//! [`SHARPNESS_SIDE`] px on its long side (so the figure does not depend on the photo's
//! resolution); under [`BLUR_THRESHOLD`] the image is flagged `blurry` and the merchant may
//! retake it or send it anyway.
//!
//! Everything here is blocking CPU work: `prepare` and `preview_jpeg` are for a blocking
//! thread, and `prepare_file` (the one async entry point) runs the reading and the work on
//! tokio's blocking pool, never on the runtime's own threads.

use std::io::{Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use fast_image_resize as fir;
use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::codecs::png::PngDecoder;
use image::codecs::webp::WebPDecoder;
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageError, Limits, RgbImage};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::CoreError;

/// The long side of the uploaded image at most, in pixels.
pub const MAX_LONG_SIDE: u32 = 2000;
/// The largest file accepted: 10 MB (MiB).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most pixels an image may declare: 32 megapixels (a 12 MP or 24 MP phone photo passes, a
/// 40 MP bomb does not). Checked on the header, before decoding.
pub const MAX_PIXELS: u64 = 32_000_000;
/// The longest side an image may declare, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The decoder's allocation ceiling: above the largest legitimate decode (32 MP of 16-bit RGBA
/// is 256 MB).
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// The shorter side at least, in pixels, for the card to be readable.
pub const MIN_SHORT_SIDE: u32 = 400;
/// The longer side at least, in pixels.
pub const MIN_LONG_SIDE: u32 = 600;
/// The JPEG quality of the uploaded image.
pub const JPEG_QUALITY: u8 = 85;
/// The JPEG quality of previews.
pub const PREVIEW_QUALITY: u8 = 80;
/// The long side of the grayscale image the sharpness is measured on.
pub const SHARPNESS_SIDE: u32 = 1000;
/// Sharpness (variance of the Laplacian at [`SHARPNESS_SIDE`]) under which a photo is flagged
/// blurry. Measured on synthetic cards (text-like strokes, a photo area, noise): sharp ones
/// score in the thousands, the same after a Gaussian blur of sigma 2 px (at 2000 px) score
/// under 60; 100 sits between with room on both sides.
pub const BLUR_THRESHOLD: f64 = 100.0;

/// What the chosen file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// "jpeg", "png" or "webp".
    pub format: &'static str,
    /// Width as displayed (after the EXIF orientation), in pixels.
    pub width: u32,
    /// Height as displayed, in pixels.
    pub height: u32,
    /// The file's size.
    pub bytes: u64,
}

/// A photo ready to upload.
#[derive(Clone, PartialEq)]
pub struct PreparedImage {
    /// The bytes that will be uploaded: a baseline JPEG with no metadata at all.
    pub jpeg: Vec<u8>,
    /// Width of `jpeg`, upright.
    pub width: u32,
    /// Height of `jpeg`, upright.
    pub height: u32,
    /// SHA-256 of `jpeg`, lowercase hex.
    pub sha256: String,
    /// Variance of the Laplacian of the grayscale image at [`SHARPNESS_SIDE`] px.
    pub sharpness: f64,
    /// `sharpness` is under [`BLUR_THRESHOLD`]: warn, do not refuse.
    pub blurry: bool,
    pub source: SourceInfo,
}

impl std::fmt::Debug for PreparedImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedImage")
            .field("jpeg_bytes", &self.jpeg.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("sha256", &self.sha256)
            .field("sharpness", &self.sharpness)
            .field("blurry", &self.blurry)
            .field("source", &self.source)
            .finish()
    }
}

/// Why a file was refused. Each has a stable `code` and a message in English and Persian that
/// says what happened and what to do; none names the file or anything in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    /// A zero-byte file.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("the file is {bytes} bytes, over the limit")]
    TooLarge { bytes: u64 },
    /// HEIC/HEIF (an iPhone's own format).
    #[error("HEIC/HEIF photos are not accepted")]
    Heic,
    /// A PDF document.
    #[error("the file is a PDF")]
    Pdf,
    /// An image in a format not accepted: "gif", "bmp", "tiff", "avif", "svg", "psd",
    /// "jpeg2000", "jpegxl".
    #[error("{format} images are not accepted")]
    Unsupported { format: &'static str },
    /// Not an image: "program", "archive", "video", "document" or "unknown".
    #[error("the file is not an image ({kind})")]
    NotAnImage { kind: &'static str },
    /// The file stops before the image ends ("jpeg", "png", "webp").
    #[error("the {format} file is incomplete")]
    Truncated { format: &'static str },
    /// The file cannot be decoded.
    #[error("the {format} file cannot be decoded")]
    Corrupt { format: &'static str },
    /// More than [`MAX_PIXELS`] or [`MAX_SIDE`], as declared by the header.
    #[error("the image declares {width}×{height} pixels, over the limit")]
    TooManyPixels { width: u32, height: u32 },
    /// Under [`MIN_SHORT_SIDE`] × [`MIN_LONG_SIDE`].
    #[error("the image is {width}×{height} pixels, too small")]
    TooSmall { width: u32, height: u32 },
    /// The file could not be opened or read (moved, deleted, no permission, not a file).
    #[error("the file could not be read")]
    Unreadable,
    /// Something failed inside the pipeline after the file was accepted.
    #[error("the image could not be processed")]
    Failed,
}

const ACCEPTED_EN: &str = "Choose a JPEG, PNG or WebP photo of the card";
const ACCEPTED_FA: &str = "عکسی از کارت با قالب JPEG، PNG یا WebP انتخاب کنید";

impl ImageProblem {
    /// The stable code the UI translates and scripts branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ImageProblem::Empty => "image_empty",
            ImageProblem::TooLarge { .. } => "image_too_large",
            ImageProblem::Heic => "image_heic",
            ImageProblem::Pdf => "image_pdf",
            ImageProblem::Unsupported { .. } => "image_unsupported",
            ImageProblem::NotAnImage { .. } => "image_not_an_image",
            ImageProblem::Truncated { .. } => "image_truncated",
            ImageProblem::Corrupt { .. } => "image_corrupt",
            ImageProblem::TooManyPixels { .. } => "image_too_many_pixels",
            ImageProblem::TooSmall { .. } => "image_too_small",
            ImageProblem::Unreadable => "image_unreadable",
            ImageProblem::Failed => "image_failed",
        }
    }

    /// What happened and what to do, in English.
    pub fn message_en(&self) -> String {
        match self {
            ImageProblem::Empty => format!(
                "This file is empty (0 bytes). {ACCEPTED_EN}; if it came from a phone or a download, copy it again."
            ),
            ImageProblem::TooLarge { bytes } => format!(
                "This file is {} MB; the most accepted is {} MB. {ACCEPTED_EN} that is smaller, or save it again at a lower size.",
                megabytes(*bytes),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ImageProblem::Heic => "This is a HEIC photo (the iPhone's own format), which is not accepted. Export it as JPEG (or set the camera to \"Most Compatible\") and choose it again.".into(),
            ImageProblem::Pdf => format!("This file is a PDF, not a photo. {ACCEPTED_EN}."),
            ImageProblem::Unsupported { format } => format!(
                "This is a {} image, which is not accepted. {ACCEPTED_EN} (save or export it as JPEG).",
                format_name(format)
            ),
            ImageProblem::NotAnImage { kind } => {
                let what = match *kind {
                    "program" => "a program, not a photo (whatever its name says)",
                    "archive" => "a compressed archive (such as ZIP), not a photo; take the photo out of it first",
                    "video" => "a video, not a photo",
                    "document" => "a document, not a photo",
                    _ => "not a photo in a format that can be read",
                };
                format!("This file is {what}. {ACCEPTED_EN}.")
            }
            ImageProblem::Truncated { format } => format!(
                "This {} file is incomplete: it ends before the image does (an unfinished copy or download). Choose the original photo again, or take a new one.",
                format_name(format)
            ),
            ImageProblem::Corrupt { format } => format!(
                "This {} file cannot be read: it is damaged or encoded in an unusual way. Open it on your computer and save it again as JPEG, or take a new photo of the card.",
                format_name(format)
            ),
            ImageProblem::TooManyPixels { width, height } => format!(
                "This image is {width}×{height} pixels, more than the {} megapixels ({MAX_SIDE} pixels a side) accepted. Take the photo at the camera's normal size, or scale it down, and choose it again.",
                MAX_PIXELS / 1_000_000
            ),
            ImageProblem::TooSmall { width, height } => format!(
                "This image is only {width}×{height} pixels, too small to read the card. Choose a photo of at least {MIN_LONG_SIDE}×{MIN_SHORT_SIDE} pixels, taken close up with the card filling the frame."
            ),
            ImageProblem::Unreadable => "The file could not be opened: it may have been moved or deleted, be on a disconnected drive, or not be readable with your permissions. Choose it again.".into(),
            ImageProblem::Failed => "The photo could not be processed. Try again, or save it as JPEG and choose that.".into(),
        }
    }

    /// What happened and what to do, in Persian.
    pub fn message_fa(&self) -> String {
        match self {
            ImageProblem::Empty => format!(
                "این فایل خالی است (۰ بایت). {ACCEPTED_FA}؛ اگر از گوشی یا از اینترنت آمده، یک بار دیگر آن را کپی کنید."
            ),
            ImageProblem::TooLarge { bytes } => format!(
                "حجم این فایل {} مگابایت است و بیشترین حجم پذیرفتنی {} مگابایت است. عکس کوچک‌تری از کارت با قالب JPEG، PNG یا WebP انتخاب کنید، یا آن را با حجم کمتر دوباره ذخیره کنید.",
                megabytes(*bytes),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ImageProblem::Heic => "این عکس با قالب HEIC (قالب ویژهٔ آیفون) است که پذیرفته نمی‌شود. آن را به صورت JPEG خروجی بگیرید (یا در تنظیمات دوربین گزینهٔ «Most Compatible» را برگزینید) و دوباره انتخاب کنید.".into(),
            ImageProblem::Pdf => format!("این فایل PDF است، نه عکس. {ACCEPTED_FA}."),
            ImageProblem::Unsupported { format } => format!(
                "این تصویر با قالب {} است که پذیرفته نمی‌شود. {ACCEPTED_FA} (یا آن را به صورت JPEG ذخیره کنید).",
                format_name(format)
            ),
            ImageProblem::NotAnImage { kind } => {
                let what = match *kind {
                    "program" => "یک برنامه است، نه عکس (هر نامی که داشته باشد)",
                    "archive" => "یک فایل فشرده (مانند ZIP) است، نه عکس؛ ابتدا عکس را از آن بیرون بیاورید",
                    "video" => "ویدیو است، نه عکس",
                    "document" => "یک سند است، نه عکس",
                    _ => "عکسی با قالب خواندنی نیست",
                };
                format!("این فایل {what}. {ACCEPTED_FA}.")
            }
            ImageProblem::Truncated { format } => format!(
                "این فایل {} ناقص است: پیش از پایان تصویر تمام می‌شود (کپی یا دانلودی که کامل نشده). عکس اصلی را دوباره انتخاب کنید یا عکس تازه‌ای بگیرید.",
                format_name(format)
            ),
            ImageProblem::Corrupt { format } => format!(
                "این فایل {} خوانده نمی‌شود: آسیب دیده یا به شیوهٔ نامعمولی ذخیره شده است. آن را روی رایانه باز کنید و دوباره به صورت JPEG ذخیره کنید، یا عکس تازه‌ای از کارت بگیرید.",
                format_name(format)
            ),
            ImageProblem::TooManyPixels { width, height } => format!(
                "این تصویر {width}×{height} پیکسل است، بیش از {} مگاپیکسل (و {MAX_SIDE} پیکسل در هر ضلع) که پذیرفته می‌شود. عکس را با اندازهٔ معمول دوربین بگیرید یا کوچکش کنید و دوباره انتخاب کنید.",
                MAX_PIXELS / 1_000_000
            ),
            ImageProblem::TooSmall { width, height } => format!(
                "این تصویر فقط {width}×{height} پیکسل است و برای خواندن کارت بسیار کوچک است. عکسی دست‌کم {MIN_LONG_SIDE}×{MIN_SHORT_SIDE} پیکسل انتخاب کنید که از نزدیک گرفته شده و کارت همهٔ قاب را پر کرده باشد."
            ),
            ImageProblem::Unreadable => "فایل باز نشد: شاید جابه‌جا یا پاک شده، روی دیسکی جداشده است، یا اجازهٔ خواندن آن را ندارید. آن را دوباره انتخاب کنید.".into(),
            ImageProblem::Failed => "پردازش عکس ممکن نشد. دوباره تلاش کنید، یا آن را به صورت JPEG ذخیره و همان را انتخاب کنید.".into(),
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

fn format_name(format: &str) -> &'static str {
    match format {
        "jpeg" => "JPEG",
        "png" => "PNG",
        "webp" => "WebP",
        "gif" => "GIF",
        "bmp" => "BMP",
        "tiff" => "TIFF",
        "avif" => "AVIF",
        "svg" => "SVG",
        "psd" => "Photoshop (PSD)",
        "jpeg2000" => "JPEG 2000",
        "jpegxl" => "JPEG XL",
        _ => "image",
    }
}

/// The three accepted formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

/// Tells what a file is from its first bytes, whatever its name says.
fn sniff(bytes: &[u8]) -> Result<Format, ImageProblem> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if starts(b"RIFF") && bytes.len() >= 12 {
        return match &bytes[8..12] {
            b"WEBP" => Ok(Format::WebP),
            b"AVI " => Err(ImageProblem::NotAnImage { kind: "video" }),
            _ => Err(ImageProblem::NotAnImage { kind: "unknown" }),
        };
    }
    // ISO base media (HEIF, AVIF, MP4, MOV): a box size, then "ftyp", the major brand and the
    // compatible brands.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let end = size.clamp(12, bytes.len());
        let brands: Vec<&[u8]> = std::iter::once(&bytes[8..12])
            .chain(bytes.get(16..end).unwrap_or_default().chunks_exact(4))
            .collect();
        let any = |set: &[&[u8]]| brands.iter().any(|b| set.contains(b));
        if any(&[b"avif", b"avis"]) {
            return Err(ImageProblem::Unsupported { format: "avif" });
        }
        if any(&[
            b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1",
            b"msf1",
        ]) {
            return Err(ImageProblem::Heic);
        }
        return Err(ImageProblem::NotAnImage { kind: "video" });
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Err(ImageProblem::Unsupported { format: "gif" });
    }
    if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        return Err(ImageProblem::Unsupported { format: "tiff" });
    }
    if starts(b"8BPS") {
        return Err(ImageProblem::Unsupported { format: "psd" });
    }
    if starts(b"\0\0\0\x0cjP  \r\n\x87\n") || starts(&[0xFF, 0x4F, 0xFF, 0x51]) {
        return Err(ImageProblem::Unsupported { format: "jpeg2000" });
    }
    if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return Err(ImageProblem::Unsupported { format: "jpegxl" });
    }
    // A PDF's header may come after a little junk (the format allows 1024 bytes).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ImageProblem::Pdf);
    }
    if starts(b"\x7fELF")
        || starts(b"MZ")
        || starts(&[0xFE, 0xED, 0xFA, 0xCE])
        || starts(&[0xFE, 0xED, 0xFA, 0xCF])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(&[0xCA, 0xFE, 0xBA, 0xBE])
        || starts(b"#!")
    {
        return Err(ImageProblem::NotAnImage { kind: "program" });
    }
    if starts(b"PK\x03\x04")
        || starts(b"PK\x05\x06")
        || starts(b"Rar!\x1a\x07")
        || starts(&[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])
        || starts(&[0x1F, 0x8B])
    {
        return Err(ImageProblem::NotAnImage { kind: "archive" });
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) || starts(b"{\\rtf") {
        return Err(ImageProblem::NotAnImage { kind: "document" });
    }
    if starts(b"BM") && bytes.len() >= 26 {
        return Err(ImageProblem::Unsupported { format: "bmp" });
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.contains("<svg") {
        return Err(ImageProblem::Unsupported { format: "svg" });
    }
    Err(ImageProblem::NotAnImage { kind: "unknown" })
}

/// Whether a JPEG stops before its end: walks the header segments to the first scan, then
/// looks for the end-of-image marker after it (inside entropy-coded data a 0xFF byte is
/// always followed by 0x00 or a restart marker, so FF D9 there is the real end). Segments are
/// skipped by their lengths, so the EXIF thumbnail's own end marker does not count. A header
/// too odd to walk is left to the decoder to judge.
fn jpeg_truncated(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let mut i = 2;
    loop {
        if i >= len {
            return true;
        }
        if bytes[i] != 0xFF {
            return false;
        }
        while i < len && bytes[i] == 0xFF {
            i += 1;
        }
        if i >= len {
            return true;
        }
        let marker = bytes[i];
        i += 1;
        match marker {
            0x01 | 0xD0..=0xD8 => continue,
            0xD9 => return false,
            _ => {
                if i + 2 > len {
                    return true;
                }
                let seg = usize::from(u16::from_be_bytes([bytes[i], bytes[i + 1]]));
                if seg < 2 {
                    return false;
                }
                let end = i + seg;
                if end > len {
                    return true;
                }
                if marker == 0xDA {
                    // The end marker is normally the last two bytes; search from the end.
                    return !bytes[end..].windows(2).rev().any(|w| w == [0xFF, 0xD9]);
                }
                i = end;
            }
        }
    }
}

/// Whether a PNG or WebP that failed to decode stops short (to tell "incomplete" from
/// "damaged").
fn looks_truncated(format: Format, bytes: &[u8]) -> bool {
    match format {
        Format::Jpeg => jpeg_truncated(bytes),
        Format::Png => !bytes
            .windows(8)
            .rev()
            .take(64)
            .any(|w| w == b"IEND\xAE\x42\x60\x82"),
        Format::WebP => {
            let declared = bytes
                .get(4..8)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize + 8);
            declared.is_some_and(|d| d > bytes.len())
        }
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// A decoder over `bytes` that has read the header only.
fn open_decoder<'a>(
    format: Format,
    bytes: &'a [u8],
) -> Result<Box<dyn ImageDecoder + 'a>, ImageError> {
    // The side limits are checked by hand first (to report the declared size); the allocation
    // ceiling applies from the start (the PNG decoder sizes its buffers by it).
    let mut header_limits = Limits::default();
    header_limits.max_alloc = Some(MAX_ALLOC);
    let reader = Cursor::new(bytes);
    Ok(match format {
        Format::Jpeg => Box::new(JpegDecoder::new(reader)?),
        Format::Png => Box::new(PngDecoder::with_limits(reader, header_limits)?),
        Format::WebP => Box::new(WebPDecoder::new(reader)?),
    })
}

fn decode_error(
    format: Format,
    bytes: &[u8],
    size: Option<(u32, u32)>,
    error: &ImageError,
) -> ImageProblem {
    match (error, size) {
        (ImageError::Limits(_), Some((width, height))) => {
            ImageProblem::TooManyPixels { width, height }
        }
        (ImageError::Limits(_), None) => ImageProblem::Failed,
        _ if looks_truncated(format, bytes) => ImageProblem::Truncated {
            format: format.name(),
        },
        _ => ImageProblem::Corrupt {
            format: format.name(),
        },
    }
}

/// Checks, orients, strips, downscales and re-encodes a photo (see the module documentation).
/// Blocking CPU work: call it from a blocking thread.
pub fn prepare(bytes: &[u8]) -> Result<PreparedImage, ImageProblem> {
    if bytes.is_empty() {
        return Err(ImageProblem::Empty);
    }
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(ImageProblem::TooLarge { bytes: size });
    }
    let format = sniff(bytes)?;
    if format == Format::Jpeg && jpeg_truncated(bytes) {
        return Err(ImageProblem::Truncated {
            format: format.name(),
        });
    }
    // A decoder bug on a hostile file must be a refusal, not a crash of the app.
    catch_unwind(AssertUnwindSafe(|| prepare_checked(format, bytes))).unwrap_or(Err(
        ImageProblem::Corrupt {
            format: format.name(),
        },
    ))
}

fn prepare_checked(format: Format, bytes: &[u8]) -> Result<PreparedImage, ImageProblem> {
    let mut decoder =
        open_decoder(format, bytes).map_err(|e| decode_error(format, bytes, None, &e))?;
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
        || decoder.total_bytes() > MAX_ALLOC
    {
        return Err(ImageProblem::TooManyPixels { width, height });
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (shown_w, shown_h) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    if width.min(height) < MIN_SHORT_SIDE || width.max(height) < MIN_LONG_SIDE {
        return Err(ImageProblem::TooSmall {
            width: shown_w,
            height: shown_h,
        });
    }
    decoder
        .set_limits(limits())
        .map_err(|_| ImageProblem::TooManyPixels { width, height })?;
    let decoded = DynamicImage::from_decoder(decoder)
        .map_err(|e| decode_error(format, bytes, Some((width, height)), &e))?;
    let rgb = flatten(decoded)?;

    // Scaling first and orienting the smaller image gives the same pixels as orienting first
    // (the target size is computed on the stored axes), for a quarter of the rotation's work.
    let (target_w, target_h) = fit(width, height, MAX_LONG_SIDE);
    let scaled = if (target_w, target_h) == (width, height) {
        rgb
    } else {
        resize_rgb(&rgb, target_w, target_h)?
    };
    let upright = orient(scaled, orientation);

    let sharpness = sharpness(&upright)?;
    let jpeg = encode_jpeg(&upright, JPEG_QUALITY)?;
    let sha256 = hex::encode(Sha256::digest(&jpeg));
    Ok(PreparedImage {
        width: upright.width(),
        height: upright.height(),
        jpeg,
        sha256,
        sharpness,
        blurry: sharpness < BLUR_THRESHOLD,
        source: SourceInfo {
            format: format.name(),
            width: shown_w,
            height: shown_h,
            bytes: bytes.len() as u64,
        },
    })
}

/// Reads the file (its size first: one over [`MAX_FILE_BYTES`] is refused unread) and prepares
/// it, on tokio's blocking pool.
pub async fn prepare_file(path: &Path) -> Result<PreparedImage, CoreError> {
    let path = path.to_path_buf();
    let outcome = tokio::task::spawn_blocking(move || -> Result<PreparedImage, ImageProblem> {
        // The size from the directory entry, before the file is even opened.
        let meta = std::fs::metadata(&path).map_err(|_| ImageProblem::Unreadable)?;
        if !meta.is_file() {
            return Err(ImageProblem::Unreadable);
        }
        let size = meta.len();
        if size == 0 {
            return Err(ImageProblem::Empty);
        }
        if size > MAX_FILE_BYTES {
            return Err(ImageProblem::TooLarge { bytes: size });
        }
        let file = std::fs::File::open(&path).map_err(|_| ImageProblem::Unreadable)?;
        // At most one byte past the limit, in case the file grew since its size was read.
        let mut bytes = Vec::with_capacity(size as usize);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| ImageProblem::Unreadable)?;
        prepare(&bytes)
    })
    .await;
    match outcome {
        Ok(result) => result.map_err(CoreError::from),
        Err(_) => Err(ImageProblem::Failed.into()),
    }
}

/// A small JPEG of the prepared image for the UI: at most `max_side` pixels on its long side
/// (clamped to 16..=[`MAX_LONG_SIDE`]), quality [`PREVIEW_QUALITY`]. Blocking CPU work (a few
/// milliseconds: it decodes the prepared JPEG, which is at most 2000 px).
pub fn preview_jpeg(image: &PreparedImage, max_side: u32) -> Result<Vec<u8>, ImageProblem> {
    let max_side = max_side.clamp(16, MAX_LONG_SIDE);
    let decoder =
        JpegDecoder::new(Cursor::new(image.jpeg.as_slice())).map_err(|_| ImageProblem::Failed)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(ImageProblem::Failed);
    }
    let rgb = DynamicImage::from_decoder(decoder)
        .map_err(|_| ImageProblem::Failed)?
        .into_rgb8();
    let (tw, th) = fit(w, h, max_side);
    if (tw, th) == (w, h) {
        return Ok(image.jpeg.clone());
    }
    encode_jpeg(&resize_rgb(&rgb, tw, th)?, PREVIEW_QUALITY)
}

/// 8-bit RGB; transparency laid over white, 16-bit samples reduced to 8.
fn flatten(image: DynamicImage) -> Result<RgbImage, ImageProblem> {
    if !image.color().has_alpha() {
        return Ok(image.into_rgb8());
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for p in rgba.as_raw().chunks_exact(4) {
        let a = u32::from(p[3]);
        for &c in &p[..3] {
            out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    RgbImage::from_raw(w, h, out).ok_or(ImageProblem::Failed)
}

/// The size that fits `width`×`height` into `max` on its long side, keeping the proportions;
/// unchanged when it already fits.
fn fit(width: u32, height: u32, max: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max {
        return (width, height);
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(max) + u64::from(long) / 2) / u64::from(long)).max(1) as u32
    };
    (scale(width), scale(height))
}

/// The size with the long side exactly `side` (scaled up or down), keeping the proportions.
fn fit_exact(width: u32, height: u32, side: u32) -> (u32, u32) {
    let long = u64::from(width.max(height)).max(1);
    let scale = |s: u32| ((u64::from(s) * u64::from(side) + long / 2) / long).max(1) as u32;
    (scale(width), scale(height))
}

/// Lanczos-3 resampling (SIMD where the processor has it).
fn resize_rgb(src: &RgbImage, width: u32, height: u32) -> Result<RgbImage, ImageProblem> {
    let pixels = resize_raw(
        src.as_raw(),
        src.width(),
        src.height(),
        width,
        height,
        fir::PixelType::U8x3,
    )?;
    RgbImage::from_raw(width, height, pixels).ok_or(ImageProblem::Failed)
}

fn resize_raw(
    src: &[u8],
    src_w: u32,
    src_h: u32,
    width: u32,
    height: u32,
    pixel: fir::PixelType,
) -> Result<Vec<u8>, ImageProblem> {
    let view =
        fir::images::ImageRef::new(src_w, src_h, src, pixel).map_err(|_| ImageProblem::Failed)?;
    let mut dst = fir::images::Image::new(width, height, pixel);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
    fir::Resizer::new()
        .resize(&view, &mut dst, &options)
        .map_err(|_| ImageProblem::Failed)?;
    Ok(dst.into_vec())
}

fn orient(image: RgbImage, orientation: Orientation) -> RgbImage {
    if orientation == Orientation::NoTransforms {
        return image;
    }
    let mut dynamic = DynamicImage::ImageRgb8(image);
    dynamic.apply_orientation(orientation);
    dynamic.into_rgb8()
}

/// Variance of the 4-neighbour Laplacian of the grayscale image scaled to [`SHARPNESS_SIDE`]
/// on its long side.
fn sharpness(image: &RgbImage) -> Result<f64, ImageProblem> {
    let gray: Vec<u8> = image
        .as_raw()
        .chunks_exact(3)
        .map(|p| {
            ((77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]) + 128) >> 8) as u8
        })
        .collect();
    let (w, h) = fit_exact(image.width(), image.height(), SHARPNESS_SIDE);
    let gray = if (w, h) == image.dimensions() {
        gray
    } else {
        resize_raw(
            &gray,
            image.width(),
            image.height(),
            w,
            h,
            fir::PixelType::U8,
        )?
    };
    Ok(laplacian_variance(&gray, w as usize, h as usize))
}

fn laplacian_variance(gray: &[u8], w: usize, h: usize) -> f64 {
    if w < 3 || h < 3 {
        return 0.0;
    }
    let mut sum: i64 = 0;
    let mut sum_sq: i64 = 0;
    for y in 1..h - 1 {
        let up = &gray[(y - 1) * w..y * w];
        let row = &gray[y * w..(y + 1) * w];
        let down = &gray[(y + 1) * w..(y + 2) * w];
        for x in 1..w - 1 {
            let l = 4 * i64::from(row[x])
                - i64::from(row[x - 1])
                - i64::from(row[x + 1])
                - i64::from(up[x])
                - i64::from(down[x]);
            sum += l;
            sum_sq += l * l;
        }
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    (sum_sq as f64 / n - mean * mean).max(0.0)
}

/// A baseline JPEG with the JFIF header and nothing else (no EXIF, ICC, XMP or comment).
fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, ImageProblem> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 6);
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|_| ImageProblem::Failed)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_the_long_side() {
        assert_eq!(fit(4000, 3000, 2000), (2000, 1500));
        assert_eq!(fit(3000, 4000, 2000), (1500, 2000));
        assert_eq!(fit(1200, 800, 2000), (1200, 800));
        assert_eq!(fit(12000, 1, 2000), (2000, 1));
        assert_eq!(fit_exact(600, 400, 1000), (1000, 667));
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Ok(Format::Jpeg));
        assert_eq!(sniff(b"%PDF-1.7\n"), Err(ImageProblem::Pdf));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            Err(ImageProblem::Heic)
        );
        assert_eq!(
            sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"),
            Err(ImageProblem::Unsupported { format: "avif" })
        );
        assert_eq!(
            sniff(b"\x7fELF\x02\x01\x01"),
            Err(ImageProblem::NotAnImage { kind: "program" })
        );
        assert_eq!(
            sniff(b"hello"),
            Err(ImageProblem::NotAnImage { kind: "unknown" })
        );
    }

    #[test]
    fn flat_image_has_no_laplacian() {
        assert_eq!(laplacian_variance(&[9u8; 100], 10, 10), 0.0);
    }

    #[test]
    fn every_problem_speaks_both_languages() {
        let all = [
            ImageProblem::Empty,
            ImageProblem::TooLarge { bytes: 52_428_800 },
            ImageProblem::Heic,
            ImageProblem::Pdf,
            ImageProblem::Unsupported { format: "gif" },
            ImageProblem::NotAnImage { kind: "program" },
            ImageProblem::Truncated { format: "jpeg" },
            ImageProblem::Corrupt { format: "png" },
            ImageProblem::TooManyPixels {
                width: 100_000,
                height: 100_000,
            },
            ImageProblem::TooSmall {
                width: 100,
                height: 80,
            },
            ImageProblem::Unreadable,
            ImageProblem::Failed,
        ];
        for p in all {
            assert!(p.code().starts_with("image_"));
            assert!(p.message_en().ends_with('.'), "{}", p.message_en());
            assert!(p.message_fa().ends_with('.'), "{}", p.message_fa());
            assert!(p
                .message_fa()
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        }
    }
}
