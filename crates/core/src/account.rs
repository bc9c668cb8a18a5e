//! What the desktop app's account commands take and return. The shapes are plain data with no
//! Tauri in them, so they live here, where their TypeScript types are generated
//! (`tests/bindings.rs`) without building the desktop shell.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the window's header and welcome screen need.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub signed_in: bool,
    /// Signed in, but this computer's data is sealed with a passphrase not entered yet.
    pub locked: bool,
    /// The platform ended the session: sign in again (the cache and unsent edits are kept).
    pub session_expired: bool,
    /// The merchant's email, to prefill signing in again.
    pub merchant_email: Option<String>,
    pub demo: bool,
    pub demo_starting: bool,
    pub platform_url: Option<String>,
    pub merchant_name: Option<String>,
    pub store_name: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub order_count: u64,
    pub customer_count: u64,
}

/// What the sign-in form sends. No `Debug`: it carries the password.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInRequest {
    pub platform_url: String,
    pub email: String,
    pub password: String,
    /// Seals this computer's keys with a passphrase instead of the OS keychain (asked for
    /// where no keychain answers: `keychain_unavailable`).
    #[serde(default)]
    #[ts(optional)]
    pub passphrase: Option<String>,
}

/// What the update check found (Settings page).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCheck {
    /// This app's version.
    pub current: String,
    /// Why updates are not checked (`demo`), if they are not.
    pub off: Option<String>,
    pub available: Option<AvailableUpdate>,
}

/// A newer version offered by the release channel.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvailableUpdate {
    pub version: String,
    pub notes: Option<String>,
    pub date: Option<String>,
}
