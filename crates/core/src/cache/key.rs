//! The key that encrypts the cache at rest (SQLCipher: AES-256 pages with an HMAC each).
//!
//! 32 random bytes made at sign-in and kept with the account's other secrets (`crate::secrets`:
//! the OS keychain, or sealed with the merchant's passphrase). It is handed to SQLCipher as a raw
//! key (`x'…'`), so opening the cache costs no key derivation: the randomness is already full.
//! Without the right key the file reads as noise: no SQLite header, no text.

use rand::RngCore;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, PartialEq, Eq)]
pub struct CacheKey([u8; 32]);

impl CacheKey {
    pub fn generate() -> CacheKey {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        CacheKey(bytes)
    }

    /// A key from its bytes (a fixed key for generated data, as the benchmark's corpus).
    pub const fn from_bytes(bytes: [u8; 32]) -> CacheKey {
        CacheKey(bytes)
    }

    /// The value of `PRAGMA key` for a raw key.
    pub fn pragma_value(&self) -> String {
        format!("\"x'{}'\"", hex::encode_upper(self.0))
    }
}

impl std::fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CacheKey(<redacted>)")
    }
}

impl Serialize for CacheKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(self.0))
    }
}

impl<'de> Deserialize<'de> for CacheKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CacheKey, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = hex::decode(text).map_err(serde::de::Error::custom)?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| serde::de::Error::custom("a cache key is 32 bytes"))?;
        Ok(CacheKey(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_round_trip_without_showing() {
        let a = CacheKey::generate();
        assert_ne!(a, CacheKey::generate());
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<CacheKey>(&json).unwrap(), a);
        assert_eq!(format!("{a:?}"), "CacheKey(<redacted>)");
        assert!(a.pragma_value().starts_with("\"x'") && a.pragma_value().len() == 64 + 5);
        assert!(serde_json::from_str::<CacheKey>("\"abcd\"").is_err());
    }
}
