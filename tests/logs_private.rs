//! The log keeps the privacy policy's promise: after a whole flow through the real CLI — sign
//! in, sync, edits with a note, identity verification with the ID card images, store settings,
//! sessions — not one of the known personal values or secrets appears in any log file: the
//! merchant's email and password, the tokens, the buyers' names, mobiles and postal codes, and
//! the verification's name, national code, Sheba, mobile, address and birth date. The log is
//! not empty (it records what happened, by ids and counts), and signing out erases it.

use pishkhan_tests::{CliUser, PlatformProcess};
use serde_json::{json, Value};

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn no_personal_value_or_secret_reaches_the_log_files() {
    let p = PlatformProcess::start(Some(60));
    let user = CliUser::new();
    user.login(&p);
    user.ok(&["sync"]);

    // Edits, one with a note naming a buyer.
    let page: Value = user.json(&["orders", "list", "--limit", "20", "--json"]);
    let orders = page["orders"].as_array().unwrap();
    let first = &orders[0];
    let number = first["orderNumber"].as_str().unwrap();
    let _ = user.run(&[
        "orders",
        "note",
        number,
        &format!("تماس با {}", first["customerName"].as_str().unwrap()),
    ]);
    user.ok(&["sync"]);

    // Identity verification with both images.
    let dir = tempfile::tempdir().unwrap();
    let form = json!({
        "fullName": "ترانه یگانه‌فر", "storeName": "فروشگاه گلبرگ", "email": "taraneh.private@example.com",
        "mobile": "09357654321", "address": "اصفهان، خیابان چهارباغ، کوچهٔ محرمانه، پلاک ۷", "postalCode": "8153687995",
        "sheba": "IR550570022080013447370101", "birthDate": "1368/11/22", "nationalCode": "0499370899"
    });
    user.submit_kyc(dir.path(), &form, 7);
    user.ok(&["kyc", "status"]);
    user.ok(&["settings", "set", "sms-on-new-order", "on"]);
    user.ok(&["sessions"]);
    // Mistakes are logged too: a wrong national code must not be.
    let _ = user.run(&["kyc", "validate", "--national-code", "0499370898"]);

    // What must not be in the log.
    let mut secrets: Vec<String> = vec![
        "demo@pishkhan.example".into(),
        "demo1234".into(),
        "0499370898".into(),
    ];
    strings(&form, &mut secrets);
    secrets.retain(|s| s != "فروشگاه گلبرگ"); // the store's name is not personal data
    secrets.push("IR550570022080013447370101".into());
    secrets.push("+989357654321".into());
    // The tokens, from where the app keeps them (the OS keychain).
    let kept = pishkhan_tests::app_secrets(user.data_dir.path()).expect("the app's secrets");
    secrets.push(kept.access_token.clone());
    secrets.push(kept.refresh_token.clone());
    for o in orders {
        secrets.push(o["customerName"].as_str().unwrap().to_string());
        if let Some(m) = o["mobile"].as_str() {
            secrets.push(m.to_string());
            secrets.push(m.replace("+98", "0"));
        }
    }
    let detail: Value = user.json(&["orders", "show", number, "--json"]);
    if let Some(pc) = detail["order"]["shippingAddress"]["postalCode"].as_str() {
        secrets.push(pc.to_string());
    }
    secrets.retain(|s| s.chars().count() >= 5);
    secrets.sort();
    secrets.dedup();
    assert!(secrets.len() > 30, "{} values to look for", secrets.len());

    let logs = user.data_dir.path().join("logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&logs).expect("a log folder") {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert!(
        text.lines().count() >= 10,
        "the log records the flow:\n{text}"
    );
    assert!(
        text.contains("identity verification submitted") && text.contains("signed in"),
        "{text}"
    );
    for s in &secrets {
        assert!(!text.contains(s.as_str()), "{s:?} is in the log:\n{text}");
    }

    // Signing out erases the log with the rest.
    user.ok(&["logout", "--discard-edits"]);
    assert!(!logs.exists(), "the log folder outlived the sign-out");
}
