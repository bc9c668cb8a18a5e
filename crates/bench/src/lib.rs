//! Pishkhan's benchmark harness: figures, not pass/fail tests.
//!
//! Why it exists: the orders list, its filters and the search box must stay instant on a
//! merchant's laptop with a million cached orders, and "instant" is a number someone has to
//! measure. Tests check that queries are *correct*; this harness measures how *fast* they
//! are, on a cache built from the platform's deterministic demo generator and written through
//! the same `orders::upsert` / `customers::upsert` sync uses. Every figure is printed next to
//! a baseline measured in the same run (an OFFSET page instead of a keyset page, a `LIKE`
//! scan instead of the full-text index), so the ratios stay meaningful on whatever machine
//! runs it. Targets are reported as PASS/MISS; they never fail the run.
//!
//! - `corpus`: builds (or reuses) the generated cache on disk.
//! - `stats`: timing loops and their median / p95 / max.
//! - `review`: the orders-review suite (`pishkhan-bench review`).
//! - `sync`: a first sync from the platform on loopback beside the straight insert of the
//!   same rows (`pishkhan-bench sync`).
//! - `photo`: the ID card image pipeline on a 12 MP phone photo beside ImageMagick doing the
//!   same job in the same run (`pishkhan-bench image`).
//! - `startup`: the release app's launch to its first orders beside launch to the sign-in
//!   screen, the memory of its process tree idle and after scrolling a large store, and the
//!   binary and `.deb` sizes, through WebDriver under Xvfb (`pishkhan-bench startup`, run by
//!   `scripts/bench-startup.sh`); `webdriver`: the few WebDriver calls it makes.
//! - `explain`: one statement's plan and timings (`pishkhan-bench sql`).

pub mod corpus;
pub mod photo;
pub mod review;
pub mod startup;
pub mod stats;
pub mod sync;
pub mod webdriver;

/// The key of the benchmark's caches. They are encrypted like the app's, so the figures include
/// SQLCipher's cost; the key is fixed because the data is generated and reused across runs.
pub const CORPUS_KEY: pishkhan_core::cache::CacheKey =
    pishkhan_core::cache::CacheKey::from_bytes([0x5a; 32]);

/// Prints `EXPLAIN QUERY PLAN` of `sql` on the cache at `db`, then runs it `runs` times
/// (after one warm-up) and prints the rows returned and median / p95 / max.
pub async fn explain(
    db: &std::path::Path,
    analyze: bool,
    runs: usize,
    sql: &str,
) -> anyhow::Result<()> {
    anyhow::ensure!(db.exists(), "no cache at {}", db.display());
    let cache = pishkhan_core::cache::Cache::open(db, &CORPUS_KEY).await?;
    let pool = cache.pool();
    if analyze {
        let t = std::time::Instant::now();
        sqlx::query("ANALYZE").execute(pool).await?;
        println!("ANALYZE: {:.1} s", t.elapsed().as_secs_f64());
    }
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
        .fetch_all(pool)
        .await?;
    for (id, parent, _, detail) in &plan {
        println!("  {id:>3} {parent:>3} {detail}");
    }
    // The first rows, as text, so a statistics query or a PRAGMA can be read back.
    use sqlx::{Column, Row};
    for row in sqlx::query(sql).fetch_all(pool).await?.iter().take(10) {
        let cells: Vec<String> = (0..row.columns().len())
            .map(|i| {
                row.try_get::<Option<i64>, _>(i)
                    .map(|v| v.map_or("NULL".into(), |v| v.to_string()))
                    .or_else(|_| {
                        row.try_get::<Option<String>, _>(i)
                            .map(|v| v.unwrap_or_else(|| "NULL".into()))
                    })
                    .unwrap_or_else(|_| "…".into())
            })
            .collect();
        let names: Vec<&str> = row.columns().iter().map(|c| c.name()).collect();
        println!("  {} = {}", names.join(" | "), cells.join(" | "));
    }
    let (s, rows) = stats::measure(1, runs.max(1), |_| async {
        Ok(sqlx::query(sql).fetch_all(pool).await?.len() as u64)
    })
    .await?;
    println!(
        "  rows {rows}; median {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} runs",
        stats::ms(s.median()),
        stats::ms(s.p95()),
        stats::ms(s.max()),
        s.samples.len()
    );
    cache.close().await;
    Ok(())
}
