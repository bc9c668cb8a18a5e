//! Opt-in event monitoring: what the app would tell the platform about how it runs, kept so the
//! merchant can read it, and sent only when they turned "share diagnostics" on.
//!
//! Why: the platform's privacy policy (*Review and monitoring*) allows event monitoring to
//! improve the service. Pishkhan does it only with the merchant's consent (the
//! `share_diagnostics` preference, off by default), shows exactly what would be sent before and
//! after it is on (the Privacy page, [`preview`]), and sends nothing personal.
//!
//! What an event holds is fixed by its type ([`Diagnostic`], in `pishkhan_api::diagnostics`):
//! the app's version and OS, a sync's duration and counts, an error's stable code, that an
//! identity verification was submitted (none of its content), an export's list, format and row
//! count. Never a name, email, mobile, address, note or amount, never an id of a customer,
//! order, store or merchant — and **no identifier at all**, not even a random per-install one:
//! the events of one computer cannot be told from another's by their content, and the platform
//! stores them without the account that sent them.
//!
//! The last [`CAPACITY`] events are kept in memory for this process (a `Mutex<VecDeque>`),
//! recorded whether or not sharing is on, so that "what would be sent" is always true to what
//! the app did; they are never written to disk, and the oldest goes when a new one arrives.
//! Sending removes exactly the events sent (`Pishkhan::send_diagnostics`).

use std::collections::VecDeque;
use std::sync::Mutex;

use chrono::{SubsecRound, Utc};

pub use pishkhan_api::{
    AppStarted, Diagnostic, DiagnosticEvent, ExportMade, ExportedFormat, ExportedList,
    KycSubmitted, SyncFailed, SyncFinished, MAX_DIAGNOSTIC_EVENTS,
};

use crate::export::ExportFormat;
use crate::sync::SyncReport;

/// How many events are kept: one full batch.
pub const CAPACITY: usize = MAX_DIAGNOSTIC_EVENTS;

struct Recent {
    /// The number the next recorded event gets; sending forgets events by number, so an event
    /// recorded while a batch is in flight is never forgotten unsent.
    next: u64,
    events: VecDeque<(u64, DiagnosticEvent)>,
}

impl Recent {
    const fn new() -> Recent {
        Recent {
            next: 0,
            events: VecDeque::new(),
        }
    }

    fn push(&mut self, event: DiagnosticEvent) {
        self.events.push_back((self.next, event));
        self.next += 1;
        while self.events.len() > CAPACITY {
            self.events.pop_front();
        }
    }

    fn events(&self) -> Vec<DiagnosticEvent> {
        self.events.iter().map(|(_, e)| e.clone()).collect()
    }

    fn pending(&self) -> Option<(u64, Vec<DiagnosticEvent>)> {
        let (last, _) = self.events.back()?;
        Some((*last, self.events()))
    }

    fn forget_through(&mut self, last: u64) {
        self.events.retain(|(n, _)| *n > last);
    }
}

static RECENT: Mutex<Recent> = Mutex::new(Recent::new());

fn recent() -> std::sync::MutexGuard<'static, Recent> {
    // Every change is one push, pop or retain: the buffer is consistent whatever panicked.
    RECENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Keeps `event`, stamped with the current second (the oldest goes beyond [`CAPACITY`]).
pub fn record(event: Diagnostic) {
    recent().push(DiagnosticEvent {
        at: Utc::now().trunc_subsecs(0),
        event,
    });
}

/// The events kept now, oldest first: exactly what the next send would carry.
pub fn preview() -> Vec<DiagnosticEvent> {
    recent().events()
}

/// The events kept now and the number of the newest (none when empty).
pub(crate) fn pending() -> Option<(u64, Vec<DiagnosticEvent>)> {
    recent().pending()
}

/// Forgets the events numbered up to `last` (those just sent).
pub(crate) fn forget_through(last: u64) {
    recent().forget_through(last);
}

/// Forgets every event kept.
pub fn clear() {
    recent().events.clear();
}

/// The desktop app started: its version and the OS family.
pub fn app_started() -> Diagnostic {
    Diagnostic::AppStarted(AppStarted {
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        os: std::env::consts::OS.to_string(),
    })
}

/// A sync that ended well, by its counts.
pub fn sync_finished(report: &SyncReport) -> Diagnostic {
    use pishkhan_api::diagnostic_count as count;
    Diagnostic::SyncFinished(SyncFinished {
        duration_ms: count(report.duration_ms),
        orders_upserted: count(report.orders_upserted),
        orders_deleted: count(report.orders_deleted),
        pushed: count(report.pushed),
        conflicts: count(report.conflicts),
    })
}

/// A sync that stopped on the error with this stable code.
pub fn sync_failed(error_code: &str) -> Diagnostic {
    Diagnostic::SyncFailed(SyncFailed {
        error_code: error_code.to_string(),
    })
}

/// An identity verification was submitted.
pub fn kyc_submitted() -> Diagnostic {
    Diagnostic::KycSubmitted(KycSubmitted {})
}

/// An export of `list` to a `format` file of `rows` rows.
pub fn export_made(list: ExportedList, format: ExportFormat, rows: u64) -> Diagnostic {
    Diagnostic::ExportMade(ExportMade {
        list,
        format: match format {
            ExportFormat::Csv => ExportedFormat::Csv,
            ExportFormat::Xlsx => ExportedFormat::Xlsx,
        },
        rows: pishkhan_api::diagnostic_count(rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: u32) -> DiagnosticEvent {
        DiagnosticEvent {
            at: Utc::now().trunc_subsecs(0),
            event: Diagnostic::ExportMade(ExportMade {
                list: ExportedList::Orders,
                format: ExportedFormat::Csv,
                rows: n,
            }),
        }
    }

    #[test]
    fn the_last_hundred_are_kept_and_sending_forgets_only_what_was_sent() {
        let mut r = Recent::new();
        for n in 0..130 {
            r.push(event(n));
        }
        let kept = r.events();
        assert_eq!(kept.len(), CAPACITY);
        assert_eq!(kept[0], event(30), "the oldest went first");
        let (last, batch) = r.pending().unwrap();
        assert_eq!(batch, kept);
        // Recorded while the batch was on its way: stays for the next send.
        r.push(event(500));
        r.forget_through(last);
        assert_eq!(r.events(), vec![event(500)]);
        r.forget_through(last + 1);
        assert!(r.pending().is_none());
    }

    #[test]
    fn events_carry_codes_and_counts_only() {
        let started = serde_json::to_string(&app_started()).unwrap();
        assert!(started.contains(std::env::consts::OS), "{started}");
        let report = SyncReport {
            duration_ms: 1500,
            orders_upserted: u64::MAX,
            pushed: 2,
            ..Default::default()
        };
        assert_eq!(
            sync_finished(&report),
            Diagnostic::SyncFinished(SyncFinished {
                duration_ms: 1500,
                orders_upserted: u32::MAX,
                orders_deleted: 0,
                pushed: 2,
                conflicts: 0,
            })
        );
        for d in [app_started(), sync_failed("platform_unreachable")] {
            DiagnosticEvent {
                at: Utc::now(),
                event: d,
            }
            .check()
            .unwrap();
        }
    }
}
