//! Applying the edits apps send, exactly once each.
//!
//! One write transaction per mutation: look the id up (a repeat gets the first answer and
//! changes nothing); check the parts the edit touches against the versions they last changed at
//! (changed after the edit's base version → conflict); apply the workflow rule shared with the
//! app (`pishkhan_api::workflow`); write the order through the change feed; remember the id
//! with its answer. A crash anywhere rolls the whole step back, so an id is either applied and
//! remembered, or neither.

use chrono::Utc;
use pishkhan_api::workflow::apply;
use pishkhan_api::{Mutation, MutationOutcome, MutationResult, Order, OrderField};
use sqlx::{Sqlite, SqlitePool, Transaction};

use super::records::{put_orders, touch_order};
use crate::error::Result;

/// Records that `fields` of an order changed at `version` (inside the writing transaction).
pub async fn mark_changed(
    tx: &mut Transaction<'_, Sqlite>,
    order_id: i64,
    fields: &[OrderField],
    version: i64,
) -> Result<()> {
    for f in fields {
        sqlx::query(
            "INSERT INTO order_field_versions (order_id, field, version) VALUES (?1, ?2, ?3)
             ON CONFLICT(order_id, field) DO UPDATE SET version = excluded.version",
        )
        .bind(order_id)
        .bind(f.as_str())
        .bind(version)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn changed_since(
    tx: &mut Transaction<'_, Sqlite>,
    order_id: i64,
    fields: &[OrderField],
    base_version: i64,
) -> Result<Vec<OrderField>> {
    let mut moved = Vec::new();
    for f in fields {
        // Notes only ever grow: two people adding notes never conflict.
        if *f == OrderField::Notes {
            continue;
        }
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM order_field_versions WHERE order_id = ?1 AND field = ?2",
        )
        .bind(order_id)
        .bind(f.as_str())
        .fetch_optional(&mut **tx)
        .await?;
        if v.is_some_and(|v| v > base_version) {
            moved.push(*f);
        }
    }
    Ok(moved)
}

async fn load_order(
    tx: &mut Transaction<'_, Sqlite>,
    store_id: i64,
    id: i64,
) -> Result<Option<Order>> {
    let doc: Option<Option<String>> = sqlx::query_scalar(
        "SELECT doc FROM orders WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
    )
    .bind(id)
    .bind(store_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match doc.flatten() {
        Some(d) => Some(serde_json::from_str(&d)?),
        None => None,
    })
}

fn rejected(code: &str, en: String, fa: String) -> MutationOutcome {
    MutationOutcome::Rejected {
        code: code.to_string(),
        message: en,
        message_fa: fa,
    }
}

/// Applies one mutation (or answers a repeated one) in its own transaction.
pub async fn apply_one(db: &SqlitePool, store_id: i64, m: &Mutation) -> Result<MutationResult> {
    let mut tx = super::begin_write(db).await?;
    let seen: Option<String> = sqlx::query_scalar(
        "SELECT answer FROM applied_mutations WHERE store_id = ?1 AND mutation_id = ?2",
    )
    .bind(store_id)
    .bind(&m.id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(answer) = seen {
        let outcome: MutationOutcome = serde_json::from_str(&answer)?;
        let order = load_order(&mut tx, store_id, m.order_id).await?;
        tx.commit().await?;
        return Ok(MutationResult {
            id: m.id.clone(),
            outcome,
            order,
        });
    }

    let mut order = load_order(&mut tx, store_id, m.order_id).await?;
    let outcome = match order.as_mut() {
        None => rejected(
            "order_not_found",
            "The order no longer exists on the platform".into(),
            "این سفارش دیگر روی سکوی فروشگاه وجود ندارد".into(),
        ),
        Some(o) if m.base_version > o.version => rejected(
            "unknown_version",
            format!(
                "The edit is based on version {} which the platform never had",
                m.base_version
            ),
            "ویرایش بر نسخه‌ای از سفارش بنا شده که سکو نداشته است".into(),
        ),
        Some(o) => {
            let moved = changed_since(&mut tx, o.id, m.change.fields(), m.base_version).await?;
            if !moved.is_empty() {
                MutationOutcome::Conflict { fields: moved }
            } else {
                let mut edited = o.clone();
                match apply(&mut edited, &m.change, Utc::now()) {
                    Err(refusal) => {
                        rejected(refusal.code(), refusal.message_en(), refusal.message_fa())
                    }
                    Ok(changed) => {
                        let produced = if changed.is_empty() {
                            None
                        } else {
                            touch_order(&mut edited);
                            put_orders(&mut tx, store_id, std::slice::from_ref(&edited)).await?;
                            mark_changed(&mut tx, edited.id, &changed, edited.version).await?;
                            let v = edited.version;
                            *o = edited;
                            Some(v)
                        };
                        MutationOutcome::Applied { version: produced }
                    }
                }
            }
        }
    };
    sqlx::query(
        "INSERT INTO applied_mutations (store_id, mutation_id, order_id, answer, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(store_id)
    .bind(&m.id)
    .bind(m.order_id)
    .bind(serde_json::to_string(&outcome)?)
    .bind(Utc::now().to_rfc3339())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(MutationResult {
        id: m.id.clone(),
        outcome,
        order,
    })
}

/// How many mutations of a store were ever applied (including conflicts and rejections).
pub async fn count(db: &SqlitePool, store_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM applied_mutations WHERE store_id = ?1")
            .bind(store_id)
            .fetch_one(db)
            .await?,
    )
}
