//! Bodies of the admin API (`/admin/...`, behind `X-Admin-Token`): what demos and tests use
//! to play the platform's side — add merchants, create, change and delete orders and
//! customers while the server runs, and read a store's content checksum.
//!
//! The bodies that carry personal data (names, contacts, addresses, passwords, notes) have a
//! `Debug` that hides it (see `crate::redact`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    Merchant, OrderStatus, PaymentStatus, ShippingAddress, ShippingRate, Store, VariantAttribute,
};

#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewMerchant {
    pub name: String,
    pub email: String,
    pub password: String,
    pub store_name: String,
}

/// Body of `POST /admin/merchants/{merchant_id}/stores`: another store for a merchant.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewStore {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewMerchantCreated {
    pub merchant: Merchant,
    pub store: Store,
}

/// A new order as a buyer would place it; the platform numbers it and computes the totals.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderDraft {
    pub customer_id: Option<i64>,
    pub status: Option<OrderStatus>,
    pub payment_status: Option<PaymentStatus>,
    pub items: Vec<OrderItemDraft>,
    pub shipping_rate: ShippingRate,
    pub shipping_address: ShippingAddress,
    pub note: Option<String>,
    /// Rials.
    #[serde(default)]
    pub discount_total: i64,
    #[serde(default)]
    pub vat_percent: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderItemDraft {
    pub product_variant_id: i64,
    pub name: String,
    /// Rials.
    pub single_item_price: i64,
    pub no_of_items: i64,
    #[serde(default)]
    pub variant_attributes: Vec<VariantAttribute>,
}

/// Fields to change on an order; absent fields stay as they are.
#[derive(Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderPatch {
    pub status: Option<OrderStatus>,
    pub payment_status: Option<PaymentStatus>,
    pub note: Option<String>,
    pub shipping_address: Option<ShippingAddress>,
}

/// Generate realistic orders for existing customers of the store.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GenerateOrders {
    /// 1..=100000.
    pub count: u32,
    #[serde(default)]
    pub seed: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedOrders {
    pub order_ids: Vec<i64>,
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDraft {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// Any accepted Iranian mobile form; stored as `+989XXXXXXXXX`.
    pub mobile_phone: Option<String>,
    pub national_code: Option<String>,
    #[serde(default)]
    pub addresses: Vec<CustomerAddressDraft>,
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerAddressDraft {
    pub region: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    pub phone_number: Option<String>,
}

#[derive(Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPatch {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
}

debug_redacting!(NewMerchant {
    name: redacted,
    email: redacted,
    password: redacted,
    store_name,
});
debug_redacting!(OrderDraft {
    customer_id,
    status,
    payment_status,
    items,
    shipping_rate,
    shipping_address,
    note: redacted,
    discount_total,
    vat_percent,
});
debug_redacting!(OrderPatch {
    status,
    payment_status,
    note: redacted,
    shipping_address,
});
debug_redacting!(CustomerDraft {
    first_name: redacted,
    last_name: redacted,
    email: redacted,
    mobile_phone: redacted,
    national_code: redacted,
    addresses,
});
debug_redacting!(CustomerAddressDraft {
    region: redacted,
    city: redacted,
    address: redacted,
    postal_code: redacted,
    phone_number: redacted,
});
debug_redacting!(CustomerPatch {
    first_name: redacted,
    last_name: redacted,
    email: redacted,
    mobile_phone: redacted,
});
