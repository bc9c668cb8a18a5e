//! The account in the real desktop app, against a real platform: a customer named with markup
//! (`<img src=x onerror=…>`) is shown as text, never run; the Sessions page lists this
//! computer's sign-in and another one (a browser, say), and signing the other out from the window
//! makes the platform refuse its token; on the Settings page, "SMS when an order is placed" is
//! flipped on and a new order queues an SMS to the owner on the platform, flipped off and the
//! next one does not (the email is always there); the Privacy page lists the policy's categories
//! and exports the merchant's data.
//!
//! Needs `tauri-driver`, `WebKitWebDriver` and a `DISPLAY` (`scripts/test.sh`).

use pishkhan_api::NotificationChannel;
use pishkhan_tests::webdriver::DesktopApp;
use pishkhan_tests::PlatformProcess;
use reqwest::Method;
use serde_json::{json, Value};

async fn checked(app: &DesktopApp, testid: &str) -> bool {
    app.c
        .execute(
            "return document.querySelector(`[data-testid=${arguments[0]}]`).checked",
            vec![json!(testid)],
        )
        .await
        .unwrap()
        == json!(true)
}

#[tokio::test]
async fn sessions_are_signed_out_and_sms_on_new_order_is_switched_from_the_window() {
    let platform = PlatformProcess::start(Some(20));
    let browser = platform
        .merchant_token("demo@pishkhan.example", "demo1234")
        .await;

    // A customer whose name is markup: the app must show it as text, never run it.
    let hostile = "<img src=x onerror=alert(1)>";
    let _: Value = platform
        .admin(
            Method::POST,
            "/admin/stores/1/customers",
            Some(&json!({"firstName": hostile, "lastName": "آزمون", "mobilePhone": "09351112233"})),
        )
        .await;

    let save_dir = tempfile::tempdir().unwrap();
    let app =
        DesktopApp::start_signed_out_with(&[("PISHKHAN_SAVE_DIR", save_dir.path().as_os_str())])
            .await;
    app.fresh_start().await;
    app.set_input("signin-url", &platform.url).await;
    app.set_input("signin-email", "demo@pishkhan.example").await;
    app.set_input("signin-password", "demo1234").await;
    app.click("signin-submit").await;
    app.el("sync-status").await;

    // ---- Markup in data is text.
    app.click("sync-button").await;
    app.wait("the first sync", 60, || async {
        app.attr("[data-testid=last-sync]", "data-value")
            .await
            .is_some_and(|v| !v.is_empty())
    })
    .await;
    app.click("nav-customers").await;
    app.set_input("customer-search", "آزمون").await;
    app.wait("the customer with a markup name", 30, || async {
        // The text itself (a long name is cut with an ellipsis on screen).
        app.c
            .execute(
                "const row = document.querySelector('[data-testid=customer-row]');
                 return !!row && row.textContent.includes(arguments[0])",
                vec![json!(hostile)],
            )
            .await
            .unwrap()
            == json!(true)
    })
    .await;
    let injected = app
        .c
        .execute(
            "return document.querySelectorAll('img[src=x]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(injected, json!(0), "the name became an element");

    // ---- Sessions: this computer, marked, and the browser's, which is signed out from here.
    app.click("nav-sessions").await;
    app.wait("two sessions listed", 30, || async {
        app.c
            .find_all(fantoccini::Locator::Css("[data-testid=session-row]"))
            .await
            .map(|r| r.len() == 2)
            .unwrap_or(false)
    })
    .await;
    let current = app
        .c
        .find(fantoccini::Locator::Css(
            "[data-testid=session-row][data-current=true]",
        ))
        .await
        .unwrap();
    assert!(
        current
            .find(fantoccini::Locator::Css("[data-testid=session-revoke]"))
            .await
            .is_err(),
        "this computer's session has no sign-out button"
    );
    assert!(current.text().await.unwrap().contains("پیشخوان"));
    app.screenshot("sessions-fa.png").await;
    assert_eq!(platform.me_status(&browser).await, 200);
    app.click_css("[data-testid=session-row][data-current=false] [data-testid=session-revoke]")
        .await;
    app.click("session-revoke-yes").await;
    app.el("session-revoked").await;
    assert_eq!(
        platform.me_status(&browser).await,
        401,
        "the platform refuses the signed-out session"
    );

    // ---- Store notifications.
    app.click("nav-settings").await;
    app.el("store-notifications").await;
    assert!(checked(&app, "email-on-new-order").await);
    assert!(
        app.attr("[data-testid=email-on-new-order]", "disabled")
            .await
            .is_some(),
        "email for every order cannot be turned off"
    );
    assert!(!checked(&app, "sms-on-new-order").await);
    assert_eq!(
        platform.channels_of_a_new_order(1).await,
        vec![NotificationChannel::Email]
    );

    app.click("sms-on-new-order").await;
    app.el("sms-saved").await;
    app.wait("SMS on", 10, || async {
        checked(&app, "sms-on-new-order").await
    })
    .await;
    assert_eq!(
        platform.channels_of_a_new_order(2).await,
        vec![NotificationChannel::Email, NotificationChannel::Sms]
    );
    app.screenshot("settings-notifications-fa.png").await;

    app.click("sms-on-new-order").await;
    app.wait("SMS off and saved", 10, || async {
        !checked(&app, "sms-on-new-order").await
            && app.has("sms-saved").await
            && !app.has("sms-saving").await
    })
    .await;
    assert_eq!(
        platform.channels_of_a_new_order(3).await,
        vec![NotificationChannel::Email]
    );

    // ---- Privacy: the categories, and "Export my data" (saved through the debug-only seam
    // instead of the native dialog).
    app.click("nav-privacy").await;
    app.wait("the policy's six categories", 10, || async {
        app.c
            .find_all(fantoccini::Locator::Css("[data-testid=privacy-category]"))
            .await
            .map(|c| c.len() == 6)
            .unwrap_or(false)
    })
    .await;
    app.click("privacy-export").await;
    app.el("privacy-exported").await;
    app.screenshot("privacy-fa.png").await;
    let file = std::fs::read_dir(save_dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("the exported file");
    let data: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(data["merchant"]["email"], "demo@pishkhan.example");
    assert_eq!(data["storeSettings"]["smsOnNewOrder"], false);
}
