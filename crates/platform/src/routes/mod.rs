//! The HTTP surface: the merchant API under `/api/v1` and the admin API under `/admin`.
//! Handlers are small functions; state is passed explicitly; errors are `PlatformError`s,
//! which answer with the `ApiError` body.

pub mod admin;
pub mod auth;
pub mod diagnostics;
pub mod kyc;
pub mod mutations;
pub mod store_data;
pub mod uploads;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::routing::{delete, get, post};
use axum::Router;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::PlatformError;
use crate::server::AppState;

/// A JSON body whose rejection (malformed JSON, missing field, wrong type) answers with the
/// platform's `ApiError` body instead of axum's plain text.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(PlatformError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// Query parameters, with the same error answer as [`Json`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(PlatformError))]
pub struct Query<T>(pub T);

/// Path parameters, with the same error answer as [`Json`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(PlatformError))]
pub struct Path<T>(pub T);

impl From<PathRejection> for PlatformError {
    fn from(r: PathRejection) -> Self {
        PlatformError::Invalid(r.body_text())
    }
}

impl From<JsonRejection> for PlatformError {
    fn from(r: JsonRejection) -> Self {
        PlatformError::Invalid(r.body_text())
    }
}

impl From<QueryRejection> for PlatformError {
    fn from(r: QueryRejection) -> Self {
        PlatformError::Invalid(r.body_text())
    }
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(auth::health))
        .route("/auth/sign-in", post(auth::sign_in))
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/me", get(auth::me))
        .route("/sessions", get(auth::sessions))
        .route("/sessions/{session_id}", delete(auth::revoke_session))
        .route("/stores/{store_id}/orders", get(store_data::list_orders))
        .route(
            "/stores/{store_id}/orders/{order_id}",
            get(store_data::get_order),
        )
        .route(
            "/stores/{store_id}/customers",
            get(store_data::list_customers),
        )
        .route(
            "/stores/{store_id}/customers/{customer_id}",
            get(store_data::get_customer),
        )
        .route("/stores/{store_id}/changes", get(store_data::changes))
        .route("/stores/{store_id}/mutations", post(mutations::apply))
        .route(
            "/stores/{store_id}/settings",
            axum::routing::patch(store_data::update_settings),
        )
        .route("/kyc", get(kyc::get_kyc))
        .route("/kyc/submissions", post(kyc::submit))
        .route(
            "/diagnostics",
            post(diagnostics::submit).layer(diagnostics::body_limit()),
        )
        .layer(timeout())
        // After the timeout layer, which therefore does not apply to them: a 10 MB chunk may
        // take longer than 120 s on a slow line (an idle body is cut off instead).
        .merge(uploads::router());
    let admin = Router::new()
        .route("/merchants", post(admin::create_merchant))
        .route("/merchants/{merchant_id}/stores", post(admin::create_store))
        .route("/stores/{store_id}/orders", post(admin::create_order))
        .route(
            "/stores/{store_id}/orders/generate",
            post(admin::generate_orders),
        )
        .route(
            "/stores/{store_id}/orders/{order_id}",
            get(admin::get_order)
                .patch(admin::update_order)
                .delete(admin::delete_order),
        )
        .route("/stores/{store_id}/customers", post(admin::create_customer))
        .route(
            "/stores/{store_id}/customers/{customer_id}",
            axum::routing::patch(admin::update_customer).delete(admin::delete_customer),
        )
        .route("/stores/{store_id}/checksum", get(admin::checksum))
        .route(
            "/stores/{store_id}/notifications",
            get(admin::notifications),
        )
        .route(
            "/stores/{store_id}/settings",
            axum::routing::patch(admin::update_settings),
        )
        .route("/merchants/{merchant_id}/kyc", get(kyc::admin_get))
        .route(
            "/merchants/{merchant_id}/kyc/review",
            post(kyc::admin_review),
        )
        .route("/diagnostics", get(diagnostics::admin_list))
        .route("/uploads/{upload_id}", get(uploads::admin_info))
        .route("/uploads/{upload_id}/content", get(uploads::admin_content))
        .layer(timeout());
    Router::new()
        .nest(pishkhan_api::API_PREFIX, api)
        .nest("/admin", admin)
        .fallback(|| async { PlatformError::NotFound("route") })
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Requests that take longer than two minutes are answered 504.
fn timeout() -> TimeoutLayer {
    TimeoutLayer::with_status_code(
        axum::http::StatusCode::GATEWAY_TIMEOUT,
        Duration::from_secs(120),
    )
}
