//! Driving the real desktop app through WebDriver: `tauri-driver` in front of
//! WebKitWebDriver, the app binary (in demo mode, or signed out for a test that brings its own
//! platform) under a display (Xvfb in CI), and small
//! helpers for waiting on `data-testid` elements, typing into React inputs, and screenshots.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

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

pub fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A WebDriver session on the desktop app in demo mode.
pub struct DesktopApp {
    pub c: Client,
    _driver: Driver,
    /// The app's data folder when the app was given a fresh one (None: the test's own).
    _data_dir: Option<tempfile::TempDir>,
    /// The app's config folder (`XDG_CONFIG_HOME`: where the window's size and place are
    /// kept), one per app so tests running side by side never share it.
    pub config_dir: tempfile::TempDir,
}

impl DesktopApp {
    /// Starts the app with `--demo` and `demo_orders` generated orders; exports are saved in
    /// `save_dir` instead of through the native dialog (which WebDriver cannot click).
    pub async fn start_demo(demo_orders: u64, save_dir: &Path) -> DesktopApp {
        let n = demo_orders.to_string();
        Self::launch(
            &["--demo"],
            &[
                ("PISHKHAN_DEMO_ORDERS", std::ffi::OsStr::new(&n)),
                ("PISHKHAN_SAVE_DIR", save_dir.as_os_str()),
            ],
        )
        .await
    }

    /// Starts the app on a fresh data folder, signed out (not the demo): the test signs in
    /// to a platform of its own.
    pub async fn start_signed_out() -> DesktopApp {
        Self::launch(&[], &[]).await
    }

    /// Like [`Self::start_signed_out`], with environment variables for the app (test seams
    /// that debug builds honour, such as `PISHKHAN_TEST_PICK_DIR`).
    pub async fn start_signed_out_with(envs: &[(&str, &std::ffi::OsStr)]) -> DesktopApp {
        Self::launch(&[], envs).await
    }

    /// Starts the app on a data folder the test prepared (with the `pishkhan` CLI, say) and
    /// keeps: the app as the merchant finds it at its next start. The folder's path must be
    /// unique to the test (the app is ended by it).
    pub async fn start_on(data_dir: &Path, envs: &[(&str, &std::ffi::OsStr)]) -> DesktopApp {
        Self::launch_in(&[], envs, Some(data_dir)).await
    }

    async fn launch(args: &[&str], envs: &[(&str, &std::ffi::OsStr)]) -> DesktopApp {
        Self::launch_in(args, envs, None).await
    }

    async fn launch_in(
        args: &[&str],
        envs: &[(&str, &std::ffi::OsStr)],
        given_dir: Option<&Path>,
    ) -> DesktopApp {
        // Two TLS back ends are linked in (reqwest's and fantoccini's): pick one. The
        // WebDriver connection is plain HTTP on loopback anyway.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let app = crate::bin("pishkhan-app");
        let own_dir = given_dir.is_none().then(|| tempfile::tempdir().unwrap());
        let data_dir_path = match (given_dir, &own_dir) {
            (Some(dir), _) => dir.to_path_buf(),
            (None, own) => own.as_ref().expect("made above").path().to_path_buf(),
        };
        let port = free_port();
        let native_port = free_port();
        let config_dir = tempfile::tempdir().unwrap();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("XDG_CONFIG_HOME", config_dir.path())
            .envs(envs.iter().copied())
            // WebKitGTK under Xvfb has no GPU: render in software.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver is installed (cargo install tauri-driver --locked)");
        let data_dir_arg = data_dir_path.display().to_string();
        let driver = Driver(driver, data_dir_arg.clone());

        let mut app_args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        app_args.extend(["--data-dir".to_string(), data_dir_arg]);
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app, "args": app_args }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        let c = loop {
            match ClientBuilder::rustls()
                .expect("tls")
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(_) if start.elapsed() < Duration::from_secs(30) => {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        DesktopApp {
            c,
            _driver: driver,
            _data_dir: own_dir,
            config_dir,
        }
    }

    /// Waits for the first status call to come back (`body[data-ready]`).
    pub async fn ready(&self) {
        self.wait("the page to be ready", 60, || async {
            self.attr("body", "data-ready").await.as_deref() == Some("true")
        })
        .await;
    }

    /// Forgets what the webview kept from earlier runs (language, filters) and reloads.
    pub async fn fresh_start(&self) {
        self.ready().await;
        let _ = self
            .c
            .execute(
                "localStorage.clear(); location.reload(); return true",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.ready().await;
    }

    pub async fn wait<F, Fut>(&self, what: &str, seconds: u64, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let limit = Duration::from_secs(seconds);
        let start = Instant::now();
        while start.elapsed() < limit {
            if check().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.screenshot(&format!("failed-{}.png", what.replace(' ', "-")))
            .await;
        panic!("timed out after {limit:?} waiting for {what}");
    }

    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        match self.c.find(Locator::Css(css)).await {
            Ok(el) => el.attr(name).await.ok().flatten(),
            Err(_) => None,
        }
    }

    /// The visible text of the element with this test id (empty when there is none).
    pub async fn text(&self, testid: &str) -> String {
        match self
            .c
            .find(Locator::Css(&format!("[data-testid={testid}]")))
            .await
        {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Whether an element with this test id is on the page now (no waiting).
    pub async fn has(&self, testid: &str) -> bool {
        self.c
            .find(Locator::Css(&format!("[data-testid={testid}]")))
            .await
            .is_ok()
    }

    /// An element by test id, waiting for it to appear.
    pub async fn el(&self, testid: &str) -> Element {
        let css = format!("[data-testid={testid}]");
        self.wait(&format!("{testid} to appear"), 30, || async {
            self.c.find(Locator::Css(&css)).await.is_ok()
        })
        .await;
        self.c.find(Locator::Css(&css)).await.unwrap()
    }

    pub async fn click(&self, testid: &str) {
        self.el(testid).await.click().await.unwrap();
    }

    pub async fn click_css(&self, css: &str) {
        self.wait(&format!("{css} to appear"), 30, || async {
            self.c.find(Locator::Css(css)).await.is_ok()
        })
        .await;
        self.c
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// Sets an input's (or a textarea's) value the way typing does, so React sees it (WebDriver's `clear`
    /// does not fire the input event React listens to).
    pub async fn set_input(&self, testid: &str, value: &str) {
        self.el(testid).await;
        self.c
            .execute(
                "const el = document.querySelector(`[data-testid=${arguments[0]}]`);
                 const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
                 const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
                 setter.call(el, arguments[1]);
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 return true",
                vec![json!(testid), json!(value)],
            )
            .await
            .unwrap();
    }

    /// Chooses an option of a `<select>` by value, the way a click does, so React sees it.
    pub async fn set_select(&self, testid: &str, value: &str) {
        self.el(testid).await;
        let found = self
            .c
            .execute(
                "const el = document.querySelector(`[data-testid=${arguments[0]}]`);
                 const values = Array.from(el.options, (o) => o.value);
                 if (!values.includes(arguments[1])) return values.join(' ');
                 const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
                 setter.call(el, arguments[1]);
                 el.dispatchEvent(new Event('change', { bubbles: true }));
                 return true",
                vec![json!(testid), json!(value)],
            )
            .await
            .unwrap();
        assert_eq!(found, json!(true), "{testid} offers {value}");
    }

    /// `order-count`'s `data-count` once the count has arrived.
    pub async fn order_count(&self) -> Option<u64> {
        self.attr("[data-testid=order-count]", "data-count")
            .await
            .and_then(|c| c.parse().ok())
    }

    /// Waits until the orders count settles on a value other than `before`, and returns it.
    pub async fn order_count_change(&self, before: Option<u64>, what: &str) -> u64 {
        // Settled: the same value other than `before` read twice, 800 ms apart (a filter made
        // of two picks passes through an in-between count; the count may also re-render).
        let seen = std::sync::Mutex::new(None::<(u64, Instant)>);
        self.wait(what, 30, || async {
            let now = self.order_count().await.filter(|n| Some(*n) != before);
            let mut last = seen.lock().unwrap();
            match (now, *last) {
                (Some(n), Some((m, since))) if n == m => {
                    since.elapsed() >= Duration::from_millis(800)
                }
                (Some(n), _) => {
                    *last = Some((n, Instant::now()));
                    false
                }
                (None, _) => {
                    *last = None;
                    false
                }
            }
        })
        .await;
        let settled = seen.into_inner().unwrap();
        settled.expect("set when the wait ended").0
    }

    pub async fn dir(&self) -> serde_json::Value {
        self.c
            .execute("return document.documentElement.dir", vec![])
            .await
            .unwrap()
    }

    pub async fn screenshot(&self, name: &str) {
        let started = Instant::now();
        // WebKitWebDriver answers a screenshot after the page's next presentation update; a page
        // with nothing left to paint would keep it waiting until something changed (seen: five
        // minutes, until the next background sync redrew the header). A 1-px mark that changes
        // colour a few times over the next two seconds gives it those updates.
        let _ = self
            .c
            .execute(
                "let el = document.getElementById('e2e-paint-tick');
                 if (!el) {
                   el = document.createElement('div');
                   el.id = 'e2e-paint-tick';
                   el.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;opacity:0.02;pointer-events:none;z-index:2147483647;background:#000';
                   document.body.appendChild(el);
                 }
                 for (const ms of [50, 150, 300, 600, 1000, 1500, 2000]) {
                   setTimeout(() => { el.style.background = el.style.background === 'rgb(0, 0, 0)' ? '#020202' : '#000'; }, ms);
                 }
                 return true",
                vec![],
            )
            .await;
        if let Ok(png) = self.c.screenshot().await {
            let _ = std::fs::write(screenshots_dir().join(name), png);
        }
        // A screenshot waits for WebKit to paint; a slow one is worth knowing about.
        if started.elapsed() > Duration::from_secs(5) {
            eprintln!("screenshot {name} took {:?}", started.elapsed());
        }
    }
}
