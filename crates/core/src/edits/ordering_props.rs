//! Property tests of the outbox's ordering (proptest), against the reference platform's own
//! mutation code (in-process SQLite, no HTTP).
//!
//! Random edits of a few orders (notes, status changes, shipments, cancellations) are queued
//! between random send rounds. In each round `next_batch` picks what to send; the request
//! reaches the platform or is lost; the platform applies the batch in order; then any subset
//! of the answers comes back, in any order (a lost answer means the edit is sent again later,
//! with the same id). Properties:
//!
//! - a batch never holds two edits of one order, and holds only each order's oldest waiting
//!   edit;
//! - when everything is finally sent, nothing waits, every edit was applied exactly once
//!   (the platform's record and the app's log agree, one line each), the platform holds each
//!   order's notes in the order they were written, and the cache shows the platform's orders.

use std::collections::{BTreeSet, HashMap};

use pishkhan_api::{MutationOutcome, MutationResult, OrderChange, OrderStatus};
use pishkhan_platform::store::{self, accounts, mutations, records};
use proptest::prelude::*;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use sqlx::SqlitePool;

use super::push::{record, PushReport};
use super::{edit, outbox};
use crate::cache::{orders, Cache};

const STATUSES: [OrderStatus; 6] = [
    OrderStatus::PendingPayment,
    OrderStatus::Processing,
    OrderStatus::Shipped,
    OrderStatus::Delivered,
    OrderStatus::Cancelled,
    OrderStatus::Refunded,
];

#[derive(Debug, Clone)]
enum Step {
    Note(usize),
    Status(usize, usize),
    Ship(usize),
    Cancel(usize),
    /// A send round: at most `max` edits; whether the request reaches the platform; which
    /// answers come back (bit mask) and in which order (shuffle seed).
    Send {
        max: i64,
        reaches: bool,
        answered: u32,
        shuffle: u64,
    },
}

const ORDERS: usize = 3;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..ORDERS).prop_map(Step::Note),
        2 => (0..ORDERS, 0..STATUSES.len()).prop_map(|(o, s)| Step::Status(o, s)),
        1 => (0..ORDERS).prop_map(Step::Ship),
        1 => (0..ORDERS).prop_map(Step::Cancel),
        3 => (1i64..5, prop::bool::weighted(0.8), any::<u32>(), any::<u64>()).prop_map(
            |(max, reaches, answered, shuffle)| Step::Send { max, reaches, answered, shuffle }
        ),
    ]
}

struct Fixture {
    rt: tokio::runtime::Runtime,
    db: SqlitePool,
    merchant_id: i64,
    _dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (db, merchant_id) = rt.block_on(async {
            let db = store::open(&dir.path().join("platform")).await.unwrap();
            let m = accounts::create_merchant(&db, "props", "props@example.com", "x")
                .await
                .unwrap();
            (db, m.id)
        });
        Fixture {
            rt,
            db,
            merchant_id,
            _dir: dir,
        }
    }
}

/// Checks a batch against the outbox it was taken from.
async fn check_batch(cache: &Cache, batch: &[pishkhan_api::Mutation]) {
    let orders: BTreeSet<i64> = batch.iter().map(|m| m.order_id).collect();
    assert_eq!(
        orders.len(),
        batch.len(),
        "two edits of one order in a batch"
    );
    let waiting = outbox::entries(cache.pool()).await.unwrap();
    for m in batch {
        let oldest = waiting.iter().find(|e| e.order_id == m.order_id).unwrap();
        assert_eq!(
            oldest.mutation_id, m.id,
            "order {} sent an edit before its oldest waiting one",
            m.order_id
        );
    }
}

/// The platform applies a batch in order, as its mutations route does.
async fn send(
    db: &SqlitePool,
    store_id: i64,
    batch: &[pishkhan_api::Mutation],
) -> Vec<MutationResult> {
    let mut results = Vec::new();
    for m in batch {
        results.push(mutations::apply_one(db, store_id, m).await.unwrap());
    }
    results
}

async fn run(f: &Fixture, seed: u64, steps: &[Step]) {
    let db = &f.db;
    let s = accounts::create_store(db, f.merchant_id, "store")
        .await
        .unwrap();
    let mut generator = pishkhan_platform::demo::Generator::new(seed, chrono::Utc::now());
    pishkhan_platform::demo::seed_store(db, s.id, &mut generator, 2, ORDERS as u64)
        .await
        .unwrap();
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM orders WHERE store_id = ?1 ORDER BY id")
        .bind(s.id)
        .fetch_all(db)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(
        &dir.path().join("cache.db"),
        &crate::cache::CacheKey::generate(),
    )
    .await
    .unwrap();
    let mut tx = cache.begin().await.unwrap();
    for id in &ids {
        let o = records::get_order(db, s.id, *id).await.unwrap();
        orders::upsert(&mut tx, &o).await.unwrap();
    }
    tx.commit().await.unwrap();

    let mut notes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut queued = BTreeSet::new();
    let mut report = PushReport::default();
    for (k, step) in steps.iter().enumerate() {
        let change = match step {
            Step::Note(o) => Some((
                *o,
                OrderChange::AddNote {
                    text: format!("note {k}"),
                },
            )),
            Step::Status(o, st) => Some((
                *o,
                OrderChange::SetStatus {
                    status: STATUSES[*st],
                },
            )),
            Step::Ship(o) => Some((
                *o,
                OrderChange::Ship {
                    shipping_item_id: None,
                    carrier: "Post".into(),
                    tracking_code: format!("T{k}"),
                },
            )),
            Step::Cancel(o) => Some((*o, OrderChange::Cancel)),
            Step::Send {
                max,
                reaches,
                answered,
                shuffle,
            } => {
                let batch = outbox::next_batch(cache.pool(), *max).await.unwrap();
                assert!(batch.len() as i64 <= *max);
                check_batch(&cache, &batch).await;
                if *reaches && !batch.is_empty() {
                    let results = send(db, s.id, &batch).await;
                    let mut back: Vec<MutationResult> = results
                        .into_iter()
                        .enumerate()
                        .filter(|(i, _)| answered & (1 << (i % 32)) != 0)
                        .map(|(_, r)| r)
                        .collect();
                    back.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(*shuffle));
                    for r in &back {
                        record(&cache, r, &mut report).await.unwrap();
                    }
                }
                None
            }
        };
        if let Some((o, change)) = change {
            let id = ids[o];
            if edit(&cache, id, change.clone()).await.is_ok() {
                if let OrderChange::AddNote { text } = change {
                    notes.entry(id).or_default().push(text);
                }
            }
            for e in outbox::entries(cache.pool()).await.unwrap() {
                queued.insert(e.mutation_id);
            }
        }
    }
    // Finally the network behaves.
    for _ in 0..1000 {
        let batch = outbox::next_batch(cache.pool(), 100).await.unwrap();
        if batch.is_empty() {
            break;
        }
        check_batch(&cache, &batch).await;
        for r in send(db, s.id, &batch).await {
            record(&cache, &r, &mut report).await.unwrap();
        }
    }

    assert!(
        outbox::entries(cache.pool()).await.unwrap().is_empty(),
        "edits still wait: {:?}",
        outbox::entries(cache.pool()).await.unwrap()
    );
    let answers: Vec<(String, String)> =
        sqlx::query_as("SELECT mutation_id, answer FROM applied_mutations WHERE store_id = ?1")
            .bind(s.id)
            .fetch_all(db)
            .await
            .unwrap();
    let on_platform: BTreeSet<String> = answers.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(
        on_platform, queued,
        "the platform saw other edits than queued"
    );
    for (id, answer) in &answers {
        let outcome: MutationOutcome = serde_json::from_str(answer).unwrap();
        assert!(
            matches!(outcome, MutationOutcome::Applied { .. }),
            "edit {id} was not applied: nothing else changed these orders"
        );
    }
    let log: Vec<(String, String)> = sqlx::query_as("SELECT mutation_id, outcome FROM edit_log")
        .fetch_all(cache.pool())
        .await
        .unwrap();
    assert_eq!(log.len(), queued.len(), "each edit logged once");
    assert!(log.iter().all(|(_, o)| o == "applied"));
    assert_eq!(
        log.iter()
            .map(|(id, _)| id.clone())
            .collect::<BTreeSet<_>>(),
        queued
    );
    for id in &ids {
        let theirs = records::get_order(db, s.id, *id).await.unwrap();
        let texts: Vec<String> = theirs
            .internal_notes
            .iter()
            .map(|n| n.text.clone())
            .collect();
        assert_eq!(
            texts,
            notes.get(id).cloned().unwrap_or_default(),
            "order {id}'s notes"
        );
        let mine: String = sqlx::query_scalar("SELECT doc FROM orders WHERE id = ?1")
            .bind(id)
            .fetch_one(cache.pool())
            .await
            .unwrap();
        let mine: pishkhan_api::Order = serde_json::from_str(&mine).unwrap();
        assert_eq!(mine, theirs, "the cache shows the platform's order {id}");
    }
    cache.close().await;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn edits_go_one_per_order_oldest_first_and_apply_once_in_order(
        seed in any::<u64>(),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        thread_local!(static FIXTURE: Fixture = Fixture::new());
        FIXTURE.with(|f| f.rt.block_on(run(f, seed, &steps)));
    }
}
