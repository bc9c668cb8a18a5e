//! Edits the app made (often offline) and sends to the platform: `POST /api/v1/store/mutations`.
//!
//! Each mutation carries a client-chosen id (the idempotency key: the platform applies an id at
//! most once and answers a repeated id with the first answer) and the order version it was based
//! on (so the platform can tell whether the same field changed meanwhile). Each gets its own
//! answer: applied, conflict or rejected — with the platform's order as it now stands.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::order::{Order, OrderStatus};

/// The most mutations one request may carry.
pub const MAX_MUTATIONS: usize = 100;

/// `POST /api/v1/store/mutations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MutationBatch {
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Mutation {
    /// Chosen by the client, unique per store: 8 to 64 of `A-Z a-z 0-9 - _`.
    pub id: String,
    pub order_id: i64,
    /// The order's `version` the edit was made on.
    pub base_version: i64,
    pub change: OrderChange,
}

/// What an edit does to an order. The rules live in `crate::workflow`.
// Its `Debug` hides a note's text, which often names the buyer.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrderChange {
    /// Move the order to another status of the workflow.
    SetStatus { status: OrderStatus },
    /// Mark a parcel (or, without an id, every pending parcel) shipped with a carrier and a
    /// tracking code; a processing order becomes shipped.
    Ship {
        #[serde(rename = "shippingItemId", default)]
        shipping_item_id: Option<i64>,
        carrier: String,
        #[serde(rename = "trackingCode")]
        tracking_code: String,
    },
    /// Add an internal note (seen by the store's staff only).
    AddNote { text: String },
    /// Cancel an order that has not shipped.
    Cancel,
}

impl std::fmt::Debug for OrderChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OrderChange::SetStatus { status } => {
                f.debug_struct("SetStatus").field("status", status).finish()
            }
            OrderChange::Ship {
                shipping_item_id,
                carrier,
                tracking_code,
            } => f
                .debug_struct("Ship")
                .field("shipping_item_id", shipping_item_id)
                .field("carrier", carrier)
                .field("tracking_code", tracking_code)
                .finish(),
            OrderChange::AddNote { text } => f
                .debug_struct("AddNote")
                .field("text", &crate::redact::Redacted(text))
                .finish(),
            OrderChange::Cancel => f.write_str("Cancel"),
        }
    }
}

/// A part of an order that edits change, for conflict detection.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderField {
    Status,
    Shipping,
    Notes,
}

impl OrderField {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderField::Status => "status",
            OrderField::Shipping => "shipping",
            OrderField::Notes => "notes",
        }
    }
}

/// How the platform answered one mutation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MutationOutcome {
    /// Applied (now, or the first time this id was seen).
    Applied {
        /// The order version this edit produced; absent when the order already was as asked
        /// (nothing changed). A client can rebase its next edit of the order on this version
        /// only when it is the version the edit was based on plus one: then nobody else
        /// changed the order in between.
        #[serde(default)]
        version: Option<i64>,
    },
    /// Not applied: these fields changed on the platform after the base version.
    Conflict { fields: Vec<OrderField> },
    /// Not applied, and it never will be: the reason, in English and Persian.
    Rejected {
        code: String,
        message: String,
        #[serde(rename = "messageFa")]
        message_fa: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MutationResult {
    pub id: String,
    pub outcome: MutationOutcome,
    /// The order as the platform holds it after this mutation; absent when it does not exist.
    pub order: Option<Order>,
}

/// The answer to a batch: one result per mutation, in the batch's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MutationResults {
    pub results: Vec<MutationResult>,
}

/// Whether `id` is an acceptable mutation id.
pub fn valid_mutation_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
