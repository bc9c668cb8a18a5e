//! The bytes of tus uploads: one file per upload in `<data_dir>/uploads/<id>`, written as a
//! PATCH body streams in, and the checks a finished file must pass.
//!
//! Why files beside the database rather than blobs in it: ID card images are up to 10 MB and
//! arrive in pieces; a file takes each piece at its offset without rewriting the rest, and
//! SQLite keeps only the bookkeeping (`store::uploads`).
//!
//! The promises this module keeps:
//! - memory stays bounded: a body is written frame by frame as it arrives, never gathered;
//! - the offset SQLite records never runs ahead of the disk: the file is fsynced before the
//!   new offset is recorded, and a PATCH first cuts the file back to the recorded offset, so
//!   bytes written before a crash but never recorded are simply received again;
//! - a chunk that fails its `Upload-Checksum`, or would go past `Upload-Length`, leaves nothing
//!   behind; a body cut off without a checksum keeps what arrived (tus lets the client resume
//!   from there), one cut off with a checksum keeps nothing (a partial chunk cannot match it);
//! - one PATCH at a time per upload ([`UploadFiles::claim`]);
//! - a client going away does not stop the bookkeeping halfway: the route runs [`append`] in a
//!   task of its own, which finishes (sync, record) even when the request is dropped.

use std::collections::HashSet;
use std::io::{Read, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::StatusCode;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use futures_util::StreamExt;
use rand::RngCore;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

use crate::error::{PlatformError, Result};
use crate::store::uploads::{self as rows, UploadRow};

/// How long a PATCH body may stay silent before it counts as cut off.
const IDLE_LIMIT: Duration = Duration::from_secs(60);

/// The media types an ID card image may be (recognised by their magic numbers).
pub const ACCEPTED_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// Error codes of a finished upload that failed its checks.
pub const CORRUPT: &str = "upload_corrupt";
pub const TYPE_NOT_SUPPORTED: &str = "upload_type_not_supported";

/// A fresh upload id: 16 random bytes as 32 lowercase hex characters.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether `id` has the shape of an id this platform hands out. Checked before an id becomes
/// part of a file path.
pub fn valid_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The folder of upload files, and which uploads a PATCH is writing right now.
pub struct UploadFiles {
    dir: PathBuf,
    busy: Mutex<HashSet<String>>,
}

/// Held while a PATCH writes an upload; dropping it lets the next one in.
pub struct Claim {
    files: Arc<UploadFiles>,
    id: String,
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.files.busy_set().remove(&self.id);
    }
}

fn io_error(what: &str, e: std::io::Error) -> PlatformError {
    PlatformError::Internal(format!("{what}: {e}"))
}

impl UploadFiles {
    /// `<data_dir>/uploads`, created when missing.
    pub fn open(data_dir: &Path) -> Result<Arc<UploadFiles>> {
        let dir = data_dir.join("uploads");
        std::fs::create_dir_all(&dir)
            .map_err(|e| io_error(&format!("cannot create {}", dir.display()), e))?;
        Ok(Arc::new(UploadFiles {
            dir,
            busy: Mutex::new(HashSet::new()),
        }))
    }

    fn busy_set(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // The set stays consistent even if a holder panicked: insert and remove are single calls.
        self.busy.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The file of an upload whose id passed [`valid_id`].
    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }

    /// Claims an upload for writing; `None` while another PATCH holds it.
    pub fn claim(self: &Arc<Self>, id: &str) -> Option<Claim> {
        if self.busy_set().insert(id.to_string()) {
            Some(Claim {
                files: Arc::clone(self),
                id: id.to_string(),
            })
        } else {
            None
        }
    }

    /// Creates the empty file of a new upload, durably (the folder is synced too, so the file
    /// is still there after a crash once the upload's creation was answered).
    pub async fn create(&self, id: &str) -> Result<()> {
        let path = self.path(id);
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            file.sync_all()?;
            std::fs::File::open(&dir)?.sync_all()
        })
        .await
        .map_err(|e| PlatformError::Internal(e.to_string()))?
        .map_err(|e| io_error("cannot create an upload file", e))
    }

    /// Removes an upload's file (a missing file is fine).
    pub async fn remove(&self, id: &str) {
        if let Err(e) = tokio::fs::remove_file(self.path(id)).await {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(upload = id, error = %e, "cannot remove an upload file");
            }
        }
    }

    /// The bytes of an upload as stored.
    pub async fn read(&self, id: &str) -> Result<Vec<u8>> {
        match tokio::fs::read(self.path(id)).await {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(io_error("cannot read an upload file", e)),
        }
    }

    /// SHA-256 (lowercase hex) of the file as it is on disk, and its size.
    pub async fn sha256(&self, id: &str) -> Result<(String, u64)> {
        let scan = scan_file(self.path(id)).await?;
        Ok((scan.sha256, scan.size))
    }
}

/// What reading a whole file found.
struct Scan {
    sha256: String,
    size: u64,
    /// Its first bytes, for the magic number.
    head: Vec<u8>,
}

/// Reads a file in blocks (a missing file reads as empty).
async fn scan_file(path: PathBuf) -> Result<Scan> {
    tokio::task::spawn_blocking(move || -> std::io::Result<Scan> {
        let mut file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Scan {
                    sha256: hex::encode(Sha256::digest(b"")),
                    size: 0,
                    head: Vec::new(),
                })
            }
            Err(e) => return Err(e),
        };
        let mut hasher = Sha256::new();
        let mut head = Vec::with_capacity(16);
        let mut size = 0u64;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            if head.len() < 16 {
                let take = (16 - head.len()).min(n);
                head.extend_from_slice(&buf[..take]);
            }
            hasher.update(&buf[..n]);
            size += n as u64;
        }
        Ok(Scan {
            sha256: hex::encode(hasher.finalize()),
            size,
            head,
        })
    })
    .await
    .map_err(|e| PlatformError::Internal(e.to_string()))?
    .map_err(|e| io_error("cannot read an upload file", e))
}

/// The media type the bytes start like: JPEG, PNG or WebP, by their magic numbers.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The algorithms of `Upload-Checksum` (tus requires `sha1`; the app uses `sha256`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumAlgorithm {
    Sha1,
    Sha256,
}

impl ChecksumAlgorithm {
    /// As `Tus-Checksum-Algorithm` lists them.
    pub const ADVERTISED: &'static str = "sha1,sha256";

    fn digest_len(self) -> usize {
        match self {
            ChecksumAlgorithm::Sha1 => 20,
            ChecksumAlgorithm::Sha256 => 32,
        }
    }
}

/// A parsed `Upload-Checksum: <algorithm> <base64 digest>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkChecksum {
    pub algorithm: ChecksumAlgorithm,
    pub digest: Vec<u8>,
}

impl ChunkChecksum {
    /// Parses the header; an unknown algorithm or a malformed digest is a 400, as tus says.
    pub fn parse(header: &str) -> Result<ChunkChecksum> {
        let bad = |why: &str| {
            PlatformError::refused(
                StatusCode::BAD_REQUEST,
                "checksum_invalid",
                format!("Upload-Checksum {why}"),
            )
        };
        let (name, value) = header
            .trim()
            .split_once(' ')
            .ok_or_else(|| bad("must be `<algorithm> <base64 digest>`"))?;
        let algorithm = match name {
            "sha1" => ChecksumAlgorithm::Sha1,
            "sha256" => ChecksumAlgorithm::Sha256,
            _ => {
                return Err(PlatformError::refused(
                    StatusCode::BAD_REQUEST,
                    "checksum_algorithm_not_supported",
                    format!(
                        "Upload-Checksum: the algorithm is not supported (use one of {})",
                        ChecksumAlgorithm::ADVERTISED
                    ),
                ))
            }
        };
        let digest = STANDARD
            .decode(value.trim())
            .map_err(|_| bad("has a digest that is not base64"))?;
        if digest.len() != algorithm.digest_len() {
            return Err(bad("has a digest of the wrong length for its algorithm"));
        }
        Ok(ChunkChecksum { algorithm, digest })
    }

    fn hasher(&self) -> ChunkHasher {
        match self.algorithm {
            ChecksumAlgorithm::Sha1 => ChunkHasher::Sha1(Sha1::new()),
            ChecksumAlgorithm::Sha256 => ChunkHasher::Sha256(Sha256::new()),
        }
    }
}

enum ChunkHasher {
    Sha1(Sha1),
    Sha256(Sha256),
}

impl ChunkHasher {
    fn update(&mut self, bytes: &[u8]) {
        match self {
            ChunkHasher::Sha1(h) => h.update(bytes),
            ChunkHasher::Sha256(h) => h.update(bytes),
        }
    }

    fn finish(self) -> Vec<u8> {
        match self {
            ChunkHasher::Sha1(h) => h.finalize().to_vec(),
            ChunkHasher::Sha256(h) => h.finalize().to_vec(),
        }
    }
}

/// How receiving one PATCH body ended.
#[derive(Debug, PartialEq, Eq)]
enum Received {
    /// The file holds (synced) every byte up to `end`; `broken` when the body was cut off.
    Stored { end: u64, broken: bool },
    /// Nothing kept: the chunk did not match its checksum.
    ChecksumMismatch,
    /// Nothing kept: the body went past the upload's length.
    TooLong,
    /// Nothing kept: the body was cut off and announced a checksum a partial chunk cannot match.
    BrokenDiscarded,
}

/// Writes `body` into the file at `offset`, at most `room` bytes, as it arrives.
async fn receive(
    path: &Path,
    offset: u64,
    room: u64,
    body: Body,
    checksum: Option<&ChunkChecksum>,
) -> Result<Received> {
    let io = |e| io_error("cannot write an upload file", e);
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .await
        .map_err(io)?;
    // Bytes past the recorded offset were never acknowledged (a crash, or a chunk whose
    // answer never went out): the client sends them again from the recorded offset.
    file.set_len(offset).await.map_err(io)?;
    file.seek(SeekFrom::Start(offset)).await.map_err(io)?;

    let mut hasher = checksum.map(ChunkChecksum::hasher);
    let mut stream = body.into_data_stream();
    let mut received = 0u64;
    let mut broken = false;
    let mut too_long = false;
    loop {
        let frame = match tokio::time::timeout(IDLE_LIMIT, stream.next()).await {
            Ok(Some(Ok(bytes))) => bytes,
            Ok(None) => break,
            // The connection broke, or the client went silent.
            Ok(Some(Err(_))) | Err(_) => {
                broken = true;
                break;
            }
        };
        let n = frame.len() as u64;
        if received + n > room {
            too_long = true;
            break;
        }
        file.write_all(&frame).await.map_err(io)?;
        if let Some(h) = hasher.as_mut() {
            h.update(&frame);
        }
        received += n;
    }
    file.flush().await.map_err(io)?;

    let discard = too_long
        || (checksum.is_some() && broken)
        || match (checksum, hasher) {
            (Some(c), Some(h)) => h.finish() != c.digest,
            _ => false,
        };
    if discard {
        file.set_len(offset).await.map_err(io)?;
        file.sync_data().await.map_err(io)?;
        return Ok(if too_long {
            Received::TooLong
        } else if broken {
            Received::BrokenDiscarded
        } else {
            Received::ChecksumMismatch
        });
    }
    // On disk before the offset is recorded: the record never runs ahead of the bytes.
    file.sync_data().await.map_err(io)?;
    Ok(Received::Stored {
        end: offset + received,
        broken,
    })
}

/// Checks a file that has all its bytes: its SHA-256 must be the declared one and it must be
/// an accepted image. Answers the media type, or the error code it fails with.
async fn verdict(
    path: PathBuf,
    upload: &UploadRow,
) -> Result<std::result::Result<&'static str, &'static str>> {
    let scan = scan_file(path).await?;
    if scan.size != upload.length || scan.sha256 != upload.sha256 {
        return Ok(Err(CORRUPT));
    }
    Ok(sniff(&scan.head).ok_or(TYPE_NOT_SUPPORTED))
}

fn interrupted() -> PlatformError {
    PlatformError::refused(
        StatusCode::BAD_REQUEST,
        "upload_interrupted",
        "the body ended early; ask for the offset (HEAD) and resume from there",
    )
}

/// Appends one PATCH body to an upload still receiving (`upload.received` is the offset the
/// client sent) and records the outcome; answers the new offset. When the last byte arrives
/// the whole file is checked: a mismatch marks the upload failed and answers 422.
pub async fn append(
    db: SqlitePool,
    files: Arc<UploadFiles>,
    upload: UploadRow,
    body: Body,
    checksum: Option<ChunkChecksum>,
    claim: Claim,
) -> Result<u64> {
    let _claim = claim;
    let path = files.path(&upload.id);
    let from = upload.received;
    let room = upload.length.saturating_sub(from);
    let (end, broken) = match receive(&path, from, room, body, checksum.as_ref()).await? {
        Received::Stored { end, broken } => (end, broken),
        Received::TooLong => {
            return Err(PlatformError::refused(
                StatusCode::PAYLOAD_TOO_LARGE,
                "upload_too_large",
                "the chunk goes past Upload-Length; none of it was kept",
            ))
        }
        Received::ChecksumMismatch => {
            return Err(PlatformError::refused(
                checksum_mismatch_status(),
                "upload_checksum_mismatch",
                "the chunk does not match its Upload-Checksum; none of it was kept",
            ))
        }
        Received::BrokenDiscarded => return Err(interrupted()),
    };
    if end == upload.length {
        let verdict = verdict(path, &upload).await?;
        if !rows::record_finished(&db, &upload.id, from, end, verdict).await? {
            return Err(PlatformError::NotFound("upload"));
        }
        match verdict {
            Ok(filetype) => {
                tracing::info!(upload = %upload.id, filetype, size = end, "upload complete");
            }
            Err(code) => {
                tracing::info!(upload = %upload.id, code, "upload failed its checks");
                return Err(finished_failure(code));
            }
        }
    } else if end != from && !rows::record_received(&db, &upload.id, from, end).await? {
        return Err(PlatformError::NotFound("upload"));
    }
    if broken {
        return Err(interrupted());
    }
    Ok(end)
}

/// tus's `460 Checksum Mismatch`.
pub fn checksum_mismatch_status() -> StatusCode {
    StatusCode::from_u16(460).unwrap_or(StatusCode::BAD_REQUEST)
}

/// The error of an upload that failed its checks when its last byte arrived (`code` is
/// [`CORRUPT`] or [`TYPE_NOT_SUPPORTED`]).
pub fn finished_failure(code: &str) -> PlatformError {
    if code == TYPE_NOT_SUPPORTED {
        PlatformError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            TYPE_NOT_SUPPORTED,
            "the file is not a JPEG, PNG or WebP image; start a new upload",
        )
    } else {
        PlatformError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            CORRUPT,
            "the file does not match the SHA-256 declared at creation; start a new upload",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some("image/jpeg")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"%PDF-1.7\n"), None);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(&[0xFF, 0xD8]), None);
    }

    #[test]
    fn checksum_headers() {
        let sha1 = ChunkChecksum::parse("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=").unwrap();
        assert_eq!(sha1.algorithm, ChecksumAlgorithm::Sha1);
        assert_eq!(sha1.digest, Sha1::digest(b"hello world").to_vec());
        let e = ChunkChecksum::parse("md5 XrY7u+Ae7tCTyyK7j1rNww==").unwrap_err();
        assert_eq!(e.code(), "checksum_algorithm_not_supported");
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        assert!(ChunkChecksum::parse("sha256 not-base64!").is_err());
        assert!(ChunkChecksum::parse("sha256 Kq5sNclPz7QV2+lfQIuc6R7oRu0=").is_err());
        assert!(ChunkChecksum::parse("sha256").is_err());
    }

    #[test]
    fn ids_are_hex_and_checked_before_touching_paths() {
        let id = new_id();
        assert!(valid_id(&id));
        assert_ne!(id, new_id());
        assert!(!valid_id("../../platform.db"));
        assert!(!valid_id(&id.to_uppercase()));
        assert!(!valid_id(&id[..31]));
    }

    fn body_of(parts: Vec<std::result::Result<&'static [u8], &'static str>>) -> Body {
        let stream = futures_util::stream::iter(parts.into_iter().map(|p| {
            p.map(axum::body::Bytes::from_static)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::ConnectionReset, e))
        }));
        Body::from_stream(stream)
    }

    #[tokio::test]
    async fn a_cut_body_keeps_its_bytes_only_without_a_checksum() {
        let dir = tempfile_dir();
        let path = dir.join("u");
        std::fs::write(&path, b"0123456789-stale").unwrap();
        // Bytes past the recorded offset (10) are cut away before writing.
        let got = receive(&path, 10, 100, body_of(vec![Ok(b"abc"), Err("cut")]), None)
            .await
            .unwrap();
        assert_eq!(
            got,
            Received::Stored {
                end: 13,
                broken: true
            }
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789abc");

        let sum = ChunkChecksum {
            algorithm: ChecksumAlgorithm::Sha256,
            digest: Sha256::digest(b"defgh").to_vec(),
        };
        let got = receive(
            &path,
            13,
            100,
            body_of(vec![Ok(b"de"), Err("cut")]),
            Some(&sum),
        )
        .await
        .unwrap();
        assert_eq!(got, Received::BrokenDiscarded);
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789abc");

        let got = receive(&path, 13, 100, body_of(vec![Ok(b"dXfgh")]), Some(&sum))
            .await
            .unwrap();
        assert_eq!(got, Received::ChecksumMismatch);
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789abc");

        let got = receive(&path, 13, 4, body_of(vec![Ok(b"de"), Ok(b"fgh")]), None)
            .await
            .unwrap();
        assert_eq!(got, Received::TooLong);
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789abc");

        let got = receive(
            &path,
            13,
            5,
            body_of(vec![Ok(b"de"), Ok(b"fgh")]),
            Some(&sum),
        )
        .await
        .unwrap();
        assert_eq!(
            got,
            Received::Stored {
                end: 18,
                broken: false
            }
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789abcdefgh");
        let _ = std::fs::remove_dir_all(dir);
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pishkhan-uploads-{}", new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
