//! `pishkhan-bench review`: the orders-review screens over a generated cache.
//!
//! Measured through the public core API the app calls (`order_list::list` / `count`,
//! `dashboard::compute`, `export::orders`), warm (the cache file in the OS page cache, as it
//! is after the app has been open a while), each case `runs` times after a warm-up (a case
//! slower than `stats::CASE_BUDGET` allows stops early; the `n` column says how many runs).
//! Baselines in the same run: the deep page by OFFSET instead of the keyset position, and the
//! search by `LIKE '%word%'` over `orders.doc` instead of the full-text index.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use pishkhan_api::{Order, OrderStatus, PaymentStatus};
use pishkhan_core::cache::dashboard::{self, DashboardQuery};
use pishkhan_core::cache::order_list::{self, OrderQuery, SortKey};
use pishkhan_core::cache::search::words;
use pishkhan_core::export::{self, ExportFormat, Language};
use pishkhan_core::tehran;
use pishkhan_iran::jalali::{month_length, JalaliDate};
use sqlx::{Row, SqlitePool};

use crate::corpus::{self, Corpus};
use crate::stats::{measure, ms, Stats};

/// Targets on the project's 2-core machine (informational: a miss does not fail the run).
pub const SEARCH_P95_TARGET: Duration = Duration::from_millis(20);
pub const LIST_P95_TARGET: Duration = Duration::from_millis(5);

/// Pages followed before the deep page is timed.
const DEEP_PAGES: u64 = 50;
const PAGE: u32 = 100;

#[derive(Debug, Clone)]
pub struct Options {
    pub orders: u64,
    pub dir: PathBuf,
    pub rebuild: bool,
    pub runs: usize,
    pub seed: u64,
    /// Print build progress to stderr.
    pub progress: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// A page of the orders list, unfiltered: the list target applies.
    List,
    /// A filtered page: the list target applies.
    Filter,
    /// A search's first page sorted by date: the search target applies.
    Search,
    /// Reported without a target.
    Other,
    /// A baseline the figures are compared with.
    Baseline,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub group: Group,
    pub name: String,
    /// What was typed or filtered, shown after the figures.
    pub detail: String,
    pub rows: u64,
    pub stats: Stats,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub lines: Vec<Line>,
    pub search_p95: Duration,
    pub list_worst_p95: Duration,
    pub search_pass: bool,
    pub list_pass: bool,
    /// Whether the keyset deep page and the OFFSET page returned the same rows.
    pub deep_page_agrees: bool,
}

struct Table {
    lines: Vec<Line>,
}

impl Table {
    fn header(title: &str) {
        println!();
        println!("{title}");
        println!(
            "  {:<44} {:>7} {:>4} {:>10} {:>10} {:>10}",
            "case", "rows", "n", "median ms", "p95 ms", "max ms"
        );
    }

    fn push(
        &mut self,
        group: Group,
        name: &str,
        detail: &str,
        (stats, rows): (Stats, u64),
    ) -> Stats {
        println!(
            "  {:<44} {:>7} {:>4} {:>10.2} {:>10.2} {:>10.2}  {}",
            name,
            rows,
            stats.samples.len(),
            ms(stats.median()),
            ms(stats.p95()),
            ms(stats.max()),
            detail
        );
        self.lines.push(Line {
            group,
            name: name.to_string(),
            detail: detail.to_string(),
            rows,
            stats: stats.clone(),
        });
        stats
    }
}

/// Values of the generated data the queries are made of, drawn from the cache itself.
struct Picks {
    common_first_name: String,
    surname_prefix: String,
    full_mobile_persian: String,
    order_number: String,
    product_word: String,
    arabic_spelling: String,
    province: String,
    city: String,
    amount: (i64, i64),
    amount_p90: i64,
    month: (String, NaiveDate, NaiveDate),
    last_day: NaiveDate,
}

fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

async fn picks(pool: &SqlitePool, order_count: u64) -> anyhow::Result<Picks> {
    let step = (order_count / 400).max(1) as i64;
    let docs: Vec<String> =
        sqlx::query_scalar("SELECT doc FROM orders WHERE id % ?1 = 0 ORDER BY id LIMIT 400")
            .bind(step)
            .fetch_all(pool)
            .await?;
    let sample: Vec<Order> = docs
        .iter()
        .map(|d| serde_json::from_str(d))
        .collect::<Result<_, _>>()?;
    anyhow::ensure!(sample.len() >= 20, "too few orders to draw queries from");
    let at = |i: usize| &sample[i % sample.len()];

    let most_common = |values: Vec<String>| -> String {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for v in values {
            *counts.entry(v).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts.first().map(|c| c.0.clone()).unwrap_or_default()
    };
    let common_first_name = most_common(
        sample
            .iter()
            .map(|o| o.shipping_address.first_name.clone())
            .collect(),
    );
    let surname_prefix: String = at(7).shipping_address.last_name.chars().take(3).collect();
    let mobile = sample
        .iter()
        .skip(11)
        .find_map(|o| o.shipping_address.mobile_phone.clone())
        .context("no mobile in the sample")?;
    let national = format!("0{}", mobile.trim_start_matches("+98"));
    let full_mobile_persian = persian_digits(&national);
    let order_number = at(13).order_number.clone();
    let product_word = at(17)
        .invoice
        .invoice_items
        .first()
        .map(|i| words(&i.name))
        .unwrap_or_default()
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .max_by_key(|w| w.chars().count())
        .unwrap_or_else(|| "کتاب".into());
    let arabic_spelling = sample
        .iter()
        .skip(19)
        .map(|o| &o.shipping_address.last_name)
        .find(|n| n.contains('ی') || n.contains('ک'))
        .map(|n| n.replace('ی', "ي").replace('ک', "ك"))
        .unwrap_or_else(|| "علي".into());
    let province = most_common(
        sample
            .iter()
            .filter_map(|o| o.shipping_address.region.clone())
            .collect(),
    );
    let city = sample
        .iter()
        .skip(23)
        .find(|o| o.shipping_address.region.as_deref() != Some(province.as_str()))
        .or(sample.first())
        .and_then(|o| o.shipping_address.city.clone())
        .unwrap_or_default();
    let mut totals: Vec<i64> = sample.iter().map(|o| o.invoice.final_total).collect();
    totals.sort();
    let amount = (totals[totals.len() * 2 / 5], totals[totals.len() * 3 / 5]);
    let amount_p90 = totals[totals.len() * 9 / 10];

    // The last whole Jalali month before the anchor.
    let last_day = tehran::date_of_ms(corpus::anchor().timestamp_millis());
    let j = JalaliDate::from_gregorian(
        last_day.year(),
        last_day.month() as u8,
        last_day.day() as u8,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (y, m) = if j.month == 1 {
        (j.year - 1, 12)
    } else {
        (j.year, j.month - 1)
    };
    let greg = |d: JalaliDate| {
        let (gy, gm, gd) = d.to_gregorian();
        NaiveDate::from_ymd_opt(gy, gm.into(), gd.into()).context("a Gregorian date")
    };
    let first = greg(JalaliDate::new(y, m, 1).map_err(|e| anyhow::anyhow!("{e}"))?)?;
    let last =
        greg(JalaliDate::new(y, m, month_length(y, m)).map_err(|e| anyhow::anyhow!("{e}"))?)?;
    Ok(Picks {
        common_first_name,
        surname_prefix,
        full_mobile_persian,
        order_number,
        product_word,
        arabic_spelling,
        province,
        city,
        amount,
        amount_p90,
        month: (format!("{y}/{m:02}"), first, last),
        last_day,
    })
}

async fn list_rows(pool: &SqlitePool, q: &OrderQuery) -> anyhow::Result<u64> {
    Ok(order_list::list(pool, q).await?.orders.len() as u64)
}

/// The list's columns, as `order_list` selects them, for the baselines' own SQL.
const BASELINE_COLUMNS: &str = "o.id, o.created_at, o.final_total, o.status_rank, o.order_number,
    o.payment_status, o.shipping_method, o.customer_id, o.customer_name, o.mobile, o.province,
    o.city, o.item_count";

fn read_rows(rows: &[sqlx::sqlite::SqliteRow]) -> u64 {
    let n = rows.len().min(PAGE as usize);
    for r in &rows[..n] {
        let _: i64 = r.get(0);
        let _: String = r.get(8);
    }
    n as u64
}

/// The first `PAGE + 1` orders, date order, whose document contains every word: a cache
/// without a full-text index.
async fn like_scan(pool: &SqlitePool, typed: &str) -> anyhow::Result<u64> {
    let ws = words(typed);
    let mut sql = format!("SELECT {BASELINE_COLUMNS} FROM orders o WHERE 1 = 1");
    for _ in &ws {
        sql.push_str(" AND o.doc LIKE ?");
    }
    sql.push_str(&format!(
        " ORDER BY o.created_at DESC, o.id DESC LIMIT {}",
        PAGE + 1
    ));
    let mut q = sqlx::query(&sql);
    for w in &ws {
        q = q.bind(format!("%{w}%"));
    }
    Ok(read_rows(&q.fetch_all(pool).await?))
}

fn file_size(path: &std::path::Path, suffix: &str) -> u64 {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

pub async fn run(opts: &Options) -> anyhow::Result<Report> {
    anyhow::ensure!(opts.orders >= 100, "--orders must be at least 100");
    anyhow::ensure!(opts.runs >= 1, "--runs must be at least 1");
    println!(
        "pishkhan-bench review: {} orders, {} customers, seed {}, {} runs per case, {} build, {} CPUs",
        opts.orders,
        corpus::customer_count(opts.orders),
        opts.seed,
        opts.runs,
        if cfg!(debug_assertions) { "DEBUG" } else { "release" },
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
    );
    let Corpus {
        cache, path, build, ..
    } = corpus::open_or_build(
        &opts.dir,
        opts.orders,
        opts.seed,
        opts.rebuild,
        opts.progress,
    )
    .await?;
    let pool = cache.pool();
    if build.reused {
        println!(
            "cache: reused {} (marker matches; --rebuild to build anew)",
            path.display()
        );
    } else {
        println!(
            "cache: built {} in {:.1} s: {} records ({} orders + {} customers) through orders::upsert / customers::upsert in transactions of {}",
            path.display(),
            build.total.as_secs_f64(),
            build.rows,
            opts.orders,
            corpus::customer_count(opts.orders),
            corpus::BATCH,
        );
        println!(
            "  writes {:.1} s = {:.0} records/s; generation {:.1} s; Cache::optimize {:.2} s",
            build.write.as_secs_f64(),
            build.rows as f64 / build.write.as_secs_f64().max(1e-9),
            build.generate.as_secs_f64(),
            build.optimize.as_secs_f64(),
        );
    }
    let (version, page_size, cache_size, journal): (String, i64, i64, String) = sqlx::query_as(
        // CAST: SQLCipher answers these pragmas as text.
        "SELECT sqlite_version(), CAST((SELECT page_size FROM pragma_page_size) AS INTEGER),
           CAST((SELECT cache_size FROM pragma_cache_size) AS INTEGER),
           (SELECT journal_mode FROM pragma_journal_mode)",
    )
    .fetch_one(pool)
    .await?;
    let stat1: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1')
           THEN (SELECT COUNT(*) FROM sqlite_stat1) ELSE 0 END",
    )
    .fetch_one(pool)
    .await
    .unwrap_or(-1);
    println!(
        "sqlite {version}, page_size {page_size}, cache_size {cache_size}, journal {journal}, sqlite_stat1 rows {stat1}"
    );

    let p = picks(pool, opts.orders).await?;
    let runs = opts.runs;
    let warm = runs.min(5);
    let few = (runs / 4).max(3);
    let heavy = (runs / 20).max(3);
    let base_runs = (runs / 40).max(3);
    let mut t = Table { lines: Vec::new() };

    // ---- The list, unfiltered.
    Table::header("orders list (first page = 100 rows)");
    let first = OrderQuery::default();
    t.push(
        Group::List,
        "list: first page, date desc",
        "",
        measure(warm, runs, |_| list_rows(pool, &first)).await?,
    );
    let pages = DEEP_PAGES.min(opts.orders / u64::from(PAGE) / 2).max(1);
    let mut deep = OrderQuery::default();
    for _ in 0..pages {
        let page = order_list::list(pool, &deep).await?;
        deep.after = Some(
            page.next_after
                .context("the list ended before the deep page")?,
        );
    }
    let deep_detail = format!("after {pages} pages (keyset)");
    let deep_stats = t.push(
        Group::List,
        &format!("list: page {}, date desc", pages + 1),
        &deep_detail,
        measure(warm, runs, |_| list_rows(pool, &deep)).await?,
    );
    // The middle of the list: where an OFFSET costs most of a scan.
    let middle_pages = (opts.orders / u64::from(PAGE) / 2).max(pages);
    let mut middle = deep.clone();
    for _ in pages..middle_pages {
        let page = order_list::list(pool, &middle).await?;
        middle.after = Some(
            page.next_after
                .context("the list ended before its middle")?,
        );
    }
    let middle_stats = t.push(
        Group::List,
        &format!("list: page {}, date desc", middle_pages + 1),
        &format!("after {middle_pages} pages (keyset)"),
        measure(warm, runs, |_| list_rows(pool, &middle)).await?,
    );
    let by_amount = OrderQuery {
        sort: Some(SortKey::Amount),
        ..Default::default()
    };
    t.push(
        Group::List,
        "list: first page, amount desc",
        "",
        measure(warm, runs, |_| list_rows(pool, &by_amount)).await?,
    );
    let by_status = OrderQuery {
        sort: Some(SortKey::Status),
        ..Default::default()
    };
    t.push(
        Group::List,
        "list: first page, status desc",
        "",
        measure(warm, runs, |_| list_rows(pool, &by_status)).await?,
    );

    // ---- Filtered pages.
    Table::header("filtered pages (first page, date desc)");
    let (month_name, month_from, month_to) = p.month.clone();
    let filters: Vec<(&str, String, OrderQuery)> = vec![
        (
            "filter: delivered + province",
            p.province.clone(),
            OrderQuery {
                status: Some(OrderStatus::Delivered),
                province: Some(p.province.clone()),
                ..Default::default()
            },
        ),
        (
            "filter: unpaid + Jalali month",
            format!("{month_name} = {month_from}..{month_to}"),
            OrderQuery {
                payment_status: Some(PaymentStatus::Unpaid),
                from_date: Some(month_from),
                to_date: Some(month_to),
                ..Default::default()
            },
        ),
        (
            "filter: amount range (middle 20%)",
            format!("{}..{} Rials", p.amount.0, p.amount.1),
            OrderQuery {
                min_total: Some(p.amount.0),
                max_total: Some(p.amount.1),
                ..Default::default()
            },
        ),
        (
            "filter: amount at least (top 10%)",
            format!("≥ {} Rials", p.amount_p90),
            OrderQuery {
                min_total: Some(p.amount_p90),
                ..Default::default()
            },
        ),
        (
            "filter: one exact amount",
            format!("{} Rials", p.amount.0),
            OrderQuery {
                min_total: Some(p.amount.0),
                max_total: Some(p.amount.0),
                ..Default::default()
            },
        ),
        (
            "filter: city",
            p.city.clone(),
            OrderQuery {
                city: Some(p.city.clone()),
                ..Default::default()
            },
        ),
        (
            "filter: status shipped",
            String::new(),
            OrderQuery {
                status: Some(OrderStatus::Shipped),
                ..Default::default()
            },
        ),
    ];
    for (name, detail, q) in &filters {
        t.push(
            Group::Filter,
            name,
            detail,
            measure(warm, runs, |_| list_rows(pool, q)).await?,
        );
    }

    // ---- Search.
    Table::header("search (first page, date desc)");
    let searches: Vec<(&str, String)> = vec![
        ("search: common first name", p.common_first_name.clone()),
        (
            "search: surname prefix (3 letters)",
            p.surname_prefix.clone(),
        ),
        ("search: partial mobile", "0912".to_string()),
        (
            "search: full mobile, Persian digits",
            p.full_mobile_persian.clone(),
        ),
        ("search: order number", p.order_number.clone()),
        ("search: product word", p.product_word.clone()),
        ("search: Arabic ي/ك spelling", p.arabic_spelling.clone()),
    ];
    let mut search_stats = Vec::new();
    for (name, typed) in &searches {
        let q = OrderQuery {
            search: Some(typed.clone()),
            ..Default::default()
        };
        let s = t.push(
            Group::Search,
            name,
            &format!("«{typed}»"),
            measure(warm, runs, |_| list_rows(pool, &q)).await?,
        );
        search_stats.push(s);
    }
    let search_pooled = Stats::pooled(&search_stats);
    println!(
        "  {:<44} {:>7} {:>4} {:>10.2} {:>10.2} {:>10.2}",
        "search: all of the above, pooled",
        "",
        search_pooled.samples.len(),
        ms(search_pooled.median()),
        ms(search_pooled.p95()),
        ms(search_pooled.max())
    );
    let name_delivered = OrderQuery {
        search: Some(p.common_first_name.clone()),
        status: Some(OrderStatus::Delivered),
        ..Default::default()
    };
    t.push(
        Group::Search,
        "search + status delivered",
        &format!("«{}»", p.common_first_name),
        measure(warm, runs, |_| list_rows(pool, &name_delivered)).await?,
    );
    let surname_city = OrderQuery {
        search: Some(p.surname_prefix.clone()),
        city: Some(p.city.clone()),
        ..Default::default()
    };
    t.push(
        Group::Search,
        "search + city",
        &format!("«{}» + {}", p.surname_prefix, p.city),
        measure(warm, runs, |_| list_rows(pool, &surname_city)).await?,
    );
    let name_amount = OrderQuery {
        search: Some(p.common_first_name.clone()),
        sort: Some(SortKey::Amount),
        ..Default::default()
    };
    t.push(
        Group::Other,
        "search sorted by amount (no target)",
        &format!("«{}»", p.common_first_name),
        measure(warm.min(2), few, |_| list_rows(pool, &name_amount)).await?,
    );

    // ---- Counts, dashboard, export: reported, no targets.
    Table::header("counts, dashboard, export (reported, no target)");
    let counts: Vec<(&str, String, OrderQuery)> = vec![
        ("count: all orders", String::new(), OrderQuery::default()),
        (
            "count: delivered + province",
            p.province.clone(),
            filters[0].2.clone(),
        ),
        (
            "count: search common first name",
            format!("«{}»", p.common_first_name),
            OrderQuery {
                search: Some(p.common_first_name.clone()),
                ..Default::default()
            },
        ),
        (
            "count: search partial mobile",
            "«0912»".into(),
            OrderQuery {
                search: Some("0912".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, detail, q) in &counts {
        t.push(
            Group::Other,
            name,
            detail,
            measure(1, few, |_| async { Ok(order_list::count(pool, q).await?) }).await?,
        );
    }
    for days in [30i64, 365] {
        let q = DashboardQuery {
            from_date: p.last_day - chrono::Duration::days(days - 1),
            to_date: p.last_day,
        };
        t.push(
            Group::Other,
            &format!("dashboard: last {days} days"),
            &format!("{}..{}", q.from_date, q.to_date),
            measure(1, heavy, |_| async {
                Ok(dashboard::compute(pool, &q).await?.order_count as u64)
            })
            .await?,
        );
    }
    let export_query = OrderQuery {
        from_date: Some(month_from),
        to_date: Some(month_to),
        ..Default::default()
    };
    let dest = opts.dir.join("export-month.csv");
    let export_runs = if runs >= 10 { 3 } else { 1 };
    let (export_stats, export_rows) = measure(0, export_runs, |_| async {
        Ok(
            export::orders(pool, &export_query, &dest, ExportFormat::Csv, Language::Fa)
                .await?
                .rows,
        )
    })
    .await?;
    let export_size = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&dest);
    t.push(
        Group::Other,
        "export: one Jalali month to CSV",
        &format!(
            "{:.0} rows/s, {}, {month_name}",
            export_rows as f64 / export_stats.median().as_secs_f64().max(1e-9),
            mb(export_size)
        ),
        (export_stats, export_rows),
    );

    // ---- Baselines.
    Table::header("baselines (same cache, same run)");
    let offset_sql = format!(
        "SELECT {BASELINE_COLUMNS} FROM orders o ORDER BY o.created_at DESC, o.id DESC LIMIT {} OFFSET ?1",
        PAGE + 1
    );
    let mut offset_stats = Vec::new();
    for n in [pages, middle_pages] {
        let offset = i64::try_from(n * u64::from(PAGE))?;
        offset_stats.push(
            t.push(
                Group::Baseline,
                &format!("list page {} by OFFSET {offset}", n + 1),
                "",
                measure(warm, runs, |_| async {
                    Ok(read_rows(
                        &sqlx::query(&offset_sql)
                            .bind(offset)
                            .fetch_all(pool)
                            .await?,
                    ))
                })
                .await?,
            ),
        );
    }
    let offset = i64::try_from(pages * u64::from(PAGE))?;
    let keyset_ids: Vec<i64> = order_list::list(pool, &deep)
        .await?
        .orders
        .iter()
        .map(|o| o.id)
        .collect();
    let offset_ids: Vec<i64> = sqlx::query(&offset_sql)
        .bind(offset)
        .fetch_all(pool)
        .await?
        .iter()
        .take(PAGE as usize)
        .map(|r| r.get(0))
        .collect();
    let deep_page_agrees = keyset_ids == offset_ids;
    if !deep_page_agrees {
        println!("  WARNING: the keyset page and the OFFSET page differ");
    }
    let mut like_stats = Vec::new();
    for (name, typed) in &searches {
        let s = t.push(
            Group::Baseline,
            &name.replacen("search:", "LIKE scan:", 1),
            &format!("«{typed}»"),
            measure(1, base_runs, |_| like_scan(pool, typed)).await?,
        );
        like_stats.push(s);
    }
    let like_pooled = Stats::pooled(&like_stats);

    println!();
    println!("ratios (p95)");
    let ratio = |a: &Stats, b: &Stats| ms(b.p95()) / ms(a.p95()).max(1e-6);
    for ((n, keyset), offset) in [(pages, &deep_stats), (middle_pages, &middle_stats)]
        .into_iter()
        .zip(&offset_stats)
    {
        println!(
            "  page {} p95 {:.2} ms (keyset) vs OFFSET {} {:.2} ms ({:.1}x){}",
            n + 1,
            ms(keyset.p95()),
            n * u64::from(PAGE),
            ms(offset.p95()),
            ratio(keyset, offset),
            if n == pages && deep_page_agrees {
                ", same rows"
            } else if n == pages {
                ", ROWS DIFFER"
            } else {
                ""
            }
        );
    }
    println!(
        "  search p95 {:.2} ms vs LIKE scan {:.2} ms ({:.0}x), pooled over {} queries",
        ms(search_pooled.p95()),
        ms(like_pooled.p95()),
        ratio(&search_pooled, &like_pooled),
        searches.len()
    );
    for (((name, _), fts), like) in searches.iter().zip(&search_stats).zip(&like_stats) {
        println!(
            "    {:<40} {:>8.2} ms vs {:>9.2} ms ({:.0}x)",
            name.trim_start_matches("search: "),
            ms(fts.p95()),
            ms(like.p95()),
            ratio(fts, like)
        );
    }

    // ---- Size on disk.
    println!();
    let (db, wal, shm) = (
        file_size(&path, ""),
        file_size(&path, "-wal"),
        file_size(&path, "-shm"),
    );
    println!(
        "size on disk: {} (db {} + wal {} + shm {}), {:.0} bytes per order",
        mb(db + wal + shm),
        mb(db),
        mb(wal),
        mb(shm),
        (db + wal + shm) as f64 / opts.orders as f64
    );
    let started = Instant::now();
    match sqlx::query_as::<_, (String, i64)>(
        "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC",
    )
    .fetch_all(pool)
    .await
    {
        Ok(tables) => {
            let total: i64 = tables.iter().map(|t| t.1).sum();
            let shown: Vec<String> = tables
                .iter()
                .filter(|(_, size)| *size * 200 >= total)
                .map(|(name, size)| format!("{name} {}", mb(*size as u64)))
                .collect();
            println!(
                "  by table (dbstat, {:.1} s): {}; others {}",
                started.elapsed().as_secs_f64(),
                shown.join(", "),
                mb(tables
                    .iter()
                    .filter(|(_, s)| *s * 200 < total)
                    .map(|t| t.1 as u64)
                    .sum())
            );
        }
        Err(e) => println!("  by table: dbstat unavailable ({e})"),
    }

    // ---- Targets.
    let list_lines: Vec<&Line> = t
        .lines
        .iter()
        .filter(|l| matches!(l.group, Group::List | Group::Filter))
        .collect();
    let worst_list = list_lines
        .iter()
        .max_by_key(|l| l.stats.p95())
        .context("no list lines")?;
    let worst_search = t
        .lines
        .iter()
        .filter(|l| l.group == Group::Search)
        .max_by_key(|l| l.stats.p95())
        .context("no search lines")?;
    let search_pass =
        search_pooled.p95() < SEARCH_P95_TARGET && worst_search.stats.p95() < SEARCH_P95_TARGET;
    let list_pass = worst_list.stats.p95() < LIST_P95_TARGET;
    println!();
    println!(
        "{} search p95 < {} ms: pooled {:.2} ms; slowest case {:.2} ms ({})",
        if search_pass { "PASS" } else { "MISS" },
        SEARCH_P95_TARGET.as_millis(),
        ms(search_pooled.p95()),
        ms(worst_search.stats.p95()),
        worst_search.name
    );
    println!(
        "{} list page p95 < {} ms: slowest of {} list and filtered pages {:.2} ms ({})",
        if list_pass { "PASS" } else { "MISS" },
        LIST_P95_TARGET.as_millis(),
        list_lines.len(),
        ms(worst_list.stats.p95()),
        worst_list.name
    );
    let list_worst_p95 = worst_list.stats.p95();
    cache.close().await;
    Ok(Report {
        lines: t.lines,
        search_p95: search_pooled.p95(),
        list_worst_p95,
        search_pass,
        list_pass,
        deep_page_agrees,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The harness end to end on a small cache, so it does not rot between real runs.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn review_runs_on_a_small_cache() {
        let dir = tempfile::tempdir().unwrap();
        let opts = Options {
            orders: 3000,
            dir: dir.path().join("review"),
            rebuild: false,
            runs: 3,
            seed: 7,
            progress: false,
        };
        let report = run(&opts).await.unwrap();
        assert!(report.deep_page_agrees);
        let searches: Vec<&Line> = report
            .lines
            .iter()
            .filter(|l| l.group == Group::Search)
            .collect();
        assert!(searches.len() >= 7);
        for l in &searches {
            assert!(l.rows > 0, "{} found nothing: {}", l.name, l.detail);
            assert_eq!(l.stats.samples.len(), 3);
        }
        let first = &report.lines[0];
        assert_eq!(first.rows, u64::from(PAGE));
        // A second run reuses the cache the first built.
        let again = corpus::open_or_build(&opts.dir, 3000, 7, false, false)
            .await
            .unwrap();
        assert!(again.build.reused);
    }
}
