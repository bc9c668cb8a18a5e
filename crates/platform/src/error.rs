//! The platform's one error type, and how it becomes an HTTP answer.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use pishkhan_api::{ApiError, ApiErrorKind};

#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    #[error("the email or password is wrong")]
    WrongCredentials,
    #[error("sign in first: the access token is missing, expired or revoked")]
    Unauthorized,
    #[error("the admin token is missing or wrong")]
    AdminUnauthorized,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("the cursor is not one this platform issued for this store")]
    InvalidCursor,
    #[error("conflict: {0}")]
    Conflict(String),
    /// A refusal with its own status and stable code (identity verification and uploads,
    /// whose clients branch on finer codes than `invalid_input` and `conflict`). The message
    /// names the field or header at fault, never its value.
    #[error("{message}")]
    Refused {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored document is malformed ({:?} error at line {}, column {})", .0.classify(), .0.line(), .0.column())]
    Corrupt(#[from] serde_json::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl PlatformError {
    pub fn status(&self) -> StatusCode {
        match self {
            PlatformError::WrongCredentials | PlatformError::Unauthorized => {
                StatusCode::UNAUTHORIZED
            }
            PlatformError::AdminUnauthorized => StatusCode::FORBIDDEN,
            PlatformError::NotFound(_) => StatusCode::NOT_FOUND,
            PlatformError::Invalid(_) | PlatformError::InvalidCursor => StatusCode::BAD_REQUEST,
            PlatformError::Conflict(_) => StatusCode::CONFLICT,
            PlatformError::Refused { status, .. } => *status,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A refusal with its own status and code (see [`PlatformError::Refused`]).
    pub fn refused(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        PlatformError::Refused {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            PlatformError::WrongCredentials => "wrong_credentials",
            PlatformError::Unauthorized => "unauthorized",
            PlatformError::AdminUnauthorized => "admin_unauthorized",
            PlatformError::NotFound(_) => "not_found",
            PlatformError::Invalid(_) => "invalid_input",
            PlatformError::InvalidCursor => "invalid_cursor",
            PlatformError::Conflict(_) => "conflict",
            PlatformError::Refused { code, .. } => code,
            _ => "internal",
        }
    }
}

impl IntoResponse for PlatformError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let kind = match self {
            PlatformError::Invalid(_) | PlatformError::InvalidCursor => ApiErrorKind::Validation,
            PlatformError::Refused { status, .. }
                if status == StatusCode::BAD_REQUEST
                    || status == StatusCode::UNPROCESSABLE_ENTITY =>
            {
                ApiErrorKind::Validation
            }
            _ => ApiErrorKind::Api,
        };
        let message = if status.is_server_error() {
            "the platform failed to answer; try again later".to_string()
        } else {
            self.to_string()
        };
        let body = ApiError {
            status: status.as_u16(),
            message,
            kind,
            code: self.code().to_string(),
        };
        (status, Json(body)).into_response()
    }
}

pub type Result<T, E = PlatformError> = std::result::Result<T, E>;
