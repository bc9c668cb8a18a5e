//! A data folder sealed with a passphrase, opened in the real desktop app: the `pishkhan` CLI
//! signs in with a passphrase (instead of the keychain) and syncs; the app, started on that
//! folder, shows the unlock screen — not the orders — with the platform's address and the field
//! focused; a wrong passphrase typed with real key presses is refused inline and the screen
//! stays; the right one and Enter open the store's cached orders. And where no keychain answers,
//! signing in from the window says so and takes a passphrase (typed twice) instead.
//!
//! Needs `tauri-driver`, `WebKitWebDriver`, a `DISPLAY` and a Secret Service
//! (`scripts/test.sh`); the keychain is there, but a given passphrase takes precedence.

use fantoccini::key::Key;
use fantoccini::Locator;
use pishkhan_tests::webdriver::DesktopApp;
use pishkhan_tests::{CliUser, PlatformProcess};
use serde_json::{json, Value};

const PASSPHRASE: &str = "گل‌های بهاری 1405";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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

#[tokio::test]
async fn a_passphrase_sealed_folder_opens_in_the_app_only_with_the_right_passphrase() {
    let platform = PlatformProcess::start(Some(20));
    let user = CliUser::new();
    let dir = user.data_dir.path();
    let pass = ("PISHKHAN_PASSPHRASE", PASSPHRASE);

    // ---- The CLI: signed in with a passphrase, synced.
    let out = user.run_with_env(
        &[
            "login",
            "--platform",
            platform.url.as_str(),
            "--email",
            "demo@pishkhan.example",
            "--password",
            "demo1234",
        ],
        &[pass],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let session = std::fs::read_to_string(dir.join("session.json")).unwrap();
    assert!(
        session.contains("\"protection\": \"passphrase\""),
        "{session}"
    );
    let out = user.run_with_env(&["sync"], &[pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = user.run_with_env(&["status", "--json"], &[pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cached = status["status"]["orderCount"].as_u64().unwrap();
    assert!(cached > 0, "the sync brought orders: {status}");

    // ---- The app on that folder: locked.
    let app = DesktopApp::start_on(dir, &[]).await;
    app.fresh_start().await;
    app.el("unlock-screen").await;
    assert_eq!(app.dir().await, json!("rtl"));
    assert_eq!(app.text("unlock-platform").await, platform.url);
    assert!(
        !app.has("order-row").await,
        "no order is shown while locked"
    );
    assert!(!app.has("sync-button").await);
    app.wait("the passphrase field to have the focus", 10, || async {
        focused(&app).await == json!("unlock-passphrase")
    })
    .await;
    app.screenshot("unlock-fa.png").await;

    // ---- A wrong passphrase, typed and sent with Enter: refused inline, the screen stays.
    let field = app.el("unlock-passphrase").await;
    field.send_keys("گل‌های پاییزی 1405").await.unwrap();
    field.send_keys(&Key::Enter.to_string()).await.unwrap();
    app.wait("the wrong passphrase to be refused", 30, || async {
        app.attr("[data-testid=error-message]", "data-code")
            .await
            .as_deref()
            == Some("wrong_passphrase")
    })
    .await;
    assert!(app
        .text("error-message")
        .await
        .contains("عبارت عبور نادرست است"));
    assert!(app.has("unlock-screen").await);
    assert!(!app.has("order-row").await);
    app.wait("the focus back on the field", 10, || async {
        focused(&app).await == json!("unlock-passphrase")
    })
    .await;
    app.screenshot("unlock-wrong-fa.png").await;

    // ---- The right one: what was typed is selected, so typing replaces it; Enter opens.
    let field = app.el("unlock-passphrase").await;
    field.send_keys(PASSPHRASE).await.unwrap();
    assert_eq!(value_of(&app, "unlock-passphrase").await, json!(PASSPHRASE));
    field.send_keys(&Key::Enter.to_string()).await.unwrap();
    app.el("order-row").await;
    assert!(!app.has("unlock-screen").await);
    let shown = app
        .order_count_change(None, "the cached orders' count")
        .await;
    assert_eq!(shown, cached);
    let rows = app
        .c
        .find_all(Locator::Css("[data-testid=order-row]"))
        .await
        .unwrap();
    assert!(!rows.is_empty());
    app.el("sync-status").await;
}

/// Where no keychain answers, signing in from the window says so and asks for a passphrase
/// (twice, checked before anything is sent); with it, the account is sealed and the app opens.
#[tokio::test]
async fn without_a_keychain_the_window_signs_in_with_a_passphrase() {
    let platform = PlatformProcess::start(Some(10));
    let no_keychain = std::ffi::OsStr::new("unix:path=/nonexistent/bus");
    let dir = tempfile::tempdir().unwrap();
    let app = DesktopApp::start_on(dir.path(), &[("DBUS_SESSION_BUS_ADDRESS", no_keychain)]).await;
    app.fresh_start().await;
    app.set_input("signin-url", &platform.url).await;
    app.set_input("signin-email", "demo@pishkhan.example").await;
    app.set_input("signin-password", "demo1234").await;
    assert!(!app.has("passphrase-input").await);
    app.click("signin-submit").await;
    app.wait("the keychain to be missed", 30, || async {
        app.attr("[data-testid=error-message]", "data-code")
            .await
            .as_deref()
            == Some("keychain_unavailable")
    })
    .await;
    app.el("no-keychain").await;
    app.wait("the passphrase field to have the focus", 10, || async {
        focused(&app).await == json!("passphrase-input")
    })
    .await;

    // Typed with real key presses; a different repeat is refused in the window.
    let first = app.el("passphrase-input").await;
    first.send_keys(PASSPHRASE).await.unwrap();
    let repeat = app.el("passphrase-repeat-input").await;
    repeat.send_keys("گل‌های بهاری 1404").await.unwrap();
    app.click("signin-submit").await;
    app.el("passphrase-error").await;
    assert!(app.text("passphrase-error").await.contains("یکی نیستند"));
    app.screenshot("signin-passphrase-fa.png").await;
    assert!(!app.has("sync-button").await);
    assert!(
        !dir.path().join("session.json").exists(),
        "nothing signed in yet"
    );

    app.set_input("passphrase-repeat-input", PASSPHRASE).await;
    app.click("signin-submit").await;
    app.el("sync-button").await;
    assert!(!app.has("unlock-screen").await);
    let session = std::fs::read_to_string(dir.path().join("session.json")).unwrap();
    assert!(
        session.contains("\"protection\": \"passphrase\""),
        "{session}"
    );
    assert!(dir.path().join("secrets.sealed").exists());
}
