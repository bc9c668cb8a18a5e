//! The platform's database: merchants, stores and sessions (`accounts`), orders and customers
//! (`records`), the change feed read over them (`feed`), edits sent by apps (`mutations`), the
//! store's notification outbox (`notifications`), tus uploads (`uploads`), identity
//! verifications (`kyc`) and the diagnostic events apps send when allowed (`diagnostics`).

pub mod accounts;
pub mod diagnostics;
pub mod feed;
pub mod kyc;
pub mod mutations;
pub mod notifications;
pub mod records;
pub mod uploads;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::error::Result;

/// Opens (creating when missing) `platform.db` in `data_dir` and brings its schema up to date.
pub async fn open(data_dir: &Path) -> Result<SqlitePool> {
    std::fs::create_dir_all(data_dir).map_err(|e| {
        crate::PlatformError::Internal(format!("cannot create {}: {e}", data_dir.display()))
    })?;
    let path = data_dir.join("platform.db");
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Takes `count` numbers of the change sequence inside the caller's write transaction and
/// returns the first. Because SQLite admits one writer at a time, numbers are handed out in
/// commit order, so a feed reader never sees a higher number before a lower one commits.
pub async fn take_change_seqs(tx: &mut Transaction<'_, Sqlite>, count: i64) -> Result<i64> {
    let last: i64 = sqlx::query_scalar(
        "UPDATE change_counter SET value = value + ?1 WHERE id = 1 RETURNING value",
    )
    .bind(count)
    .fetch_one(&mut **tx)
    .await?;
    Ok(last - count + 1)
}

/// Begins a write transaction that holds SQLite's write lock from its first statement, so a
/// read-then-write inside it cannot be overtaken by another writer.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE change_counter SET value = value WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}
