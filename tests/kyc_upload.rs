//! The ID card images' resumable upload (tus) through connections cut at random byte offsets,
//! between the app's core and the real platform on loopback, with app restarts in between.
//!
//! Whatever is cut — a request's headers, a PATCH body half-way, the platform's answer after it
//! stored a chunk — the upload goes on from the offset the platform reports, never from the
//! start, the platform ends up with exactly the bytes this computer prepared (SHA-256 equal),
//! and the submission is recorded once.

use std::path::Path;
use std::sync::{Arc, Mutex};

use pishkhan_api::{KycDocument, KycForm, KycStatus, KycVerification, UploadInfo};
use pishkhan_core::Pishkhan;
use pishkhan_platform::{Platform, PlatformConfig};
use pishkhan_tests::cut_proxy::{CutConfig, CutProxy};
use pishkhan_tests::images::write_card;
use sha2::{Digest, Sha256};

fn form() -> KycForm {
    KycForm {
        full_name: "سارا نیک‌پور".into(),
        store_name: "فروشگاه گلبرگ".into(),
        email: "sara@example.com".into(),
        mobile: "۰۹۱۲ ۱۲۳ ۴۵۶۷".into(),
        address: "تهران، خیابان آزادی، پلاک ۱۲".into(),
        postal_code: "۳۳۵۴۳۵۵۵۹۹".into(),
        sheba: "IR82 0540 1026 8002 0817 9090 02".into(),
        birth_date: "۱۳۷۰/۰۵/۱۲".into(),
        national_code: "۰۴۹۹۳۷۰۸۹۹".into(),
    }
}

async fn admin_get<T: serde::de::DeserializeOwned>(p: &Platform, path: &str) -> T {
    let resp = pishkhan_tests::http_client()
        .get(format!("{}{path}", p.url))
        .header(pishkhan_api::ADMIN_TOKEN_HEADER, &p.admin_token)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().await.unwrap()
}

async fn admin_bytes(p: &Platform, path: &str) -> Vec<u8> {
    let resp = pishkhan_tests::http_client()
        .get(format!("{}{path}", p.url))
        .header(pishkhan_api::ADMIN_TOKEN_HEADER, &p.admin_token)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.bytes().await.unwrap().to_vec()
}

async fn upload_url(app_dir: &Path, document: KycDocument) -> Option<String> {
    // The app's own record of the upload, read as the app would after a restart.
    let db = pishkhan_tests::open_app_db(app_dir, "account.db").await?;
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT url FROM kyc_uploads WHERE document = ?1")
            .bind(document.as_str())
            .fetch_optional(&db)
            .await
            .ok()?;
    db.close().await;
    row.and_then(|(u,)| u)
}

/// The platform on loopback with a small demo store; uploads in 4 KB chunks, so a 240 KB image
/// takes dozens of PATCHes and cuts or a pause land all over it.
async fn small_platform(dir: &Path) -> Platform {
    std::env::set_var(pishkhan_core::kyc::upload::CHUNK_ENV, "4096");
    let mut config = PlatformConfig::new(dir.join("platform"));
    config.demo_orders = Some(5);
    Platform::start(config).await.unwrap()
}

async fn signed_in(app_dir: &Path, platform_url: &str) -> Pishkhan {
    let app = Pishkhan::new(app_dir);
    app.login(
        platform_url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_cut_at_random_offsets_resumes_from_the_platforms_offset_and_stores_the_exact_bytes()
{
    let dir = tempfile::tempdir().unwrap();
    let p = small_platform(dir.path()).await;
    let proxy = CutProxy::start(
        &p.url,
        20261130,
        CutConfig {
            upload_cut: 0.20,
            answer_cut: 0.10,
            max_upload_cut: 5_000,
            max_answer_cut: 400,
        },
    )
    .await;

    let app_dir = dir.path().join("app");
    let mut app = signed_in(&app_dir, &proxy.url).await;
    let photos = dir.path().join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let front = write_card(&photos, "front.jpg", 3000, 2000, 11);
    let back = write_card(&photos, "back.jpg", 2400, 1600, 12);
    let front_img = app
        .kyc_attach_image(KycDocument::IdFront, &front)
        .await
        .unwrap();
    let back_img = app
        .kyc_attach_image(KycDocument::IdBack, &back)
        .await
        .unwrap();
    assert!(
        front_img.bytes > 150_000,
        "the front is big enough to need many chunks: {}",
        front_img.bytes
    );
    let state = app.kyc_submit(&form()).await.unwrap();
    assert!(state.queued.is_some(), "submitting queues");
    assert!(
        state.editable_fields.is_empty(),
        "nothing is editable while a submission waits"
    );

    // Send through the cutting proxy until the platform takes it, restarting the app every
    // few attempts. Progress must never go back: each attempt resumes where the platform is.
    proxy.set_cutting(true);
    let seen: Arc<Mutex<Vec<(KycDocument, u64)>>> = Arc::default();
    let mut first_urls: Vec<(KycDocument, String)> = Vec::new();
    let mut answer: Option<KycVerification> = None;
    let mut failures = 0;
    for attempt in 0..400 {
        if attempt > 0 && attempt % 7 == 0 {
            drop(app);
            app = Pishkhan::new(&app_dir);
        }
        let seen2 = seen.clone();
        let result = app
            .kyc_send(&move |p| seen2.lock().unwrap().push((p.document, p.sent)))
            .await;
        for d in KycDocument::ALL {
            if let Some(url) = upload_url(&app_dir, d).await {
                if !first_urls.iter().any(|(k, _)| *k == d) {
                    first_urls.push((d, url));
                }
            }
        }
        match result {
            Ok(Some(v)) => {
                answer = Some(v);
                break;
            }
            Ok(None) => panic!("nothing was sent although a submission is queued"),
            Err(e) => {
                failures += 1;
                assert!(
                    matches!(
                        e.code(),
                        "platform_unreachable"
                            | "malformed_response"
                            | "platform_error"
                            | "upload_offset_mismatch"
                    ) || e.code().starts_with("upload_"),
                    "an unexpected failure: {} ({e})",
                    e.code()
                );
            }
        }
    }
    proxy.set_cutting(false);
    let answer = answer.expect("the submission got through within 400 attempts");
    assert_eq!(answer.status, KycStatus::Submitted);
    assert_eq!(answer.revision, 1);
    let cuts = proxy.cuts();
    assert!(cuts >= 15, "the proxy cut only {cuts} connections");
    assert!(
        failures >= 5,
        "only {failures} attempts failed: the cuts did not bite"
    );
    eprintln!(
        "{cuts} cuts ({} in requests, {} in answers), {failures} failed attempts, {} bytes up",
        proxy
            .tally
            .upload_cuts
            .load(std::sync::atomic::Ordering::SeqCst),
        proxy
            .tally
            .answer_cuts
            .load(std::sync::atomic::Ordering::SeqCst),
        proxy
            .tally
            .bytes_up
            .load(std::sync::atomic::Ordering::SeqCst)
    );

    // Never from the start again: per document, the reported offsets never go back, and the
    // upload the app first created is the one that finished.
    let seen = seen.lock().unwrap().clone();
    for d in KycDocument::ALL {
        let offsets: Vec<u64> = seen
            .iter()
            .filter(|(k, _)| *k == d)
            .map(|(_, s)| *s)
            .collect();
        assert!(
            offsets.len() > 10,
            "{d:?}: {} progress reports",
            offsets.len()
        );
        assert!(
            offsets.windows(2).all(|w| w[1] >= w[0]),
            "{d:?}: the upload went back: {offsets:?}"
        );
    }
    let total = front_img.bytes + back_img.bytes;
    let up = proxy
        .tally
        .bytes_up
        .load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        up < total * 2,
        "{up} bytes sent for {total} bytes of images: not resuming"
    );

    // The platform holds exactly the prepared bytes, complete, outside its database.
    for (d, img, doc_ref) in [
        (
            KycDocument::IdFront,
            &front_img,
            answer.id_front.as_ref().unwrap(),
        ),
        (
            KycDocument::IdBack,
            &back_img,
            answer.id_back.as_ref().unwrap(),
        ),
    ] {
        assert_eq!(doc_ref.sha256, img.sha256, "{d:?}: the submission's hash");
        let first = &first_urls.iter().find(|(k, _)| *k == d).unwrap().1;
        assert!(
            first.ends_with(&doc_ref.upload_id),
            "{d:?}: a second upload was created ({first} vs {})",
            doc_ref.upload_id
        );
        let info: UploadInfo =
            admin_get(&p, &format!("/admin/uploads/{}", doc_ref.upload_id)).await;
        assert!(info.complete);
        assert_eq!(info.length, img.bytes);
        assert_eq!(info.offset, img.bytes);
        assert_eq!(info.stored_sha256, img.sha256, "{d:?}: stored bytes differ");
        let bytes = admin_bytes(&p, &format!("/admin/uploads/{}/content", doc_ref.upload_id)).await;
        assert_eq!(hex::encode(Sha256::digest(&bytes)), img.sha256);
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{d:?}: EXIF reached the platform"
        );
        let on_disk = dir
            .path()
            .join("platform")
            .join("uploads")
            .join(&doc_ref.upload_id);
        assert_eq!(
            std::fs::read(&on_disk).unwrap(),
            bytes,
            "kept as a file outside the database"
        );
    }

    // The app learned the answer, and the queue is empty; a further send has nothing to do.
    let state = app.kyc_state().await.unwrap();
    assert!(state.queued.is_none());
    assert_eq!(state.verification.status, KycStatus::Submitted);
    assert_eq!(app.kyc_send(&|_| {}).await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_upload_keeps_what_was_sent_and_resumes_from_there() {
    let dir = tempfile::tempdir().unwrap();
    let p = small_platform(dir.path()).await;
    let app_dir = dir.path().join("app");
    let app = Arc::new(signed_in(&app_dir, &p.url).await);
    let photos = dir.path().join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    for (d, seed) in [(KycDocument::IdFront, 41), (KycDocument::IdBack, 42)] {
        let path = write_card(&photos, &format!("{}.jpg", d.as_str()), 3000, 2000, seed);
        app.kyc_attach_image(d, &path).await.unwrap();
    }
    app.kyc_submit(&form()).await.unwrap();

    // The merchant presses Pause once a few chunks have gone.
    let pressed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (app2, pressed2) = (app.clone(), pressed.clone());
    let sent = app
        .kyc_send(&move |p| {
            if p.sent > 20_000 && !pressed2.swap(true, std::sync::atomic::Ordering::SeqCst) {
                let app = app2.clone();
                tokio::spawn(async move { app.kyc_pause(true).await.unwrap() });
            }
        })
        .await;
    assert!(
        matches!(sent, Err(pishkhan_core::CoreError::UploadPaused)),
        "{sent:?}"
    );
    let state = app.kyc_state().await.unwrap();
    let queued = state.queued.expect("still queued");
    assert!(queued.paused);
    assert!(queued.last_error.is_none(), "a pause is not an error");
    let front = state
        .uploads
        .iter()
        .find(|u| u.document == KycDocument::IdFront)
        .unwrap();
    assert!(front.sent > 0 && !front.complete, "{front:?}");
    let paused_at = front.sent;
    let url = upload_url(&app_dir, KycDocument::IdFront).await.unwrap();

    // While paused, a sync (or another send) leaves it alone, and the platform keeps its part.
    assert_eq!(app.kyc_send(&|_| {}).await.unwrap(), None);
    let id = url.rsplit('/').next().unwrap();
    let info: UploadInfo = admin_get(&p, &format!("/admin/uploads/{id}")).await;
    assert_eq!(info.offset, paused_at);

    // Resumed after a restart of the app: it goes on from there, in the same upload.
    drop(app);
    let app = Pishkhan::new(&app_dir);
    // The draft survived the restart: the form as typed and both prepared images.
    let state = app.kyc_state().await.unwrap();
    assert_eq!(state.form, form());
    assert_eq!(state.images.len(), 2);
    assert!(state
        .images
        .iter()
        .all(|i| i.preview.starts_with("data:image/jpeg;base64,")));
    app.kyc_pause(false).await.unwrap();
    let firsts: Arc<Mutex<Vec<(KycDocument, u64)>>> = Arc::default();
    let f2 = firsts.clone();
    let v = app
        .kyc_send(&move |p| f2.lock().unwrap().push((p.document, p.sent)))
        .await
        .unwrap()
        .expect("sent");
    assert_eq!(v.status, KycStatus::Submitted);
    let firsts = firsts.lock().unwrap().clone();
    let first_front = firsts
        .iter()
        .find(|(d, _)| *d == KycDocument::IdFront)
        .unwrap()
        .1;
    assert_eq!(first_front, paused_at, "resumed from the platform's offset");
    assert_eq!(v.id_front.unwrap().upload_id, id);
}
