//! The OS keychain, through the keyring crate: the macOS Keychain, the Windows Credential
//! Manager, the Secret Service on Linux (GNOME Keyring, KWallet).
//!
//! One entry per data folder (service `pishkhan`, user `account-<hash of the folder>`), so two
//! data folders on one computer (two OS users, a test run) never share secrets. Calls run on a
//! thread of their own with a time limit: a locked Secret Service may wait for a password prompt
//! that nobody answers, and the app must say so rather than hang.

use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

/// How long a keychain call may take before it is reported as not answering.
const TIMEOUT: Duration = Duration::from_secs(15);

pub const SERVICE: &str = "pishkhan";

#[derive(Debug)]
pub enum KeychainError {
    /// No keychain answers: no Secret Service on the session bus, no D-Bus at all, or it timed out.
    Unavailable(String),
    /// The keychain answered with an error (refused, locked, too long).
    Failed(String),
}

/// The entry's user name for a data folder.
pub fn account(data_dir: &Path) -> String {
    let absolute = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(absolute.to_string_lossy().as_bytes());
    format!("account-{}", &hex::encode(digest)[..16])
}

pub fn read(data_dir: &Path) -> Result<Option<String>, KeychainError> {
    let user = account(data_dir);
    call(move || match entry(&user)?.get_password() {
        Ok(text) => Ok(Some(text)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e),
    })
}

pub fn write(data_dir: &Path, text: &str) -> Result<(), KeychainError> {
    let user = account(data_dir);
    let text = text.to_string();
    call(move || entry(&user)?.set_password(&text))
}

pub fn delete(data_dir: &Path) -> Result<(), KeychainError> {
    let user = account(data_dir);
    call(move || match entry(&user)?.delete_credential() {
        Err(keyring::Error::NoEntry) => Ok(()),
        other => other,
    })
}

/// Whether a keychain answers on this computer (reading an entry, present or not).
pub fn available(data_dir: &Path) -> Result<(), KeychainError> {
    read(data_dir).map(|_| ())
}

fn entry(user: &str) -> keyring::Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, user)
}

fn call<T: Send + 'static>(
    f: impl FnOnce() -> keyring::Result<T> + Send + 'static,
) -> Result<T, KeychainError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(TIMEOUT) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e @ (keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_)))) => {
            Err(KeychainError::Unavailable(e.to_string()))
        }
        Ok(Err(e)) => Err(KeychainError::Failed(e.to_string())),
        Err(_) => Err(KeychainError::Unavailable(format!(
            "the keychain did not answer within {} s (is it locked?)",
            TIMEOUT.as_secs()
        ))),
    }
}
