//! ID card photos made in code, for the tests and the benchmark of the ID card image pipeline:
//! the repository keeps no binary fixtures, and every input is reproducible from a seed.
//!
//! - [`card_photo`]: something like a phone photo of a national ID card (a table top, the card,
//!   a face-like photo area, rows of text-like strokes, sensor noise);
//! - [`jpeg_of`]: that image as a JPEG;
//! - [`with_metadata`]: a JPEG with what a phone adds and the merchant must not send: EXIF with
//!   an orientation, make, model and GPS position (Tehran), XMP, an ICC profile and a comment.
//!   Every piece carries a marker word (`Pishkhan…Secret…`, `SecretModel`) a test can look for.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, RgbImage};

/// A deterministic pseudo-random sequence (xorshift), for noise.
pub struct Noise(u64);

impl Noise {
    pub fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u32
    }
}

/// Something like a photo of an ID card: a lit table top (gradients), the card, a face-like
/// photo area, rows of text-like strokes, and sensor noise.
pub fn card_photo(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut noise = Noise(seed | 1);
    let (cx0, cy0) = (width / 10, height / 8);
    let (cx1, cy1) = (width - width / 10, height - height / 8);
    let cw = cx1 - cx0;
    let ch = cy1 - cy0;
    let glyph = (ch / 40).max(2);
    RgbImage::from_fn(width, height, |x, y| {
        let n = (noise.next() % 9) as i32 - 4;
        let mut rgb = if x < cx0 || x >= cx1 || y < cy0 || y >= cy1 {
            // The table: a warm diagonal gradient.
            let t = ((x + y) * 255 / (width + height)) as i32;
            [120 + t / 3, 90 + t / 4, 60 + t / 5]
        } else {
            let (u, v) = (x - cx0, y - cy0);
            if u > cw * 7 / 10 && u < cw * 95 / 100 && v > ch / 6 && v < ch * 5 / 6 {
                // The holder's photo: a smooth shaded oval on a blue ground.
                let du = (u as f64 - cw as f64 * 0.825) / (cw as f64 * 0.1);
                let dv = (v as f64 - ch as f64 * 0.45) / (ch as f64 * 0.25);
                if du * du + dv * dv < 1.0 {
                    let s = (200.0 - 60.0 * (du * du + dv * dv)) as i32;
                    [s, s * 4 / 5, s * 3 / 5]
                } else {
                    [70, 110, 170]
                }
            } else {
                // Lines of "text": strokes a glyph tall with gaps, on pale card stock.
                let line = v / (glyph * 3);
                let in_line = v % (glyph * 3) < glyph && line % 2 == 1 && u > cw / 20;
                let word = (u / glyph + line * 7) % 11;
                let stroke = in_line && word < 8 && (u % glyph) < glyph * 2 / 3;
                if stroke && u < cw * 2 / 3 {
                    [30, 30, 40]
                } else {
                    let g = 225 + (v * 20 / ch) as i32;
                    [g, g - 5, g - 25]
                }
            }
        };
        for c in &mut rgb {
            *c = (*c + n).clamp(0, 255);
        }
        image::Rgb([rgb[0] as u8, rgb[1] as u8, rgb[2] as u8])
    })
}

pub fn jpeg_of(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("encoding a JPEG in memory cannot fail");
    out
}

/// A big-endian TIFF structure (EXIF): IFD0 with Make, Model, Orientation and a pointer to a
/// GPS IFD holding latitude and longitude (Tehran).
pub fn exif_tiff(orientation: u16) -> Vec<u8> {
    fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    }
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    let make = b"PishkhanPhone\0";
    let model = b"SecretModel-9000\0";
    // Layout: header (8) | IFD0: 2 + 4*12 + 4 = 54 | make | model | GPS IFD | GPS rationals.
    let ifd0 = 8u32;
    let make_at = ifd0 + 2 + 4 * 12 + 4;
    let model_at = make_at + make.len() as u32;
    let gps_at = model_at + model.len() as u32;
    let gps_len = 2 + 4 * 12 + 4;
    let lat_at = gps_at + gps_len;
    let lon_at = lat_at + 24;
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0*");
    t.extend_from_slice(&ifd0.to_be_bytes());
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(
        &mut t,
        0x010F,
        ASCII,
        make.len() as u32,
        make_at.to_be_bytes(),
    );
    entry(
        &mut t,
        0x0110,
        ASCII,
        model.len() as u32,
        model_at.to_be_bytes(),
    );
    let o = orientation.to_be_bytes();
    entry(&mut t, 0x0112, SHORT, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, LONG, 1, gps_at.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(make);
    t.extend_from_slice(model);
    assert_eq!(t.len() as u32, gps_at);
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(&mut t, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, RATIONAL, 3, lat_at.to_be_bytes());
    entry(&mut t, 0x0003, ASCII, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, RATIONAL, 3, lon_at.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in [
        (35u32, 1u32),
        (41, 1),
        (2117, 100),
        (51, 1),
        (23, 1),
        (4467, 100),
    ] {
        t.extend_from_slice(&num.to_be_bytes());
        t.extend_from_slice(&den.to_be_bytes());
    }
    t
}

pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// `jpeg` with, right after SOI: EXIF (orientation + GPS), XMP, an ICC profile and a comment.
pub fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_tiff(orientation));
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(
        br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="35,41.35N" xmp:CreatorTool="PishkhanSecretEditor"/></x:xmpmeta>"#,
    );
    let mut icc = b"ICC_PROFILE\0\x01\x01".to_vec();
    icc.extend_from_slice(&[0u8; 128]);
    icc.extend_from_slice(b"desc PishkhanSecretProfile");
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xE1, &xmp));
    out.extend(segment(0xE2, &icc));
    out.extend(segment(0xFE, b"taken at home, PishkhanSecretComment"));
    out.extend_from_slice(&jpeg[2..]);
    out
}
