//! Where the app and the CLI write their log: warnings to the terminal (stderr), and a log
//! file that rotates daily in the OS's log folder (seven days kept), so a merchant can send
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
//! records by id. `tests/logs_private.rs` runs a whole flow and searches every log file for the
//! known values.
//!
//! The log folder is the OS's own for the default data folder: `~/.local/state/pishkhan/logs`
//! on Linux (XDG state), `~/Library/Logs/Pishkhan` on macOS, `%LOCALAPPDATA%\pishkhan\logs` on
//! Windows. A data folder chosen explicitly (`--data-dir`, tests, a portable copy) keeps its log
//! beside it in `<data folder>/logs`, so two data folders never share a log. Either way signing
//! out erases it with the rest of the account's data.

use std::path::{Path, PathBuf};

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The log folder of a data folder: the OS's log folder for the default data folder, the
/// `logs` folder inside any other.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    if data_dir == crate::Pishkhan::default_data_dir() {
        if let Some(dir) = os_log_dir() {
            return dir;
        }
    }
    data_dir.join("logs")
}

#[cfg(target_os = "macos")]
fn os_log_dir() -> Option<PathBuf> {
    dirs::home_dir().map(|h| h.join("Library").join("Logs").join("Pishkhan"))
}

#[cfg(windows)]
fn os_log_dir() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join("pishkhan").join("logs"))
}

#[cfg(not(any(target_os = "macos", windows)))]
fn os_log_dir() -> Option<PathBuf> {
    dirs::state_dir().map(|d| d.join("pishkhan").join("logs"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_data_folder_logs_to_the_os_log_folder_and_others_beside_themselves() {
        let default = log_dir(&crate::Pishkhan::default_data_dir());
        assert!(default.ends_with("logs") || default.ends_with("Pishkhan"));
        assert!(
            !default.starts_with(crate::Pishkhan::default_data_dir()) || os_log_dir().is_none()
        );
        let custom = Path::new("/tmp/some-data");
        assert_eq!(log_dir(custom), custom.join("logs"));
    }
}
