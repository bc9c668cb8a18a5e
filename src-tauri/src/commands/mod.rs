//! The Tauri commands the webview calls. Each is a thin translation to `pishkhan-core`;
//! errors cross as `{code, message, messageFa}` and the UI translates by `code`.
//!
//! - `account`: status, sign-in, the demo store, sync, sign-out.
//! - `review`: the orders and customers lists, details and the dashboard, all from the cache.
//! - `edits`: order edits, the outbox and conflicts, the sync status area, preferences.
//! - `export`: lists to files the merchant chooses with the native save dialog.
//! - `kyc`: identity verification: the form, the ID card images, submit, pause and resume.
//! - `diagnostics`: what "share diagnostics" would send (the Privacy page's preview).
//! - `window`: the native menu's language.
//! - `updates`: check for, verify and install a newer version.

pub mod account;
pub mod diagnostics;
pub mod edits;
pub mod export;
pub mod kyc;
pub mod review;
pub mod updates;
pub mod window;

pub use account::sync_with_progress;

use pishkhan_core::PublicError;

pub type CommandResult<T> = Result<T, PublicError>;

/// A core result as a command result: errors in their public form.
pub fn public<T>(result: pishkhan_core::Result<T>) -> CommandResult<T> {
    result.map_err(|e| e.to_public())
}
