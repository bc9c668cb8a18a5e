//! Orders in the cache: writing what sync brings, and the list and detail queries.
//!
//! Lists are keyset-paginated on `(created_at, id)`, newest first, so the hundredth page costs
//! what the first does. Search matches every word of the query against a normalised text of
//! the order (number, buyer, mobile, email, postal code, city, products).

use pishkhan_api::{Order, OrderStatus};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};

use crate::error::{CoreError, Result};

/// What the orders list asks for. Every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    pub search: Option<String>,
    /// 1..=500, default 100.
    pub limit: Option<u32>,
    /// The `nextAfter` of the previous page.
    pub after: Option<String>,
}

/// One line of the orders list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: i64,
    pub order_number: String,
    pub status: OrderStatus,
    pub payment_status: pishkhan_api::PaymentStatus,
    pub customer_name: String,
    /// `+989XXXXXXXXX`.
    pub mobile: Option<String>,
    /// `09XX XXX XXXX`, as merchants read it.
    pub mobile_display: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    /// Rials.
    pub final_total: i64,
    pub item_count: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next_after: Option<String>,
    /// How many cached orders match the filter.
    pub total: u64,
}

/// The text the search box matches for an order, normalised like the query will be.
fn search_text(order: &Order) -> String {
    let a = &order.shipping_address;
    let mut parts: Vec<String> = vec![
        order.order_number.clone(),
        a.first_name.clone(),
        a.last_name.clone(),
    ];
    if let Some(m) = &a.mobile_phone {
        parts.push(m.clone());
        if let Ok(mobile) = pishkhan_iran::mobile::normalize(m) {
            parts.push(mobile.display.replace(' ', ""));
        }
    }
    parts.extend(
        [
            a.email.clone(),
            a.postal_code.clone(),
            a.city.clone(),
            a.region.clone(),
        ]
        .into_iter()
        .flatten(),
    );
    parts.extend(order.invoice.invoice_items.iter().map(|i| i.name.clone()));
    pishkhan_iran::normalize::for_search(&parts.join(" "))
}

/// Inserts or replaces an order with what the platform sent.
pub async fn upsert(tx: &mut Transaction<'_, Sqlite>, order: &Order) -> Result<()> {
    let a = &order.shipping_address;
    let doc = serde_json::to_string(order)
        .map_err(|e| CoreError::MalformedResponse(crate::error::json_error(&e)))?;
    let item_count: i64 = order
        .invoice
        .invoice_items
        .iter()
        .map(|i| i.no_of_items)
        .sum();
    sqlx::query(
        "INSERT OR REPLACE INTO orders (id, order_number, status, payment_status, customer_id, customer_name, mobile,
           province, city, final_total, item_count, created_at, updated_at, version, search_text, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )
    .bind(order.id)
    .bind(&order.order_number)
    .bind(order.status.as_str())
    .bind(order.payment_status.as_str())
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
    .bind(search_text(order))
    .bind(doc)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Removes an order the platform deleted. Removing one that is not cached changes nothing.
pub async fn delete(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM orders WHERE id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn encode_after(created_ms: i64, id: i64) -> String {
    format!("{created_ms}.{id}")
}

fn decode_after(after: &str) -> Result<(i64, i64)> {
    let bad =
        || CoreError::InvalidInput("the list position (after) is not one this app produced".into());
    let (a, b) = after.split_once('.').ok_or_else(bad)?;
    Ok((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
}

fn push_filters(qb: &mut QueryBuilder<'_, Sqlite>, query: &OrderQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(status) = query.status {
        qb.push(" AND status = ").push_bind(status.as_str());
    }
    if let Some(search) = query.search.as_deref() {
        for word in pishkhan_iran::normalize::for_search(search).split_whitespace() {
            qb.push(" AND search_text LIKE ")
                .push_bind(super::like_pattern(word))
                .push(" ESCAPE '\\'");
        }
    }
}

/// A page of the orders list, newest first.
pub async fn list(pool: &SqlitePool, query: &OrderQuery) -> Result<OrderPage> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(CoreError::InvalidInput("limit must be 1 to 500".into()));
    }
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM orders");
    push_filters(&mut count, query);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT id, order_number, status, payment_status, customer_name, mobile, province, city, final_total,
                item_count, created_at FROM orders",
    );
    push_filters(&mut qb, query);
    if let Some(after) = query.after.as_deref() {
        let (created, id) = decode_after(after)?;
        qb.push(" AND (created_at, id) < (")
            .push_bind(created)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    qb.push(" ORDER BY created_at DESC, id DESC LIMIT ")
        .push_bind(limit as i64 + 1);
    let rows = qb.build().fetch_all(pool).await?;

    let mut orders = Vec::with_capacity(rows.len());
    for r in rows.iter().take(limit as usize) {
        let status: String = r.get("status");
        let payment: String = r.get("payment_status");
        let created: i64 = r.get("created_at");
        orders.push(OrderSummary {
            id: r.get("id"),
            order_number: r.get("order_number"),
            status: OrderStatus::parse(&status)
                .ok_or_else(|| CoreError::MalformedResponse(format!("status {status}")))?,
            payment_status: serde_json::from_value(serde_json::Value::String(payment))
                .map_err(|e| CoreError::MalformedResponse(crate::error::json_error(&e)))?,
            customer_name: r.get("customer_name"),
            mobile_display: r
                .get::<Option<String>, _>("mobile")
                .map(|m| display_mobile(&m)),
            mobile: r.get("mobile"),
            province: r.get("province"),
            city: r.get("city"),
            final_total: r.get("final_total"),
            item_count: r.get("item_count"),
            created_at: super::from_millis(created).unwrap_or_default(),
        });
    }
    let next_after = if rows.len() > limit as usize {
        orders
            .last()
            .map(|o| encode_after(o.created_at.timestamp_millis(), o.id))
    } else {
        None
    };
    Ok(OrderPage {
        orders,
        next_after,
        total: total as u64,
    })
}

/// `09XX XXX XXXX` for a stored mobile; a number that is not a valid mobile shows as stored.
pub fn display_mobile(stored: &str) -> String {
    pishkhan_iran::mobile::normalize(stored)
        .map(|m| m.display)
        .unwrap_or_else(|_| stored.to_string())
}

/// The whole cached order with this number (Persian digits accepted).
pub async fn by_number(pool: &SqlitePool, number: &str) -> Result<Order> {
    let number = pishkhan_iran::normalize::digits_to_ascii(number.trim());
    let doc: Option<String> = sqlx::query_scalar("SELECT doc FROM orders WHERE order_number = ?1")
        .bind(&number)
        .fetch_optional(pool)
        .await?;
    let doc = doc.ok_or(CoreError::OrderNotFound(number))?;
    serde_json::from_str(&doc)
        .map_err(|e| CoreError::MalformedResponse(crate::error::json_error(&e)))
}
