//! The tus upload headers on both sides of the wire: the platform's reading of `Upload-Offset`
//! / `Upload-Length` / `Content-Length`, `Upload-Checksum`, `Upload-Metadata` and the PATCH
//! content type (`pishkhan_platform::routes::uploads`, `pishkhan_platform::uploads`), and the
//! app's reading of the platform's offsets and of an upload's `Location`
//! (`pishkhan_core::platform_client`).
//!
//! Input: bytes split at `\n` into the parts below, in order (a missing part is empty):
//! offset header value, `Upload-Checksum`, `Upload-Metadata`, `Content-Type`, `Location`, the
//! first bytes of a finished upload.
//!
//! Properties, beyond not panicking:
//! - an offset the platform accepts is all digits, and the app reads the same number from the
//!   same header (whatever the platform takes or sends, the app understands alike); any `u64`
//!   the platform writes is read back by both as itself;
//! - a checksum header that parses names a known algorithm with a digest of its length, and
//!   written again parses the same; the app's own `sha256 <base64>` of a chunk parses to the
//!   chunk's digest;
//! - metadata that parses writes back and parses to the same pairs; the metadata the app sends
//!   at creation is accepted with its document and SHA-256; an accepted creation has a
//!   lowercase hex SHA-256 and an accepted file type;
//! - a `Location` the app accepts becomes a path under `/api/v1/uploads/` with a plain id (an
//!   upload never goes to another host or path), and the platform's own `Location`s are taken;
//! - the media type sniffed from a finished upload is one the platform accepts.
#![no_main]

use std::sync::OnceLock;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;
use pishkhan_api::{
    KycDocument, API_PREFIX, METADATA_DOCUMENT, METADATA_FILETYPE, METADATA_SHA256, UPLOADS_PATH,
};
use pishkhan_core::platform_client::{header_number, upload_id, PlatformClient};
use pishkhan_platform::routes::uploads::{
    creation_metadata, is_offset_stream, number, parse_metadata, UPLOAD_LENGTH, UPLOAD_OFFSET,
};
use pishkhan_platform::uploads::{self, ChecksumAlgorithm, ChunkChecksum};
use sha2::{Digest, Sha256};

const BASE: &str = "http://127.0.0.1:8787";

fn client() -> &'static PlatformClient {
    static CLIENT: OnceLock<PlatformClient> = OnceLock::new();
    CLIENT.get_or_init(|| PlatformClient::new(BASE).expect("a client for a loopback URL"))
}

fn offsets(raw: &[u8]) {
    // What the platform writes: any u64, read back by both sides.
    let mut eight = [0u8; 8];
    for (i, b) in raw.iter().take(8).enumerate() {
        eight[i] = *b;
    }
    let n = u64::from_le_bytes(eight);
    let mut written = HeaderMap::new();
    written.insert(UPLOAD_OFFSET, HeaderValue::from(n));
    written.insert(UPLOAD_LENGTH, HeaderValue::from(n));
    assert_eq!(header_number(&written, "Upload-Offset"), Some(n));
    assert_eq!(header_number(&written, "Upload-Length"), Some(n));
    assert_eq!(number(&written, &UPLOAD_OFFSET).ok(), Some(Some(n)));

    let Ok(value) = HeaderValue::from_bytes(raw) else {
        return;
    };
    let mut headers = HeaderMap::new();
    headers.insert(UPLOAD_OFFSET, value.clone());
    headers.insert(CONTENT_LENGTH, value.clone());
    let platform = number(&headers, &UPLOAD_OFFSET);
    let app = header_number(&headers, "Upload-Offset");
    match &platform {
        Ok(Some(n)) => {
            let text = value.to_str().expect("an accepted number is text").trim();
            assert!(!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(text.parse::<u64>().ok(), Some(*n));
            assert_eq!(app, Some(*n), "the app reads {text:?} differently");
        }
        Ok(None) => unreachable!("the header is there"),
        Err(e) => assert_eq!(e.status(), http::StatusCode::BAD_REQUEST),
    }
    if let Some(n) = app {
        let text = value.to_str().unwrap().trim();
        assert_eq!(text.parse::<u64>().ok(), Some(n));
    }
    assert_eq!(
        number(&headers, &CONTENT_LENGTH).ok(),
        platform.ok(),
        "the same rule for every number header"
    );
    assert_eq!(number(&HeaderMap::new(), &UPLOAD_OFFSET).ok(), Some(None));
}

fn checksum(raw: &[u8]) {
    // The app's own header for this chunk.
    let digest = Sha256::digest(raw).to_vec();
    let ours = format!("sha256 {}", STANDARD.encode(&digest));
    let parsed = ChunkChecksum::parse(&ours).expect("the app's checksum header parses");
    assert_eq!(parsed.algorithm, ChecksumAlgorithm::Sha256);
    assert_eq!(parsed.digest, digest);

    let Ok(text) = std::str::from_utf8(raw) else {
        return;
    };
    match ChunkChecksum::parse(text) {
        Ok(c) => {
            let (name, len) = match c.algorithm {
                ChecksumAlgorithm::Sha1 => ("sha1", 20),
                ChecksumAlgorithm::Sha256 => ("sha256", 32),
            };
            assert_eq!(c.digest.len(), len);
            assert!(text.trim().starts_with(name));
            let again = format!("{name} {}", STANDARD.encode(&c.digest));
            assert_eq!(ChunkChecksum::parse(&again).ok(), Some(c));
        }
        Err(e) => {
            assert_eq!(e.status(), http::StatusCode::BAD_REQUEST);
            assert!(matches!(
                e.code(),
                "checksum_invalid" | "checksum_algorithm_not_supported"
            ));
        }
    }
}

fn metadata(raw: &[u8]) {
    // What the app sends at creation (`PlatformClient::create_upload`).
    let sha = hex_of(&Sha256::digest(raw));
    for document in [KycDocument::IdFront, KycDocument::IdBack] {
        let b64 = |s: &str| STANDARD.encode(s);
        let sent = format!(
            "{METADATA_DOCUMENT} {},{METADATA_SHA256} {},{METADATA_FILETYPE} {}",
            b64(document.as_str()),
            b64(&sha),
            b64("image/jpeg")
        );
        let taken = creation_metadata(&sent).expect("the app's metadata is accepted");
        assert_eq!(taken.document, document);
        assert_eq!(taken.sha256, sha);
        assert_eq!(taken.filetype.as_deref(), Some("image/jpeg"));
    }

    let Ok(text) = std::str::from_utf8(raw) else {
        return;
    };
    if let Ok(pairs) = parse_metadata(text) {
        assert!(!pairs.is_empty());
        let again: Vec<String> = pairs
            .iter()
            .map(|(k, v)| {
                assert!(!k.is_empty() && k.bytes().all(|b| b.is_ascii_graphic() && b != b','));
                if v.is_empty() {
                    k.clone()
                } else {
                    format!("{k} {}", STANDARD.encode(v))
                }
            })
            .collect();
        assert_eq!(parse_metadata(&again.join(",")).ok(), Some(pairs));
    }
    if let Ok(c) = creation_metadata(text) {
        assert!(text.len() <= 4096);
        assert_eq!(c.sha256.len(), 64);
        assert!(c
            .sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
        if let Some(t) = &c.filetype {
            assert!(uploads::ACCEPTED_TYPES.contains(&t.as_str()));
        }
    }
}

fn content_type(raw: &[u8]) {
    let Ok(value) = HeaderValue::from_bytes(raw) else {
        return;
    };
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, value.clone());
    if is_offset_stream(&headers) {
        let text = value.to_str().unwrap();
        let media = text.split(';').next().unwrap().trim();
        assert!(media.eq_ignore_ascii_case("application/offset+octet-stream"));
    }
}

fn location(raw: &[u8]) {
    let prefix = format!("{API_PREFIX}{UPLOADS_PATH}/");
    // The platform's own Location, as a path and absolute.
    let id = uploads::new_id();
    let own = format!("{prefix}{id}");
    assert_eq!(
        client().upload_path(&own).ok().as_deref(),
        Some(own.as_str())
    );
    assert_eq!(
        client()
            .upload_path(&format!("{BASE}{own}"))
            .ok()
            .as_deref(),
        Some(own.as_str())
    );

    let Ok(text) = std::str::from_utf8(raw) else {
        return;
    };
    if let Ok(path) = client().upload_path(text) {
        let id = path.strip_prefix(&prefix).expect("under the uploads path");
        assert!(!id.is_empty());
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(upload_id(&path), id);
        assert!(text.ends_with(&path), "{text:?} became {path:?}");
    }
    if uploads::valid_id(text) {
        assert!(text.len() == 32 && !text.contains(['/', '.', '\\']));
    }
}

fn sniffed(head: &[u8]) {
    if let Some(t) = uploads::sniff(head) {
        assert!(uploads::ACCEPTED_TYPES.contains(&t));
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(6, |&b| b == b'\n');
    let mut next = || parts.next().unwrap_or_default();
    offsets(next());
    checksum(next());
    metadata(next());
    content_type(next());
    location(next());
    sniffed(next());
});
