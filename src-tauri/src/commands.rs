//! The Tauri commands the webview calls. Each is a thin translation to `pishkhan-core`;
//! errors cross as `{code, message, messageFa}` and the UI translates by `code`.

use std::sync::atomic::Ordering;

use chrono::{DateTime, Utc};
use pishkhan_core::{OrderPage, OrderQuery, Pishkhan, PublicError, SyncReport};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

/// What the window's header and welcome screen need.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub signed_in: bool,
    pub demo: bool,
    pub demo_starting: bool,
    pub platform_url: Option<String>,
    pub merchant_name: Option<String>,
    pub store_name: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub order_count: u64,
    pub customer_count: u64,
}

/// What the sign-in form sends. No `Debug`: it carries the password.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInRequest {
    pub platform_url: String,
    pub email: String,
    pub password: String,
}

async fn status_of(state: &AppState) -> CommandResult<AppStatus> {
    let s = state
        .services()
        .await
        .status()
        .await
        .map_err(|e| e.to_public())?;
    Ok(AppStatus {
        signed_in: s.signed_in,
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
    let report = services
        .sync(&move |p| {
            let _ = emitter.emit("sync-progress", p);
        })
        .await
        .map_err(|e| e.to_public())?;
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
    state
        .services()
        .await
        .login(&request.platform_url, &request.email, &request.password)
        .await
        .map_err(|e| e.to_public())?;
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
pub async fn list_orders(
    state: State<'_, AppState>,
    query: OrderQuery,
) -> CommandResult<OrderPage> {
    state
        .services()
        .await
        .orders(&query)
        .await
        .map_err(|e| e.to_public())
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state
        .services()
        .await
        .logout()
        .await
        .map_err(|e| e.to_public())?;
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
