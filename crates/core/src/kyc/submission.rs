//! A submission from the moment the merchant presses Submit to the platform's answer.
//!
//! Submitting queues: the normalised form goes into `kyc_outbox` with a fresh submission key,
//! and is sent when the platform is reachable (right away, or by a later sync). Sending uploads
//! each image that the platform does not have yet (resumably, see `upload`), then posts the
//! form with the two upload ids. The key makes the post count once even when its answer is
//! lost and it is sent again. The row leaves the outbox only in the transaction that records
//! the platform's answer.
//!
//! A resubmission after a rejection may change only what the reviewer's reasons name; the
//! platform enforces the same rule, this module says so before anything is sent.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, TimeZone, Utc};
use pishkhan_api::{KycDocument, KycField, KycForm, KycStatus, KycSubmission, KycVerification};
use serde::Serialize;
use sqlx::Row;
use ts_rs::TS;

use crate::cache::Cache;
use crate::error::{json_error, CoreError, PublicError, Result};
use crate::kyc::draft::{self, DraftImage};
use crate::kyc::form::{field_names, FormCheck};
use crate::kyc::upload::{self, UploadProgress};
use crate::sync::AuthorizedClient;

/// A submission waiting to reach the platform.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueuedSubmission {
    pub queued_at: DateTime<Utc>,
    /// The merchant paused it: nothing is sent until they resume.
    pub paused: bool,
    pub attempts: i64,
    /// Why the last attempt did not get through.
    pub last_error: Option<PublicError>,
    /// The platform will not take it as it is: the merchant must change something and submit
    /// again.
    pub refused: bool,
}

/// Everything the verification screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KycState {
    /// The form as typed (the draft).
    pub form: KycForm,
    pub images: Vec<DraftImage>,
    /// The platform's last answer (`not_submitted` before the first submission).
    pub verification: KycVerification,
    /// When that answer was fetched; none before the first.
    pub fetched_at: Option<DateTime<Utc>>,
    pub queued: Option<QueuedSubmission>,
    pub uploads: Vec<UploadProgress>,
    /// What the merchant may change now: everything before the first submission, what the
    /// reviewer asked for after a rejection, nothing while one is waiting or in review.
    pub editable_fields: Vec<KycField>,
    pub editable_documents: Vec<KycDocument>,
}

/// The platform's last answer, if any.
pub async fn verification(cache: &Cache) -> Result<Option<(KycVerification, DateTime<Utc>)>> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT doc, fetched_at FROM kyc_verification WHERE id = 1")
            .fetch_optional(cache.pool())
            .await?;
    row.map(|(doc, at)| {
        let v = serde_json::from_str(&doc).map_err(|e| {
            CoreError::MalformedResponse(format!("the saved verification: {}", json_error(&e)))
        })?;
        Ok((v, Utc.timestamp_millis_opt(at).single().unwrap_or_default()))
    })
    .transpose()
}

async fn save_verification<'c, E>(db: E, v: &KycVerification) -> Result<()>
where
    E: sqlx::Executor<'c, Database = sqlx::Sqlite>,
{
    let doc = serde_json::to_string(v)
        .map_err(|e| CoreError::InvalidInput(format!("the verification cannot be saved: {e}")))?;
    sqlx::query(
        "INSERT INTO kyc_verification (id, doc, fetched_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, fetched_at = excluded.fetched_at",
    )
    .bind(doc)
    .bind(Utc::now().timestamp_millis())
    .execute(db)
    .await?;
    Ok(())
}

struct Queued {
    key: String,
    form: KycForm,
    summary: QueuedSubmission,
}

async fn queued(cache: &Cache) -> Result<Option<Queued>> {
    let row = sqlx::query(
        "SELECT submission_key, form, queued_at, paused, attempts, last_error, refused
         FROM kyc_outbox WHERE id = 1",
    )
    .fetch_optional(cache.pool())
    .await?;
    let Some(r) = row else { return Ok(None) };
    let form: String = r.try_get("form")?;
    let last_error: Option<String> = r.try_get("last_error")?;
    Ok(Some(Queued {
        key: r.try_get("submission_key")?,
        form: serde_json::from_str(&form).map_err(|e| {
            CoreError::MalformedResponse(format!("the queued submission: {}", json_error(&e)))
        })?,
        summary: QueuedSubmission {
            queued_at: Utc
                .timestamp_millis_opt(r.try_get("queued_at")?)
                .single()
                .unwrap_or_default(),
            paused: r.try_get("paused")?,
            attempts: r.try_get("attempts")?,
            last_error: last_error.and_then(|e| serde_json::from_str(&e).ok()),
            refused: r.try_get("refused")?,
        },
    }))
}

/// Everything the verification screen shows.
pub async fn state(cache: &Cache) -> Result<KycState> {
    let (verification, fetched_at) = match verification(cache).await? {
        Some((v, at)) => (v, Some(at)),
        None => (KycVerification::not_submitted(), None),
    };
    let queued = queued(cache).await?.map(|q| q.summary);
    let open =
        verification.status.accepts_submission() && queued.as_ref().is_none_or(|q| q.refused);
    let editable_fields = KycField::ALL
        .into_iter()
        .filter(|&f| open && verification.may_change_field(f))
        .collect();
    let editable_documents = KycDocument::ALL
        .into_iter()
        .filter(|&d| open && verification.may_change_document(d))
        .collect();
    Ok(KycState {
        form: draft::form(cache).await?,
        images: draft::images(cache).await?,
        verification,
        fetched_at,
        queued,
        uploads: upload::progress(cache).await?,
        editable_fields,
        editable_documents,
    })
}

/// Queues the checked form for sending. Refuses (saying why, in both languages) when the
/// form has a mistake, an image is missing, the verification cannot change now, or a
/// resubmission changes what the reviewer did not ask about.
pub async fn queue(cache: &Cache, checked: &FormCheck) -> Result<()> {
    let Some(form) = checked.normalized.as_ref() else {
        let count = checked.fields.iter().filter(|f| !f.ok).count();
        return Err(CoreError::invalid(
            format!("{count} field(s) of the form need correcting; each says what is wrong"),
            format!("{count} خانهٔ فرم نیاز به اصلاح دارد؛ کنار هر یک نوشته شده چه چیزی نادرست است"),
        ));
    };
    let verification = verification(cache)
        .await?
        .map_or_else(KycVerification::not_submitted, |(v, _)| v);
    if !verification.status.accepts_submission() {
        return Err(not_editable(verification.status));
    }
    if let Some(previous) = &verification.form {
        for field in KycField::ALL {
            if !verification.may_change_field(field) && field.value(form) != field.value(previous) {
                let (en, fa) = field_names(field);
                return Err(CoreError::invalid(
                    format!("The reviewer did not ask to change your {en}; put back the value you sent, and fix only what is marked"),
                    format!("بررسی‌کننده تغییر {fa} را نخواسته است؛ مقدار فرستاده‌شده را برگردانید و فقط موارد مشخص‌شده را اصلاح کنید"),
                ));
            }
        }
    }
    for document in KycDocument::ALL {
        let have = draft::image_bytes(cache, document).await?.is_some();
        if !have && verification.may_change_document(document) {
            let (en, fa) = document_names(document);
            return Err(CoreError::invalid(
                format!("Add a photo of the {en} of your national ID card"),
                format!("تصویر {fa} کارت ملی را بیفزایید"),
            ));
        }
    }
    // A submission already waiting keeps its key when it is sent again as it was (a retry must
    // count once on the platform); a different one must wait for it.
    let key = match queued(cache).await? {
        Some(q) if !q.summary.refused => {
            if &q.form != form {
                return Err(CoreError::invalid(
                    "A submission is already waiting to be sent; wait for it (or sync) before changing it",
                    "درخواستی در انتظار ارسال است؛ پیش از تغییر، منتظر ارسال آن بمانید (یا همگام‌سازی کنید)",
                ));
            }
            q.key
        }
        _ => uuid::Uuid::new_v4().simple().to_string(),
    };
    let form = serde_json::to_string(form)
        .map_err(|e| CoreError::InvalidInput(format!("the submission cannot be saved: {e}")))?;
    sqlx::query(
        "INSERT INTO kyc_outbox (id, submission_key, form, queued_at, paused, attempts, last_error, refused)
         VALUES (1, ?1, ?2, ?3, 0, 0, NULL, 0)
         ON CONFLICT (id) DO UPDATE SET submission_key = excluded.submission_key,
           form = excluded.form, queued_at = excluded.queued_at, paused = 0, attempts = 0,
           last_error = NULL, refused = 0",
    )
    .bind(key)
    .bind(form)
    .bind(Utc::now().timestamp_millis())
    .execute(cache.pool())
    .await?;
    tracing::info!("identity verification queued");
    Ok(())
}

/// Pauses or resumes the queued submission's uploads.
pub async fn set_paused(cache: &Cache, paused: bool) -> Result<()> {
    sqlx::query("UPDATE kyc_outbox SET paused = ?1 WHERE id = 1")
        .bind(paused)
        .execute(cache.pool())
        .await?;
    Ok(())
}

/// Sends the queued submission, if there is one that is neither paused nor refused: uploads
/// what the platform lacks, then posts the form. Answers the platform's verification when it
/// took the submission.
pub(crate) async fn send(
    cache: &Cache,
    api: &AuthorizedClient,
    pause: &AtomicBool,
    report: &(dyn Fn(UploadProgress) + Send + Sync),
) -> Result<Option<KycVerification>> {
    let Some(q) = queued(cache).await? else {
        return Ok(None);
    };
    if q.summary.paused || q.summary.refused {
        return Ok(None);
    }
    sqlx::query("UPDATE kyc_outbox SET attempts = attempts + 1 WHERE id = 1")
        .execute(cache.pool())
        .await?;
    let result = match send_queued(cache, api, &q, pause, report).await {
        // Our post was recorded but its answer lost, or a reviewer already has it: nothing
        // more to send. Take the platform's state and let the queued copy go.
        Err(CoreError::Platform { code, .. }) if code == "kyc_not_editable" => {
            let v = refresh(cache, api).await?;
            sqlx::query("DELETE FROM kyc_outbox WHERE id = 1 AND submission_key = ?1")
                .bind(&q.key)
                .execute(cache.pool())
                .await?;
            tracing::info!(
                status = v.status.as_str(),
                "identity verification already with the platform"
            );
            return Ok(Some(v));
        }
        // The platform no longer has an upload this computer counted as finished: upload the
        // images again on the next attempt.
        Err(e @ CoreError::Platform { .. })
            if matches!(
                e.platform_code(),
                Some("kyc_document_missing" | "kyc_document_incomplete")
            ) =>
        {
            sqlx::query("DELETE FROM kyc_uploads")
                .execute(cache.pool())
                .await?;
            Err(e)
        }
        Err(e) => Err(explain_refusal(e)),
        ok => ok,
    };
    match &result {
        Ok(_) => {}
        Err(CoreError::UploadPaused) => {}
        Err(e) => {
            let refused = is_refusal(e);
            let error = serde_json::to_string(&e.to_public()).unwrap_or_default();
            sqlx::query("UPDATE kyc_outbox SET last_error = ?1, refused = ?2 WHERE id = 1 AND submission_key = ?3")
                .bind(error)
                .bind(refused)
                .bind(&q.key)
                .execute(cache.pool())
                .await?;
            tracing::warn!(code = e.code(), refused, "identity verification not sent");
        }
    }
    result.map(Some)
}

async fn send_queued(
    cache: &Cache,
    api: &AuthorizedClient,
    q: &Queued,
    pause: &AtomicBool,
    report: &(dyn Fn(UploadProgress) + Send + Sync),
) -> Result<KycVerification> {
    let current = verification(cache)
        .await?
        .map_or_else(KycVerification::not_submitted, |(v, _)| v);
    let mut ids = Vec::with_capacity(2);
    for document in KycDocument::ALL {
        let on_platform = match document {
            KycDocument::IdFront => current.id_front.as_ref(),
            KycDocument::IdBack => current.id_back.as_ref(),
        };
        let image = if current.may_change_document(document) {
            draft::image_bytes(cache, document).await?
        } else {
            None
        };
        let id = match (image, on_platform) {
            (Some(image), Some(sent)) if sent.sha256 == image.sha256 => sent.upload_id.clone(),
            (Some(image), _) => upload::upload(cache, api, document, &image, pause, report).await?,
            (None, Some(sent)) => sent.upload_id.clone(),
            (None, None) => {
                let (en, fa) = document_names(document);
                return Err(CoreError::invalid(
                    format!("Add a photo of the {en} of your national ID card"),
                    format!("تصویر {fa} کارت ملی را بیفزایید"),
                ));
            }
        };
        ids.push(id);
    }
    let submission = KycSubmission {
        submission_key: q.key.clone(),
        form: q.form.clone(),
        id_front: ids[0].clone(),
        id_back: ids[1].clone(),
    };
    let submission = &submission;
    let answer = api
        .authorized(|t| async move { api.client().submit_kyc(&t, submission).await })
        .await?;
    let mut tx = cache.begin().await?;
    sqlx::query("DELETE FROM kyc_outbox WHERE id = 1 AND submission_key = ?1")
        .bind(&q.key)
        .execute(&mut *tx)
        .await?;
    save_verification(&mut *tx, &answer).await?;
    tx.commit().await?;
    tracing::info!(
        status = answer.status.as_str(),
        revision = answer.revision,
        "identity verification submitted"
    );
    Ok(answer)
}

/// Fetches the verification's status from the platform and keeps it.
pub(crate) async fn refresh(cache: &Cache, api: &AuthorizedClient) -> Result<KycVerification> {
    let v = api
        .authorized(|t| async move { api.client().kyc(&t).await })
        .await?;
    let mut tx = cache.begin().await?;
    save_verification(&mut *tx, &v).await?;
    if v.status == KycStatus::Verified {
        // Verified is final: the ID card images need not stay on this computer any longer.
        let removed = sqlx::query("DELETE FROM kyc_images")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM kyc_uploads")
            .execute(&mut *tx)
            .await?;
        if removed.rows_affected() > 0 {
            tracing::info!("identity verified; the ID card images were removed from this computer");
        }
    }
    tx.commit().await?;
    Ok(v)
}

/// Whether the platform refused the submission as it is (sending it again cannot help).
fn is_refusal(e: &CoreError) -> bool {
    match e {
        CoreError::Platform { status, code, .. } => {
            (matches!(status, 400 | 409 | 413 | 415 | 422)
                && !code.starts_with("upload_")
                && !code.starts_with("kyc_document_"))
                || code == "upload_type_not_supported"
        }
        CoreError::Invalid { .. } | CoreError::InvalidInput(_) => true,
        _ => false,
    }
}

/// The platform's refusals of a submission, said in both languages with what to do. (The
/// platform names a field in English; this app checks every field before sending, so these
/// mean the two disagree, or the rule changed on the platform.)
fn explain_refusal(e: CoreError) -> CoreError {
    let CoreError::Platform { code, message, .. } = &e else {
        return e;
    };
    match code.as_str() {
        "kyc_invalid" => CoreError::invalid(
            format!("The platform did not accept the form ({message}); correct it and submit again"),
            format!("سکو فرم را نپذیرفت ({message})؛ آن را اصلاح کنید و دوباره بفرستید"),
        ),
        "kyc_change_not_asked" => CoreError::invalid(
            "The platform accepts changes only to what the reviewer asked for; put back the rest and submit again",
            "سکو فقط تغییر مواردی را می‌پذیرد که بررسی‌کننده خواسته است؛ بقیه را به حالت قبل برگردانید و دوباره بفرستید",
        ),
        "upload_type_not_supported" => CoreError::invalid(
            "The platform did not accept the ID card image's type; choose the photo again (JPEG, PNG or WebP)",
            "سکو نوع تصویر کارت ملی را نپذیرفت؛ عکس را دوباره انتخاب کنید (JPEG، PNG یا WebP)",
        ),
        _ => e,
    }
}

fn not_editable(status: KycStatus) -> CoreError {
    match status {
        KycStatus::Verified => CoreError::invalid(
            "Your identity is already verified; there is nothing to submit",
            "هویت شما پیش‌تر تأیید شده است؛ چیزی برای فرستادن نیست",
        ),
        _ => CoreError::invalid(
            "Your verification is being reviewed; wait for the answer before changing it",
            "درخواست احراز هویت شما در حال بررسی است؛ پیش از تغییر، منتظر پاسخ بمانید",
        ),
    }
}

/// English and Persian names of a document side.
pub fn document_names(document: KycDocument) -> (&'static str, &'static str) {
    match document {
        KycDocument::IdFront => ("front", "روی"),
        KycDocument::IdBack => ("back", "پشت"),
    }
}
