//! Customers in the cache: writing what sync brings, the searchable list, and what the cache
//! knows about each customer's buying (number of orders, total spent, first and last order),
//! computed from their cached orders through `orders_by_customer`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use pishkhan_api::Customer;
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use ts_rs::TS;

use super::orders::display_mobile;
use super::search::{match_expression, SearchText};
use crate::error::{json_error, CoreError, Result};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields = nullable)]
pub struct CustomerQuery {
    /// Words matched (as prefixes) against name, mobile, email, cities and postal codes.
    pub search: Option<String>,
    /// 1..=500, default 100.
    pub limit: Option<u32>,
    /// The `nextAfter` of the previous page.
    pub after: Option<String>,
}

/// One line of the customers list, with their buying.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub id: i64,
    pub full_name: String,
    pub mobile: Option<String>,
    pub mobile_display: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    /// Every cached order of theirs, whatever its status.
    pub order_count: i64,
    /// Rials of their sales (see `cache::SALE`).
    pub total_spent: i64,
    pub first_order_at: Option<DateTime<Utc>>,
    pub last_order_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub customers: Vec<CustomerSummary>,
    pub next_after: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail {
    pub customer: Customer,
    pub summary: CustomerSummary,
}

fn search_text(c: &Customer) -> String {
    let mut t = SearchText::default();
    t.add(c.first_name.as_str())
        .add(c.last_name.as_str())
        .add_mobile(c.mobile_phone.as_ref())
        .add_opt(c.email.as_ref());
    for a in &c.addresses {
        t.add(a.city.as_str())
            .add(a.region.as_str())
            .add(a.postal_code.as_str());
    }
    t.finish()
}

/// Rows per multi-row statement (9 columns).
const CHUNK: usize = 500;

pub async fn upsert(tx: &mut Transaction<'_, Sqlite>, c: &Customer) -> Result<()> {
    upsert_many(tx, &[c]).await
}

/// Inserts or replaces customers and their search entries, a few statements per few hundred.
pub async fn upsert_many(tx: &mut Transaction<'_, Sqlite>, customers: &[&Customer]) -> Result<()> {
    for chunk in customers.chunks(CHUNK) {
        let mut docs = Vec::with_capacity(chunk.len());
        for c in chunk {
            docs.push(
                serde_json::to_string(c)
                    .map_err(|e| CoreError::MalformedResponse(json_error(&e)))?,
            );
        }
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT OR REPLACE INTO customers (id, full_name, mobile, email, city, created_at, updated_at, version, doc) ",
        );
        qb.push_values(chunk.iter().zip(docs), |mut b, (c, doc)| {
            b.push_bind(c.id)
                .push_bind(c.full_name())
                .push_bind(c.mobile_phone.clone())
                .push_bind(c.email.clone())
                .push_bind(c.addresses.first().map(|a| a.city.clone()))
                .push_bind(c.created_at.timestamp_millis())
                .push_bind(c.updated_at.timestamp_millis())
                .push_bind(c.version)
                .push_bind(doc);
        });
        qb.build().execute(&mut **tx).await?;
        let ids: Vec<i64> = chunk.iter().map(|c| c.id).collect();
        super::delete_ids(tx, "customer_search", "rowid", &ids).await?;
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO customer_search (rowid, text) ");
        qb.push_values(chunk.iter(), |mut b, c| {
            b.push_bind(c.id).push_bind(search_text(c));
        });
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

pub async fn delete(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    delete_many(tx, &[id]).await
}

pub async fn delete_many(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<()> {
    super::delete_ids(tx, "customers", "id", ids).await?;
    super::delete_ids(tx, "customer_search", "rowid", ids).await
}

fn decode_after(after: &str) -> Result<(i64, i64)> {
    let bad = super::bad_position;
    let (a, b) = after.split_once('.').ok_or_else(bad)?;
    Ok((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
}

fn push_filters<'q>(qb: &mut QueryBuilder<'q, Sqlite>, expr: &'q Option<String>) {
    qb.push(" WHERE 1 = 1");
    if let Some(expr) = expr {
        qb.push(" AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ")
            .push_bind(expr.as_str())
            .push(")");
    }
}

/// A page of customers matching the search, newest first.
pub async fn list(pool: &SqlitePool, query: &CustomerQuery) -> Result<CustomerPage> {
    let limit = super::page_limit(query.limit)?;
    let expr = query.search.as_deref().and_then(match_expression);
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT c.id, c.created_at FROM customers c");
    push_filters(&mut qb, &expr);
    if let Some(after) = query.after.as_deref() {
        let (created, id) = decode_after(after)?;
        qb.push(" AND (c.created_at, c.id) < (")
            .push_bind(created)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    qb.push(" ORDER BY c.created_at DESC, c.id DESC LIMIT ")
        .push_bind(i64::from(limit) + 1);
    let rows: Vec<(i64, i64)> = qb.build_query_as().fetch_all(pool).await?;
    let more = rows.len() > limit as usize;
    let rows = &rows[..rows.len().min(limit as usize)];
    let next_after = if more {
        rows.last().map(|(id, created)| format!("{created}.{id}"))
    } else {
        None
    };
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    Ok(CustomerPage {
        customers: summaries(pool, &ids).await?,
        next_after,
    })
}

/// How many cached customers match the search.
pub async fn count(pool: &SqlitePool, query: &CustomerQuery) -> Result<u64> {
    let expr = query.search.as_deref().and_then(match_expression);
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM customers c");
    push_filters(&mut qb, &expr);
    let n: i64 = qb.build_query_scalar().fetch_one(pool).await?;
    Ok(n as u64)
}

#[derive(Default)]
struct Buying {
    orders: i64,
    spent: i64,
    first: Option<i64>,
    last: Option<i64>,
}

/// Summaries of these customers, in the order of `ids` (ids not cached are skipped).
pub async fn summaries(pool: &SqlitePool, ids: &[i64]) -> Result<Vec<CustomerSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "SELECT customer_id, COUNT(*), COALESCE(SUM(CASE WHEN {} THEN final_total END), 0),
                MIN(created_at), MAX(created_at)
         FROM orders WHERE customer_id IN (",
        super::SALE
    ));
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(") GROUP BY customer_id");
    let buying: HashMap<i64, Buying> = qb
        .build_query_as::<(i64, i64, i64, Option<i64>, Option<i64>)>()
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(id, orders, spent, first, last)| {
            (
                id,
                Buying {
                    orders,
                    spent,
                    first,
                    last,
                },
            )
        })
        .collect();

    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT id, full_name, mobile, email, city, created_at FROM customers WHERE id IN (",
    );
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(")");
    let mut rows: HashMap<i64, CustomerSummary> = HashMap::new();
    for r in qb.build().fetch_all(pool).await? {
        let id: i64 = r.get("id");
        let b = buying.get(&id);
        let mobile: Option<String> = r.get("mobile");
        rows.insert(
            id,
            CustomerSummary {
                id,
                full_name: r.get("full_name"),
                mobile_display: mobile.as_deref().map(display_mobile),
                mobile,
                email: r.get("email"),
                city: r.get("city"),
                order_count: b.map_or(0, |b| b.orders),
                total_spent: b.map_or(0, |b| b.spent),
                first_order_at: b.and_then(|b| b.first).and_then(super::from_millis),
                last_order_at: b.and_then(|b| b.last).and_then(super::from_millis),
                created_at: super::from_millis(r.get("created_at")).unwrap_or_default(),
            },
        );
    }
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

/// The whole cached records of these customers, by id.
pub async fn docs(pool: &SqlitePool, ids: &[i64]) -> Result<HashMap<i64, Customer>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut rows: Vec<(i64, String)> = Vec::with_capacity(ids.len());
    for part in ids.chunks(super::IDS_PER_STATEMENT) {
        rows.extend(
            super::with_ids("SELECT id, doc FROM customers WHERE id", part)
                .build_query_as::<(i64, String)>()
                .fetch_all(pool)
                .await?,
        );
    }
    rows.into_iter()
        .map(|(id, doc)| {
            serde_json::from_str(&doc)
                .map(|c| (id, c))
                .map_err(|e| CoreError::MalformedResponse(json_error(&e)))
        })
        .collect()
}

/// The whole cached customer and their buying.
pub async fn detail(pool: &SqlitePool, id: i64) -> Result<CustomerDetail> {
    let doc: Option<String> = sqlx::query_scalar("SELECT doc FROM customers WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let doc = doc.ok_or(CoreError::CustomerNotFound(id))?;
    let customer: Customer =
        serde_json::from_str(&doc).map_err(|e| CoreError::MalformedResponse(json_error(&e)))?;
    let summary = summaries(pool, &[id])
        .await?
        .pop()
        .ok_or(CoreError::CustomerNotFound(id))?;
    Ok(CustomerDetail { customer, summary })
}
