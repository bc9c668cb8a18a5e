//! The change feed: how a client keeps an exact copy of a store's orders and customers.
//!
//! A client asks for the changes after an opaque cursor (none on the first call) and gets a
//! page of upserts and tombstones in the order the platform committed them, plus the cursor to
//! continue from. Every change the platform commits gets a position after every earlier one,
//! so a client that follows `nextCursor` until `hasMore` is false has seen the latest state of
//! every record that changed, including changes made while it was paging. A record that
//! changes twice may appear twice; applying the later one last is always right.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{Customer, Order};

/// The most changes one page may carry.
pub const MAX_FEED_PAGE: u32 = 1000;
/// The page size when the client does not ask for one.
pub const DEFAULT_FEED_PAGE: u32 = 500;

/// Query of `GET /api/v1/stores/{storeId}/changes`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The `nextCursor` of the previous page; absent for the first page of a full sync.
    pub cursor: Option<String>,
    /// How many changes at most (1..=1000, default 500).
    pub limit: Option<u32>,
}

/// One change to one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The order was created or changed; this is its whole current state.
    OrderUpserted {
        order: Order,
    },
    /// The order was deleted on the platform: a tombstone.
    OrderDeleted {
        id: i64,
    },
    CustomerUpserted {
        customer: Customer,
    },
    CustomerDeleted {
        id: i64,
    },
}

/// A page of the change feed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangePage {
    pub changes: Vec<Change>,
    /// Where to continue from. Keep it even when `hasMore` is false: the next incremental
    /// sync starts there.
    pub next_cursor: String,
    pub has_more: bool,
    /// How many changes remain after this page (an estimate for progress bars).
    pub remaining: u64,
}
