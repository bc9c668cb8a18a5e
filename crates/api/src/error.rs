//! The error body every failed platform call answers with.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `{status, message, type, code}`: the real platform's SDK shape (`status`, `message`,
/// `type`) plus a stable machine-readable `code` that clients branch on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    /// The HTTP status code, repeated for clients that only see the body.
    pub status: u16,
    /// A sentence for people and logs; never branch on it.
    pub message: String,
    /// `api` for refusals by the platform, `validation` for bad input.
    #[serde(rename = "type")]
    pub kind: ApiErrorKind,
    /// Stable code, e.g. `wrong_credentials`, `not_found`, `invalid_cursor`.
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorKind {
    Api,
    Validation,
}
