//! Offline edits: the merchant changes an order (status, shipment, internal note, cancel), the
//! cache shows it at once, and the edit waits in the outbox — written in the same SQLite
//! transaction — until the platform answers it.
//!
//! The platform stays authoritative. For an order with waiting edits the cache keeps the
//! platform's copy in `order_base` and shows that copy with the waiting edits replayed on top
//! (`rebuild_view`). So a sync bringing the platform's newer version never hides an edit, an
//! applied edit turns into the platform's own version, and a rejected one simply disappears
//! from the replay — the order rolls back to what the platform holds.
//!
//! The rules of what an edit may do are `pishkhan_api::workflow`, the same functions the
//! platform applies: an edit the platform would refuse is refused here, offline, with the same
//! reason.
//!
//! - `outbox`: the table of waiting edits.
//! - `push`: sending them, one answer at a time.

pub mod outbox;
pub mod push;

#[cfg(test)]
mod ordering_props;

use chrono::Utc;
use pishkhan_api::workflow::apply;
use pishkhan_api::{Order, OrderChange};
use sqlx::{Sqlite, Transaction};

use crate::cache::{orders, Cache};
use crate::error::{json_error, CoreError, Result};
use outbox::{EntryState, OutboxEntry};

async fn read_doc(tx: &mut Transaction<'_, Sqlite>, sql: &str, id: i64) -> Result<Option<Order>> {
    let doc: Option<String> = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    doc.map(|d| serde_json::from_str(&d).map_err(|e| CoreError::MalformedResponse(json_error(&e))))
        .transpose()
}

/// The platform's copy of an order with waiting edits, if it has any.
async fn base_of(tx: &mut Transaction<'_, Sqlite>, order_id: i64) -> Result<Option<Order>> {
    read_doc(
        tx,
        "SELECT doc FROM order_base WHERE order_id = ?1",
        order_id,
    )
    .await
}

async fn save_base(tx: &mut Transaction<'_, Sqlite>, order: &Order) -> Result<()> {
    let doc = serde_json::to_string(order).map_err(|e| CoreError::InvalidInput(json_error(&e)))?;
    sqlx::query("INSERT OR REPLACE INTO order_base (order_id, doc) VALUES (?1, ?2)")
        .bind(order.id)
        .bind(doc)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Shows `base` (the platform's copy) with the order's waiting edits replayed on top; forgets
/// the base when nothing waits any more.
pub(crate) async fn rebuild_view(tx: &mut Transaction<'_, Sqlite>, base: &Order) -> Result<()> {
    let waiting = outbox::of_order(tx, base.id).await?;
    if waiting.is_empty() {
        sqlx::query("DELETE FROM order_base WHERE order_id = ?1")
            .bind(base.id)
            .execute(&mut **tx)
            .await?;
        return orders::upsert(tx, base).await;
    }
    save_base(tx, base).await?;
    let mut view = base.clone();
    for e in &waiting {
        // An edit the newer copy no longer allows stays in the outbox for the platform to
        // answer (it will say why); the view shows what it can.
        let mut attempt = view.clone();
        if apply(&mut attempt, &e.change, e.created_at).is_ok() {
            view = attempt;
        }
    }
    orders::upsert(tx, &view).await
}

/// Which of these orders have a platform copy kept under waiting edits.
pub(crate) async fn orders_with_waiting_edits(
    tx: &mut Transaction<'_, Sqlite>,
    ids: &[i64],
) -> Result<std::collections::HashSet<i64>> {
    crate::cache::present_ids(tx, "order_base", "order_id", ids).await
}

/// Takes an order the platform sent (by sync or as an answer) into the cache, keeping the
/// merchant's waiting edits on top of it.
pub(crate) async fn absorb_platform_order(
    tx: &mut Transaction<'_, Sqlite>,
    order: &Order,
) -> Result<()> {
    if base_of(tx, order.id).await?.is_some() {
        rebuild_view(tx, order).await
    } else {
        orders::upsert(tx, order).await
    }
}

/// Makes an edit: applied to the cached order now, and queued for the platform in the same
/// transaction. Returns the order as the cache now shows it.
pub async fn edit(cache: &Cache, order_id: i64, change: OrderChange) -> Result<Order> {
    let mut tx = cache.begin().await?;
    let mut view = read_doc(&mut tx, "SELECT doc FROM orders WHERE id = ?1", order_id)
        .await?
        .ok_or_else(|| CoreError::OrderNotFound(order_id.to_string()))?;
    let base = match base_of(&mut tx, order_id).await? {
        Some(b) => b,
        None => view.clone(),
    };
    let changed = apply(&mut view, &change, Utc::now()).map_err(CoreError::from)?;
    if changed.is_empty() {
        // Already as asked: nothing to send.
        return Ok(view);
    }
    save_base(&mut tx, &base).await?;
    outbox::insert(&mut tx, order_id, base.version, &change).await?;
    orders::upsert(&mut tx, &view).await?;
    tx.commit().await?;
    tracing::info!(order_id, "edit queued");
    Ok(view)
}

/// In a conflict, sends the merchant's edit again on top of the platform's current version
/// (as a new mutation: the old id already has its answer).
pub async fn keep_mine(cache: &Cache, mutation_id: &str) -> Result<()> {
    let mut tx = cache.begin().await?;
    let e = conflict_entry(&mut tx, mutation_id).await?;
    let base = base_of(&mut tx, e.order_id).await?;
    let version = base.map_or(e.base_version, |b| b.version);
    sqlx::query(
        "UPDATE outbox SET state = 'pending', conflict = NULL, mutation_id = ?1, base_version = ?2,
           attempts = 0, last_error = NULL WHERE mutation_id = ?3",
    )
    .bind(outbox::new_mutation_id())
    .bind(version)
    .bind(mutation_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// In a conflict, drops the merchant's edit and shows the platform's version.
pub async fn take_theirs(cache: &Cache, mutation_id: &str) -> Result<()> {
    let mut tx = cache.begin().await?;
    let e = conflict_entry(&mut tx, mutation_id).await?;
    outbox::remove(&mut tx, mutation_id).await?;
    outbox::log(&mut tx, &e, "discarded", None).await?;
    if let Some(base) = base_of(&mut tx, e.order_id).await? {
        rebuild_view(&mut tx, &base).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn conflict_entry(
    tx: &mut Transaction<'_, Sqlite>,
    mutation_id: &str,
) -> Result<OutboxEntry> {
    match outbox::by_mutation(tx, mutation_id).await? {
        Some(e) if e.state == EntryState::Conflict => Ok(e),
        _ => Err(CoreError::invalid(
            "That edit is not waiting for a decision any more; refresh the list",
            "این ویرایش دیگر منتظر تصمیم نیست؛ فهرست را تازه کنید",
        )),
    }
}
