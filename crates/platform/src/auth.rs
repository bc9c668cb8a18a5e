//! Passwords, tokens, and the two ways a request proves who sends it: a merchant's bearer
//! access token, or the admin token of this platform instance.
//!
//! Passwords are hashed with Argon2id. Tokens are 32 random bytes; only their SHA-256 is
//! stored, so a copy of the database does not let anyone act as a merchant.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::{PlatformError, Result};
use crate::server::AppState;
use crate::store::accounts;

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PlatformError::Internal(format!("password hashing failed: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A fresh random token, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Constant-time comparison for the admin token.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// A request authenticated by a merchant's access token.
#[derive(Debug, Clone, Copy)]
pub struct Merchant {
    pub merchant_id: i64,
    pub session_id: i64,
}

impl FromRequestParts<AppState> for Merchant {
    type Rejection = PlatformError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(PlatformError::Unauthorized)?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or(PlatformError::Unauthorized)?;
        let (session_id, merchant_id) =
            accounts::session_by_access(&state.db, &token_hash(token.trim()))
                .await?
                .ok_or(PlatformError::Unauthorized)?;
        Ok(Merchant {
            merchant_id,
            session_id,
        })
    }
}

/// A request carrying this platform's admin token (`X-Admin-Token`).
#[derive(Debug, Clone, Copy)]
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = PlatformError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let given = parts
            .headers
            .get(pishkhan_api::ADMIN_TOKEN_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(PlatformError::AdminUnauthorized)?;
        if same_secret(given, &state.admin_token) {
            Ok(Admin)
        } else {
            Err(PlatformError::AdminUnauthorized)
        }
    }
}
