//! The local cache: SQLite on disk (WAL), one file per signed-in store, encrypted at rest by
//! SQLCipher with the account's key (`key`).
//!
//! `orders` and `customers` hold the copy and answer the list and detail queries (with their
//! full-text indexes `order_search` and `customer_search`); `sync_state` remembers the
//! change-feed cursor. Writes that belong together (a page of changes and the cursor after it)
//! go through one transaction, see `crate::sync`.
//!
//! - `orders`, `customers`: how records are written and read back whole.
//! - `order_list`: the orders list's filters, sorts, keyset pages and counts.
//! - `dashboard`: sales figures for a period.
//! - `search`: the normalised text records are found by.

pub mod customers;
pub mod dashboard;
mod key;
pub mod order_list;
pub mod orders;
pub mod search;

/// The one definition of a sale, used by revenue, "total spent" and top products: a paid order
/// that was neither cancelled nor refunded. SQL over the `orders` table, on `status_rank`
/// (cancelled = 4, refunded = 5; checked by a test) so the dashboard's covering index serves it.
pub use key::CacheKey;

pub const SALE: &str = "(payment_status = 'paid' AND status_rank < 4)";

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::collections::HashSet;

use sqlx::{QueryBuilder, Sqlite, SqlitePool, Transaction};

use crate::error::Result;

#[derive(Clone)]
pub struct Cache {
    pool: SqlitePool,
}

impl Cache {
    /// Opens (creating when missing) the cache file encrypted with `key` and brings its schema
    /// up to date. A file that does not open with `key` (another key, or not a cache) fails
    /// with `CacheUnreadable` before anything is written to it.
    pub async fn open(path: &Path, key: &CacheKey) -> Result<Cache> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if path.exists() {
            check_key(path, key).await?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .pragma("key", key.pragma_value())
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(unreadable)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| match e {
                sqlx::migrate::MigrateError::Execute(e) => unreadable(e),
                other => other.into(),
            })?;
        Ok(Cache { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock at once (waiting up to the
    /// busy timeout), so a transaction that reads then writes never fails half-way with
    /// "database is locked" because a sync page or an edit is being written meanwhile.
    pub async fn begin(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The change-feed cursor and last successful sync of `store_id`.
    pub async fn sync_state(
        &self,
        store_id: i64,
    ) -> Result<(Option<String>, Option<DateTime<Utc>>)> {
        let row: Option<(Option<String>, Option<i64>)> =
            sqlx::query_as("SELECT cursor, last_synced_at FROM sync_state WHERE store_id = ?1")
                .bind(store_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(match row {
            Some((cursor, at)) => (cursor, at.and_then(from_millis)),
            None => (None, None),
        })
    }

    pub async fn counts(&self) -> Result<(u64, u64)> {
        let (o, c): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM customers)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((o as u64, c as u64))
    }

    /// Empties the copy and forgets the cursor, in one transaction (before a full re-sync).
    pub async fn clear(&self, store_id: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for table in [
            "orders",
            "order_items",
            "order_search",
            "customers",
            "customer_search",
            "places",
            "shipping_methods",
        ] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM sync_state WHERE store_id = ?1")
            .bind(store_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The cheap statistics refresh (`PRAGMA optimize`) alone.
    pub async fn optimize(&self) -> Result<()> {
        sqlx::query("PRAGMA optimize").execute(&self.pool).await?;
        Ok(())
    }

    /// Refreshes the statistics SQLite's planner chooses indexes by, after a sync that
    /// changed `changed_rows` rows. A full `ANALYZE` (seconds at a million orders) runs when
    /// there are no detailed statistics yet (after the first sync) or much changed; otherwise
    /// the cheap `PRAGMA optimize`. Returns whether a full analysis ran: connections opened
    /// before it still plan with the old statistics, so the caller should open a new pool.
    ///
    /// Why it matters: with sampled statistics only, an amount range sorted by date took
    /// 700 ms at a million orders instead of 1 ms (see the README's figures).
    pub async fn refresh_statistics(&self, changed_rows: u64) -> Result<bool> {
        let has_stat4: Option<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'",
        )
        .fetch_optional(&self.pool)
        .await?;
        let detailed: i64 = if has_stat4.is_some() {
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat4 WHERE tbl = 'orders'")
                .fetch_one(&self.pool)
                .await?
        } else {
            0
        };
        let (orders, _) = self.counts().await?;
        let full = (detailed == 0 && orders > 0) || changed_rows > (orders / 10).max(10_000);
        if full {
            sqlx::query("ANALYZE").execute(&self.pool).await?;
        } else {
            sqlx::query("PRAGMA optimize").execute(&self.pool).await?;
        }
        Ok(full)
    }

    /// Counts and content checksum of everything cached, comparable with the platform's.
    pub async fn checksum(&self) -> Result<pishkhan_api::ContentChecksum> {
        use futures_util::TryStreamExt;
        let mut sum = pishkhan_api::checksum::Checksummer::new();
        let mut rows = sqlx::query_scalar::<_, String>("SELECT doc FROM orders").fetch(&self.pool);
        while let Some(doc) = rows.try_next().await? {
            let order = serde_json::from_str(&doc)
                .map_err(|e| crate::CoreError::MalformedResponse(crate::error::json_error(&e)))?;
            sum.add_order(&order);
        }
        drop(rows);
        let mut rows =
            sqlx::query_scalar::<_, String>("SELECT doc FROM customers").fetch(&self.pool);
        while let Some(doc) = rows.try_next().await? {
            let customer = serde_json::from_str(&doc)
                .map_err(|e| crate::CoreError::MalformedResponse(crate::error::json_error(&e)))?;
            sum.add_customer(&customer);
        }
        Ok(sum.finish())
    }
}

/// Rows a list page holds unless asked otherwise, and at most.
pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 500;

/// The page size a list query asked for, checked.
pub(crate) fn page_limit(limit: Option<u32>) -> Result<u32> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(crate::CoreError::invalid(
            format!("A page holds 1 to {MAX_LIMIT} rows"),
            format!("هر صفحه ۱ تا {MAX_LIMIT} ردیف دارد"),
        ));
    }
    Ok(limit)
}

/// A list position (`after`) this list did not hand out, or from another sort.
pub(crate) fn bad_position() -> crate::CoreError {
    crate::CoreError::invalid(
        "The list position does not belong to this list or sort; start again from the first page",
        "جایگاه فهرست به این فهرست یا این مرتب‌سازی تعلق ندارد؛ از صفحهٔ نخست دوباره شروع کنید",
    )
}

/// Ids per `IN (…)` list: far below SQLite's 32,766 variables.
pub(crate) const IDS_PER_STATEMENT: usize = 4000;

/// `{sql} IN (?, ?, …)` over `ids` (at most `IDS_PER_STATEMENT` of them).
pub(crate) fn with_ids<'a>(sql: &str, ids: &'a [i64]) -> QueryBuilder<'a, Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(format!("{sql} IN ("));
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(")");
    qb
}

/// Deletes the rows of `table` whose `column` is one of `ids`.
pub(crate) async fn delete_ids(
    tx: &mut Transaction<'_, Sqlite>,
    table: &str,
    column: &str,
    ids: &[i64],
) -> Result<()> {
    for part in ids.chunks(IDS_PER_STATEMENT) {
        with_ids(&format!("DELETE FROM {table} WHERE {column}"), part)
            .build()
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Which of `ids` appear in `column` of `table`.
pub(crate) async fn present_ids(
    tx: &mut Transaction<'_, Sqlite>,
    table: &str,
    column: &str,
    ids: &[i64],
) -> Result<HashSet<i64>> {
    let mut found = HashSet::new();
    for part in ids.chunks(IDS_PER_STATEMENT) {
        let rows: Vec<i64> = with_ids(
            &format!("SELECT {column} FROM {table} WHERE {column}"),
            part,
        )
        .build_query_scalar()
        .fetch_all(&mut **tx)
        .await?;
        found.extend(rows);
    }
    Ok(found)
}

/// Saves the cursor after a page, inside that page's transaction.
pub async fn save_cursor(
    tx: &mut Transaction<'_, Sqlite>,
    store_id: i64,
    cursor: &str,
    finished: bool,
) -> Result<()> {
    let now = finished.then(|| Utc::now().timestamp_millis());
    sqlx::query(
        "INSERT INTO sync_state (store_id, cursor, last_synced_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(store_id) DO UPDATE SET cursor = excluded.cursor,
           last_synced_at = COALESCE(excluded.last_synced_at, sync_state.last_synced_at)",
    )
    .bind(store_id)
    .bind(cursor)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

/// Reads the schema through one read-only connection: a wrong key fails here, where nothing
/// can be written. (A writable connection that fails would still checkpoint the WAL as it
/// closes: harmless to the data, but a file changed by a failed open.)
async fn check_key(path: &Path, key: &CacheKey) -> Result<()> {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .pragma("key", key.pragma_value())
        .read_only(true)
        .connect()
        .await
        .map_err(unreadable)?;
    let read = sqlx::query("SELECT count(*) FROM sqlite_master")
        .fetch_one(&mut conn)
        .await;
    let _ = conn.close().await;
    read.map(|_| ()).map_err(unreadable)
}

/// SQLite's "file is not a database" (26): what a wrong key looks like to SQLCipher.
fn unreadable(e: sqlx::Error) -> crate::error::CoreError {
    match &e {
        sqlx::Error::Database(d) if d.code().as_deref() == Some("26") => {
            crate::error::CoreError::CacheUnreadable
        }
        _ => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use pishkhan_api::OrderStatus;

    #[test]
    fn sale_ranks_exclude_exactly_cancelled_and_refunded() {
        // SALE says `status_rank < 4`: that must mean "neither cancelled nor refunded".
        for s in OrderStatus::ALL {
            let counts = super::orders::status_rank(s) < 4;
            assert_eq!(
                counts,
                !matches!(s, OrderStatus::Cancelled | OrderStatus::Refunded),
                "{s:?}"
            );
        }
    }
}
