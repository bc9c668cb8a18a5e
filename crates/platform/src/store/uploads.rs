//! Rows of tus uploads: who owns one, which document it is, how long it is, how much of it is
//! safely on disk, and whether it finished well. The bytes themselves are files, handled by
//! `crate::uploads`; this module is the bookkeeping SQLite keeps beside them.

use chrono::{DateTime, Utc};
use pishkhan_api::KycDocument;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::accounts::parse_time;
use crate::error::{PlatformError, Result};

/// Where an upload stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadState {
    /// Bytes are still coming.
    Receiving,
    /// Every byte arrived and the file matched its SHA-256 and is an accepted image.
    Complete,
    /// Every byte arrived but the file failed its checks; it cannot be used.
    Failed,
}

impl UploadState {
    fn as_str(self) -> &'static str {
        match self {
            UploadState::Receiving => "receiving",
            UploadState::Complete => "complete",
            UploadState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Result<UploadState> {
        match s {
            "receiving" => Ok(UploadState::Receiving),
            "complete" => Ok(UploadState::Complete),
            "failed" => Ok(UploadState::Failed),
            other => Err(PlatformError::Internal(format!(
                "unknown upload state {other:?} in the database"
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct UploadRow {
    pub id: String,
    pub merchant_id: i64,
    pub document: KycDocument,
    pub filetype: Option<String>,
    /// `Upload-Metadata` as sent at creation.
    pub metadata: String,
    pub length: u64,
    /// The offset known to be on disk.
    pub received: u64,
    /// Declared SHA-256 of the whole file, lowercase hex.
    pub sha256: String,
    pub state: UploadState,
    /// The error code of a failed upload.
    pub failure: Option<String>,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

/// What creating an upload records.
pub struct NewUpload<'a> {
    pub id: &'a str,
    pub merchant_id: i64,
    pub document: KycDocument,
    pub filetype: Option<&'a str>,
    pub metadata: &'a str,
    pub length: u64,
    pub sha256: &'a str,
}

fn to_i64(n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| PlatformError::Internal("an upload size out of range".into()))
}

fn from_row(r: &SqliteRow) -> Result<UploadRow> {
    let document: String = r.get("document");
    let size = |name: &str| -> Result<u64> {
        u64::try_from(r.get::<i64, _>(name))
            .map_err(|_| PlatformError::Internal(format!("negative upload {name} in the database")))
    };
    Ok(UploadRow {
        id: r.get("id"),
        merchant_id: r.get("merchant_id"),
        document: KycDocument::parse(&document).ok_or_else(|| {
            PlatformError::Internal(format!("unknown document {document:?} in the database"))
        })?,
        filetype: r.get("filetype"),
        metadata: r.get("metadata"),
        length: size("length")?,
        received: size("received")?,
        sha256: r.get("sha256"),
        state: UploadState::parse(r.get("state"))?,
        failure: r.get("failure"),
        created_at: parse_time(r.get("created_at"))?,
        completed_at: r
            .get::<Option<String>, _>("completed_at")
            .map(parse_time)
            .transpose()?,
    })
}

pub async fn insert(pool: &SqlitePool, u: NewUpload<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO uploads (id, merchant_id, document, filetype, metadata, length, sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(u.id)
    .bind(u.merchant_id)
    .bind(u.document.as_str())
    .bind(u.filetype)
    .bind(u.metadata)
    .bind(to_i64(u.length)?)
    .bind(u.sha256)
    .bind(Utc::now().to_rfc3339())
    .execute(pool)
    .await?;
    Ok(())
}

/// Any upload, whoever owns it (for the admin API).
pub async fn get(conn: &mut SqliteConnection, id: &str) -> Result<Option<UploadRow>> {
    let row = sqlx::query("SELECT * FROM uploads WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The merchant's upload; `NotFound` for an unknown id and for another merchant's upload alike,
/// so nobody learns which ids exist.
pub async fn owned(conn: &mut SqliteConnection, merchant_id: i64, id: &str) -> Result<UploadRow> {
    match get(conn, id).await? {
        Some(u) if u.merchant_id == merchant_id => Ok(u),
        _ => Err(PlatformError::NotFound("upload")),
    }
}

/// Records that the bytes up to `received` are on disk (already fsynced by the caller). Only
/// moves an upload still receiving from the offset the caller started at; answers whether it
/// did (false: the upload was removed or moved meanwhile).
pub async fn record_received(
    pool: &SqlitePool,
    id: &str,
    from: u64,
    received: u64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE uploads SET received = ?3
         WHERE id = ?1 AND received = ?2 AND state = 'receiving'",
    )
    .bind(id)
    .bind(to_i64(from)?)
    .bind(to_i64(received)?)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the last bytes together with the verdict on the whole file: complete (with the media
/// type the bytes are) or failed (with the error code). Same guard as [`record_received`].
pub async fn record_finished(
    pool: &SqlitePool,
    id: &str,
    from: u64,
    length: u64,
    verdict: std::result::Result<&str, &str>,
) -> Result<bool> {
    let (state, filetype, failure) = match verdict {
        Ok(filetype) => (UploadState::Complete, Some(filetype), None),
        Err(code) => (UploadState::Failed, None, Some(code)),
    };
    let done = sqlx::query(
        "UPDATE uploads SET received = ?3, state = ?4, filetype = COALESCE(?5, filetype),
                failure = ?6, completed_at = ?7
         WHERE id = ?1 AND received = ?2 AND state = 'receiving'",
    )
    .bind(id)
    .bind(to_i64(from)?)
    .bind(to_i64(length)?)
    .bind(state.as_str())
    .bind(filetype)
    .bind(failure)
    .bind(Utc::now().to_rfc3339())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The merchant's uploads of `document` still receiving, oldest first.
pub async fn open_of(
    pool: &SqlitePool,
    merchant_id: i64,
    document: KycDocument,
) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM uploads
         WHERE merchant_id = ?1 AND document = ?2 AND state = 'receiving'
         ORDER BY created_at, id",
    )
    .bind(merchant_id)
    .bind(document.as_str())
    .fetch_all(pool)
    .await?)
}

/// Forgets an upload still receiving (never a finished one: submissions refer to those).
pub async fn delete_open(pool: &SqlitePool, id: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM uploads WHERE id = ?1 AND state = 'receiving'")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
