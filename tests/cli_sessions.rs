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

#[tokio::test]
async fn a_session_ended_elsewhere_asks_to_sign_in_again_and_keeps_the_unsent_edits() {
    let p = PlatformProcess::start(Some(10));
    let user = CliUser::new();
    user.login(&p);
    user.ok(&["sync"]);
    let page: Value = user.json(&["orders", "list", "--limit", "1", "--json"]);
    let number = page["orders"][0]["orderNumber"]
        .as_str()
        .unwrap()
        .to_string();
    user.ok(&["orders", "note", &number, "قبل از خروج"]);

    // From a browser, the merchant signs this computer's session out.
    let browser = p.merchant_token("demo@pishkhan.example", "demo1234").await;
    let list: Vec<Value> = p
        .http()
        .get(format!("{}/api/v1/sessions", p.url))
        .bearer_auth(&browser)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let computer = list
        .iter()
        .find(|s| {
            s["userAgent"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Pishkhan/")
        })
        .expect("this computer's session")["id"]
        .as_i64()
        .unwrap();
    let revoked = p
        .http()
        .delete(format!("{}/api/v1/sessions/{computer}", p.url))
        .bearer_auth(&browser)
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());

    // The next sync is refused: the status says to sign in again; nothing local is lost.
    let out = user.run(&["sync"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Sign in again"));
    let status: Value = user.json(&["status", "--json"]);
    assert_eq!(status["status"]["sessionExpired"], true);
    assert_eq!(status["status"]["signedIn"], true);
    assert_eq!(status["status"]["orderCount"], 10);
    let outbox: Value = user.json(&["outbox", "--json"]);
    assert_eq!(outbox["waiting"].as_array().unwrap().len(), 1);

    // Signing in again: the same cache and outbox, and the edit goes with the next sync.
    user.login(&p);
    let status: Value = user.json(&["status", "--json"]);
    assert_eq!(status["status"]["sessionExpired"], false);
    assert_eq!(status["status"]["orderCount"], 10, "no download needed");
    let said = user.ok(&["sync"]);
    assert!(said.contains("Edits: 1 applied"), "{said}");
}
