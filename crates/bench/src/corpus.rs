//! The benchmark's cache: N generated orders and about N/3 customers, written the way sync
//! writes them (`orders::upsert` / `customers::upsert` in transactions of a few thousand
//! rows), then `Cache::optimize` as the app runs after a sync.
//!
//! Building a million orders takes minutes, so a finished cache is kept with a marker that
//! records what it holds (order count, seed, anchor, schema); a later run with the same
//! marker reuses it.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use pishkhan_api::Customer;
use pishkhan_core::cache::{customers, orders, Cache};
use pishkhan_platform::demo::Generator;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;

/// Records per write transaction (sync's pages are of this order).
pub const BATCH: usize = 2000;
/// Bump when the way the corpus is generated changes, so old caches are rebuilt.
const CORPUS_VERSION: u32 = 1;

/// "Now" for the generated history: fixed, so a seed gives the same cache on any day.
pub fn anchor() -> DateTime<Utc> {
    ANCHOR_DAY.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Checked when the crate compiles.
const ANCHOR_DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 3, 1) {
    Some(d) => d,
    None => panic!("2026-03-01 is a date"),
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub corpus_version: u32,
    pub orders: u64,
    pub customers: u64,
    pub seed: u64,
    pub anchor: DateTime<Utc>,
    /// The applied migrations (version and checksum) of the cache's schema.
    pub schema: String,
}

/// How the cache came to be, for the report.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub reused: bool,
    pub generate: Duration,
    pub write: Duration,
    pub optimize: Duration,
    pub total: Duration,
    pub rows: u64,
}

pub struct Corpus {
    pub cache: Cache,
    pub path: PathBuf,
    pub marker: Marker,
    pub build: BuildReport,
}

pub fn customer_count(orders: u64) -> u64 {
    (orders / 3).max(5)
}

/// The applied migrations of the database at `db`, or `None` when it cannot be read.
async fn schema_of(db: &Path) -> Option<String> {
    let mut conn = SqliteConnectOptions::from_str("sqlite:")
        .ok()?
        .filename(db)
        .pragma("key", crate::CORPUS_KEY.pragma_value())
        .read_only(true)
        .connect()
        .await
        .ok()?;
    let rows: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .ok()?;
    Some(
        rows.iter()
            .map(|(v, c)| {
                format!(
                    "{v}:{}",
                    c.iter().map(|b| format!("{b:02x}")).collect::<String>()
                )
            })
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// The schema the current code creates: the migrations of a fresh, empty cache.
async fn current_schema(dir: &Path) -> anyhow::Result<String> {
    let probe = dir.join("schema-probe.db");
    remove_db(&probe)?;
    let cache = Cache::open(&probe, &crate::CORPUS_KEY).await?;
    cache.close().await;
    let schema = schema_of(&probe)
        .await
        .context("reading the probe's migrations")?;
    remove_db(&probe)?;
    Ok(schema)
}

fn remove_db(db: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {p:?}")),
        }
    }
    Ok(())
}

/// Opens the cache of `order_count` orders in `dir`, building it unless a matching one is
/// there (or `rebuild`).
pub async fn open_or_build(
    dir: &Path,
    order_count: u64,
    seed: u64,
    rebuild: bool,
    progress: bool,
) -> anyhow::Result<Corpus> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join("cache.db");
    let marker_path = dir.join("marker.json");
    let wanted = Marker {
        corpus_version: CORPUS_VERSION,
        orders: order_count,
        customers: customer_count(order_count),
        seed,
        anchor: anchor(),
        schema: current_schema(dir).await?,
    };
    if !rebuild && path.exists() {
        let existing: Option<Marker> = std::fs::read(&marker_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        // The marker alone could be stale if the file was touched; the schema is read back.
        if existing.as_ref() == Some(&wanted)
            && schema_of(&path).await.as_ref() == Some(&wanted.schema)
        {
            let mut cache = Cache::open(&path, &crate::CORPUS_KEY).await?;
            let (n, _) = cache.counts().await?;
            if n == order_count {
                // As the app after a sync: a cache built before detailed statistics existed
                // gets its full ANALYZE now (once), then a fresh pool that plans with it.
                if cache.refresh_statistics(0).await? {
                    cache.close().await;
                    cache = Cache::open(&path, &crate::CORPUS_KEY).await?;
                }
                return Ok(Corpus {
                    cache,
                    path,
                    marker: wanted,
                    build: BuildReport {
                        reused: true,
                        generate: Duration::ZERO,
                        write: Duration::ZERO,
                        optimize: Duration::ZERO,
                        total: Duration::ZERO,
                        rows: 0,
                    },
                });
            }
            cache.close().await;
        }
    }

    let _ = std::fs::remove_file(&marker_path);
    remove_db(&path)?;
    let started = Instant::now();
    let cache = Cache::open(&path, &crate::CORPUS_KEY).await?;
    let mut generate = Duration::ZERO;
    let mut write = Duration::ZERO;
    let mut generator = Generator::new(seed, wanted.anchor);

    let t = Instant::now();
    let customer_times = generator.timeline(wanted.customers);
    let all_customers: Vec<Customer> = customer_times
        .iter()
        .enumerate()
        .map(|(k, at)| generator.customer(k as i64 + 1, *at))
        .collect();
    generate += t.elapsed();
    for chunk in all_customers.chunks(BATCH) {
        let t = Instant::now();
        let mut tx = cache.begin().await?;
        for c in chunk {
            customers::upsert(&mut tx, c).await?;
        }
        tx.commit().await?;
        write += t.elapsed();
    }

    let t = Instant::now();
    let order_times = generator.timeline(order_count);
    generate += t.elapsed();
    let mut done = 0u64;
    let mut next_report = order_count / 10;
    let mut batch = Vec::with_capacity(BATCH);
    for chunk in order_times.chunks(BATCH) {
        let t = Instant::now();
        batch.clear();
        for at in chunk {
            // As the platform's seeding does: squaring a uniform number favours the first
            // (oldest, most loyal) customers.
            let u = generator.next_u64() as f64 / u64::MAX as f64;
            let index = ((u * u) * all_customers.len() as f64) as usize;
            let customer = &all_customers[index.min(all_customers.len() - 1)];
            let id = done as i64 + batch.len() as i64 + 1;
            batch.push(generator.order(id, 100_000 + id, customer, *at));
        }
        generate += t.elapsed();
        let t = Instant::now();
        let mut tx = cache.begin().await?;
        for o in &batch {
            orders::upsert(&mut tx, o).await?;
        }
        tx.commit().await?;
        write += t.elapsed();
        done += batch.len() as u64;
        if progress && done >= next_report && order_count >= 100_000 {
            eprintln!(
                "  … {done} orders written ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
            next_report += order_count / 10;
        }
    }

    // What the app does after a sync: a full ANALYZE after a first, large one (detailed
    // statistics the planner needs for amount ranges), then a fresh pool planning with them.
    let t = Instant::now();
    let mut cache = cache;
    if cache.refresh_statistics(order_count).await? {
        cache.close().await;
        cache = Cache::open(&path, &crate::CORPUS_KEY).await?;
    }
    let optimize = t.elapsed();
    std::fs::write(&marker_path, serde_json::to_vec_pretty(&wanted)?)?;
    Ok(Corpus {
        cache,
        path,
        marker: wanted,
        build: BuildReport {
            reused: false,
            generate,
            write,
            optimize,
            total: started.elapsed(),
            rows: order_count + customer_count(order_count),
        },
    })
}
