//! Where the account's secrets live: the platform's tokens and the key that encrypts the
//! cache (`cache::CacheKey`). Never in a plain file. Two homes, and `session.json` says which:
//!
//! - **the OS keychain** (`keychain`), the default: nothing to remember, unlocked with the
//!   merchant's OS login;
//! - **a file sealed with a passphrase** (`sealed`), where no keychain answers (a bare Linux
//!   session) or where the merchant prefers it. The passphrase is asked each time Pishkhan
//!   starts and kept only in memory. Falling back silently to a plain file is what this
//!   module exists to prevent: without a keychain and without a passphrase, sign-in stops and
//!   says so.
//!
//! The `Vault` holds the unlocked secrets in memory for the run, so the keychain is read once.
//!
//! Reading the keychain (a D-Bus round trip that may wait up to 15 s on a locked keyring) and
//! sealing or opening with a passphrase (Argon2id, 19 MiB) block, so the vault's public
//! methods are `async` and do that work on tokio's blocking threads: the async workers that
//! serve the UI and the sync never wait on them. The answers already in memory are returned
//! without leaving the caller's thread.

pub mod keychain;
pub mod sealed;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::cache::CacheKey;
use crate::error::{CoreError, Result};

/// Which home holds the secrets (kept, not secret, in `session.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Protection {
    Keychain,
    Passphrase,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Secrets {
    pub cache_key: CacheKey,
    pub access_token: String,
    pub refresh_token: String,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(<redacted>)")
    }
}

pub struct Vault {
    data_dir: PathBuf,
    /// What is known in memory; held only for a copy in or out.
    state: Mutex<State>,
    /// One slow operation (keychain, sealed file) at a time, awaited rather than blocked on:
    /// a token refresh's write and a sign-out's erase never interleave at the keychain.
    io: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    /// The passphrase given for this run, until it has opened or created the sealed file.
    passphrase: Option<String>,
    seal: Option<sealed::SealKey>,
    secrets: Option<Secrets>,
}

impl Vault {
    pub fn new(data_dir: &Path) -> Vault {
        Vault {
            data_dir: data_dir.to_path_buf(),
            state: Mutex::new(State::default()),
            io: tokio::sync::Mutex::new(()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The passphrase the merchant gave: it unlocks a sealed file, or seals the next sign-in's
    /// secrets instead of the keychain.
    pub fn use_passphrase(&self, passphrase: &str) -> Result<()> {
        if passphrase.chars().count() < 8 {
            return Err(CoreError::invalid(
                "The passphrase must be at least 8 characters long",
                "عبارت عبور باید دست‌کم ۸ نویسه باشد",
            ));
        }
        let mut state = self.state();
        state.passphrase = Some(passphrase.to_string());
        Ok(())
    }

    /// Forgets the passphrase of this run unless it has opened or sealed the secrets.
    pub fn forget_unused_passphrase(&self) {
        let mut state = self.state();
        if state.seal.is_none() {
            state.passphrase = None;
        }
    }

    /// Whether the secrets are in memory, or (keychain) can be read without asking anything.
    pub fn is_locked(&self, protection: Protection) -> bool {
        let state = self.state();
        state.secrets.is_none()
            && protection == Protection::Passphrase
            && state.passphrase.is_none()
    }

    /// The secrets, from memory or from their home (read once per run).
    pub async fn secrets(self: &Arc<Self>, protection: Protection) -> Result<Secrets> {
        if let Some(s) = &self.state().secrets {
            return Ok(s.clone());
        }
        self.blocking(move |vault| vault.read_secrets(protection))
            .await
    }

    /// Keeps a new account's secrets: sealed with the passphrase when one was given, in the
    /// keychain otherwise; `KeychainUnavailable` when neither can be done.
    pub async fn create(self: &Arc<Self>, secrets: Secrets) -> Result<Protection> {
        self.blocking(move |vault| vault.create_now(secrets)).await
    }

    /// Replaces the tokens (after a refresh), keeping the cache key.
    pub async fn set_tokens(
        self: &Arc<Self>,
        protection: Protection,
        access: &str,
        refresh: &str,
    ) -> Result<()> {
        let mut secrets = self.secrets(protection).await?;
        secrets.access_token = access.to_string();
        secrets.refresh_token = refresh.to_string();
        self.store(protection, secrets).await
    }

    /// Keeps `secrets` in the home `protection` names (signing in again to the same account).
    pub async fn store(self: &Arc<Self>, protection: Protection, secrets: Secrets) -> Result<()> {
        self.blocking(move |vault| vault.store_now(protection, secrets))
            .await
    }

    /// Whether `create` can keep secrets now: a passphrase was given, or a keychain answers.
    pub async fn can_create(self: &Arc<Self>) -> Result<()> {
        if self.state().passphrase.is_some() {
            return Ok(());
        }
        self.blocking(|vault| keychain::available(&vault.data_dir).map_err(keychain_error))
            .await
    }

    /// Forgets everything, the passphrase of this run included (signing out).
    pub async fn erase(self: &Arc<Self>) -> Result<()> {
        self.forget_stored().await?;
        *self.state() = State::default();
        Ok(())
    }

    /// Forgets the stored secrets: memory, the keychain entry, the sealed file; a passphrase
    /// given for this run stays, to seal the next account. A keychain that does not answer
    /// cannot hold this folder's entry, so that is not an error.
    pub async fn forget_stored(self: &Arc<Self>) -> Result<()> {
        {
            let mut state = self.state();
            state.secrets = None;
            state.seal = None;
        }
        self.blocking(|vault| {
            match keychain::delete(&vault.data_dir) {
                Ok(()) | Err(keychain::KeychainError::Unavailable(_)) => {}
                Err(e) => return Err(keychain_error(e)),
            }
            crate::private_file::remove(&sealed::path(&vault.data_dir))?;
            Ok(())
        })
        .await
    }

    /// Runs `work` (keychain, Argon2id, the sealed file) on a blocking thread.
    async fn blocking<T, F>(self: &Arc<Self>, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Vault) -> Result<T> + Send + 'static,
    {
        let _turn = self.io.lock().await;
        let vault = Arc::clone(self);
        tokio::task::spawn_blocking(move || work(&vault))
            .await
            .map_err(|e| {
                CoreError::KeychainFailed(format!("the keychain task stopped unexpectedly: {e}"))
            })?
    }

    /// The std mutex is held only to copy in and out, never across the slow read: the async
    /// callers take it too.
    fn read_secrets(&self, protection: Protection) -> Result<Secrets> {
        let passphrase = {
            let state = self.state();
            if let Some(s) = &state.secrets {
                return Ok(s.clone());
            }
            state.passphrase.clone()
        };
        let text = match protection {
            Protection::Keychain => keychain::read(&self.data_dir)
                .map_err(keychain_error)?
                .ok_or(CoreError::SecretsMissing)?
                .into_bytes(),
            Protection::Passphrase => {
                let passphrase = passphrase.ok_or(CoreError::Locked)?;
                match sealed::open(&self.data_dir, &passphrase) {
                    Ok(Some((plain, key))) => {
                        self.state().seal = Some(key);
                        plain
                    }
                    Ok(None) => return Err(CoreError::SecretsMissing),
                    Err(e) => {
                        self.state().passphrase = None;
                        return Err(seal_error(e));
                    }
                }
            }
        };
        let secrets: Secrets =
            serde_json::from_slice(&text).map_err(|_| CoreError::SecretsMissing)?;
        self.state().secrets = Some(secrets.clone());
        Ok(secrets)
    }

    fn create_now(&self, secrets: Secrets) -> Result<Protection> {
        let passphrase = self.state().passphrase.clone();
        let protection = match passphrase {
            Some(p) => {
                let key = sealed::SealKey::new(&p).map_err(seal_error)?;
                self.state().seal = Some(key);
                Protection::Passphrase
            }
            None => {
                keychain::available(&self.data_dir).map_err(keychain_error)?;
                Protection::Keychain
            }
        };
        self.store_now(protection, secrets)?;
        Ok(protection)
    }

    fn store_now(&self, protection: Protection, secrets: Secrets) -> Result<()> {
        let text =
            serde_json::to_string(&secrets).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        let seal = self.state().seal.clone();
        match protection {
            Protection::Keychain => {
                keychain::write(&self.data_dir, &text).map_err(keychain_error)?
            }
            Protection::Passphrase => {
                let key = seal.ok_or(CoreError::Locked)?;
                sealed::seal(&self.data_dir, &key, text.as_bytes()).map_err(seal_error)?;
            }
        }
        self.state().secrets = Some(secrets);
        Ok(())
    }
}

fn keychain_error(e: keychain::KeychainError) -> CoreError {
    match e {
        keychain::KeychainError::Unavailable(why) => CoreError::KeychainUnavailable(why),
        keychain::KeychainError::Failed(why) => CoreError::KeychainFailed(why),
    }
}

fn seal_error(e: sealed::SealError) -> CoreError {
    match e {
        sealed::SealError::WrongPassphrase => CoreError::WrongPassphrase,
        sealed::SealError::Damaged(_) => CoreError::SecretsMissing,
        sealed::SealError::Io(e) => CoreError::Io(e),
    }
}
