//! The merchant's sign-ins as the platform records them — when, from which app or browser, on
//! which device — and signing out one of the others (a lost phone, a shared computer). The
//! platform refuses a signed-out session's tokens from then on.

use pishkhan_api::SessionInfo;

use super::Pishkhan;
use crate::error::{CoreError, Result};

impl Pishkhan {
    /// Every sign-in of this merchant, this computer's marked `current`. Needs the platform.
    pub async fn sessions(&self) -> Result<Vec<SessionInfo>> {
        let api = &self.api()?;
        let mut list = api
            .authorized(|t| async move { api.client().sessions(&t).await })
            .await?;
        list.sort_by(|a, b| b.signed_in_at.cmp(&a.signed_in_at));
        Ok(list)
    }

    /// Signs out another session of this merchant. This computer's own is refused: signing out
    /// here also erases the local data, which `logout` does with its own safeguards.
    pub async fn revoke_session(&self, session_id: i64) -> Result<()> {
        if self.session()?.session_id == session_id {
            return Err(CoreError::invalid(
                "This is the session of this computer; to end it, sign out",
                "این نشستِ همین رایانه است؛ برای پایان دادن به آن از حساب خارج شوید",
            ));
        }
        let api = &self.api()?;
        api.authorized(|t| async move { api.client().revoke_session(&t, session_id).await })
            .await?;
        tracing::info!(session_id, "another session signed out");
        Ok(())
    }
}
