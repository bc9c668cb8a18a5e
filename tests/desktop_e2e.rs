//! The real desktop app driven through WebDriver: `tauri-driver` in front of WebKitWebDriver,
//! the app binary in demo mode under a display (Xvfb in CI). It starts the embedded demo
//! platform, shows the synced orders, syncs again on a click, and switches language.
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on the PATH and a `DISPLAY`; `scripts/test.sh`
//! provides all three. Screenshots land in `target/e2e-screenshots/`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const DEMO_ORDERS: u64 = 300;

/// The running tauri-driver, and the app's unique data folder.
struct Driver(Child, String);

impl Drop for Driver {
    // tauri-driver starts WebKitWebDriver, which starts the app: end the driver's children
    // and the app (found by its unique data folder), or they outlive the test.
    fn drop(&mut self) {
        let _ = Command::new("pkill")
            .args(["-TERM", "-P", &self.0.id().to_string()])
            .status();
        let _ = Command::new("pkill")
            .args(["-TERM", "-f", &self.1])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn wait_for<F, Fut>(what: &str, limit: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("timed out after {limit:?} waiting for {what}");
}

async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    match c.find(Locator::Css(css)).await {
        Ok(el) => el.attr(name).await.ok().flatten(),
        Err(_) => None,
    }
}

async fn save_screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(screenshots_dir().join(name), png).unwrap();
}

#[tokio::test]
async fn demo_mode_shows_orders_and_syncs_on_click() {
    // Two TLS back ends are linked in (reqwest's and fantoccini's): pick one. The WebDriver
    // connection is plain HTTP on loopback anyway.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = pishkhan_tests::bin("pishkhan-app");
    let data_dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let native_port = free_port();
    let driver = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("PISHKHAN_DEMO_ORDERS", DEMO_ORDERS.to_string())
        // WebKitGTK under Xvfb has no GPU: render in software.
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver is installed (cargo install tauri-driver --locked)");
    let data_dir_arg = data_dir.path().display().to_string();
    let _driver = Driver(driver, data_dir_arg.clone());

    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app, "args": ["--demo", "--data-dir", data_dir_arg] }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let mut client = None;
    let start = Instant::now();
    while client.is_none() {
        match ClientBuilder::rustls()
            .expect("tls")
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => client = Some(c),
            Err(e) if start.elapsed() < Duration::from_secs(30) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Err(e) => panic!("no WebDriver session: {e}"),
        }
    }
    let c = client.unwrap();

    // The page is ready once its first status call came back.
    wait_for("the page to be ready", Duration::from_secs(60), || async {
        attr(&c, "body", "data-ready").await.as_deref() == Some("true")
    })
    .await;

    // The webview keeps the language choice between runs: start from the default (Persian).
    let _ = c
        .execute(
            "localStorage.clear(); location.reload(); return true",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    wait_for(
        "the page to be ready again",
        Duration::from_secs(60),
        || async { attr(&c, "body", "data-ready").await.as_deref() == Some("true") },
    )
    .await;

    // Demo mode prepares the store, signs in and syncs by itself: the orders appear.
    wait_for(
        "the demo orders to be listed",
        Duration::from_secs(120),
        || async {
            attr(&c, "[data-testid=order-count]", "data-count")
                .await
                .as_deref()
                == Some(&DEMO_ORDERS.to_string())
        },
    )
    .await;
    let rows = c
        .find_all(Locator::Css("[data-testid=order-row]"))
        .await
        .unwrap();
    assert!(!rows.is_empty(), "order rows are shown");
    let first_number = rows[0].attr("data-order-number").await.unwrap().unwrap();
    assert!(
        first_number.parse::<u64>().is_ok(),
        "order number {first_number}"
    );
    let html_dir = c
        .execute("return document.documentElement.dir", vec![])
        .await
        .unwrap();
    assert_eq!(html_dir, json!("rtl"), "Persian first: right to left");
    save_screenshot(&c, "orders-fa.png").await;

    // Press sync: a new last-sync time arrives.
    let before = attr(&c, "[data-testid=last-sync]", "data-value").await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    c.find(Locator::Css("[data-testid=sync-button]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for("the sync to finish", Duration::from_secs(60), || async {
        let now = attr(&c, "[data-testid=last-sync]", "data-value").await;
        now.is_some() && now != before
    })
    .await;

    // Search narrows the list.
    let search = c
        .find(Locator::Css("[data-testid=search-input]"))
        .await
        .unwrap();
    search.send_keys(&first_number).await.unwrap();
    wait_for(
        "the search to narrow the list",
        Duration::from_secs(20),
        || async {
            attr(&c, "[data-testid=order-count]", "data-count")
                .await
                .as_deref()
                == Some("1")
        },
    )
    .await;
    search.clear().await.unwrap();

    // English as a full second language.
    c.find(Locator::Css("[data-testid=lang-toggle]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(
        "the page to switch to English",
        Duration::from_secs(10),
        || async {
            c.execute("return document.documentElement.dir", vec![])
                .await
                .ok()
                == Some(json!("ltr"))
        },
    )
    .await;
    save_screenshot(&c, "orders-en.png").await;
    let _ = c.execute("localStorage.clear(); return true", vec![]).await;
    c.close().await.unwrap();
}
