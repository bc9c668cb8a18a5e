//! The reference platform's identity-verification API over HTTP, as any tus 1.0 client sees it:
//! OPTIONS, creation, HEAD, PATCH with offsets and checksums (wrong offset 409, damaged chunk
//! 460 with nothing kept, over-length 413, wrong media type 415, missing Tus-Resumable 412),
//! the whole file's SHA-256 checked at the last byte (a mismatch fails the upload: 422, then 410),
//! uploads private to their merchant, and submissions: incomplete uploads refused, a repeated
//! submission key counted once, reviews only along the allowed transitions.

use base64::Engine;
use pishkhan_api::{KycStatus, KycVerification, UploadInfo};
use pishkhan_tests::PlatformProcess;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

struct Tus<'a> {
    p: &'a PlatformProcess,
    token: String,
}

impl Tus<'_> {
    fn req(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.p
            .http()
            .request(method, format!("{}{path}", self.p.url))
            .bearer_auth(&self.token)
            .header("Tus-Resumable", "1.0.0")
    }

    async fn create(&self, document: &str, bytes: &[u8]) -> reqwest::Response {
        let sha = hex::encode(Sha256::digest(bytes));
        self.req(Method::POST, "/api/v1/uploads")
            .header("Upload-Length", bytes.len())
            .header(
                "Upload-Metadata",
                format!(
                    "document {},sha256 {},filetype {}",
                    b64(document.as_bytes()),
                    b64(sha.as_bytes()),
                    b64(b"image/jpeg")
                ),
            )
            .send()
            .await
            .unwrap()
    }

    async fn create_ok(&self, document: &str, bytes: &[u8]) -> String {
        let resp = self.create(document, bytes).await;
        assert_eq!(
            resp.status(),
            StatusCode::CREATED,
            "{:?}",
            resp.text().await
        );
        assert_eq!(resp.headers()["tus-resumable"], "1.0.0");
        resp.headers()["location"].to_str().unwrap().to_string()
    }

    async fn head(&self, path: &str) -> reqwest::Response {
        self.req(Method::HEAD, path).send().await.unwrap()
    }

    async fn offset(&self, path: &str) -> u64 {
        let resp = self.head(path).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["cache-control"], "no-store");
        resp.headers()["upload-offset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    }

    async fn patch(
        &self,
        path: &str,
        offset: u64,
        chunk: &[u8],
        checksum: Option<&[u8]>,
    ) -> reqwest::Response {
        let mut r = self
            .req(Method::PATCH, path)
            .header("Content-Type", "application/offset+octet-stream")
            .header("Upload-Offset", offset);
        if let Some(of) = checksum {
            r = r.header(
                "Upload-Checksum",
                format!("sha256 {}", b64(&Sha256::digest(of))),
            );
        }
        r.body(chunk.to_vec()).send().await.unwrap()
    }
}

fn jpeg() -> Vec<u8> {
    let photo = pishkhan_sample_photos::card_photo(900, 600, 5);
    pishkhan_sample_photos::jpeg_of(&photo, 85)
}

#[tokio::test]
async fn tus_uploads_follow_the_protocol_and_stay_private() {
    let p = PlatformProcess::start(Some(10));
    let tus = Tus {
        p: &p,
        token: p.merchant_token("demo@pishkhan.example", "demo1234").await,
    };

    // Discovery.
    let resp = p
        .http()
        .request(Method::OPTIONS, format!("{}/api/v1/uploads", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let ext = resp.headers()["tus-extension"].to_str().unwrap();
    assert!(
        ext.contains("creation") && ext.contains("checksum"),
        "{ext}"
    );
    assert_eq!(resp.headers()["tus-max-size"], "10485760");

    // A request without Tus-Resumable is refused with the version this server speaks.
    let resp = p
        .http()
        .post(format!("{}/api/v1/uploads", p.url))
        .bearer_auth(&tus.token)
        .header("Upload-Length", 10)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(resp.headers()["tus-version"], "1.0.0");

    // Creation: too large, and a media type that is not an image.
    let resp = tus
        .req(Method::POST, "/api/v1/uploads")
        .header("Upload-Length", 11 * 1024 * 1024)
        .header(
            "Upload-Metadata",
            format!("document {},sha256 {}", b64(b"idFront"), b64(&[b'0'; 64])),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let resp = tus
        .req(Method::POST, "/api/v1/uploads")
        .header("Upload-Length", 100)
        .header(
            "Upload-Metadata",
            format!(
                "document {},sha256 {},filetype {}",
                b64(b"idFront"),
                b64(&[b'0'; 64]),
                b64(b"application/pdf")
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let bytes = jpeg();
    let n = bytes.len() as u64;
    let path = tus.create_ok("idFront", &bytes).await;
    assert!(path.starts_with("/api/v1/uploads/"), "{path}");
    let head = tus.head(&path).await;
    assert_eq!(
        head.headers()["upload-length"].to_str().unwrap(),
        n.to_string()
    );
    assert_eq!(tus.offset(&path).await, 0);

    // PATCH: the wrong content type, the wrong offset, a damaged chunk (nothing kept).
    let resp = tus
        .req(Method::PATCH, &path)
        .header("Content-Type", "application/octet-stream")
        .header("Upload-Offset", 0)
        .body(bytes[..100].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let resp = tus.patch(&path, 5, &bytes[5..100], None).await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "upload_offset_mismatch"
    );
    let resp = tus
        .patch(&path, 0, &bytes[..1000], Some(&bytes[..999]))
        .await;
    assert_eq!(resp.status().as_u16(), 460);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "upload_checksum_mismatch"
    );
    assert_eq!(
        tus.offset(&path).await,
        0,
        "a damaged chunk leaves nothing behind"
    );

    // Two good chunks, with and without a checksum.
    let half = (n / 2) as usize;
    let resp = tus
        .patch(&path, 0, &bytes[..half], Some(&bytes[..half]))
        .await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        resp.headers()["upload-offset"].to_str().unwrap(),
        half.to_string()
    );
    // Another merchant cannot see it, resume it or use it.
    let created: Value = p.admin(Method::POST, "/admin/merchants", Some(&json!({
        "name": "دیگری", "email": "other@example.com", "password": "password-2", "storeName": "دیگر"
    }))).await;
    assert!(created["merchant"]["id"].as_i64().is_some());
    let other = Tus {
        p: &p,
        token: p.merchant_token("other@example.com", "password-2").await,
    };
    assert_eq!(other.head(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        other
            .patch(&path, half as u64, &bytes[half..], None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Past the declared length.
    let mut over = bytes[half..].to_vec();
    over.push(0);
    assert_eq!(
        tus.patch(&path, half as u64, &over, None).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let resp = tus.patch(&path, half as u64, &bytes[half..], None).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        resp.headers()["upload-offset"].to_str().unwrap(),
        n.to_string()
    );
    // A lost answer to the last PATCH: an empty PATCH at the end answers the offset again.
    assert_eq!(
        tus.patch(&path, n, &[], None).await.status(),
        StatusCode::NO_CONTENT
    );
    let id = path.rsplit('/').next().unwrap();
    let info: UploadInfo = p
        .admin::<(), _>(Method::GET, &format!("/admin/uploads/{id}"), None)
        .await;
    assert!(info.complete);
    assert_eq!(info.stored_sha256, hex::encode(Sha256::digest(&bytes)));

    // Bytes that do not hash as announced fail at the last byte, and the upload is gone.
    let wrong = tus.create_ok("idBack", &bytes).await;
    let mut tampered = bytes.clone();
    tampered[n as usize / 3] ^= 0xFF;
    let resp = tus.patch(&wrong, 0, &tampered, None).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "upload_corrupt"
    );
    assert_eq!(tus.head(&wrong).await.status(), StatusCode::GONE);

    // A malformed id never reaches the disk.
    assert_eq!(
        tus.head("/api/v1/uploads/..%2F..%2Fetc%2Fpasswd")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn submissions_need_finished_uploads_count_once_and_reviews_follow_the_states() {
    let p = PlatformProcess::start(Some(10));
    let tus = Tus {
        p: &p,
        token: p.merchant_token("demo@pishkhan.example", "demo1234").await,
    };
    let bytes = jpeg();
    let front = tus.create_ok("idFront", &bytes).await;
    tus.patch(&front, 0, &bytes, Some(&bytes)).await;
    let back = tus.create_ok("idBack", &bytes).await;
    tus.patch(&back, 0, &bytes[..100], None).await;
    let id = |p: &str| p.rsplit('/').next().unwrap().to_string();
    let form = json!({
        "fullName": "سارا نیک‌پور", "storeName": "فروشگاه گلبرگ", "email": "sara@example.com",
        "mobile": "09121234567", "address": "تهران، خیابان آزادی، پلاک ۱۲", "postalCode": "3354355599",
        "sheba": "IR820540102680020817909002", "birthDate": "1370/05/12", "nationalCode": "0499370899"
    });
    let submit = |key: &str, back_id: String| {
        tus.req(Method::POST, "/api/v1/kyc/submissions")
            .json(&json!({"submissionKey": key, "form": form, "idFront": id(&front), "idBack": back_id}))
            .send()
    };
    let resp = submit("key-00000001", id(&back)).await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "kyc_document_incomplete"
    );
    tus.patch(&back, 100, &bytes[100..], None).await;

    // A wrong national code is named, without its value.
    let mut bad = form.clone();
    bad["nationalCode"] = json!("0499370898");
    let resp = tus.req(Method::POST, "/api/v1/kyc/submissions")
        .json(&json!({"submissionKey": "key-00000002", "form": bad, "idFront": id(&front), "idBack": id(&back)}))
        .send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("nationalCode") && !body.contains("0499370898"),
        "{body}"
    );

    let first: KycVerification = submit("key-00000003", id(&back))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((first.status, first.revision), (KycStatus::Submitted, 1));
    // The same key again (a retry after a lost answer): the same verification, counted once.
    let again: KycVerification = submit("key-00000003", id(&back))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again, first);
    // A new key while it is being reviewed: refused.
    let resp = submit("key-00000004", id(&back)).await.unwrap();
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "kyc_not_editable"
    );

    let pr = &p;
    let review = |body: Value| async move {
        pr.admin_raw(Method::POST, "/admin/merchants/1/kyc/review", Some(&body))
            .await
    };
    // A rejection needs reasons; verifying twice is not a transition.
    assert_eq!(
        review(json!({"action": "reject", "reasons": []}))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(review(json!({"action": "start_review"}))
        .await
        .status()
        .is_success());
    assert!(review(json!({"action": "request_info", "reasons": [{"subject": {"document": "idBack"}, "code": "missing_back"}]})).await.status().is_success());
    let mine: KycVerification = tus
        .req(Method::GET, "/api/v1/kyc")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.status, KycStatus::InfoRequested);
    assert_eq!(mine.reasons.len(), 1);
    assert_eq!(
        review(json!({"action": "verify"})).await.status(),
        StatusCode::CONFLICT,
        "nothing to verify until it is resubmitted"
    );
}
