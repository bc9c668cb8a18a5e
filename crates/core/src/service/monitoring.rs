//! Diagnostics as the faces see them: what would be sent (always readable), recording an
//! event, and sending the kept events — only while the merchant's `share_diagnostics`
//! preference is on. See `crate::monitoring` for what an event may hold and why.

use pishkhan_api::{Diagnostic, DiagnosticEvent, DiagnosticsBatch};

use super::Pishkhan;
use crate::error::Result;
use crate::monitoring;
use crate::sync::SyncReport;

impl Pishkhan {
    /// The events that would be sent now, oldest first, whether or not sharing is on.
    pub fn diagnostics_preview(&self) -> Vec<DiagnosticEvent> {
        monitoring::preview()
    }

    /// Keeps a diagnostic event (in memory only; sent later, and only if sharing is on).
    pub fn record_diagnostic(&self, event: Diagnostic) {
        monitoring::record(event);
    }

    /// Sends the kept events when the merchant turned sharing on, and forgets those the
    /// platform stored. Answers how many were sent: none while sharing is off (or when signed
    /// out, or nothing is kept), and then nothing leaves this computer.
    pub async fn send_diagnostics(&self) -> Result<usize> {
        if !self.preferences().await?.share_diagnostics {
            return Ok(0);
        }
        let Some((last, events)) = monitoring::pending() else {
            return Ok(0);
        };
        let count = events.len();
        let batch = DiagnosticsBatch { events };
        let api = self.api().await?;
        api.authorized(|token| {
            let (api, batch) = (&api, &batch);
            async move { api.client().send_diagnostics(&token, batch).await }
        })
        .await?;
        monitoring::forget_through(last);
        tracing::info!(events = count, "diagnostics sent");
        Ok(count)
    }

    /// What a sync's end adds: its event (counts, or the error's code), then — when it reached
    /// the platform — a send of the kept events if sharing is on. Never fails the sync.
    // Called by `sync()` (service/mod.rs) once per sync.
    pub(crate) async fn after_sync(&self, result: &Result<SyncReport>) {
        match result {
            Ok(report) => {
                monitoring::record(monitoring::sync_finished(report));
                if let Err(e) = self.send_diagnostics().await {
                    tracing::info!(code = e.code(), "diagnostics not sent now");
                }
            }
            Err(e) => monitoring::record(monitoring::sync_failed(e.code())),
        }
    }
}
