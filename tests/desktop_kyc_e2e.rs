//! Identity verification in the real desktop app, against a real platform this test starts:
//! the merchant fills the form in Persian digits, sees an inline error for a wrong national code
//! and the Sheba's bank as it is typed, attaches both sides of the ID card, submits; the
//! reviewer (the platform's admin API) rejects the Sheba and the back image; the app shows each
//! reason beside what it concerns and lets only those change; the merchant fixes them and
//! resubmits; the reviewer verifies.
//!
//! The native open dialog cannot be clicked through WebDriver: debug builds take the image from
//! `PISHKHAN_TEST_PICK_DIR` instead (`idFront.*`, `idBack.*`), a seam release builds do not
//! contain. Needs `tauri-driver`, `WebKitWebDriver` and a `DISPLAY` (`scripts/test.sh`).

use fantoccini::key::Key;
use pishkhan_api::{KycStatus, KycVerification};
use pishkhan_tests::images::write_card;
use pishkhan_tests::webdriver::DesktopApp;
use pishkhan_tests::PlatformProcess;
use reqwest::Method;
use serde_json::json;

const MERCHANT: &str = "/admin/merchants/1/kyc";

async fn status(app: &DesktopApp) -> Option<String> {
    app.attr("[data-testid=kyc-status]", "data-status").await
}

async fn wait_status(app: &DesktopApp, want: &str, seconds: u64) {
    app.wait(&format!("verification status {want}"), seconds, || async {
        status(app).await.as_deref() == Some(want)
    })
    .await;
}

/// Types `text` into a field with real key presses, then leaves the field (Tab).
async fn type_into(app: &DesktopApp, testid: &str, text: &str) {
    let el = app.el(testid).await;
    el.click().await.unwrap();
    app.c
        .execute(
            "const el = document.querySelector(`[data-testid=${arguments[0]}]`); el.select && el.select(); return true",
            vec![json!(testid)],
        )
        .await
        .unwrap();
    el.send_keys(&format!("{}{}", Key::Backspace.to_string(), text))
        .await
        .unwrap();
    el.send_keys(&Key::Tab.to_string()).await.unwrap();
}

async fn disabled(app: &DesktopApp, testid: &str) -> bool {
    app.attr(&format!("[data-testid={testid}]"), "disabled")
        .await
        .is_some()
}

async fn review(p: &PlatformProcess, body: serde_json::Value) -> KycVerification {
    p.admin(Method::POST, &format!("{MERCHANT}/review"), Some(&body))
        .await
}

#[tokio::test]
async fn verification_is_filled_submitted_rejected_fixed_and_verified_in_the_window() {
    let platform = PlatformProcess::start(Some(30));
    let photos = tempfile::tempdir().unwrap();
    write_card(photos.path(), "idFront.jpg", 3000, 2000, 31);
    write_card(photos.path(), "idBack.jpg", 3000, 2000, 32);

    let app =
        DesktopApp::start_signed_out_with(&[("PISHKHAN_TEST_PICK_DIR", photos.path().as_os_str())])
            .await;
    app.fresh_start().await;
    app.set_input("signin-url", &platform.url).await;
    app.set_input("signin-email", "demo@pishkhan.example").await;
    app.set_input("signin-password", "demo1234").await;
    app.click("signin-submit").await;
    app.el("sync-status").await;

    app.click("nav-kyc").await;
    wait_status(&app, "not_submitted", 30).await;
    assert_eq!(app.dir().await, json!("rtl"));

    // A national code with one wrong digit, typed in Persian digits: an inline error.
    type_into(&app, "kyc-field-nationalCode", "۰۴۹۹۳۷۰۸۹۸").await;
    app.el("kyc-error-nationalCode").await;
    assert!(!app.text("kyc-error-nationalCode").await.is_empty());
    type_into(&app, "kyc-field-nationalCode", "۰۴۹۹۳۷۰۸۹۹").await;
    app.wait("the national code error to clear", 10, || async {
        !app.has("kyc-error-nationalCode").await
    })
    .await;

    // The Sheba's bank appears while typing.
    type_into(&app, "kyc-field-sheba", "IR۸۲ ۰۵۴۰ ۱۰۲۶ ۸۰۰۲ ۰۸۱۷ ۹۰۹۰ ۰۲").await;
    app.wait("the Sheba's bank", 10, || async {
        app.text("kyc-bank").await.contains("پارسیان")
    })
    .await;

    type_into(&app, "kyc-field-fullName", "سارا نیک‌پور").await;
    type_into(&app, "kyc-field-storeName", "فروشگاه گلبرگ").await;
    type_into(&app, "kyc-field-email", "sara@example.com").await;
    type_into(&app, "kyc-field-mobile", "۰۹۱۲ ۱۲۳ ۴۵۶۷").await;
    type_into(&app, "kyc-field-address", "تهران، خیابان آزادی، پلاک ۱۲").await;
    type_into(&app, "kyc-field-postalCode", "۳۳۵۴۳۵۵۵۹۹").await;
    type_into(&app, "kyc-field-birthDate", "۱۳۷۰/۰۵/۱۲").await;
    app.wait("every field to be accepted", 10, || async {
        let mut clean = true;
        for field in [
            "fullName",
            "storeName",
            "email",
            "mobile",
            "address",
            "postalCode",
            "birthDate",
            "sheba",
            "nationalCode",
        ] {
            if app.has(&format!("kyc-error-{field}")).await {
                eprintln!("{field}: {}", app.text(&format!("kyc-error-{field}")).await);
                clean = false;
            }
        }
        clean
    })
    .await;

    // Both sides of the card (the test seam stands in for the native dialog).
    app.click("kyc-choose-idFront").await;
    app.el("kyc-preview-idFront").await;
    app.click("kyc-choose-idBack").await;
    app.el("kyc-preview-idBack").await;
    app.screenshot("kyc-form-fa.png").await;

    app.click("kyc-submit").await;
    wait_status(&app, "submitted", 90).await;
    let v: KycVerification = platform.admin::<(), _>(Method::GET, MERCHANT, None).await;
    assert_eq!(v.status, KycStatus::Submitted);
    assert_eq!(v.revision, 1);
    let form = v.form.clone().unwrap();
    assert_eq!(form.national_code, "0499370899");
    assert_eq!(form.mobile, "+989121234567");
    assert_eq!(form.birth_date, "1370/05/12");
    let front = v.id_front.clone().unwrap();

    // The reviewer rejects the Sheba and the back image.
    review(&platform, json!({"action": "start_review"})).await;
    review(&platform, json!({"action": "reject", "reasons": [
        {"subject": {"field": "sheba"}, "code": "name_mismatch", "note": "حساب به نام دارندهٔ کارت نیست"},
        {"subject": {"document": "idBack"}, "code": "not_readable"}
    ]}))
    .await;
    app.click("kyc-refresh").await;
    wait_status(&app, "rejected", 30).await;
    app.wait("the Sheba's reason", 10, || async {
        app.text("kyc-reason-sheba")
            .await
            .contains("حساب به نام دارندهٔ کارت نیست")
    })
    .await;
    assert!(!app.text("kyc-reason-idBack").await.is_empty());
    assert!(!app.has("kyc-reason-nationalCode").await);
    assert!(
        disabled(&app, "kyc-field-fullName").await,
        "a field the reviewer did not name stays as sent"
    );
    assert!(disabled(&app, "kyc-field-nationalCode").await);
    assert!(!disabled(&app, "kyc-field-sheba").await);
    app.screenshot("kyc-rejected-fa.png").await;

    // The merchant fixes only what was asked: another account, a sharper photo of the back.
    type_into(&app, "kyc-field-sheba", "IR050170000000123456789012").await;
    app.wait("the new Sheba's bank", 10, || async {
        app.text("kyc-bank").await.contains("ملی")
    })
    .await;
    write_card(photos.path(), "idBack.jpg", 3000, 2000, 99);
    let old_preview = app.attr("[data-testid=kyc-preview-idBack]", "src").await;
    app.click("kyc-choose-idBack").await;
    app.wait("the new back image", 30, || async {
        let now = app.attr("[data-testid=kyc-preview-idBack]", "src").await;
        now.is_some() && now != old_preview
    })
    .await;
    app.click("kyc-submit").await;
    wait_status(&app, "submitted", 90).await;
    let v: KycVerification = platform.admin::<(), _>(Method::GET, MERCHANT, None).await;
    assert_eq!(v.revision, 2);
    assert_eq!(v.form.as_ref().unwrap().sheba, "IR050170000000123456789012");
    assert_eq!(v.form.as_ref().unwrap().full_name, form.full_name);
    assert_eq!(
        v.id_front.as_ref(),
        Some(&front),
        "the front was not sent again"
    );
    assert_ne!(v.id_back.as_ref().unwrap().sha256, front.sha256);

    review(&platform, json!({"action": "verify"})).await;
    app.click("kyc-refresh").await;
    wait_status(&app, "verified", 30).await;
    assert!(
        disabled(&app, "kyc-field-sheba").await,
        "nothing to change once verified"
    );
    app.screenshot("kyc-verified-fa.png").await;
}
