//! `POST /api/v1/stores/{store_id}/mutations`: edits from the merchant's apps, each applied
//! exactly once (see `store::mutations`), answered one result per mutation in order.

use std::collections::HashSet;

use axum::extract::State;
use pishkhan_api::{valid_mutation_id, ApiError, MutationBatch, MutationResults, MAX_MUTATIONS};

use super::{Json, Path};
use crate::auth::Merchant;
use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::{accounts, mutations};

/// Applies a batch of edits, in order, each exactly once.
#[utoipa::path(post, path = "/api/v1/stores/{store_id}/mutations", tag = "orders", security(("bearer" = [])),
    params(("store_id" = i64, Path)), request_body = MutationBatch,
    responses((status = 200, body = MutationResults), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn apply(
    State(state): State<AppState>,
    who: Merchant,
    Path(store_id): Path<i64>,
    Json(batch): Json<MutationBatch>,
) -> Result<Json<MutationResults>> {
    accounts::owned_store(&state.db, who.merchant_id, store_id).await?;
    if batch.mutations.is_empty() || batch.mutations.len() > MAX_MUTATIONS {
        return Err(PlatformError::Invalid(format!(
            "a batch holds 1 to {MAX_MUTATIONS} mutations"
        )));
    }
    let mut ids = HashSet::new();
    for m in &batch.mutations {
        if !valid_mutation_id(&m.id) {
            return Err(PlatformError::Invalid(
                "a mutation id is 8 to 64 of A-Z a-z 0-9 - _".into(),
            ));
        }
        if !ids.insert(m.id.as_str()) {
            return Err(PlatformError::Invalid(format!(
                "mutation id {} appears twice in the batch",
                m.id
            )));
        }
    }
    let mut results = Vec::with_capacity(batch.mutations.len());
    for m in &batch.mutations {
        results.push(mutations::apply_one(&state.db, store_id, m).await?);
    }
    Ok(Json(MutationResults { results }))
}
