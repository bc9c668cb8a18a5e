//! Driving the real desktop app through WebDriver: `tauri-driver` in front of
//! WebKitWebDriver, the app binary (in demo mode, or signed out for a test that brings its own
//! platform) under a display (Xvfb in CI), and small
//! helpers for waiting on `data-testid` elements, clicking them, typing into React inputs, and
//! screenshots.
//!
//! Clicks: WebKitWebDriver clicks in steps (it finds the element's centre, then sends a mouse
//! press and release to that point of the window), so whatever moves or replaces the element
//! in between gets the click instead: a list re-rendered by a search or a sync, a sync notice
//! appearing over the spot (the notices float in a corner and no longer move the screen), a
//! button disabled meanwhile. Under load those steps take long enough for this to happen. So
//! [`DesktopApp::click_css`] waits until the element can take a click (displayed, enabled, not
//! busy, on top at its centre, in the same place at two looks in a row) and checks that the click event reached it; one that did not is made
//! again.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
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

    /// Clicks the element with this test id (see [`Self::click_css`]).
    pub async fn click(&self, testid: &str) {
        self.click_css(&format!("[data-testid={testid}]")).await;
    }

    /// Clicks the element `css` selects once it can take the click, and makes sure the click
    /// reached it: a click that landed elsewhere or nowhere (the element moved or was replaced
    /// between WebDriver's look and its mouse press) is made again. A click that reached the
    /// element is never repeated, so this is safe for clicks that are not idempotent too.
    pub async fn click_css(&self, css: &str) {
        let mut deadline = Instant::now() + Duration::from_secs(30);
        for attempt in 1..=MAX_CLICKS {
            self.wait_clickable(css, deadline).await;
            match self.click_once(css).await {
                Ok(()) => return,
                Err(why) if attempt < MAX_CLICKS => {
                    eprintln!("click {attempt} on {css} did not reach it ({why}); clicking again");
                    deadline = deadline.max(Instant::now() + Duration::from_secs(10));
                }
                Err(why) => {
                    self.screenshot(&format!("failed-click-{}.png", file_part(css)))
                        .await;
                    panic!("{MAX_CLICKS} clicks on {css} did not reach it (last: {why})");
                }
            }
        }
    }

    /// One click on the element `css` selects, once it can take it (waits up to 30 s, like
    /// [`Self::click_css`]); `Err` says where the click went when it did not reach the element.
    /// For callers that must look around before clicking again (a click that opened another
    /// order than the one meant, say).
    pub async fn click_css_once(&self, css: &str) -> Result<(), String> {
        self.wait_clickable(css, Instant::now() + Duration::from_secs(30))
            .await;
        self.click_once(css).await
    }

    /// Waits until the element `css` selects can take a real click; panics at `deadline`
    /// with the last reason it could not (and a screenshot).
    async fn wait_clickable(&self, css: &str, deadline: Instant) {
        // A fresh token per wait: the element must be seen in the same place twice within it.
        let token = CLICK_TOKENS.fetch_add(1, Ordering::Relaxed);
        let why = loop {
            let why = match self
                .c
                .execute(CLICKABLE_JS, vec![json!(css), json!(token)])
                .await
            {
                Ok(v) => v.as_str().unwrap_or("no answer").to_string(),
                Err(e) => format!("no answer: {e}"),
            };
            if why == "ready" {
                return;
            }
            if Instant::now() >= deadline {
                break why;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        self.screenshot(&format!("failed-clickable-{}.png", file_part(css)))
            .await;
        panic!("timed out waiting for {css} to take a click (last: {why})");
    }

    /// Clicks the element `css` selects now, watching where the click event goes.
    async fn click_once(&self, css: &str) -> Result<(), String> {
        let el = self
            .c
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("gone: {e}"))?;
        let target = serde_json::to_value(&el).expect("an element reference");
        self.c
            .execute(WATCH_CLICK_JS, vec![target, json!(css)])
            .await
            .map_err(|e| format!("could not watch the click: {e}"))?;
        match el.click().await {
            Ok(()) => {}
            // Stale, intercepted, not interactable: the element changed under the click.
            Err(e @ CmdError::Standard(_)) => return Err(e.to_string()),
            Err(e) => panic!("clicking {css}: {e}"),
        }
        // WebKitWebDriver answers once the page has handled the mouse events; the event is
        // looked for a little longer all the same.
        let start = Instant::now();
        loop {
            let seen = self
                .c
                .execute(
                    "const a = window.__e2eArmed; return a ? a.result : 'the page was reloaded'",
                    vec![],
                )
                .await
                .unwrap_or(serde_json::Value::Null);
            match seen.as_str() {
                Some("hit") => return Ok(()),
                Some(other) => return Err(other.to_string()),
                None if start.elapsed() >= Duration::from_secs(1) => {
                    return Err("no click event (a disabled element, or none there)".into())
                }
                None => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
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
        // A select filled by an answer still on its way (disabled, a lone "loading" option)
        // would drop the choice: wait until it is enabled and offers the value.
        let css = format!("[data-testid={testid}]");
        let _ = tokio::time::timeout(Duration::from_secs(30), async {
            loop {
                let ready = self
                    .c
                    .execute(
                        "const el = document.querySelector(arguments[0]);
                         return !!el && !el.disabled && Array.from(el.options, (o) => o.value).includes(arguments[1])",
                        vec![json!(css), json!(value)],
                    )
                    .await;
                if matches!(ready, Ok(serde_json::Value::Bool(true))) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
        .await;
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

/// Clicks made on one element before giving up (each only after the last did not reach it).
const MAX_CLICKS: u32 = 5;

/// Tokens that tell one wait for a clickable element from the next.
static CLICK_TOKENS: AtomicU64 = AtomicU64::new(1);

/// A selector as part of a file name.
fn file_part(css: &str) -> String {
    css.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// "ready" when the element `arguments[0]` selects can take a real click now, else why not.
/// Ready: on the page, displayed, enabled, not inside something `aria-busy` or
/// `aria-disabled` (a list about to be replaced, a form being saved), on top at the centre of
/// its visible part (scrolled into view when it is not), at the same place as at the last look
/// of this wait (`arguments[1]`: the wait's token; looks are 100 ms apart and more).
const CLICKABLE_JS: &str = r#"
const [css, token] = arguments;
const el = document.querySelector(css);
if (!el) return 'not on the page';
if (el.disabled) return 'disabled';
if (el.closest('[aria-disabled="true"]')) return 'aria-disabled';
if (el.closest('[aria-busy="true"]')) return 'busy (aria-busy)';
const rect = Array.from(el.getClientRects()).find((r) => r.width > 0 && r.height > 0);
if (!rect) return 'not displayed';
const left = Math.max(rect.left, 0), right = Math.min(rect.right, window.innerWidth);
const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, window.innerHeight);
const hit = right - left >= 1 && bottom - top >= 1
  ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2)
  : null;
if (!hit || (hit !== el && !el.contains(hit))) {
  el.__e2eSeen = null;
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  if (!hit) return 'out of view';
  const named = hit.closest('[data-testid]');
  return 'covered by ' + (named ? named.getAttribute('data-testid') : hit.tagName.toLowerCase());
}
const key = [rect.left, rect.top, rect.width, rect.height].map((v) => Math.round(v)).join(',');
const seen = el.__e2eSeen;
el.__e2eSeen = { token, key };
if (!seen || seen.token !== token || seen.key !== key) return 'moving (or first look)';
return 'ready';
"#;

/// Watches the next click event (capture phase, before the app's handlers): `hit` when its
/// target is the element `arguments[0]` (or inside it) and the element still matches the
/// selector `arguments[1]` (a row re-used for another order does not), else where it went.
const WATCH_CLICK_JS: &str = r#"
const [el, css] = arguments;
if (!window.__e2eClickWatch) {
  window.__e2eClickWatch = true;
  window.addEventListener('click', (e) => {
    const armed = window.__e2eArmed;
    if (!armed || armed.result === 'hit') return;
    const t = e.target instanceof Node ? e.target : null;
    const inside = !!t && (t === armed.el || armed.el.contains(t));
    if (inside && armed.el.matches(armed.css)) {
      armed.result = 'hit';
    } else if (inside) {
      armed.result = 'reached the element after it changed (it no longer matches)';
    } else {
      const n = t instanceof Element ? t : t && t.parentElement;
      const named = n && n.closest('[data-testid]');
      armed.result = 'landed on ' + (named ? named.getAttribute('data-testid') : n ? n.tagName.toLowerCase() : 'nothing');
    }
  }, true);
}
window.__e2eArmed = { el, css, result: null };
return true;
"#;
