//! `POST /diagnostics`: diagnostic events, sent only when the merchant turned sharing on (the
//! caller checks; see `crate::monitoring`).

use pishkhan_api::{DiagnosticsBatch, DiagnosticsStored};
use reqwest::Method;

use super::PlatformClient;
use crate::error::Result;

impl PlatformClient {
    /// Sends a batch of at most `MAX_DIAGNOSTIC_EVENTS` events; answers how many were stored.
    pub async fn send_diagnostics(
        &self,
        access_token: &str,
        batch: &DiagnosticsBatch,
    ) -> Result<DiagnosticsStored> {
        self.call(
            Method::POST,
            "/diagnostics",
            Some(access_token),
            Some(batch),
        )
        .await
    }
}
