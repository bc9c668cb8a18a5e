//! The merchant's edits to orders (made offline too) and where syncing stands: what waits to
//! be sent, what waits for a decision, what the platform rejected, and the last error.

use chrono::{DateTime, Utc};
use pishkhan_api::{Order, OrderChange, OrderStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Pishkhan;
use crate::edits::{self, outbox};
use crate::error::{PublicError, Result};

pub use crate::edits::outbox::{OutboxEntry, RejectedEdit};

/// What the sync status area shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Edits waiting to be sent.
    pub pending_edits: u64,
    /// Edits waiting for the merchant's decision.
    pub conflicts: u64,
    /// How the last sync attempt ended, when it failed.
    pub last_error: Option<PublicError>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// A sync is running now.
    pub syncing: bool,
}

impl Pishkhan {
    async fn edit(&self, order_id: i64, change: OrderChange) -> Result<Order> {
        self.session().await?;
        edits::edit(&self.cache().await?, order_id, change).await
    }

    pub async fn set_order_status(&self, order_id: i64, status: OrderStatus) -> Result<Order> {
        self.edit(order_id, OrderChange::SetStatus { status }).await
    }

    /// Marks the order's pending parcels (or one parcel) shipped.
    pub async fn ship_order(
        &self,
        order_id: i64,
        shipping_item_id: Option<i64>,
        carrier: &str,
        tracking_code: &str,
    ) -> Result<Order> {
        let change = OrderChange::Ship {
            shipping_item_id,
            carrier: carrier.trim().to_string(),
            // Tracking codes are typed with any digits; the carrier's systems want ASCII.
            tracking_code: pishkhan_iran::normalize::compact_field(tracking_code),
        };
        self.edit(order_id, change).await
    }

    pub async fn add_order_note(&self, order_id: i64, text: &str) -> Result<Order> {
        self.edit(
            order_id,
            OrderChange::AddNote {
                text: text.to_string(),
            },
        )
        .await
    }

    pub async fn cancel_order(&self, order_id: i64) -> Result<Order> {
        self.edit(order_id, OrderChange::Cancel).await
    }

    /// Every edit waiting in the outbox, oldest first.
    pub async fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        self.session().await?;
        outbox::entries(self.cache().await?.pool()).await
    }

    /// The latest edits the platform rejected, newest first.
    pub async fn rejected_edits(&self) -> Result<Vec<RejectedEdit>> {
        self.session().await?;
        outbox::rejected(self.cache().await?.pool(), 50).await
    }

    /// In a conflict: send the merchant's edit again over the platform's version.
    pub async fn keep_my_edit(&self, mutation_id: &str) -> Result<()> {
        self.session().await?;
        edits::keep_mine(&self.cache().await?, mutation_id).await
    }

    /// In a conflict: drop the merchant's edit and show the platform's version.
    pub async fn take_platform_version(&self, mutation_id: &str) -> Result<()> {
        self.session().await?;
        edits::take_theirs(&self.cache().await?, mutation_id).await
    }

    /// This computer's preferences (defaults when signed out).
    pub async fn preferences(&self) -> Result<crate::Preferences> {
        if self.session().await.is_err() {
            return Ok(crate::Preferences::default());
        }
        crate::preferences::load(self.account_db().await?.pool()).await
    }

    pub async fn set_preferences(&self, p: &crate::Preferences) -> Result<()> {
        self.session().await?;
        crate::preferences::save(self.account_db().await?.pool(), p).await
    }

    pub async fn sync_status(&self) -> Result<SyncStatus> {
        let last = self
            .last_outcome
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        let syncing = self.syncing.try_lock().is_err();
        let Ok(s) = self.session().await else {
            return Ok(SyncStatus {
                syncing,
                ..SyncStatus::default()
            });
        };
        let cache = self.cache().await?;
        let (pending_edits, conflicts) = outbox::counts(cache.pool()).await?;
        let (_, last_sync_at) = cache.sync_state(s.store.id).await?;
        Ok(SyncStatus {
            last_sync_at,
            pending_edits,
            conflicts,
            last_error: last.error,
            last_attempt_at: last.at,
            syncing,
        })
    }
}
