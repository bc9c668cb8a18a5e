//! Orders and customers: each row keeps the record's whole wire document (`doc`) and the
//! change-sequence number of its latest change. A deleted record stays as a tombstone
//! (`deleted = 1`, no document) so the change feed can tell clients about the deletion.

use chrono::Utc;
use pishkhan_api::{Customer, Order, Paged};
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

use super::take_change_seqs;
use crate::error::{PlatformError, Result};

/// The next free ids for `count` new orders (or customers) in this write transaction.
pub async fn next_ids(tx: &mut Transaction<'_, Sqlite>, table: RecordTable) -> Result<i64> {
    let sql = match table {
        RecordTable::Orders => "SELECT COALESCE(MAX(id), 0) + 1 FROM orders",
        RecordTable::Customers => "SELECT COALESCE(MAX(id), 0) + 1 FROM customers",
    };
    Ok(sqlx::query_scalar(sql).fetch_one(&mut **tx).await?)
}

#[derive(Debug, Clone, Copy)]
pub enum RecordTable {
    Orders,
    Customers,
}

/// Takes `count` order numbers of the store and returns the first.
pub async fn take_order_numbers(
    tx: &mut Transaction<'_, Sqlite>,
    store_id: i64,
    count: i64,
) -> Result<i64> {
    let last: Option<i64> = sqlx::query_scalar(
        "UPDATE stores SET next_order_number = next_order_number + ?2 WHERE id = ?1 RETURNING next_order_number",
    )
    .bind(store_id)
    .bind(count)
    .fetch_optional(&mut **tx)
    .await?;
    let last = last.ok_or(PlatformError::NotFound("store"))?;
    Ok(last - count)
}

/// Writes orders (new or changed) with consecutive change numbers, in the caller's transaction.
pub async fn put_orders(
    tx: &mut Transaction<'_, Sqlite>,
    store_id: i64,
    orders: &[Order],
) -> Result<()> {
    let mut seq = take_change_seqs(tx, orders.len() as i64).await?;
    for order in orders {
        sqlx::query(
            "INSERT INTO orders (id, store_id, order_number, customer_id, status, change_seq, deleted, doc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)
             ON CONFLICT(id) DO UPDATE SET order_number = excluded.order_number, customer_id = excluded.customer_id,
               status = excluded.status, change_seq = excluded.change_seq, deleted = 0, doc = excluded.doc",
        )
        .bind(order.id)
        .bind(store_id)
        .bind(&order.order_number)
        .bind(order.customer_id)
        .bind(order.status.as_str())
        .bind(seq)
        .bind(serde_json::to_string(order)?)
        .execute(&mut **tx)
        .await?;
        seq += 1;
    }
    Ok(())
}

pub async fn put_customers(
    tx: &mut Transaction<'_, Sqlite>,
    store_id: i64,
    customers: &[Customer],
) -> Result<()> {
    let mut seq = take_change_seqs(tx, customers.len() as i64).await?;
    for customer in customers {
        sqlx::query(
            "INSERT INTO customers (id, store_id, change_seq, deleted, doc) VALUES (?1, ?2, ?3, 0, ?4)
             ON CONFLICT(id) DO UPDATE SET change_seq = excluded.change_seq, deleted = 0, doc = excluded.doc",
        )
        .bind(customer.id)
        .bind(store_id)
        .bind(seq)
        .bind(serde_json::to_string(customer)?)
        .execute(&mut **tx)
        .await?;
        seq += 1;
    }
    Ok(())
}

/// Turns a record into a tombstone. `NotFound` when it does not exist or is already deleted.
pub async fn delete(
    tx: &mut Transaction<'_, Sqlite>,
    table: RecordTable,
    store_id: i64,
    id: i64,
) -> Result<()> {
    let seq = take_change_seqs(tx, 1).await?;
    let (sql, what) = match table {
        RecordTable::Orders => (
            "UPDATE orders SET deleted = 1, doc = NULL, change_seq = ?3 WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
            "order",
        ),
        RecordTable::Customers => (
            "UPDATE customers SET deleted = 1, doc = NULL, change_seq = ?3 WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
            "customer",
        ),
    };
    let done = sqlx::query(sql)
        .bind(id)
        .bind(store_id)
        .bind(seq)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(PlatformError::NotFound(what));
    }
    Ok(())
}

pub async fn get_order(pool: &SqlitePool, store_id: i64, id: i64) -> Result<Order> {
    let doc: Option<Option<String>> = sqlx::query_scalar(
        "SELECT doc FROM orders WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
    )
    .bind(id)
    .bind(store_id)
    .fetch_optional(pool)
    .await?;
    let doc = doc.flatten().ok_or(PlatformError::NotFound("order"))?;
    Ok(serde_json::from_str(&doc)?)
}

pub async fn get_customer(pool: &SqlitePool, store_id: i64, id: i64) -> Result<Customer> {
    let doc: Option<Option<String>> = sqlx::query_scalar(
        "SELECT doc FROM customers WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
    )
    .bind(id)
    .bind(store_id)
    .fetch_optional(pool)
    .await?;
    let doc = doc.flatten().ok_or(PlatformError::NotFound("customer"))?;
    Ok(serde_json::from_str(&doc)?)
}

/// A page of the store's live orders, newest first, optionally of one status.
pub async fn list_orders(
    pool: &SqlitePool,
    store_id: i64,
    status: Option<&str>,
    page: u32,
    page_size: u32,
) -> Result<Paged<Order>> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders WHERE store_id = ?1 AND deleted = 0 AND (?2 IS NULL OR status = ?2)",
    )
    .bind(store_id)
    .bind(status)
    .fetch_one(pool)
    .await?;
    let rows = sqlx::query(
        "SELECT doc FROM orders WHERE store_id = ?1 AND deleted = 0 AND (?2 IS NULL OR status = ?2)
         ORDER BY id DESC LIMIT ?3 OFFSET ?4",
    )
    .bind(store_id)
    .bind(status)
    .bind(page_size as i64)
    .bind((page.saturating_sub(1) as i64) * page_size as i64)
    .fetch_all(pool)
    .await?;
    let items = rows
        .iter()
        .map(|r| serde_json::from_str(r.get::<&str, _>("doc")))
        .collect::<Result<Vec<Order>, _>>()?;
    Ok(Paged {
        items,
        page_number: page,
        page_size,
        total_count: total as u64,
    })
}

pub async fn list_customers(
    pool: &SqlitePool,
    store_id: i64,
    page: u32,
    page_size: u32,
) -> Result<Paged<Customer>> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE store_id = ?1 AND deleted = 0")
            .bind(store_id)
            .fetch_one(pool)
            .await?;
    let rows = sqlx::query("SELECT doc FROM customers WHERE store_id = ?1 AND deleted = 0 ORDER BY id LIMIT ?2 OFFSET ?3")
        .bind(store_id)
        .bind(page_size as i64)
        .bind((page.saturating_sub(1) as i64) * page_size as i64)
        .fetch_all(pool)
        .await?;
    let items = rows
        .iter()
        .map(|r| serde_json::from_str(r.get::<&str, _>("doc")))
        .collect::<Result<Vec<Customer>, _>>()?;
    Ok(Paged {
        items,
        page_number: page,
        page_size,
        total_count: total as u64,
    })
}

/// Ids of the store's live customers (for the demo generator, which attaches new orders to
/// existing customers).
pub async fn customer_ids(pool: &SqlitePool, store_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM customers WHERE store_id = ?1 AND deleted = 0 ORDER BY id",
    )
    .bind(store_id)
    .fetch_all(pool)
    .await?)
}

/// Counts and content checksum of the store's live records (see `pishkhan_api::checksum`).
pub async fn checksum(
    pool: &SqlitePool,
    store_id: i64,
) -> Result<pishkhan_api::checksum::ContentChecksum> {
    use futures_util::TryStreamExt;
    let mut sum = pishkhan_api::checksum::Checksummer::new();
    let mut rows = sqlx::query_scalar::<_, String>(
        "SELECT doc FROM orders WHERE store_id = ?1 AND deleted = 0",
    )
    .bind(store_id)
    .fetch(pool);
    while let Some(doc) = rows.try_next().await? {
        sum.add_order(&serde_json::from_str(&doc)?);
    }
    drop(rows);
    let mut rows = sqlx::query_scalar::<_, String>(
        "SELECT doc FROM customers WHERE store_id = ?1 AND deleted = 0",
    )
    .bind(store_id)
    .fetch(pool);
    while let Some(doc) = rows.try_next().await? {
        sum.add_customer(&serde_json::from_str(&doc)?);
    }
    Ok(sum.finish())
}

/// Stamps a changed record: one more version, updated now.
pub fn touch_order(order: &mut Order) {
    order.version += 1;
    order.updated_at = Utc::now();
}

pub fn touch_customer(customer: &mut Customer) {
    customer.version += 1;
    customer.updated_at = Utc::now();
}
