//! Diagnostics: what the app would send the platform if the merchant turned "share
//! diagnostics" on (the switch itself is the `shareDiagnostics` preference, saved with
//! `set_preferences`). The events hold no personal data and no identifier
//! (`pishkhan_core::monitoring`).

use pishkhan_core::monitoring::DiagnosticEvent;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

/// The events kept now, oldest first: exactly what the next send would carry, shown whether or
/// not sharing is on.
#[tauri::command]
pub async fn diagnostics_preview(
    state: State<'_, AppState>,
) -> CommandResult<Vec<DiagnosticEvent>> {
    Ok(state.services().await.diagnostics_preview())
}
