//! The platform's side of the notification policy: a message to the store for every new order
//! (email always; SMS when the owner turned it on), kept in an outbox the admin API reads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationChannel {
    Email,
    Sms,
}

/// One message queued for the store. It names the order by number and amount only: no buyer's
/// personal data leaves through it.
// Its `Debug` hides the recipient and the body.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreNotification {
    pub id: i64,
    pub order_id: i64,
    pub channel: NotificationChannel,
    /// The store owner's email or mobile.
    pub recipient: String,
    pub body: String,
    /// `queued` (this platform never sends).
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// `PATCH /admin/stores/{id}/settings`: what the owner may change about notifications.
// Its `Debug` hides the mobile.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreSettingsPatch {
    pub sms_on_new_order: Option<bool>,
    /// `09XXXXXXXXX` or `+989XXXXXXXXX`.
    pub owner_mobile: Option<String>,
}

debug_redacting!(StoreNotification {
    id,
    order_id,
    channel,
    recipient: redacted,
    body: redacted,
    status,
    created_at,
});
debug_redacting!(StoreSettingsPatch {
    sms_on_new_order,
    owner_mobile: redacted,
});
