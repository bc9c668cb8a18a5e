//! The platform's answers to a batch of edits as the app decodes them:
//! `serde_json::from_slice::<MutationResults>` (what `PlatformClient::mutations` does), then the
//! (`edits::push` then only compares the answers' ids with the edits it sent).
//!
//! Properties, beyond not panicking:
//! - decoded answers encode again and decode to the same answers, encoding to the same bytes;
//! - a decoding failure is described by kind and position only;
//! - the `Debug` of the orders' addresses and notes shows no personal value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pishkhan_api::MutationResults;

fuzz_target!(|data: &[u8]| {
    let results = match serde_json::from_slice::<MutationResults>(data) {
        Ok(r) => r,
        Err(e) => return pishkhan_fuzz::assert_private_json_error(&e),
    };
    let bytes = serde_json::to_vec(&results).expect("decoded answers encode");
    let again: MutationResults = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "answers the app encoded do not decode ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_eq!(again, results);
    assert_eq!(serde_json::to_vec(&again).unwrap(), bytes);

    for order in results.results.iter().filter_map(|r| r.order.as_ref()) {
        pishkhan_fuzz::assert_order_redacted(order);
    }
});
