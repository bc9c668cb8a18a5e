//! Sign-in, token refresh, sign-out, the merchant's profile and recorded sessions.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{Duration, Utc};
use pishkhan_api::{
    ApiError, Me, RefreshRequest, SessionInfo, SignInRequest, SignInResponse, TokenPair,
};

use super::{Json, Path};
use crate::auth::{hash_password, new_token, token_hash, verify_password, Merchant};
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::accounts::{self, NewSession};

/// Whether the platform is up.
#[utoipa::path(get, path = "/api/v1/health", tag = "auth", responses((status = 200, description = "The platform is up")))]
pub async fn health() -> &'static str {
    "ok"
}

/// Signs a merchant in and records the session: time, user agent and device name.
#[utoipa::path(post, path = "/api/v1/auth/sign-in", tag = "auth", request_body = SignInRequest,
    responses((status = 200, body = SignInResponse), (status = 401, body = ApiError), (status = 400, body = ApiError)))]
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(req): Json<SignInRequest>,
) -> Result<Json<SignInResponse>> {
    if req.email.trim().is_empty() || req.password.is_empty() {
        return Err(PlatformError::Invalid(
            "email and password are required".into(),
        ));
    }
    let record = accounts::find_merchant_by_email(&state.db, &req.email).await?;
    // Verify against a real hash even for an unknown email, so timing does not reveal which
    // emails have accounts.
    let (hash, merchant) = match record {
        Some(r) => (r.password_hash, Some(r.merchant)),
        None => (dummy_hash(), None),
    };
    let password = req.password.clone();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| PlatformError::Internal(e.to_string()))?;
    let merchant = match (ok, merchant) {
        (true, Some(m)) => m,
        _ => return Err(PlatformError::WrongCredentials),
    };
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let (access, refresh) = (new_token(), new_token());
    let session_id = accounts::insert_session(
        &state.db,
        NewSession {
            merchant_id: merchant.id,
            access_hash: &token_hash(&access),
            refresh_hash: &token_hash(&refresh),
            access_expires_at: Utc::now() + Duration::seconds(state.access_token_ttl_secs),
            user_agent,
            device_name: req.device_name.as_deref(),
        },
    )
    .await?;
    tracing::info!(merchant_id = merchant.id, session_id, "merchant signed in");
    let stores = accounts::stores_of(&state.db, merchant.id).await?;
    Ok(Json(SignInResponse {
        tokens: TokenPair {
            access_token: access,
            refresh_token: refresh,
            expires_in: state.access_token_ttl_secs,
            session_id,
        },
        merchant,
        stores,
    }))
}

fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| hash_password("not a real password").unwrap_or_default())
        .clone()
}

/// Swaps a refresh token for a new access and refresh token (the old refresh token stops working).
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = ApiError)))]
pub async fn refresh(
    State(state): State<AppState>,
    Json(req): Json<RefreshRequest>,
) -> Result<Json<TokenPair>> {
    let (access, refresh) = (new_token(), new_token());
    let session_id = accounts::rotate_tokens(
        &state.db,
        &token_hash(&req.refresh_token),
        &token_hash(&access),
        &token_hash(&refresh),
        Utc::now() + Duration::seconds(state.access_token_ttl_secs),
    )
    .await?
    .ok_or(PlatformError::Unauthorized)?;
    Ok(Json(TokenPair {
        access_token: access,
        refresh_token: refresh,
        expires_in: state.access_token_ttl_secs,
        session_id,
    }))
}

/// Ends the calling session: its tokens stop working.
#[utoipa::path(post, path = "/api/v1/auth/sign-out", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ApiError)))]
pub async fn sign_out(State(state): State<AppState>, who: Merchant) -> Result<StatusCode> {
    accounts::revoke_session(&state.db, who.merchant_id, who.session_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in merchant and their stores.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
pub async fn me(State(state): State<AppState>, who: Merchant) -> Result<Json<Me>> {
    let merchant = accounts::merchant(&state.db, who.merchant_id).await?;
    let stores = accounts::stores_of(&state.db, who.merchant_id).await?;
    Ok(Json(Me { merchant, stores }))
}

/// Every recorded sign-in of the merchant, newest first, the calling one marked `current`.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionInfo>), (status = 401, body = ApiError)))]
pub async fn sessions(
    State(state): State<AppState>,
    who: Merchant,
) -> Result<Json<Vec<SessionInfo>>> {
    Ok(Json(
        accounts::sessions_of(&state.db, who.merchant_id, who.session_id).await?,
    ))
}

/// Signs out one of the merchant's sessions; its tokens are refused from then on.
#[utoipa::path(delete, path = "/api/v1/sessions/{session_id}", tag = "auth", security(("bearer" = [])),
    params(("session_id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 401, body = ApiError)))]
pub async fn revoke_session(
    State(state): State<AppState>,
    who: Merchant,
    Path(session_id): Path<i64>,
) -> Result<StatusCode> {
    accounts::revoke_session(&state.db, who.merchant_id, session_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
