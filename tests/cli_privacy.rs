//! `pishkhan privacy`: "Export my data" writes the merchant's own profile, stores, sign-ins,
//! store settings, preferences and identity verification as JSON, readable by the owner only,
//! and nothing half-written when it fails; "Sign out and erase" leaves the data folder empty
//! (cache, verification draft and images, log).

use pishkhan_tests::{CliUser, PlatformProcess};
use serde_json::{json, Value};

#[tokio::test]
async fn my_data_is_exported_and_then_erased() {
    let p = PlatformProcess::start(Some(20));
    let user = CliUser::new();
    user.login(&p);
    user.ok(&["sync"]);
    user.ok(&["settings", "set", "sms-on-new-order", "on"]);
    let dir = tempfile::tempdir().unwrap();
    let form = json!({
        "fullName": "سارا نیک‌پور", "storeName": "فروشگاه گلبرگ", "email": "sara@example.com",
        "mobile": "09121234567", "address": "تهران، خیابان آزادی، پلاک ۱۲", "postalCode": "3354355599",
        "sheba": "IR820540102680020817909002", "birthDate": "1370/05/12", "nationalCode": "0499370899"
    });
    user.submit_kyc(dir.path(), &form, 1);

    let out = dir.path().join("my-data.json");
    user.ok(&["privacy", "export", "--out", out.to_str().unwrap()]);
    let data: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(data["merchant"]["email"], "demo@pishkhan.example");
    assert_eq!(data["stores"].as_array().unwrap().len(), 1);
    assert!(data["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["current"] == true));
    assert_eq!(data["storeSettings"]["smsOnNewOrder"], true);
    assert_eq!(data["storeSettings"]["emailOnNewOrder"], true);
    assert_eq!(data["identityVerification"]["status"], "submitted");
    assert_eq!(
        data["identityVerification"]["form"]["nationalCode"],
        "0499370899"
    );
    assert!(data["preferences"].is_object());
    assert!(data["app"].as_str().unwrap().starts_with("Pishkhan/"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the export is the owner's alone");
    }

    // A destination that cannot be written: a clear error, nothing left behind.
    let missing = dir.path().join("no-such-folder").join("my-data.json");
    let failed = user.run(&["privacy", "export", "--out", missing.to_str().unwrap()]);
    assert!(!failed.status.success());
    assert!(!String::from_utf8_lossy(&failed.stderr).trim().is_empty());
    assert!(!missing.exists());

    // Sign out and erase: nothing of this account is left in the data folder.
    user.ok(&["privacy", "erase"]);
    let left: Vec<String> = std::fs::read_dir(user.data_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
