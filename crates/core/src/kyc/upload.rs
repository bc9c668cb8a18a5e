//! The resumable upload of one ID card image (tus 1.0), resumed from the platform's offset
//! after a cut connection, a pause or a restart.
//!
//! The upload's URL is saved the moment the platform creates it and the offset after every
//! chunk the platform confirms, so an app killed mid-upload asks the platform (`HEAD`) where to
//! go on instead of starting over. The platform's offset is always the truth: a chunk whose
//! answer was lost is simply sent again from there. Each chunk carries its SHA-256 and the
//! upload was created with the whole image's, so the platform stores exactly the bytes this
//! computer prepared.

use std::sync::atomic::{AtomicBool, Ordering};

use pishkhan_api::KycDocument;
use serde::Serialize;
use sqlx::Row;
use ts_rs::TS;

use crate::cache::Cache;
use crate::error::{CoreError, Result};
use crate::kyc::draft::ImageBytes;
use crate::platform_client::{upload_id, UploadOffset};
use crate::sync::AuthorizedClient;

/// Bytes per `PATCH`: small enough that a cut loses little and the progress bar moves, large
/// enough that a 1 MB image takes a handful of requests.
pub const CHUNK_BYTES: usize = 128 * 1024;
/// Overrides [`CHUNK_BYTES`] (tests cut uploads at many offsets with small chunks).
pub const CHUNK_ENV: &str = "PISHKHAN_UPLOAD_CHUNK_BYTES";
/// How many times a chunk that arrived damaged is sent again before giving up for now.
const MAX_RESENDS: u32 = 3;
/// How many times one call asks the platform for the offset (after a mismatch, a lost upload)
/// before giving up until the next attempt.
const MAX_ROUNDS: u32 = 10;
/// How long to wait when the platform is still busy with a PATCH of this upload (one whose
/// connection was cut while the platform went on reading it).
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// How far an image's upload has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UploadProgress {
    pub document: KycDocument,
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub total: u64,
    pub complete: bool,
}

fn chunk_bytes() -> usize {
    std::env::var(CHUNK_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1024)
        .unwrap_or(CHUNK_BYTES)
}

/// Whether the platform's `HEAD` answer describes an upload of these `total` bytes that can go
/// on: the same length, and an offset within it. Anything else means the platform's upload is
/// not this image's (or was lost), and a new one is started.
pub fn resumable(head: UploadOffset, total: u64) -> bool {
    head.length == total && head.offset <= total
}

/// Whether the platform's answer to a `PATCH` sent from `offset` (its new offset `next`)
/// follows: forward, and within the `total` bytes.
pub fn follows(offset: u64, next: u64, total: u64) -> bool {
    next > offset && next <= total
}

/// The bytes of the chunk sent from `offset`: at most `chunk` of them, never past `len` (an
/// offset [`resumable`] or [`follows`] accepted is at most `len`; a larger one gives an empty
/// range rather than a panic).
pub fn chunk_range(offset: u64, chunk: usize, len: usize) -> std::ops::Range<usize> {
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(len);
    start..start.saturating_add(chunk).min(len)
}

/// The saved state of an upload.
struct Saved {
    sha256: String,
    url: Option<String>,
    offset: u64,
}

async fn saved(cache: &Cache, document: KycDocument) -> Result<Option<Saved>> {
    let row = sqlx::query(r#"SELECT sha256, url, "offset" FROM kyc_uploads WHERE document = ?1"#)
        .bind(document.as_str())
        .fetch_optional(cache.pool())
        .await?;
    row.map(|r| {
        Ok(Saved {
            sha256: r.try_get("sha256")?,
            url: r.try_get("url")?,
            offset: r.try_get::<i64, _>("offset")?.max(0) as u64,
        })
    })
    .transpose()
}

/// Forgets any upload of `document` and starts a record for an image of this hash.
async fn start_over(cache: &Cache, document: KycDocument, image: &ImageBytes) -> Result<()> {
    sqlx::query(
        r#"INSERT INTO kyc_uploads (document, sha256, length, url, upload_id, "offset", complete)
           VALUES (?1, ?2, ?3, NULL, NULL, 0, 0)
           ON CONFLICT (document) DO UPDATE SET sha256 = excluded.sha256,
             length = excluded.length, url = NULL, upload_id = NULL, "offset" = 0, complete = 0"#,
    )
    .bind(document.as_str())
    .bind(&image.sha256)
    .bind(image.jpeg.len() as i64)
    .execute(cache.pool())
    .await?;
    Ok(())
}

async fn save_url(cache: &Cache, document: KycDocument, url: &str) -> Result<()> {
    sqlx::query("UPDATE kyc_uploads SET url = ?2, upload_id = ?3 WHERE document = ?1")
        .bind(document.as_str())
        .bind(url)
        .bind(upload_id(url))
        .execute(cache.pool())
        .await?;
    Ok(())
}

async fn save_offset(
    cache: &Cache,
    document: KycDocument,
    offset: u64,
    complete: bool,
) -> Result<()> {
    sqlx::query(r#"UPDATE kyc_uploads SET "offset" = ?2, complete = ?3 WHERE document = ?1"#)
        .bind(document.as_str())
        .bind(offset as i64)
        .bind(complete)
        .execute(cache.pool())
        .await?;
    Ok(())
}

/// Progress of every upload on record.
pub async fn progress(cache: &Cache) -> Result<Vec<UploadProgress>> {
    let rows = sqlx::query(
        r#"SELECT document, "offset", length, complete FROM kyc_uploads ORDER BY document DESC"#,
    )
    .fetch_all(cache.pool())
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let name: String = r.try_get("document")?;
        if let Some(document) = KycDocument::parse(&name) {
            out.push(UploadProgress {
                document,
                sent: r.try_get::<i64, _>("offset")?.max(0) as u64,
                total: r.try_get::<i64, _>("length")?.max(0) as u64,
                complete: r.try_get("complete")?,
            });
        }
    }
    out.sort_by_key(|p| p.document);
    Ok(out)
}

/// Uploads `image` as `document`, resuming a saved upload of the same bytes; answers the
/// platform's upload id once every byte is there. Stops with [`CoreError::UploadPaused`] when
/// `pause` is set (between chunks; what was confirmed stays confirmed).
pub(crate) async fn upload(
    cache: &Cache,
    api: &AuthorizedClient,
    document: KycDocument,
    image: &ImageBytes,
    pause: &AtomicBool,
    report: &(dyn Fn(UploadProgress) + Send + Sync),
) -> Result<String> {
    let total = image.jpeg.len() as u64;
    let mut state = match saved(cache, document).await? {
        Some(s) if s.sha256 == image.sha256 => s,
        _ => {
            start_over(cache, document, image).await?;
            Saved {
                sha256: image.sha256.clone(),
                url: None,
                offset: 0,
            }
        }
    };
    // A finished upload is confirmed with the platform (one HEAD below) rather than believed:
    // the platform may have lost it since.
    let chunk = chunk_bytes();
    let mut resends = 0;
    for _round in 0..MAX_ROUNDS {
        let url = match &state.url {
            Some(url) => url.clone(),
            None => {
                let url = api
                    .authorized(|t| async move {
                        api.client()
                            .create_upload(&t, document, total, &image.sha256)
                            .await
                    })
                    .await?;
                save_url(cache, document, &url).await?;
                tracing::info!(
                    document = document.as_str(),
                    bytes = total,
                    "upload created"
                );
                state.url = Some(url.clone());
                state.offset = 0;
                url
            }
        };
        // Where the platform is: the only offset to trust after a cut or a restart.
        let url_ref = url.as_str();
        let at = match api
            .authorized(|t| async move { api.client().upload_offset(&t, url_ref).await })
            .await
        {
            Ok(at) if resumable(at, total) => at.offset,
            // The platform will never take this image as it is: no point uploading it again.
            Err(e @ CoreError::Platform { .. })
                if e.platform_code() == Some("upload_type_not_supported") =>
            {
                start_over(cache, document, image).await?;
                return Err(e);
            }
            Ok(_)
            | Err(CoreError::Platform {
                status: 404 | 410, ..
            }) => {
                tracing::warn!(
                    document = document.as_str(),
                    "the platform lost the upload; starting it again"
                );
                start_over(cache, document, image).await?;
                state.url = None;
                continue;
            }
            Err(e) => return Err(e),
        };
        state.offset = at;
        save_offset(cache, document, at, at == total).await?;
        report(UploadProgress {
            document,
            sent: at,
            total,
            complete: at == total,
        });
        while state.offset < total {
            if pause.load(Ordering::SeqCst) {
                return Err(CoreError::UploadPaused);
            }
            let bytes = image.jpeg[chunk_range(state.offset, chunk, image.jpeg.len())].to_vec();
            let offset = state.offset;
            let sent = api
                .authorized(|t| {
                    let bytes = bytes.clone();
                    async move { api.client().upload_chunk(&t, url_ref, offset, bytes).await }
                })
                .await;
            match sent {
                Ok(next) if follows(offset, next, total) => {
                    resends = 0;
                    state.offset = next;
                    save_offset(cache, document, next, next == total).await?;
                    report(UploadProgress {
                        document,
                        sent: next,
                        total,
                        complete: next == total,
                    });
                }
                Ok(_) => {
                    return Err(CoreError::MalformedResponse(
                        "the platform answered an upload offset that does not follow".into(),
                    ))
                }
                // Another attempt got further (or the answer to ours was lost): ask again.
                Err(CoreError::Platform { code, .. }) if code == "upload_offset_mismatch" => break,
                // The platform is still finishing a PATCH whose connection was cut: give it a
                // moment, then ask where it got to.
                Err(CoreError::Platform { code, .. }) if code == "upload_busy" => {
                    tokio::time::sleep(BUSY_WAIT).await;
                    break;
                }
                Err(CoreError::Platform { code, .. })
                    if code == "upload_checksum_mismatch" && resends < MAX_RESENDS =>
                {
                    resends += 1;
                    tracing::warn!(
                        document = document.as_str(),
                        "a chunk arrived damaged; sending it again"
                    );
                }
                Err(CoreError::Platform { code, .. }) if code == "upload_gone" => {
                    start_over(cache, document, image).await?;
                    state.url = None;
                    break;
                }
                // The whole file did not hash as announced, or is not an image the platform
                // takes: start a fresh upload next time.
                Err(e @ CoreError::Platform { .. })
                    if matches!(
                        e.platform_code(),
                        Some("upload_corrupt" | "upload_type_not_supported")
                    ) =>
                {
                    start_over(cache, document, image).await?;
                    return Err(e);
                }
                Err(e) => return Err(e),
            }
        }
        if state.offset == total && state.url.is_some() {
            tracing::info!(document = document.as_str(), "upload complete");
            return Ok(upload_id(&url).to_string());
        }
    }
    Err(CoreError::Platform {
        status: 409,
        code: "upload_offset_mismatch".into(),
        message: "the platform kept answering a different upload offset".into(),
    })
}
