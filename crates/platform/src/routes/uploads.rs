//! The tus 1.0 server under `/api/v1/uploads` (core protocol with the `creation` and
//! `checksum` extensions), through which the app uploads ID card images, and the admin routes
//! that show what was stored.
//!
//! This module speaks the protocol: headers in, headers out. Every answer carries
//! `Tus-Resumable: 1.0.0`, and a request other than OPTIONS without it is refused with 412
//! ([`tus_resumable`]). Writing the bytes safely is `crate::uploads`' job; the bookkeeping is
//! `store::uploads`. Uploads belong to the merchant who created them: another merchant's
//! upload answers 404 like an unknown one.
//!
//! These routes are not under the 120 s request timeout of the rest of the API: a 10 MB chunk
//! on a slow line may take longer. A PATCH body that stays silent for a minute counts as cut
//! off instead (see `crate::uploads`).

use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{head, post};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use pishkhan_api::{
    ApiError, KycDocument, UploadInfo, API_PREFIX, MAX_DOCUMENT_BYTES, METADATA_DOCUMENT,
    METADATA_FILETYPE, METADATA_SHA256, TUS_VERSION, UPLOADS_PATH,
};

use super::Path;
use crate::auth::{Admin, Merchant};
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::uploads::{self as rows, NewUpload, UploadRow, UploadState};
use crate::uploads::{self, ChecksumAlgorithm, ChunkChecksum};

pub const TUS_RESUMABLE: HeaderName = HeaderName::from_static("tus-resumable");
pub const TUS_VERSION_HEADER: HeaderName = HeaderName::from_static("tus-version");
pub const TUS_EXTENSION: HeaderName = HeaderName::from_static("tus-extension");
pub const TUS_MAX_SIZE: HeaderName = HeaderName::from_static("tus-max-size");
pub const TUS_CHECKSUM_ALGORITHM: HeaderName = HeaderName::from_static("tus-checksum-algorithm");
pub const UPLOAD_LENGTH: HeaderName = HeaderName::from_static("upload-length");
pub const UPLOAD_OFFSET: HeaderName = HeaderName::from_static("upload-offset");
pub const UPLOAD_METADATA: HeaderName = HeaderName::from_static("upload-metadata");
pub const UPLOAD_CHECKSUM: HeaderName = HeaderName::from_static("upload-checksum");
pub const UPLOAD_DEFER_LENGTH: HeaderName = HeaderName::from_static("upload-defer-length");

/// The extensions this server supports, as `Tus-Extension` lists them.
pub const EXTENSIONS: &str = "creation,checksum";
/// The media type of a PATCH body.
pub const OFFSET_OCTET_STREAM: &str = "application/offset+octet-stream";
/// Uploads of one document a merchant may leave unfinished; creating one more forgets the
/// oldest (an app that restarted its upload many times does not fill the disk).
pub const MAX_OPEN_PER_DOCUMENT: usize = 4;
/// The longest `Upload-Metadata` accepted.
const MAX_METADATA_LEN: usize = 4096;

/// The tus routes, relative to the API prefix, with the `Tus-Resumable` handling around them.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(UPLOADS_PATH, post(create).options(options))
        .route(
            &format!("{UPLOADS_PATH}/{{upload_id}}"),
            head(offset).patch(append).options(options),
        )
        .layer(middleware::from_fn(tus_resumable))
}

/// Refuses requests of another protocol version (412 with `Tus-Version`), and stamps
/// `Tus-Resumable` on every answer, errors included.
pub async fn tus_resumable(req: Request, next: Next) -> Response {
    let speaks_tus = req.method() == Method::OPTIONS
        || req
            .headers()
            .get(TUS_RESUMABLE)
            .is_some_and(|v| v.as_bytes() == TUS_VERSION.as_bytes());
    let mut resp = if speaks_tus {
        next.run(req).await
    } else {
        let mut r = PlatformError::refused(
            StatusCode::PRECONDITION_FAILED,
            "tus_version_not_supported",
            format!("send Tus-Resumable: {TUS_VERSION}, the only tus version this server speaks"),
        )
        .into_response();
        r.headers_mut()
            .insert(TUS_VERSION_HEADER, HeaderValue::from_static(TUS_VERSION));
        r
    };
    resp.headers_mut()
        .insert(TUS_RESUMABLE, HeaderValue::from_static(TUS_VERSION));
    resp
}

fn bad(message: impl Into<String>) -> PlatformError {
    PlatformError::Invalid(message.into())
}

/// A header holding a non-negative integer (`Upload-Length`, `Upload-Offset`). Public for the
/// fuzz targets (`fuzz/`).
pub fn number(headers: &HeaderMap, name: &HeaderName) -> Result<Option<u64>> {
    let Some(v) = headers.get(name) else {
        return Ok(None);
    };
    let s = v
        .to_str()
        .map_err(|_| bad(format!("{name} is not a number")))?;
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(format!("{name} is not a non-negative integer")));
    }
    s.parse::<u64>()
        .map(Some)
        .map_err(|_| bad(format!("{name} is out of range")))
}

/// `Upload-Metadata`: comma-separated `key base64value` pairs (the value may be absent);
/// keys are non-empty, without spaces or commas, and unique.
pub fn parse_metadata(raw: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    for pair in raw.split(',') {
        let pair = pair.trim();
        if pair.is_empty() {
            return Err(bad("Upload-Metadata has an empty pair"));
        }
        let (key, value) = match pair.split_once(' ') {
            Some((k, v)) => (k, v.trim()),
            None => (pair, ""),
        };
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_graphic() && b != b',') {
            return Err(bad("Upload-Metadata has a malformed key"));
        }
        let value = STANDARD
            .decode(value)
            .map_err(|_| bad(format!("Upload-Metadata: the value of {key} is not base64")))?;
        if out.insert(key.to_string(), value).is_some() {
            return Err(bad(format!("Upload-Metadata: {key} appears twice")));
        }
    }
    Ok(out)
}

/// What creation needs from the metadata.
#[derive(Debug, PartialEq, Eq)]
pub struct CreationMetadata {
    pub document: KycDocument,
    /// Lowercase hex.
    pub sha256: String,
    pub filetype: Option<String>,
}

fn metadata_text(meta: &BTreeMap<String, Vec<u8>>, key: &str) -> Result<Option<String>> {
    meta.get(key)
        .map(|v| {
            String::from_utf8(v.clone())
                .map_err(|_| bad(format!("Upload-Metadata: {key} is not UTF-8 text")))
        })
        .transpose()
}

pub fn creation_metadata(raw: &str) -> Result<CreationMetadata> {
    if raw.len() > MAX_METADATA_LEN {
        return Err(bad(format!(
            "Upload-Metadata is longer than {MAX_METADATA_LEN} bytes"
        )));
    }
    let meta = parse_metadata(raw)?;
    let document = metadata_text(&meta, METADATA_DOCUMENT)?
        .as_deref()
        .and_then(KycDocument::parse)
        .ok_or_else(|| {
            bad(format!(
                "Upload-Metadata: {METADATA_DOCUMENT} must be idFront or idBack"
            ))
        })?;
    let sha256 = metadata_text(&meta, METADATA_SHA256)?
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| {
            bad(format!(
                "Upload-Metadata: {METADATA_SHA256} must be the file's SHA-256 in hex"
            ))
        })?
        .to_ascii_lowercase();
    let filetype = metadata_text(&meta, METADATA_FILETYPE)?.filter(|t| !t.is_empty());
    if let Some(t) = &filetype {
        if !uploads::ACCEPTED_TYPES.contains(&t.as_str()) {
            return Err(PlatformError::refused(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                uploads::TYPE_NOT_SUPPORTED,
                format!(
                    "Upload-Metadata: {METADATA_FILETYPE} must be one of {}",
                    uploads::ACCEPTED_TYPES.join(", ")
                ),
            ));
        }
    }
    Ok(CreationMetadata {
        document,
        sha256,
        filetype,
    })
}

/// What this server supports.
#[utoipa::path(options, path = "/api/v1/uploads", tag = "uploads",
    responses((status = 204, description = "The server's tus capabilities",
        headers(
            ("Tus-Resumable" = String, description = "1.0.0"),
            ("Tus-Version" = String, description = "1.0.0"),
            ("Tus-Extension" = String, description = "creation,checksum"),
            ("Tus-Max-Size" = u64, description = "10485760: the largest upload, in bytes"),
            ("Tus-Checksum-Algorithm" = String, description = "sha1,sha256"),
        ))))]
pub async fn options() -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(TUS_VERSION_HEADER, HeaderValue::from_static(TUS_VERSION));
    headers.insert(TUS_EXTENSION, HeaderValue::from_static(EXTENSIONS));
    headers.insert(TUS_MAX_SIZE, HeaderValue::from(MAX_DOCUMENT_BYTES));
    headers.insert(
        TUS_CHECKSUM_ALGORITHM,
        HeaderValue::from_static(ChecksumAlgorithm::ADVERTISED),
    );
    (StatusCode::NO_CONTENT, headers).into_response()
}

/// Forgets the oldest unfinished uploads of a document beyond [`MAX_OPEN_PER_DOCUMENT`] − 1,
/// making room for one more; an upload a PATCH is writing right now is left alone.
async fn make_room(state: &AppState, merchant_id: i64, document: KycDocument) -> Result<()> {
    let open = rows::open_of(&state.db, merchant_id, document).await?;
    let excess = (open.len() + 1).saturating_sub(MAX_OPEN_PER_DOCUMENT);
    for id in open.iter().take(excess) {
        if let Some(_claim) = state.uploads.claim(id) {
            if rows::delete_open(&state.db, id).await? {
                state.uploads.remove(id).await;
                tracing::info!(upload = %id, "forgot an unfinished upload");
            }
        }
    }
    Ok(())
}

/// Creates an upload (tus `creation`). `Upload-Metadata` must carry `document` (`idFront` or
/// `idBack`) and `sha256` (the whole file's SHA-256, hex), and may carry `filetype`; values are
/// base64 as tus requires.
#[utoipa::path(post, path = "/api/v1/uploads", tag = "uploads", security(("bearer" = [])),
    params(
        ("Tus-Resumable" = String, Header, description = "1.0.0"),
        ("Upload-Length" = u64, Header, description = "The file's size in bytes, 1 to 10485760"),
        ("Upload-Metadata" = String, Header, description = "`document <base64 idFront|idBack>,sha256 <base64 hex digest>[,filetype <base64 media type>]`"),
    ),
    responses(
        (status = 201, description = "Created; PATCH the bytes to the Location",
            headers(
                ("Location" = String, description = "`/api/v1/uploads/{id}`"),
                ("Upload-Offset" = u64, description = "0"),
                ("Tus-Resumable" = String, description = "1.0.0"),
            )),
        (status = 400, body = ApiError, description = "Upload-Length or Upload-Metadata missing or malformed"),
        (status = 401, body = ApiError),
        (status = 412, body = ApiError, description = "Tus-Resumable missing or another version; Tus-Version says which this server speaks"),
        (status = 413, body = ApiError, description = "Upload-Length above Tus-Max-Size"),
        (status = 415, body = ApiError, description = "`filetype` is not image/jpeg, image/png or image/webp"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    who: Merchant,
    headers: HeaderMap,
) -> Result<Response> {
    if headers.contains_key(UPLOAD_DEFER_LENGTH) {
        return Err(bad(
            "deferred lengths are not supported (no creation-defer-length): send Upload-Length",
        ));
    }
    let length =
        number(&headers, &UPLOAD_LENGTH)?.ok_or_else(|| bad("Upload-Length is required"))?;
    if length == 0 {
        return Err(bad("Upload-Length must be at least 1"));
    }
    if length > MAX_DOCUMENT_BYTES {
        return Err(PlatformError::refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            "upload_too_large",
            format!(
                "Upload-Length is above the {MAX_DOCUMENT_BYTES} bytes an ID card image may have"
            ),
        ));
    }
    let raw = headers
        .get(UPLOAD_METADATA)
        .ok_or_else(|| bad("Upload-Metadata is required"))?
        .to_str()
        .map_err(|_| bad("Upload-Metadata must be ASCII"))?;
    let meta = creation_metadata(raw)?;
    make_room(&state, who.merchant_id, meta.document).await?;
    let id = uploads::new_id();
    state.uploads.create(&id).await?;
    let inserted = rows::insert(
        &state.db,
        NewUpload {
            id: &id,
            merchant_id: who.merchant_id,
            document: meta.document,
            filetype: meta.filetype.as_deref(),
            metadata: raw.trim(),
            length,
            sha256: &meta.sha256,
        },
    )
    .await;
    if let Err(e) = inserted {
        state.uploads.remove(&id).await;
        return Err(e);
    }
    tracing::info!(upload = %id, merchant_id = who.merchant_id, document = meta.document.as_str(), length, "upload created");
    let location = format!("{API_PREFIX}{UPLOADS_PATH}/{id}");
    Ok((
        StatusCode::CREATED,
        [(LOCATION, location), (UPLOAD_OFFSET, "0".to_string())],
    )
        .into_response())
}

/// The merchant's upload, by an id from the path.
async fn owned_upload(state: &AppState, merchant_id: i64, id: &str) -> Result<UploadRow> {
    if !uploads::valid_id(id) {
        return Err(PlatformError::NotFound("upload"));
    }
    let mut conn = state.db.acquire().await?;
    rows::owned(&mut conn, merchant_id, id).await
}

/// A failed upload is gone for the client: it starts a new one.
fn gone(upload: &UploadRow) -> PlatformError {
    let code = match upload.failure.as_deref() {
        Some(uploads::TYPE_NOT_SUPPORTED) => uploads::TYPE_NOT_SUPPORTED,
        _ => uploads::CORRUPT,
    };
    PlatformError::refused(
        StatusCode::GONE,
        code,
        "this upload failed its checks when its last byte arrived; start a new upload",
    )
}

fn offset_mismatch() -> PlatformError {
    PlatformError::refused(
        StatusCode::CONFLICT,
        "upload_offset_mismatch",
        "Upload-Offset is not the upload's offset; ask for it with HEAD",
    )
}

/// How much of an upload the platform has (tus core `HEAD`).
#[utoipa::path(head, path = "/api/v1/uploads/{upload_id}", tag = "uploads", security(("bearer" = [])),
    params(
        ("upload_id" = String, Path),
        ("Tus-Resumable" = String, Header, description = "1.0.0"),
    ),
    responses(
        (status = 200, description = "The upload's offset and length",
            headers(
                ("Upload-Offset" = u64, description = "Bytes received and safely stored"),
                ("Upload-Length" = u64),
                ("Upload-Metadata" = String, description = "As sent at creation"),
                ("Cache-Control" = String, description = "no-store"),
                ("Tus-Resumable" = String, description = "1.0.0"),
            )),
        (status = 404, description = "No such upload of this merchant"),
        (status = 410, description = "The upload failed its checks (`upload_corrupt`, `upload_type_not_supported`); start a new one"),
        (status = 412, description = "Tus-Resumable missing"),
    ))]
pub async fn offset(
    State(state): State<AppState>,
    who: Merchant,
    Path(upload_id): Path<String>,
) -> Result<Response> {
    let upload = owned_upload(&state, who.merchant_id, &upload_id).await?;
    if upload.state == UploadState::Failed {
        return Err(gone(&upload));
    }
    let mut headers = HeaderMap::new();
    headers.insert(UPLOAD_OFFSET, HeaderValue::from(upload.received));
    headers.insert(UPLOAD_LENGTH, HeaderValue::from(upload.length));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&upload.metadata) {
        headers.insert(UPLOAD_METADATA, v);
    }
    Ok((StatusCode::OK, headers).into_response())
}

/// Whether a PATCH body is sent as `application/offset+octet-stream` (parameters allowed).
pub fn is_offset_stream(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(OFFSET_OCTET_STREAM))
}

fn too_large() -> PlatformError {
    PlatformError::refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        "upload_too_large",
        "the chunk goes past Upload-Length; none of it was kept",
    )
}

/// What a PATCH may do, decided before any of its body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchPlan {
    /// The upload is complete and the PATCH sends nothing: answer its length again, for a
    /// client that lost the answer to its last PATCH.
    AlreadyComplete,
    /// Receive the body at the upload's offset.
    Receive,
}

/// Decides a PATCH of `upload` (as recorded, claimed) from its `Upload-Offset` and its
/// `Content-Length` when sent: the offset must be the recorded one and the body must fit in
/// what is left of `Upload-Length`; a failed upload is gone.
pub fn plan_patch(
    upload: &UploadRow,
    offset: u64,
    content_length: Option<u64>,
) -> Result<PatchPlan> {
    match upload.state {
        UploadState::Failed => return Err(gone(upload)),
        UploadState::Complete => {
            // Nothing more to take; a repeat of the last PATCH's answer for a client that
            // lost it, when it sends nothing.
            if offset != upload.length {
                return Err(offset_mismatch());
            }
            if content_length.unwrap_or(0) > 0 {
                return Err(too_large());
            }
            return Ok(PatchPlan::AlreadyComplete);
        }
        UploadState::Receiving => {}
    }
    if offset != upload.received {
        return Err(offset_mismatch());
    }
    if content_length.is_some_and(|n| n > upload.length.saturating_sub(upload.received)) {
        return Err(too_large());
    }
    Ok(PatchPlan::Receive)
}

/// Appends bytes at `Upload-Offset` (tus core `PATCH`, with the `checksum` extension). The body
/// is written as it arrives; a body cut off without `Upload-Checksum` keeps what arrived. When
/// the last byte arrives the whole file must match the SHA-256 declared at creation and be a
/// JPEG, PNG or WebP image, or the upload fails (422, and 410 from then on).
#[utoipa::path(patch, path = "/api/v1/uploads/{upload_id}", tag = "uploads", security(("bearer" = [])),
    params(
        ("upload_id" = String, Path),
        ("Tus-Resumable" = String, Header, description = "1.0.0"),
        ("Upload-Offset" = u64, Header, description = "Where these bytes go: the offset HEAD answered"),
        ("Upload-Checksum" = Option<String>, Header, description = "`sha1 <base64 digest>` or `sha256 <base64 digest>` of this chunk"),
    ),
    request_body(content = Vec<u8>, content_type = "application/offset+octet-stream", description = "The next bytes of the file"),
    responses(
        (status = 204, description = "Stored",
            headers(
                ("Upload-Offset" = u64, description = "The new offset"),
                ("Tus-Resumable" = String, description = "1.0.0"),
            )),
        (status = 400, body = ApiError, description = "Upload-Offset missing; Upload-Checksum malformed or of an unsupported algorithm"),
        (status = 404, body = ApiError, description = "No such upload of this merchant"),
        (status = 409, body = ApiError, description = "`upload_offset_mismatch`, or `upload_busy` while another PATCH of it runs"),
        (status = 410, body = ApiError, description = "The upload failed its checks; start a new one"),
        (status = 412, body = ApiError, description = "Tus-Resumable missing"),
        (status = 413, body = ApiError, description = "The chunk goes past Upload-Length; nothing was kept"),
        (status = 415, body = ApiError, description = "Content-Type is not application/offset+octet-stream"),
        (status = 422, body = ApiError, description = "The finished file is not the declared one (`upload_corrupt`) or not an accepted image (`upload_type_not_supported`)"),
        (status = 460, body = ApiError, description = "Checksum mismatch: the chunk was discarded"),
    ))]
pub async fn append(
    State(state): State<AppState>,
    who: Merchant,
    Path(upload_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response> {
    if !is_offset_stream(&headers) {
        return Err(PlatformError::refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "upload_content_type",
            format!("a PATCH body must be sent as Content-Type: {OFFSET_OCTET_STREAM}"),
        ));
    }
    let offset =
        number(&headers, &UPLOAD_OFFSET)?.ok_or_else(|| bad("Upload-Offset is required"))?;
    let checksum = headers
        .get(UPLOAD_CHECKSUM)
        .map(|v| {
            v.to_str()
                .map_err(|_| bad("Upload-Checksum must be ASCII"))
                .and_then(ChunkChecksum::parse)
        })
        .transpose()?;
    let content_length = number(&headers, &CONTENT_LENGTH)?;

    // One PATCH at a time; the upload is read after claiming it, so it shows what an earlier
    // PATCH recorded.
    // Another merchant's upload is "not found", before it is claimed: no hint that it exists.
    owned_upload(&state, who.merchant_id, &upload_id).await?;
    let claim = state.uploads.claim(&upload_id).ok_or_else(|| {
        PlatformError::refused(
            StatusCode::CONFLICT,
            "upload_busy",
            "another PATCH of this upload is in progress",
        )
    })?;
    let upload = owned_upload(&state, who.merchant_id, &upload_id).await?;
    if plan_patch(&upload, offset, content_length)? == PatchPlan::AlreadyComplete {
        return Ok((
            StatusCode::NO_CONTENT,
            [(UPLOAD_OFFSET, upload.length.to_string())],
        )
            .into_response());
    }
    // Its own task: a client that goes away mid-body drops this request, not the bookkeeping.
    let task = tokio::spawn(uploads::append(
        state.db.clone(),
        state.uploads.clone(),
        upload,
        body,
        checksum,
        claim,
    ));
    let end = task
        .await
        .map_err(|e| PlatformError::Internal(format!("the upload task failed: {e}")))??;
    Ok((StatusCode::NO_CONTENT, [(UPLOAD_OFFSET, end.to_string())]).into_response())
}

/// An upload as stored, whoever owns it: its SHA-256 is computed from the file on disk.
#[utoipa::path(get, path = "/admin/uploads/{upload_id}", tag = "admin", security(("admin" = [])),
    params(("upload_id" = String, Path)),
    responses((status = 200, body = UploadInfo), (status = 404, body = ApiError)))]
pub async fn admin_info(
    State(state): State<AppState>,
    _: Admin,
    Path(upload_id): Path<String>,
) -> Result<super::Json<UploadInfo>> {
    let upload = any_upload(&state, &upload_id).await?;
    let (stored_sha256, _) = state.uploads.sha256(&upload.id).await?;
    Ok(super::Json(UploadInfo {
        id: upload.id,
        document: upload.document,
        length: upload.length,
        offset: upload.received,
        complete: upload.state == UploadState::Complete,
        stored_sha256,
    }))
}

/// The bytes of an upload as stored.
#[utoipa::path(get, path = "/admin/uploads/{upload_id}/content", tag = "admin", security(("admin" = [])),
    params(("upload_id" = String, Path)),
    responses((status = 200, description = "The stored bytes", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, body = ApiError)))]
pub async fn admin_content(
    State(state): State<AppState>,
    _: Admin,
    Path(upload_id): Path<String>,
) -> Result<Response> {
    let upload = any_upload(&state, &upload_id).await?;
    let bytes = state.uploads.read(&upload.id).await?;
    let media_type = upload
        .filetype
        .filter(|_| upload.state == UploadState::Complete)
        .unwrap_or_else(|| "application/octet-stream".to_string());
    Ok(([(CONTENT_TYPE, media_type)], bytes).into_response())
}

async fn any_upload(state: &AppState, id: &str) -> Result<UploadRow> {
    if !uploads::valid_id(id) {
        return Err(PlatformError::NotFound("upload"));
    }
    let mut conn = state.db.acquire().await?;
    rows::get(&mut conn, id)
        .await?
        .ok_or(PlatformError::NotFound("upload"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        STANDARD.encode(s)
    }

    #[test]
    fn metadata_pairs() {
        let sha = "AB".repeat(32);
        let raw = format!(
            "document {}, sha256 {},filetype {},empty",
            b64("idBack"),
            b64(&sha),
            b64("image/png")
        );
        let m = creation_metadata(&raw).unwrap();
        assert_eq!(m.document, KycDocument::IdBack);
        assert_eq!(m.sha256, "ab".repeat(32));
        assert_eq!(m.filetype.as_deref(), Some("image/png"));

        let no_sha = format!("document {}", b64("idFront"));
        assert!(creation_metadata(&no_sha)
            .unwrap_err()
            .to_string()
            .contains("sha256"));
        let twice = format!(
            "document {0},document {0},sha256 {1}",
            b64("idFront"),
            b64(&sha)
        );
        assert!(creation_metadata(&twice)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let not_b64 = format!("document idFront,sha256 {}", b64(&sha));
        assert!(creation_metadata(&not_b64).is_err());
        let pdf = format!(
            "document {},sha256 {},filetype {}",
            b64("idFront"),
            b64(&sha),
            b64("application/pdf")
        );
        let e = creation_metadata(&pdf).unwrap_err();
        assert_eq!(
            (e.status(), e.code()),
            (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "upload_type_not_supported"
            )
        );
    }
}
