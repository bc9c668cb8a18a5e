//! Pull sync: bring the cache up to date with the platform's change feed.
//!
//! The first sync of a store starts without a cursor and receives everything; later syncs
//! start from the saved cursor and receive only what changed, deletions included (tombstones).
//! Each page is applied together with the cursor that follows it in one SQLite transaction,
//! so a sync cut anywhere resumes from the last whole page, and a repeated page changes
//! nothing (upserts replace, deletes of absent rows are no-ops). While one page is written the
//! next is already being fetched, so the network and the disk work at the same time.

use std::path::PathBuf;
use std::time::Instant;

use std::sync::atomic::{AtomicBool, Ordering};

use pishkhan_api::{Change, ChangePage, MutationBatch, MutationResults};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::cache::{self, customers, orders, Cache};
use crate::edits;
use crate::error::{CoreError, Result};
use crate::platform_client::PlatformClient;
use crate::secrets::Vault;
use crate::session::{self, Session};
use std::sync::Arc;

/// Changes asked for per page.
pub const PAGE_SIZE: u32 = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub pages: u64,
    pub rows: u64,
    /// Rows this sync will have handled in all, when the platform says how many remain.
    pub total_estimate: Option<u64>,
    pub done: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub orders_upserted: u64,
    pub orders_deleted: u64,
    pub customers_upserted: u64,
    pub customers_deleted: u64,
    pub pages: u64,
    pub duration_ms: u64,
    /// Orders seen for the first time in an incremental sync (a first, full sync brings none:
    /// nobody wants a notification for every order of the store's history). At most
    /// `MAX_NEW_ORDERS` listed; `new_order_count` counts them all.
    pub new_orders: Vec<NewOrder>,
    pub new_order_count: u64,
    /// Edits the platform applied, found in conflict, or rejected during this sync.
    pub pushed: u64,
    pub conflicts: u64,
    pub rejected: u64,
    /// The identity verification's new status, when this sync found it changed.
    pub kyc_status_changed: Option<pishkhan_api::KycStatus>,
}

/// A newly arrived order, for the new-order notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewOrder {
    pub id: i64,
    pub order_number: String,
    /// Rials.
    pub final_total: i64,
}

pub const MAX_NEW_ORDERS: usize = 20;

/// Calls the platform with the session's access token, refreshing it once when the platform
/// says it expired, and saving the refreshed tokens so the next run starts with them.
pub struct AuthorizedClient {
    client: PlatformClient,
    session: Mutex<Session>,
    data_dir: PathBuf,
    vault: Arc<Vault>,
}

impl AuthorizedClient {
    pub fn new(
        client: PlatformClient,
        session: Session,
        data_dir: PathBuf,
        vault: Arc<Vault>,
    ) -> Self {
        AuthorizedClient {
            client,
            session: Mutex::new(session),
            data_dir,
            vault,
        }
    }

    /// Runs `call` with the access token; on a 401 refreshes the token once and runs it again.
    pub(crate) async fn authorized<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let token = self.session.lock().await.access_token.clone();
        let result = match call(token.clone()).await {
            Err(CoreError::Platform { status: 401, .. }) => match self.refresh(&token).await {
                Ok(token) => call(token).await.map_err(|e| match e {
                    CoreError::Platform { status: 401, .. } => CoreError::SessionExpired,
                    other => other,
                }),
                Err(e) => Err(e),
            },
            other => other,
        };
        if let Err(CoreError::SessionExpired) = &result {
            self.mark_expired();
        }
        result
    }

    /// Notes on disk that the merchant must sign in again (the status says so; signing in to
    /// the same account clears it and keeps every cache and outbox).
    fn mark_expired(&self) {
        if let Ok(Some(mut saved)) = session::load(&self.data_dir) {
            if !saved.expired {
                saved.expired = true;
                if let Err(e) = session::save(&self.data_dir, &saved) {
                    tracing::warn!(code = e.code(), "could not note the ended session");
                }
                tracing::info!("the platform ended this session; sign-in needed");
            }
        }
    }

    pub async fn changes(&self, store_id: i64, cursor: Option<&str>) -> Result<ChangePage> {
        self.authorized(|token| async move {
            self.client
                .changes(&token, store_id, cursor, PAGE_SIZE)
                .await
        })
        .await
    }

    /// The client underneath, for calls made with [`Self::authorized`].
    pub(crate) fn client(&self) -> &PlatformClient {
        &self.client
    }

    pub async fn mutations(&self, store_id: i64, batch: &MutationBatch) -> Result<MutationResults> {
        self.authorized(|token| async move { self.client.mutations(&token, store_id, batch).await })
            .await
    }

    /// Swaps the refresh token for new tokens, unless another call already did since
    /// `stale_access` was read.
    async fn refresh(&self, stale_access: &str) -> Result<String> {
        let mut session = self.session.lock().await;
        if session.access_token != stale_access {
            return Ok(session.access_token.clone());
        }
        let tokens = self.client.refresh(&session.refresh_token).await?;
        *session = session.clone().with_tokens(tokens);
        self.vault
            .set_tokens(
                session.protection,
                &session.access_token,
                &session.refresh_token,
            )
            .await?;
        // Only the session id changes on disk: the saved session is read again rather than
        // overwritten with this client's copy, which may predate a store switch.
        let mut saved = session::load(&self.data_dir)?.unwrap_or_else(|| session.clone());
        saved.session_id = session.session_id;
        session::save(&self.data_dir, &saved)?;
        tracing::info!("access token refreshed");
        Ok(session.access_token.clone())
    }
}

/// Applies one page and the cursor after it, atomically. Returns what changed.
async fn apply_page(
    cache: &Cache,
    store_id: i64,
    page: &ChangePage,
    incremental: bool,
    report: &mut SyncReport,
) -> Result<()> {
    let mut tx = cache.begin().await?;
    // A record appears at most once in a page (the feed carries each record's latest state),
    // so a page can be written kind by kind, in a few multi-row statements.
    let mut order_upserts = Vec::new();
    let mut order_deletes = Vec::new();
    let mut customer_upserts = Vec::new();
    let mut customer_deletes = Vec::new();
    for change in &page.changes {
        match change {
            Change::OrderUpserted { order } => order_upserts.push(order),
            Change::OrderDeleted { id } => order_deletes.push(*id),
            Change::CustomerUpserted { customer } => customer_upserts.push(customer),
            Change::CustomerDeleted { id } => customer_deletes.push(*id),
        }
    }
    let ids: Vec<i64> = order_upserts.iter().map(|o| o.id).collect();
    if incremental {
        let known = orders::existing(&mut tx, &ids).await?;
        for order in order_upserts.iter().filter(|o| !known.contains(&o.id)) {
            report.new_order_count += 1;
            if report.new_orders.len() < MAX_NEW_ORDERS {
                report.new_orders.push(NewOrder {
                    id: order.id,
                    order_number: order.order_number.clone(),
                    final_total: order.invoice.final_total,
                });
            }
        }
    }
    // Orders with the merchant's edits waiting keep them on top of the platform's version.
    let edited = edits::orders_with_waiting_edits(&mut tx, &ids).await?;
    let (with_edits, plain): (Vec<_>, Vec<_>) =
        order_upserts.iter().partition(|o| edited.contains(&o.id));
    for order in with_edits {
        edits::absorb_platform_order(&mut tx, order).await?;
    }
    orders::upsert_many(&mut tx, &plain).await?;
    orders::delete_many(&mut tx, &order_deletes).await?;
    customers::upsert_many(&mut tx, &customer_upserts).await?;
    customers::delete_many(&mut tx, &customer_deletes).await?;
    report.orders_upserted += order_upserts.len() as u64;
    report.orders_deleted += order_deletes.len() as u64;
    report.customers_upserted += customer_upserts.len() as u64;
    report.customers_deleted += customer_deletes.len() as u64;
    cache::save_cursor(&mut tx, store_id, &page.next_cursor, !page.has_more).await?;
    tx.commit().await?;
    report.pages += 1;
    Ok(())
}

/// Pulls every change since the saved cursor into the cache.
pub async fn pull(
    cache: &Cache,
    api: &AuthorizedClient,
    store_id: i64,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
    cancel: &AtomicBool,
) -> Result<SyncReport> {
    let started = Instant::now();
    let (cursor, _) = cache.sync_state(store_id).await?;
    let mut incremental = cursor.is_some();
    let mut report = SyncReport::default();
    let mut rows = 0u64;
    let mut page = match api.changes(store_id, cursor.as_deref()).await {
        // The platform no longer knows our cursor (its data was rebuilt or restored): the
        // cache is only a copy, so start over with a full sync.
        Err(CoreError::Platform { code, .. }) if code == "invalid_cursor" && cursor.is_some() => {
            tracing::warn!(
                "the platform refused the saved cursor; rebuilding the cache with a full sync"
            );
            cache.clear(store_id).await?;
            // A rebuild brings the whole history again: none of it is a new order.
            incremental = false;
            api.changes(store_id, None).await?
        }
        other => other?,
    };
    loop {
        rows += page.changes.len() as u64;
        // `remaining` comes from the platform: a hostile value must not overflow the count.
        let estimate = Some(rows.saturating_add(page.remaining));
        let next = async {
            if page.has_more {
                Some(api.changes(store_id, Some(&page.next_cursor)).await)
            } else {
                None
            }
        };
        let (applied, next) = tokio::join!(
            apply_page(cache, store_id, &page, incremental, &mut report),
            next
        );
        applied?;
        // Each page is already committed with its cursor: stopping here loses nothing.
        if cancel.load(Ordering::SeqCst) {
            return Err(CoreError::Cancelled);
        }
        progress(SyncProgress {
            pages: report.pages,
            rows,
            total_estimate: estimate,
            done: false,
        });
        match next {
            Some(next) => page = next?,
            None => break,
        }
    }
    report.duration_ms = started.elapsed().as_millis() as u64;
    progress(SyncProgress {
        pages: report.pages,
        rows,
        total_estimate: Some(rows),
        done: true,
    });
    tracing::info!(
        pages = report.pages,
        orders = report.orders_upserted,
        deleted = report.orders_deleted + report.customers_deleted,
        ms = report.duration_ms,
        "pull sync finished"
    );
    Ok(report)
}
