//! The real desktop app driven with the keyboard alone, against a real platform: Tab to the
//! sign-in fields, type, Enter; Ctrl+R syncs; Tab reaches the orders list, the arrow keys move
//! between rows and Enter opens one; Tab to the note field, type a note, Tab to its button and
//! Enter; Escape goes back to the list with the opened row focused again; Shift+Tab back up to
//! the sidebar's Settings and Enter; Tab to the SMS switch and Space toggles it (checked on the
//! platform: the next order queues an SMS), then on to "Check for updates". At each step the focused element must show a
//! visible focus ring (a 2px outline, read from the computed style). Every key goes through
//! WebDriver's actions to whatever has the focus; nothing is clicked. Last, where `xdotool` is
//! installed, Ctrl+2, F1 and Ctrl+1 pressed on the X server's keyboard reach the native menu. A screenshot of a focused
//! row in Persian: `target/e2e-screenshots/keyboard-focus.png`.
//!
//! Needs `tauri-driver`, `WebKitWebDriver` and a `DISPLAY` (`scripts/test.sh`).

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use pishkhan_api::NotificationChannel;
use pishkhan_tests::webdriver::DesktopApp;
use pishkhan_tests::PlatformProcess;
use serde_json::{json, Value};

/// Presses `key` with `modifiers` held, as a keyboard does, on whatever has the focus.
async fn press_with(app: &DesktopApp, modifiers: &[Key], key: impl Into<char>) {
    let key: char = key.into();
    let mut keys = KeyActions::new("keyboard".into());
    for m in modifiers {
        keys = keys.then(KeyAction::Down { value: (*m).into() });
    }
    keys = keys
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    for m in modifiers.iter().rev() {
        keys = keys.then(KeyAction::Up { value: (*m).into() });
    }
    app.c.perform_actions(keys).await.expect("keys pressed");
    // Let React render what the key did before the next one.
    tokio::time::sleep(Duration::from_millis(60)).await;
}

async fn press(app: &DesktopApp, key: Key) {
    press_with(app, &[], key).await;
}

/// Types `text` into the focused element, key by key.
async fn type_text(app: &DesktopApp, text: &str) {
    let mut keys = KeyActions::new("keyboard".into());
    for c in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    app.c.perform_actions(keys).await.expect("text typed");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// What has the focus: its test id (or tag), and how its focus ring looks.
async fn focused(app: &DesktopApp) -> Value {
    app.c
        .execute(
            "const el = document.activeElement;
             const cs = getComputedStyle(el);
             return {
               testid: el.dataset.testid || el.id || el.tagName.toLowerCase(),
               vindex: el.dataset.vindex ?? null,
               orderNumber: el.dataset.orderNumber ?? null,
               outlineStyle: cs.outlineStyle,
               outlineWidth: parseFloat(cs.outlineWidth) || 0,
               outlineColor: cs.outlineColor,
               focusVisible: el.matches(':focus-visible'),
             };",
            vec![],
        )
        .await
        .unwrap()
}

async fn focused_testid(app: &DesktopApp) -> String {
    focused(app).await["testid"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Presses `key` (with `modifiers`) until `testid` has the focus, at most `limit` times;
/// returns how many presses it took.
async fn move_focus_to(
    app: &DesktopApp,
    modifiers: &[Key],
    key: Key,
    testid: &str,
    limit: usize,
) -> usize {
    let mut path = Vec::new();
    for n in 1..=limit {
        press_with(app, modifiers, key).await;
        let now = focused_testid(app).await;
        if now == testid {
            return n;
        }
        path.push(now);
    }
    app.screenshot(&format!("failed-keyboard-{testid}.png"))
        .await;
    panic!("{testid} not reached with {limit} presses; the focus went through {path:?}");
}

/// The focused element shows a visible focus ring: a solid outline of 2px or more.
async fn assert_focus_ring(app: &DesktopApp, what: &str) {
    let f = focused(app).await;
    assert_eq!(f["focusVisible"], json!(true), "{what}: {f}");
    assert_ne!(f["outlineStyle"], json!("none"), "{what}: no outline: {f}");
    assert!(
        f["outlineWidth"].as_f64().unwrap_or(0.0) >= 2.0,
        "{what}: the outline is under 2px: {f}"
    );
}

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

/// Starts counting the keydown events the page itself receives (a menu accelerator that GTK
/// handles never reaches the page).
async fn count_page_keys(app: &DesktopApp) {
    app.c
        .execute(
            "window.__pageKeys = [];
             if (!window.__pageKeysListening) {
               window.__pageKeysListening = true;
               window.addEventListener('keydown', (e) => window.__pageKeys.push(e.code), true);
             }
             return true",
            vec![],
        )
        .await
        .unwrap();
}

async fn page_keys(app: &DesktopApp) -> Value {
    app.c
        .execute("return window.__pageKeys", vec![])
        .await
        .unwrap()
}

#[tokio::test]
async fn a_whole_flow_with_the_keyboard_alone() {
    let platform = PlatformProcess::start(Some(20));
    let app = DesktopApp::start_signed_out_with(&[]).await;
    app.fresh_start().await;

    // ---- Sign in: Tab to each field, type, Enter.
    app.el("signin-form").await;
    let presses = move_focus_to(&app, &[], Key::Tab, "signin-url", 10).await;
    assert_focus_ring(&app, "the platform address field").await;
    type_text(&app, &platform.url).await;
    press(&app, Key::Tab).await;
    assert_eq!(focused_testid(&app).await, "signin-email");
    assert_focus_ring(&app, "the email field").await;
    type_text(&app, "demo@pishkhan.example").await;
    press(&app, Key::Tab).await;
    assert_eq!(focused_testid(&app).await, "signin-password");
    type_text(&app, "demo1234").await;
    press(&app, Key::Enter).await;
    app.el("sync-status").await;
    eprintln!("sign-in: {presses} Tab(s) to the first field");

    // ---- Sync with the menu's shortcut, Ctrl+R: by the native menu's accelerator, or (where
    // the key reaches the page instead) by the page's own handler; either way one sync.
    count_page_keys(&app).await;
    press_with(&app, &[Key::Control], 'r').await;
    app.wait("the first sync, started by Ctrl+R", 60, || async {
        app.attr("[data-testid=last-sync]", "data-value")
            .await
            .is_some_and(|v| !v.is_empty())
    })
    .await;
    let seen = page_keys(&app).await;
    let by = if seen
        .as_array()
        .is_some_and(|k| k.iter().any(|c| c == "KeyR"))
    {
        "the page's handler (the key reached the webview)"
    } else {
        "the native menu's accelerator (GTK took the key)"
    };
    eprintln!("Ctrl+R was handled by {by}");

    // ---- The orders list: Tab reaches it; the list is a single stop.
    app.wait("the synced orders listed", 30, || async {
        app.has("order-row").await
    })
    .await;
    let presses = move_focus_to(&app, &[], Key::Tab, "order-row", 60).await;
    eprintln!("orders list: {presses} Tab(s) from the top of the screen");
    let first = focused(&app).await;
    assert_eq!(first["vindex"], json!("0"), "the list's first row: {first}");
    assert_focus_ring(&app, "the first order row").await;
    // Down twice to the third row, which is then opened.
    press(&app, Key::Down).await;
    press(&app, Key::Down).await;
    let row = focused(&app).await;
    assert_eq!(row["vindex"], json!("2"), "two rows down: {row}");
    assert_focus_ring(&app, "the third order row").await;
    // The screenshot of a focused row (Persian, right to left).
    assert_eq!(app.dir().await, json!("rtl"));
    app.screenshot("keyboard-focus.png").await;
    let number = row["orderNumber"].as_str().unwrap().to_string();

    // ---- Enter opens it.
    press(&app, Key::Enter).await;
    app.wait("the order opened with Enter", 30, || async {
        app.attr("[data-testid=order-detail]", "data-order-number")
            .await
            .as_deref()
            == Some(number.as_str())
    })
    .await;

    // ---- A note, by the keyboard: Tab to the field, type, Tab to the button, Enter.
    let presses = move_focus_to(&app, &[], Key::Tab, "note-input", 40).await;
    eprintln!("order page: {presses} Tab(s) to the note field");
    assert_focus_ring(&app, "the note field").await;
    let note = "بستهٔ دوم فردا ارسال شود";
    type_text(&app, note).await;
    press(&app, Key::Tab).await;
    assert_eq!(focused_testid(&app).await, "note-submit");
    assert_focus_ring(&app, "the add-note button").await;
    press(&app, Key::Enter).await;
    app.wait("the note listed", 30, || async {
        app.c
            .execute(
                "return [...document.querySelectorAll('[data-testid=internal-note]')].some((n) => n.textContent.includes(arguments[0]))",
                vec![json!(note)],
            )
            .await
            .unwrap()
            == json!(true)
    })
    .await;

    // ---- Escape: back to the list, the opened row focused again.
    press(&app, Key::Escape).await;
    app.wait(
        "back on the list with the opened row focused",
        30,
        || async {
            let f = focused(&app).await;
            f["testid"] == json!("order-row") && f["orderNumber"] == json!(number)
        },
    )
    .await;
    assert_focus_ring(&app, "the row that was opened, after Escape").await;

    // ---- Settings: Shift+Tab up to the sidebar's last item, Enter.
    let presses = move_focus_to(&app, &[Key::Shift], Key::Tab, "nav-settings", 60).await;
    eprintln!("Shift+Tab from the row to the sidebar's Settings: {presses}");
    assert_focus_ring(&app, "the sidebar's Settings item").await;
    press(&app, Key::Enter).await;
    app.el("store-notifications").await;
    assert_eq!(
        app.attr("[data-testid=nav-settings]", "aria-current")
            .await
            .as_deref(),
        Some("page")
    );

    // ---- Ctrl+1 and Ctrl+, : the View menu's shortcuts.
    press_with(&app, &[Key::Control], '1').await;
    app.wait("Ctrl+1: the orders", 10, || async {
        app.attr("[data-testid=nav-orders]", "aria-current")
            .await
            .as_deref()
            == Some("page")
    })
    .await;
    press_with(&app, &[Key::Control], ',').await;
    app.wait("Ctrl+,: the settings", 10, || async {
        app.has("store-notifications").await
    })
    .await;

    // ---- The SMS switch: Tab to it, Space.
    assert!(!checked(&app, "sms-on-new-order").await);
    assert_eq!(
        platform.channels_of_a_new_order(1).await,
        vec![NotificationChannel::Email]
    );
    app.wait("the SMS switch ready", 10, || async {
        app.attr("[data-testid=sms-on-new-order]", "disabled")
            .await
            .is_none()
    })
    .await;
    let presses = move_focus_to(&app, &[], Key::Tab, "sms-on-new-order", 40).await;
    eprintln!("settings: {presses} Tab(s) to the SMS switch");
    assert_focus_ring(&app, "the SMS switch").await;
    press(&app, Key::Space).await;
    app.wait("SMS on and saved", 20, || async {
        checked(&app, "sms-on-new-order").await
            && app.has("sms-saved").await
            && !app.has("sms-saving").await
    })
    .await;
    assert_eq!(
        platform.channels_of_a_new_order(2).await,
        vec![NotificationChannel::Email, NotificationChannel::Sms],
        "the switch turned on by Space reached the platform"
    );
    // The focus stayed on the switch while it saved.
    assert_eq!(focused_testid(&app).await, "sms-on-new-order");
    app.screenshot("keyboard-settings-fa.png").await;

    // ---- On to the Updates section's button (not pressed: it would ask the real channel).
    move_focus_to(&app, &[], Key::Tab, "update-check", 20).await;
    assert_focus_ring(&app, "Check for updates").await;
    assert!(
        app.text("update-current").await.contains('۰'),
        "this version, in Persian digits"
    );
    app.screenshot("keyboard-updates-fa.png").await;

    // ---- The same shortcuts pressed on a real (X) keyboard.
    real_key_presses(&app).await;
}

/// Runs `xdotool` with `args`; None when it is not installed.
fn xdotool(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Real key presses from the X server (XTEST), as a keyboard makes them, unlike WebDriver's,
/// which WebKit hands straight to the page: the native menu's accelerators (Ctrl+2, F1, Ctrl+1)
/// must navigate, whichever of GTK or the page receives them. Needs `xdotool` (installed with
/// the test tools). Run on the test's one window, so no other window can take
/// the X focus.
async fn real_key_presses(app: &DesktopApp) {
    assert!(
        xdotool(&["version"]).is_some(),
        "xdotool is installed by scripts/setup-debian.sh --test"
    );
    let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", "Pishkhan"])
        .and_then(|ids| ids.lines().last().map(str::to_string))
        .expect("the app's window");
    xdotool(&["windowactivate", "--sync", &window]);
    xdotool(&["windowfocus", "--sync", &window]);
    count_page_keys(app).await;

    let mut handled_by = Vec::new();
    for (keys, nav, code) in [
        ("ctrl+2", "nav-customers", "Digit2"),
        ("F1", "nav-privacy", "F1"),
        ("ctrl+1", "nav-orders", "Digit1"),
    ] {
        xdotool(&["key", "--clearmodifiers", keys]);
        app.wait(&format!("{keys} to open {nav}"), 10, || async {
            app.attr(&format!("[data-testid={nav}]"), "aria-current")
                .await
                .as_deref()
                == Some("page")
        })
        .await;
        let seen = page_keys(app).await;
        let by_page = seen.as_array().is_some_and(|k| k.iter().any(|c| c == code));
        handled_by.push(format!(
            "{keys}: {}",
            if by_page {
                "the page (the key reached the webview)"
            } else {
                "the native menu (GTK took the key)"
            }
        ));
    }
    eprintln!("real key presses handled by: {handled_by:?}");
}
