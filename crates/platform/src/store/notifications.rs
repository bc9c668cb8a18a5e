//! The store's notification outbox: every new order queues an email to the store (always on,
//! per the platform's policy) and, when the owner turned SMS-on-new-order on, an SMS to the
//! owner's mobile — in the same transaction that creates the orders, so an order never exists
//! without its notifications.

use chrono::Utc;
use pishkhan_api::{NotificationChannel, Order, StoreNotification};
use pishkhan_iran::money::toman;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

use crate::error::Result;

fn body(order: &Order) -> String {
    format!(
        "سفارش تازهٔ {} به مبلغ {} تومان ثبت شد. / New order {}: {} Toman.",
        order.order_number,
        toman(order.invoice.final_total),
        order.order_number,
        toman(order.invoice.final_total)
    )
}

/// Queues the notifications new `orders` of `store_id` call for, in the caller's transaction.
pub async fn queue_for_new_orders(
    tx: &mut Transaction<'_, Sqlite>,
    store_id: i64,
    orders: &[Order],
) -> Result<()> {
    let row = sqlx::query(
        "SELECT m.email, s.sms_on_new_order, s.owner_mobile FROM stores s JOIN merchants m ON m.id = s.merchant_id
         WHERE s.id = ?1",
    )
    .bind(store_id)
    .fetch_one(&mut **tx)
    .await?;
    let email: String = row.get("email");
    let sms = row.get::<i64, _>("sms_on_new_order") != 0;
    let mobile: Option<String> = row.get("owner_mobile");
    let now = Utc::now().to_rfc3339();
    for order in orders {
        let text = body(order);
        let mut queue = vec![(NotificationChannel::Email, email.clone())];
        if let (true, Some(m)) = (sms, &mobile) {
            queue.push((NotificationChannel::Sms, m.clone()));
        }
        for (channel, recipient) in queue {
            sqlx::query(
                "INSERT INTO notifications (store_id, order_id, channel, recipient, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(store_id)
            .bind(order.id)
            .bind(match channel {
                NotificationChannel::Email => "email",
                NotificationChannel::Sms => "sms",
            })
            .bind(recipient)
            .bind(&text)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The store's notifications, oldest first.
pub async fn list(pool: &SqlitePool, store_id: i64) -> Result<Vec<StoreNotification>> {
    let rows = sqlx::query(
        "SELECT id, order_id, channel, recipient, body, status, created_at FROM notifications
         WHERE store_id = ?1 ORDER BY id",
    )
    .bind(store_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let channel: String = r.get("channel");
            let at: String = r.get("created_at");
            Ok(StoreNotification {
                id: r.get("id"),
                order_id: r.get("order_id"),
                channel: if channel == "sms" {
                    NotificationChannel::Sms
                } else {
                    NotificationChannel::Email
                },
                recipient: r.get("recipient"),
                body: r.get("body"),
                status: r.get("status"),
                created_at: chrono::DateTime::parse_from_rfc3339(&at)
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Changes the store's notification settings.
pub async fn update_settings(
    pool: &SqlitePool,
    store_id: i64,
    sms_on_new_order: Option<bool>,
    owner_mobile: Option<String>,
) -> Result<()> {
    let mut tx = super::begin_write(pool).await?;
    if let Some(on) = sms_on_new_order {
        sqlx::query("UPDATE stores SET sms_on_new_order = ?1 WHERE id = ?2")
            .bind(on as i64)
            .bind(store_id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(m) = owner_mobile {
        sqlx::query("UPDATE stores SET owner_mobile = ?1 WHERE id = ?2")
            .bind(m)
            .bind(store_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
