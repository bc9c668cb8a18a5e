//! The merchant's stores. A merchant with several switches between them; each store keeps its
//! own cache (orders, customers, outbox, sync state, store settings) in `stores/<id>.db`, so a
//! switch is instant and works offline, and an edit made in one store waits in that store's
//! outbox until it is sent (a sync sends the current store's; signing out checks them all).

use serde::Serialize;
use ts_rs::TS;

use super::{Pishkhan, Status};
use crate::error::{CoreError, Result};
use crate::session;

/// One of the merchant's stores, for the store switcher.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoreChoice {
    pub id: i64,
    pub name: String,
    /// The store being worked in.
    pub current: bool,
    /// Whether this computer holds a copy of it (synced at least once).
    pub cached: bool,
}

impl Pishkhan {
    /// The merchant's stores. The list is refreshed from the platform when it answers (a
    /// store added or closed there) and is the saved one otherwise.
    pub async fn stores(&self) -> Result<Vec<StoreChoice>> {
        if let Err(e) = self.refresh_store_list().await {
            tracing::info!(
                code = e.code(),
                "store list not refreshed; using the saved one"
            );
        }
        let s = self.session().await?;
        Ok(s.stores
            .iter()
            .map(|st| StoreChoice {
                id: st.id,
                name: st.name.clone(),
                current: st.id == s.store.id,
                cached: self.cache_path(st.id).exists(),
            })
            .collect())
    }

    /// Switches to store `store_id`: its own cache opens (nothing is erased); a sync then
    /// brings it up to date. Waits for a running sync of the previous store to stop.
    pub async fn use_store(&self, store_id: i64) -> Result<Status> {
        self.cancel_sync();
        let _sync = self.syncing.lock().await;
        self.reset_cancel();
        let mut s = self.session().await?;
        if !s.stores.iter().any(|st| st.id == store_id) {
            self.refresh_store_list().await?;
            s = self.session().await?;
        }
        let store = s
            .stores
            .iter()
            .find(|st| st.id == store_id)
            .cloned()
            .ok_or_else(|| {
                CoreError::invalid(
                    format!("This account has no store numbered {store_id}; `pishkhan stores` lists them"),
                    format!("این حساب فروشگاهی با شمارهٔ {store_id} ندارد؛ فهرست فروشگاه‌ها را ببینید"),
                )
            })?;
        s.store = store;
        session::save(self.data_dir(), &s)?;
        tracing::info!(store_id, "switched to another store");
        self.status().await
    }

    /// Reads the merchant's stores from the platform into the saved session.
    async fn refresh_store_list(&self) -> Result<()> {
        let api = &self.api().await?;
        let me = api
            .authorized(|t| async move { api.client().me(&t).await })
            .await?;
        // Read again after the call: a token refresh may have saved the session meanwhile.
        let mut s = session::load(self.data_dir())?.ok_or(CoreError::NotSignedIn)?;
        if let Some(current) = me.stores.iter().find(|st| st.id == s.store.id) {
            s.store = current.clone();
        }
        s.stores = me.stores;
        session::save(self.data_dir(), &s)
    }
}
