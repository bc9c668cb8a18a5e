//! Each merchant's identity verification: where it stands (`kyc_verifications`), every
//! submission (`kyc_submissions`, the latest being the current form and documents) and every
//! reviewer decision (`kyc_reviews`). Callers hold a write transaction (`store::begin_write`)
//! around read-check-write sequences, so two submissions cannot both pass the same check.

use chrono::{DateTime, Utc};
use pishkhan_api::{KycDocumentRef, KycForm, KycReason, KycStatus, KycVerification};
use sqlx::{Row, SqliteConnection};

use super::accounts::parse_time;
use crate::error::{PlatformError, Result};

fn parse_status(s: &str) -> Result<KycStatus> {
    Ok(match s {
        "submitted" => KycStatus::Submitted,
        "in_review" => KycStatus::InReview,
        "verified" => KycStatus::Verified,
        "rejected" => KycStatus::Rejected,
        "info_requested" => KycStatus::InfoRequested,
        other => {
            return Err(PlatformError::Internal(format!(
                "unknown verification status {other:?} in the database"
            )))
        }
    })
}

async fn document(conn: &mut SqliteConnection, upload_id: String) -> Result<KycDocumentRef> {
    let row = sqlx::query("SELECT sha256, length FROM uploads WHERE id = ?1")
        .bind(&upload_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| PlatformError::Internal("a submission refers to a missing upload".into()))?;
    Ok(KycDocumentRef {
        upload_id,
        sha256: row.get("sha256"),
        size: u64::try_from(row.get::<i64, _>("length"))
            .map_err(|_| PlatformError::Internal("negative upload length".into()))?,
    })
}

/// The merchant's verification as it stands (`not_submitted` when there is none).
pub async fn verification(
    conn: &mut SqliteConnection,
    merchant_id: i64,
) -> Result<KycVerification> {
    let Some(row) = sqlx::query(
        "SELECT status, revision, reasons, submitted_at, updated_at
         FROM kyc_verifications WHERE merchant_id = ?1",
    )
    .bind(merchant_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(KycVerification::not_submitted());
    };
    let revision: i64 = row.get("revision");
    let reasons: Vec<KycReason> = serde_json::from_str(row.get("reasons"))?;
    let sub = sqlx::query(
        "SELECT form, id_front, id_back FROM kyc_submissions
         WHERE merchant_id = ?1 AND revision = ?2",
    )
    .bind(merchant_id)
    .bind(revision)
    .fetch_one(&mut *conn)
    .await?;
    let form: KycForm = serde_json::from_str(sub.get("form"))?;
    let id_front = document(conn, sub.get("id_front")).await?;
    let id_back = document(conn, sub.get("id_back")).await?;
    Ok(KycVerification {
        status: parse_status(row.get("status"))?,
        revision,
        form: Some(form),
        id_front: Some(id_front),
        id_back: Some(id_back),
        reasons,
        submitted_at: Some(parse_time(row.get("submitted_at"))?),
        updated_at: Some(parse_time(row.get("updated_at"))?),
    })
}

/// Whether the merchant already used this submission key.
pub async fn key_used(conn: &mut SqliteConnection, merchant_id: i64, key: &str) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT revision FROM kyc_submissions WHERE merchant_id = ?1 AND submission_key = ?2",
    )
    .bind(merchant_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// A checked submission to record as revision `revision`.
pub struct NewSubmission<'a> {
    pub merchant_id: i64,
    pub revision: i64,
    pub key: &'a str,
    /// Normalised.
    pub form: &'a KycForm,
    pub id_front: &'a str,
    pub id_back: &'a str,
    pub at: DateTime<Utc>,
}

/// Records a submission and makes it the current one: status `submitted`, reasons cleared.
pub async fn submit(conn: &mut SqliteConnection, s: NewSubmission<'_>) -> Result<()> {
    let at = s.at.to_rfc3339();
    sqlx::query(
        "INSERT INTO kyc_submissions (merchant_id, revision, submission_key, form, id_front, id_back, submitted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(s.merchant_id)
    .bind(s.revision)
    .bind(s.key)
    .bind(serde_json::to_string(s.form)?)
    .bind(s.id_front)
    .bind(s.id_back)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO kyc_verifications (merchant_id, status, revision, reasons, submitted_at, updated_at)
         VALUES (?1, 'submitted', ?2, '[]', ?3, ?3)
         ON CONFLICT(merchant_id) DO UPDATE SET status = 'submitted', revision = excluded.revision,
             reasons = '[]', submitted_at = excluded.submitted_at, updated_at = excluded.updated_at",
    )
    .bind(s.merchant_id)
    .bind(s.revision)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A reviewer's decision to record.
pub struct Decision<'a> {
    pub merchant_id: i64,
    pub revision: i64,
    pub action: &'a str,
    pub from: KycStatus,
    pub to: KycStatus,
    pub reasons: &'a [KycReason],
    pub at: DateTime<Utc>,
}

/// Moves the verification to `to` with `reasons`, and keeps the decision in the history.
pub async fn decide(conn: &mut SqliteConnection, d: Decision<'_>) -> Result<()> {
    let at = d.at.to_rfc3339();
    let reasons = serde_json::to_string(d.reasons)?;
    sqlx::query(
        "UPDATE kyc_verifications SET status = ?2, reasons = ?3, updated_at = ?4
         WHERE merchant_id = ?1",
    )
    .bind(d.merchant_id)
    .bind(d.to.as_str())
    .bind(&reasons)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO kyc_reviews (merchant_id, revision, action, from_status, to_status, reasons, reviewed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(d.merchant_id)
    .bind(d.revision)
    .bind(d.action)
    .bind(d.from.as_str())
    .bind(d.to.as_str())
    .bind(&reasons)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
