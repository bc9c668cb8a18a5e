//! Where the app and the CLI write their log: warnings to the terminal (stderr), and a log
//! file that rotates daily in `<data folder>/logs/` (seven days kept), so a merchant can send
//! support what happened without running anything again.
//!
//! What may be written: ids (order, store, session, upload), counts, durations, error codes,
//! statuses. What never is: names, emails, phones, addresses, postal codes, national codes,
//! Shebas, passwords and tokens. That is kept by the types rather than by remembering: the
//! values that carry such data either have no `Debug` (`ImageBytes`), or a `Debug` that leaves
//! them out (`Session`, `SignInRequest`, `KycForm`, `FieldCheck`, and every wire type of
//! `pishkhan_api` with a personal field — `Order`, `ShippingAddress`, `Customer`, `Merchant`,
//! `SessionInfo`, `StoreNotification`, the admin drafts and patches, notes and reasons — which
//! print ids, statuses, amounts and dates and show the rest as `<redacted>`, see
//! `pishkhan_api::redact`), so `?value` in a log line cannot leak them; and log lines name
//! records by id. `tests/logs_private.rs` runs a whole flow
//! and searches every log file for the known values.
//!
//! The log lives in the data folder so that signing out, which erases the folder's data, erases
//! the log with it.

use std::path::{Path, PathBuf};

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The log folder inside a data folder.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Starts logging: `stderr_filter` for the terminal and `file_filter` for the rotating file
/// (both overridden by `PISHKHAN_LOG` when set). A log file that cannot be opened (a read-only
/// folder, a full disk) leaves the terminal log alone rather than stopping the program.
pub fn init(data_dir: &Path, stderr_filter: &str, file_filter: &str) {
    let filter = |default: &str| {
        EnvFilter::try_from_env("PISHKHAN_LOG").unwrap_or_else(|_| EnvFilter::new(default))
    };
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter(stderr_filter));
    let file = std::fs::create_dir_all(log_dir(data_dir))
        .ok()
        .and_then(|_| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("pishkhan")
                .filename_suffix("log")
                .max_log_files(7)
                .build(log_dir(data_dir))
                .ok()
        })
        .map(|appender| {
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(appender)
                .with_filter(filter(file_filter))
        });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
}
