//! The signed-in session: which platform, which merchant and store, and the tokens.
//!
//! `session.json` in the data folder (owner-only) says who is signed in and where the secrets
//! are (`protection`); the tokens themselves never touch it: they live with the cache key in
//! the OS keychain or the passphrase-sealed file (`crate::secrets`) and are filled in by
//! `Pishkhan::session`. Signing out deletes both.

use std::path::{Path, PathBuf};

use pishkhan_api::{Merchant, Store, TokenPair};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::secrets::{Protection, Secrets};

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub platform_url: String,
    pub merchant: Merchant,
    /// The store being worked in; its cache is the one open.
    pub store: Store,
    /// All the merchant's stores, as the platform last listed them.
    #[serde(default)]
    pub stores: Vec<Store>,
    pub session_id: i64,
    /// Where the tokens and the cache key are kept.
    pub protection: Protection,
    /// The platform refused the refresh token (signed out elsewhere, expired): the merchant
    /// must sign in again. Everything on this computer, unsent edits included, is kept for it.
    #[serde(default)]
    pub expired: bool,
    #[serde(skip)]
    pub access_token: String,
    #[serde(skip)]
    pub refresh_token: String,
}

impl std::fmt::Debug for Session {
    // Tokens and the merchant's email never reach a log line through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("platform_url", &self.platform_url)
            .field("merchant_id", &self.merchant.id)
            .field("store_id", &self.store.id)
            .field("session_id", &self.session_id)
            .field("protection", &self.protection)
            .finish_non_exhaustive()
    }
}

impl Session {
    pub fn with_tokens(mut self, tokens: TokenPair) -> Self {
        self.access_token = tokens.access_token;
        self.refresh_token = tokens.refresh_token;
        self.session_id = tokens.session_id;
        self
    }

    pub(crate) fn with_secrets(mut self, secrets: &Secrets) -> Self {
        self.access_token = secrets.access_token.clone();
        self.refresh_token = secrets.refresh_token.clone();
        self
    }
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("session.json")
}

/// The session as saved, without its tokens.
pub fn load(data_dir: &Path) -> Result<Option<Session>> {
    let p = path(data_dir);
    match std::fs::read(&p) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|_| {
            CoreError::InvalidInput(format!("{} is damaged; sign in again", p.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Writes the session (never its tokens) atomically with owner-only permissions.
pub fn save(data_dir: &Path, session: &Session) -> Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let bytes =
        serde_json::to_vec_pretty(session).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    crate::private_file::write(&path(data_dir), &bytes)?;
    Ok(())
}

pub fn delete(data_dir: &Path) -> Result<()> {
    Ok(crate::private_file::remove(&path(data_dir))?)
}
