//! The admin API: the platform's side, played by demos and tests. Every route needs the
//! instance's admin token in `X-Admin-Token`.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use pishkhan_api::{
    ApiError, ContentChecksum, Customer, CustomerAddress, CustomerDraft, CustomerPatch,
    GenerateOrders, GeneratedOrders, InvoiceItem, NewMerchant, NewMerchantCreated, NewStore, Order,
    OrderDraft, OrderField, OrderPatch, OrderStatus, PaymentStatus, ShippingItemStatus,
    StatusChange, Store, StoreNotification, StoreSettingsPatch,
};

use super::{Json, Path};
use crate::auth::{hash_password, Admin};
use crate::demo::{self, Generator};
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::records::{self, RecordTable};
use crate::store::{self, accounts};
use crate::store::{mutations, notifications};

/// Adds a merchant with one store.
#[utoipa::path(post, path = "/admin/merchants", tag = "admin", security(("admin" = [])), request_body = NewMerchant,
    responses((status = 201, body = NewMerchantCreated), (status = 400, body = ApiError), (status = 409, body = ApiError)))]
pub async fn create_merchant(
    State(state): State<AppState>,
    _: Admin,
    Json(req): Json<NewMerchant>,
) -> Result<(StatusCode, Json<NewMerchantCreated>)> {
    let email = req.email.trim().to_string();
    if !email.contains('@') || email.len() < 3 {
        return Err(PlatformError::Invalid(
            "email is not an email address".into(),
        ));
    }
    if req.password.chars().count() < 8 {
        return Err(PlatformError::Invalid(
            "password must have at least 8 characters".into(),
        ));
    }
    if req.name.trim().is_empty() || req.store_name.trim().is_empty() {
        return Err(PlatformError::Invalid(
            "name and storeName are required".into(),
        ));
    }
    let password = req.password.clone();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| PlatformError::Internal(e.to_string()))??;
    let merchant = accounts::create_merchant(&state.db, req.name.trim(), &email, &hash).await?;
    let store = accounts::create_store(&state.db, merchant.id, req.store_name.trim()).await?;
    Ok((
        StatusCode::CREATED,
        Json(NewMerchantCreated { merchant, store }),
    ))
}

/// Adds another store to a merchant (merchants with several stores switch between them).
#[utoipa::path(post, path = "/admin/merchants/{merchant_id}/stores", tag = "admin", security(("admin" = [])), request_body = NewStore,
    params(("merchant_id" = i64, Path)),
    responses((status = 201, body = Store), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn create_store(
    State(state): State<AppState>,
    _: Admin,
    Path(merchant_id): Path<i64>,
    Json(req): Json<NewStore>,
) -> Result<(StatusCode, Json<Store>)> {
    if req.name.trim().is_empty() {
        return Err(PlatformError::Invalid("name is required".into()));
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM merchants WHERE id = ?1")
        .bind(merchant_id)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        return Err(PlatformError::NotFound("merchant"));
    }
    let store = accounts::create_store(&state.db, merchant_id, req.name.trim()).await?;
    Ok((StatusCode::CREATED, Json(store)))
}

fn normalize_mobile(m: Option<String>) -> Result<Option<String>> {
    m.filter(|s| !s.trim().is_empty())
        .map(|s| {
            pishkhan_iran::mobile::normalize(&s)
                .map(|m| m.e164)
                .map_err(|e| PlatformError::Invalid(format!("mobilePhone: {e}")))
        })
        .transpose()
}

/// Places an order as a buyer would: the platform numbers it and computes its totals.
#[utoipa::path(post, path = "/admin/stores/{store_id}/orders", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path)), request_body = OrderDraft,
    responses((status = 201, body = Order), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn create_order(
    State(state): State<AppState>,
    _: Admin,
    Path(store_id): Path<i64>,
    Json(draft): Json<OrderDraft>,
) -> Result<(StatusCode, Json<Order>)> {
    accounts::store_exists(&state.db, store_id).await?;
    if draft.items.is_empty() {
        return Err(PlatformError::Invalid(
            "an order needs at least one item".into(),
        ));
    }
    if draft
        .items
        .iter()
        .any(|i| i.no_of_items < 1 || i.single_item_price < 0)
    {
        return Err(PlatformError::Invalid(
            "item quantities must be at least 1 and prices not negative".into(),
        ));
    }
    if draft.shipping_rate.price < 0
        || draft.discount_total < 0
        || !(0..=100).contains(&draft.vat_percent)
    {
        return Err(PlatformError::Invalid(
            "shipping price and discount must not be negative; vatPercent is 0 to 100".into(),
        ));
    }
    if let Some(customer_id) = draft.customer_id {
        records::get_customer(&state.db, store_id, customer_id).await?;
    }
    let mut address = draft.shipping_address;
    address.mobile_phone = normalize_mobile(address.mobile_phone)?;
    if let Some(code) = address.postal_code.as_deref() {
        address.postal_code = Some(
            pishkhan_iran::postal_code::validate(code)
                .map_err(|e| PlatformError::Invalid(format!("postalCode: {e}")))?,
        );
    }
    let mut tx = store::begin_write(&state.db).await?;
    let number = records::take_order_numbers(&mut tx, store_id, 1).await?;
    let id = records::next_ids(&mut tx, RecordTable::Orders).await?;
    let items: Vec<InvoiceItem> = draft
        .items
        .into_iter()
        .enumerate()
        .map(|(k, i)| InvoiceItem {
            id: id * 10 + k as i64,
            product_variant_id: i.product_variant_id,
            name: i.name,
            image: None,
            variant_attributes: i.variant_attributes,
            single_item_price: i.single_item_price,
            total_items_price: i.single_item_price * i.no_of_items,
            no_of_items: i.no_of_items,
        })
        .collect();
    let mut invoice = demo::invoice(
        items,
        draft.shipping_rate,
        None,
        draft.vat_percent,
        None,
        None,
        ShippingItemStatus::Pending,
    );
    if draft.discount_total > 0 {
        invoice.discount_total = draft.discount_total.min(invoice.net_total);
        invoice.vat = (invoice.net_total - invoice.discount_total) * invoice.vat_percent / 100;
        invoice.final_total =
            invoice.net_total + invoice.shipping_total - invoice.discount_total + invoice.vat;
    }
    let now = Utc::now();
    let status = draft.status.unwrap_or(OrderStatus::PendingPayment);
    let order = Order {
        id,
        order_number: number.to_string(),
        order_identifier: crate::auth::new_token()[..12].to_uppercase(),
        status,
        status_history: vec![StatusChange { status, at: now }],
        internal_notes: Vec::new(),
        payment_status: draft.payment_status.unwrap_or(PaymentStatus::Unpaid),
        customer_id: draft.customer_id,
        invoice,
        shipping_address: address,
        note: draft.note,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    records::put_orders(&mut tx, store_id, std::slice::from_ref(&order)).await?;
    notifications::queue_for_new_orders(&mut tx, store_id, std::slice::from_ref(&order)).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(order)))
}

/// Generates realistic new orders (placed now) for the store's existing customers.
#[utoipa::path(post, path = "/admin/stores/{store_id}/orders/generate", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path)), request_body = GenerateOrders,
    responses((status = 201, body = GeneratedOrders), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn generate_orders(
    State(state): State<AppState>,
    _: Admin,
    Path(store_id): Path<i64>,
    Json(req): Json<GenerateOrders>,
) -> Result<(StatusCode, Json<GeneratedOrders>)> {
    accounts::store_exists(&state.db, store_id).await?;
    if req.count == 0 || req.count > 100_000 {
        return Err(PlatformError::Invalid("count must be 1 to 100000".into()));
    }
    let customer_ids = records::customer_ids(&state.db, store_id).await?;
    let mut customers = Vec::with_capacity(customer_ids.len());
    for id in customer_ids {
        customers.push(records::get_customer(&state.db, store_id, id).await?);
    }
    let mut generator = Generator::new(req.seed, Utc::now());
    let now = generator.anchor();
    let times = vec![now; req.count as usize];
    // Orders placed now: the store is told, as for any new order.
    let order_ids = demo::add_orders(
        &state.db,
        store_id,
        &mut generator,
        &customers,
        &times,
        true,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(GeneratedOrders { order_ids })))
}

/// Changes an order as the merchant's web panel or the buyer would; its version goes up.
#[utoipa::path(patch, path = "/admin/stores/{store_id}/orders/{order_id}", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path), ("order_id" = i64, Path)), request_body = OrderPatch,
    responses((status = 200, body = Order), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn update_order(
    State(state): State<AppState>,
    _: Admin,
    Path((store_id, order_id)): Path<(i64, i64)>,
    Json(patch): Json<OrderPatch>,
) -> Result<Json<Order>> {
    let mut tx = store::begin_write(&state.db).await?;
    let doc: Option<Option<String>> = sqlx::query_scalar(
        "SELECT doc FROM orders WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
    )
    .bind(order_id)
    .bind(store_id)
    .fetch_optional(&mut *tx)
    .await?;
    let mut order: Order =
        serde_json::from_str(&doc.flatten().ok_or(PlatformError::NotFound("order"))?)?;
    let mut status_changed = false;
    if let Some(s) = patch.status {
        if s != order.status {
            order.status_history.push(StatusChange {
                status: s,
                at: Utc::now(),
            });
            status_changed = true;
        }
        order.status = s;
    }
    if let Some(p) = patch.payment_status {
        order.payment_status = p;
    }
    if let Some(n) = patch.note {
        order.note = if n.is_empty() { None } else { Some(n) };
    }
    if let Some(mut a) = patch.shipping_address {
        a.mobile_phone = normalize_mobile(a.mobile_phone)?;
        order.shipping_address = a;
    }
    records::touch_order(&mut order);
    records::put_orders(&mut tx, store_id, std::slice::from_ref(&order)).await?;
    if status_changed {
        // An app's edit based on an older version conflicts with this change.
        mutations::mark_changed(&mut tx, order.id, &[OrderField::Status], order.version).await?;
    }
    tx.commit().await?;
    Ok(Json(order))
}

/// Deletes an order; clients learn of it through a tombstone in the change feed.
#[utoipa::path(delete, path = "/admin/stores/{store_id}/orders/{order_id}", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path), ("order_id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiError)))]
pub async fn delete_order(
    State(state): State<AppState>,
    _: Admin,
    Path((store_id, order_id)): Path<(i64, i64)>,
) -> Result<StatusCode> {
    let mut tx = store::begin_write(&state.db).await?;
    records::delete(&mut tx, RecordTable::Orders, store_id, order_id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a customer; mobile, national code and postal codes are validated and normalised.
#[utoipa::path(post, path = "/admin/stores/{store_id}/customers", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path)), request_body = CustomerDraft,
    responses((status = 201, body = Customer), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn create_customer(
    State(state): State<AppState>,
    _: Admin,
    Path(store_id): Path<i64>,
    Json(draft): Json<CustomerDraft>,
) -> Result<(StatusCode, Json<Customer>)> {
    accounts::store_exists(&state.db, store_id).await?;
    if draft.first_name.trim().is_empty() && draft.last_name.trim().is_empty() {
        return Err(PlatformError::Invalid("a customer needs a name".into()));
    }
    let national_code = draft
        .national_code
        .filter(|s| !s.trim().is_empty())
        .map(|c| {
            pishkhan_iran::national_code::validate(&c)
                .map_err(|e| PlatformError::Invalid(format!("nationalCode: {e}")))
        })
        .transpose()?;
    let mobile_phone = normalize_mobile(draft.mobile_phone)?;
    let mut tx = store::begin_write(&state.db).await?;
    let id = records::next_ids(&mut tx, RecordTable::Customers).await?;
    let addresses = draft
        .addresses
        .into_iter()
        .enumerate()
        .map(|(k, a)| {
            Ok(CustomerAddress {
                id: id * 10 + k as i64,
                postal_code: pishkhan_iran::postal_code::validate(&a.postal_code)
                    .map_err(|e| PlatformError::Invalid(format!("postalCode: {e}")))?,
                region: a.region,
                city: a.city,
                address: a.address,
                phone_number: a.phone_number,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let now = Utc::now();
    let customer = Customer {
        id,
        first_name: draft.first_name.trim().to_string(),
        last_name: draft.last_name.trim().to_string(),
        email: draft.email.filter(|e| !e.trim().is_empty()),
        mobile_phone,
        national_code,
        addresses,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    records::put_customers(&mut tx, store_id, std::slice::from_ref(&customer)).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(customer)))
}

/// Changes a customer's name or contact details.
#[utoipa::path(patch, path = "/admin/stores/{store_id}/customers/{customer_id}", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path), ("customer_id" = i64, Path)), request_body = CustomerPatch,
    responses((status = 200, body = Customer), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn update_customer(
    State(state): State<AppState>,
    _: Admin,
    Path((store_id, customer_id)): Path<(i64, i64)>,
    Json(patch): Json<CustomerPatch>,
) -> Result<Json<Customer>> {
    let mobile = normalize_mobile(patch.mobile_phone)?;
    let mut tx = store::begin_write(&state.db).await?;
    let doc: Option<Option<String>> = sqlx::query_scalar(
        "SELECT doc FROM customers WHERE id = ?1 AND store_id = ?2 AND deleted = 0",
    )
    .bind(customer_id)
    .bind(store_id)
    .fetch_optional(&mut *tx)
    .await?;
    let mut customer: Customer =
        serde_json::from_str(&doc.flatten().ok_or(PlatformError::NotFound("customer"))?)?;
    if let Some(v) = patch.first_name {
        customer.first_name = v;
    }
    if let Some(v) = patch.last_name {
        customer.last_name = v;
    }
    if let Some(v) = patch.email {
        customer.email = Some(v).filter(|e| !e.is_empty());
    }
    if mobile.is_some() {
        customer.mobile_phone = mobile;
    }
    records::touch_customer(&mut customer);
    records::put_customers(&mut tx, store_id, std::slice::from_ref(&customer)).await?;
    tx.commit().await?;
    Ok(Json(customer))
}

/// Deletes a customer; clients learn of it through a tombstone in the change feed.
#[utoipa::path(delete, path = "/admin/stores/{store_id}/customers/{customer_id}", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path), ("customer_id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiError)))]
pub async fn delete_customer(
    State(state): State<AppState>,
    _: Admin,
    Path((store_id, customer_id)): Path<(i64, i64)>,
) -> Result<StatusCode> {
    let mut tx = store::begin_write(&state.db).await?;
    records::delete(&mut tx, RecordTable::Customers, store_id, customer_id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Counts and content checksum of the store's live orders and customers — the same figure
/// `pishkhan status` computes over the app's cache.
#[utoipa::path(get, path = "/admin/stores/{store_id}/checksum", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path)),
    responses((status = 200, body = ContentChecksum), (status = 404, body = ApiError)))]
pub async fn checksum(
    State(state): State<AppState>,
    _: Admin,
    Path(store_id): Path<i64>,
) -> Result<Json<ContentChecksum>> {
    accounts::store_exists(&state.db, store_id).await?;
    Ok(Json(records::checksum(&state.db, store_id).await?))
}

/// The store's notification outbox: what the platform owes the store for new orders.
#[utoipa::path(get, path = "/admin/stores/{store_id}/notifications", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path)),
    responses((status = 200, body = Vec<StoreNotification>), (status = 404, body = ApiError)))]
pub async fn notifications(
    State(state): State<AppState>,
    _: Admin,
    Path(store_id): Path<i64>,
) -> Result<Json<Vec<StoreNotification>>> {
    accounts::store_exists(&state.db, store_id).await?;
    Ok(Json(notifications::list(&state.db, store_id).await?))
}

/// Changes the store's notification settings (the owner's choice of SMS on a new order).
#[utoipa::path(patch, path = "/admin/stores/{store_id}/settings", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path)), request_body = StoreSettingsPatch,
    responses((status = 204), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn update_settings(
    State(state): State<AppState>,
    _: Admin,
    Path(store_id): Path<i64>,
    Json(patch): Json<StoreSettingsPatch>,
) -> Result<StatusCode> {
    accounts::store_exists(&state.db, store_id).await?;
    let mobile = patch
        .owner_mobile
        .map(|m| normalize_mobile(Some(m)))
        .transpose()?
        .flatten();
    notifications::update_settings(&state.db, store_id, patch.sms_on_new_order, mobile).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One order as the platform holds it (for checking what apps delivered).
#[utoipa::path(get, path = "/admin/stores/{store_id}/orders/{order_id}", tag = "admin", security(("admin" = [])),
    params(("store_id" = i64, Path), ("order_id" = i64, Path)),
    responses((status = 200, body = Order), (status = 404, body = ApiError)))]
pub async fn get_order(
    State(state): State<AppState>,
    _: Admin,
    Path((store_id, order_id)): Path<(i64, i64)>,
) -> Result<Json<Order>> {
    Ok(Json(
        records::get_order(&state.db, store_id, order_id).await?,
    ))
}
