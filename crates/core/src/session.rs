//! The signed-in session: which platform, which merchant and store, and the tokens.
//!
//! Kept in `session.json` in the data folder, readable by the owner only (0600 on Unix).
//! The OS keychain replaces this file in a later step; until then the file's permissions are
//! the protection, and signing out deletes it.

use std::path::{Path, PathBuf};

use pishkhan_api::{Merchant, Store, TokenPair};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub platform_url: String,
    pub merchant: Merchant,
    pub store: Store,
    pub session_id: i64,
    pub access_token: String,
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
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("session.json")
}

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

/// Writes the session atomically (temporary file, then rename) with owner-only permissions.
pub fn save(data_dir: &Path, session: &Session) -> Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let tmp = data_dir.join("session.json.tmp");
    let bytes =
        serde_json::to_vec_pretty(session).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path(data_dir))?;
    Ok(())
}

pub fn delete(data_dir: &Path) -> Result<()> {
    match std::fs::remove_file(path(data_dir)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}
