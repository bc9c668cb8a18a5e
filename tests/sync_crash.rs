//! `pishkhan sync` killed with SIGKILL at random moments loses nothing.
//!
//! The real CLI syncs against the real platform binary holding 20 000 orders, so a first sync
//! takes a while and is cut many times. Between kills the platform's side generates, changes
//! and deletes orders, and the merchant queues edits (notes with unique texts, status changes,
//! cancellations) through the CLI, so later syncs are cut in their pull or in their push.
//! After every kill:
//!
//! - `PRAGMA integrity_check` on the cache is `ok`;
//! - no outbox entry was lost: every entry present before the kill is still there unless the
//!   platform has recorded it (and nothing new appeared);
//! - an entry that left the outbox left a line in the edit log.
//!
//! Finally one uninterrupted sync (conflicts resolved by taking the platform's version)
//! converges: same checksum as the platform, empty outbox, each note exactly once.
//!
//! `PISHKHAN_CRASH_SEED` picks the seed (default 7), `PISHKHAN_CRASH_KILLS` the number of
//! kills (default 30).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pishkhan_api::{ContentChecksum, Order};
use pishkhan_tests::{bin, CliUser, PlatformProcess};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use reqwest::Method;
use serde_json::{json, Value};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

const ORDERS: u64 = 20_000;

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Opens a database: the platform's as it is, or the app's store cache (`<data dir>/stores/
/// <id>.db`) with the key the app keeps in the keychain.
async fn open(path: &Path, read_only: bool) -> SqliteConnection {
    let mut options = SqliteConnectOptions::new();
    let in_stores = path
        .parent()
        .is_some_and(|p| p.file_name().is_some_and(|n| n == "stores"));
    if in_stores {
        let data_dir = path.parent().and_then(Path::parent).expect("a data folder");
        let key = pishkhan_tests::app_cache_key(data_dir).expect("the app's key in the keychain");
        options = options.pragma("key", key.pragma_value());
    }
    options
        .filename(path)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

/// The outbox's mutation ids, and the edit log's, of the cache (empty before the first sync).
async fn outbox_of(cache: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    if !cache.exists() {
        return Default::default();
    }
    let mut db = open(cache, false).await;
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut db)
            .await
            .unwrap();
    if !tables.iter().any(|t| t == "outbox") {
        return Default::default();
    }
    let waiting: Vec<String> = sqlx::query_scalar("SELECT mutation_id FROM outbox")
        .fetch_all(&mut db)
        .await
        .unwrap();
    let logged: Vec<String> = sqlx::query_scalar("SELECT mutation_id FROM edit_log")
        .fetch_all(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
    (waiting.into_iter().collect(), logged.into_iter().collect())
}

fn cache_checksum(user: &CliUser) -> ContentChecksum {
    let v: Value = user.json(&["status", "--checksum", "--json"]);
    serde_json::from_value(v["checksum"].clone()).unwrap()
}

#[tokio::test]
async fn sync_killed_at_random_moments_loses_nothing_and_converges() {
    let seed = env_u64("PISHKHAN_CRASH_SEED").unwrap_or(7);
    let kills = env_u64("PISHKHAN_CRASH_KILLS").unwrap_or(30);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let started = Instant::now();
    let p = PlatformProcess::start(Some(ORDERS));
    let user = CliUser::new();
    user.login(&p);
    let cache = user.data_dir.path().join("stores/1.db");
    let platform_db = p.data_dir.path().join("platform.db");
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut outcomes: BTreeMap<&str, u64> = BTreeMap::new();
    let mut note_no = 0;
    let mut first_sync_done = false;
    let mut whole_sync_ms: u64 = 500;

    for kill in 0..kills {
        if first_sync_done {
            // The platform's side: new orders (so the next pull has pages to cut), and a few
            // changes and deletions.
            let count = rng.gen_range(100..800);
            let _: Value = p
                .admin(
                    Method::POST,
                    "/admin/stores/1/orders/generate",
                    Some(&json!({"count": count, "seed": rng.gen::<u32>()})),
                )
                .await;
            for _ in 0..rng.gen_range(0..4) {
                let id = rng.gen_range(1..=ORDERS as i64);
                let path = format!("/admin/stores/1/orders/{id}");
                if rng.gen_bool(0.3) {
                    p.admin_raw::<()>(Method::DELETE, &path, None).await;
                } else {
                    let status = ["processing", "cancelled", "shipped"][rng.gen_range(0..3)];
                    p.admin_raw(Method::PATCH, &path, Some(&json!({ "status": status })))
                        .await;
                }
            }
            // The merchant's side: edits on cached orders.
            for _ in 0..rng.gen_range(4..14) {
                let number = (100_000 + rng.gen_range(1..=ORDERS)).to_string();
                let roll = rng.gen_range(0..100);
                let out = if roll < 60 {
                    note_no += 1;
                    let text = format!("crash-note {seed}/{note_no}");
                    let out = user.run(&["orders", "note", &number, &text]);
                    if out.status.success() {
                        notes.push((text, number.clone()));
                    }
                    out
                } else if roll < 85 {
                    let status = ["processing", "shipped", "delivered", "cancelled"]
                        .choose(&mut rng)
                        .unwrap()
                        .to_string();
                    user.run(&["orders", "set-status", &number, &status])
                } else {
                    user.run(&["orders", "cancel", &number])
                };
                // Refused by the workflow (2) or deleted meanwhile (6): nothing queued.
                assert!(
                    matches!(out.status.code(), Some(0 | 2 | 6)),
                    "edit of {number}: {:?} {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }

        let (before, _) = outbox_of(&cache).await;
        let mut child = Command::new(bin("pishkhan"))
            .arg("--data-dir")
            .arg(user.data_dir.path())
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pishkhan sync");
        // Before the first sync is done: anywhere in its first 1.5 s (each run resumes
        // where the last was cut). Later: mostly late in the sync, where the push is, judging
        // by how long the last whole sync took.
        let delay = if !first_sync_done {
            rng.gen_range(50..1500)
        } else if rng.gen_bool(0.8) {
            (whole_sync_ms as f64 * rng.gen_range(0.5..1.1)) as u64
        } else {
            rng.gen_range(10..whole_sync_ms.max(20))
        };
        let spawned = Instant::now();
        let outcome = loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "kill {kill}: sync failed: {status}");
                first_sync_done = true;
                whole_sync_ms = spawned.elapsed().as_millis() as u64;
                break "finished before the kill";
            }
            if spawned.elapsed() >= Duration::from_millis(delay) {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                // The outbox grows while syncs are cut: expect the next one to take longer.
                whole_sync_ms = whole_sync_ms * 5 / 4;
                break "killed";
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        };

        // The cache is whole.
        let mut db = open(&cache, false).await;
        let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut db)
            .await
            .unwrap();
        db.close().await.unwrap();
        assert_eq!(
            check,
            ["ok"],
            "seed {seed}, kill {kill}: the cache is damaged"
        );

        // No edit lost.
        let (after, logged) = outbox_of(&cache).await;
        let mut pdb = open(&platform_db, true).await;
        let recorded: BTreeSet<String> =
            sqlx::query_scalar("SELECT mutation_id FROM applied_mutations")
                .fetch_all(&mut pdb)
                .await
                .unwrap()
                .into_iter()
                .collect();
        pdb.close().await.unwrap();
        assert!(
            after.is_subset(&before),
            "seed {seed}, kill {kill}: edits appeared from nowhere"
        );
        let gone: BTreeSet<&String> = before.difference(&after).collect();
        for id in &gone {
            assert!(
                recorded.contains(*id) && logged.contains(*id),
                "seed {seed}, kill {kill}: edit {id} left the outbox without the platform's answer"
            );
        }
        let unanswered: BTreeSet<&String> = before.difference(&recorded).collect();
        assert!(
            unanswered.iter().all(|id| after.contains(*id)),
            "seed {seed}, kill {kill}: an edit the platform never saw was lost"
        );
        let in_flight = after.intersection(&recorded).count();
        let what = match (outcome, gone.len(), in_flight) {
            ("killed", 0, 0) if !before.is_empty() => "killed before any edit was answered",
            ("killed", _, n) if n > 0 => "killed between the platform's answer and its record",
            ("killed", g, _) if g > 0 => "killed after some edits were answered",
            (o, _, _) => o,
        };
        *outcomes.entry(what).or_default() += 1;
        println!(
            "seed {seed}, kill {kill}: after {delay} ms, {what} (outbox {} -> {}, {in_flight} applied but unrecorded)",
            before.len(),
            after.len()
        );
    }

    // One whole sync, conflicts taken from the platform, converges.
    for round in 0.. {
        user.ok(&["sync"]);
        let v: Value = user.json(&["outbox", "--json"]);
        let waiting = v["waiting"].as_array().unwrap();
        if waiting.is_empty() {
            break;
        }
        assert!(round < 10, "seed {seed}: edits keep waiting: {v}");
        // What waits is a conflict, or an edit queued behind one (it waits for the decision).
        let conflicts: Vec<&Value> = waiting
            .iter()
            .filter(|e| e["state"] == "conflict")
            .collect();
        for e in waiting {
            assert!(
                conflicts.iter().any(|c| c["orderId"] == e["orderId"] && c["seq"].as_i64() <= e["seq"].as_i64()),
                "seed {seed}: still pending after a whole sync: {e}"
            );
        }
        for e in conflicts {
            user.ok(&["outbox", "take-platform", e["mutationId"].as_str().unwrap()]);
        }
    }
    assert_eq!(
        cache_checksum(&user),
        p.checksum(1).await,
        "seed {seed}: the cache differs from the platform"
    );
    for (text, number) in &notes {
        let resp = p
            .admin_raw::<()>(
                Method::GET,
                &format!(
                    "/admin/stores/1/orders/{}",
                    number.parse::<i64>().unwrap() - 100_000
                ),
                None,
            )
            .await;
        if resp.status() == 404 {
            continue; // deleted on the platform: the note was rejected
        }
        let order: Order = resp.json().await.unwrap();
        let count = order
            .internal_notes
            .iter()
            .filter(|n| &n.text == text)
            .count();
        assert_eq!(
            count, 1,
            "seed {seed}: note {text:?} is on order {number} {count} times"
        );
    }
    println!(
        "seed {seed}: {kills} kills {outcomes:?}, {} notes each exactly once, converged; {:.1}s",
        notes.len(),
        started.elapsed().as_secs_f64()
    );
}
