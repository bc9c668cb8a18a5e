//! Edit commands (order status, shipment, note, cancel), the outbox and conflicts, the sync
//! status area and this computer's preferences. Edits apply to the cache at once and wake the
//! background sync, which delivers them when the platform can be reached.

use pishkhan_api::OrderStatus;
use pishkhan_core::{OrderDetail, OutboxEntry, Preferences, RejectedEdit, SyncStatus};
use tauri::{AppHandle, Emitter, State};

use super::{public, CommandResult};
use crate::state::AppState;

/// After an edit: the order as the cache now shows it, and a nudge to the sync loop.
async fn edited(app: &AppHandle, state: &AppState, id: i64) -> CommandResult<OrderDetail> {
    state.sync_wake.notify_one();
    let _ = app.emit("sync-status", ());
    public(state.services().await.order_detail(id).await)
}

#[tauri::command]
pub async fn set_order_status(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    status: OrderStatus,
) -> CommandResult<OrderDetail> {
    public(state.services().await.set_order_status(id, status).await)?;
    edited(&app, &state, id).await
}

#[tauri::command]
pub async fn ship_order(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    shipping_item_id: Option<i64>,
    carrier: String,
    tracking_code: String,
) -> CommandResult<OrderDetail> {
    let services = state.services().await;
    public(
        services
            .ship_order(id, shipping_item_id, &carrier, &tracking_code)
            .await,
    )?;
    edited(&app, &state, id).await
}

#[tauri::command]
pub async fn add_order_note(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    text: String,
) -> CommandResult<OrderDetail> {
    public(state.services().await.add_order_note(id, &text).await)?;
    edited(&app, &state, id).await
}

#[tauri::command]
pub async fn cancel_order(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<OrderDetail> {
    public(state.services().await.cancel_order(id).await)?;
    edited(&app, &state, id).await
}

#[tauri::command]
pub async fn outbox(state: State<'_, AppState>) -> CommandResult<Vec<OutboxEntry>> {
    public(state.services().await.outbox().await)
}

#[tauri::command]
pub async fn rejected_edits(state: State<'_, AppState>) -> CommandResult<Vec<RejectedEdit>> {
    public(state.services().await.rejected_edits().await)
}

#[tauri::command]
pub async fn keep_my_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    mutation_id: String,
) -> CommandResult<()> {
    public(state.services().await.keep_my_edit(&mutation_id).await)?;
    state.sync_wake.notify_one();
    let _ = app.emit("sync-status", ());
    Ok(())
}

#[tauri::command]
pub async fn take_platform_version(
    app: AppHandle,
    state: State<'_, AppState>,
    mutation_id: String,
) -> CommandResult<()> {
    public(
        state
            .services()
            .await
            .take_platform_version(&mutation_id)
            .await,
    )?;
    let _ = app.emit("sync-status", ());
    Ok(())
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> CommandResult<SyncStatus> {
    public(state.services().await.sync_status().await)
}

/// Stops a running sync after the page it is writing.
#[tauri::command]
pub async fn cancel_sync(state: State<'_, AppState>) -> CommandResult<()> {
    state.services().await.cancel_sync();
    Ok(())
}

#[tauri::command]
pub async fn preferences(state: State<'_, AppState>) -> CommandResult<Preferences> {
    public(state.services().await.preferences().await)
}

#[tauri::command]
pub async fn set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> CommandResult<()> {
    public(state.services().await.set_preferences(&preferences).await)?;
    // A new interval takes effect now, not after the old one runs out.
    state.sync_wake.notify_one();
    Ok(())
}
