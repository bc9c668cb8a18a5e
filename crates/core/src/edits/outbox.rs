//! The outbox table: edits waiting for the platform, in the order they were made.

use pishkhan_api::{Mutation, OrderChange, OrderField};
use serde::{Deserialize, Serialize};
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use ts_rs::TS;

use crate::error::{json_error, CoreError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Waiting to be sent (or re-sent after a failure).
    Pending,
    /// The platform changed the same part of the order meanwhile: the merchant decides.
    Conflict,
}

/// One waiting edit, as the status area and `pishkhan outbox` show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    pub seq: i64,
    pub mutation_id: String,
    pub order_id: i64,
    pub order_number: Option<String>,
    pub base_version: i64,
    pub change: OrderChange,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub state: EntryState,
    /// Sends tried without an answer.
    pub attempts: i64,
    /// Why the last send got no answer: an error code (`platform_unreachable`,
    /// `platform_error`, …) the UI words in the merchant's language.
    pub last_error: Option<String>,
    /// For a conflict: the parts of the order that changed on the platform.
    pub conflict_fields: Vec<OrderField>,
}

pub(crate) fn change_json(change: &OrderChange) -> Result<String> {
    serde_json::to_string(change).map_err(|e| CoreError::InvalidInput(json_error(&e)))
}

pub(crate) fn parse_change(text: &str) -> Result<OrderChange> {
    serde_json::from_str(text).map_err(|e| CoreError::MalformedResponse(json_error(&e)))
}

/// A fresh mutation id: 32 hex digits of randomness.
pub(crate) fn new_mutation_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

pub(crate) async fn insert(
    tx: &mut Transaction<'_, Sqlite>,
    order_id: i64,
    base_version: i64,
    change: &OrderChange,
) -> Result<String> {
    let id = new_mutation_id();
    sqlx::query(
        "INSERT INTO outbox (mutation_id, order_id, base_version, change, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&id)
    .bind(order_id)
    .bind(base_version)
    .bind(change_json(change)?)
    .bind(chrono::Utc::now().timestamp_millis())
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

fn entry(r: &sqlx::sqlite::SqliteRow) -> Result<OutboxEntry> {
    let state: String = r.get("state");
    let conflict: Option<String> = r.get("conflict");
    Ok(OutboxEntry {
        seq: r.get("seq"),
        mutation_id: r.get("mutation_id"),
        order_id: r.get("order_id"),
        order_number: r.get("order_number"),
        base_version: r.get("base_version"),
        change: parse_change(r.get("change"))?,
        created_at: crate::cache::from_millis(r.get("created_at")).unwrap_or_default(),
        state: if state == "conflict" {
            EntryState::Conflict
        } else {
            EntryState::Pending
        },
        attempts: r.get("attempts"),
        last_error: r.get("last_error"),
        conflict_fields: conflict
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok())
            .unwrap_or_default(),
    })
}

const SELECT: &str = "SELECT b.seq, b.mutation_id, b.order_id, o.order_number, b.base_version, b.change, b.created_at,
    b.state, b.attempts, b.last_error, b.conflict FROM outbox b LEFT JOIN orders o ON o.id = b.order_id";

/// Every waiting edit, oldest first.
pub async fn entries(pool: &SqlitePool) -> Result<Vec<OutboxEntry>> {
    let rows = sqlx::query(&format!("{SELECT} ORDER BY b.seq"))
        .fetch_all(pool)
        .await?;
    rows.iter().map(entry).collect()
}

pub(crate) async fn by_mutation(
    tx: &mut Transaction<'_, Sqlite>,
    mutation_id: &str,
) -> Result<Option<OutboxEntry>> {
    let row = sqlx::query(&format!("{SELECT} WHERE b.mutation_id = ?1"))
        .bind(mutation_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(entry).transpose()
}

/// The waiting edits of one order, oldest first (pending and in conflict).
pub(crate) async fn of_order(
    tx: &mut Transaction<'_, Sqlite>,
    order_id: i64,
) -> Result<Vec<OutboxEntry>> {
    let rows = sqlx::query(&format!("{SELECT} WHERE b.order_id = ?1 ORDER BY b.seq"))
        .bind(order_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(entry).collect()
}

/// The waiting edits of one order, oldest first, outside a transaction.
pub async fn of_order_pool(pool: &SqlitePool, order_id: i64) -> Result<Vec<OutboxEntry>> {
    let rows = sqlx::query(&format!("{SELECT} WHERE b.order_id = ?1 ORDER BY b.seq"))
        .bind(order_id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(entry).collect()
}

/// (edits waiting to be sent, edits in conflict).
pub async fn counts(pool: &SqlitePool) -> Result<(u64, u64)> {
    let (p, c): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'conflict'), 0) FROM outbox",
    )
    .fetch_one(pool)
    .await?;
    Ok((p as u64, c as u64))
}

/// What to send next: the oldest pending edit of each order whose earlier edits are all
/// answered, oldest first, at most `max`. An order's next edit goes only after the previous one
/// is answered (its base version is then the platform's answer); an edit behind a conflict
/// waits for the merchant's decision.
pub(crate) async fn next_batch(pool: &SqlitePool, max: i64) -> Result<Vec<Mutation>> {
    let rows = sqlx::query(
        "SELECT b.mutation_id, b.order_id, b.base_version, b.change FROM outbox b
         WHERE b.state = 'pending'
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.order_id = b.order_id AND e.seq < b.seq)
         ORDER BY b.seq LIMIT ?1",
    )
    .bind(max)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Mutation {
                id: r.get("mutation_id"),
                order_id: r.get("order_id"),
                base_version: r.get("base_version"),
                change: parse_change(r.get("change"))?,
            })
        })
        .collect()
}

/// Notes a send that got no answer, for the status area.
pub(crate) async fn note_failure(pool: &SqlitePool, ids: &[String], error: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    for id in ids {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?1 WHERE mutation_id = ?2",
        )
        .bind(error)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn remove(tx: &mut Transaction<'_, Sqlite>, mutation_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM outbox WHERE mutation_id = ?1")
        .bind(mutation_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records what became of an edit that leaves the outbox.
pub(crate) async fn log(
    tx: &mut Transaction<'_, Sqlite>,
    e: &OutboxEntry,
    outcome: &str,
    reason: Option<(&str, &str, &str)>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO edit_log (mutation_id, order_id, change, outcome, code, message, message_fa, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(&e.mutation_id)
    .bind(e.order_id)
    .bind(change_json(&e.change)?)
    .bind(outcome)
    .bind(reason.map(|r| r.0))
    .bind(reason.map(|r| r.1))
    .bind(reason.map(|r| r.2))
    .bind(chrono::Utc::now().timestamp_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An edit the platform rejected, for the merchant to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RejectedEdit {
    pub mutation_id: String,
    pub order_id: i64,
    pub order_number: Option<String>,
    pub change: OrderChange,
    pub code: String,
    pub message: String,
    pub message_fa: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The latest rejected edits, newest first.
pub async fn rejected(pool: &SqlitePool, limit: i64) -> Result<Vec<RejectedEdit>> {
    let rows = sqlx::query(
        "SELECT l.mutation_id, l.order_id, o.order_number, l.change, l.code, l.message, l.message_fa, l.at
         FROM edit_log l LEFT JOIN orders o ON o.id = l.order_id
         WHERE l.outcome = 'rejected' ORDER BY l.id DESC LIMIT ?1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RejectedEdit {
                mutation_id: r.get("mutation_id"),
                order_id: r.get("order_id"),
                order_number: r.get("order_number"),
                change: parse_change(r.get("change"))?,
                code: r.get::<Option<String>, _>("code").unwrap_or_default(),
                message: r.get::<Option<String>, _>("message").unwrap_or_default(),
                message_fa: r.get::<Option<String>, _>("message_fa").unwrap_or_default(),
                at: crate::cache::from_millis(r.get("at")).unwrap_or_default(),
            })
        })
        .collect()
}
