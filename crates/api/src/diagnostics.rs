//! Diagnostics: `POST /api/v1/diagnostics`, the events an app sends only when its merchant
//! turned "share diagnostics" on (off by default) — the "event monitoring" of the privacy
//! policy's *Review and monitoring* section.
//!
//! An event says what the app did, never about whom: an app version and an OS, durations,
//! counts, error codes, the kind of an export. It carries **no identifier at all** — no
//! merchant, store, customer or order id, no per-install id — and its strings are short codes
//! of `[A-Za-z0-9._+-]`, so a name, an email, a mobile or an address cannot pass through them
//! ([`DiagnosticEvent::check`], which the platform applies to every event it receives). The
//! platform stores the events without the sender: the bearer token only keeps strangers out.
//!
//! Both sides refuse a field they do not know (`deny_unknown_fields`), so a client cannot
//! slip more into an event than this file declares.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most events one batch may carry (and the most an app keeps in memory).
pub const MAX_DIAGNOSTIC_EVENTS: usize = 100;

/// One thing the app did, and when (to the second).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiagnosticEvent {
    pub at: DateTime<Utc>,
    pub event: Diagnostic,
}

/// What happened. Counts saturate at `u32::MAX`. On the wire the variant's fields sit beside
/// its `kind`: `{"kind":"sync_failed","errorCode":"platform_unreachable"}`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Diagnostic {
    /// The desktop app started.
    AppStarted(AppStarted),
    /// A sync ended well.
    SyncFinished(SyncFinished),
    /// A sync stopped on an error: its stable code only.
    SyncFailed(SyncFailed),
    /// An identity verification was submitted (nothing of its content).
    KycSubmitted(KycSubmitted),
    /// A list was exported to a file.
    ExportMade(ExportMade),
}

// Each kind is its own struct so that it can refuse unknown fields (serde does not apply an
// enum's `deny_unknown_fields` in a way the TypeScript generator accepts).

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppStarted {
    /// The app's version, e.g. `0.1.0`.
    pub app_version: String,
    /// The operating system's family as Rust names it: `windows`, `macos`, `linux`.
    pub os: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncFinished {
    pub duration_ms: u32,
    pub orders_upserted: u32,
    pub orders_deleted: u32,
    /// Edits the platform applied, and found in conflict.
    pub pushed: u32,
    pub conflicts: u32,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncFailed {
    /// The error's stable code (`platform_unreachable`, `session_expired`, …).
    pub error_code: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KycSubmitted {}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportMade {
    pub list: ExportedList,
    pub format: ExportedFormat,
    pub rows: u32,
}

/// Which list an export held.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportedList {
    Orders,
    Customers,
}

/// The file format of an export.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportedFormat {
    Csv,
    Xlsx,
}

/// Body of `POST /api/v1/diagnostics`: 1 to [`MAX_DIAGNOSTIC_EVENTS`] events, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiagnosticsBatch {
    pub events: Vec<DiagnosticEvent>,
}

/// Answer of `POST /api/v1/diagnostics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticsStored {
    /// How many events were stored.
    pub stored: u32,
}

/// The longest string an event may hold.
pub const MAX_DIAGNOSTIC_TEXT: usize = 40;

impl DiagnosticEvent {
    /// Whether the event's strings are the short codes this file promises (see the module
    /// documentation); the reason when not.
    pub fn check(&self) -> Result<(), NotACode> {
        let code = |name: &'static str, value: &str| {
            let ok = !value.is_empty()
                && value.len() <= MAX_DIAGNOSTIC_TEXT
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-'));
            if ok {
                Ok(())
            } else {
                Err(NotACode { field: name })
            }
        };
        match &self.event {
            Diagnostic::AppStarted(AppStarted { app_version, os }) => {
                code("appVersion", app_version)?;
                code("os", os)
            }
            Diagnostic::SyncFailed(SyncFailed { error_code }) => code("errorCode", error_code),
            Diagnostic::SyncFinished(_)
            | Diagnostic::KycSubmitted(_)
            | Diagnostic::ExportMade(_) => Ok(()),
        }
    }
}

/// An event string that is not a short code: which field (`check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACode {
    pub field: &'static str,
}

impl std::fmt::Display for NotACode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is 1 to {MAX_DIAGNOSTIC_TEXT} of A-Z a-z 0-9 . _ + -",
            self.field
        )
    }
}

impl std::error::Error for NotACode {}

/// A count as an event carries it.
pub fn diagnostic_count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_have_a_readable_wire_shape_and_refuse_unknown_fields() {
        let event = DiagnosticEvent {
            at: "2024-07-22T08:30:00Z".parse().unwrap(),
            event: Diagnostic::SyncFinished(SyncFinished {
                duration_ms: 1200,
                orders_upserted: 3,
                orders_deleted: 0,
                pushed: 1,
                conflicts: 0,
            }),
        };
        let text = serde_json::to_string(&event).unwrap();
        assert_eq!(
            text,
            r#"{"at":"2024-07-22T08:30:00Z","event":{"kind":"sync_finished","durationMs":1200,"ordersUpserted":3,"ordersDeleted":0,"pushed":1,"conflicts":0}}"#
        );
        assert_eq!(
            serde_json::from_str::<DiagnosticEvent>(&text).unwrap(),
            event
        );
        let kyc = r#"{"at":"2024-07-22T08:30:00Z","event":{"kind":"kyc_submitted"}}"#;
        assert!(serde_json::from_str::<DiagnosticEvent>(kyc).is_ok());

        for smuggled in [
            r#"{"at":"2024-07-22T08:30:00Z","event":{"kind":"kyc_submitted","email":"a@b.c"}}"#,
            r#"{"at":"2024-07-22T08:30:00Z","event":{"kind":"sync_failed","errorCode":"x","storeId":1}}"#,
            r#"{"at":"2024-07-22T08:30:00Z","merchantId":7,"event":{"kind":"kyc_submitted"}}"#,
            r#"{"at":"2024-07-22T08:30:00Z","event":{"kind":"customer_seen","name":"x"}}"#,
        ] {
            assert!(
                serde_json::from_str::<DiagnosticEvent>(smuggled).is_err(),
                "{smuggled}"
            );
        }
        assert!(
            serde_json::from_str::<DiagnosticsBatch>(r#"{"events":[],"installId":"x"}"#).is_err()
        );
    }

    #[test]
    fn strings_are_short_codes_never_free_text() {
        let at = Utc::now();
        let with = |event| DiagnosticEvent { at, event };
        assert!(with(Diagnostic::AppStarted(AppStarted {
            app_version: "0.1.0".into(),
            os: "linux".into()
        }))
        .check()
        .is_ok());
        for bad in [
            "taraneh@example.com",
            "ترانه",
            "0912 345 6789",
            "",
            &"x".repeat(41),
        ] {
            assert!(
                with(Diagnostic::SyncFailed(SyncFailed {
                    error_code: bad.into()
                }))
                .check()
                .is_err(),
                "{bad}"
            );
        }
    }
}
