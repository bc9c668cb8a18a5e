//! Diagnostic events apps sent, kept without their sender (see `migrations/0004_diagnostics.sql`).

use chrono::Utc;
use pishkhan_api::{Diagnostic, DiagnosticEvent};
use sqlx::SqlitePool;

use crate::error::Result;

/// The kind as stored: the event's `kind` on the wire.
fn kind(event: &Diagnostic) -> &'static str {
    match event {
        Diagnostic::AppStarted(_) => "app_started",
        Diagnostic::SyncFinished(_) => "sync_finished",
        Diagnostic::SyncFailed(_) => "sync_failed",
        Diagnostic::KycSubmitted(_) => "kyc_submitted",
        Diagnostic::ExportMade(_) => "export_made",
    }
}

/// Stores `events` in one transaction.
pub async fn insert(pool: &SqlitePool, events: &[DiagnosticEvent]) -> Result<()> {
    let now = Utc::now().to_rfc3339();
    let mut tx = pool.begin().await?;
    for e in events {
        sqlx::query("INSERT INTO diagnostic_events (kind, event, received_at) VALUES (?1, ?2, ?3)")
            .bind(kind(&e.event))
            .bind(serde_json::to_string(e)?)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every stored event, in the order received.
pub async fn all(pool: &SqlitePool) -> Result<Vec<DiagnosticEvent>> {
    let rows: Vec<String> = sqlx::query_scalar("SELECT event FROM diagnostic_events ORDER BY id")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|text| Ok(serde_json::from_str(text)?))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stored_kind_is_the_wire_kind() {
        use pishkhan_api::*;
        let events = [
            Diagnostic::AppStarted(AppStarted {
                app_version: "0.1.0".into(),
                os: "linux".into(),
            }),
            Diagnostic::SyncFinished(SyncFinished {
                duration_ms: 1,
                orders_upserted: 0,
                orders_deleted: 0,
                pushed: 0,
                conflicts: 0,
            }),
            Diagnostic::SyncFailed(SyncFailed {
                error_code: "x".into(),
            }),
            Diagnostic::KycSubmitted(KycSubmitted {}),
            Diagnostic::ExportMade(ExportMade {
                list: ExportedList::Orders,
                format: ExportedFormat::Csv,
                rows: 1,
            }),
        ];
        for e in events {
            let wire = serde_json::to_value(&e).unwrap();
            assert_eq!(wire["kind"], super::kind(&e));
        }
    }
}
