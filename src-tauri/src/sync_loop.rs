//! The background sync: pull then push every few minutes (the merchant's setting), at once
//! when an edit is made or a setting changes, and — after a failure — again with exponential
//! backoff and jitter, so an offline laptop neither hammers the platform nor waits long once
//! it is back. One sync at a time: the core refuses a second one.
//!
//! New orders that arrive by sync are announced with a desktop notification (one per order,
//! or one for the lot when many arrive together), unless the merchant turned that off.

use std::time::Duration;

use pishkhan_core::{Pishkhan, SyncReport};
use rand::Rng;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::commands::sync_with_progress;
use crate::state::AppState;

/// The first retry after a failure; doubles up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_secs(10);
const MAX_BACKOFF: Duration = Duration::from_secs(10 * 60);

/// The wait before retry number `failures` (1-based): exponential, capped, ±20% jitter.
pub fn backoff(failures: u32, jitter: f64) -> Duration {
    let exp = FIRST_BACKOFF.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let capped = exp.min(MAX_BACKOFF);
    capped.mul_f64(1.0 + jitter.clamp(-0.2, 0.2))
}

pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move { run(app).await });
}

async fn run(app: AppHandle) {
    let mut failures = 0u32;
    loop {
        let state = app.state::<AppState>();
        let services = state.services().await;
        // A sync that succeeded meanwhile (the merchant pressed Sync) ends the backoff.
        if let Ok(st) = services.sync_status().await {
            if st.last_attempt_at.is_some() && st.last_error.is_none() {
                failures = 0;
            }
        }
        let prefs = services.preferences().await.unwrap_or_default();
        let wait = if failures > 0 {
            Some(backoff(failures, rand::thread_rng().gen_range(-0.2..0.2)))
        } else if prefs.sync_interval_minutes == 0 {
            None
        } else {
            Some(Duration::from_secs(
                u64::from(prefs.sync_interval_minutes) * 60,
            ))
        };
        match wait {
            Some(w) => {
                tokio::select! {
                    _ = tokio::time::sleep(w) => {}
                    _ = state.sync_wake.notified() => {}
                }
            }
            None => state.sync_wake.notified().await,
        }
        // The services may have changed meanwhile (demo started, signed out).
        let services = state.services().await;
        // Nothing to do signed out, while locked (unlocking wakes this loop) or once the
        // platform ended the session (signing in again does).
        if !services
            .status()
            .await
            .map(|s| s.signed_in && !s.locked && !s.session_expired)
            .unwrap_or(false)
        {
            failures = 0;
            continue;
        }
        match sync_with_progress(&app, &services).await {
            Ok(report) => {
                failures = 0;
                announce_new_orders(&app, &services, &report).await;
                if report.kyc_status_changed.is_some() {
                    let _ = app.emit("kyc-changed", ());
                }
            }
            Err(e) if e.code == "sync_in_progress" => {}
            Err(e) => {
                failures = failures.saturating_add(1);
                tracing::info!(code = %e.code, failures, "background sync failed; retrying later");
            }
        }
        let _ = app.emit("sync-status", ());
    }
}

async fn announce_new_orders(app: &AppHandle, services: &Pishkhan, report: &SyncReport) {
    if report.new_order_count == 0 {
        return;
    }
    if !services
        .preferences()
        .await
        .map(|p| p.notify_new_orders)
        .unwrap_or(true)
    {
        return;
    }
    let notes: Vec<(String, String)> = if report.new_order_count <= 3 {
        report
            .new_orders
            .iter()
            .map(|o| {
                (
                    format!("سفارش تازه {} · New order", o.order_number),
                    format!("{} تومان", pishkhan_core::labels::toman(o.final_total)),
                )
            })
            .collect()
    } else {
        vec![(
            format!(
                "{} سفارش تازه · {} new orders",
                report.new_order_count, report.new_order_count
            ),
            "پیشخوان را باز کنید تا ببینید · Open Pishkhan to see them".into(),
        )]
    };
    for (title, body) in notes {
        // No notification service (a bare server, a locked-down desktop) is not an error.
        if let Err(e) = app.notification().builder().title(title).body(body).show() {
            tracing::debug!(error = %e, "desktop notification not shown");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        assert_eq!(backoff(1, 0.0), Duration::from_secs(10));
        assert_eq!(backoff(2, 0.0), Duration::from_secs(20));
        assert_eq!(backoff(4, 0.0), Duration::from_secs(80));
        assert_eq!(backoff(30, 0.0), MAX_BACKOFF);
        assert_eq!(backoff(1, 0.2), Duration::from_secs(12));
        assert_eq!(
            backoff(1, 5.0),
            Duration::from_secs(12),
            "jitter is bounded"
        );
    }
}
