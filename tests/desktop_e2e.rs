//! The real desktop app driven through WebDriver (see `support/webdriver.rs`), in demo mode:
//! the embedded platform starts, the orders sync, and the merchant's daily review works in
//! the window — search in Persian typed with Arabic letters and Persian digits, a Jalali date
//! range, an order and its customer, a CSV export checked line by line, the dashboard, and
//! English. Screenshots land in `target/e2e-screenshots/` (the README shows copies).
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on the PATH and a `DISPLAY`; `scripts/test.sh`
//! provides all three.

use chrono::Datelike;
use pishkhan_iran::jalali::{month_length, JalaliDate};
use pishkhan_tests::webdriver::DesktopApp;
use serde_json::json;

const DEMO_ORDERS: u64 = 300;

/// The Jalali month before the current one in Tehran: complete, so it has orders every day
/// the generator placed them.
fn last_jalali_month() -> (i32, u8) {
    let now = chrono::Utc::now() + chrono::Duration::minutes(210);
    let today = JalaliDate::from_gregorian(now.year(), now.month() as u8, now.day() as u8).unwrap();
    let (y, m) = (today.year, today.month);
    if m == 1 {
        (y - 1, 12)
    } else {
        (y, m - 1)
    }
}

/// Picks a Jalali day in the picker opened by `button`.
async fn pick_day(app: &DesktopApp, button: &str, y: i32, m: u8, d: u8) {
    app.click(button).await;
    app.set_select("picker-year", &y.to_string()).await;
    app.set_select("picker-month", &m.to_string()).await;
    app.click_css(&format!(
        "[data-testid=picker-day][data-jalali='{y}/{m:02}/{d:02}']"
    ))
    .await;
}

#[tokio::test]
async fn the_merchants_daily_review_in_the_real_window() {
    let saved = tempfile::tempdir().unwrap();
    let app = DesktopApp::start_demo(DEMO_ORDERS, saved.path()).await;
    app.fresh_start().await;

    // Demo mode prepares the store, signs in and syncs by itself: the orders appear.
    app.wait("the demo orders to be listed", 120, || async {
        app.order_count().await == Some(DEMO_ORDERS)
    })
    .await;
    let first_number = app
        .attr("[data-testid=order-row]", "data-order-number")
        .await
        .unwrap();
    assert!(
        first_number.parse::<u64>().is_ok(),
        "order number {first_number}"
    );
    assert_eq!(
        app.dir().await,
        json!("rtl"),
        "Persian first: right to left"
    );
    app.screenshot("orders-fa.png").await;

    // Press sync: a new last-sync time arrives.
    let before = app.attr("[data-testid=last-sync]", "data-value").await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app.click("sync-button").await;
    app.wait("the sync to finish", 60, || async {
        let now = app.attr("[data-testid=last-sync]", "data-value").await;
        now.is_some() && now != before
    })
    .await;

    // Search typed with Arabic letters finds the Persian spelling, and the other way round.
    let search = app.el("search-input").await;
    search.send_keys("علي").await.unwrap();
    let arabic = app
        .order_count_change(Some(DEMO_ORDERS), "the Arabic-letter search")
        .await;
    assert!(arabic > 0, "«علي» finds the «علی»s");
    let row_text = app
        .c
        .execute(
            "return document.querySelector('[data-testid=order-row]').textContent",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        row_text.contains("علی"),
        "a found row shows «علی»: {row_text}"
    );
    app.set_input("search-input", "").await;
    app.order_count_change(Some(arabic), "the search to clear")
        .await;
    app.set_input("search-input", "علی").await;
    let persian = app
        .order_count_change(Some(DEMO_ORDERS), "the Persian-letter search")
        .await;
    assert_eq!(arabic, persian, "both spellings find the same orders");

    // Persian digits: the first order's number, and a mobile prefix.
    let persian_digits: String = first_number
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap())
        .collect();
    app.set_input("search-input", &persian_digits).await;
    app.wait("the number search", 30, || async {
        app.order_count().await == Some(1)
    })
    .await;
    app.set_input("search-input", "۰۹۱").await;
    let by_mobile = app
        .order_count_change(Some(1), "the mobile-prefix search")
        .await;
    app.set_input("search-input", "091").await;
    app.wait("the same count with ASCII digits", 30, || async {
        app.order_count().await == Some(by_mobile)
    })
    .await;
    app.set_input("search-input", "").await;
    app.wait("the full list again", 30, || async {
        app.order_count().await == Some(DEMO_ORDERS)
    })
    .await;

    // A Jalali date range: last month, first to last day.
    let (y, m) = last_jalali_month();
    pick_day(&app, "date-from", y, m, 1).await;
    pick_day(&app, "date-to", y, m, month_length(y, m)).await;
    let in_month = app
        .order_count_change(Some(DEMO_ORDERS), "the date range")
        .await;
    assert!(
        in_month > 0 && in_month < DEMO_ORDERS,
        "last month has some orders: {in_month}"
    );
    app.screenshot("orders-filtered-fa.png").await;

    // Export the filtered list to CSV: the file holds exactly those orders, all in that month.
    app.click("export-button").await;
    app.click("export-csv").await;
    let done = app.el("export-done").await;
    let path = done.attr("data-path").await.unwrap().unwrap();
    let rows: u64 = done
        .attr("data-rows")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(rows, in_month);
    assert!(
        path.starts_with(&saved.path().display().to_string()),
        "{path}"
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for Excel"
    );
    let mut csv = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&csv.headers().unwrap()[1], "تاریخ");
    let month_prefix = format!("{y}/{m:02}/");
    let mut count = 0;
    for record in csv.records() {
        let record = record.unwrap();
        assert!(
            record[1].starts_with(&month_prefix),
            "{} is in {month_prefix}",
            &record[1]
        );
        count += 1;
    }
    assert_eq!(count, in_month);

    // Open an order, then its customer, whose orders include it.
    let number = app
        .attr("[data-testid=order-row]", "data-order-number")
        .await
        .unwrap();
    app.click("order-row").await;
    let detail = app.el("order-detail").await;
    assert_eq!(
        detail.attr("data-order-number").await.unwrap().as_deref(),
        Some(number.as_str())
    );
    app.el("order-items").await;
    app.el("order-timeline").await;
    app.el("order-total-final").await;
    app.screenshot("order-fa.png").await;

    // The invoice and the packing slip, laid out for printing (the print dialog itself is
    // the system's and is not opened here).
    app.click("print-invoice").await;
    assert_eq!(
        app.attr("[data-testid=print-view]", "data-kind")
            .await
            .as_deref(),
        Some("invoice")
    );
    app.wait("the invoice to render", 20, || async {
        app.attr("[data-testid=print-button]", "disabled")
            .await
            .is_none()
    })
    .await;
    app.screenshot("invoice-fa.png").await;
    app.click("back-button").await;
    app.click("print-slip").await;
    assert_eq!(
        app.attr("[data-testid=print-view]", "data-kind")
            .await
            .as_deref(),
        Some("slip")
    );
    let slip_text = app
        .c
        .execute(
            "return document.querySelector('[data-testid=print-view]').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        !slip_text.as_str().unwrap_or_default().contains("تومان"),
        "a packing slip shows no prices"
    );
    app.click("back-button").await;
    app.click("customer-link").await;
    let orders_of_customer: u64 = app
        .el("customer-order-count")
        .await
        .attr("data-count")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(orders_of_customer >= 1);
    app.click_css(&format!(
        "[data-testid=customer-orders] [data-testid=order-row][data-order-number='{number}']"
    ))
    .await;
    app.el("order-detail").await;

    // The dashboard, computed from the cache.
    app.click("nav-dashboard").await;
    app.el("sales-chart").await;
    app.el("dashboard-revenue").await;
    app.screenshot("dashboard-fa.png").await;

    // English as a full second language: left to right, Gregorian dates.
    app.click("nav-orders").await;
    app.click("clear-filters").await;
    app.click("lang-toggle").await;
    app.wait("the page to switch to English", 10, || async {
        app.dir().await == json!("ltr")
    })
    .await;
    app.wait("the full list in English", 30, || async {
        app.order_count().await == Some(DEMO_ORDERS)
    })
    .await;
    app.screenshot("orders-en.png").await;
    app.click("nav-dashboard").await;
    app.el("sales-chart").await;
    app.screenshot("dashboard-en.png").await;
    let _ = app
        .c
        .execute("localStorage.clear(); return true", vec![])
        .await;
    app.c.clone().close().await.unwrap();
}
