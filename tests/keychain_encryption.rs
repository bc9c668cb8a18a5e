//! Secrets in the OS keychain and the cache encrypted at rest, through the real `pishkhan` CLI
//! and a real Secret Service (GNOME Keyring on the test's own D-Bus session, started by
//! `scripts/with-keyring.sh`), read back with an independent client (`secret-tool`).
//!
//! - the tokens and the cache key are in the keychain, never in the data folder;
//! - the cache holds no SQLite header and none of a known customer's or the merchant's
//!   identity values as bytes; a wrong key is a clear error that changes nothing;
//! - with no keychain, sign-in stops and says so; a passphrase seals the secrets instead;
//! - signing out removes the keychain entry.

use std::path::Path;
use std::process::{Command, Output};

use pishkhan_core::secrets::keychain;
use pishkhan_tests::{CliUser, PlatformProcess};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const NO_KEYCHAIN: (&str, &str) = ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");

fn secret_tool(args: &[&str], input: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new("secret-tool")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("secret-tool (libsecret-tools) is installed by scripts/setup-debian.sh");
    let mut stdin = child.stdin.take().unwrap();
    if let Some(text) = input {
        stdin.write_all(text.as_bytes()).unwrap();
    }
    drop(stdin);
    child.wait_with_output().unwrap()
}

/// The keychain entry of a data folder, as another program on the desktop would read it.
fn keychain_entry(data_dir: &Path) -> Option<Value> {
    let out = secret_tool(
        &[
            "lookup",
            "service",
            keychain::SERVICE,
            "username",
            &keychain::account(data_dir),
        ],
        None,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    (out.status.success() && !text.trim().is_empty())
        .then(|| serde_json::from_str(text.trim()).expect("the entry is JSON"))
}

/// Every byte Pishkhan keeps in the data folder (all files, recursively).
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            bytes.extend(all_bytes(&path));
        } else {
            bytes.extend(std::fs::read(&path).unwrap());
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn cache_files_digest(data_dir: &Path) -> Vec<u8> {
    let mut h = Sha256::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(b) = std::fs::read(data_dir.join(format!("stores/1.db{suffix}"))) {
            h.update(b);
        }
    }
    h.finalize().to_vec()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn tokens_live_in_the_keychain_and_the_cache_is_unreadable_without_its_key() {
    let p = PlatformProcess::start(Some(30));
    let user = CliUser::new();
    let dir = user.data_dir.path();
    user.login(&p);

    // The keychain holds the tokens and the cache key; session.json holds neither.
    let entry = keychain_entry(dir).expect("a keychain entry for this data folder");
    let refresh = entry["refreshToken"].as_str().unwrap().to_string();
    let access = entry["accessToken"].as_str().unwrap().to_string();
    assert_eq!(entry["cacheKey"].as_str().unwrap().len(), 64);
    let session = std::fs::read_to_string(dir.join("session.json")).unwrap();
    assert!(
        session.contains("\"protection\": \"keychain\""),
        "{session}"
    );
    assert!(!session.contains(&refresh) && !session.contains(&access));
    assert!(!session.to_lowercase().contains("token"), "{session}");

    user.ok(&["sync"]);
    let kyc_dir = tempfile::tempdir().unwrap();
    let form = json!({
        "fullName": "سارا نیک‌پور", "storeName": "فروشگاه گلبرگ", "email": "sara@example.com",
        "mobile": "09121234567", "address": "تهران، خیابان آزادی، پلاک ۱۲", "postalCode": "3354355599",
        "sheba": "IR820540102680020817909002", "birthDate": "1370/05/12", "nationalCode": "0499370899"
    });
    user.submit_kyc(kyc_dir.path(), &form, 3);
    user.ok(&["settings", "set", "sms-on-new-order", "on"]);

    // A known customer, as the app shows them.
    let list: Value = user.json(&["customers", "list", "--limit", "5", "--json"]);
    let customer = &list["customers"][0];
    let name = customer["fullName"].as_str().unwrap().to_string();
    let mobile = customer["mobile"].as_str().unwrap().to_string();
    assert!(name.chars().count() >= 5 && mobile.len() >= 10);

    // Nothing in the data folder reads as SQLite or shows those values, the merchant's
    // identity values, the ID card photo, or the tokens.
    let cache = std::fs::read(dir.join("stores/1.db")).unwrap();
    assert!(!cache.starts_with(b"SQLite format 3\0"));
    let store_files = all_bytes(&dir.join("stores"));
    assert!(
        store_files.len() > 100_000,
        "the cache (file and WAL) holds the store"
    );
    let everything = all_bytes(dir);
    let photo = std::fs::read(kyc_dir.path().join("front.jpg")).unwrap();
    for (what, value) in [
        ("customer name", name.as_str()),
        ("customer mobile", mobile.as_str()),
        ("national code", "0499370899"),
        ("Sheba", "IR820540102680020817909002"),
        ("postal code", "3354355599"),
        ("KYC name", "سارا نیک‌پور"),
        ("refresh token", refresh.as_str()),
        ("access token", access.as_str()),
        ("schema", "CREATE TABLE"),
    ] {
        assert!(
            !contains(&everything, value),
            "{what} found in the data folder"
        );
    }
    let jfif_tail = &photo[photo.len() - 64..];
    assert!(
        !everything.windows(64).any(|w| w == jfif_tail),
        "the ID photo's bytes show"
    );

    // The right key still reads everything.
    let orders: Value = user.json(&["orders", "list", "--limit", "3", "--json"]);
    assert_eq!(orders["orders"].as_array().unwrap().len(), 3);

    // Another key in the keychain: a clear error (exit 8, both languages), nothing changed.
    let before = cache_files_digest(dir);
    let mut wrong = entry.clone();
    wrong["cacheKey"] = json!("11".repeat(32));
    let stored = secret_tool(
        &[
            "store",
            "--label=Pishkhan",
            "service",
            keychain::SERVICE,
            "username",
            &keychain::account(dir),
        ],
        Some(&wrong.to_string()),
    );
    assert!(stored.status.success(), "{}", stderr(&stored));
    let out = user.run(&["orders", "list", "--json"]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("cannot be opened with the key"), "{text}");
    assert!(text.contains("کلید"), "{text}");
    assert_eq!(
        cache_files_digest(dir),
        before,
        "a wrong key changes nothing"
    );

    // The right key back: all is there.
    secret_tool(
        &[
            "store",
            "--label=Pishkhan",
            "service",
            keychain::SERVICE,
            "username",
            &keychain::account(dir),
        ],
        Some(&entry.to_string()),
    );
    let orders: Value = user.json(&["orders", "list", "--limit", "3", "--json"]);
    assert_eq!(orders["orders"].as_array().unwrap().len(), 3);

    // A key that no longer opens the data: signing in again is the way out — a fresh copy.
    secret_tool(
        &[
            "store",
            "--label=Pishkhan",
            "service",
            keychain::SERVICE,
            "username",
            &keychain::account(dir),
        ],
        Some(&wrong.to_string()),
    );
    assert_eq!(
        user.run(&["orders", "list", "--json"]).status.code(),
        Some(8)
    );
    user.login(&p);
    let fresh = keychain_entry(dir).unwrap();
    assert_ne!(fresh["cacheKey"], entry["cacheKey"]);
    assert_ne!(fresh["cacheKey"], wrong["cacheKey"]);
    user.ok(&["sync"]);
    let orders: Value = user.json(&["orders", "list", "--limit", "3", "--json"]);
    assert_eq!(orders["orders"].as_array().unwrap().len(), 3);

    // Signing out removes the keychain entry with the rest.
    user.ok(&["logout", "--discard-edits"]);
    assert!(keychain_entry(dir).is_none(), "the keychain entry is gone");
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 0);
}

#[tokio::test]
async fn without_a_keychain_sign_in_asks_for_a_passphrase_and_never_writes_plain_secrets() {
    let p = PlatformProcess::start(Some(10));
    let user = CliUser::new();
    let dir = user.data_dir.path();
    let login = [
        "login",
        "--platform",
        p.url.as_str(),
        "--email",
        "demo@pishkhan.example",
        "--password",
        "demo1234",
    ];

    // No Secret Service: stop and say so, before the platform records a session.
    let out = user.run_with_env(&login, &[NO_KEYCHAIN]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("no keychain is available"), "{text}");
    assert!(
        text.contains("passphrase") && text.contains("عبارت عبور"),
        "{text}"
    );
    assert!(!dir.join("session.json").exists());
    let token = p.merchant_token("demo@pishkhan.example", "demo1234").await;
    let sessions: Value = p
        .http()
        .get(format!("{}/api/v1/sessions", p.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        sessions.as_array().unwrap().len(),
        1,
        "only the test's own sign-in: the refused one never reached the platform"
    );

    // With a passphrase: signed in, secrets sealed, the keychain untouched.
    let pass = ("PISHKHAN_PASSPHRASE", "گل‌های بهاری ۱۴۰۵");
    let short = user.run_with_env(&login, &[NO_KEYCHAIN, ("PISHKHAN_PASSPHRASE", "short")]);
    assert_eq!(
        short.status.code(),
        Some(2),
        "a passphrase under 8 characters is refused"
    );
    let out = user.run_with_env(&login, &[NO_KEYCHAIN, pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let session = std::fs::read_to_string(dir.join("session.json")).unwrap();
    assert!(
        session.contains("\"protection\": \"passphrase\""),
        "{session}"
    );
    assert!(dir.join("secrets.sealed").exists());
    assert!(keychain_entry(dir).is_none());
    let out = user.run_with_env(&["sync"], &[NO_KEYCHAIN, pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let everything = all_bytes(dir);
    assert!(!contains(&everything, "SQLite format 3"));
    assert!(
        !contains(&everything, "Token\""),
        "no token field in any file"
    );

    // Without the passphrase: locked; with a wrong one: told so; neither changes anything.
    let before = cache_files_digest(dir);
    let out = user.run_with_env(&["orders", "list", "--json"], &[NO_KEYCHAIN]);
    assert_eq!(out.status.code(), Some(8));
    assert!(
        stderr(&out).contains("locked with a passphrase"),
        "{}",
        stderr(&out)
    );
    let wrong = ("PISHKHAN_PASSPHRASE", "not the passphrase");
    let out = user.run_with_env(&["orders", "list", "--json"], &[NO_KEYCHAIN, wrong]);
    assert_eq!(out.status.code(), Some(8));
    assert!(
        stderr(&out).contains("passphrase is wrong"),
        "{}",
        stderr(&out)
    );
    assert_eq!(cache_files_digest(dir), before);
    let out = user.run_with_env(
        &["orders", "list", "--limit", "2", "--json"],
        &[NO_KEYCHAIN, pass],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let orders: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(orders["orders"].as_array().unwrap().len(), 2);

    // A forgotten passphrase still lets the merchant sign out and erase.
    let out = user.run_with_env(&["logout", "--discard-edits"], &[NO_KEYCHAIN, wrong]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 0);
}
