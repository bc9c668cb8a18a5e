//! Sign-in, tokens, the merchant, their stores and their recorded sessions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Body of `POST /api/v1/auth/sign-in`. Its `Debug` hides the password.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
    /// The device's name as its owner calls it (e.g. the computer's host name).
    #[serde(default)]
    pub device_name: Option<String>,
}

/// Body of `POST /api/v1/auth/refresh`. Its `Debug` hides the token.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Tokens handed out by sign-in and refresh. Its `Debug` hides the tokens.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub session_id: i64,
}

/// Answer of sign-in: tokens plus who signed in and which stores they own.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignInResponse {
    pub tokens: TokenPair,
    pub merchant: Merchant,
    pub stores: Vec<Store>,
}

// Its `Debug` shows the id only.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Merchant {
    pub id: i64,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    pub id: i64,
    pub name: String,
    /// Email to the store for every order: always on, per the platform's policy.
    pub email_on_new_order: bool,
    /// SMS to the store's owner for every new order: the owner's choice.
    pub sms_on_new_order: bool,
}

/// `GET /api/v1/me`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub merchant: Merchant,
    pub stores: Vec<Store>,
}

/// One recorded sign-in: when, from which app or browser, on which device.
// Its `Debug` hides the device's name, which is often its owner's.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub id: i64,
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The `User-Agent` the client sent.
    pub user_agent: Option<String>,
    pub device_name: Option<String>,
    /// Whether this is the session making the request.
    pub current: bool,
    pub revoked: bool,
}

// Secrets are redacted by type: a `{:?}` of these can never put a password or token in a log.
debug_redacting!(Merchant {
    id,
    name: redacted,
    email: redacted,
});
debug_redacting!(SessionInfo {
    id,
    signed_in_at,
    last_seen_at,
    user_agent,
    device_name: redacted,
    current,
    revoked,
});

impl std::fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInRequest")
            .field("device_name", &self.device_name)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for RefreshRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshRequest").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair")
            .field("expires_in", &self.expires_in)
            .field("session_id", &self.session_id)
            .finish_non_exhaustive()
    }
}
