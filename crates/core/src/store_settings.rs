//! The store's notification settings, as the privacy policy describes them: an email to the
//! store for every order, always on; an SMS to the owner's mobile when an order is placed, the
//! owner's choice.
//!
//! The choice is made on this computer first (the Settings page, `pishkhan settings set`) and
//! kept in the cache's `store_settings` row until the platform has it, so a change made offline
//! waits like any edit and is sent by the next sync. Setting a switch is idempotent: sending the
//! same value twice changes nothing, so a retry after a lost answer is harmless. The value is
//! cleared from the queue only if it is still the one that was sent (a newer choice made while
//! it travelled stays queued).

use chrono::Utc;
use pishkhan_api::{Store, StoreSettingsPatch};
use serde::Serialize;
use ts_rs::TS;

use crate::cache::Cache;
use crate::error::{CoreError, PublicError, Result};
use crate::sync::AuthorizedClient;

/// What the Settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoreSettings {
    /// Always on, per the platform's policy.
    pub email_on_new_order: bool,
    /// The owner's choice (the waiting one, when a change has not reached the platform yet).
    pub sms_on_new_order: bool,
    /// A change waits to reach the platform.
    pub pending: bool,
    /// Why the last attempt to send it failed.
    pub last_error: Option<PublicError>,
}

type Row = (bool, Option<bool>, Option<String>);

async fn row(cache: &Cache) -> Result<Option<Row>> {
    Ok(sqlx::query_as(
        "SELECT sms_on_new_order, wanted_sms_on_new_order, last_error FROM store_settings WHERE id = 1",
    )
    .fetch_optional(cache.pool())
    .await?)
}

/// The settings as this computer knows them; `signed_in_store` (from the session) stands in
/// before the first sync has recorded the platform's value.
pub async fn get(cache: &Cache, signed_in_store: &Store) -> Result<StoreSettings> {
    let (platform, wanted, last_error) =
        row(cache)
            .await?
            .unwrap_or((signed_in_store.sms_on_new_order, None, None));
    Ok(StoreSettings {
        email_on_new_order: true,
        sms_on_new_order: wanted.unwrap_or(platform),
        pending: wanted.is_some(),
        last_error: last_error.and_then(|e| serde_json::from_str(&e).ok()),
    })
}

/// Queues the owner's choice of SMS on a new order.
pub async fn want_sms_on_new_order(cache: &Cache, signed_in_store: &Store, on: bool) -> Result<()> {
    sqlx::query(
        "INSERT INTO store_settings (id, sms_on_new_order, wanted_sms_on_new_order, last_error, updated_at)
         VALUES (1, ?1, ?2, NULL, ?3)
         ON CONFLICT (id) DO UPDATE SET wanted_sms_on_new_order = excluded.wanted_sms_on_new_order,
           last_error = NULL, updated_at = excluded.updated_at",
    )
    .bind(signed_in_store.sms_on_new_order)
    .bind(on)
    .bind(Utc::now().timestamp_millis())
    .execute(cache.pool())
    .await?;
    tracing::info!(on, "SMS on new order chosen");
    Ok(())
}

/// Records the platform's value (after a sync or an accepted change).
async fn record(cache: &Cache, platform: bool) -> Result<()> {
    sqlx::query(
        "INSERT INTO store_settings (id, sms_on_new_order, wanted_sms_on_new_order, last_error, updated_at)
         VALUES (1, ?1, NULL, NULL, ?2)
         ON CONFLICT (id) DO UPDATE SET sms_on_new_order = excluded.sms_on_new_order,
           updated_at = excluded.updated_at",
    )
    .bind(platform)
    .bind(Utc::now().timestamp_millis())
    .execute(cache.pool())
    .await?;
    Ok(())
}

/// Whether a choice waits to reach the platform (signing out would lose it).
pub async fn waiting(cache: &Cache) -> Result<bool> {
    Ok(matches!(row(cache).await?, Some((_, Some(_), _))))
}

/// Sends a waiting choice, then reads the platform's settings (another device may have changed
/// them). Callers hold `Pishkhan`'s one-at-a-time lock. A failure is kept for the Settings page
/// and returned; a choice the platform refuses outright (a 4xx other than 401, 408 or 429) is
/// not sent again: it leaves the queue with its reason.
pub(crate) async fn sync(cache: &Cache, api: &AuthorizedClient, store_id: i64) -> Result<()> {
    let result = send_and_read(cache, api, store_id).await;
    if let Err(e) = &result {
        let refused = matches!(
            e,
            CoreError::Platform {
                status: 400..=499,
                ..
            }
        ) && !matches!(
            e,
            CoreError::Platform {
                status: 401 | 408 | 429,
                ..
            }
        );
        let error = serde_json::to_string(&e.to_public()).unwrap_or_default();
        sqlx::query(
            "UPDATE store_settings SET last_error = ?1,
               wanted_sms_on_new_order = CASE WHEN ?2 THEN NULL ELSE wanted_sms_on_new_order END
             WHERE id = 1 AND wanted_sms_on_new_order IS NOT NULL",
        )
        .bind(error)
        .bind(refused)
        .execute(cache.pool())
        .await?;
    }
    result
}

async fn send_and_read(cache: &Cache, api: &AuthorizedClient, store_id: i64) -> Result<()> {
    if let Some((_, Some(wanted), _)) = row(cache).await? {
        let patch = StoreSettingsPatch {
            sms_on_new_order: Some(wanted),
            owner_mobile: None,
        };
        let patch = &patch;
        let store = api
            .authorized(|t| async move {
                api.client()
                    .update_store_settings(&t, store_id, patch)
                    .await
            })
            .await?;
        // Cleared only if no newer choice was made while this one travelled.
        sqlx::query(
            "UPDATE store_settings SET sms_on_new_order = ?1, last_error = NULL,
               wanted_sms_on_new_order = CASE WHEN wanted_sms_on_new_order = ?2 THEN NULL
                                              ELSE wanted_sms_on_new_order END
             WHERE id = 1",
        )
        .bind(store.sms_on_new_order)
        .bind(wanted)
        .execute(cache.pool())
        .await?;
        tracing::info!(
            on = store.sms_on_new_order,
            "SMS on new order saved on the platform"
        );
        return Ok(());
    }
    let me = api
        .authorized(|t| async move { api.client().me(&t).await })
        .await?;
    if let Some(store) = me.stores.iter().find(|s| s.id == store_id) {
        record(cache, store.sms_on_new_order).await?;
    }
    Ok(())
}
