//! Property tests of the change feed's cursors, against the reference platform's own store
//! (in-process SQLite, no HTTP): for random sequences of platform changes interleaved with
//! reads of random page sizes, a client following `nextCursor` from *any* cursor it saved
//! ends with exactly the platform's live orders and customers; cursors round-trip and are
//! refused when they belong to another store, point past the feed, or are not cursors.
//!
//! The outbox's ordering properties live next to the outbox (`src/edits/ordering_props.rs`),
//! because they drive its crate-private batch and answer functions.

use std::collections::BTreeMap;

use pishkhan_api::{Change, Customer, Order};
use pishkhan_platform::store::feed::{decode_cursor, encode_cursor};
use pishkhan_platform::store::{self, accounts, feed, records};
use proptest::prelude::*;
use sqlx::SqlitePool;

/// One step of a case: a change on the platform, a page read, or the client going back to a
/// cursor it saved earlier (as after a crash, or a restored backup of its cache).
#[derive(Debug, Clone)]
enum Step {
    EditOrder(u16),
    DeleteOrder(u16),
    EditCustomer(u16),
    DeleteCustomer(u16),
    AddOrders(u8),
    Read(u32),
    Resume(u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => any::<u16>().prop_map(Step::EditOrder),
        1 => any::<u16>().prop_map(Step::DeleteOrder),
        1 => any::<u16>().prop_map(Step::EditCustomer),
        1 => any::<u16>().prop_map(Step::DeleteCustomer),
        1 => (1u8..4).prop_map(Step::AddOrders),
        4 => (1u32..12).prop_map(Step::Read),
        1 => any::<u16>().prop_map(Step::Resume),
    ]
}

/// What a client holds: its cursor and its copy, keyed by ("o" | "c", id), as JSON.
#[derive(Debug, Clone, Default, PartialEq)]
struct Client {
    cursor: Option<String>,
    copy: BTreeMap<(char, i64), String>,
}

impl Client {
    /// Reads one page; returns whether more remain.
    async fn read(&mut self, db: &SqlitePool, store_id: i64, limit: u32) -> bool {
        let after = match &self.cursor {
            Some(c) => decode_cursor(store_id, c).expect("a cursor the platform gave"),
            None => 0,
        };
        let page = feed::read(db, store_id, after, limit).await.unwrap();
        assert!(page.changes.len() <= limit as usize);
        for change in page.changes {
            match change {
                Change::OrderUpserted { order } => {
                    self.copy
                        .insert(('o', order.id), serde_json::to_string(&order).unwrap());
                }
                Change::OrderDeleted { id } => {
                    self.copy.remove(&('o', id));
                }
                Change::CustomerUpserted { customer } => {
                    self.copy.insert(
                        ('c', customer.id),
                        serde_json::to_string(&customer).unwrap(),
                    );
                }
                Change::CustomerDeleted { id } => {
                    self.copy.remove(&('c', id));
                }
            }
        }
        self.cursor = Some(encode_cursor(store_id, page.last_seq));
        page.remaining > 0
    }

    async fn follow(&mut self, db: &SqlitePool, store_id: i64, limit: u32) {
        for _ in 0..10_000 {
            if !self.read(db, store_id, limit).await {
                return;
            }
        }
        panic!("the feed never ends");
    }
}

/// The platform's live records of a store, as a client's copy would hold them.
async fn truth(db: &SqlitePool, store_id: i64) -> BTreeMap<(char, i64), String> {
    let mut out = BTreeMap::new();
    for (table, kind) in [("orders", 'o'), ("customers", 'c')] {
        let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT id, doc FROM {table} WHERE store_id = ?1 AND deleted = 0"
        ))
        .bind(store_id)
        .fetch_all(db)
        .await
        .unwrap();
        for (id, doc) in rows {
            // Re-serialised as the feed serialises it.
            let doc = if kind == 'o' {
                serde_json::to_string(&serde_json::from_str::<Order>(&doc).unwrap())
            } else {
                serde_json::to_string(&serde_json::from_str::<Customer>(&doc).unwrap())
            };
            out.insert((kind, id), doc.unwrap());
        }
    }
    out
}

async fn live_ids(db: &SqlitePool, table: &str, store_id: i64) -> Vec<i64> {
    sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE store_id = ?1 AND deleted = 0 ORDER BY id"
    ))
    .bind(store_id)
    .fetch_all(db)
    .await
    .unwrap()
}

async fn apply(db: &SqlitePool, store_id: i64, step: &Step, n: &mut u64) {
    *n += 1;
    match step {
        Step::EditOrder(k) | Step::DeleteOrder(k) => {
            let ids = live_ids(db, "orders", store_id).await;
            if ids.is_empty() {
                return;
            }
            let id = ids[*k as usize % ids.len()];
            let mut tx = store::begin_write(db).await.unwrap();
            if let Step::DeleteOrder(_) = step {
                records::delete(&mut tx, records::RecordTable::Orders, store_id, id)
                    .await
                    .unwrap();
            } else {
                let mut o = records::get_order(db, store_id, id).await.unwrap();
                o.note = Some(format!("edit {n}"));
                records::touch_order(&mut o);
                records::put_orders(&mut tx, store_id, &[o]).await.unwrap();
            }
            tx.commit().await.unwrap();
        }
        Step::EditCustomer(k) | Step::DeleteCustomer(k) => {
            let ids = live_ids(db, "customers", store_id).await;
            if ids.len() <= 1 {
                return; // keep one, new orders need a customer
            }
            let id = ids[*k as usize % ids.len()];
            let mut tx = store::begin_write(db).await.unwrap();
            if let Step::DeleteCustomer(_) = step {
                records::delete(&mut tx, records::RecordTable::Customers, store_id, id)
                    .await
                    .unwrap();
            } else {
                let mut c = records::get_customer(db, store_id, id).await.unwrap();
                c.first_name = format!("name {n}");
                records::touch_customer(&mut c);
                records::put_customers(&mut tx, store_id, &[c])
                    .await
                    .unwrap();
            }
            tx.commit().await.unwrap();
        }
        Step::AddOrders(count) => {
            let mut customers = Vec::new();
            for id in live_ids(db, "customers", store_id).await {
                customers.push(records::get_customer(db, store_id, id).await.unwrap());
            }
            let mut generator = pishkhan_platform::demo::Generator::new(*n, chrono::Utc::now());
            let times = vec![generator.anchor(); *count as usize];
            pishkhan_platform::demo::add_orders(
                db,
                store_id,
                &mut generator,
                &customers,
                &times,
                false,
            )
            .await
            .unwrap();
        }
        Step::Read(_) | Step::Resume(_) => unreachable!(),
    }
}

/// One platform database for all cases; each case gets a store of its own, so the feed's
/// change numbers are shared with other stores, as on a real platform.
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
            let db = store::open(dir.path()).await.unwrap();
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

    fn new_store(&self, orders: u64, seed: u64) -> i64 {
        self.rt.block_on(async {
            let s = accounts::create_store(&self.db, self.merchant_id, "store")
                .await
                .unwrap();
            let mut generator = pishkhan_platform::demo::Generator::new(seed, chrono::Utc::now());
            pishkhan_platform::demo::seed_store(&self.db, s.id, &mut generator, 4, orders)
                .await
                .unwrap();
            s.id
        })
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Following cursors from any saved cursor reaches exactly the platform's state.
    #[test]
    fn following_cursors_from_any_saved_cursor_reaches_the_platforms_state(
        orders in 0u64..12,
        seed in any::<u64>(),
        steps in prop::collection::vec(step(), 1..40),
        final_page in 1u32..8,
    ) {
        thread_local!(static FIXTURE: Fixture = Fixture::new());
        FIXTURE.with(|f| {
            let store_id = f.new_store(orders, seed);
            f.rt.block_on(async {
                let db = &f.db;
                let mut client = Client::default();
                let mut saved = vec![client.clone()];
                let mut n = 0;
                for s in &steps {
                    match s {
                        Step::Read(limit) => {
                            client.read(db, store_id, *limit).await;
                            saved.push(client.clone());
                        }
                        Step::Resume(k) => client = saved[*k as usize % saved.len()].clone(),
                        other => apply(db, store_id, other, &mut n).await,
                    }
                }
                let truth = truth(db, store_id).await;
                client.follow(db, store_id, final_page).await;
                assert_eq!(client.copy, truth, "the client that went through the steps");
                for (k, mut from) in saved.into_iter().enumerate() {
                    from.follow(db, store_id, final_page).await;
                    assert_eq!(from.copy, truth, "a client resuming from saved cursor {k}");
                }
                // At the end of the feed a read brings nothing and keeps the cursor.
                let end = client.cursor.clone();
                assert!(!client.read(db, store_id, 5).await);
                assert_eq!(client.cursor, end);
            });
        });
    }

    #[test]
    fn cursors_round_trip_and_belong_to_their_store(store_id in 1i64..1_000_000, seq in 0i64..i64::MAX, other in 1i64..1_000_000) {
        let c = encode_cursor(store_id, seq);
        prop_assert_eq!(decode_cursor(store_id, &c).ok(), Some(seq));
        if other != store_id {
            prop_assert!(decode_cursor(other, &c).is_err());
        }
    }

    /// Anything that is not a cursor the platform made is refused, never misread: a string
    /// is accepted only when it is exactly (up to surrounding blanks) the cursor the platform
    /// issues for what it decodes to. (Cursors are not signed: a tampered digit still makes
    /// another well-formed cursor of the same store; the feed refuses those past its end.)
    #[test]
    fn tampered_cursors_are_refused_or_are_well_formed(
        seq in 0i64..1_000_000,
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        junk in ".{0,40}",
    ) {
        let c = encode_cursor(7, seq);
        let mut bytes = c.clone().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let tampered = String::from_utf8_lossy(&bytes).into_owned();
        for candidate in [tampered, junk] {
            if let Ok(q) = decode_cursor(7, &candidate) {
                prop_assert!(q >= 0);
                prop_assert_eq!(candidate.trim(), encode_cursor(7, q));
            }
        }
    }
}

/// A cursor past the feed's last change comes from another database and is refused.
#[test]
fn cursors_past_the_end_of_the_feed_are_refused() {
    let f = Fixture::new();
    let store_id = f.new_store(3, 1);
    f.rt.block_on(async {
        let newest: i64 = sqlx::query_scalar("SELECT value FROM change_counter WHERE id = 1")
            .fetch_one(&f.db)
            .await
            .unwrap();
        assert!(feed::read(&f.db, store_id, newest, 10).await.is_ok());
        for past in [newest + 1, newest + 1000, i64::MAX] {
            assert!(feed::read(&f.db, store_id, past, 10).await.is_err());
        }
    });
}
