//! Orders as the platform holds them: an invoice with items, shipping items and totals, and a
//! shipping address. Field names follow the real platform's SDK (camelCase).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where an order stands in the shop's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::PendingPayment,
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
        OrderStatus::Refunded,
    ];

    /// The snake_case name used on the wire, in the cache and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Processing => "processing",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A note the store's staff added about an order.
// Its `Debug` hides the text, which often names the buyer.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InternalNote {
    pub text: String,
    pub at: DateTime<Utc>,
}

/// One step of an order's timeline: the status it entered and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: OrderStatus,
    pub at: DateTime<Utc>,
}

/// Whether the buyer has paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Unpaid,
    Paid,
    Refunded,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Unpaid => "unpaid",
            PaymentStatus::Paid => "paid",
            PaymentStatus::Refunded => "refunded",
        }
    }
}

/// Where one shipping item (a parcel) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ShippingItemStatus {
    Pending,
    Shipped,
    Delivered,
    Returned,
}

/// One order of a store.
// Its `Debug` hides the note and the address.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The platform's numeric id, unique within the platform.
    pub id: i64,
    /// The human-readable number merchants and buyers quote (e.g. `"100234"`).
    pub order_number: String,
    /// A stable opaque token for the order.
    pub order_identifier: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    /// The customer who placed it, when known.
    pub customer_id: Option<i64>,
    pub invoice: Invoice,
    pub shipping_address: ShippingAddress,
    /// A note printed on the invoice.
    pub note: Option<String>,
    /// Every status the order has had, oldest first; the last entry is `status`.
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    /// Notes the store's staff added about the order (not shown to the buyer), oldest first.
    #[serde(default)]
    pub internal_notes: Vec<InternalNote>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Increases by one on every change the platform applies.
    pub version: i64,
}

impl Order {
    /// The buyer's name as merchants read it: first and last name of the shipping address.
    pub fn customer_name(&self) -> String {
        let a = &self.shipping_address;
        format!("{} {}", a.first_name, a.last_name)
            .trim()
            .to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub invoice_items: Vec<InvoiceItem>,
    pub shipping_items: Vec<ShippingItem>,
    /// Sum of the items' totals, Rials.
    pub net_total: i64,
    /// Shipping cost, Rials.
    pub shipping_total: i64,
    /// Discounts applied, Rials (a positive number that is subtracted).
    pub discount_total: i64,
    /// Store credit used, Rials.
    pub credit_total: i64,
    /// Value-added tax, Rials.
    pub vat: i64,
    /// VAT rate in whole percent.
    pub vat_percent: i64,
    /// What the buyer pays, Rials: net + shipping − discount − credit + VAT.
    pub final_total: i64,
    pub discount_usages: Vec<DiscountUsage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceItem {
    pub id: i64,
    pub product_variant_id: i64,
    pub name: String,
    pub image: Option<Image>,
    pub variant_attributes: Vec<VariantAttribute>,
    /// Rials.
    pub single_item_price: i64,
    pub no_of_items: i64,
    /// Rials.
    pub total_items_price: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Image {
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VariantAttribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShippingItem {
    pub id: i64,
    pub invoice_item_ids: Vec<i64>,
    pub rate: ShippingRate,
    pub status: ShippingItemStatus,
    pub carrier: Option<String>,
    pub tracking_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShippingRate {
    pub id: i64,
    pub name: String,
    /// Rials.
    pub price: i64,
    /// e.g. `post`, `courier`, `pickup`.
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscountUsage {
    #[serde(rename = "discountCode")]
    pub discount_code: DiscountCode,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscountCode {
    pub code: String,
}

// Its `Debug` hides every value.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShippingAddress {
    pub first_name: String,
    pub last_name: String,
    /// As the buyer typed it; normalised `+989…` form.
    pub mobile_phone: Option<String>,
    pub phone_number: Option<String>,
    pub email: Option<String>,
    /// Province (استان).
    pub region: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub description: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

debug_redacting!(InternalNote { text: redacted, at });
debug_redacting!(Order {
    id,
    order_number,
    order_identifier,
    status,
    payment_status,
    customer_id,
    invoice,
    shipping_address,
    note: redacted,
    status_history,
    internal_notes,
    created_at,
    updated_at,
    version,
});
debug_redacting!(ShippingAddress {
    first_name: redacted,
    last_name: redacted,
    mobile_phone: redacted,
    phone_number: redacted,
    email: redacted,
    region: redacted,
    city: redacted,
    address: redacted,
    postal_code: redacted,
    description: redacted,
    latitude: redacted,
    longitude: redacted,
});

/// A page of a plain paged list, in the platform's `page` / `page_size` convention.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page_number: u32,
    pub page_size: u32,
    pub total_count: u64,
}
