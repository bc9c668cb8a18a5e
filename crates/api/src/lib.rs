//! The wire types of Pishkhan's platform API v1.
//!
//! Both sides of the wire use these types: the reference platform (`crates/platform`) serves
//! them and documents them as OpenAPI (through `utoipa::ToSchema`), and the app's platform
//! client (`crates/core`) decodes them. Keeping them in one crate means a field renamed on one
//! side is a compile error on the other, not a silent `null` in a merchant's cache.
//!
//! The shapes follow what is publicly known of the Sazito store builder (camelCase, an
//! `invoice` with items, shipping items and totals, a shipping address with first and last
//! name, mobile, province, city, postal code). Money is always an integer number of **Rials**;
//! instants are UTC.

// First, so its macro is in scope in the modules below.
#[macro_use]
pub mod redact;

pub mod admin;
pub mod auth;
pub mod checksum;
pub mod customer;
pub mod diagnostics;
pub mod error;
pub mod feed;
pub mod kyc;
pub mod mutation;
pub mod notification;
pub mod order;
pub mod workflow;

pub use admin::*;
pub use auth::*;
pub use checksum::ContentChecksum;
pub use customer::*;
pub use diagnostics::*;
pub use error::*;
pub use feed::*;
pub use kyc::*;
pub use mutation::*;
pub use notification::*;
pub use order::*;

/// The version prefix every platform route lives under.
pub const API_PREFIX: &str = "/api/v1";

/// The header that carries the admin token on `/admin/...` routes.
pub const ADMIN_TOKEN_HEADER: &str = "x-admin-token";
