//! `pishkhan-bench sync`: a store's first sync from the platform on loopback, beside the time
//! to write the same rows straight into the same schema.
//!
//! For each order count N the reference platform is started in this process with a demo store
//! of N orders and N/3 customers (its database is kept under `--dir`, keyed by N and seed,
//! when `--keep-platform` is given, and reused by the next run: generating a million orders
//! takes minutes). Then, in the same run:
//!
//! - **sync**: a child process (this binary's hidden `sync-client` command) signs in on a
//!   fresh data folder and runs `Pishkhan::sync`, exactly what the app and the CLI call; it
//!   reports the wall time of the sync and its own peak resident memory (`VmHWM`), which so
//!   measures the app side alone, without the platform.
//! - **feed only**: the same change feed fetched page by page over HTTP by `PlatformClient`
//!   and decoded, nothing written: what the network and JSON cost (both sides, as the
//!   platform serves from this process while it is read).
//! - **straight insert** (the storage limit): the same pages, read beforehand from the
//!   platform's database with the feed's own `store::feed::read` (untimed), written into a
//!   fresh cache through the write functions sync's `apply_page` uses
//!   (`orders::upsert_many` / `customers::upsert_many`), one transaction per page of
//!   `sync::PAGE_SIZE` changes. Only the writes are timed; the statistics refresh sync runs
//!   afterwards is timed apart.
//!
//! Targets, printed as PASS/MISS (they never fail the run): the whole sync takes at most
//! twice the straight insert, and the sync's peak memory stays flat as the store grows (the
//! largest store's peak at most 1.5 times the smallest's).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use pishkhan_api::Change;
use pishkhan_core::cache::{customers, orders, Cache};
use pishkhan_core::platform_client::{self, PlatformClient};
use pishkhan_core::Pishkhan;
use pishkhan_platform::{Platform, PlatformConfig};
use serde::{Deserialize, Serialize};

/// Target: the whole sync takes at most this many times the straight insert.
pub const RATIO_TARGET: f64 = 2.0;
/// Target: the largest store's peak memory is at most this many times the smallest's.
pub const MEMORY_FLAT_TARGET: f64 = 1.5;
/// Bump when what a kept platform database holds changes, so old ones are generated anew.
const PLATFORM_DATA_VERSION: u32 = 1;

#[derive(Debug, Clone)]
pub struct Options {
    /// The store sizes measured, in orders.
    pub orders: Vec<u64>,
    pub dir: PathBuf,
    /// Keep each platform database for the next run (otherwise removed after its N).
    pub keep_platform: bool,
    /// The demo generator's seed.
    pub seed: u64,
    /// The executable whose `sync-client` command runs the app side (this binary).
    pub client_exe: PathBuf,
    /// Print progress to stderr.
    pub progress: bool,
}

/// What the `sync-client` child reports (one JSON line on stdout).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientReport {
    pub orders: u64,
    pub customers: u64,
    pub pages: u64,
    /// Wall time of `Pishkhan::sync` (pull, push of nothing, the statistics refresh).
    pub sync_ms: f64,
    /// The pull alone, as the sync report counts it.
    pub pull_ms: u64,
    /// Resident memory after signing in, before the sync (kB).
    pub rss_before_kb: Option<u64>,
    /// Peak resident memory of the process (kB, `VmHWM`).
    pub peak_rss_kb: Option<u64>,
    /// The peak when the pull had written its last page, before the push and the statistics
    /// refresh (kB).
    pub pull_peak_rss_kb: Option<u64>,
}

/// One store size's figures.
#[derive(Debug, Clone)]
pub struct Row {
    pub orders: u64,
    pub customers: u64,
    pub platform_reused: bool,
    pub platform_setup: Duration,
    pub client: ClientReport,
    /// The whole sync, as the child measured it.
    pub sync: Duration,
    /// The feed fetched and decoded over HTTP, nothing written.
    pub feed_http: Duration,
    /// Reading the same pages from the platform's database (untimed part of the baseline).
    pub feed_read: Duration,
    /// The straight insert's writes.
    pub straight: Duration,
    /// The statistics refresh after the straight insert (`Cache::refresh_statistics`, a full
    /// `ANALYZE` on a fresh cache, as sync runs it; not in `straight`).
    pub straight_optimize: Duration,
    pub cache_bytes: u64,
}

impl Row {
    pub fn records(&self) -> u64 {
        self.orders + self.customers
    }

    pub fn ratio(&self) -> f64 {
        self.sync.as_secs_f64() / self.straight.as_secs_f64().max(1e-9)
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub rows: Vec<Row>,
    pub ratio_pass: bool,
    /// Largest store's peak over the smallest's; `None` with fewer than two sizes.
    pub memory_growth: Option<f64>,
    pub memory_pass: Option<bool>,
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("n/a".into(), |kb| format!("{:.1}", kb as f64 / 1024.0))
}

fn per_sec(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

/// A line of `/proc/self/status` in kB (`VmHWM`, `VmRSS`); `None` where there is no procfs.
pub fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

fn remove_dir(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("removing {}", dir.display())),
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// The app side, run in its own process by `pishkhan-bench sync-client`: signs in to the
/// platform at `url` on the fresh data folder `data_dir`, syncs, prints a `ClientReport`.
pub async fn client(url: &str, data_dir: &Path, progress: bool) -> anyhow::Result<ClientReport> {
    anyhow::ensure!(
        !data_dir.join("session.json").exists(),
        "{} is not a fresh data folder",
        data_dir.display()
    );
    let app = Pishkhan::new(data_dir);
    // Sealed with a passphrase rather than the keychain: the benchmark runs without a desktop.
    app.use_passphrase("benchmark passphrase")?;
    app.login(
        url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .context("signing in")?;
    let rss_before_kb = proc_status_kb("VmRSS");
    let next_tenth = AtomicU64::new(1);
    let pull_peak = AtomicU64::new(0);
    let started = Instant::now();
    let report = app
        .sync(&|p| {
            if p.done {
                pull_peak.store(proc_status_kb("VmHWM").unwrap_or(0), Ordering::Relaxed);
            }
            let (Some(total), false) = (p.total_estimate, p.done) else {
                return;
            };
            let tenth = next_tenth.load(Ordering::Relaxed);
            if progress && total >= 100_000 && p.rows * 10 >= total * tenth {
                next_tenth.store(tenth + 1, Ordering::Relaxed);
                eprintln!(
                    "    … sync {}/{} changes ({:.0} s)",
                    p.rows,
                    total,
                    started.elapsed().as_secs_f64()
                );
            }
        })
        .await
        .context("syncing")?;
    let sync_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(ClientReport {
        orders: report.orders_upserted,
        customers: report.customers_upserted,
        pages: report.pages,
        sync_ms,
        pull_ms: report.duration_ms,
        rss_before_kb,
        peak_rss_kb: proc_status_kb("VmHWM"),
        pull_peak_rss_kb: Some(pull_peak.load(Ordering::Relaxed)).filter(|kb| *kb > 0),
    })
}

/// Runs the child and reads its report.
async fn run_client(exe: &Path, url: &str, data_dir: &Path) -> anyhow::Result<ClientReport> {
    // `spawn` then `wait_with_output`, not `output()`: that one would capture stderr too, and
    // the child's progress and errors belong on ours.
    let child = tokio::process::Command::new(exe)
        .arg("sync-client")
        .arg("--url")
        .arg(url)
        .arg("--data-dir")
        .arg(data_dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {}", exe.display()))?;
    let output = child.wait_with_output().await?;
    anyhow::ensure!(
        output.status.success(),
        "the sync client failed ({})",
        output.status
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .context("the sync client printed no report")?;
    Ok(serde_json::from_str(line)?)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct PlatformMarker {
    version: u32,
    orders: u64,
    seed: u64,
}

/// Starts the platform with a demo store of `n` orders, reusing a finished database in
/// `dir` when there is one. Returns the platform, the store's id and whether it was reused.
async fn start_platform(dir: &Path, n: u64, seed: u64) -> anyhow::Result<(Platform, i64, bool)> {
    let marker_path = dir.join("ready.json");
    let wanted = PlatformMarker {
        version: PLATFORM_DATA_VERSION,
        orders: n,
        seed,
    };
    let existing: Option<PlatformMarker> = std::fs::read(&marker_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let mut reused = existing.as_ref() == Some(&wanted);
    for attempt in 0..2 {
        if !reused {
            // Missing, unfinished or of another kind: generated anew.
            remove_dir(dir)?;
        }
        let mut config = PlatformConfig::new(dir.to_path_buf());
        config.demo_orders = Some(n);
        config.demo_seed = seed;
        config.access_token_ttl_secs = 24 * 3600;
        let platform = match Platform::start(config).await {
            Ok(p) => p,
            Err(e) if reused && attempt == 0 => {
                eprintln!("  kept platform database unusable ({e}); generating it anew");
                reused = false;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let store_id = pishkhan_platform::demo::ensure_demo_store(&platform.db, n, seed).await?;
        let (orders, customers): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM orders WHERE store_id = ?1 AND deleted = 0),
                    (SELECT COUNT(*) FROM customers WHERE store_id = ?1 AND deleted = 0)",
        )
        .bind(store_id)
        .fetch_one(&platform.db)
        .await?;
        if orders as u64 == n && customers as u64 == crate::corpus::customer_count(n) {
            std::fs::write(&marker_path, serde_json::to_vec_pretty(&wanted)?)?;
            return Ok((platform, store_id, reused));
        }
        platform.stop().await;
        anyhow::ensure!(
            reused && attempt == 0,
            "the generated store holds {orders} orders and {customers} customers, not {n}"
        );
        reused = false;
    }
    unreachable!("the second attempt returns or fails")
}

/// The feed fetched and decoded over HTTP, nothing written. Returns the changes received.
async fn feed_over_http(url: &str, store_id: i64) -> anyhow::Result<(u64, Duration)> {
    let client = PlatformClient::new(url)?;
    let signed_in = client
        .sign_in(
            pishkhan_platform::DEMO_EMAIL,
            pishkhan_platform::DEMO_PASSWORD,
            &platform_client::device_name(),
        )
        .await?;
    let token = signed_in.tokens.access_token;
    let started = Instant::now();
    let mut cursor: Option<String> = None;
    let mut changes = 0u64;
    loop {
        let page = client
            .changes(
                &token,
                store_id,
                cursor.as_deref(),
                pishkhan_core::sync::PAGE_SIZE,
            )
            .await?;
        changes += page.changes.len() as u64;
        if !page.has_more {
            break;
        }
        cursor = Some(page.next_cursor);
    }
    Ok((changes, started.elapsed()))
}

/// What the straight insert did and how long it took.
#[derive(Debug, Clone)]
pub struct Straight {
    pub orders: u64,
    pub customers: u64,
    /// Reading the pages from the platform's database (untimed part).
    pub read: Duration,
    /// The writes.
    pub write: Duration,
    /// The statistics refresh afterwards.
    pub optimize: Duration,
}

/// The storage limit: the feed's pages read from the platform's database (untimed), written
/// into a fresh cache at `db` the way sync writes them (timed).
///
/// `cache_kib`, when given, sets SQLite's page cache of the writing connection
/// (`PRAGMA cache_size = -KiB`) instead of the cache's own setting: for trying what a larger
/// cache would buy.
pub async fn straight_insert(
    platform_db: &sqlx::SqlitePool,
    store_id: i64,
    db: &Path,
    cache_kib: Option<u64>,
) -> anyhow::Result<Straight> {
    let cache = Cache::open(db, &crate::CORPUS_KEY).await?;
    let mut s = Straight {
        orders: 0,
        customers: 0,
        read: Duration::ZERO,
        write: Duration::ZERO,
        optimize: Duration::ZERO,
    };
    let mut after = 0i64;
    loop {
        let t = Instant::now();
        let page = pishkhan_platform::store::feed::read(
            platform_db,
            store_id,
            after,
            pishkhan_core::sync::PAGE_SIZE,
        )
        .await?;
        s.read += t.elapsed();
        if page.changes.is_empty() {
            break;
        }
        let t = Instant::now();
        // As sync's `apply_page` writes a page: kind by kind, in multi-row statements.
        let mut order_upserts = Vec::new();
        let mut customer_upserts = Vec::new();
        for change in &page.changes {
            match change {
                Change::OrderUpserted { order } => order_upserts.push(order),
                Change::CustomerUpserted { customer } => customer_upserts.push(customer),
                // A freshly generated store has no deletions.
                Change::OrderDeleted { .. } | Change::CustomerDeleted { .. } => {}
            }
        }
        let mut tx = cache.begin().await?;
        if let Some(kib) = cache_kib {
            sqlx::query(&format!("PRAGMA cache_size = -{kib}"))
                .execute(&mut *tx)
                .await?;
        }
        orders::upsert_many(&mut tx, &order_upserts).await?;
        customers::upsert_many(&mut tx, &customer_upserts).await?;
        s.orders += order_upserts.len() as u64;
        s.customers += customer_upserts.len() as u64;
        tx.commit().await?;
        s.write += t.elapsed();
        after = page.last_seq;
        if page.remaining == 0 {
            break;
        }
    }
    // What sync runs after a first sync (a full ANALYZE), timed apart: not part of the writes.
    let t = Instant::now();
    cache.refresh_statistics(s.orders).await?;
    s.optimize = t.elapsed();
    cache.close().await;
    Ok(s)
}

/// Measures one store size.
async fn measure(opts: &Options, n: u64) -> anyhow::Result<Row> {
    let platform_dir = opts.dir.join(format!("platform-{n}-seed{}", opts.seed));
    let app_dir = opts.dir.join(format!("app-{n}"));
    let straight_dir = opts.dir.join(format!("straight-{n}"));
    remove_dir(&app_dir)?;
    remove_dir(&straight_dir)?;

    if opts.progress {
        eprintln!(
            "{n} orders: starting the platform ({})",
            platform_dir.display()
        );
    }
    let t = Instant::now();
    let (platform, store_id, platform_reused) = start_platform(&platform_dir, n, opts.seed).await?;
    let platform_setup = t.elapsed();
    if opts.progress && !platform_reused {
        eprintln!(
            "  platform store generated in {:.0} s",
            secs(platform_setup)
        );
    }

    let result = async {
        if opts.progress {
            eprintln!("  first sync (child process)…");
        }
        let client = run_client(&opts.client_exe, &platform.url, &app_dir).await?;
        let expected_customers = crate::corpus::customer_count(n);
        anyhow::ensure!(
            client.orders == n && client.customers == expected_customers,
            "the sync brought {} orders and {} customers, not {n} and {expected_customers}",
            client.orders,
            client.customers
        );
        let cache_bytes = dir_bytes(&app_dir);
        remove_dir(&app_dir)?;

        if opts.progress {
            eprintln!(
                "  sync {:.1} s; feed over HTTP without writes…",
                client.sync_ms / 1000.0
            );
        }
        let (fed, feed_http) = feed_over_http(&platform.url, store_id).await?;
        anyhow::ensure!(fed == n + expected_customers, "the feed gave {fed} changes");

        if opts.progress {
            eprintln!("  feed {:.1} s; straight insert…", secs(feed_http));
        }
        let straight =
            straight_insert(&platform.db, store_id, &straight_dir.join("cache.db"), None).await?;
        anyhow::ensure!(
            straight.orders == n && straight.customers == expected_customers,
            "the straight insert wrote {} orders and {} customers",
            straight.orders,
            straight.customers
        );
        remove_dir(&straight_dir)?;
        Ok(Row {
            orders: n,
            customers: expected_customers,
            platform_reused,
            platform_setup,
            sync: Duration::from_secs_f64(client.sync_ms / 1000.0),
            client,
            feed_http,
            feed_read: straight.read,
            straight: straight.write,
            straight_optimize: straight.optimize,
            cache_bytes,
        })
    }
    .await;
    platform.stop().await;
    if !opts.keep_platform {
        remove_dir(&platform_dir)?;
    }
    result
}

/// Measures every store size in `opts.orders` and prints the table.
pub async fn run(opts: &Options) -> anyhow::Result<Report> {
    anyhow::ensure!(!opts.orders.is_empty(), "no store size to measure");
    std::fs::create_dir_all(&opts.dir)
        .with_context(|| format!("creating {}", opts.dir.display()))?;
    let mut rows = Vec::new();
    for &n in &opts.orders {
        rows.push(measure(opts, n).await?);
    }
    let report = summarize(rows);
    print(&report);
    Ok(report)
}

fn summarize(rows: Vec<Row>) -> Report {
    let ratio_pass = rows.iter().all(|r| r.ratio() <= RATIO_TARGET);
    let smallest = rows.iter().min_by_key(|r| r.orders);
    let largest = rows.iter().max_by_key(|r| r.orders);
    let memory_growth = match (smallest, largest) {
        (Some(s), Some(l)) if l.orders > s.orders => {
            match (s.client.peak_rss_kb, l.client.peak_rss_kb) {
                (Some(a), Some(b)) if a > 0 => Some(b as f64 / a as f64),
                _ => None,
            }
        }
        _ => None,
    };
    Report {
        ratio_pass,
        memory_pass: memory_growth.map(|g| g <= MEMORY_FLAT_TARGET),
        memory_growth,
        rows,
    }
}

fn verdict(pass: bool) -> &'static str {
    if pass {
        "PASS"
    } else {
        "MISS"
    }
}

pub fn print(report: &Report) {
    println!();
    println!(
        "First sync from the platform on loopback (app side in its own process), beside the straight insert of the same rows"
    );
    println!(
        "  {:>9} {:>9} {:>6} {:>9} {:>9} {:>9} {:>10} {:>10} {:>9} {:>10} {:>7}",
        "orders",
        "records",
        "pages",
        "sync s",
        "rec/s",
        "peak MB",
        "feed s",
        "straight s",
        "rec/s",
        "cache MB",
        "ratio"
    );
    for r in &report.rows {
        println!(
            "  {:>9} {:>9} {:>6} {:>9.2} {:>9.0} {:>9} {:>10.2} {:>10.2} {:>9.0} {:>10.0} {:>7.2}",
            r.orders,
            r.records(),
            r.client.pages,
            secs(r.sync),
            per_sec(r.records(), r.sync),
            mb(r.client.peak_rss_kb),
            secs(r.feed_http),
            secs(r.straight),
            per_sec(r.records(), r.straight),
            r.cache_bytes as f64 / 1e6,
            r.ratio()
        );
    }
    println!(
        "  sync s: the whole Pishkhan::sync in the child (pull, push, statistics refresh); peak MB: the child's VmHWM;"
    );
    println!(
        "  feed s: the same feed over HTTP, decoded, nothing written; straight s: the same pages written through"
    );
    println!(
        "  orders::upsert_many / customers::upsert_many, one transaction per page, records read beforehand; ratio: sync / straight"
    );
    println!();
    for r in &report.rows {
        println!(
            "  {} orders: pull {:.2} s of the sync; RSS {} MB before the sync, peak {} MB at the end of the pull; ANALYZE after the straight insert (not in straight s) {:.2} s; \
             platform feed read (SQLite + JSON, no HTTP) {:.2} s; platform store {}",
            r.orders,
            r.client.pull_ms as f64 / 1000.0,
            mb(r.client.rss_before_kb),
            mb(r.client.pull_peak_rss_kb),
            secs(r.straight_optimize),
            secs(r.feed_read),
            if r.platform_reused {
                "reused".to_string()
            } else {
                format!("generated in {:.0} s", secs(r.platform_setup))
            }
        );
    }
    println!();
    let worst = report.rows.iter().map(Row::ratio).fold(0.0f64, f64::max);
    println!(
        "  {}  sync at most {RATIO_TARGET}× the straight insert (worst {:.2}×)",
        verdict(report.ratio_pass),
        worst
    );
    match (report.memory_pass, report.memory_growth) {
        (Some(pass), Some(g)) => println!(
            "  {}  peak memory flat: largest store's peak at most {MEMORY_FLAT_TARGET}× the smallest's ({:.2}×)",
            verdict(pass),
            g
        ),
        _ => println!("  n/a   peak memory flat: needs two store sizes and /proc"),
    }
    // Growth step by step, so a plateau shows even when the smallest store is still warming up.
    let mut sorted: Vec<&Row> = report.rows.iter().collect();
    sorted.sort_by_key(|r| r.orders);
    for w in sorted.windows(2) {
        if let (Some(a), Some(b)) = (w[0].client.peak_rss_kb, w[1].client.peak_rss_kb) {
            println!(
                "        peak {} → {} orders: {:.2}×",
                w[0].orders,
                w[1].orders,
                b as f64 / a.max(1) as f64
            );
        }
    }
}
