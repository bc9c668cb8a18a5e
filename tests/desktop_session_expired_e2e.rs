//! A session the platform ended, in the real desktop app against a real platform: the merchant
//! signs in through the form and syncs; with the platform stopped, a note is added to an order
//! (it waits in the outbox); the platform comes back and the merchant, from a browser, signs
//! this computer's session out. The next Sync is refused: the app shows the sign-in-again
//! screen instead of the orders — the platform's address and the email prefilled, the password
//! field focused, the waiting edit counted. The password typed with real key presses and Enter
//! sign in again: the cached orders are still there (nothing downloaded afresh), and the sync
//! the app starts delivers the note to the platform.
//!
//! And the other way out, for data that cannot be opened at all (here: a store's cache file
//! that is no longer what its key opens): the app says so at start and offers to sign out and
//! erase this computer's data; after the question, it does, and signing in brings the store
//! afresh.
//!
//! Needs `tauri-driver`, `WebKitWebDriver`, a `DISPLAY` and a Secret Service
//! (`scripts/test.sh`).

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use pishkhan_api::Order;
use pishkhan_tests::webdriver::DesktopApp;
use pishkhan_tests::{CliUser, PlatformProcess};
use reqwest::Method;
use serde_json::{json, Value};

const ORDERS: u64 = 10;
const EMAIL: &str = "demo@pishkhan.example";
const PASSWORD: &str = "demo1234";
const NOTE: &str = "پیش از خروج از مرورگر: بسته را دوباره بسته‌بندی کنید";

async fn count(app: &DesktopApp, testid: &str) -> Option<u64> {
    app.attr(&format!("[data-testid={testid}]"), "data-count")
        .await
        .and_then(|c| c.parse().ok())
}

/// The `data-testid` of the focused element.
async fn focused(app: &DesktopApp) -> Value {
    app.c
        .execute(
            "return document.activeElement && document.activeElement.dataset.testid || null",
            vec![],
        )
        .await
        .unwrap()
}

async fn value_of(app: &DesktopApp, testid: &str) -> Value {
    app.c
        .execute(
            "return document.querySelector(`[data-testid=${arguments[0]}]`).value",
            vec![json!(testid)],
        )
        .await
        .unwrap()
}

async fn platform_order(p: &PlatformProcess, id: i64) -> Order {
    p.admin::<(), _>(Method::GET, &format!("/admin/stores/1/orders/{id}"), None)
        .await
}

/// Waits for `cond`, pressing the sync button now and then (a press while a sync runs is
/// refused and harmless).
async fn sync_until<F, Fut>(app: &DesktopApp, what: &str, seconds: u64, mut cond: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    let mut last_press: Option<Instant> = None;
    while start.elapsed() < Duration::from_secs(seconds) {
        if cond().await {
            return;
        }
        if last_press.is_none_or(|t| t.elapsed() > Duration::from_secs(6))
            && app
                .attr("[data-testid=sync-button]", "disabled")
                .await
                .is_none()
        {
            let _ = app.click("sync-button").await;
            last_press = Some(Instant::now());
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    app.wait(what, 1, || async { false }).await;
}

#[tokio::test]
async fn a_session_ended_from_a_browser_is_signed_in_again_and_the_waiting_note_arrives() {
    let mut platform = PlatformProcess::start(Some(ORDERS));

    // ---- Signed in through the form, synced.
    let app = DesktopApp::start_signed_out().await;
    app.fresh_start().await;
    app.set_input("signin-url", &platform.url).await;
    app.set_input("signin-email", EMAIL).await;
    app.set_input("signin-password", PASSWORD).await;
    app.click("signin-submit").await;
    app.el("sync-status").await;
    sync_until(&app, "the store's orders to be listed", 120, || async {
        app.order_count().await == Some(ORDERS)
    })
    .await;
    assert_eq!(app.dir().await, json!("rtl"));
    // Background sync only when asked (an edit still wakes it, and a failure retries).
    app.click("nav-settings").await;
    app.set_select("sync-interval", "0").await;
    app.el("prefs-saved").await;
    app.click("nav-orders").await;
    app.el("order-row").await;

    // The merchant also signs in from a browser, which finds this computer's session (read
    // now, while the platform is up, so that the revocation later is one quick request).
    let browser = platform.merchant_token(EMAIL, PASSWORD).await;
    let sessions: Vec<Value> = platform
        .http()
        .get(format!("{}/api/v1/sessions", platform.url))
        .bearer_auth(&browser)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let computer = sessions
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

    // ---- The platform goes away; a note is added anyway and waits.
    let id: i64 = app
        .attr("[data-testid=order-row]", "data-id")
        .await
        .expect("an order row")
        .parse()
        .unwrap();
    let notes_before = platform_order(&platform, id).await.internal_notes.len();
    platform.stop();
    app.click_css(&format!("[data-testid=order-row][data-id='{id}']"))
        .await;
    app.el("order-detail").await;
    app.set_input("note-input", NOTE).await;
    app.click("note-submit").await;
    app.wait("the note to be listed", 30, || async {
        app.text("internal-notes").await.contains(NOTE)
    })
    .await;
    app.wait("the note waiting", 30, || async {
        count(&app, "pending-count").await == Some(1)
    })
    .await;
    // The edit woke the background sync, which could not reach the platform; its next try is
    // at least eight seconds away.
    app.wait("offline to be shown", 60, || async {
        app.attr("[data-testid=online-state]", "data-online")
            .await
            .as_deref()
            == Some("false")
    })
    .await;

    // ---- The platform is back, and the browser signs this computer out.
    platform.restart();
    let revoked = platform
        .http()
        .delete(format!("{}/api/v1/sessions/{computer}", platform.url))
        .bearer_auth(&browser)
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success(), "{}", revoked.status());
    assert_eq!(
        platform_order(&platform, id).await.internal_notes.len(),
        notes_before,
        "the note has not reached the platform before the session ended"
    );

    // ---- Sync: refused, and the app asks to sign in again instead of showing the orders.
    if app.has("sync-button").await {
        app.click("sync-button").await;
    }
    app.el("session-expired").await;
    assert!(!app.has("order-row").await, "no orders behind the sign-in");
    assert!(!app.has("sync-button").await);
    assert!(!app.has("demo-button").await);
    assert!(!app.has("error-message").await, "the screen explains it");
    assert_eq!(app.dir().await, json!("rtl"));
    assert_eq!(value_of(&app, "signin-url").await, json!(platform.url));
    assert_eq!(value_of(&app, "signin-email").await, json!(EMAIL));
    assert_eq!(value_of(&app, "signin-password").await, json!(""));
    app.wait("the password field to have the focus", 10, || async {
        focused(&app).await == json!("signin-password")
    })
    .await;
    app.wait("the waiting edit counted", 10, || async {
        count(&app, "session-expired-kept").await == Some(1)
    })
    .await;
    let text = app.text("session-expired").await;
    assert!(text.contains("دستگاه دیگری"), "{text}");
    assert!(text.contains("۱ ویرایش"), "{text}");
    app.screenshot("session-expired.png").await;

    // ---- The password, typed with real key presses where the focus already is; Enter.
    let field = app.el("signin-password").await;
    field.send_keys(PASSWORD).await.unwrap();
    assert_eq!(value_of(&app, "signin-password").await, json!(PASSWORD));
    field.send_keys(&Key::Enter.to_string()).await.unwrap();

    // Signed in again: back on the order, with the note (still waiting, or sent by the sync
    // the app started).
    app.el("sync-status").await;
    assert!(!app.has("session-expired").await);
    app.el("order-detail").await;
    assert_eq!(
        app.attr("[data-testid=order-detail]", "data-id").await,
        Some(id.to_string())
    );
    assert!(app.text("internal-notes").await.contains(NOTE));
    app.wait("the note to reach the platform", 60, || async {
        platform_order(&platform, id)
            .await
            .internal_notes
            .iter()
            .any(|n| n.text == NOTE)
    })
    .await;
    app.wait("nothing waiting any more", 30, || async {
        count(&app, "pending-count").await == Some(0)
    })
    .await;
    assert_eq!(
        platform_order(&platform, id)
            .await
            .internal_notes
            .iter()
            .filter(|n| n.text == NOTE)
            .count(),
        1,
        "the note arrived once"
    );
    // The cached orders, without a download afresh.
    app.click("nav-orders").await;
    app.el("order-row").await;
    app.wait("the cached orders listed", 30, || async {
        app.order_count().await == Some(ORDERS)
    })
    .await;
    app.wait("online", 30, || async {
        app.attr("[data-testid=online-state]", "data-online")
            .await
            .as_deref()
            == Some("true")
    })
    .await;
}

#[tokio::test]
async fn data_that_cannot_be_opened_is_erased_from_the_window_and_signing_in_starts_afresh() {
    let platform = PlatformProcess::start(Some(ORDERS));
    let user = CliUser::new();
    let dir = user.data_dir.path();
    user.login(&platform);
    user.ok(&["sync"]);
    // The store's cache replaced by bytes its key does not open.
    let stores = dir.join("stores");
    for entry in std::fs::read_dir(&stores).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with("-wal") || name.ends_with("-shm") {
            std::fs::remove_file(&path).unwrap();
        }
    }
    let garbage: Vec<u8> = (0..64 * 1024u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(stores.join("1.db"), garbage).unwrap();
    assert_eq!(
        user.run(&["orders", "list", "--json"]).status.code(),
        Some(8)
    );

    let app = DesktopApp::start_on(dir, &[]).await;
    app.fresh_start().await;
    app.wait("the unreadable data to be reported", 30, || async {
        app.attr("[data-testid=error-message]", "data-code")
            .await
            .as_deref()
            == Some("cache_unreadable")
    })
    .await;
    assert!(!app.has("order-row").await);
    app.el("erase-unreadable").await;
    app.screenshot("cache-unreadable-fa.png").await;

    // Asked first: "cancel" changes nothing.
    app.click("erase-unreadable").await;
    app.el("erase-unreadable-confirm").await;
    app.click("erase-unreadable-cancel").await;
    assert!(!app.has("erase-unreadable-confirm").await);
    assert!(dir.join("session.json").exists(), "nothing erased yet");

    app.click("erase-unreadable").await;
    app.click("erase-unreadable-yes").await;
    app.wait("the way out to be taken", 30, || async {
        !app.has("erase-unreadable").await && !app.has("error-message").await
    })
    .await;
    assert!(!dir.join("session.json").exists(), "signed out");
    assert!(
        !dir.join("stores/1.db").exists(),
        "the unreadable cache erased"
    );

    // Signing in again brings the store afresh.
    app.set_input("signin-url", &platform.url).await;
    app.set_input("signin-email", EMAIL).await;
    app.set_input("signin-password", PASSWORD).await;
    app.click("signin-submit").await;
    app.el("sync-status").await;
    sync_until(
        &app,
        "the store's orders to be listed afresh",
        120,
        || async { app.order_count().await == Some(ORDERS) },
    )
    .await;
}
