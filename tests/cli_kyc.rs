//! `pishkhan kyc` against the real platform: field checks with their exit codes, the image
//! pipeline, a submission queued while the platform is down and sent by the next sync, a
//! reviewer's rejection of one field and one image, a resubmission that may change only those,
//! and verification.

use pishkhan_api::{KycReason, KycReasonCode, KycStatus, KycSubject, KycVerification};
use pishkhan_tests::images::write_card;
use pishkhan_tests::{CliUser, PlatformProcess};
use reqwest::Method;
use serde_json::{json, Value};

const MERCHANT: &str = "/admin/merchants/1/kyc";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn validate_answers_per_field_with_normalised_values_and_exit_codes() {
    let user = CliUser::new();
    let checks: Vec<Value> = user.json(&[
        "kyc",
        "validate",
        "--json",
        "--national-code",
        "۰۴۹۹۳۷۰۸۹۹",
        "--sheba",
        "ir82 0540 1026 8002 0817 9090 02",
        "--mobile",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "--postal-code",
        "3354355599",
        "--birth-date",
        "۱۳۷۰/۵/۱۲",
    ]);
    assert_eq!(checks.len(), 5);
    assert!(checks.iter().all(|c| c["ok"] == true), "{checks:#?}");
    let by = |f: &str| checks.iter().find(|c| c["field"] == f).unwrap().clone();
    assert_eq!(by("nationalCode")["normalized"], "0499370899");
    assert_eq!(by("sheba")["normalized"], "IR820540102680020817909002");
    assert!(
        by("sheba")["bank"]["nameFa"]
            .as_str()
            .unwrap()
            .contains("پارسیان"),
        "{:?}",
        by("sheba")
    );
    assert_eq!(by("mobile")["normalized"], "+989121234567");
    assert_eq!(by("birthDate")["normalized"], "1370/05/12");

    // One wrong value: exit code 2, and the wrong field says why in both languages.
    let out = user.run(&[
        "kyc",
        "validate",
        "--json",
        "--national-code",
        "0499370898",
        "--mobile",
        "09121234567",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let checks: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let nc = checks
        .iter()
        .find(|c| c["field"] == "nationalCode")
        .unwrap();
    assert_eq!(nc["ok"], false);
    assert!(!nc["error"]["message"].as_str().unwrap().is_empty());
    assert!(!nc["error"]["messageFa"].as_str().unwrap().is_empty());
    assert!(checks
        .iter()
        .any(|c| c["field"] == "mobile" && c["ok"] == true));

    // Repeated digits, a one-digit slip in a Sheba, a Jalali day that does not exist, a minor.
    for args in [
        ["--national-code", "1111111111"],
        ["--sheba", "IR820540102680020817909003"],
        ["--birth-date", "1376/12/30"],
        ["--birth-date", "1371/07/31"],
        ["--birth-date", "1399/01/01"],
        ["--postal-code", "0354355599"],
        ["--mobile", "08121234567"],
    ] {
        let out = user.run(&["kyc", "validate", args[0], args[1]]);
        assert_eq!(out.status.code(), Some(2), "{args:?} should be refused");
    }
    // A leap year's last day is fine (1375 is a Jalali leap year).
    let ok = user.ok(&["kyc", "validate", "--birth-date", "1375/12/30"]);
    assert!(ok.contains("1375/12/30"), "{ok}");
}

#[test]
fn prepare_image_writes_a_clean_jpeg_and_refuses_a_pdf_named_jpg() {
    let user = CliUser::new();
    let dir = tempfile::tempdir().unwrap();
    let input = write_card(dir.path(), "card.jpg", 4000, 3000, 3);
    let output = dir.path().join("out.jpg");
    let info: Value = user.json(&[
        "kyc",
        "prepare-image",
        input.to_str().unwrap(),
        output.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(info["width"], 2000);
    assert_eq!(info["height"], 1500);
    let bytes = std::fs::read(&output).unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
    assert_eq!(info["bytes"].as_u64().unwrap(), bytes.len() as u64);

    let pdf = dir.path().join("scan.jpg");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
    )
    .unwrap();
    let out = user.run(&[
        "kyc",
        "prepare-image",
        pdf.to_str().unwrap(),
        dir.path().join("x.jpg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("PDF"), "{err}");
    assert!(
        !dir.path().join("x.jpg").exists(),
        "no output for a refused file"
    );
}

#[tokio::test]
async fn submit_offline_then_sync_then_reject_resubmit_only_what_was_asked_and_verify() {
    let mut p = PlatformProcess::start(Some(20));
    let user = CliUser::new();
    user.login(&p);
    let dir = tempfile::tempdir().unwrap();
    let front = write_card(dir.path(), "front.jpg", 3000, 2000, 21);
    let back = write_card(dir.path(), "back.jpg", 3000, 2000, 22);
    let form_path = dir.path().join("form.json");
    let mut form = json!({
        "fullName": "سارا نیک‌پور", "storeName": "فروشگاه گلبرگ", "email": "sara@example.com",
        "mobile": "۰۹۱۲۱۲۳۴۵۶۷", "address": "تهران، خیابان آزادی، پلاک ۱۲", "postalCode": "3354355599",
        "sheba": "IR820540102680020817909002", "birthDate": "۱۳۷۰/۰۵/۱۲", "nationalCode": "0499370899"
    });
    std::fs::write(&form_path, form.to_string()).unwrap();
    let submit = |front: Option<&std::path::Path>, back: Option<&std::path::Path>| {
        let mut args = vec![
            "kyc",
            "submit",
            "--json",
            "--form",
            form_path.to_str().unwrap(),
        ];
        if let Some(f) = front {
            args.extend(["--id-front", f.to_str().unwrap()]);
        }
        if let Some(b) = back {
            args.extend(["--id-back", b.to_str().unwrap()]);
        }
        user.run(&args)
    };

    // The platform is down: the submission is kept, not lost.
    p.stop();
    let out = submit(Some(&front), Some(&back));
    assert!(out.status.success(), "{}", stderr(&out));
    let state: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(state["queued"].is_object(), "{state:#}");
    assert_eq!(state["verification"]["status"], "not_submitted");
    assert!(stderr(&out).contains("next `pishkhan sync`"));

    // It comes back: the next sync sends it.
    p.restart();
    user.ok(&["sync"]);
    let state: Value = user.json(&["kyc", "status", "--json"]);
    assert!(state["queued"].is_null(), "{state:#}");
    assert_eq!(state["verification"]["status"], "submitted");
    let on_platform: KycVerification = p.admin::<(), _>(Method::GET, MERCHANT, None).await;
    assert_eq!(on_platform.status, KycStatus::Submitted);
    assert_eq!(on_platform.revision, 1);
    assert_eq!(on_platform.form.as_ref().unwrap().mobile, "+989121234567");
    let first_front = on_platform.id_front.clone().unwrap();

    // The reviewer rejects the Sheba and the back image.
    let reasons = vec![
        KycReason {
            subject: KycSubject::Field(pishkhan_api::KycField::Sheba),
            code: KycReasonCode::NameMismatch,
            note: Some("حساب به نام شما نیست".into()),
        },
        KycReason {
            subject: KycSubject::Document(pishkhan_api::KycDocument::IdBack),
            code: KycReasonCode::NotReadable,
            note: None,
        },
    ];
    let _: KycVerification = p
        .admin(
            Method::POST,
            &format!("{MERCHANT}/review"),
            Some(&json!({"action": "start_review"})),
        )
        .await;
    let _: KycVerification = p
        .admin(
            Method::POST,
            &format!("{MERCHANT}/review"),
            Some(&json!({"action": "reject", "reasons": reasons})),
        )
        .await;
    // The app learns it by syncing.
    let report: Value = user.json(&["sync", "--json"]);
    assert_eq!(report["kycStatusChanged"], "rejected", "{report:#}");
    let state: Value = user.json(&["kyc", "status", "--json"]);
    assert_eq!(state["verification"]["status"], "rejected");
    assert_eq!(state["editableFields"], json!(["sheba"]));
    assert_eq!(state["editableDocuments"], json!(["idBack"]));
    let text = user.ok(&["kyc", "status"]);
    assert!(
        text.contains("rejected") && text.contains("حساب به نام شما نیست"),
        "{text}"
    );

    // Changing what was not asked is refused before anything is sent.
    form["fullName"] = json!("سارا نیکپور");
    form["sheba"] = json!("IR050170000000123456789012");
    std::fs::write(&form_path, form.to_string()).unwrap();
    let out = submit(None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did not ask"), "{}", stderr(&out));
    // The front image may not be replaced either.
    let out = submit(Some(&back), None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    // Only the Sheba and the back image: accepted.
    form["fullName"] = json!("سارا نیک‌پور");
    std::fs::write(&form_path, form.to_string()).unwrap();
    let back2 = write_card(dir.path(), "back2.jpg", 3000, 2000, 23);
    let out = submit(None, Some(&back2));
    assert!(out.status.success(), "{}", stderr(&out));
    let on_platform: KycVerification = p.admin::<(), _>(Method::GET, MERCHANT, None).await;
    assert_eq!(on_platform.status, KycStatus::Submitted);
    assert_eq!(on_platform.revision, 2);
    assert_eq!(
        on_platform.form.as_ref().unwrap().sheba,
        "IR050170000000123456789012"
    );
    assert_eq!(
        on_platform.id_front.as_ref().unwrap(),
        &first_front,
        "the front stays as it was"
    );
    assert_ne!(
        on_platform.id_back.as_ref().unwrap().sha256,
        first_front.sha256
    );
    assert!(on_platform.reasons.is_empty());

    let _: KycVerification = p
        .admin(
            Method::POST,
            &format!("{MERCHANT}/review"),
            Some(&json!({"action": "verify"})),
        )
        .await;
    let state: Value = user.json(&["kyc", "status", "--json"]);
    assert_eq!(state["verification"]["status"], "verified");
    assert_eq!(state["editableFields"], json!([]));
    // Verified is final: the ID card images are no longer kept on this computer.
    assert_eq!(state["images"], json!([]), "{state:#}");
    // Verified is final: a further submission is refused with a clear reason.
    let out = submit(None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already verified"),
        "{}",
        stderr(&out)
    );
}
