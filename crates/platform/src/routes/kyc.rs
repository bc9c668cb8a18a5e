//! Identity verification over HTTP: the merchant reads their verification and submits the form
//! with two finished uploads (`/api/v1/kyc`), a reviewer moves it along (`/admin/merchants/
//! {merchant_id}/kyc`). The rules live in `crate::kyc`; this module loads, checks and stores
//! inside one write transaction per submission or decision.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pishkhan_api::{
    valid_submission_key, ApiError, KycDocument, KycReview, KycSubmission, KycVerification,
};

use super::{Json, Path};
use crate::auth::{Admin, Merchant};
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::kyc::{self as kyc_store, Decision, NewSubmission};
use crate::store::uploads::{self as upload_rows, UploadRow, UploadState};
use crate::store::{self, accounts};
use crate::{kyc, uploads};

/// The merchant's identity verification as it stands.
#[utoipa::path(get, path = "/api/v1/kyc", tag = "kyc", security(("bearer" = [])),
    responses((status = 200, body = KycVerification), (status = 401, body = ApiError)))]
pub async fn get_kyc(
    State(state): State<AppState>,
    who: Merchant,
) -> Result<Json<KycVerification>> {
    let mut conn = state.db.acquire().await?;
    Ok(Json(
        kyc_store::verification(&mut conn, who.merchant_id).await?,
    ))
}

/// Reads the body as a submission. serde's messages can quote the offending value (a national
/// code in the wrong type), so only a missing field is named; other errors give a position.
fn parse_submission(body: &[u8]) -> Result<KycSubmission> {
    serde_json::from_slice(body).map_err(|e| {
        let text = e.to_string();
        if text.starts_with("missing field") {
            PlatformError::Invalid(text)
        } else {
            PlatformError::Invalid(format!(
                "the body is not a KYC submission ({:?} error at line {}, column {})",
                e.classify(),
                e.line(),
                e.column()
            ))
        }
    })
}

/// The finished upload of this merchant that a submission names for `document`.
async fn usable_document(
    conn: &mut sqlx::SqliteConnection,
    merchant_id: i64,
    document: KycDocument,
    upload_id: &str,
) -> Result<UploadRow> {
    let missing = |why: &str| {
        PlatformError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "kyc_document_missing",
            format!("{}: {why}", document.as_str()),
        )
    };
    if !uploads::valid_id(upload_id) {
        return Err(missing("no such upload"));
    }
    let upload = match upload_rows::get(conn, upload_id).await? {
        Some(u) if u.merchant_id == merchant_id => u,
        _ => return Err(missing("no such upload")),
    };
    if upload.document != document {
        return Err(missing(&format!(
            "the upload is the {} image",
            upload.document.as_str()
        )));
    }
    match upload.state {
        UploadState::Complete => Ok(upload),
        UploadState::Failed => Err(missing(
            "the upload failed its checks; upload the image again",
        )),
        UploadState::Receiving => Err(PlatformError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "kyc_document_incomplete",
            format!(
                "{}: the upload has {} of its {} bytes; finish it first",
                document.as_str(),
                upload.received,
                upload.length
            ),
        )),
    }
}

/// Submits the form and the two ID card images. Every field is checked and normalised; a
/// resubmission after a rejection or a request for information may change only what the
/// reasons name. A `submissionKey` the merchant already used is answered with the current
/// verification and changes nothing, so a retried submission counts once.
#[utoipa::path(post, path = "/api/v1/kyc/submissions", tag = "kyc", security(("bearer" = [])),
    request_body = KycSubmission,
    responses(
        (status = 200, body = KycVerification, description = "Submitted (or the key was already used: the verification as it stands)"),
        (status = 400, body = ApiError, description = "The body is not a submission"),
        (status = 401, body = ApiError),
        (status = 409, body = ApiError, description = "`kyc_not_editable` while submitted, in review or verified; `kyc_change_not_asked` when a resubmission changes what no reason names"),
        (status = 422, body = ApiError, description = "`kyc_invalid` (a field, named in the message), `kyc_document_missing`, `kyc_document_incomplete`"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    who: Merchant,
    body: Bytes,
) -> Result<Json<KycVerification>> {
    let submission = parse_submission(&body)?;
    if !valid_submission_key(&submission.submission_key) {
        return Err(PlatformError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "kyc_invalid",
            "submissionKey: must be 8 to 64 of A-Z a-z 0-9 - _",
        ));
    }
    let now = Utc::now();
    let form = kyc::normalize_form(&submission.form, kyc::tehran_today(now)?)?;

    let mut tx = store::begin_write(&state.db).await?;
    let merchant_id = who.merchant_id;
    if kyc_store::key_used(&mut tx, merchant_id, &submission.submission_key).await? {
        let current = kyc_store::verification(&mut tx, merchant_id).await?;
        tx.commit().await?;
        return Ok(Json(current));
    }
    let current = kyc_store::verification(&mut tx, merchant_id).await?;
    if !current.status.accepts_submission() {
        return Err(PlatformError::refused(
            StatusCode::CONFLICT,
            "kyc_not_editable",
            format!(
                "the verification is {}; it cannot be submitted now",
                current.status.as_str()
            ),
        ));
    }
    let front = usable_document(
        &mut tx,
        merchant_id,
        KycDocument::IdFront,
        &submission.id_front,
    )
    .await?;
    let back = usable_document(
        &mut tx,
        merchant_id,
        KycDocument::IdBack,
        &submission.id_back,
    )
    .await?;
    let documents = [
        (KycDocument::IdFront, front.sha256.as_str()),
        (KycDocument::IdBack, back.sha256.as_str()),
    ];
    if let Some(subject) = kyc::change_not_asked(&current, &form, &documents) {
        return Err(kyc::change_not_asked_error(subject));
    }
    let revision = current.revision + 1;
    kyc_store::submit(
        &mut tx,
        NewSubmission {
            merchant_id,
            revision,
            key: &submission.submission_key,
            form: &form,
            id_front: &front.id,
            id_back: &back.id,
            at: now,
        },
    )
    .await?;
    let updated = kyc_store::verification(&mut tx, merchant_id).await?;
    tx.commit().await?;
    tracing::info!(merchant_id, revision, "identity verification submitted");
    Ok(Json(updated))
}

/// A merchant's identity verification, for the reviewer.
#[utoipa::path(get, path = "/admin/merchants/{merchant_id}/kyc", tag = "admin", security(("admin" = [])),
    params(("merchant_id" = i64, Path)),
    responses((status = 200, body = KycVerification), (status = 404, body = ApiError)))]
pub async fn admin_get(
    State(state): State<AppState>,
    _: Admin,
    Path(merchant_id): Path<i64>,
) -> Result<Json<KycVerification>> {
    accounts::merchant(&state.db, merchant_id).await?;
    let mut conn = state.db.acquire().await?;
    Ok(Json(kyc_store::verification(&mut conn, merchant_id).await?))
}

/// A reviewer's decision: `start_review` (submitted → in review), `verify`, `reject` or
/// `request_info` (submitted or in review → verified, rejected, info requested; the last two
/// with at least one reason).
#[utoipa::path(post, path = "/admin/merchants/{merchant_id}/kyc/review", tag = "admin", security(("admin" = [])),
    params(("merchant_id" = i64, Path)), request_body = KycReview,
    responses(
        (status = 200, body = KycVerification),
        (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "`kyc_bad_transition`: the status does not allow this decision"),
        (status = 422, body = ApiError, description = "`kyc_reasons_required`, or a note too long (`kyc_invalid`)"),
    ))]
pub async fn admin_review(
    State(state): State<AppState>,
    _: Admin,
    Path(merchant_id): Path<i64>,
    Json(decision): Json<KycReview>,
) -> Result<Json<KycVerification>> {
    accounts::merchant(&state.db, merchant_id).await?;
    let mut tx = store::begin_write(&state.db).await?;
    let current = kyc_store::verification(&mut tx, merchant_id).await?;
    let (to, reasons) = kyc::review(current.status, &decision)?;
    kyc_store::decide(
        &mut tx,
        Decision {
            merchant_id,
            revision: current.revision,
            action: kyc::review_action(&decision),
            from: current.status,
            to,
            reasons: &reasons,
            at: Utc::now(),
        },
    )
    .await?;
    let updated = kyc_store::verification(&mut tx, merchant_id).await?;
    tx.commit().await?;
    tracing::info!(
        merchant_id,
        revision = current.revision,
        from = current.status.as_str(),
        to = to.as_str(),
        "identity verification reviewed"
    );
    Ok(Json(updated))
}
