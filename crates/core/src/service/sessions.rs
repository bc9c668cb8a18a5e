//! The account as the merchant manages it from here: the sign-ins the platform records — when,
//! from which app or browser, on which device — and signing out one of the others (a lost
//! phone, a shared computer; the platform refuses its tokens from then on); and the store's
//! notification settings (email for every order always on, SMS on a new order the owner's
//! choice, queued like an edit until the platform has it).

use pishkhan_api::SessionInfo;

use super::Pishkhan;
use crate::error::{CoreError, Result};
use crate::store_settings::{self, StoreSettings};

impl Pishkhan {
    /// Every sign-in of this merchant, this computer's marked `current`. Needs the platform.
    pub async fn sessions(&self) -> Result<Vec<SessionInfo>> {
        let api = &self.api().await?;
        let mut list = api
            .authorized(|t| async move { api.client().sessions(&t).await })
            .await?;
        list.sort_by(|a, b| b.signed_in_at.cmp(&a.signed_in_at));
        Ok(list)
    }

    /// Signs out another session of this merchant. This computer's own is refused: signing out
    /// here also erases the local data, which `logout` does with its own safeguards.
    pub async fn revoke_session(&self, session_id: i64) -> Result<()> {
        if self.session().await?.session_id == session_id {
            return Err(CoreError::invalid(
                "This is the session of this computer; to end it, sign out",
                "این نشستِ همین رایانه است؛ برای پایان دادن به آن از حساب خارج شوید",
            ));
        }
        let api = &self.api().await?;
        match api
            .authorized(|t| async move { api.client().revoke_session(&t, session_id).await })
            .await
        {
            // Already signed out (a second click, a retry after a lost answer): done.
            Ok(()) | Err(CoreError::Platform { status: 404, .. }) => {}
            Err(e) => return Err(e),
        }
        tracing::info!(session_id, "another session signed out");
        Ok(())
    }

    /// The store's notification settings as this computer knows them (no network).
    pub async fn store_settings(&self) -> Result<StoreSettings> {
        let s = self.session().await?;
        store_settings::get(&self.cache().await?, &s.store).await
    }

    /// Chooses SMS on a new order: kept here at once, then sent to the platform — now when it
    /// can be reached, otherwise by the next sync. Answers the settings as they stand.
    pub async fn set_sms_on_new_order(&self, on: bool) -> Result<StoreSettings> {
        let s = self.session().await?;
        let cache = self.cache().await?;
        store_settings::want_sms_on_new_order(&cache, &s.store, on).await?;
        self.sync_store_settings(&cache, &self.api().await?, s.store.id)
            .await;
        store_settings::get(&cache, &s.store).await
    }
}
