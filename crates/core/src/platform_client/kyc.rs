//! Identity verification on the wire: the verification's state, a submission, and the tus 1.0
//! calls that upload an ID card image (creation, `HEAD` for the offset, `PATCH` a chunk with
//! its SHA-256 in `Upload-Checksum`).
//!
//! The upload calls answer with what the caller needs to resume: the platform's offset. The
//! ways an upload can end badly each get their own error code (`upload_gone`,
//! `upload_offset_mismatch`, `upload_checksum_mismatch`, `upload_corrupt`) so the upload loop
//! can decide between asking for the offset again, resending a chunk, and starting over.

use base64::Engine;
use pishkhan_api::{KycDocument, KycSubmission, KycVerification};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, LOCATION};
use reqwest::{Method, StatusCode};
use sha2::{Digest, Sha256};

use super::{error_from, PlatformClient};
use crate::error::{CoreError, Result};

/// Where an upload stands on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadOffset {
    pub offset: u64,
    pub length: u64,
}

impl PlatformClient {
    /// `GET /kyc`: the merchant's verification as the platform holds it.
    pub async fn kyc(&self, access_token: &str) -> Result<KycVerification> {
        self.call::<(), _>(Method::GET, "/kyc", Some(access_token), None)
            .await
    }

    /// `POST /kyc/submissions`. Safe to repeat with the same submission key.
    pub async fn submit_kyc(
        &self,
        access_token: &str,
        submission: &KycSubmission,
    ) -> Result<KycVerification> {
        self.call(
            Method::POST,
            "/kyc/submissions",
            Some(access_token),
            Some(submission),
        )
        .await
    }

    /// Creates an upload of `length` bytes whose SHA-256 is `sha256` (hex); answers its URL
    /// path (`/api/v1/uploads/{id}`).
    pub async fn create_upload(
        &self,
        access_token: &str,
        document: KycDocument,
        length: u64,
        sha256: &str,
    ) -> Result<String> {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let metadata = format!(
            "{} {},{} {},{} {}",
            pishkhan_api::METADATA_DOCUMENT,
            b64(document.as_str()),
            pishkhan_api::METADATA_SHA256,
            b64(sha256),
            pishkhan_api::METADATA_FILETYPE,
            b64("image/jpeg"),
        );
        let url = format!(
            "{}{}{}",
            self.base,
            pishkhan_api::API_PREFIX,
            pishkhan_api::UPLOADS_PATH
        );
        let resp = self
            .http
            .post(url)
            .bearer_auth(access_token)
            .header("Tus-Resumable", pishkhan_api::TUS_VERSION)
            .header("Upload-Length", length)
            .header("Upload-Metadata", metadata)
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        if resp.status() != StatusCode::CREATED {
            return Err(error_from(resp).await);
        }
        let location = header(resp.headers(), LOCATION.as_str())
            .ok_or_else(|| CoreError::MalformedResponse("an upload without a Location".into()))?;
        self.upload_path(&location)
    }

    /// `HEAD` of an upload: the offset the platform has.
    pub async fn upload_offset(&self, access_token: &str, path: &str) -> Result<UploadOffset> {
        let resp = self
            .http
            .head(self.upload_url(path)?)
            .bearer_auth(access_token)
            .header("Tus-Resumable", pishkhan_api::TUS_VERSION)
            .header("Cache-Control", "no-store")
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        match resp.status() {
            StatusCode::OK | StatusCode::NO_CONTENT => {}
            _ => return Err(upload_error(resp).await),
        }
        let number = |name: &str| {
            header_number(resp.headers(), name).ok_or_else(|| {
                CoreError::MalformedResponse(format!("an upload offset without {name}"))
            })
        };
        Ok(UploadOffset {
            offset: number("Upload-Offset")?,
            length: number("Upload-Length")?,
        })
    }

    /// `PATCH`es `chunk` at `offset`, with its SHA-256 for the platform to check; answers the
    /// new offset.
    pub async fn upload_chunk(
        &self,
        access_token: &str,
        path: &str,
        offset: u64,
        chunk: Vec<u8>,
    ) -> Result<u64> {
        let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&chunk));
        let resp = self
            .http
            .patch(self.upload_url(path)?)
            .bearer_auth(access_token)
            .header("Tus-Resumable", pishkhan_api::TUS_VERSION)
            .header(CONTENT_TYPE, "application/offset+octet-stream")
            .header("Upload-Offset", offset)
            .header("Upload-Checksum", format!("sha256 {digest}"))
            .body(chunk)
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        match resp.status() {
            StatusCode::NO_CONTENT | StatusCode::OK => {
                header_number(resp.headers(), "Upload-Offset").ok_or_else(|| {
                    CoreError::MalformedResponse("a PATCH without Upload-Offset".into())
                })
            }
            _ => Err(upload_error(resp).await),
        }
    }

    /// The absolute URL of an upload path this platform handed out.
    fn upload_url(&self, path: &str) -> Result<String> {
        Ok(format!("{}{}", self.base, self.upload_path(path)?))
    }

    /// Reduces a `Location` (absolute or a path) to a path under this platform's uploads:
    /// an upload never sends the merchant's card to another host. Public for the fuzz targets
    /// (`fuzz/`) only.
    #[doc(hidden)]
    pub fn upload_path(&self, location: &str) -> Result<String> {
        let path = location.strip_prefix(&self.base).unwrap_or(location);
        let prefix = format!(
            "{}{}/",
            pishkhan_api::API_PREFIX,
            pishkhan_api::UPLOADS_PATH
        );
        let id = path.strip_prefix(&prefix).ok_or_else(|| {
            CoreError::MalformedResponse("an upload Location outside this platform".into())
        })?;
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(CoreError::MalformedResponse(
                "an upload Location with an unexpected id".into(),
            ));
        }
        Ok(format!("{prefix}{id}"))
    }
}

/// The id at the end of an upload path.
pub fn upload_id(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A tus header holding an offset or a length (`Upload-Offset`, `Upload-Length`) as the
/// platform sent it: `None` when it is missing or not a number.
pub fn header_number(headers: &HeaderMap, name: &str) -> Option<u64> {
    header(headers, name).and_then(|v| v.trim().parse::<u64>().ok())
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(str::to_string)
}

/// An upload call's failure with the platform's own code (`upload_offset_mismatch`,
/// `upload_busy`, `upload_checksum_mismatch`, `upload_corrupt`, …). A 404 or 410 without one
/// (a proxy's, say) is `upload_gone`: the upload has to start again either way.
async fn upload_error(resp: reqwest::Response) -> CoreError {
    let status = resp.status().as_u16();
    match error_from(resp).await {
        CoreError::Platform { code, .. } if code == "http_error" && matches!(status, 404 | 410) => {
            CoreError::Platform {
                status,
                code: "upload_gone".into(),
                message: "the platform no longer has this upload".into(),
            }
        }
        CoreError::Platform { code, message, .. } if status == 404 && code == "not_found" => {
            CoreError::Platform {
                status,
                code: "upload_gone".into(),
                message,
            }
        }
        other => other,
    }
}
