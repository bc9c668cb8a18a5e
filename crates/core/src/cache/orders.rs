//! Orders in the cache: writing what sync brings (the row, its search entry, its invoice lines
//! and the filter choices) and reading one whole order back.
//!
//! Lists and counts live in `order_list`; this module owns how an order is laid out in SQLite.

use std::collections::HashSet;

use pishkhan_api::{Order, OrderStatus};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqlitePool, Transaction};
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

/// Rows per multi-row statement: 17 columns × 400 stays far below SQLite's 32,766 variables.
const CHUNK: usize = 400;

/// Inserts or replaces an order with what the platform sent.
pub async fn upsert(tx: &mut Transaction<'_, Sqlite>, order: &Order) -> Result<()> {
    upsert_many(tx, &[order]).await
}

/// Inserts or replaces orders with what the platform sent: the rows, their search entries,
/// invoice lines and filter choices, in a handful of multi-row statements per few hundred
/// orders (one statement per row would spend most of a sync handing statements to SQLite).
/// Each id appears at most once in `orders`.
pub async fn upsert_many(tx: &mut Transaction<'_, Sqlite>, orders: &[&Order]) -> Result<()> {
    for chunk in orders.chunks(CHUNK) {
        let mut docs = Vec::with_capacity(chunk.len());
        for o in chunk {
            docs.push(
                serde_json::to_string(o)
                    .map_err(|e| CoreError::MalformedResponse(json_error(&e)))?,
            );
        }
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT OR REPLACE INTO orders (id, order_number, status, status_rank, payment_status, shipping_method,
               customer_id, customer_name, mobile, province, city, final_total, item_count, created_at, updated_at,
               version, doc) ",
        );
        qb.push_values(chunk.iter().zip(docs), |mut b, (o, doc)| {
            let a = &o.shipping_address;
            b.push_bind(o.id)
                .push_bind(o.order_number.clone())
                .push_bind(o.status.as_str())
                .push_bind(status_rank(o.status))
                .push_bind(o.payment_status.as_str())
                .push_bind(shipping_method(o).map(str::to_string))
                .push_bind(o.customer_id)
                .push_bind(o.customer_name())
                .push_bind(a.mobile_phone.clone())
                .push_bind(a.region.clone())
                .push_bind(a.city.clone())
                .push_bind(o.invoice.final_total)
                .push_bind(
                    o.invoice
                        .invoice_items
                        .iter()
                        .map(|i| i.no_of_items)
                        .sum::<i64>(),
                )
                .push_bind(o.created_at.timestamp_millis())
                .push_bind(o.updated_at.timestamp_millis())
                .push_bind(o.version)
                .push_bind(doc);
        });
        qb.build().execute(&mut **tx).await?;

        let ids: Vec<i64> = chunk.iter().map(|o| o.id).collect();
        delete_derived_many(tx, &ids).await?;

        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO order_search (rowid, text) ");
        qb.push_values(chunk.iter(), |mut b, o| {
            b.push_bind(o.id).push_bind(search_text(o));
        });
        qb.build().execute(&mut **tx).await?;

        let items: Vec<(i64, &pishkhan_api::InvoiceItem)> = chunk
            .iter()
            .flat_map(|o| o.invoice.invoice_items.iter().map(move |i| (o.id, i)))
            .collect();
        for part in items.chunks(CHUNK * 4) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO order_items (order_id, name, quantity, total) ",
            );
            qb.push_values(part, |mut b, (id, i)| {
                b.push_bind(*id)
                    .push_bind(i.name.clone())
                    .push_bind(i.no_of_items)
                    .push_bind(i.total_items_price);
            });
            qb.build().execute(&mut **tx).await?;
        }

        let mut places: Vec<(&String, &String)> = chunk
            .iter()
            .filter_map(|o| {
                let a = &o.shipping_address;
                a.region.as_ref().zip(a.city.as_ref())
            })
            .collect();
        places.sort();
        places.dedup();
        if !places.is_empty() {
            let mut qb =
                QueryBuilder::<Sqlite>::new("INSERT OR IGNORE INTO places (province, city) ");
            qb.push_values(places, |mut b, (p, c)| {
                b.push_bind(p.clone()).push_bind(c.clone());
            });
            qb.build().execute(&mut **tx).await?;
        }
        let mut methods: Vec<&str> = chunk.iter().filter_map(|o| shipping_method(o)).collect();
        methods.sort();
        methods.dedup();
        if !methods.is_empty() {
            let mut qb =
                QueryBuilder::<Sqlite>::new("INSERT OR IGNORE INTO shipping_methods (name) ");
            qb.push_values(methods, |mut b, m| {
                b.push_bind(m.to_string());
            });
            qb.build().execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// The search entries and invoice lines of these orders.
async fn delete_derived_many(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<()> {
    super::delete_ids(tx, "order_search", "rowid", ids).await?;
    super::delete_ids(tx, "order_items", "order_id", ids).await
}

/// Which of these order ids are cached.
pub async fn existing(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<HashSet<i64>> {
    super::present_ids(tx, "orders", "id", ids).await
}

/// Removes an order the platform deleted. Removing one that is not cached changes nothing.
pub async fn delete(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    delete_many(tx, &[id]).await
}

/// Removes orders the platform deleted, with their search entries and invoice lines.
pub async fn delete_many(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<()> {
    super::delete_ids(tx, "orders", "id", ids).await?;
    // The platform's copy kept under waiting edits (`order_base`) goes too: those edits will
    // be answered "order not found", and recording that answer must not rebuild the view from
    // this stale copy and bring the deleted order back (found by tests/sync_faults.rs, seed
    // 1002).
    super::delete_ids(tx, "order_base", "order_id", ids).await?;
    delete_derived_many(tx, ids).await
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
