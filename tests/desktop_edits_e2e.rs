//! Offline edits in the real desktop app, against a real platform this test starts and stops
//! (see `support/webdriver.rs` and `PlatformProcess`): the merchant signs in through the form,
//! the platform goes away, an order is marked shipped anyway — the page says the edit waits and
//! the header says the platform is unreachable — the platform comes back, a sync delivers the
//! edit exactly once, and two conflicts (the platform changed the same order meanwhile) are
//! resolved from the window, one each way, and checked on both sides.
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on the PATH and a `DISPLAY`; `scripts/test.sh`
//! provides all three.

use std::time::{Duration, Instant};

use pishkhan_api::{Order, OrderStatus, Paged, ShippingItemStatus};
use pishkhan_tests::webdriver::DesktopApp;
use pishkhan_tests::PlatformProcess;
use reqwest::Method;
use serde_json::json;

const DEMO_ORDERS: u64 = 150;
const STORE: i64 = 1;

async fn merchant_token(p: &PlatformProcess) -> String {
    p.merchant_token("demo@pishkhan.example", "demo1234").await
}

/// Orders of one status, as the platform holds them (the merchant API).
async fn orders_with(p: &PlatformProcess, token: &str, status: &str) -> Vec<Order> {
    let resp = p
        .http()
        .get(format!(
            "{}/api/v1/stores/{STORE}/orders?status={status}&page_size=100",
            p.url
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "list: {}", resp.status());
    resp.json::<Paged<Order>>().await.unwrap().items
}

async fn platform_order(p: &PlatformProcess, id: i64) -> Order {
    p.admin::<(), _>(
        Method::GET,
        &format!("/admin/stores/{STORE}/orders/{id}"),
        None,
    )
    .await
}

/// The platform's own change (the merchant's web panel, say), behind the app's back.
async fn platform_sets_status(p: &PlatformProcess, id: i64, status: &str) -> Order {
    p.admin(
        Method::PATCH,
        &format!("/admin/stores/{STORE}/orders/{id}"),
        Some(&json!({ "status": status })),
    )
    .await
}

async fn count(app: &DesktopApp, testid: &str) -> Option<u64> {
    app.attr(&format!("[data-testid={testid}]"), "data-count")
        .await
        .and_then(|c| c.parse().ok())
}

async fn exists(app: &DesktopApp, css: &str) -> bool {
    app.c.find(fantoccini::Locator::Css(css)).await.is_ok()
}

/// Opens an order from the list by searching for its number.
///
/// The search applies 200 ms after the last keystroke and its first page comes after that;
/// until then the list shows the rows of the search before (or of none), the order's row among
/// them perhaps, and those rows are replaced (or re-used for other orders) under a click. So
/// the row is clicked once the list has settled on the search, and only a click that reached
/// the order's own row counts: one that went elsewhere (another row, the list's background) is
/// followed by a fresh search from the sidebar.
async fn open_order(app: &DesktopApp, o: &Order) {
    let row = format!("[data-testid=order-row][data-id='{}']", o.id);
    let detail = format!("[data-testid=order-detail][data-id='{}']", o.id);
    let mut why = String::new();
    for attempt in 1..=4 {
        app.click("nav-orders").await;
        app.set_input("search-input", &o.order_number).await;
        list_settled_on(app, &o.order_number, &row).await;
        match app.click_css_once(&row).await {
            Ok(()) => {
                app.wait(&format!("order {} to open", o.order_number), 30, || async {
                    exists(app, &detail).await
                })
                .await;
                return;
            }
            Err(e) => {
                eprintln!(
                    "opening order {} (try {attempt}): the click missed its row ({e})",
                    o.order_number
                );
                why = e;
            }
        }
    }
    app.screenshot(&format!("failed-open-order-{}.png", o.order_number))
        .await;
    panic!(
        "order {} did not open: every click missed its row (last: {why})",
        o.order_number
    );
}

/// Waits until the orders list shows what searching for `search` finds, `row` among it: the
/// box holds the search, the list is not loading another query (`aria-busy`), the count has
/// arrived, and count, rows and the ids on screen stay the same for 800 ms (longer than the
/// search's 200 ms pause, after which the list would start loading the search).
async fn list_settled_on(app: &DesktopApp, search: &str, row: &str) {
    let seen = std::sync::Mutex::new(None::<(String, Instant)>);
    app.wait(&format!("the list to settle on {search}"), 30, || async {
        let now = app
            .c
            .execute(
                "const [search, row] = arguments;
                 const input = document.querySelector('[data-testid=search-input]');
                 const list = document.querySelector('[data-testid=orders-list]');
                 const count = document.querySelector('[data-testid=order-count]');
                 if (!input || input.value !== search || !list || list.getAttribute('aria-busy') === 'true'
                     || !count || !count.hasAttribute('data-count') || !document.querySelector(row)) return null;
                 const ids = Array.from(list.querySelectorAll('[data-testid=order-row]'), (r) => r.dataset.id);
                 return [count.dataset.count, list.dataset.rows, ids.join(',')].join('|')",
                vec![json!(search), json!(row)],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        let mut last = seen.lock().unwrap();
        match (now, last.take()) {
            (Some(n), Some((m, since))) if n == m => {
                let settled = since.elapsed() >= Duration::from_millis(800);
                *last = Some((m, since));
                settled
            }
            (Some(n), _) => {
                *last = Some((n, Instant::now()));
                false
            }
            (None, _) => false,
        }
    })
    .await;
}

async fn detail_status(app: &DesktopApp) -> Option<String> {
    app.attr("[data-testid=order-detail]", "data-status").await
}

/// No sync is running from the sync button and none shows its progress (the card floats in a
/// corner, where it could still take a click meant for what is under it).
async fn sync_quiet(app: &DesktopApp) -> bool {
    !exists(app, "[data-testid=sync-progress]").await
        && app
            .attr("[data-testid=sync-button]", "disabled")
            .await
            .is_none()
}

/// When the last sync attempt ended, as the header has it.
async fn last_attempt(app: &DesktopApp) -> Option<String> {
    app.attr("[data-testid=sync-status]", "data-last-attempt")
        .await
}

/// Waits for `cond`, pressing the sync button now and then (a background sync may be
/// running or backing off; a press while one runs is refused and harmless). Then waits for the
/// sync to be over (the condition may hold halfway through one, and the last press may have
/// started another), so that what the test clicks next stays where it is.
async fn sync_until<F, Fut>(app: &DesktopApp, what: &str, seconds: u64, mut cond: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    let mut last_press: Option<Instant> = None;
    while start.elapsed() < Duration::from_secs(seconds) {
        if cond().await {
            app.wait(&format!("the sync to end after {what}"), 60, || {
                sync_quiet(app)
            })
            .await;
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
async fn offline_edits_reach_the_platform_once_and_conflicts_are_resolved() {
    let mut platform = PlatformProcess::start(Some(DEMO_ORDERS));
    let token = merchant_token(&platform).await;
    // Fresh orders (placed now) to edit: the demo's history is mostly delivered.
    let generated: serde_json::Value = platform
        .admin(
            Method::POST,
            &format!("/admin/stores/{STORE}/orders/generate"),
            Some(&json!({ "count": 12, "seed": 7 })),
        )
        .await;
    let total = DEMO_ORDERS + generated["orderIds"].as_array().unwrap().len() as u64;
    let mut fresh = Vec::new();
    for status in ["processing", "pending_payment"] {
        fresh.extend(
            orders_with(&platform, &token, status)
                .await
                .into_iter()
                .filter(|o| {
                    !o.invoice.shipping_items.is_empty()
                        && o.invoice
                            .shipping_items
                            .iter()
                            .all(|s| s.status == ShippingItemStatus::Pending)
                }),
        );
    }
    assert!(fresh.len() >= 3, "three unshipped orders to edit");
    // Put them where each scenario starts (the admin API changes an order as the platform's
    // own panel would; the app has not synced yet).
    let to_ship = platform_sets_status(&platform, fresh[0].id, "processing").await;
    let to_take = platform_sets_status(&platform, fresh[1].id, "processing").await;
    let to_keep = platform_sets_status(&platform, fresh[2].id, "pending_payment").await;

    let app = DesktopApp::start_signed_out().await;
    app.fresh_start().await;

    // Sign in through the form, as a merchant does.
    app.set_input("signin-url", &platform.url).await;
    app.set_input("signin-email", "demo@pishkhan.example").await;
    app.set_input("signin-password", "demo1234").await;
    app.click("signin-submit").await;
    app.el("sync-status").await;
    sync_until(&app, "the store's orders to be listed", 120, || async {
        app.order_count().await == Some(total)
    })
    .await;
    assert_eq!(app.dir().await, json!("rtl"));
    app.wait("nothing waiting after the first sync", 30, || async {
        count(&app, "pending-count").await == Some(0)
    })
    .await;

    // Background sync only when asked, so nothing syncs behind the test's back later on.
    let attempt_before = last_attempt(&app).await;
    app.click("nav-settings").await;
    app.set_select("sync-interval", "0").await;
    app.el("prefs-saved").await;
    // Saving the setting wakes the background sync, which syncs at once: it ends before the
    // platform goes away, so that what fails next is the test's own offline edits, not a sync
    // cut off midway.
    app.wait("the sync woken by the setting to end", 60, || async {
        last_attempt(&app).await != attempt_before && sync_quiet(&app).await
    })
    .await;
    app.click("nav-orders").await;

    // ---- The platform goes away; the merchant ships an order anyway.
    platform.stop();
    // The version the platform held before the edit (read while it was up).
    let before = to_ship.version;
    open_order(&app, &to_ship).await;
    assert!(
        exists(&app, "[data-testid=status-option][data-status=shipped]").await,
        "a processing order offers shipped"
    );
    assert!(
        !exists(&app, "[data-testid=status-option][data-status=delivered]").await,
        "the menu offers only what the workflow allows"
    );
    app.click("ship-button").await;
    app.set_input("ship-carrier", "پست").await;
    app.set_input("ship-tracking", "EP123456789IR").await;
    app.click("ship-submit").await;
    app.el("edit-pending").await;
    assert_eq!(detail_status(&app).await.as_deref(), Some("shipped"));
    app.wait("one edit waiting", 30, || async {
        count(&app, "pending-count").await == Some(1)
    })
    .await;
    // The edit woke the background sync, which could not reach the platform.
    app.wait("offline to be shown", 60, || async {
        app.attr("[data-testid=online-state]", "data-online")
            .await
            .as_deref()
            == Some("false")
    })
    .await;
    app.el("retry-sync").await;
    let banner = app
        .c
        .execute(
            "return document.querySelector('[data-testid=edit-pending]').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        banner.as_str().unwrap().contains("در انتظار ارسال به سکو"),
        "{banner}"
    );
    app.screenshot("edit-pending-fa.png").await;

    // ---- The platform comes back; a sync delivers the edit.
    platform.restart();
    sync_until(&app, "the edit to reach the platform", 90, || async {
        count(&app, "pending-count").await == Some(0)
            && !exists(&app, "[data-testid=edit-pending]").await
    })
    .await;
    app.wait("online again", 30, || async {
        app.attr("[data-testid=online-state]", "data-online")
            .await
            .as_deref()
            == Some("true")
    })
    .await;
    assert_eq!(detail_status(&app).await.as_deref(), Some("shipped"));
    let shipped = platform_order(&platform, to_ship.id).await;
    assert_eq!(shipped.status, OrderStatus::Shipped);
    assert_eq!(
        shipped.version,
        before + 1,
        "the edit was applied exactly once"
    );
    let tracked: Vec<_> = shipped
        .invoice
        .shipping_items
        .iter()
        .filter(|s| s.tracking_code.as_deref() == Some("EP123456789IR"))
        .collect();
    assert!(!tracked.is_empty(), "the parcel carries the tracking code");
    assert!(tracked
        .iter()
        .all(|s| s.status == ShippingItemStatus::Shipped && s.carrier.as_deref() == Some("پست")));
    assert_eq!(
        shipped
            .status_history
            .iter()
            .filter(|c| c.status == OrderStatus::Shipped)
            .count(),
        1
    );

    // ---- Conflict 1: the platform ships an order while the app cancels it. The platform's
    // version wins (a shipped order cannot be cancelled anyway).
    let theirs = platform_sets_status(&platform, to_take.id, "shipped").await;
    open_order(&app, &to_take).await;
    assert_eq!(detail_status(&app).await.as_deref(), Some("processing"));
    app.click("cancel-order").await;
    app.click("confirm-yes").await;
    sync_until(&app, "the conflict to show", 60, || async {
        exists(&app, "[data-testid=edit-conflict]").await
    })
    .await;
    assert_eq!(
        app.attr("[data-testid=edit-conflict]", "data-fields")
            .await
            .as_deref(),
        Some("status")
    );
    app.wait("the conflict to be counted", 30, || async {
        count(&app, "conflict-count").await == Some(1)
    })
    .await;
    app.screenshot("conflict-fa.png").await;
    app.click("take-platform").await;
    app.wait("the platform's version to show", 30, || async {
        !exists(&app, "[data-testid=edit-conflict]").await
            && detail_status(&app).await.as_deref() == Some("shipped")
    })
    .await;
    app.wait("no conflict left", 30, || async {
        count(&app, "conflict-count").await == Some(0)
    })
    .await;
    let after = platform_order(&platform, to_take.id).await;
    assert_eq!(after.status, OrderStatus::Shipped);
    assert_eq!(after.version, theirs.version, "the app's edit was dropped");

    // ---- Conflict 2: the payment arrives on the platform while the app cancels the order.
    // Keeping the merchant's edit re-sends it on top of the platform's version, where
    // cancelling a processing order is allowed.
    let theirs = platform_sets_status(&platform, to_keep.id, "processing").await;
    open_order(&app, &to_keep).await;
    assert_eq!(
        detail_status(&app).await.as_deref(),
        Some("pending_payment")
    );
    app.click("cancel-order").await;
    app.click("confirm-yes").await;
    sync_until(&app, "the second conflict to show", 60, || async {
        exists(&app, "[data-testid=edit-conflict]").await
    })
    .await;
    // The outbox lists it too, and resolves it from there.
    app.click("conflict-count").await;
    app.el("outbox").await;
    app.wait("the conflict in the outbox", 30, || async {
        exists(&app, "[data-testid=outbox-entry][data-state=conflict]").await
    })
    .await;
    app.click_css("[data-testid=outbox-entry][data-state=conflict] [data-testid=keep-mine]")
        .await;
    sync_until(&app, "the kept edit to reach the platform", 60, || async {
        count(&app, "pending-count").await == Some(0)
            && count(&app, "conflict-count").await == Some(0)
    })
    .await;
    let kept = platform_order(&platform, to_keep.id).await;
    assert_eq!(kept.status, OrderStatus::Cancelled);
    assert_eq!(kept.version, theirs.version + 1, "applied once");
    open_order(&app, &to_keep).await;
    app.wait("the app to show it cancelled", 30, || async {
        detail_status(&app).await.as_deref() == Some("cancelled")
            && !exists(&app, "[data-testid=edit-conflict]").await
            && !exists(&app, "[data-testid=edit-pending]").await
    })
    .await;
    assert!(!exists(&app, "[data-testid=cancel-order]").await);

    // ---- A note while offline, then signing out asks before dropping it.
    platform.stop();
    app.set_input("note-input", "بستهٔ دوم فردا ارسال شود").await;
    app.click("note-submit").await;
    app.wait("the note to be listed", 30, || async {
        exists(&app, "[data-testid=internal-note]").await
    })
    .await;
    app.wait("the note waiting", 30, || async {
        count(&app, "pending-count").await == Some(1)
    })
    .await;
    // The same page in English: the banner and the header say it in the merchant's words.
    app.click("lang-toggle").await;
    app.wait("English", 30, || async { app.dir().await == json!("ltr") })
        .await;
    let banner = app
        .c
        .execute(
            "return document.querySelector('[data-testid=edit-pending]').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        banner
            .as_str()
            .unwrap()
            .contains("Saved here, waiting to reach the platform"),
        "{banner}"
    );
    app.screenshot("edit-pending-en.png").await;
    app.click("lang-toggle").await;
    app.wait("Persian again", 30, || async {
        app.dir().await == json!("rtl")
    })
    .await;

    app.click("sign-out").await;
    app.el("discard-edits-confirm").await;
    assert_eq!(
        app.attr("[data-testid=discard-edits-count]", "data-count")
            .await
            .as_deref(),
        Some("1")
    );
    app.screenshot("sign-out-edits-waiting-fa.png").await;
    app.click("sign-out-anyway").await;
    app.el("signin-form").await;
}
