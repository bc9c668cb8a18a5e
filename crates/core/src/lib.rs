//! Pishkhan's core: everything the app does, with no window in sight.
//!
//! - `platform_client`: the only code that speaks HTTP to the hosted platform.
//! - `cache`: the local SQLite copy of the store's orders and customers.
//! - `sync`: the change feed pulled into the cache, a page and its cursor at a time.
//! - `session`: who is signed in where.
//! - `service`: `Pishkhan`, the functions the desktop app and the CLI both call.
//!
//! Nothing here depends on Tauri; the tests need no display.

pub mod cache;
pub mod error;
pub mod platform_client;
pub mod service;
pub mod session;
pub mod sync;

pub use cache::customers::{CustomerQuery, CustomerSummary};
pub use cache::orders::{OrderPage, OrderQuery, OrderSummary};
pub use error::{CoreError, PublicError, Result};
pub use service::{Pishkhan, Status};
pub use sync::{SyncProgress, SyncReport};
