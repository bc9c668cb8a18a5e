//! A content checksum over a store's orders and customers, computed the same way by the
//! platform and by the app's cache, so "the cache equals the platform" is a comparison of two
//! short strings instead of a belief.
//!
//! Each record is serialised canonically (these types, `serde_json`) and hashed with SHA-256;
//! the record hashes are added as 128-bit numbers. The sum does not depend on the order the
//! records are visited in, so each side can stream its records in whatever order is cheap.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::{Customer, Order};

/// Counts and checksum of a store's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContentChecksum {
    pub orders: u64,
    pub customers: u64,
    /// 32 hex digits.
    pub checksum: String,
}

#[derive(Debug, Default)]
pub struct Checksummer {
    orders: u64,
    customers: u64,
    sum: u128,
}

impl Checksummer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_order(&mut self, order: &Order) {
        self.orders += 1;
        self.add(b"order", order);
    }

    pub fn add_customer(&mut self, customer: &Customer) {
        self.customers += 1;
        self.add(b"customer", customer);
    }

    fn add<T: Serialize>(&mut self, kind: &[u8], record: &T) {
        let mut hasher = Sha256::new();
        hasher.update(kind);
        hasher.update([0u8]);
        // Serialising these plain structs cannot fail (no maps with non-string keys).
        if let Ok(bytes) = serde_json::to_vec(record) {
            hasher.update(&bytes);
        }
        let digest = hasher.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        self.sum = self.sum.wrapping_add(u128::from_be_bytes(first));
    }

    pub fn finish(&self) -> ContentChecksum {
        ContentChecksum {
            orders: self.orders,
            customers: self.customers,
            checksum: hex::encode(self.sum.to_be_bytes()),
        }
    }
}
