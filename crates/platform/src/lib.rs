//! The reference hosted platform.
//!
//! There is no public merchant API for the real store builder, so Pishkhan ships this server:
//! it implements the platform API the app syncs with (documented in `docs/platform-api.yaml`),
//! stores its data in SQLite, and can fill a demo store with realistic generated data. Tests
//! start it on a loopback port and talk HTTP to it; the desktop app's demo mode runs it
//! embedded. It is a real server, not a mock: tokens expire, cursors are validated, changes
//! are numbered in commit order.
//!
//! Layout: `server` starts and stops it, `routes` holds the HTTP handlers (merchant API and
//! admin API), `store` the database access, `auth` passwords and tokens, `demo` the data
//! generator, `openapi` the generated API document, `kyc` the identity verification rules,
//! `uploads` the files of tus uploads (ID card images).

pub mod auth;
pub mod demo;
pub mod error;
pub mod kyc;
pub mod openapi;
pub mod routes;
pub mod server;
pub mod store;
pub mod uploads;

pub use error::PlatformError;
pub use server::{Platform, PlatformConfig};

/// The demo merchant created by `serve --demo-orders N`.
pub const DEMO_EMAIL: &str = "demo@pishkhan.example";
/// The demo merchant's password (documented in the README; demo data only).
pub const DEMO_PASSWORD: &str = "demo1234";
