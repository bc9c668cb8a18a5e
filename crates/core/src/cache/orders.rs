//! Orders in the cache: writing what sync brings (the row, its search entry, its invoice lines
//! and the filter choices) and reading one whole order back.
//!
//! Lists and counts live in `order_list`; this module owns how an order is laid out in SQLite.

use pishkhan_api::{Order, OrderStatus};
use serde::{Deserialize, Serialize};
use sqlx::{Sqlite, SqlitePool, Transaction};
use ts_rs::TS;

use super::customers::CustomerSummary;
use super::search::SearchText;
use crate::error::{json_error, CoreError, Result};

/// An order with what its detail page shows next to it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail {
    pub order: Order,
    /// The customer who placed it, when they are cached.
    pub customer: Option<CustomerSummary>,
    /// The shipping mobile as merchants read it, `09XX XXX XXXX`.
    pub mobile_display: Option<String>,
    /// The statuses the order may move to now (the workflow's rule, for the status menu).
    pub next_statuses: Vec<OrderStatus>,
    /// The merchant's edits of this order still waiting for the platform, oldest first.
    pub waiting_edits: Vec<crate::edits::outbox::OutboxEntry>,
}

/// The status's place in the workflow, which "sort by status" follows.
pub fn status_rank(status: OrderStatus) -> i64 {
    OrderStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(OrderStatus::ALL.len()) as i64
}

pub fn status_of_rank(rank: i64) -> Option<OrderStatus> {
    usize::try_from(rank)
        .ok()
        .and_then(|r| OrderStatus::ALL.get(r).copied())
}

/// The shipping method merchants filter by: the first shipping item's rate.
pub fn shipping_method(order: &Order) -> Option<&str> {
    order
        .invoice
        .shipping_items
        .first()
        .map(|s| s.rate.name.as_str())
}

/// What the search box finds an order by.
fn search_text(order: &Order) -> String {
    let a = &order.shipping_address;
    let mut t = SearchText::default();
    t.add(order.order_number.as_str())
        .add(order.order_identifier.as_str())
        .add(a.first_name.as_str())
        .add(a.last_name.as_str())
        .add_mobile(a.mobile_phone.as_ref())
        .add_opt(a.phone_number.as_ref())
        .add_opt(a.email.as_ref())
        .add_opt(a.postal_code.as_ref())
        .add_opt(a.city.as_ref())
        .add_opt(a.region.as_ref());
    for item in &order.invoice.invoice_items {
        t.add(item.name.as_str());
    }
    for s in &order.invoice.shipping_items {
        t.add_opt(s.tracking_code.as_ref());
    }
    t.finish()
}

/// Inserts or replaces an order with what the platform sent.
pub async fn upsert(tx: &mut Transaction<'_, Sqlite>, order: &Order) -> Result<()> {
    let a = &order.shipping_address;
    let doc =
        serde_json::to_string(order).map_err(|e| CoreError::MalformedResponse(json_error(&e)))?;
    let item_count: i64 = order
        .invoice
        .invoice_items
        .iter()
        .map(|i| i.no_of_items)
        .sum();
    let method = shipping_method(order);
    sqlx::query(
        "INSERT OR REPLACE INTO orders (id, order_number, status, status_rank, payment_status, shipping_method,
           customer_id, customer_name, mobile, province, city, final_total, item_count, created_at, updated_at,
           version, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )
    .bind(order.id)
    .bind(&order.order_number)
    .bind(order.status.as_str())
    .bind(status_rank(order.status))
    .bind(order.payment_status.as_str())
    .bind(method)
    .bind(order.customer_id)
    .bind(order.customer_name())
    .bind(&a.mobile_phone)
    .bind(&a.region)
    .bind(&a.city)
    .bind(order.invoice.final_total)
    .bind(item_count)
    .bind(order.created_at.timestamp_millis())
    .bind(order.updated_at.timestamp_millis())
    .bind(order.version)
    .bind(doc)
    .execute(&mut **tx)
    .await?;

    delete_derived(tx, order.id).await?;
    sqlx::query("INSERT INTO order_search (rowid, text) VALUES (?1, ?2)")
        .bind(order.id)
        .bind(search_text(order))
        .execute(&mut **tx)
        .await?;
    for item in &order.invoice.invoice_items {
        sqlx::query(
            "INSERT INTO order_items (order_id, name, quantity, total) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(order.id)
        .bind(&item.name)
        .bind(item.no_of_items)
        .bind(item.total_items_price)
        .execute(&mut **tx)
        .await?;
    }
    if let (Some(province), Some(city)) = (&a.region, &a.city) {
        sqlx::query("INSERT OR IGNORE INTO places (province, city) VALUES (?1, ?2)")
            .bind(province)
            .bind(city)
            .execute(&mut **tx)
            .await?;
    }
    if let Some(method) = method {
        sqlx::query("INSERT OR IGNORE INTO shipping_methods (name) VALUES (?1)")
            .bind(method)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The search entry and invoice lines of an order.
async fn delete_derived(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM order_search WHERE rowid = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM order_items WHERE order_id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether an order with this id is cached.
pub async fn exists(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM orders WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// Removes an order the platform deleted. Removing one that is not cached changes nothing.
pub async fn delete(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM orders WHERE id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    delete_derived(tx, id).await
}

/// `09XX XXX XXXX` for a stored mobile; a number that is not a valid mobile shows as stored.
pub fn display_mobile(stored: &str) -> String {
    pishkhan_iran::mobile::normalize(stored)
        .map(|m| m.display)
        .unwrap_or_else(|_| stored.to_string())
}

fn parse_doc(doc: &str) -> Result<Order> {
    serde_json::from_str(doc).map_err(|e| CoreError::MalformedResponse(json_error(&e)))
}

/// The whole cached order with this number (Persian digits accepted).
pub async fn by_number(pool: &SqlitePool, number: &str) -> Result<Order> {
    let number = pishkhan_iran::normalize::digits_to_ascii(number.trim());
    let doc: Option<String> = sqlx::query_scalar("SELECT doc FROM orders WHERE order_number = ?1")
        .bind(&number)
        .fetch_optional(pool)
        .await?;
    parse_doc(&doc.ok_or(CoreError::OrderNotFound(number))?)
}

/// The order with this id and its customer, for the detail page.
pub async fn detail(pool: &SqlitePool, id: i64) -> Result<OrderDetail> {
    let doc: Option<String> = sqlx::query_scalar("SELECT doc FROM orders WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let order = parse_doc(&doc.ok_or_else(|| CoreError::OrderNotFound(id.to_string()))?)?;
    let customer = match order.customer_id {
        Some(cid) => super::customers::summaries(pool, &[cid]).await?.pop(),
        None => None,
    };
    let mobile_display = order
        .shipping_address
        .mobile_phone
        .as_deref()
        .map(display_mobile);
    let waiting_edits = crate::edits::outbox::of_order_pool(pool, id).await?;
    Ok(OrderDetail {
        next_statuses: order.status.next().to_vec(),
        order,
        customer,
        mobile_display,
        waiting_edits,
    })
}
