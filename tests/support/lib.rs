//! Test support: start the real `pishkhan-platform` binary on a loopback port, talk to its
//! admin API over HTTP, and run the real `pishkhan` CLI against it; `webdriver` drives the
//! real desktop app. Nothing is mocked.
//!
//! The binaries are the workspace's own build output (`target/<profile>/`); the test command
//! (`scripts/test.sh`) builds them before the tests run.

pub mod cut_proxy;
pub mod fault_proxy;
pub mod images;
pub mod webdriver;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub const ADMIN_TOKEN: &str = "test-admin-token";

/// An HTTP client for the tests' own calls (admin API, raw requests). reqwest is linked
/// without a TLS provider of its own, so the app's (ring) is installed first.
pub fn http_client() -> reqwest::Client {
    http_client_builder().build().expect("an HTTP client")
}

/// [`http_client`]'s builder, for tests that set timeouts or pooling.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    pishkhan_core::platform_client::ensure_tls_provider();
    reqwest::Client::builder()
}

/// Path of a binary of this workspace, next to the test executable's `deps` folder.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target profile folder");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build --workspace --bins`",
        path.display()
    );
    path
}

/// A `pishkhan-platform serve` process with its own data folder, killed on drop.
pub struct PlatformProcess {
    child: Child,
    pub url: String,
    pub data_dir: tempfile::TempDir,
    http: reqwest::Client,
    /// What `restart` passes again besides the address and data folder.
    args: Vec<String>,
}

impl PlatformProcess {
    pub fn start(demo_orders: Option<u64>) -> Self {
        Self::start_with(demo_orders, &[])
    }

    pub fn start_with(demo_orders: Option<u64>, extra: &[&str]) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        if let Some(n) = demo_orders {
            args.extend(["--demo-orders".to_string(), n.to_string()]);
        }
        let (child, url) = spawn_platform("127.0.0.1:0", data_dir.path(), &args);
        PlatformProcess {
            child,
            url,
            data_dir,
            // No kept-alive connections: a connection to a platform that was stopped and
            // restarted would fail the next request.
            http: http_client_builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("an HTTP client"),
            args,
        }
    }

    /// Stops the platform, as a crash or a cut connection looks to its clients.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the platform again on the same data folder and the same address (a stopped one
    /// comes back; a running one is stopped first).
    pub fn restart(&mut self) {
        self.stop();
        let addr = self
            .url
            .strip_prefix("http://")
            .expect("an http URL")
            .to_string();
        let start = std::time::Instant::now();
        loop {
            match try_spawn_platform(&addr, self.data_dir.path(), &self.args) {
                Ok((child, url)) => {
                    assert_eq!(url, self.url, "the platform came back elsewhere");
                    self.child = child;
                    return;
                }
                // The port may still be held for a moment after the old process died.
                Err(e) if start.elapsed() < Duration::from_secs(15) => {
                    eprintln!("platform restart: {e}; trying again");
                    std::thread::sleep(Duration::from_millis(300));
                }
                Err(e) => panic!("the platform did not come back on {addr}: {e}"),
            }
        }
    }

    /// An admin API call; panics on a non-success answer (use `admin_raw` to inspect errors).
    pub async fn admin<B: Serialize, T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> T {
        let resp = self.admin_raw(method, path, body).await;
        let status = resp.status();
        let text = resp.text().await.expect("body");
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: cannot decode {text}: {e}"))
    }

    pub async fn admin_raw<B: Serialize>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> reqwest::Response {
        let mut req = self
            .http
            .request(method, format!("{}{}", self.url, path))
            .header("x-admin-token", ADMIN_TOKEN);
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.expect("admin request")
    }

    pub async fn checksum(&self, store_id: i64) -> pishkhan_api::ContentChecksum {
        self.admin::<(), _>(
            reqwest::Method::GET,
            &format!("/admin/stores/{store_id}/checksum"),
            None,
        )
        .await
    }

    /// Signs in over the merchant API (as a browser or another app would) and answers the
    /// access token.
    pub async fn merchant_token(&self, email: &str, password: &str) -> String {
        let resp = self
            .http
            .post(format!("{}/api/v1/auth/sign-in", self.url))
            .json(&serde_json::json!({"email": email, "password": password, "deviceName": "test"}))
            .send()
            .await
            .expect("sign-in request");
        assert!(resp.status().is_success(), "sign-in: {}", resp.status());
        resp.json::<pishkhan_api::SignInResponse>()
            .await
            .expect("a sign-in answer")
            .tokens
            .access_token
    }

    /// The HTTP status `GET /api/v1/me` answers for a token (200 while its session lives).
    pub async fn me_status(&self, token: &str) -> u16 {
        self.http
            .get(format!("{}/api/v1/me", self.url))
            .bearer_auth(token)
            .send()
            .await
            .expect("me request")
            .status()
            .as_u16()
    }

    /// A buyer places an order on store 1; answers the channels of the notifications the
    /// platform queued for it, email first.
    pub async fn channels_of_a_new_order(
        &self,
        seed: u64,
    ) -> Vec<pishkhan_api::NotificationChannel> {
        let generated: serde_json::Value = self
            .admin(
                reqwest::Method::POST,
                "/admin/stores/1/orders/generate",
                Some(&serde_json::json!({"count": 1, "seed": seed})),
            )
            .await;
        let id = generated["orderIds"][0]
            .as_i64()
            .expect("a generated order");
        let all: Vec<pishkhan_api::StoreNotification> = self
            .admin::<(), _>(reqwest::Method::GET, "/admin/stores/1/notifications", None)
            .await;
        let mut channels: Vec<_> = all
            .into_iter()
            .filter(|n| n.order_id == id)
            .map(|n| n.channel)
            .collect();
        channels.sort_by_key(|c| *c as u8);
        channels
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }
}

impl Drop for PlatformProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_platform(listen: &str, data_dir: &std::path::Path, args: &[String]) -> (Child, String) {
    try_spawn_platform(listen, data_dir, args).unwrap_or_else(|e| panic!("{e}"))
}

/// Starts `pishkhan-platform serve`; its first line is the URL it listens on.
fn try_spawn_platform(
    listen: &str,
    data_dir: &std::path::Path,
    args: &[String],
) -> Result<(Child, String), String> {
    let mut cmd = Command::new(bin("pishkhan-platform"));
    cmd.args([
        "serve",
        "--listen",
        listen,
        "--admin-token",
        ADMIN_TOKEN,
        "--data-dir",
    ])
    .arg(data_dir)
    .args(args)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("start pishkhan-platform");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader
        .read_line(&mut first)
        .expect("read the platform's first line");
    // Keep reading what else it prints, so its stdout never closes under it.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let url = first.trim().to_string();
    if !url.starts_with("http://127.0.0.1:") {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!(
            "the platform did not start on {listen} (first line {url:?})"
        ));
    }
    Ok((child, url))
}

/// The `pishkhan` CLI with a data folder of its own.
pub struct CliUser {
    pub data_dir: tempfile::TempDir,
}

impl CliUser {
    pub fn new() -> Self {
        CliUser {
            data_dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_env(args, &[])
    }

    /// Runs a command with extra environment variables (`PISHKHAN_PASSPHRASE`, or a
    /// `DBUS_SESSION_BUS_ADDRESS` where no keychain answers).
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(bin("pishkhan"));
        cmd.arg("--data-dir")
            .arg(self.data_dir.path())
            .args(args)
            .env_remove("PISHKHAN_PASSWORD")
            .env_remove("PISHKHAN_PASSPHRASE")
            .envs(env.iter().copied());
        run_with_timeout(cmd, Duration::from_secs(600))
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "pishkhan {args:?} failed: {}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn json<T: DeserializeOwned>(&self, args: &[&str]) -> T {
        let out = self.ok(args);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("pishkhan {args:?}: not JSON ({e}): {out}"))
    }

    /// `pishkhan kyc submit` with `form` (JSON) and two card photos made from `seed`, written
    /// into `dir`; panics unless it succeeds.
    pub fn submit_kyc(&self, dir: &std::path::Path, form: &serde_json::Value, seed: u64) {
        let form_path = dir.join("form.json");
        std::fs::write(&form_path, form.to_string()).expect("write the form");
        let front = images::write_card(dir, "front.jpg", 1600, 1000, seed);
        let back = images::write_card(dir, "back.jpg", 1600, 1000, seed + 1);
        let path = |p: &std::path::Path| p.to_str().expect("a UTF-8 path").to_string();
        self.ok(&[
            "kyc",
            "submit",
            "--form",
            &path(&form_path),
            "--id-front",
            &path(&front),
            "--id-back",
            &path(&back),
        ]);
    }

    pub fn login(&self, platform: &PlatformProcess) {
        self.ok(&[
            "login",
            "--platform",
            &platform.url,
            "--email",
            "demo@pishkhan.example",
            "--password",
            "demo1234",
        ]);
    }
}

impl Default for CliUser {
    fn default() -> Self {
        Self::new()
    }
}

fn run_with_timeout(mut cmd: Command, limit: Duration) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("wait"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("command did not finish within {limit:?}");
        }
    }
}

/// One of the app's files in `app_dir` (`stores/<id>.db`, a store's cache, or `account.db`),
/// opened read-only with the key the app keeps in the OS keychain (read through the keychain,
/// as the app does), for tests that look inside it.
pub async fn open_app_db(app_dir: &std::path::Path, file: &str) -> Option<sqlx::SqlitePool> {
    use std::str::FromStr;
    let key = app_cache_key(app_dir)?;
    let options = sqlx::sqlite::SqliteConnectOptions::from_str("sqlite:")
        .ok()?
        .filename(app_dir.join(file))
        .pragma("key", key.pragma_value())
        .read_only(true);
    sqlx::SqlitePool::connect_with(options).await.ok()
}

/// The secrets of the app in `app_dir` (tokens, cache key), read from the OS keychain.
pub fn app_secrets(app_dir: &std::path::Path) -> Option<pishkhan_core::secrets::Secrets> {
    let text = pishkhan_core::secrets::keychain::read(app_dir).ok()??;
    serde_json::from_str(&text).ok()
}

/// The key of the app's files in `app_dir`, read from the OS keychain.
pub fn app_cache_key(app_dir: &std::path::Path) -> Option<pishkhan_core::cache::CacheKey> {
    app_secrets(app_dir).map(|s| s.cache_key)
}
