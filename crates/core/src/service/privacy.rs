//! "Export my data": the merchant's own data as the platform and this computer hold it — the
//! profile, stores, sign-ins, store settings, app preferences and the identity verification —
//! as one JSON file where the merchant chooses, so the privacy policy's promise can be checked
//! rather than believed. ("Sign out and erase" is `logout`: it removes the session, the cache
//! with everything in it, and the log.)

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use pishkhan_api::{KycVerification, Merchant, SessionInfo, Store};
use serde::Serialize;

use super::Pishkhan;
use crate::error::{CoreError, Result};
use crate::store_settings::StoreSettings;
use crate::Preferences;

/// What the export file holds.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    /// This app, as the platform sees it (`Pishkhan/VERSION (OS)`).
    pub app: String,
    pub platform_url: String,
    pub merchant: Merchant,
    pub stores: Vec<Store>,
    /// Every sign-in the platform recorded.
    pub sessions: Vec<SessionInfo>,
    pub store_settings: StoreSettings,
    pub preferences: Preferences,
    /// The identity verification as last fetched (with the form as submitted), if any.
    pub identity_verification: Option<KycVerification>,
}

impl Pishkhan {
    /// Gathers the merchant's data (the platform must be reachable: the profile and sign-ins
    /// live there) and writes it to `dest` as JSON: under a temporary name first, readable by
    /// the owner only, then renamed, so a failure leaves no partial file.
    pub async fn export_my_data(&self, dest: &Path) -> Result<PathBuf> {
        let s = self.session().await?;
        let api = &self.api().await?;
        let me = api
            .authorized(|t| async move { api.client().me(&t).await })
            .await?;
        let cache = self.cache().await?;
        let data = MyData {
            exported_at: Utc::now(),
            app: crate::platform_client::user_agent(),
            platform_url: s.platform_url.clone(),
            merchant: me.merchant,
            stores: me.stores,
            sessions: self.sessions().await?,
            store_settings: crate::store_settings::get(&cache, &s.store).await?,
            preferences: self.preferences().await?,
            identity_verification: crate::kyc::submission::verification(&self.account_db().await?)
                .await?
                .map(|(v, _)| v),
        };
        let json = serde_json::to_vec_pretty(&data)
            .map_err(|e| CoreError::ExportFailed(format!("the data cannot be written: {e}")))?;
        let dest = dest.to_path_buf();
        tokio::task::spawn_blocking(move || write_private(&dest, &json).map(|()| dest))
            .await
            .map_err(|e| CoreError::ExportFailed(e.to_string()))?
    }
}

/// Writes `bytes` to `dest` through a temporary file beside it (owner-only on Unix).
fn write_private(dest: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let name = dest
        .file_name()
        .ok_or_else(|| CoreError::ExportFailed("the destination has no file name".into()))?
        .to_string_lossy();
    let partial = dest.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, dest)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(CoreError::ExportFailed(e.to_string()));
    }
    Ok(())
}
