//! Demo mode: the reference platform runs inside the app on a free loopback port, with a
//! generated store, in a folder of its own that is wiped at each start — the merchant's real
//! data folder is never touched.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use pishkhan_core::{Pishkhan, PublicError};
use pishkhan_platform::{Platform, PlatformConfig};
use tauri::{AppHandle, Emitter};

use crate::commands::sync_with_progress;
use crate::state::AppState;

/// Orders in the demo store (override with `PISHKHAN_DEMO_ORDERS`, 10 to 1,000,000).
const DEFAULT_DEMO_ORDERS: u64 = 2_000;

fn demo_failed(message: String) -> PublicError {
    PublicError {
        code: "demo_failed".into(),
        message: format!(
            "The demo store could not start: {message}. Restart the app to try again."
        ),
        message_fa: "فروشگاه نمونه راه‌اندازی نشد. برنامه را دوباره باز کنید.".into(),
    }
}

/// The demo's own folder: the embedded platform's data and the demo app's cache.
pub fn folder() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("pishkhan-demo-{}", std::process::id()))
}

/// Removes the demo's folder when the app exits: generated data has no reason to outlive it.
pub fn remove_folder() {
    let dir = folder();
    if dir.exists() {
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            tracing::warn!(error = %e, "the demo folder could not be removed");
        }
    }
}

/// Starts the embedded platform, signs in to the demo store and syncs it.
pub async fn start(app: &AppHandle, state: &AppState) -> Result<(), PublicError> {
    state.demo_starting.store(true, Ordering::SeqCst);
    let result = start_inner(app, state).await;
    state.demo_starting.store(false, Ordering::SeqCst);
    let _ = app.emit("status-changed", ());
    result
}

async fn start_inner(app: &AppHandle, state: &AppState) -> Result<(), PublicError> {
    let mut slot = state.demo_platform.lock().await;
    if slot.is_none() {
        let dir = folder();
        let _ = std::fs::remove_dir_all(&dir);
        let orders = std::env::var("PISHKHAN_DEMO_ORDERS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|n| (10..=1_000_000).contains(n))
            .unwrap_or(DEFAULT_DEMO_ORDERS);
        let mut config = PlatformConfig::new(dir.join("platform"));
        config.demo_orders = Some(orders);
        let platform = Platform::start(config)
            .await
            .map_err(|e| demo_failed(e.to_string()))?;
        tracing::info!(url = %platform.url, orders, "demo platform started");
        let services = Arc::new(Pishkhan::new(dir.join("app")));
        // The demo's data folder is thrown away at every start, so its keys are sealed with a
        // random passphrase kept in memory for this run: nothing is left in the keychain.
        let throwaway: String = {
            use rand::Rng;
            let mut rng = rand::thread_rng();
            (0..32)
                .map(|_| rng.sample(rand::distributions::Alphanumeric) as char)
                .collect()
        };
        services
            .use_passphrase(&throwaway)
            .map_err(|e| e.to_public())?;
        services
            .login(
                &platform.url,
                pishkhan_platform::DEMO_EMAIL,
                pishkhan_platform::DEMO_PASSWORD,
            )
            .await
            .map_err(|e| e.to_public())?;
        *state.services.write().await = services;
        state.demo.store(true, Ordering::SeqCst);
        *slot = Some(platform);
    }
    drop(slot);
    let services = state.services().await;
    sync_with_progress(app, &services).await?;
    Ok(())
}
