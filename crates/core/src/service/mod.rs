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
mod stores;

pub use edits::SyncStatus;
pub use privacy::MyData;
pub use stores::StoreChoice;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use pishkhan_api::ContentChecksum;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Mutex;

use crate::cache::{Cache, CacheKey};
use crate::error::{CoreError, PublicError, Result};
use crate::platform_client::{self, PlatformClient};
use crate::secrets::{Protection, Secrets, Vault};
use crate::session::{self, Session};
use crate::sync::{self, AuthorizedClient, SyncProgress, SyncReport};
use std::sync::Arc;

/// Where things stand, for a status line or the app's header.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub signed_in: bool,
    /// Signed in, but the data is sealed with a passphrase not given yet (`unlock`).
    pub locked: bool,
    /// The platform ended the session (signed out elsewhere, or expired): sign in again; the
    /// cache and the unsent edits are kept for it.
    pub session_expired: bool,
    /// The merchant's email, to sign in again with.
    pub merchant_email: Option<String>,
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
    /// The account's file (identity verification, preferences), once opened.
    account: Mutex<Option<Cache>>,
    /// The tokens and the cache key, once read from the keychain or unsealed.
    vault: Arc<Vault>,
    /// The current store's cache (with its store id), once opened.
    cache: Mutex<Option<(i64, Cache)>>,
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
        let data_dir = data_dir.into();
        Pishkhan {
            vault: Arc::new(Vault::new(&data_dir)),
            account: Mutex::new(None),
            data_dir,
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

    /// The cache of store `store_id`: each of the merchant's stores has its own file (orders,
    /// customers, outbox, sync state, store settings).
    fn cache_path(&self, store_id: i64) -> PathBuf {
        self.data_dir.join("stores").join(format!("{store_id}.db"))
    }

    /// The account's own file: what belongs to the merchant rather than to one store (the
    /// identity verification, the app's preferences). Same schema as a store's cache, so one
    /// migration history serves both; each uses its own tables.
    fn account_db_path(&self) -> PathBuf {
        self.data_dir.join("account.db")
    }

    /// The signed-in session with its tokens (`Locked` while a passphrase is awaited).
    pub(crate) async fn session(&self) -> Result<Session> {
        let s = session::load(&self.data_dir)?.ok_or(CoreError::NotSignedIn)?;
        let secrets = self.vault.secrets(s.protection).await?;
        Ok(s.with_secrets(&secrets))
    }

    /// The platform client of the signed-in session, refreshing its token when it expires.
    pub(crate) async fn api(&self) -> Result<AuthorizedClient> {
        let s = self.session().await?;
        let client = PlatformClient::new(&s.platform_url)?;
        Ok(AuthorizedClient::new(
            client,
            s,
            self.data_dir.clone(),
            self.vault.clone(),
        ))
    }

    /// The current store's cache, opened with the account's key.
    pub async fn cache(&self) -> Result<Cache> {
        let s = session::load(&self.data_dir)?.ok_or(CoreError::NotSignedIn)?;
        let mut slot = self.cache.lock().await;
        if let Some((store_id, c)) = slot.as_ref() {
            if *store_id == s.store.id {
                return Ok(c.clone());
            }
        }
        let key = self.vault.secrets(s.protection).await?.cache_key;
        let c = Cache::open(&self.cache_path(s.store.id), &key).await?;
        if let Some((_, old)) = slot.replace((s.store.id, c.clone())) {
            old.close().await;
        }
        Ok(c)
    }

    /// The account's file (identity verification, preferences), opened with the account's key.
    pub async fn account_db(&self) -> Result<Cache> {
        let mut slot = self.account.lock().await;
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let s = session::load(&self.data_dir)?.ok_or(CoreError::NotSignedIn)?;
        let key = self.vault.secrets(s.protection).await?.cache_key;
        let c = Cache::open(&self.account_db_path(), &key).await?;
        *slot = Some(c.clone());
        Ok(c)
    }

    /// Remembers the passphrase for this run without trying it yet (the CLI: a command that
    /// signs out must work even with a forgotten passphrase).
    pub fn use_passphrase(&self, passphrase: &str) -> Result<()> {
        self.vault.use_passphrase(passphrase)
    }

    /// Forgets a passphrase given earlier in this run and not yet used to seal anything (a
    /// sign-in retried without one must use the keychain).
    pub fn forget_passphrase(&self) {
        self.vault.forget_unused_passphrase();
    }

    /// Opens data sealed with a passphrase for this run (the app's unlock screen, or
    /// `PISHKHAN_PASSPHRASE` for the CLI). Given before signing in, the passphrase seals the new
    /// account's secrets instead of the keychain.
    pub async fn unlock(&self, passphrase: &str) -> Result<Status> {
        self.use_passphrase(passphrase)?;
        if let Some(s) = session::load(&self.data_dir)? {
            if s.protection == Protection::Passphrase {
                self.vault.secrets(s.protection).await?;
            }
        }
        self.status().await
    }

    pub async fn status(&self) -> Result<Status> {
        let Some(s) = session::load(&self.data_dir)? else {
            return Ok(Status::default());
        };
        if self.vault.is_locked(s.protection) {
            return Ok(Status {
                signed_in: true,
                locked: true,
                session_expired: s.expired,
                platform_url: Some(s.platform_url),
                store_id: Some(s.store.id),
                ..Status::default()
            });
        }
        let cache = self.cache().await?;
        let (orders, customers) = cache.counts().await?;
        let (_, last_sync_at) = cache.sync_state(s.store.id).await?;
        Ok(Status {
            signed_in: true,
            locked: false,
            session_expired: s.expired,
            merchant_email: Some(s.merchant.email.clone()),
            platform_url: Some(s.platform_url),
            merchant_name: Some(s.merchant.name),
            store_id: Some(s.store.id),
            store_name: Some(s.store.name),
            last_sync_at,
            order_count: orders,
            customer_count: customers,
        })
    }

    /// Signs in and remembers the session. Signing in to another platform or merchant than the
    /// cached one erases the old data first (refused while its edits wait); signing in again to
    /// the same account keeps every store's cache and returns to the store last used.
    pub async fn login(&self, platform_url: &str, email: &str, password: &str) -> Result<Status> {
        if email.trim().is_empty() || password.is_empty() {
            return Err(CoreError::InvalidInput(
                "email and password are both required".into(),
            ));
        }
        let client = PlatformClient::new(platform_url)?;
        // Never swap the session or erase the cache under a running sync.
        let _sync = self.syncing.lock().await;
        // Before the platform records a session: somewhere to keep its tokens must exist.
        self.vault.can_create().await?;
        let answer = client
            .sign_in(email, password, &platform_client::device_name())
            .await?;
        let old = session::load(&self.data_dir).ok().flatten();
        let same_account = old.as_ref().is_some_and(|old| {
            old.platform_url == client.base_url() && old.merchant.id == answer.merchant.id
        });
        // The store the merchant last worked in, while it still exists; else the first.
        let store = answer
            .stores
            .iter()
            .find(|st| same_account && old.as_ref().is_some_and(|o| o.store.id == st.id))
            .or(answer.stores.first())
            .cloned()
            .ok_or(CoreError::NoStore)?;
        let old_secrets = match &old {
            Some(o) => match self.vault.secrets(o.protection).await {
                Ok(secrets) => Some(secrets),
                // Sealed data not opened yet may hold unsent edits: never erase it unseen.
                Err(e @ (CoreError::Locked | CoreError::WrongPassphrase)) => return Err(e),
                // Keys gone or unreadable: the old data can never be read again.
                Err(_) => None,
            },
            None => None,
        };
        let kept = match (same_account, old, old_secrets) {
            (true, Some(old), Some(secrets)) => Some((old.protection, secrets.cache_key)),
            (_, old, secrets) => {
                // Another account's data goes, but never with its unsent edits in it.
                if old.is_some() && secrets.is_some() {
                    self.refuse_if_edits_wait().await?;
                }
                self.erase_cache().await?;
                self.vault.forget_stored().await?;
                None
            }
        };
        // Data that no longer opens with its key can never be read again: signing in is the
        // way out, so it is replaced by a fresh copy rather than failing every time.
        let kept = match kept {
            Some((_, key)) if !self.opens_with(&key).await => {
                tracing::warn!("the local data does not open with its key; starting afresh");
                self.erase_cache().await?;
                self.vault.forget_stored().await?;
                None
            }
            kept => kept,
        };
        let tokens = answer.tokens;
        let secrets = Secrets {
            cache_key: kept
                .as_ref()
                .map(|(_, key)| key.clone())
                .unwrap_or_else(CacheKey::generate),
            access_token: tokens.access_token.clone(),
            refresh_token: tokens.refresh_token.clone(),
        };
        let protection = match kept {
            Some((protection, _)) => {
                self.vault.store(protection, secrets).await?;
                protection
            }
            None => self.vault.create(secrets).await?,
        };
        let new = Session {
            platform_url: client.base_url().to_string(),
            merchant: answer.merchant,
            store,
            stores: answer.stores,
            session_id: tokens.session_id,
            protection,
            expired: false,
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
        };
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
        if let Ok(s) = self.session().await {
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
        self.vault.erase().await?;
        crate::monitoring::clear();
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

    /// `EditsWaiting` while the outbox of any of the merchant's stores holds edits (waiting or
    /// in conflict) or a setting waits: erasing the caches now would lose them.
    async fn refuse_if_edits_wait(&self) -> Result<()> {
        let s = session::load(&self.data_dir)?.ok_or(CoreError::NotSignedIn)?;
        let mut waiting = 0;
        for store_id in self.cached_stores(&s)? {
            let current = store_id == s.store.id;
            let cache = if current {
                self.cache().await?
            } else {
                let key = self.vault.secrets(s.protection).await?.cache_key;
                Cache::open(&self.cache_path(store_id), &key).await?
            };
            let counted = async {
                let (pending, conflicts) = crate::edits::outbox::counts(cache.pool()).await?;
                let settings = crate::store_settings::waiting(&cache).await?;
                Ok::<_, CoreError>(pending + conflicts + u64::from(settings))
            }
            .await;
            // Another store's file is closed here, not left to close on its own thread while
            // the process may already be ending (see `shutdown`).
            if !current {
                cache.close().await;
            }
            waiting += counted?;
        }
        if waiting > 0 {
            return Err(CoreError::EditsWaiting(waiting));
        }
        Ok(())
    }

    /// Whether every file of this account on disk opens with `key`.
    async fn opens_with(&self, key: &CacheKey) -> bool {
        let mut files = vec![self.account_db_path()];
        if let Ok(dir) = std::fs::read_dir(self.data_dir.join("stores")) {
            files.extend(
                dir.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "db")),
            );
        }
        for file in files.iter().filter(|f| f.exists()) {
            match Cache::open(file, key).await {
                Ok(c) => c.close().await,
                Err(CoreError::CacheUnreadable) => return false,
                Err(_) => {}
            }
        }
        true
    }

    /// The stores with a cache on this computer (the current one always counts).
    fn cached_stores(&self, s: &Session) -> Result<Vec<i64>> {
        let mut ids = vec![s.store.id];
        for store in &s.stores {
            if store.id != s.store.id && self.cache_path(store.id).exists() {
                ids.push(store.id);
            }
        }
        Ok(ids)
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

    /// Erases every store's cache and the account's file.
    async fn erase_cache(&self) -> Result<()> {
        if let Some((_, c)) = self.cache.lock().await.take() {
            c.close().await;
        }
        if let Some(c) = self.account.lock().await.take() {
            c.close().await;
        }
        match std::fs::remove_dir_all(self.data_dir.join("stores")) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
        let base = self.account_db_path();
        for suffix in ["", "-wal", "-shm"] {
            crate::private_file::remove(&PathBuf::from(format!("{}{suffix}", base.display())))?;
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
        // Diagnostics (opt-in): the outcome is noted; sent only when the merchant allowed it.
        self.after_sync(&result).await;
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
        let store_id = self.session().await?.store.id;
        let api = self.api().await?;
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
        let account = self.account_db().await?;
        let before = crate::kyc::submission::verification(&account)
            .await
            .ok()
            .flatten()
            .map(|(v, _)| v.status);
        if let Some(v) = self.kyc_sync(&account, &api).await {
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

    /// Before the app or a CLI command ends: asks a running sync to stop after the page it is writing and a
    /// running upload after the chunk in flight, waits up to `limit` for both to let go, then
    /// closes the databases (their WAL is folded back). Nothing is lost if the limit passes:
    /// each page commits with its cursor, and an upload resumes at the platform's offset.
    /// True when everything stopped in time.
    ///
    /// Closing matters beyond the WAL: each connection lives on a thread of its own, and one
    /// still closing its SQLCipher file while the process's exit handlers clean up OpenSSL
    /// crashed the process (a double free seen in 2 of 150 CLI runs before the CLI called this).
    pub async fn shutdown(&self, limit: std::time::Duration) -> bool {
        self.cancel_sync();
        self.kyc_pause.store(true, Ordering::SeqCst);
        let stopped = tokio::time::timeout(limit, async {
            let _sync = self.syncing.lock().await;
            let _upload = self.kyc_sending.lock().await;
            let _settings = self.settings_sending.lock().await;
            if let Some((_, c)) = self.cache.lock().await.take() {
                c.close().await;
            }
            if let Some(c) = self.account.lock().await.take() {
                c.close().await;
            }
        })
        .await
        .is_ok();
        tracing::info!(stopped, "shut down");
        stopped
    }

    /// Clears a stop request once the sync lock is held (the next sync runs to the end).
    fn reset_cancel(&self) {
        self.cancel.store(false, Ordering::SeqCst);
    }

    /// Counts and content checksum of the cache, comparable with the platform's.
    pub async fn checksum(&self) -> Result<ContentChecksum> {
        self.session().await?;
        self.cache().await?.checksum().await
    }
}
