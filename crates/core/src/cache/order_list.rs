//! The orders list: every combination of filters, search and sort over the whole cache.
//!
//! Pages are keyset-paginated: a page ends with an opaque position (`nextAfter`) holding the
//! last row's sort key and id, and the next page starts strictly after it, so the thousandth
//! page costs what the first does (no OFFSET scans). Each sort walks an index that already has
//! its order (see `migrations/0002_review.sql`).
//!
//! Search goes through the `order_search` full-text index. Sorted by date, a search is driven
//! by that index in id order: the platform numbers orders as they are placed, so id order is
//! placing order, and the first page of a common word needs no sort of all its matches.
//!
//! Counting is separate from paging (`count`): a count of a million rows costs tens of
//! milliseconds, and the list should not wait for it.

use chrono::NaiveDate;
use pishkhan_api::{OrderStatus, PaymentStatus};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use ts_rs::TS;

use super::orders::{display_mobile, status_of_rank, status_rank};
use super::search::match_expression;
use crate::error::{CoreError, Result};
use crate::tehran;

pub use super::{DEFAULT_LIMIT, MAX_LIMIT};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// When the order was placed.
    #[default]
    Date,
    /// The final total, then date.
    Amount,
    /// The workflow order of statuses, then date.
    Status,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    #[default]
    Desc,
    Asc,
}

/// What the orders list asks for. Every field is optional; the default is every order, newest
/// first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields = nullable)]
pub struct OrderQuery {
    /// Words matched (as prefixes) against order number, buyer name, mobile, email, postal
    /// code, city, products and tracking codes.
    pub search: Option<String>,
    pub status: Option<OrderStatus>,
    pub payment_status: Option<PaymentStatus>,
    pub shipping_method: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub customer_id: Option<i64>,
    /// Rials, inclusive.
    pub min_total: Option<i64>,
    /// Rials, inclusive.
    pub max_total: Option<i64>,
    /// First Tehran calendar day included.
    pub from_date: Option<NaiveDate>,
    /// Last Tehran calendar day included.
    pub to_date: Option<NaiveDate>,
    pub sort: Option<SortKey>,
    pub direction: Option<SortDirection>,
    /// 1..=500, default 100.
    pub limit: Option<u32>,
    /// The `nextAfter` of the previous page.
    pub after: Option<String>,
}

/// One line of the orders list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: i64,
    pub order_number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    pub customer_id: Option<i64>,
    pub customer_name: String,
    /// `+989XXXXXXXXX`.
    pub mobile: Option<String>,
    /// `09XX XXX XXXX`, as merchants read it.
    pub mobile_display: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub shipping_method: Option<String>,
    /// Rials.
    pub final_total: i64,
    pub item_count: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next_after: Option<String>,
}

/// The choices the list's filters offer, from what is cached.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilterOptions {
    pub provinces: Vec<Province>,
    pub shipping_methods: Vec<String>,
    /// Tehran day of the oldest and newest cached order.
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Province {
    pub name: String,
    pub cities: Vec<String>,
}

/// How a query walks the table: the sort columns (the last is always the id) and whether the
/// full-text index drives the walk.
struct Plan {
    key: SortKey,
    desc: bool,
    search: Option<String>,
    /// Search sorted by date: walk `order_search` in rowid (= order id) order.
    search_driven: bool,
}

impl Plan {
    fn of(query: &OrderQuery) -> Plan {
        let key = query.sort.unwrap_or_default();
        let search = query.search.as_deref().and_then(match_expression);
        Plan {
            key,
            desc: query.direction.unwrap_or_default() == SortDirection::Desc,
            search_driven: search.is_some() && key == SortKey::Date,
            search,
        }
    }

    /// The columns of the sort, most significant first.
    fn columns(&self) -> &'static [&'static str] {
        if self.search_driven {
            return &["id"];
        }
        match self.key {
            SortKey::Date => &["created_at", "id"],
            SortKey::Amount => &["final_total", "created_at", "id"],
            SortKey::Status => &["status_rank", "created_at", "id"],
        }
    }

    /// A tag a position carries, so a position from another sort is refused, not misread.
    fn tag(&self) -> String {
        format!(
            "{}{}{}",
            match self.key {
                SortKey::Date => 'd',
                SortKey::Amount => 'a',
                SortKey::Status => 's',
            },
            if self.search_driven { "f" } else { "" },
            if self.desc { '-' } else { '+' }
        )
    }

    fn encode_position(&self, row: &SqliteRow) -> String {
        let values: Vec<String> = self
            .columns()
            .iter()
            .map(|c| row.get::<i64, _>(*c).to_string())
            .collect();
        format!("{}:{}", self.tag(), values.join("."))
    }

    fn decode_position(&self, after: &str) -> Result<Vec<i64>> {
        let bad = super::bad_position;
        let (tag, values) = after.split_once(':').ok_or_else(bad)?;
        if tag != self.tag() {
            return Err(bad());
        }
        let values = values
            .split('.')
            .map(|v| v.parse::<i64>().map_err(|_| bad()))
            .collect::<Result<Vec<_>>>()?;
        if values.len() != self.columns().len() {
            return Err(bad());
        }
        Ok(values)
    }
}

/// Checks the ranges the merchant can get backwards, with a message that says how to fix it.
fn validate(query: &OrderQuery) -> Result<()> {
    if let (Some(min), Some(max)) = (query.min_total, query.max_total) {
        if min > max {
            return Err(CoreError::invalid(
                "The minimum amount is above the maximum; swap them",
                "حداقل مبلغ از حداکثر آن بیشتر است؛ جای آن دو را عوض کنید",
            ));
        }
    }
    if let (Some(from), Some(to)) = (query.from_date, query.to_date) {
        if from > to {
            return Err(CoreError::invalid(
                "The start date is after the end date; swap them",
                "تاریخ آغاز پس از تاریخ پایان است؛ جای آن دو را عوض کنید",
            ));
        }
    }
    Ok(())
}

/// `SELECT <columns> FROM … WHERE <filters>` for `query`, ready for a position and an order.
fn select<'q>(columns: &str, query: &'q OrderQuery, plan: &'q Plan) -> QueryBuilder<'q, Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(format!("SELECT {columns} FROM "));
    match (&plan.search, plan.search_driven) {
        (Some(expr), true) => {
            qb.push(
                "order_search JOIN orders o ON o.id = order_search.rowid WHERE order_search MATCH ",
            )
            .push_bind(expr.as_str());
        }
        (Some(expr), false) => {
            qb.push(
                "orders o WHERE o.id IN (SELECT rowid FROM order_search WHERE order_search MATCH ",
            )
            .push_bind(expr.as_str())
            .push(")");
        }
        (None, _) => {
            qb.push("orders o WHERE 1 = 1");
        }
    }
    if let Some(status) = query.status {
        qb.push(" AND o.status_rank = ")
            .push_bind(status_rank(status));
    }
    if let Some(p) = query.payment_status {
        qb.push(" AND o.payment_status = ").push_bind(p.as_str());
    }
    if let Some(m) = query.shipping_method.as_deref() {
        qb.push(" AND o.shipping_method = ").push_bind(m);
    }
    if let Some(p) = query.province.as_deref() {
        qb.push(" AND o.province = ").push_bind(p);
    }
    if let Some(c) = query.city.as_deref() {
        qb.push(" AND o.city = ").push_bind(c);
    }
    if let Some(id) = query.customer_id {
        qb.push(" AND o.customer_id = ").push_bind(id);
    }
    match (query.min_total, query.max_total) {
        // One exact amount: an equality lets SQLite walk `orders_by_total` (amount, then
        // date) already in date order; as a bound range it cannot know the bounds are equal.
        (Some(min), Some(max)) if min == max => {
            qb.push(" AND o.final_total = ").push_bind(min);
        }
        (min, max) => {
            if let Some(min) = min {
                qb.push(" AND o.final_total >= ").push_bind(min);
            }
            if let Some(max) = max {
                qb.push(" AND o.final_total <= ").push_bind(max);
            }
        }
    }
    if let Some(from) = query.from_date {
        qb.push(" AND o.created_at >= ")
            .push_bind(tehran::day_start_ms(from));
    }
    if let Some(to) = query.to_date {
        qb.push(" AND o.created_at < ")
            .push_bind(tehran::day_start_ms(to) + tehran::DAY_MS);
    }
    qb
}

/// The key columns every page query selects, so the next position can be read from a row.
const KEY_COLUMNS: &str = "o.id AS id, o.created_at AS created_at, o.final_total AS final_total, o.status_rank AS status_rank";

/// One page of rows of `query`, each mapped by `map`, and the position after it.
pub(crate) async fn page<T>(
    pool: &SqlitePool,
    query: &OrderQuery,
    columns: &str,
    limit: u32,
    map: impl Fn(&SqliteRow) -> Result<T>,
) -> Result<(Vec<T>, Option<String>)> {
    validate(query)?;
    let plan = Plan::of(query);
    let position = match query.after.as_deref() {
        Some(after) => Some(plan.decode_position(after)?),
        None => None,
    };
    let all_columns = format!("{KEY_COLUMNS}, {columns}");
    let mut qb = select(&all_columns, query, &plan);
    let qualified: Vec<String> = plan
        .columns()
        .iter()
        .map(|c| {
            if plan.search_driven {
                "order_search.rowid".to_string()
            } else {
                format!("o.{c}")
            }
        })
        .collect();
    if let Some(values) = position {
        qb.push(format!(
            " AND ({}) {} (",
            qualified.join(", "),
            if plan.desc { "<" } else { ">" }
        ));
        let mut sep = qb.separated(", ");
        for v in values {
            sep.push_bind(v);
        }
        qb.push(")");
    }
    let dir = if plan.desc { " DESC" } else { " ASC" };
    let order: Vec<String> = qualified.iter().map(|c| format!("{c}{dir}")).collect();
    qb.push(format!(" ORDER BY {} LIMIT ", order.join(", ")))
        .push_bind(i64::from(limit) + 1);
    let rows = qb.build().fetch_all(pool).await?;

    let more = rows.len() > limit as usize;
    let rows = &rows[..rows.len().min(limit as usize)];
    let next = if more {
        rows.last().map(|r| plan.encode_position(r))
    } else {
        None
    };
    let items = rows.iter().map(map).collect::<Result<Vec<T>>>()?;
    Ok((items, next))
}

const SUMMARY_COLUMNS: &str =
    "o.order_number, o.status_rank, o.payment_status, o.shipping_method, o.customer_id,
    o.customer_name, o.mobile, o.province, o.city, o.item_count";

pub(crate) fn summary_of(r: &SqliteRow) -> Result<OrderSummary> {
    let rank: i64 = r.get("status_rank");
    let payment: String = r.get("payment_status");
    let mobile: Option<String> = r.get("mobile");
    Ok(OrderSummary {
        id: r.get("id"),
        order_number: r.get("order_number"),
        status: status_of_rank(rank)
            .ok_or_else(|| CoreError::MalformedResponse(format!("status rank {rank}")))?,
        payment_status: serde_json::from_value(serde_json::Value::String(payment))
            .map_err(|e| CoreError::MalformedResponse(crate::error::json_error(&e)))?,
        customer_id: r.get("customer_id"),
        customer_name: r.get("customer_name"),
        mobile_display: mobile.as_deref().map(display_mobile),
        mobile,
        province: r.get("province"),
        city: r.get("city"),
        shipping_method: r.get("shipping_method"),
        final_total: r.get("final_total"),
        item_count: r.get("item_count"),
        created_at: super::from_millis(r.get("created_at")).unwrap_or_default(),
    })
}

/// A page of the orders list.
pub async fn list(pool: &SqlitePool, query: &OrderQuery) -> Result<OrderPage> {
    let limit = super::page_limit(query.limit)?;
    let (orders, next_after) = page(pool, query, SUMMARY_COLUMNS, limit, summary_of).await?;
    Ok(OrderPage { orders, next_after })
}

/// How many cached orders match the query's filters and search (`after` and `limit` ignored).
pub async fn count(pool: &SqlitePool, query: &OrderQuery) -> Result<u64> {
    validate(query)?;
    let plan = Plan::of(query);
    let n: i64 = select("COUNT(*)", query, &plan)
        .build_query_scalar()
        .fetch_one(pool)
        .await?;
    Ok(n as u64)
}

/// Provinces with their cities, shipping methods and the span of dates cached.
pub async fn filter_options(pool: &SqlitePool) -> Result<FilterOptions> {
    let places: Vec<(String, String)> =
        sqlx::query_as("SELECT province, city FROM places ORDER BY province, city")
            .fetch_all(pool)
            .await?;
    let mut provinces: Vec<Province> = Vec::new();
    for (province, city) in places {
        match provinces.last_mut() {
            Some(p) if p.name == province => p.cities.push(city),
            _ => provinces.push(Province {
                name: province,
                cities: vec![city],
            }),
        }
    }
    let shipping_methods = sqlx::query_scalar("SELECT name FROM shipping_methods ORDER BY name")
        .fetch_all(pool)
        .await?;
    let (first, last): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT MIN(created_at), MAX(created_at) FROM orders")
            .fetch_one(pool)
            .await?;
    Ok(FilterOptions {
        provinces,
        shipping_methods,
        first_date: first.map(tehran::date_of_ms),
        last_date: last.map(tehran::date_of_ms),
    })
}
