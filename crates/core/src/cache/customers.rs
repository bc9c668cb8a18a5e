//! Customers in the cache: writing what sync brings, and the searchable list.

use pishkhan_api::Customer;
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};

use crate::error::{CoreError, Result};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerQuery {
    pub search: Option<String>,
    /// 1..=500, default 100.
    pub limit: Option<u32>,
}

/// One line of the customers list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub id: i64,
    pub full_name: String,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub order_count: i64,
}

fn search_text(c: &Customer) -> String {
    let mut parts = vec![c.first_name.clone(), c.last_name.clone()];
    if let Some(m) = &c.mobile_phone {
        parts.push(m.clone());
        if let Ok(mobile) = pishkhan_iran::mobile::normalize(m) {
            parts.push(mobile.display.replace(' ', ""));
        }
    }
    parts.extend(c.email.clone());
    for a in &c.addresses {
        parts.extend([a.city.clone(), a.region.clone(), a.postal_code.clone()]);
    }
    pishkhan_iran::normalize::for_search(&parts.join(" "))
}

pub async fn upsert(tx: &mut Transaction<'_, Sqlite>, c: &Customer) -> Result<()> {
    let doc = serde_json::to_string(c)
        .map_err(|e| CoreError::MalformedResponse(crate::error::json_error(&e)))?;
    sqlx::query(
        "INSERT OR REPLACE INTO customers (id, full_name, mobile, email, created_at, updated_at, version, search_text, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(c.id)
    .bind(c.full_name())
    .bind(&c.mobile_phone)
    .bind(&c.email)
    .bind(c.created_at.timestamp_millis())
    .bind(c.updated_at.timestamp_millis())
    .bind(c.version)
    .bind(search_text(c))
    .bind(doc)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn delete(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM customers WHERE id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Customers matching every word of the search, by name.
pub async fn list(pool: &SqlitePool, query: &CustomerQuery) -> Result<Vec<CustomerSummary>> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(CoreError::InvalidInput("limit must be 1 to 500".into()));
    }
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT c.id, c.full_name, c.mobile, c.email, json_extract(c.doc, '$.addresses[0].city') AS city,
                (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS order_count
         FROM customers c WHERE 1 = 1",
    );
    if let Some(search) = query.search.as_deref() {
        for word in pishkhan_iran::normalize::for_search(search).split_whitespace() {
            qb.push(" AND c.search_text LIKE ")
                .push_bind(super::like_pattern(word))
                .push(" ESCAPE '\\'");
        }
    }
    qb.push(" ORDER BY c.full_name, c.id LIMIT ")
        .push_bind(limit as i64);
    let rows = qb.build().fetch_all(pool).await?;
    Ok(rows
        .iter()
        .map(|r| CustomerSummary {
            id: r.get("id"),
            full_name: r.get("full_name"),
            mobile: r.get("mobile"),
            email: r.get("email"),
            city: r.get("city"),
            order_count: r.get("order_count"),
        })
        .collect())
}
