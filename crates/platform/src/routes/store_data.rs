//! A store's orders and customers as the merchant reads them: paged lists in the platform's
//! `page` / `page_size` convention, single records, and the incremental change feed.

use axum::extract::State;
use pishkhan_api::{
    ApiError, ChangePage, Customer, FeedQuery, Order, Paged, Store, StoreSettingsPatch,
    DEFAULT_FEED_PAGE, MAX_FEED_PAGE,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Json, Path, Query};
use crate::auth::Merchant;
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::{accounts, feed, records};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1..=100 (default 20).
    pub page_size: Option<u32>,
    /// Only orders of this status.
    pub status: Option<String>,
}

fn paging(q: &PageQuery) -> Result<(u32, u32)> {
    let page = q.page.unwrap_or(1);
    let size = q.page_size.unwrap_or(20);
    if page == 0 || size == 0 || size > 100 {
        return Err(PlatformError::Invalid(
            "page starts at 1 and page_size is 1 to 100".into(),
        ));
    }
    Ok((page, size))
}

/// The store's orders, newest first.
#[utoipa::path(get, path = "/api/v1/stores/{store_id}/orders", tag = "orders", security(("bearer" = [])),
    params(("store_id" = i64, Path), PageQuery),
    responses((status = 200, body = Paged<Order>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list_orders(
    State(state): State<AppState>,
    who: Merchant,
    Path(store_id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Json<Paged<Order>>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    let (page, size) = paging(&q)?;
    if let Some(s) = q.status.as_deref() {
        if pishkhan_api::OrderStatus::parse(s).is_none() {
            return Err(PlatformError::Invalid(format!("unknown status {s:?}")));
        }
    }
    Ok(Json(
        records::list_orders(&state.db, store_id, q.status.as_deref(), page, size).await?,
    ))
}

/// One order.
#[utoipa::path(get, path = "/api/v1/stores/{store_id}/orders/{order_id}", tag = "orders", security(("bearer" = [])),
    params(("store_id" = i64, Path), ("order_id" = i64, Path)),
    responses((status = 200, body = Order), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_order(
    State(state): State<AppState>,
    who: Merchant,
    Path((store_id, order_id)): Path<(i64, i64)>,
) -> Result<Json<Order>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    Ok(Json(
        records::get_order(&state.db, store_id, order_id).await?,
    ))
}

/// The store's customers, by id.
#[utoipa::path(get, path = "/api/v1/stores/{store_id}/customers", tag = "customers", security(("bearer" = [])),
    params(("store_id" = i64, Path), PageQuery),
    responses((status = 200, body = Paged<Customer>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list_customers(
    State(state): State<AppState>,
    who: Merchant,
    Path(store_id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Json<Paged<Customer>>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    let (page, size) = paging(&q)?;
    Ok(Json(
        records::list_customers(&state.db, store_id, page, size).await?,
    ))
}

/// One customer.
#[utoipa::path(get, path = "/api/v1/stores/{store_id}/customers/{customer_id}", tag = "customers", security(("bearer" = [])),
    params(("store_id" = i64, Path), ("customer_id" = i64, Path)),
    responses((status = 200, body = Customer), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_customer(
    State(state): State<AppState>,
    who: Merchant,
    Path((store_id, customer_id)): Path<(i64, i64)>,
) -> Result<Json<Customer>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    Ok(Json(
        records::get_customer(&state.db, store_id, customer_id).await?,
    ))
}

/// The change feed: orders and customers created, changed or deleted after `cursor`, in the
/// order the platform committed them. Follow `nextCursor` until `hasMore` is false; keep the
/// last cursor for the next incremental sync.
#[utoipa::path(get, path = "/api/v1/stores/{store_id}/changes", tag = "sync", security(("bearer" = [])),
    params(("store_id" = i64, Path), FeedQuery),
    responses((status = 200, body = ChangePage), (status = 400, body = ApiError, description = "Invalid cursor or limit"),
        (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn changes(
    State(state): State<AppState>,
    who: Merchant,
    Path(store_id): Path<i64>,
    Query(q): Query<FeedQuery>,
) -> Result<Json<ChangePage>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    let limit = q.limit.unwrap_or(DEFAULT_FEED_PAGE);
    if limit == 0 || limit > MAX_FEED_PAGE {
        return Err(PlatformError::Invalid(format!(
            "limit must be 1 to {MAX_FEED_PAGE}"
        )));
    }
    let after = match q.cursor.as_deref() {
        Some(c) if !c.is_empty() => feed::decode_cursor(store_id, c)?,
        _ => 0,
    };
    let page = feed::read(&state.db, store_id, after, limit).await?;
    Ok(Json(ChangePage {
        has_more: page.remaining > 0,
        next_cursor: feed::encode_cursor(store_id, page.last_seq),
        remaining: page.remaining,
        changes: page.changes,
    }))
}

/// The owner's notification choices for a store: SMS to the owner's mobile for every new order
/// (an email to the store for every order is always on). Setting a value again changes nothing.
#[utoipa::path(patch, path = "/api/v1/stores/{store_id}/settings", tag = "stores", security(("bearer" = [])),
    params(("store_id" = i64, Path)), request_body = StoreSettingsPatch,
    responses((status = 200, body = Store), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn update_settings(
    State(state): State<AppState>,
    who: Merchant,
    Path(store_id): Path<i64>,
    Json(patch): Json<StoreSettingsPatch>,
) -> Result<Json<Store>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    // The owner's mobile is the verified one on the platform's side: an app cannot point the
    // store's SMS at another number.
    if patch.owner_mobile.is_some() {
        return Err(PlatformError::Invalid(
            "ownerMobile cannot be changed here; only smsOnNewOrder can".into(),
        ));
    }
    crate::store::notifications::update_settings(&state.db, store_id, patch.sms_on_new_order, None)
        .await?;
    tracing::info!(store_id, sms_on_new_order = ?patch.sms_on_new_order, "store settings changed");
    Ok(Json(
        accounts::owned_store(&state.db, who.merchant_id, store_id).await?,
    ))
}
