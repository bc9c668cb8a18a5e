//! The dashboard's figures for a period of Tehran calendar days, computed from the cache.
//!
//! Revenue counts sales only (`cache::SALE`: paid, neither cancelled nor refunded). The daily
//! series has one entry for every day of the period, zeros included; the UI groups it into
//! weeks and months of the merchant's calendar (Jalali or Gregorian), which is display, not a
//! business rule.

use chrono::NaiveDate;
use pishkhan_api::OrderStatus;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use super::SALE;
use crate::error::{CoreError, Result};
use crate::tehran;

/// The longest period the dashboard computes: ten years of days.
pub const MAX_DAYS: i64 = 3660;
pub const TOP: i64 = 10;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardQuery {
    /// First Tehran day included.
    pub from_date: NaiveDate,
    /// Last Tehran day included.
    pub to_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// Orders placed in the period, whatever became of them.
    pub order_count: i64,
    pub paid_order_count: i64,
    /// Rials of sales.
    pub revenue: i64,
    /// Rials: revenue / paid orders, rounded down; 0 without sales.
    pub average_order_value: i64,
    pub daily: Vec<DaySales>,
    pub by_status: Vec<StatusCount>,
    pub top_products: Vec<ProductSales>,
    pub top_customers: Vec<CustomerSales>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySales {
    pub date: NaiveDate,
    /// Orders placed that day.
    pub orders: i64,
    /// Rials of that day's sales.
    pub revenue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: OrderStatus,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductSales {
    pub name: String,
    pub quantity: i64,
    /// Rials.
    pub revenue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSales {
    pub customer_id: Option<i64>,
    pub name: String,
    pub orders: i64,
    /// Rials.
    pub spent: i64,
}

pub async fn compute(pool: &SqlitePool, query: &DashboardQuery) -> Result<Dashboard> {
    if query.from_date > query.to_date {
        return Err(CoreError::invalid(
            "The start date is after the end date; swap them",
            "تاریخ آغاز پس از تاریخ پایان است؛ جای آن دو را عوض کنید",
        ));
    }
    let days = (query.to_date - query.from_date).num_days() + 1;
    if days > MAX_DAYS {
        return Err(CoreError::invalid(
            "The period is longer than ten years; choose a shorter one",
            "بازه بیش از ده سال است؛ بازهٔ کوتاه‌تری برگزینید",
        ));
    }
    let start = tehran::day_start_ms(query.from_date);
    let end = tehran::day_start_ms(query.to_date) + tehran::DAY_MS;

    let (order_count, paid_order_count, revenue): (i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(*), COALESCE(SUM({SALE}), 0), COALESCE(SUM(CASE WHEN {SALE} THEN final_total END), 0)
         FROM orders WHERE created_at >= ?1 AND created_at < ?2"
    ))
    .bind(start)
    .bind(end)
    .fetch_one(pool)
    .await?;

    let per_day: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT (created_at + {off}) / {day} AS d, COUNT(*), COALESCE(SUM(CASE WHEN {SALE} THEN final_total END), 0)
         FROM orders WHERE created_at >= ?1 AND created_at < ?2 GROUP BY d",
        off = tehran::OFFSET_MS,
        day = tehran::DAY_MS
    ))
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let first_day = tehran::day_number(start);
    let mut daily: Vec<DaySales> = (0..days)
        .map(|i| DaySales {
            date: tehran::day_number_date(first_day + i),
            orders: 0,
            revenue: 0,
        })
        .collect();
    for (d, orders, rev) in per_day {
        if let Some(slot) = usize::try_from(d - first_day)
            .ok()
            .and_then(|i| daily.get_mut(i))
        {
            slot.orders = orders;
            slot.revenue = rev;
        }
    }

    let by_status: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT status_rank, COUNT(*) FROM orders WHERE created_at >= ?1 AND created_at < ?2
         GROUP BY status_rank ORDER BY status_rank",
    )
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let by_status = by_status
        .into_iter()
        .filter_map(|(rank, count)| {
            super::orders::status_of_rank(rank).map(|status| StatusCount { status, count })
        })
        .collect();

    let top_products: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT i.name, SUM(i.quantity), SUM(i.total) AS revenue
         FROM (SELECT id FROM orders WHERE created_at >= ?1 AND created_at < ?2 AND {SALE}) s
         JOIN order_items i ON i.order_id = s.id
         GROUP BY i.name ORDER BY revenue DESC, i.name LIMIT {TOP}"
    ))
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;

    let top_customers: Vec<(Option<i64>, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT customer_id, MAX(customer_name), COUNT(*), SUM(final_total) AS spent
         FROM orders WHERE created_at >= ?1 AND created_at < ?2 AND {SALE}
         GROUP BY COALESCE(customer_id, -1), CASE WHEN customer_id IS NULL THEN customer_name END
         ORDER BY spent DESC LIMIT {TOP}"
    ))
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;

    Ok(Dashboard {
        order_count,
        paid_order_count,
        revenue,
        average_order_value: if paid_order_count > 0 {
            revenue / paid_order_count
        } else {
            0
        },
        daily,
        by_status,
        top_products: top_products
            .into_iter()
            .map(|(name, quantity, revenue)| ProductSales {
                name,
                quantity,
                revenue,
            })
            .collect(),
        top_customers: top_customers
            .into_iter()
            .map(|(customer_id, name, orders, spent)| CustomerSales {
                customer_id,
                name,
                orders,
                spent,
            })
            .collect(),
    })
}
