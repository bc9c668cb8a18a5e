//! `POST /api/v1/diagnostics`: the events an app sends while its merchant has "share
//! diagnostics" on. The bearer token keeps strangers out, but the events are stored without
//! the sender; each must be one of the declared kinds with no field more
//! (`pishkhan_api::diagnostics`) and pass [`DiagnosticEvent::check`]. `GET /admin/diagnostics`
//! reads them back (tests, support).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use pishkhan_api::{
    ApiError, DiagnosticEvent, DiagnosticsBatch, DiagnosticsStored, MAX_DIAGNOSTIC_EVENTS,
};

use super::Json;
use crate::auth::{Admin, Merchant};
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::diagnostics;

/// The largest body accepted: far more than 100 events need.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The body limit of the diagnostics route (a larger body is answered 413).
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_BODY_BYTES)
}

fn too_large(message: impl Into<String>) -> PlatformError {
    PlatformError::refused(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
}

/// Reads the body as a batch. serde's messages can quote the offending value, so only a
/// missing or unknown field is named; other errors give a position.
fn parse_batch(body: &[u8]) -> Result<DiagnosticsBatch> {
    serde_json::from_slice(body).map_err(|e| {
        let text = e.to_string();
        if text.starts_with("missing field") || text.starts_with("unknown field") {
            PlatformError::Invalid(text)
        } else {
            PlatformError::Invalid(format!(
                "the body is not a batch of diagnostic events ({:?} error at line {}, column {})",
                e.classify(),
                e.line(),
                e.column()
            ))
        }
    })
}

/// Stores diagnostic events (1 to 100, oldest first) without recording who sent them.
#[utoipa::path(post, path = "/api/v1/diagnostics", tag = "diagnostics", security(("bearer" = [])),
    request_body = DiagnosticsBatch,
    responses(
        (status = 200, body = DiagnosticsStored),
        (status = 400, body = ApiError, description = "Not a batch, an unknown kind or field, an empty batch, or a string that is not a short code"),
        (status = 401, body = ApiError),
        (status = 413, body = ApiError, description = "`too_large`: more than 100 events, or a body over 64 KB"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    _: Merchant,
    body: std::result::Result<Bytes, BytesRejection>,
) -> Result<Json<DiagnosticsStored>> {
    let body = body.map_err(|r| match r.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            too_large(format!("the body is over {} KB", MAX_BODY_BYTES / 1024))
        }
        _ => PlatformError::Invalid("the body could not be read".into()),
    })?;
    let batch = parse_batch(&body)?;
    if batch.events.len() > MAX_DIAGNOSTIC_EVENTS {
        return Err(too_large(format!(
            "a batch holds at most {MAX_DIAGNOSTIC_EVENTS} events"
        )));
    }
    if batch.events.is_empty() {
        return Err(PlatformError::Invalid(
            "a batch holds at least one event".into(),
        ));
    }
    for (i, event) in batch.events.iter().enumerate() {
        event
            .check()
            .map_err(|why| PlatformError::Invalid(format!("events[{i}]: {why}")))?;
    }
    diagnostics::insert(&state.db, &batch.events).await?;
    Ok(Json(DiagnosticsStored {
        stored: batch.events.len() as u32,
    }))
}

/// Every diagnostic event stored, in the order received.
#[utoipa::path(get, path = "/admin/diagnostics", tag = "admin", security(("admin" = [])),
    responses((status = 200, body = Vec<DiagnosticEvent>), (status = 403, body = ApiError)))]
pub async fn admin_list(
    State(state): State<AppState>,
    _: Admin,
) -> Result<Json<Vec<DiagnosticEvent>>> {
    Ok(Json(diagnostics::all(&state.db).await?))
}
