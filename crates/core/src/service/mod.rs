//! `Pishkhan`: the services both faces call — the desktop app's Tauri commands and the
//! `pishkhan` command line. Every rule lives here or below, never in a face.
//!
//! This module holds the account and sync side (sign-in, status, sync); `review` holds what
//! the review screens read from the cache (lists, details, dashboard, exports).

mod edits;
mod kyc;
mod monitoring;
mod privacy;
mod review;
mod sessions;

pub use edits::SyncStatus;
pub use privacy::MyData;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use pishkhan_api::ContentChecksum;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Mutex;

use crate::cache::Cache;
use crate::error::{CoreError, PublicError, Result};
use crate::platform_client::{self, PlatformClient};
use crate::session::{self, Session};
use crate::sync::{self, AuthorizedClient, SyncProgress, SyncReport};

/// Where things stand, for a status line or the app's header.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub signed_in: bool,
    pub platform_url: Option<String>,
    pub merchant_name: Option<String>,
    pub store_id: Option<i64>,
    pub store_name: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub order_count: u64,
    pub customer_count: u64,
}

pub struct Pishkhan {
    data_dir: PathBuf,
    cache: Mutex<Option<Cache>>,
    syncing: Mutex<()>,
    /// Asks a running sync to stop after the page it is writing.
    cancel: AtomicBool,
    /// How the last sync ended: when it succeeded, or the error it stopped on.
    last_outcome: std::sync::Mutex<LastOutcome>,
    /// One identity-verification send at a time (the app's own and a sync's).
    kyc_sending: Mutex<()>,
    /// Asks a running upload to stop after the chunk in flight.
    kyc_pause: AtomicBool,
    /// One store-settings send at a time (the Settings page's and a sync's), so two changes
    /// in flight cannot reach the platform in the wrong order.
    settings_sending: Mutex<()>,
}

#[derive(Default, Clone)]
pub(crate) struct LastOutcome {
    pub error: Option<PublicError>,
    pub at: Option<DateTime<Utc>>,
}

impl Pishkhan {
    /// The services over the data folder `data_dir` (created when first needed).
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Pishkhan {
            data_dir: data_dir.into(),
            cache: Mutex::new(None),
            syncing: Mutex::new(()),
            cancel: AtomicBool::new(false),
            last_outcome: std::sync::Mutex::new(LastOutcome::default()),
            kyc_sending: Mutex::new(()),
            kyc_pause: AtomicBool::new(false),
            settings_sending: Mutex::new(()),
        }
    }

    /// The OS's data folder for the app: `~/.local/share/pishkhan` on Linux,
    /// `~/Library/Application Support/pishkhan` on macOS, `%APPDATA%\pishkhan` on Windows.
    pub fn default_data_dir() -> PathBuf {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("pishkhan")
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    fn cache_path(&self) -> PathBuf {
        self.data_dir.join("cache.db")
    }

    pub(crate) fn session(&self) -> Result<Session> {
        session::load(&self.data_dir)?.ok_or(CoreError::NotSignedIn)
    }

    /// The platform client of the signed-in session, refreshing its token when it expires.
    pub(crate) fn api(&self) -> Result<AuthorizedClient> {
        let s = self.session()?;
        let client = PlatformClient::new(&s.platform_url)?;
        Ok(AuthorizedClient::new(client, s, self.data_dir.clone()))
    }

    pub(crate) async fn cache(&self) -> Result<Cache> {
        let mut slot = self.cache.lock().await;
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let c = Cache::open(&self.cache_path()).await?;
        *slot = Some(c.clone());
        Ok(c)
    }

    pub async fn status(&self) -> Result<Status> {
        let Some(s) = session::load(&self.data_dir)? else {
            return Ok(Status::default());
        };
        let cache = self.cache().await?;
        let (orders, customers) = cache.counts().await?;
        let (_, last_sync_at) = cache.sync_state(s.store.id).await?;
        Ok(Status {
            signed_in: true,
            platform_url: Some(s.platform_url),
            merchant_name: Some(s.merchant.name),
            store_id: Some(s.store.id),
            store_name: Some(s.store.name),
            last_sync_at,
            order_count: orders,
            customer_count: customers,
        })
    }

    /// Signs in and remembers the session. Signing in to another platform, merchant or store
    /// than the cached one erases the old cache first: one cache never mixes two stores.
    pub async fn login(&self, platform_url: &str, email: &str, password: &str) -> Result<Status> {
        if email.trim().is_empty() || password.is_empty() {
            return Err(CoreError::InvalidInput(
                "email and password are both required".into(),
            ));
        }
        let client = PlatformClient::new(platform_url)?;
        // Never swap the session or erase the cache under a running sync.
        let _sync = self.syncing.lock().await;
        let answer = client
            .sign_in(email, password, &platform_client::device_name())
            .await?;
        let store = answer.stores.into_iter().next().ok_or(CoreError::NoStore)?;
        let new = Session {
            platform_url: client.base_url().to_string(),
            merchant: answer.merchant,
            store,
            session_id: answer.tokens.session_id,
            access_token: answer.tokens.access_token,
            refresh_token: answer.tokens.refresh_token,
        };
        if let Some(old) = session::load(&self.data_dir).ok().flatten() {
            if old.platform_url != new.platform_url
                || old.merchant.id != new.merchant.id
                || old.store.id != new.store.id
            {
                // Another store's cache goes, but never with the merchant's unsent edits in it.
                self.refuse_if_edits_wait().await?;
                self.erase_cache().await?;
            }
        }
        session::save(&self.data_dir, &new)?;
        tracing::info!(store_id = new.store.id, "signed in");
        self.status().await
    }

    /// Signs out: ends the session on the platform when it can be reached, and erases the
    /// session and the cache from this computer either way. Refused while edits wait to be
    /// sent, unless `discard_edits`: signing out must not silently lose the merchant's work.
    pub async fn logout(&self, discard_edits: bool) -> Result<()> {
        self.cancel.store(true, Ordering::SeqCst);
        let _sync = self.syncing.lock().await;
        self.cancel.store(false, Ordering::SeqCst);
        if !discard_edits && session::load(&self.data_dir)?.is_some() {
            self.refuse_if_edits_wait().await?;
        }
        if let Some(s) = session::load(&self.data_dir).ok().flatten() {
            if let Ok(client) = PlatformClient::new(&s.platform_url) {
                if let Err(e) = client.sign_out(&s.access_token).await {
                    tracing::warn!(
                        code = e.code(),
                        "could not end the session on the platform; erasing locally anyway"
                    );
                }
            }
        }
        session::delete(&self.data_dir)?;
        self.erase_cache().await?;
        tracing::info!("signed out and erased local data");
        // Last, so that the lines above are erased too. Best effort: the session and the cache
        // are gone already, and a log file held open (on some file systems) must not turn a
        // finished sign-out into a failure.
        match std::fs::remove_dir_all(crate::logging::log_dir(&self.data_dir)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e.kind(), "the log folder could not be erased"),
        }
        Ok(())
    }

    /// `EditsWaiting` while the outbox holds edits (waiting or in conflict): erasing the cache
    /// now would lose them.
    async fn refuse_if_edits_wait(&self) -> Result<()> {
        let cache = self.cache().await?;
        let (pending, conflicts) = crate::edits::outbox::counts(cache.pool()).await?;
        let settings = u64::from(crate::store_settings::waiting(&cache).await?);
        if pending + conflicts + settings > 0 {
            return Err(CoreError::EditsWaiting(pending + conflicts + settings));
        }
        Ok(())
    }

    /// Sends a waiting store setting and reads the platform's, one send at a time. A failure is
    /// kept for the Settings page; it does not fail the caller.
    pub(crate) async fn sync_store_settings(
        &self,
        cache: &Cache,
        api: &AuthorizedClient,
        store_id: i64,
    ) {
        let _one_at_a_time = self.settings_sending.lock().await;
        if let Err(e) = crate::store_settings::sync(cache, api, store_id).await {
            tracing::info!(code = e.code(), "store settings not synced now");
        }
    }

    async fn erase_cache(&self) -> Result<()> {
        let mut slot = self.cache.lock().await;
        if let Some(c) = slot.take() {
            c.close().await;
        }
        let base = self.cache_path();
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", base.display()));
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Brings the cache up to date (pull), then sends the waiting edits (push). One sync at a
    /// time: a second call while one runs fails with `SyncInProgress` instead of waiting.
    pub async fn sync(
        &self,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncReport> {
        let _guard = self
            .syncing
            .try_lock()
            .map_err(|_| CoreError::SyncInProgress)?;
        self.cancel.store(false, Ordering::SeqCst);
        let result = self.sync_locked(progress).await;
        let mut last = self
            .last_outcome
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        last.at = Some(Utc::now());
        last.error = result.as_ref().err().map(CoreError::to_public);
        result
    }

    async fn sync_locked(
        &self,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncReport> {
        let store_id = self.session()?.store.id;
        let api = self.api()?;
        let cache = self.cache().await?;
        let pulled = sync::pull(&cache, &api, store_id, progress, &self.cancel).await;
        // A page the app could not read must not hold the merchant's edits back; a missing
        // session, an unreachable platform or a cancel would fail the push too.
        if let Err(
            e @ (CoreError::NotSignedIn
            | CoreError::SessionExpired
            | CoreError::Cancelled
            | CoreError::PlatformUnreachable { .. }),
        ) = pulled
        {
            return Err(e);
        }
        let pushed = crate::edits::push::push(&cache, &api, store_id).await;
        // Like the edits, a waiting setting goes even when a feed page was unreadable.
        self.sync_store_settings(&cache, &api, store_id).await;
        let mut report = pulled?;
        let pushed = pushed?;
        report.pushed = pushed.applied;
        report.conflicts = pushed.conflicts;
        report.rejected = pushed.rejected;
        let before = crate::kyc::submission::verification(&cache)
            .await
            .ok()
            .flatten()
            .map(|(v, _)| v.status);
        if let Some(v) = self.kyc_sync(&cache, &api).await {
            if before.is_some_and(|b| b != v.status) {
                report.kyc_status_changed = Some(v.status);
            }
        }
        let changed = report.orders_upserted + report.orders_deleted;
        if cache.refresh_statistics(changed).await? {
            // Pooled connections keep planning with the old statistics: the next caller
            // gets a fresh pool, and this one closes when its last user lets go.
            *self.cache.lock().await = None;
        }
        Ok(report)
    }

    /// Asks a running sync to stop after the page it is writing (nothing is lost: each page
    /// is committed with its cursor).
    pub fn cancel_sync(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Counts and content checksum of the cache, comparable with the platform's.
    pub async fn checksum(&self) -> Result<ContentChecksum> {
        self.session()?;
        self.cache().await?.checksum().await
    }
}
