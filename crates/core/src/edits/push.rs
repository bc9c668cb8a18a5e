//! Sending waiting edits to the platform and recording its answers.
//!
//! Edits go in batches in outbox order, at most one per order at a time (the next edit of an
//! order is based on the platform's answer to the previous one). Each answer is recorded in its
//! own transaction together with the removal of its outbox row, so a crash or a cut connection
//! anywhere leaves every edit either answered and recorded, or still waiting — and a waiting
//! edit is re-sent with the same mutation id, which the platform applies at most once.

use pishkhan_api::{MutationBatch, MutationOutcome, MutationResult, MAX_MUTATIONS};

use super::outbox::{self, EntryState};
use super::{base_of, rebuild_view};
use crate::cache::Cache;
use crate::error::{CoreError, Result};
use crate::sync::AuthorizedClient;

/// What one push achieved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushReport {
    pub applied: u64,
    pub conflicts: u64,
    pub rejected: u64,
}

/// Sends every waiting edit that can go now, until none is left or the platform cannot be
/// reached (the edits stay, and the error says why).
pub async fn push(cache: &Cache, api: &AuthorizedClient, store_id: i64) -> Result<PushReport> {
    let mut report = PushReport::default();
    loop {
        let mutations = outbox::next_batch(cache.pool(), MAX_MUTATIONS as i64).await?;
        if mutations.is_empty() {
            return Ok(report);
        }
        let ids: Vec<String> = mutations.iter().map(|m| m.id.clone()).collect();
        let batch = MutationBatch { mutations };
        let answers = match api.mutations(store_id, &batch).await {
            Ok(a) => a,
            Err(e) => {
                // The code, not a sentence: the UI words it in the merchant's language.
                outbox::note_failure(cache.pool(), &ids, e.code()).await?;
                return Err(e);
            }
        };
        let answered: Vec<&str> = answers.results.iter().map(|r| r.id.as_str()).collect();
        if answered != ids.iter().map(String::as_str).collect::<Vec<_>>() {
            let e = CoreError::MalformedResponse(
                "the platform's answers do not match the edits sent".into(),
            );
            outbox::note_failure(cache.pool(), &ids, e.code()).await?;
            return Err(e);
        }
        for result in &answers.results {
            record(cache, result, &mut report).await?;
        }
    }
}

/// Records the platform's answer to one edit.
pub(crate) async fn record(
    cache: &Cache,
    r: &MutationResult,
    report: &mut PushReport,
) -> Result<()> {
    let mut tx = cache.begin().await?;
    let Some(e) = outbox::by_mutation(&mut tx, &r.id).await? else {
        // Already recorded (an answer can arrive twice after a retry).
        return Ok(());
    };
    if e.state != EntryState::Pending {
        return Ok(());
    }
    match &r.outcome {
        MutationOutcome::Applied => {
            outbox::remove(&mut tx, &e.mutation_id).await?;
            outbox::log(&mut tx, &e, "applied", None).await?;
            if let Some(order) = &r.order {
                // When nothing else changed the order on the platform in between, the order's
                // next edits were made on exactly this version.
                if order.version == e.base_version + 1 {
                    sqlx::query(
                        "UPDATE outbox SET base_version = ?1
                         WHERE order_id = ?2 AND state = 'pending' AND base_version = ?3",
                    )
                    .bind(order.version)
                    .bind(e.order_id)
                    .bind(e.base_version)
                    .execute(&mut *tx)
                    .await?;
                }
                rebuild_view(&mut tx, order).await?;
            } else if let Some(base) = base_of(&mut tx, e.order_id).await? {
                rebuild_view(&mut tx, &base).await?;
            }
            report.applied += 1;
        }
        MutationOutcome::Conflict { fields } => {
            let fields = serde_json::to_string(fields)
                .map_err(|err| CoreError::InvalidInput(crate::error::json_error(&err)))?;
            sqlx::query(
                "UPDATE outbox SET state = 'conflict', conflict = ?1 WHERE mutation_id = ?2",
            )
            .bind(fields)
            .bind(&e.mutation_id)
            .execute(&mut *tx)
            .await?;
            if let Some(order) = &r.order {
                rebuild_view(&mut tx, order).await?;
            }
            report.conflicts += 1;
        }
        MutationOutcome::Rejected {
            code,
            message,
            message_fa,
        } => {
            outbox::remove(&mut tx, &e.mutation_id).await?;
            outbox::log(&mut tx, &e, "rejected", Some((code, message, message_fa))).await?;
            let base = match &r.order {
                Some(order) => Some(order.clone()),
                None => base_of(&mut tx, e.order_id).await?,
            };
            if let Some(base) = base {
                rebuild_view(&mut tx, &base).await?;
            }
            tracing::warn!(code = code.as_str(), "the platform rejected an edit");
            report.rejected += 1;
        }
    }
    tx.commit().await?;
    Ok(())
}
