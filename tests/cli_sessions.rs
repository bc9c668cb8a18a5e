//! `pishkhan sessions`: the merchant's sign-ins as the platform records them (the app's name and
//! version, the device), this computer's marked; signing another one out makes the platform
//! refuse that session's tokens; this computer's own cannot be signed out this way.

use pishkhan_tests::{CliUser, PlatformProcess};
use serde_json::Value;

#[tokio::test]
async fn sessions_are_listed_and_another_one_is_signed_out() {
    let p = PlatformProcess::start(Some(10));
    let user = CliUser::new();
    user.login(&p);
    // The merchant is also signed in elsewhere (a browser, say).
    let elsewhere = p.merchant_token("demo@pishkhan.example", "demo1234").await;

    let list: Vec<Value> = user.json(&["sessions", "--json"]);
    assert_eq!(list.len(), 2, "{list:#?}");
    let mine = list
        .iter()
        .find(|s| s["current"] == true)
        .expect("this computer's session");
    assert!(
        mine["userAgent"].as_str().unwrap().starts_with("Pishkhan/"),
        "{mine}"
    );
    assert!(!mine["deviceName"].as_str().unwrap_or_default().is_empty());
    let other = list.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!(other["deviceName"], "test");
    let other_id = other["id"].as_i64().unwrap().to_string();
    let text = user.ok(&["sessions"]);
    assert!(text.contains("(this computer)"), "{text}");

    // The other session works until it is signed out from here.
    assert!(p.me_status(&elsewhere).await == 200);
    let after: Vec<Value> = user.json(&["sessions", "--revoke", &other_id, "--json"]);
    assert!(after
        .iter()
        .all(|s| s["id"].as_i64().unwrap().to_string() != other_id || s["revoked"] == true));
    assert_eq!(
        p.me_status(&elsewhere).await,
        401,
        "the platform refuses a signed-out session"
    );

    // This computer's session is ended by signing out, not from the list.
    let own = mine["id"].as_i64().unwrap().to_string();
    let out = user.run(&["sessions", "--revoke", &own]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sign out"));
    user.ok(&["sync"]);
}
