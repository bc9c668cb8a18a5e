//! The app's preferences on this computer, kept in the account's encrypted file (and so erased
//! with it at sign-out): how often to sync in the background, whether to announce new orders, and
//! whether to share diagnostics (off unless the merchant turns it on; see `crate::monitoring`).

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::error::{CoreError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    /// Minutes between background syncs; 0 syncs only on demand.
    pub sync_interval_minutes: u32,
    /// A desktop notification for orders that arrive by sync.
    pub notify_new_orders: bool,
    /// Send diagnostic events (no personal data, no identifier) to the platform. Off by
    /// default; absent in preferences saved before it existed, which therefore read as off.
    #[serde(default)]
    pub share_diagnostics: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            sync_interval_minutes: 5,
            notify_new_orders: true,
            share_diagnostics: false,
        }
    }
}

/// The longest background interval offered: a day.
pub const MAX_INTERVAL_MINUTES: u32 = 24 * 60;

pub async fn load(pool: &SqlitePool) -> Result<Preferences> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT value FROM preferences WHERE key = 'app'")
            .fetch_optional(pool)
            .await?;
    // A preference that no longer reads (an older or damaged value) falls back to defaults.
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

pub async fn save(pool: &SqlitePool, p: &Preferences) -> Result<()> {
    if p.sync_interval_minutes > MAX_INTERVAL_MINUTES {
        return Err(CoreError::invalid(
            "Sync at least once a day (1440 minutes at most)",
            "دست‌کم روزی یک بار همگام‌سازی کنید (حداکثر ۱۴۴۰ دقیقه)",
        ));
    }
    let text = serde_json::to_string(p)
        .map_err(|e| CoreError::InvalidInput(crate::error::json_error(&e)))?;
    sqlx::query("INSERT OR REPLACE INTO preferences (key, value) VALUES ('app', ?1)")
        .bind(text)
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_are_off_by_default_and_in_preferences_saved_before_the_switch() {
        assert!(!Preferences::default().share_diagnostics);
        let old: Preferences =
            serde_json::from_str(r#"{"syncIntervalMinutes":15,"notifyNewOrders":false}"#).unwrap();
        assert_eq!(old.sync_interval_minutes, 15);
        assert!(!old.share_diagnostics);
        let on: Preferences = serde_json::from_str(
            r#"{"syncIntervalMinutes":5,"notifyNewOrders":true,"shareDiagnostics":true}"#,
        )
        .unwrap();
        assert!(on.share_diagnostics);
    }
}
