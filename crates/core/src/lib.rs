//! Pishkhan's core: everything the app does, with no window in sight.
//!
//! - `platform_client`: the only code that speaks HTTP to the hosted platform.
//! - `cache`: the local SQLite copy of the store's orders and customers, and every query the
//!   review screens ask of it (lists, search, details, dashboard).
//! - `export`: those lists as CSV or XLSX files.
//! - `sync`: the change feed pulled into the cache, a page and its cursor at a time.
//! - `edits`: the merchant's offline edits, their outbox, and pushing them to the platform.
//! - `session`: who is signed in where.
//! - `monitoring`: opt-in diagnostic events, kept in memory so the merchant sees what would be
//!   sent.
//! - `service`: `Pishkhan`, the functions the desktop app and the CLI both call.
//!
//! Nothing here depends on Tauri; the tests need no display.

pub mod account;
pub mod cache;
pub mod edits;
pub mod error;
pub mod export;
pub mod kyc;
pub mod labels;
pub mod logging;
pub mod monitoring;
pub mod platform_client;
pub mod preferences;
mod private_file;
pub mod secrets;
pub mod service;
pub mod session;
pub mod store_settings;
pub mod sync;
pub mod tehran;

pub use account::{AppStatus, SignInRequest};
pub use cache::customers::{CustomerDetail, CustomerPage, CustomerQuery, CustomerSummary};
pub use cache::dashboard::{Dashboard, DashboardQuery};
pub use cache::order_list::{
    FilterOptions, OrderPage, OrderQuery, OrderSummary, SortDirection, SortKey,
};
pub use cache::orders::OrderDetail;
pub use edits::outbox::{EntryState, OutboxEntry, RejectedEdit};
pub use error::{CoreError, PublicError, Result};
pub use export::{ExportFormat, ExportResult};
pub use labels::Language;
pub use preferences::Preferences;
pub use service::{Pishkhan, Status, SyncStatus};
pub use sync::{SyncProgress, SyncReport};
