//! Updates from the Settings page: check the release channel, then download, verify and
//! install (the app restarts into the new version). Off in demo mode.

use std::sync::atomic::Ordering;
use std::time::Duration;

use pishkhan_core::account::UpdateCheck;
use tauri::{AppHandle, State};

use super::CommandResult;
use crate::state::AppState;

/// Whether a newer version is offered (nothing is downloaded).
#[tauri::command]
pub async fn check_for_update(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<UpdateCheck> {
    crate::updates::check(&app, state.demo.load(Ordering::SeqCst)).await
}

/// Downloads the newer version, checks its signature, lets a running sync or upload reach a
/// safe point, installs it and restarts. Nothing is installed when the signature fails.
#[tauri::command]
pub async fn install_update(app: AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    if state.demo.load(Ordering::SeqCst) {
        return Ok(());
    }
    let Some(update) = crate::updates::find(&app).await? else {
        return Ok(());
    };
    let bytes = crate::updates::download_verified(&update).await?;
    state
        .services()
        .await
        .shutdown(Duration::from_secs(10))
        .await;
    update
        .install(bytes)
        .map_err(|e| pishkhan_core::PublicError {
            code: "update_failed".into(),
            message: format!("The update could not be installed ({e}). The app works as it is."),
            message_fa: "به‌روزرسانی نصب نشد. برنامه همین‌طور کار می‌کند.".into(),
        })?;
    tracing::info!(version = %update.version, "update installed; restarting");
    app.restart();
}
