//! `pishkhan-bench startup`: the release app's start-up time and memory, driven through
//! WebDriver (`tauri-driver` in front of WebKitWebDriver) under the display it is given (Xvfb
//! by `scripts/bench-startup.sh`), with the OS keychain of `scripts/with-keyring.sh`.
//!
//! What is measured, in one run:
//!
//! - **First orders**: the everyday launch. The reference platform (`pishkhan-platform serve
//!   --demo-orders N`, its data folder kept under `--dir` and reused by the next run) serves a
//!   store of N orders (10,000); the `pishkhan` CLI signs in and syncs it into a data folder,
//!   keys in the keychain as the app keeps them. The app is launched on that folder through a
//!   WebDriver session, and the page is polled every ~10 ms for the first order row laid out
//!   in view. The figure is the time from the session request (which starts the app) to the
//!   answer of the poll that saw the row; the app is quit (session deleted, process gone)
//!   between launches.
//! - **Baseline**, interleaved with those launches: the same launch on an empty data folder,
//!   to the sign-in form — what WebDriver, the process and the webview cost on their own.
//! - **Memory of the whole process tree**: the app and every process under it
//!   (WebKitWebProcess, WebKitNetworkProcess, …), found by parent pid in /proc; PSS from
//!   `/proc/<pid>/smaps_rollup` (shared pages split between the processes sharing them, so the
//!   sum counts a shared library once), RSS from `/proc/<pid>/status` where PSS cannot be read
//!   — the report says which. Taken idle, `--idle` seconds after the first orders show, on each
//!   counted launch of the N-order store; then on a second store (100,000 orders: its platform
//!   data folder is kept too, the CLI re-syncs it each run, a minute or two): idle after the
//!   first orders, sampled while the list is scrolled to its last order page by page, right
//!   after, and `--idle` seconds after.
//! - **Sizes**: the release binary and the newest `.deb` under `target/release/bundle/deb`.
//!
//! Targets, printed as PASS/MISS (they never fail the run): first orders within 1.5 s (the
//! median of the launches; the max is printed beside it), under 300 MB for the whole tree at
//! every memory point, the binary under 30 MB. MB are 10^6 bytes throughout.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::stats::Stats;
use crate::webdriver::Client;

/// Target: the first orders within this long of the launch (median of the launches).
pub const FIRST_ORDERS_TARGET: Duration = Duration::from_millis(1500);
/// Target: the whole process tree under this many bytes at every memory point.
pub const MEMORY_TARGET_BYTES: u64 = 300_000_000;
/// Target: the release binary under this many bytes.
pub const BINARY_TARGET_BYTES: u64 = 30_000_000;
/// Bump when what a kept platform data folder must hold changes, so old ones are made anew.
const STORE_DATA_VERSION: u32 = 1;
const ADMIN_TOKEN: &str = "bench-admin-token";

/// An order row of the orders list (`ui/src/components/OrderList.tsx`).
const ORDER_ROW: &str = "[data-testid=order-row]";
/// The sign-in form of the welcome screen (`ui/src/components/Welcome.tsx`).
const SIGN_IN: &str = "[data-testid=signin-form]";
/// The orders list's scroll container (`VirtualList`, test id `orders-list`).
const ORDERS_LIST: &str = "[data-testid=orders-list]";
/// `OrderList`'s fixed row height, in CSS pixels.
const ROW_HEIGHT_PX: f64 = 60.0;
/// How long one launch may take to show what it is waited for.
const LAUNCH_LIMIT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Options {
    /// Counted launches of each kind (after one warm-up launch of each, not counted).
    pub runs: usize,
    /// Orders in the store of the first-orders launches.
    pub orders: u64,
    /// Orders in the store scrolled through (`None`: skip that part).
    pub scroll_orders: Option<u64>,
    /// Where the platform data folders, the app data folders, the webview profile and the
    /// logs are kept.
    pub dir: PathBuf,
    /// Where `pishkhan-app`, `pishkhan-platform` and `pishkhan` are (`target/release`).
    pub bin_dir: PathBuf,
    /// Seconds idle before the idle memory figure.
    pub idle: Duration,
    /// Interval of the polls for the first row.
    pub poll: Duration,
    /// A new connection to tauri-driver for each WebDriver call instead of one kept alive.
    pub connection_per_call: bool,
}

// ---------------------------------------------------------------------------------------------
// Processes

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A process of /proc: its parent and name.
struct ProcEntry {
    ppid: u32,
    name: String,
    zombie: bool,
}

/// Every process of /proc, by pid.
fn processes() -> HashMap<u32, ProcEntry> {
    let mut map = HashMap::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return map;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let mut rest = stat[close + 1..].split_whitespace();
        let state = rest.next().unwrap_or("");
        let Some(ppid) = rest.next().and_then(|p| p.parse().ok()) else {
            continue;
        };
        map.insert(
            pid,
            ProcEntry {
                ppid,
                name,
                zombie: state == "Z" || state == "X",
            },
        );
    }
    map
}

/// The processes under `root` (not `root` itself), parents before children.
fn descendants(root: u32) -> Vec<u32> {
    let all = processes();
    let mut out = Vec::new();
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        let mut kids: Vec<u32> = all
            .iter()
            .filter(|(_, e)| e.ppid == p && !e.zombie)
            .map(|(pid, _)| *pid)
            .collect();
        kids.sort();
        out.extend(&kids);
        frontier.extend(kids);
    }
    out
}

fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rfind(')')
            .map(|i| !matches!(stat[i + 1..].split_whitespace().next(), Some("Z" | "X")))
            .unwrap_or(false),
        Err(_) => false,
    }
}

fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill")
        .args([sig, &pid.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Ends these processes, each by its pid: SIGTERM, then SIGKILL for what is left after `grace`.
fn end_pids(pids: &[u32], grace: Duration) {
    for &p in pids.iter().rev() {
        if alive(p) {
            signal(p, "-TERM");
        }
    }
    let start = Instant::now();
    while pids.iter().any(|&p| alive(p)) && start.elapsed() < grace {
        std::thread::sleep(Duration::from_millis(50));
    }
    for &p in pids {
        if alive(p) {
            signal(p, "-KILL");
        }
    }
}

/// A process this benchmark started; on drop it and everything under it are ended by pid.
struct Owned {
    child: Child,
}

impl Owned {
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        end_pids(&pids, Duration::from_secs(3));
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// Memory

/// One process's memory, in kB as /proc gives it (KiB).
#[derive(Debug, Clone, Serialize)]
pub struct ProcMem {
    pub pid: u32,
    pub name: String,
    pub pss_kb: Option<u64>,
    pub rss_kb: Option<u64>,
    /// PSS of anonymous memory (heaps, JS heap) and of file-backed pages (libraries mapped).
    pub pss_anon_kb: Option<u64>,
    pub pss_file_kb: Option<u64>,
}

impl ProcMem {
    fn read(pid: u32, name: &str) -> ProcMem {
        let field = |text: &str, key: &str| -> Option<u64> {
            text.lines().find_map(|l| {
                let rest = l.strip_prefix(key)?.strip_prefix(':')?;
                rest.trim().trim_end_matches("kB").trim().parse().ok()
            })
        };
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok();
        let pss = |key: &str| rollup.as_deref().and_then(|t| field(t, key));
        let rss_kb = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|t| field(&t, "VmRSS"));
        ProcMem {
            pid,
            name: name.to_string(),
            pss_kb: pss("Pss"),
            rss_kb,
            pss_anon_kb: pss("Pss_Anon"),
            pss_file_kb: pss("Pss_File"),
        }
    }

    /// PSS where it could be read, RSS otherwise.
    fn kb(&self) -> u64 {
        self.pss_kb.or(self.rss_kb).unwrap_or(0)
    }
}

/// The memory of a process tree at one moment.
#[derive(Debug, Clone, Serialize)]
pub struct TreeMem {
    pub procs: Vec<ProcMem>,
    /// WebKit processes outside this tree at that moment (another app or test on the
    /// machine): the PSS of the libraries they map too is split with them, which lowers the
    /// tree's figure.
    pub other_webkit: usize,
}

impl TreeMem {
    /// The app at `root` and every process under it.
    pub fn read(root: u32) -> TreeMem {
        let all = processes();
        let name = |pid: u32| all.get(&pid).map(|e| e.name.clone()).unwrap_or_default();
        let mut procs = vec![ProcMem::read(root, &name(root))];
        for pid in descendants(root) {
            procs.push(ProcMem::read(pid, &name(pid)));
        }
        procs.retain(|p| p.pss_kb.is_some() || p.rss_kb.is_some());
        let other_webkit = all
            .iter()
            .filter(|(pid, e)| {
                !e.zombie
                    && e.name.starts_with("WebKit")
                    && !e.name.starts_with("WebKitWebDrive")
                    && !procs.iter().any(|p| p.pid == **pid)
            })
            .count();
        TreeMem {
            procs,
            other_webkit,
        }
    }

    /// The sum, in bytes: PSS where readable, else RSS (see [`Self::basis`]).
    pub fn bytes(&self) -> u64 {
        self.procs.iter().map(|p| p.kb() * 1024).sum()
    }

    /// The sum of RSS (counts shared pages once per process), in bytes.
    pub fn rss_bytes(&self) -> u64 {
        self.procs
            .iter()
            .map(|p| p.rss_kb.unwrap_or(0) * 1024)
            .sum()
    }

    pub fn basis(&self) -> String {
        let with_pss = self.procs.iter().filter(|p| p.pss_kb.is_some()).count();
        match with_pss {
            n if n == self.procs.len() => "PSS".into(),
            0 => "RSS".into(),
            n => format!("PSS ({} processes RSS)", self.procs.len() - n),
        }
    }

    fn breakdown(&self) -> String {
        let mut parts: Vec<String> = self
            .procs
            .iter()
            .map(|p| {
                let part = |kb: Option<u64>| {
                    kb.map_or("?".into(), |kb| format!("{:.0}", kb as f64 * 1024.0 / 1e6))
                };
                format!(
                    "{} {:.1} (anon {}, file {})",
                    p.name,
                    p.kb() as f64 * 1024.0 / 1e6,
                    part(p.pss_anon_kb),
                    part(p.pss_file_kb)
                )
            })
            .collect();
        parts.sort();
        parts.join(", ")
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

// ---------------------------------------------------------------------------------------------
// The platform and the stores

/// What a kept platform data folder holds (written once a sync from it brought every order).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct StoreMarker {
    version: u32,
    orders: u64,
}

/// A store of `orders` orders: its platform running, and a data folder the CLI synced.
struct Store {
    orders: u64,
    _platform: Owned,
    app_dir: PathBuf,
    /// Seconds the platform took to generate the store (None: the kept one was reused).
    generated_secs: Option<f64>,
    sync_secs: f64,
}

fn start_platform(
    opts: &Options,
    dir: &Path,
    n: u64,
    log: &Path,
) -> anyhow::Result<(Owned, String)> {
    let exe = run_bin(opts, "pishkhan-platform");
    let mut child = Command::new(&exe)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--admin-token",
            ADMIN_TOKEN,
            "--data-dir",
        ])
        .arg(dir)
        .args(["--demo-orders", &n.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log)?)
        .spawn()
        .with_context(|| format!("starting {}", exe.display()))?;
    let stdout = child.stdout.take().context("the platform's stdout")?;
    let owned = Owned { child };
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    // Keep reading what else it prints, so its stdout never closes under it.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let url = first.trim().to_string();
    if !url.starts_with("http://127.0.0.1:") {
        bail!(
            "the platform did not start (first line {url:?}; see {})",
            log.display()
        );
    }
    Ok((owned, url))
}

fn cli(opts: &Options, app_dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let exe = run_bin(opts, "pishkhan");
    let out = Command::new(&exe)
        .arg("--data-dir")
        .arg(app_dir)
        .args(args)
        .env_remove("PISHKHAN_PASSWORD")
        .env_remove("PISHKHAN_PASSPHRASE")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", exe.display()))?;
    if !out.status.success() {
        bail!(
            "pishkhan {} failed ({}): {}",
            args.first().copied().unwrap_or(""),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The copy of a binary this run launches (see `run`).
fn run_bin(opts: &Options, name: &str) -> PathBuf {
    opts.dir.join("bin").join(name)
}

fn remove_dir(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("removing {}", dir.display())),
    }
}

/// Starts the platform on the kept data folder for `n` orders (generating it when missing or
/// of another kind), and signs in and syncs a fresh app data folder with the CLI.
fn prepare_store(opts: &Options, n: u64) -> anyhow::Result<Store> {
    let platform_dir = opts.dir.join(format!("platform-{n}"));
    let marker_path = platform_dir.join("bench-store.json");
    let wanted = StoreMarker {
        version: STORE_DATA_VERSION,
        orders: n,
    };
    let kept: Option<StoreMarker> = std::fs::read(&marker_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let mut reused = kept.as_ref() == Some(&wanted);
    let log = opts.dir.join(format!("platform-{n}.log"));
    let app_dir = opts.dir.join(format!("app-{n}"));
    for attempt in 0..2 {
        if !reused {
            remove_dir(&platform_dir)?;
            eprintln!(
                "  store of {n} orders: generating it on the platform (kept for the next run)"
            );
        }
        std::fs::create_dir_all(&platform_dir)?;
        let started = Instant::now();
        let (platform, url) = match start_platform(opts, &platform_dir, n, &log) {
            Ok(p) => p,
            Err(e) if reused && attempt == 0 => {
                eprintln!("  the kept platform data folder did not start ({e:#}); making it anew");
                reused = false;
                continue;
            }
            Err(e) => return Err(e),
        };
        let generated_secs = (!reused).then(|| started.elapsed().as_secs_f64());

        // The keychain of with-keyring.sh lives as long as this run, so the app's data folder
        // cannot be kept: signed in and synced anew each run.
        remove_dir(&app_dir)?;
        std::fs::create_dir_all(&app_dir)?;
        cli(
            opts,
            &app_dir,
            &[
                "login",
                "--platform",
                &url,
                "--email",
                pishkhan_platform::DEMO_EMAIL,
                "--password",
                pishkhan_platform::DEMO_PASSWORD,
            ],
        )?;
        eprintln!(
            "  store of {n} orders: syncing it with the CLI into {}",
            app_dir.display()
        );
        let t = Instant::now();
        cli(opts, &app_dir, &["sync", "--json"])?;
        let sync_secs = t.elapsed().as_secs_f64();
        let status: Value = serde_json::from_str(&cli(opts, &app_dir, &["status", "--json"])?)?;
        let cached = status["status"]["orderCount"].as_u64().unwrap_or(0);
        let session = std::fs::read_to_string(app_dir.join("session.json")).unwrap_or_default();
        anyhow::ensure!(
            !session.contains("\"passphrase\""),
            "the CLI sealed the data folder with a passphrase instead of the keychain; run under \
             scripts/with-keyring.sh"
        );
        if cached == n {
            std::fs::write(&marker_path, serde_json::to_vec_pretty(&wanted)?)?;
            eprintln!("  store of {n} orders: synced in {sync_secs:.1} s");
            return Ok(Store {
                orders: n,
                _platform: platform,
                app_dir,
                generated_secs,
                sync_secs,
            });
        }
        drop(platform);
        if !(reused && attempt == 0) {
            bail!("the CLI cached {cached} orders, not {n}");
        }
        eprintln!("  the kept store synced {cached} orders, not {n}; making it anew");
        reused = false;
    }
    unreachable!("the second attempt returns or fails")
}

// ---------------------------------------------------------------------------------------------
// The app through WebDriver

struct Driver {
    proc: Owned,
    wd: Client,
}

fn start_driver(opts: &Options) -> anyhow::Result<Driver> {
    let port = free_port()?;
    let native_port = free_port()?;
    // The webview's own profile (local storage, caches, window state) in a folder of the
    // benchmark's, kept between runs like a merchant's; the developer's is never touched.
    let profile = std::fs::canonicalize(&opts.dir)?.join("profile");
    for sub in ["data", "cache", "config"] {
        std::fs::create_dir_all(profile.join(sub))?;
    }
    let log = opts.dir.join("driver.log");
    let log_file = std::fs::File::create(&log)?;
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        // WebKitGTK under Xvfb has no GPU: render in software (as the e2e tests do).
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("XDG_DATA_HOME", profile.join("data"))
        .env("XDG_CACHE_HOME", profile.join("cache"))
        .env("XDG_CONFIG_HOME", profile.join("config"))
        .stdin(Stdio::null())
        .stdout(log_file.try_clone()?)
        .stderr(log_file)
        .spawn()
        .context("starting tauri-driver (cargo install tauri-driver --locked)")?;
    let proc = Owned { child };
    let wd = Client::new(port, !opts.connection_per_call);
    let start = Instant::now();
    while !wd.ready() {
        if start.elapsed() > Duration::from_secs(30) {
            bail!(
                "tauri-driver did not answer in 30 s (see {})",
                log.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(Driver { proc, wd })
}

/// A launched app: its WebDriver session and its process.
struct Launched {
    session: String,
    app_pid: u32,
}

/// How long one launch took.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LaunchTiming {
    /// From the session request to the poll answer that saw the element.
    pub shown: Duration,
    /// From the session request to its answer (the app started, the webview attached).
    pub session: Duration,
    /// `performance.now()` in the page when the element was seen: from the page's navigation
    /// start to it.
    pub page_ms: f64,
    /// Polls made.
    pub polls: u32,
    /// Polls that got no answer and were made again (see `webdriver::RETRIED`).
    pub retries: u64,
}

/// Returns `performance.now()` once an element matching the selector is laid out in view.
const VISIBLE_SCRIPT: &str = "const el = document.querySelector(arguments[0]);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight ? performance.now() : null;";

fn app_exe(opts: &Options) -> anyhow::Result<PathBuf> {
    std::fs::canonicalize(run_bin(opts, "pishkhan-app")).context("the copy of pishkhan-app")
}

/// Starts the app on `data_dir` and waits until `selector` shows.
fn launch(
    opts: &Options,
    driver: &Driver,
    data_dir: &Path,
    selector: &str,
) -> anyhow::Result<(Launched, LaunchTiming)> {
    let app = app_exe(opts)?;
    let data_dir = std::fs::canonicalize(data_dir)?;
    let caps = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": app,
            "args": ["--data-dir", data_dir],
        },
    });
    // A session request that fails (seen once: an empty answer from tauri-driver on the first
    // launch of a run) is retried after ending whatever app it left; the retry is timed afresh.
    let mut attempt = 1;
    let (t0, session) = loop {
        let t0 = Instant::now();
        match driver.wd.new_session(caps.clone()) {
            Ok(session) => break (t0, session),
            Err(e) if attempt < 3 => {
                eprintln!("  the session request failed ({e:#}); trying again");
                attempt += 1;
                std::thread::sleep(Duration::from_secs(1));
                if let Ok(pid) = find_app(driver.proc.pid(), Duration::from_millis(200)) {
                    let mut pids = vec![pid];
                    pids.extend(descendants(pid));
                    end_pids(&pids, Duration::from_secs(3));
                }
            }
            Err(e) => {
                return Err(e).context(format!(
                    "no WebDriver session (see {})",
                    opts.dir.join("driver.log").display()
                ))
            }
        }
    };
    let session_at = t0.elapsed();
    let mut polls = 0;
    let retried_before = crate::webdriver::RETRIED.load(std::sync::atomic::Ordering::Relaxed);
    let mut last_error = None;
    let found = loop {
        let t = Instant::now();
        polls += 1;
        match driver
            .wd
            .execute(&session, VISIBLE_SCRIPT, json!([selector]))
        {
            Ok(Value::Number(n)) => break Some((t0.elapsed(), n.as_f64().unwrap_or(0.0))),
            Ok(_) => {}
            Err(e) => last_error = Some(e),
        }
        if t0.elapsed() > LAUNCH_LIMIT {
            break None;
        }
        std::thread::sleep(opts.poll.saturating_sub(t.elapsed()));
    };
    let app_pid = find_app(driver.proc.pid(), Duration::from_secs(10))?;
    let launched = Launched { session, app_pid };
    let Some((shown, page_ms)) = found else {
        quit(driver, &launched);
        bail!(
            "{selector} did not show within {LAUNCH_LIMIT:?} on {} (last error: {})",
            data_dir.display(),
            last_error.map_or("none".to_string(), |e| format!("{e:#}"))
        );
    };
    Ok((
        launched,
        LaunchTiming {
            shown,
            session: session_at,
            page_ms,
            polls,
            retries: crate::webdriver::RETRIED.load(std::sync::atomic::Ordering::Relaxed)
                - retried_before,
        },
    ))
}

/// The app's pid: the `pishkhan-app` process under tauri-driver (WebKitWebDriver starts it).
fn find_app(driver_pid: u32, limit: Duration) -> anyhow::Result<u32> {
    let start = Instant::now();
    loop {
        let all = processes();
        if let Some(pid) = descendants(driver_pid)
            .into_iter()
            .find(|p| all.get(p).is_some_and(|e| e.name == "pishkhan-app"))
        {
            return Ok(pid);
        }
        if start.elapsed() > limit {
            bail!("no pishkhan-app process under tauri-driver");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Quits the app: deletes the session (WebKitWebDriver closes the browser) and waits for the
/// app and its webview processes to be gone, ending by pid whatever is left after 10 s.
fn quit(driver: &Driver, launched: &Launched) {
    let mut pids = vec![launched.app_pid];
    pids.extend(descendants(launched.app_pid));
    let _ = driver.wd.delete_session(&launched.session);
    let start = Instant::now();
    while pids.iter().any(|&p| alive(p)) && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    if pids.iter().any(|&p| alive(p)) {
        eprintln!("  the app was still running 10 s after its session ended; ending it");
        end_pids(&pids, Duration::from_secs(3));
    }
}

// ---------------------------------------------------------------------------------------------
// Scrolling

/// Scrolls the list to its current bottom; returns the rows' box height before the render.
const SCROLL_SCRIPT: &str = "const el = document.querySelector(arguments[0]);
  if (!el) return null;
  el.scrollTop = el.scrollHeight;
  const inner = el.querySelector('.vlist__inner');
  return inner ? inner.offsetHeight : 0;";

/// The list's state: [rows' box height, the last slot rendered, that slot is an order (not
/// the loader), order rows in the DOM, the last rendered order's number].
const LIST_STATE_SCRIPT: &str = "const el = document.querySelector(arguments[0]);
  if (!el) return null;
  const inner = el.querySelector('.vlist__inner');
  if (!inner) return null;
  let bottom = 0, lastIsRow = false, lastNumber = null;
  for (const slot of inner.children) {
    const m = /translateY\\(([-\\d.]+)px\\)/.exec(slot.style.transform);
    const b = (m ? parseFloat(m[1]) : 0) + slot.offsetHeight;
    if (b >= bottom) {
      bottom = b;
      const row = slot.querySelector('[data-testid=order-row]');
      lastIsRow = !!row;
      lastNumber = row ? row.dataset.orderNumber : null;
    }
  }
  return [inner.offsetHeight, bottom >= inner.offsetHeight - 1, lastIsRow,
          el.querySelectorAll('[data-testid=order-row]').length, lastNumber];";

#[derive(Debug, Clone, Serialize)]
pub struct ScrollReport {
    pub steps: u32,
    pub secs: f64,
    /// Orders loaded into the list at the end (its height over the row height).
    pub loaded: u64,
    pub last_order_number: Option<String>,
    /// The largest tree sampled while scrolling (every `SAMPLE_EVERY` steps).
    pub peak: TreeMem,
}

const SAMPLE_EVERY: u32 = 25;

struct ListState {
    height: f64,
    last_rendered: bool,
    last_is_row: bool,
    last_number: Option<String>,
}

fn list_state(wd: &Client, session: &str) -> anyhow::Result<Option<ListState>> {
    let v = wd.execute(session, LIST_STATE_SCRIPT, json!([ORDERS_LIST]))?;
    let Some(a) = v.as_array() else {
        return Ok(None);
    };
    Ok(Some(ListState {
        height: a.first().and_then(Value::as_f64).unwrap_or(0.0),
        last_rendered: a.get(1).and_then(Value::as_bool).unwrap_or(false),
        last_is_row: a.get(2).and_then(Value::as_bool).unwrap_or(false),
        last_number: a.get(4).and_then(Value::as_str).map(str::to_string),
    }))
}

/// Scrolls the orders list to its last order, page by page: each step moves it to its current
/// bottom and waits for the next page's rows to be added (or for the last order to render).
fn scroll_to_end(
    opts: &Options,
    driver: &Driver,
    launched: &Launched,
    expect: u64,
) -> anyhow::Result<ScrollReport> {
    let wd = &driver.wd;
    let started = Instant::now();
    let mut steps = 0u32;
    let mut peak = TreeMem::read(launched.app_pid);
    loop {
        let before = wd
            .execute(&launched.session, SCROLL_SCRIPT, json!([ORDERS_LIST]))?
            .as_f64()
            .context("the orders list is not on screen")?;
        steps += 1;
        let step_start = Instant::now();
        let done = loop {
            std::thread::sleep(opts.poll);
            if let Some(s) = list_state(wd, &launched.session)? {
                if s.last_rendered && s.last_is_row {
                    break Some(s);
                }
                if s.height > before {
                    break None;
                }
            }
            if step_start.elapsed() > Duration::from_secs(60) {
                bail!(
                    "the list stopped growing at {:.0} rows (step {steps})",
                    before / ROW_HEIGHT_PX
                );
            }
        };
        // (Not `is_multiple_of`: the workspace's rust-version is 1.85.)
        let (since_sample, since_report) = (steps % SAMPLE_EVERY, steps % 100);
        if since_sample == 0 || done.is_some() {
            let now = TreeMem::read(launched.app_pid);
            if now.bytes() > peak.bytes() {
                peak = now;
            }
        }
        if since_report == 0 {
            eprintln!(
                "    scrolled {:.0} rows of {expect} ({:.0} s)",
                before / ROW_HEIGHT_PX,
                started.elapsed().as_secs_f64()
            );
        }
        if let Some(s) = done {
            return Ok(ScrollReport {
                steps,
                secs: started.elapsed().as_secs_f64(),
                loaded: (s.height / ROW_HEIGHT_PX).round() as u64,
                last_order_number: s.last_number,
                peak,
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The run

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub date: String,
    pub machine: String,
    /// /proc/loadavg's 1, 5 and 15 minute averages at the start and at the end of the run.
    pub load_start: String,
    pub load_end: String,
    pub webkit: String,
    pub runs: usize,
    pub orders: u64,
    pub baseline: Vec<LaunchTiming>,
    pub first_orders: Vec<LaunchTiming>,
    pub warmup_baseline: LaunchTiming,
    pub warmup_first_orders: LaunchTiming,
    /// The tree idle after the first orders, one per counted launch.
    pub idle: Vec<TreeMem>,
    pub store_sync_secs: f64,
    pub store_generated_secs: Option<f64>,
    pub scroll: Option<ScrollPart>,
    /// WebDriver calls that got no answer and were made again (see `webdriver::RETRIED`).
    pub webdriver_retries: u64,
    /// The release binary measured (`<bin-dir>/pishkhan-app`, sized from the copy launched).
    pub binary_path: PathBuf,
    pub binary_bytes: Option<u64>,
    /// A copy of the binary with every symbol stripped (`strip`), for comparison.
    pub binary_stripped_bytes: Option<u64>,
    pub deb: Option<(PathBuf, u64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScrollPart {
    pub orders: u64,
    pub sync_secs: f64,
    pub generated_secs: Option<f64>,
    pub first_orders: LaunchTiming,
    pub idle: TreeMem,
    pub scroll: ScrollReport,
    pub after: TreeMem,
    pub settled: TreeMem,
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("MemTotal:")?
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
        })
        .map_or(0.0, |kb| kb as f64 * 1024.0 / 1e9);
    format!("{cpu}, {cores} cores, {mem_gb:.0} GB")
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn webkit_version() -> String {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn newest_deb(dir: &Path) -> Option<(PathBuf, u64)> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "deb"))
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((m.modified().ok()?, e.path(), m.len()))
        })
        .max_by_key(|(t, _, _)| *t)
        .map(|(_, p, n)| (p, n))
}

/// The size of a copy of `exe` stripped of every symbol (`strip -o`), made in `dir` and removed;
/// `None` without binutils' `strip`.
fn stripped_size(exe: &Path, dir: &Path) -> Option<u64> {
    let copy = dir.join("pishkhan-app.stripped");
    let ok = Command::new("strip")
        .arg("-o")
        .arg(&copy)
        .arg(exe)
        .stderr(Stdio::null())
        .status()
        .ok()?
        .success();
    let size = ok
        .then(|| std::fs::metadata(&copy).ok().map(|m| m.len()))
        .flatten();
    let _ = std::fs::remove_file(&copy);
    size
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

pub fn run(opts: &Options) -> anyhow::Result<Report> {
    anyhow::ensure!(opts.runs >= 1, "--runs must be at least 1");
    anyhow::ensure!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: run under Xvfb (scripts/bench-startup.sh does)"
    );
    anyhow::ensure!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session: run under dbus-run-session -- bash scripts/with-keyring.sh (scripts/bench-startup.sh does)"
    );
    for exe in ["pishkhan-app", "pishkhan-platform", "pishkhan"] {
        let p = opts.bin_dir.join(exe);
        anyhow::ensure!(
            p.exists(),
            "{} is missing: build it with cargo build --release (scripts/bench-startup.sh does)",
            p.display()
        );
    }
    let load_start = loadavg();
    std::fs::create_dir_all(&opts.dir)?;
    // The binaries run are copies taken now: a build of the same target by someone else during
    // the run cannot swap them between launches.
    std::fs::create_dir_all(opts.dir.join("bin"))?;
    for exe in ["pishkhan-app", "pishkhan-platform", "pishkhan"] {
        std::fs::copy(opts.bin_dir.join(exe), run_bin(opts, exe))
            .with_context(|| format!("copying {exe} into {}", opts.dir.display()))?;
    }

    // Sized from the copy: the binary measured is the one launched.
    let binary_bytes = std::fs::metadata(run_bin(opts, "pishkhan-app"))
        .ok()
        .map(|m| m.len());
    let binary_stripped_bytes = stripped_size(&run_bin(opts, "pishkhan-app"), &opts.dir);
    let deb = newest_deb(&opts.bin_dir.join("bundle/deb"));

    eprintln!("==> preparing the stores");
    let store = prepare_store(opts, opts.orders)?;
    let big = match opts.scroll_orders {
        Some(n) => Some(prepare_store(opts, n)?),
        None => None,
    };

    eprintln!("==> starting tauri-driver");
    let driver = start_driver(opts)?;
    let empty_dir = opts.dir.join("app-empty");

    // One launch of each, not counted: the first start of a profile and of cold pages.
    let baseline_once = |driver: &Driver| -> anyhow::Result<LaunchTiming> {
        remove_dir(&empty_dir)?;
        std::fs::create_dir_all(&empty_dir)?;
        let (l, t) = launch(opts, driver, &empty_dir, SIGN_IN)?;
        quit(driver, &l);
        Ok(t)
    };
    eprintln!("==> warm-up launches (not counted)");
    let warmup_baseline = baseline_once(&driver)?;
    let (l, warmup_first_orders) = launch(opts, &driver, &store.app_dir, ORDER_ROW)?;
    quit(&driver, &l);

    let mut baseline = Vec::new();
    let mut first_orders = Vec::new();
    let mut idle = Vec::new();
    for i in 0..opts.runs {
        let b = baseline_once(&driver)?;
        let (l, t) = launch(opts, &driver, &store.app_dir, ORDER_ROW)?;
        std::thread::sleep(opts.idle);
        let mem = TreeMem::read(l.app_pid);
        quit(&driver, &l);
        eprintln!(
            "  launch {}/{}: sign-in {:.0} ms, first orders {:.0} ms, idle {:.1} MB{}",
            i + 1,
            opts.runs,
            b.shown.as_secs_f64() * 1000.0,
            t.shown.as_secs_f64() * 1000.0,
            mb(mem.bytes()),
            match b.retries + t.retries {
                0 => String::new(),
                n => format!(" ({n} polls retried)"),
            }
        );
        baseline.push(b);
        first_orders.push(t);
        idle.push(mem);
    }

    let scroll = match &big {
        Some(big) => {
            eprintln!(
                "==> {} orders: launch, idle, scroll to the last order",
                big.orders
            );
            let (l, t) = launch(opts, &driver, &big.app_dir, ORDER_ROW)?;
            std::thread::sleep(opts.idle);
            let idle_mem = TreeMem::read(l.app_pid);
            let scrolled = scroll_to_end(opts, &driver, &l, big.orders);
            let scrolled = match scrolled {
                Ok(s) => s,
                Err(e) => {
                    quit(&driver, &l);
                    return Err(e);
                }
            };
            let after = TreeMem::read(l.app_pid);
            std::thread::sleep(opts.idle);
            let settled = TreeMem::read(l.app_pid);
            quit(&driver, &l);
            Some(ScrollPart {
                orders: big.orders,
                sync_secs: big.sync_secs,
                generated_secs: big.generated_secs,
                first_orders: t,
                idle: idle_mem,
                scroll: scrolled,
                after,
                settled,
            })
        }
        None => None,
    };
    drop(driver);

    let report = Report {
        date: today(),
        machine: machine(),
        load_start,
        load_end: loadavg(),
        webkit: webkit_version(),
        runs: opts.runs,
        orders: store.orders,
        baseline,
        first_orders,
        warmup_baseline,
        warmup_first_orders,
        idle,
        store_sync_secs: store.sync_secs,
        store_generated_secs: store.generated_secs,
        scroll,
        webdriver_retries: crate::webdriver::RETRIED.load(std::sync::atomic::Ordering::Relaxed),
        binary_path: opts.bin_dir.join("pishkhan-app"),
        binary_bytes,
        binary_stripped_bytes,
        deb,
    };
    let json_path = opts.dir.join("report.json");
    std::fs::write(&json_path, serde_json::to_vec_pretty(&report)?)?;
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// Printing

fn verdict(pass: bool) -> &'static str {
    if pass {
        "PASS"
    } else {
        "MISS"
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn thousands(n: u64) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|g| g.iter().collect())
        .collect();
    groups.join(",")
}

fn timing_stats(t: &[LaunchTiming], f: impl Fn(&LaunchTiming) -> Duration) -> Stats {
    Stats::new(t.iter().map(f).collect())
}

pub fn print(r: &Report) {
    println!();
    println!(
        "Start-up and memory of the release app ({}), under Xvfb with software rendering, through tauri-driver + WebKitWebDriver",
        r.date
    );
    println!(
        "  {}; WebKitGTK {}; load average {} at the start, {} at the end",
        r.machine, r.webkit, r.load_start, r.load_end
    );
    println!();
    let shown = |t: &[LaunchTiming]| timing_stats(t, |x| x.shown);
    let session = |t: &[LaunchTiming]| timing_stats(t, |x| x.session);
    let page = |t: &[LaunchTiming]| {
        timing_stats(t, |x| Duration::from_secs_f64(x.page_ms.max(0.0) / 1000.0))
    };
    println!(
        "  {:<52} {:>9} {:>9} {:>5} {:>11} {:>9} {:>9}",
        "launch (session request → shown)",
        "median ms",
        "max ms",
        "runs",
        "session ms",
        "page ms",
        "warm-up"
    );
    let row = |label: &str, t: &[LaunchTiming], warm: Option<&LaunchTiming>| {
        println!(
            "  {:<52} {:>9.0} {:>9.0} {:>5} {:>11.0} {:>9.0} {:>9}",
            label,
            ms(shown(t).median()),
            ms(shown(t).max()),
            t.len(),
            ms(session(t).median()),
            ms(page(t).median()),
            warm.map_or("".to_string(), |w| format!("{:.0}", ms(w.shown)))
        );
    };
    row(
        "sign-in screen, empty data folder (baseline)",
        &r.baseline,
        Some(&r.warmup_baseline),
    );
    row(
        &format!("first orders, {} orders cached", thousands(r.orders)),
        &r.first_orders,
        Some(&r.warmup_first_orders),
    );
    if let Some(s) = &r.scroll {
        row(
            &format!("first orders, {} orders cached", thousands(s.orders)),
            std::slice::from_ref(&s.first_orders),
            None,
        );
    }
    let base = shown(&r.baseline).median();
    let first = shown(&r.first_orders).median();
    println!(
        "  first orders / baseline (medians): {:.2}×, {:+.0} ms",
        first.as_secs_f64() / base.as_secs_f64().max(1e-9),
        ms(first) - ms(base)
    );
    println!(
        "  session ms: the session request's answer (app process started, webview attached); page ms: performance.now() in the"
    );
    println!(
        "  page when seen (from its navigation start); polled every ~10 ms; warm-up: one launch before, not counted"
    );
    if r.webdriver_retries > 0 {
        let in_timed: u64 = r
            .baseline
            .iter()
            .chain(&r.first_orders)
            .map(|t| t.retries)
            .sum();
        println!(
            "  {} WebDriver script calls got no answer and were made again (tauri-driver's connection to WebKitWebDriver reset),",
            r.webdriver_retries
        );
        println!(
            "  {in_timed} of them in the counted launches' polls (each costs that launch a poll, ~20 ms)"
        );
    }

    println!();
    let basis = r
        .idle
        .first()
        .map(TreeMem::basis)
        .unwrap_or_else(|| "PSS".into());
    println!(
        "  memory of the process tree (the app and every process under it; {basis} from /proc; MB = 10^6 bytes)"
    );
    println!("  {:<62} {:>9} {:>9}", "", "MB", "RSS sum");
    let idle_sorted = {
        let mut v: Vec<&TreeMem> = r.idle.iter().collect();
        v.sort_by_key(|m| m.bytes());
        v
    };
    let mut points: Vec<(String, &TreeMem)> = Vec::new();
    if let (Some(med), Some(max)) = (
        idle_sorted.get((idle_sorted.len().max(1) - 1) / 2),
        idle_sorted.last(),
    ) {
        println!(
            "  {:<62} {:>9.1} {:>9.1}   (max {:.1})",
            format!(
                "idle after first orders, {} orders (median of {})",
                thousands(r.orders),
                r.idle.len()
            ),
            mb(med.bytes()),
            mb(med.rss_bytes()),
            mb(max.bytes())
        );
        points.push((format!("idle, {} orders", thousands(r.orders)), max));
    }
    if let Some(s) = &r.scroll {
        let line = |label: String, m: &TreeMem| {
            println!(
                "  {:<62} {:>9.1} {:>9.1}",
                label,
                mb(m.bytes()),
                mb(m.rss_bytes())
            );
        };
        line(
            format!("idle after first orders, {} orders", thousands(s.orders)),
            &s.idle,
        );
        line(
            format!(
                "peak while scrolling {} orders (sampled every {SAMPLE_EVERY} steps)",
                thousands(s.orders)
            ),
            &s.scroll.peak,
        );
        line(
            format!(
                "right after the last of {} orders showed",
                thousands(s.orders)
            ),
            &s.after,
        );
        line("idle after the scroll".to_string(), &s.settled);
        points.push((format!("idle, {} orders", thousands(s.orders)), &s.idle));
        points.push(("while scrolling".into(), &s.scroll.peak));
        points.push(("after scrolling".into(), &s.after));
        points.push(("idle after scrolling".into(), &s.settled));
        println!(
            "  scroll: {} steps in {:.1} s, {} orders loaded into the list, last order {}",
            s.scroll.steps,
            s.scroll.secs,
            thousands(s.scroll.loaded),
            s.scroll.last_order_number.as_deref().unwrap_or("?")
        );
        println!(
            "  after the scroll, by process (MB): {}",
            s.after.breakdown()
        );
    }
    if let Some(m) = idle_sorted.last() {
        println!(
            "  idle, {} orders, by process (MB): {}",
            thousands(r.orders),
            m.breakdown()
        );
    }

    let mut all_points: Vec<&TreeMem> = r.idle.iter().collect();
    if let Some(s) = &r.scroll {
        all_points.extend([&s.idle, &s.scroll.peak, &s.after, &s.settled]);
    }
    let others = all_points.iter().map(|m| m.other_webkit).max().unwrap_or(0);
    if others > 0 {
        println!(
            "  note: up to {others} WebKit processes of something else were running at a measurement (other tests?): the PSS of"
        );
        println!(
            "  the libraries they share is split with them, so those figures read lower (the RSS sum is the upper bound)"
        );
    }

    println!();
    println!("  sizes");
    match r.binary_bytes {
        Some(b) => println!(
            "  {:<62} {:>9.1} MB",
            format!("release binary {}", r.binary_path.display()),
            mb(b)
        ),
        None => println!("  release binary: missing"),
    }
    if let Some(b) = r
        .binary_stripped_bytes
        // Shown only when stripping would gain something (more than 1%).
        .filter(|&b| r.binary_bytes.is_some_and(|full| b * 100 < full * 99))
    {
        println!(
            "  {:<62} {:>9.1} MB",
            "  the same with every symbol stripped (strip -o, a copy)",
            mb(b)
        );
    }
    match &r.deb {
        Some((p, b)) => println!("  {:<62} {:>9.1} MB", p.display().to_string(), mb(*b)),
        None => println!("  .deb: not built: run scripts/package.sh"),
    }

    println!();
    let max_first = shown(&r.first_orders).max();
    println!(
        "  {}  first orders within {:.1} s: median {:.2} s (max {:.2} s, {})",
        verdict(first <= FIRST_ORDERS_TARGET),
        FIRST_ORDERS_TARGET.as_secs_f64(),
        first.as_secs_f64(),
        max_first.as_secs_f64(),
        if max_first <= FIRST_ORDERS_TARGET {
            "within too"
        } else {
            "over"
        }
    );
    if let Some((label, worst)) = points.iter().max_by_key(|(_, m)| m.bytes()) {
        println!(
            "  {}  under {:.0} MB in all: worst {:.1} MB ({label})",
            verdict(worst.bytes() < MEMORY_TARGET_BYTES),
            mb(MEMORY_TARGET_BYTES),
            mb(worst.bytes())
        );
    }
    if r.scroll.is_none() {
        println!("        (the scroll through a large store was skipped)");
    }
    match r.binary_bytes {
        Some(b) => println!(
            "  {}  release binary under {:.0} MB: {:.1} MB",
            verdict(b < BINARY_TARGET_BYTES),
            mb(BINARY_TARGET_BYTES),
            mb(b)
        ),
        None => println!("  n/a   release binary: missing"),
    }
    println!();
    println!(
        "  store of {} orders: synced by the CLI in {:.1} s{}",
        thousands(r.orders),
        r.store_sync_secs,
        r.store_generated_secs
            .map_or(" (platform data folder reused)".to_string(), |s| format!(
                " (platform store generated in {s:.0} s, kept for the next run)"
            ))
    );
    if let Some(s) = &r.scroll {
        println!(
            "  store of {} orders: synced by the CLI in {:.1} s{}",
            thousands(s.orders),
            s.sync_secs,
            s.generated_secs
                .map_or(" (platform data folder reused)".to_string(), |g| format!(
                    " (platform store generated in {g:.0} s, kept for the next run)"
                ))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_found_with_its_memory() {
        let me = std::process::id();
        let tree = TreeMem::read(me);
        assert_eq!(tree.procs[0].pid, me);
        assert!(tree.bytes() > 0);
        assert!(tree.rss_bytes() > 0);
        let mut child = Command::new("sleep").arg("5").spawn().unwrap();
        assert!(descendants(me).contains(&child.id()));
        assert!(alive(child.id()));
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(!alive(child.id()));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(999), "999");
    }
}
