//! A page of the change feed as the app decodes it: `serde_json::from_slice::<ChangePage>` on
//! the answer's bytes, a failure described by `pishkhan_core::error::json_error` (what the
//! platform client does in `PlatformClient::call`).
//!
//! Properties, beyond not panicking:
//! - a decoded page encodes again, and that decodes to the same page, which encodes to the
//!   same bytes (nothing is lost or changed by the app's copy of a page);
//! - the description of a decoding failure gives the kind and the position only, never a piece
//!   of the answer (which may be a customer's name or phone);
//! - the `Debug` of the decoded customers and of the orders' addresses and notes shows no
//!   personal value (what a `?page` in a log line would print).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pishkhan_api::{Change, ChangePage};

fuzz_target!(|data: &[u8]| {
    match serde_json::from_slice::<ChangePage>(data) {
        Ok(page) => {
            let bytes = serde_json::to_vec(&page).expect("a decoded page encodes");
            let again: ChangePage = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "a page the app encoded does not decode ({e}): {}",
                    String::from_utf8_lossy(&bytes)
                )
            });
            assert_eq!(again.changes, page.changes);
            assert_eq!(again.next_cursor, page.next_cursor);
            assert_eq!(again.has_more, page.has_more);
            assert_eq!(again.remaining, page.remaining);
            assert_eq!(serde_json::to_vec(&again).unwrap(), bytes);
            for change in &page.changes {
                match change {
                    Change::OrderUpserted { order } => pishkhan_fuzz::assert_order_redacted(order),
                    Change::CustomerUpserted { customer } => {
                        pishkhan_fuzz::assert_customer_redacted(customer)
                    }
                    Change::OrderDeleted { .. } | Change::CustomerDeleted { .. } => {}
                }
            }
        }
        Err(e) => pishkhan_fuzz::assert_private_json_error(&e),
    }
});
