//! The cache is encrypted at rest: the file carries no SQLite header and none of the stored
//! text, opens only with its key, and a wrong key is a clear error that changes nothing.

use pishkhan_core::cache::{Cache, CacheKey};
use pishkhan_core::CoreError;
use sha2::{Digest, Sha256};

const SECRET: &str = "Zahra Ahmadi 09121234567 0499370899";

fn files_of(path: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(b) = std::fs::read(format!("{}{suffix}", path.display())) {
            all.extend(b);
        }
    }
    all
}

#[tokio::test]
async fn the_cache_opens_only_with_its_key_and_shows_nothing_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let key = CacheKey::generate();
    let cache = Cache::open(&path, &key).await.unwrap();
    sqlx::query("INSERT INTO preferences (key, value) VALUES ('probe', ?1)")
        .bind(SECRET)
        .execute(cache.pool())
        .await
        .unwrap();
    // Part of the data still in the WAL, part checkpointed: both must be encrypted.
    let bytes = files_of(&path);
    assert!(!bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()));
    cache.close().await;
    // The last connection checkpoints the WAL into the file as it closes, on SQLite's thread.
    let wal = std::path::PathBuf::from(format!("{}-wal", path.display()));
    for _ in 0..100 {
        if !wal.exists() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let main = std::fs::read(&path).unwrap();
    assert!(
        !main.starts_with(b"SQLite format 3\0"),
        "no plain SQLite header"
    );
    let bytes = files_of(&path);
    assert!(
        bytes.len() > 8192,
        "the cache was written ({} bytes)",
        bytes.len()
    );
    assert!(!bytes.windows(10).any(|w| w == b"0499370899"));
    assert!(
        !bytes.windows(7).any(|w| w == b"CREATE "),
        "not even the schema shows"
    );

    let each = || {
        ["", "-wal", "-shm"].map(|x| {
            std::fs::read(format!("{}{x}", path.display()))
                .map(|b| Sha256::digest(b))
                .ok()
        })
    };
    let before_each = each();
    let before = Sha256::digest(files_of(&path));
    let wrong = Cache::open(&path, &CacheKey::generate()).await;
    assert!(
        matches!(wrong, Err(CoreError::CacheUnreadable)),
        "{:?}",
        wrong.as_ref().err()
    );
    let err = wrong.err().unwrap().to_public();
    assert_eq!(err.code, "cache_unreadable");
    assert!(err.message.contains("Nothing was changed"));
    assert!(!err.message_fa.is_empty());
    assert_eq!(each(), before_each, "no file changed, none removed");
    assert_eq!(
        Sha256::digest(files_of(&path)),
        before,
        "a wrong key changes nothing"
    );

    let again = Cache::open(&path, &key).await.unwrap();
    let value: String = sqlx::query_scalar("SELECT value FROM preferences WHERE key = 'probe'")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert_eq!(value, SECRET);
}

#[tokio::test]
async fn a_plain_sqlite_file_is_not_taken_for_a_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    std::fs::write(&path, b"%PDF-1.7 not a database at all, and long enough to be read as one .....................................................................................").unwrap();
    let before = std::fs::read(&path).unwrap();
    let r = Cache::open(&path, &CacheKey::generate()).await;
    assert!(
        matches!(r, Err(CoreError::CacheUnreadable)),
        "{:?}",
        r.as_ref().err()
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
