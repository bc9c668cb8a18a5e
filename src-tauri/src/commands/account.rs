//! Account and sync commands: status, sign-in, the demo store, sync, sign-out, the merchant's
//! sessions and the store's notification settings.

use std::sync::atomic::Ordering;

use pishkhan_api::SessionInfo;
use pishkhan_core::service::StoreChoice;
use pishkhan_core::store_settings::StoreSettings;
use pishkhan_core::{AppStatus, Pishkhan, SignInRequest, SyncReport};
use tauri::{AppHandle, Emitter, State};

use super::{public, CommandResult};
use crate::state::AppState;

async fn status_of(state: &AppState) -> CommandResult<AppStatus> {
    let s = public(state.services().await.status().await)?;
    Ok(AppStatus {
        signed_in: s.signed_in,
        locked: s.locked,
        session_expired: s.session_expired,
        merchant_email: s.merchant_email,
        demo: state.demo.load(Ordering::SeqCst),
        demo_starting: state.demo_starting.load(Ordering::SeqCst),
        platform_url: s.platform_url,
        merchant_name: s.merchant_name,
        store_name: s.store_name,
        last_sync_at: s.last_sync_at,
        order_count: s.order_count,
        customer_count: s.customer_count,
    })
}

/// Syncs, reporting progress to the window as `sync-progress` events.
pub async fn sync_with_progress(app: &AppHandle, services: &Pishkhan) -> CommandResult<SyncReport> {
    let emitter = app.clone();
    let result = public(
        services
            .sync(&move |p| {
                let _ = emitter.emit("sync-progress", p);
            })
            .await,
    );
    // Failed or not, the status area has something new to show.
    let _ = app.emit("sync-status", ());
    let report = result?;
    let _ = app.emit("status-changed", ());
    Ok(report)
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    status_of(&state).await
}

#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    request: SignInRequest,
) -> CommandResult<AppStatus> {
    let services = state.services().await;
    // A passphrase left from an earlier attempt must not seal this one unasked.
    match request.passphrase.as_deref() {
        Some(passphrase) => public(services.use_passphrase(passphrase))?,
        None => services.forget_passphrase(),
    }
    public(
        services
            .login(&request.platform_url, &request.email, &request.password)
            .await,
    )?;
    status_of(&state).await
}

/// Opens this computer's data sealed with a passphrase (the unlock screen).
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> CommandResult<AppStatus> {
    public(state.services().await.unlock(&passphrase).await)?;
    status_of(&state).await
}

#[tauri::command]
pub async fn start_demo(app: AppHandle, state: State<'_, AppState>) -> CommandResult<AppStatus> {
    crate::demo::start(&app, &state).await?;
    status_of(&state).await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> CommandResult<SyncReport> {
    let services = state.services().await;
    sync_with_progress(&app, &services).await
}

#[tauri::command]
pub async fn sign_out(
    state: State<'_, AppState>,
    discard_edits: Option<bool>,
) -> CommandResult<AppStatus> {
    public(
        state
            .services()
            .await
            .logout(discard_edits.unwrap_or(false))
            .await,
    )?;
    if state.demo.swap(false, Ordering::SeqCst) {
        // Leaving the demo: back to the merchant's own data folder, and the embedded
        // platform stops.
        *state.services.write().await = std::sync::Arc::new(Pishkhan::new(state.data_dir.clone()));
        if let Some(platform) = state.demo_platform.lock().await.take() {
            platform.stop().await;
        }
    }
    status_of(&state).await
}

/// The merchant's stores, for the switcher (refreshed from the platform when it answers).
#[tauri::command]
pub async fn stores(state: State<'_, AppState>) -> CommandResult<Vec<StoreChoice>> {
    public(state.services().await.stores().await)
}

/// Switches to another of the merchant's stores (its own cache; nothing is erased).
#[tauri::command]
pub async fn use_store(state: State<'_, AppState>, store_id: i64) -> CommandResult<AppStatus> {
    public(state.services().await.use_store(store_id).await)?;
    status_of(&state).await
}

/// Where the merchant is signed in (needs the platform).
#[tauri::command]
pub async fn sessions(state: State<'_, AppState>) -> CommandResult<Vec<SessionInfo>> {
    public(state.services().await.sessions().await)
}

/// Signs another of the merchant's sessions out.
#[tauri::command]
pub async fn revoke_session(state: State<'_, AppState>, session_id: i64) -> CommandResult<()> {
    public(state.services().await.revoke_session(session_id).await)
}

/// The store's notification settings (email always on; SMS on a new order the owner's choice).
#[tauri::command]
pub async fn store_settings(state: State<'_, AppState>) -> CommandResult<StoreSettings> {
    public(state.services().await.store_settings().await)
}

/// Chooses SMS on a new order; what the platform cannot take now waits for the next sync.
#[tauri::command]
pub async fn set_sms_on_new_order(
    state: State<'_, AppState>,
    on: bool,
) -> CommandResult<StoreSettings> {
    let settings = public(state.services().await.set_sms_on_new_order(on).await)?;
    if settings.pending {
        state.sync_wake.notify_one();
    }
    Ok(settings)
}
