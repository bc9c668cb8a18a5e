//! Customers of a store: who bought, how to reach them, where they receive parcels.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// Its `Debug` shows ids, dates and the version, never who the buyer is or where they live.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// Normalised `+989XXXXXXXXX`.
    pub mobile_phone: Option<String>,
    /// National code (کد ملی), when the buyer gave one.
    pub national_code: Option<String>,
    pub addresses: Vec<CustomerAddress>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl Customer {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }
}

#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomerAddress {
    pub id: i64,
    /// Province (استان).
    pub region: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    pub phone_number: Option<String>,
}

debug_redacting!(Customer {
    id,
    first_name: redacted,
    last_name: redacted,
    email: redacted,
    mobile_phone: redacted,
    national_code: redacted,
    addresses,
    created_at,
    updated_at,
    version,
});
debug_redacting!(CustomerAddress {
    id,
    region: redacted,
    city: redacted,
    address: redacted,
    postal_code: redacted,
    phone_number: redacted,
});
