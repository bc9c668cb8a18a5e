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
        match send(cache, api, store_id, mutations.clone(), &mut report).await {
            Err(CoreError::Platform { status, .. }) if refuses_content(status) => {
                // The platform refused the request itself (an edit it cannot read, from a newer
                // app for an older platform…): send the edits one by one, so one bad edit is
                // answered as rejected instead of holding every other edit back for ever.
                for m in mutations {
                    let one = vec![m.clone()];
                    match send(cache, api, store_id, one, &mut report).await {
                        Err(CoreError::Platform {
                            status,
                            code,
                            message,
                        }) if refuses_content(status) => {
                            reject_locally(cache, &m.id, m.order_id, &code, &message, &mut report)
                                .await?;
                        }
                        other => other?,
                    }
                }
            }
            other => other?,
        }
    }
}

/// A 4xx that says the request's content is refused (not the session, a timeout or a rate limit).
fn refuses_content(status: u16) -> bool {
    (400..500).contains(&status) && !matches!(status, 401 | 408 | 429)
}

/// Sends one batch and records each answer.
async fn send(
    cache: &Cache,
    api: &AuthorizedClient,
    store_id: i64,
    mutations: Vec<pishkhan_api::Mutation>,
    report: &mut PushReport,
) -> Result<()> {
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
        record(cache, result, report).await?;
    }
    Ok(())
}

/// Records an edit the platform refused to read as rejected, rolling the order back to the
/// platform's copy the cache holds.
async fn reject_locally(
    cache: &Cache,
    mutation_id: &str,
    order_id: i64,
    code: &str,
    message: &str,
    report: &mut PushReport,
) -> Result<()> {
    let mut tx = cache.begin().await?;
    let base = base_of(&mut tx, order_id).await?;
    drop(tx);
    let result = MutationResult {
        id: mutation_id.to_string(),
        outcome: MutationOutcome::Rejected {
            code: code.to_string(),
            message: format!("The platform refused this edit: {message}"),
            message_fa: "سکوی فروشگاه این ویرایش را نپذیرفت".to_string(),
        },
        order: base,
    };
    record(cache, &result, report).await
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
        MutationOutcome::Applied { version } => {
            outbox::remove(&mut tx, &e.mutation_id).await?;
            outbox::log(&mut tx, &e, "applied", None).await?;
            if let Some(order) = &r.order {
                // When this edit made exactly the next version (nobody else changed the order
                // in between), the order's next edits were made on that version.
                if *version == Some(e.base_version + 1) {
                    sqlx::query(
                        "UPDATE outbox SET base_version = ?1
                         WHERE order_id = ?2 AND state = 'pending' AND base_version = ?3",
                    )
                    .bind(e.base_version + 1)
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
            match &r.order {
                Some(order) => rebuild_view(&mut tx, order).await?,
                // The platform sends no order only when it has none: the order is gone there,
                // so it goes here too (a full re-sync has no tombstone to say so).
                None => crate::cache::orders::delete(&mut tx, e.order_id).await?,
            }
            tracing::warn!(code = code.as_str(), "the platform rejected an edit");
            report.rejected += 1;
        }
    }
    tx.commit().await?;
    Ok(())
}
