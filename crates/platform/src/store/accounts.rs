//! Merchants, their stores, and their sign-in sessions.

use chrono::{DateTime, Utc};
use pishkhan_api::{Merchant, SessionInfo, Store};
use sqlx::{Row, SqlitePool};

use crate::error::{PlatformError, Result};

pub struct MerchantRecord {
    pub merchant: Merchant,
    pub password_hash: String,
}

pub async fn create_merchant(
    pool: &SqlitePool,
    name: &str,
    email: &str,
    password_hash: &str,
) -> Result<Merchant> {
    let now = Utc::now().to_rfc3339();
    let res = sqlx::query(
        "INSERT INTO merchants (name, email, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(name)
    .bind(email)
    .bind(password_hash)
    .bind(now)
    .execute(pool)
    .await;
    match res {
        Ok(done) => Ok(Merchant {
            id: done.last_insert_rowid(),
            name: name.to_string(),
            email: email.to_string(),
        }),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Err(PlatformError::Conflict(
            "a merchant with this email already exists".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn find_merchant_by_email(
    pool: &SqlitePool,
    email: &str,
) -> Result<Option<MerchantRecord>> {
    let row = sqlx::query("SELECT id, name, email, password_hash FROM merchants WHERE email = ?1")
        .bind(email.trim())
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| MerchantRecord {
        merchant: Merchant {
            id: r.get("id"),
            name: r.get("name"),
            email: r.get("email"),
        },
        password_hash: r.get("password_hash"),
    }))
}

pub async fn merchant(pool: &SqlitePool, id: i64) -> Result<Merchant> {
    let r = sqlx::query("SELECT id, name, email FROM merchants WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(PlatformError::NotFound("merchant"))?;
    Ok(Merchant {
        id: r.get("id"),
        name: r.get("name"),
        email: r.get("email"),
    })
}

pub async fn create_store(pool: &SqlitePool, merchant_id: i64, name: &str) -> Result<Store> {
    let done = sqlx::query("INSERT INTO stores (merchant_id, name) VALUES (?1, ?2)")
        .bind(merchant_id)
        .bind(name)
        .execute(pool)
        .await?;
    Ok(Store {
        id: done.last_insert_rowid(),
        name: name.to_string(),
        email_on_new_order: true,
        sms_on_new_order: false,
    })
}

fn store_from_row(r: &sqlx::sqlite::SqliteRow) -> Store {
    Store {
        id: r.get("id"),
        name: r.get("name"),
        email_on_new_order: true,
        sms_on_new_order: r.get::<i64, _>("sms_on_new_order") != 0,
    }
}

pub async fn stores_of(pool: &SqlitePool, merchant_id: i64) -> Result<Vec<Store>> {
    let rows = sqlx::query(
        "SELECT id, name, sms_on_new_order FROM stores WHERE merchant_id = ?1 ORDER BY id",
    )
    .bind(merchant_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(store_from_row).collect())
}

/// The store, checked to belong to the merchant; `NotFound` otherwise (a merchant cannot
/// learn whether another merchant's store exists).
pub async fn owned_store(pool: &SqlitePool, merchant_id: i64, store_id: i64) -> Result<Store> {
    let row = sqlx::query(
        "SELECT id, name, sms_on_new_order FROM stores WHERE id = ?1 AND merchant_id = ?2",
    )
    .bind(store_id)
    .bind(merchant_id)
    .fetch_optional(pool)
    .await?;
    row.as_ref()
        .map(store_from_row)
        .ok_or(PlatformError::NotFound("store"))
}

pub async fn store_exists(pool: &SqlitePool, store_id: i64) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM stores WHERE id = ?1")
        .bind(store_id)
        .fetch_optional(pool)
        .await?;
    found.map(|_| ()).ok_or(PlatformError::NotFound("store"))
}

pub struct NewSession<'a> {
    pub merchant_id: i64,
    pub access_hash: &'a str,
    pub refresh_hash: &'a str,
    pub access_expires_at: DateTime<Utc>,
    pub user_agent: Option<&'a str>,
    pub device_name: Option<&'a str>,
}

pub async fn insert_session(pool: &SqlitePool, s: NewSession<'_>) -> Result<i64> {
    let now = Utc::now().to_rfc3339();
    let done = sqlx::query(
        "INSERT INTO sessions (merchant_id, access_hash, refresh_hash, access_expires_at, signed_in_at, last_seen_at, user_agent, device_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)",
    )
    .bind(s.merchant_id)
    .bind(s.access_hash)
    .bind(s.refresh_hash)
    .bind(s.access_expires_at.to_rfc3339())
    .bind(now)
    .bind(s.user_agent)
    .bind(s.device_name)
    .execute(pool)
    .await?;
    Ok(done.last_insert_rowid())
}

/// The live session an access token belongs to: `(session id, merchant id)`.
pub async fn session_by_access(pool: &SqlitePool, access_hash: &str) -> Result<Option<(i64, i64)>> {
    let now = Utc::now();
    let row = sqlx::query(
        "UPDATE sessions SET last_seen_at = ?2
         WHERE access_hash = ?1 AND revoked_at IS NULL AND access_expires_at > ?3
         RETURNING id, merchant_id",
    )
    .bind(access_hash)
    .bind(now.to_rfc3339())
    .bind(now.to_rfc3339())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.get("id"), r.get("merchant_id"))))
}

/// Swaps a session's tokens for new ones, when `refresh_hash` is its current refresh token.
/// Returns the session id, or `None` for an unknown, used or revoked refresh token.
pub async fn rotate_tokens(
    pool: &SqlitePool,
    refresh_hash: &str,
    new_access_hash: &str,
    new_refresh_hash: &str,
    access_expires_at: DateTime<Utc>,
) -> Result<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE sessions SET access_hash = ?2, refresh_hash = ?3, access_expires_at = ?4, last_seen_at = ?5
         WHERE refresh_hash = ?1 AND revoked_at IS NULL RETURNING id",
    )
    .bind(refresh_hash)
    .bind(new_access_hash)
    .bind(new_refresh_hash)
    .bind(access_expires_at.to_rfc3339())
    .bind(Utc::now().to_rfc3339())
    .fetch_optional(pool)
    .await?;
    Ok(id)
}

pub async fn revoke_session(pool: &SqlitePool, merchant_id: i64, session_id: i64) -> Result<()> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = ?3 WHERE id = ?1 AND merchant_id = ?2 AND revoked_at IS NULL")
        .bind(session_id)
        .bind(merchant_id)
        .bind(Utc::now().to_rfc3339())
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(PlatformError::NotFound("session"));
    }
    Ok(())
}

pub async fn sessions_of(
    pool: &SqlitePool,
    merchant_id: i64,
    current: i64,
) -> Result<Vec<SessionInfo>> {
    let rows = sqlx::query(
        "SELECT id, signed_in_at, last_seen_at, user_agent, device_name, revoked_at FROM sessions
         WHERE merchant_id = ?1 ORDER BY id DESC",
    )
    .bind(merchant_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.get("id");
            Ok(SessionInfo {
                id,
                signed_in_at: parse_time(r.get("signed_in_at"))?,
                last_seen_at: parse_time(r.get("last_seen_at"))?,
                user_agent: r.get("user_agent"),
                device_name: r.get("device_name"),
                current: id == current,
                revoked: r.get::<Option<String>, _>("revoked_at").is_some(),
            })
        })
        .collect()
}

pub(crate) fn parse_time(s: String) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| PlatformError::Internal(format!("bad timestamp in database: {e}")))
}
