//! Secrets sealed with a passphrase, for computers with no keychain (`secrets.sealed`).
//!
//! The passphrase is stretched with Argon2id (19 MiB, 2 passes: OWASP's minimum) into a key for
//! XChaCha20-Poly1305. The file holds the salt, the nonce and the ciphertext, never the
//! passphrase or the key; a wrong passphrase fails the authentication tag, so it is told apart
//! from a damaged file only by the file's own shape. A fresh nonce seals every write.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};

const FORMAT: &str = "pishkhan-sealed-1";
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;

/// A key stretched from the passphrase, with the salt it was stretched with.
#[derive(Clone)]
pub struct SealKey {
    key: [u8; 32],
    salt: [u8; 16],
}

#[derive(Debug)]
pub enum SealError {
    WrongPassphrase,
    Damaged(String),
    Io(std::io::Error),
}

#[derive(Serialize, Deserialize)]
struct SealedFile {
    format: String,
    kdf: String,
    memory_kib: u32,
    passes: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("secrets.sealed")
}

impl SealKey {
    /// A new key (with a new salt) for sealing the first time.
    pub fn new(passphrase: &str) -> Result<SealKey, SealError> {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        stretch(passphrase, salt, MEMORY_KIB, PASSES)
    }
}

fn stretch(
    passphrase: &str,
    salt: [u8; 16],
    memory_kib: u32,
    passes: u32,
) -> Result<SealKey, SealError> {
    let params = argon2::Params::new(memory_kib, passes, 1, Some(32))
        .map_err(|e| SealError::Damaged(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
        .map_err(|e| SealError::Damaged(e.to_string()))?;
    Ok(SealKey { key, salt })
}

/// Opens the sealed file with `passphrase`: the plaintext and the key to seal the next write
/// with. `None` when there is no file.
pub fn open(data_dir: &Path, passphrase: &str) -> Result<Option<(Vec<u8>, SealKey)>, SealError> {
    let bytes = match std::fs::read(path(data_dir)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(SealError::Io(e)),
    };
    let damaged = |what: &str| SealError::Damaged(format!("secrets.sealed: {what}"));
    let file: SealedFile = serde_json::from_slice(&bytes).map_err(|_| damaged("not readable"))?;
    if file.format != FORMAT || file.kdf != "argon2id" {
        return Err(damaged("unknown format"));
    }
    let salt: [u8; 16] = B64
        .decode(&file.salt)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| damaged("salt"))?;
    let nonce = B64
        .decode(&file.nonce)
        .ok()
        .filter(|n| n.len() == 24)
        .ok_or_else(|| damaged("nonce"))?;
    let ciphertext = B64
        .decode(&file.ciphertext)
        .map_err(|_| damaged("ciphertext"))?;
    let key = stretch(passphrase, salt, file.memory_kib, file.passes)?;
    let plain = XChaCha20Poly1305::new((&key.key).into())
        .decrypt(XNonce::from_slice(&nonce), ciphertext.as_slice())
        .map_err(|_| SealError::WrongPassphrase)?;
    Ok(Some((plain, key)))
}

/// Seals `plain` with `key` into the file (atomically, owner-only).
pub fn seal(data_dir: &Path, key: &SealKey, plain: &[u8]) -> Result<(), SealError> {
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let ciphertext = XChaCha20Poly1305::new((&key.key).into())
        .encrypt(XNonce::from_slice(&nonce), plain)
        .map_err(|e| SealError::Damaged(e.to_string()))?;
    let file = SealedFile {
        format: FORMAT.into(),
        kdf: "argon2id".into(),
        memory_kib: MEMORY_KIB,
        passes: PASSES,
        salt: B64.encode(key.salt),
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ciphertext),
    };
    let bytes = serde_json::to_vec_pretty(&file).map_err(|e| SealError::Damaged(e.to_string()))?;
    std::fs::create_dir_all(data_dir).map_err(SealError::Io)?;
    crate::private_file::write(&path(data_dir), &bytes).map_err(SealError::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_only_with_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        assert!(open(dir.path(), "x").unwrap().is_none());
        let key = SealKey::new("کلید من ۱۲۳").unwrap();
        seal(dir.path(), &key, b"refresh-token-123").unwrap();
        let on_disk = std::fs::read(path(dir.path())).unwrap();
        assert!(!on_disk.windows(17).any(|w| w == b"refresh-token-123"));
        let (plain, again) = open(dir.path(), "کلید من ۱۲۳").unwrap().unwrap();
        assert_eq!(plain, b"refresh-token-123");
        // The key from opening seals the next write, still readable with the passphrase.
        seal(dir.path(), &again, b"second").unwrap();
        assert_eq!(
            open(dir.path(), "کلید من ۱۲۳").unwrap().unwrap().0,
            b"second"
        );
        assert!(matches!(
            open(dir.path(), "wrong"),
            Err(SealError::WrongPassphrase)
        ));
        std::fs::write(path(dir.path()), b"{}").unwrap();
        assert!(matches!(open(dir.path(), "x"), Err(SealError::Damaged(_))));
    }
}
