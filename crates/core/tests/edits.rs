//! Offline edits against the reference platform on loopback: edits apply to the cache at once,
//! wait in the outbox, and reach the platform exactly once; conflicts, merges, rejections and
//! rollbacks behave as the merchant is told.

use pishkhan_api::{
    Mutation, MutationBatch, MutationOutcome, Order, OrderChange, OrderField, OrderStatus,
    ShippingItemStatus,
};
use pishkhan_core::{EntryState, Pishkhan};
use pishkhan_platform::{Platform, PlatformConfig};
use serde_json::json;

struct World {
    app: Pishkhan,
    p: Platform,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl World {
    async fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let mut config = PlatformConfig::new(dir.path().join("platform"));
        config.demo_orders = Some(300);
        let p = Platform::start(config).await.unwrap();
        let app = Pishkhan::new(dir.path().join("app"));
        app.login(
            &p.url,
            pishkhan_platform::DEMO_EMAIL,
            pishkhan_platform::DEMO_PASSWORD,
        )
        .await
        .unwrap();
        app.sync(&|_| {}).await.unwrap();
        World {
            app,
            p,
            http: {
                // reqwest is linked without a TLS provider of its own: the app's (ring) first.
                pishkhan_core::platform_client::ensure_tls_provider();
                reqwest::Client::new()
            },
            _dir: dir,
        }
    }

    async fn admin(
        &self,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let resp = self
            .http
            .request(method, format!("{}/admin{path}", self.p.url))
            .header(pishkhan_api::ADMIN_TOKEN_HEADER, &self.p.admin_token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{path}: {}", resp.status());
        resp.json().await.unwrap_or(serde_json::Value::Null)
    }

    async fn platform_order(&self, id: i64) -> Order {
        pishkhan_platform::store::records::get_order(&self.p.db, 1, id)
            .await
            .unwrap()
    }

    async fn cached(&self, id: i64) -> Order {
        self.app.order_detail(id).await.unwrap().order
    }

    /// An order of the given status (the platform's web panel puts one there if none is).
    async fn order_in(&self, status: OrderStatus) -> Order {
        let q = |s| pishkhan_core::OrderQuery {
            status: Some(s),
            limit: Some(5),
            ..Default::default()
        };
        let page = self.app.orders(&q(status)).await.unwrap();
        if let Some(o) = page.orders.first() {
            return self.cached(o.id).await;
        }
        let delivered = self.app.orders(&q(OrderStatus::Delivered)).await.unwrap();
        let id = delivered.orders[0].id;
        self.admin(
            reqwest::Method::PATCH,
            &format!("/stores/1/orders/{id}"),
            json!({ "status": status }),
        )
        .await;
        self.app.sync(&|_| {}).await.unwrap();
        self.cached(id).await
    }

    async fn same_as_platform(&self) {
        let platform = pishkhan_platform::store::records::checksum(&self.p.db, 1)
            .await
            .unwrap();
        assert_eq!(
            self.app.checksum().await.unwrap(),
            platform,
            "the cache equals the platform"
        );
    }
}

#[tokio::test]
async fn an_offline_edit_waits_then_arrives_exactly_once() {
    let w = World::new().await;
    let o = w.order_in(OrderStatus::Processing).await;
    // Offline: the platform is away, the edit still applies to the cache and waits.
    let url = w.p.url.clone();
    let edited = w
        .app
        .ship_order(o.id, None, "پست", "۱۲۳۴۵۶۷۸۹۰")
        .await
        .unwrap();
    assert_eq!(edited.status, OrderStatus::Shipped);
    assert!(
        edited
            .invoice
            .shipping_items
            .iter()
            .all(|s| s.status == ShippingItemStatus::Shipped
                && s.tracking_code.as_deref() == Some("1234567890")),
        "tracking code in ASCII digits"
    );
    assert_eq!(
        w.cached(o.id).await.status,
        OrderStatus::Shipped,
        "the list shows it at once"
    );
    w.app.add_order_note(o.id, "بسته‌بندی دوبل").await.unwrap();
    let waiting = w.app.outbox().await.unwrap();
    assert_eq!(waiting.len(), 2);
    assert_eq!(
        w.platform_order(o.id).await.status,
        OrderStatus::Processing,
        "not sent yet"
    );

    let report = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!(
        (report.pushed, report.conflicts, report.rejected),
        (2, 0, 0)
    );
    let on_platform = w.platform_order(o.id).await;
    assert_eq!(on_platform.status, OrderStatus::Shipped);
    assert_eq!(on_platform.version, o.version + 2, "each edit applied once");
    assert_eq!(
        on_platform.internal_notes.last().unwrap().text,
        "بسته‌بندی دوبل"
    );
    assert!(w.app.outbox().await.unwrap().is_empty());
    w.same_as_platform().await;

    // A lost answer: the same mutation sent again changes nothing and gets the same answer.
    let client = pishkhan_core::platform_client::PlatformClient::new(&url).unwrap();
    let session: pishkhan_core::secrets::Secrets = serde_json::from_str(
        &pishkhan_core::secrets::keychain::read(w.app.data_dir())
            .unwrap()
            .expect("the keychain holds the tokens"),
    )
    .unwrap();
    let m = Mutation {
        id: "retry-test-0001".into(),
        order_id: o.id,
        base_version: on_platform.version,
        change: OrderChange::SetStatus {
            status: OrderStatus::Delivered,
        },
    };
    let batch = MutationBatch { mutations: vec![m] };
    let first = client
        .mutations(&session.access_token, 1, &batch)
        .await
        .unwrap();
    let again = client
        .mutations(&session.access_token, 1, &batch)
        .await
        .unwrap();
    let produced = Some(on_platform.version + 1);
    assert_eq!(
        first.results[0].outcome,
        MutationOutcome::Applied { version: produced }
    );
    assert_eq!(
        again.results[0].outcome,
        MutationOutcome::Applied { version: produced },
        "the first answer, again"
    );
    assert_eq!(
        w.platform_order(o.id).await.version,
        on_platform.version + 1,
        "applied once"
    );
    w.p.stop().await;
}

#[tokio::test]
async fn the_workflow_refuses_locally_what_the_platform_would_refuse() {
    let w = World::new().await;
    let o = w.order_in(OrderStatus::Delivered).await;
    let err = w
        .app
        .set_order_status(o.id, OrderStatus::Processing)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "edit_refused");
    assert!(
        err.message_en().contains("refunded"),
        "says what is possible: {}",
        err.message_en()
    );
    assert!(err.message_fa().contains("مرجوع"), "{}", err.message_fa());
    let err = w.app.add_order_note(o.id, "   ").await.unwrap_err();
    assert_eq!(err.code(), "edit_refused");
    let err = w
        .app
        .ship_order(o.id, None, "پست", "123")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "edit_refused");
    assert!(
        w.app.outbox().await.unwrap().is_empty(),
        "nothing refused is queued"
    );
    assert_eq!(w.cached(o.id).await, o, "and the cache is unchanged");
    w.p.stop().await;
}

#[tokio::test]
async fn same_field_conflicts_different_fields_merge() {
    let w = World::new().await;
    let a = w.order_in(OrderStatus::Processing).await;
    let pending = w.order_in(OrderStatus::PendingPayment).await;

    // Same field: the merchant cancels `a` here while the platform ships it.
    w.app.cancel_order(a.id).await.unwrap();
    w.admin(
        reqwest::Method::PATCH,
        &format!("/stores/1/orders/{}", a.id),
        json!({"status": "shipped"}),
    )
    .await;
    // Different fields: a note here, a status change there.
    w.app
        .add_order_note(pending.id, "تماس گرفته شد")
        .await
        .unwrap();
    w.admin(
        reqwest::Method::PATCH,
        &format!("/stores/1/orders/{}", pending.id),
        json!({"status": "processing"}),
    )
    .await;

    let report = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!((report.pushed, report.conflicts), (1, 1));
    let merged = w.platform_order(pending.id).await;
    assert_eq!(merged.status, OrderStatus::Processing);
    assert_eq!(merged.internal_notes.last().unwrap().text, "تماس گرفته شد");

    let waiting = w.app.outbox().await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].state, EntryState::Conflict);
    assert_eq!(waiting[0].conflict_fields, vec![OrderField::Status]);
    // The cancel cannot sit on top of a shipped order: the view shows the platform's state
    // while the edit waits for the merchant's decision.
    assert_eq!(w.cached(a.id).await.status, OrderStatus::Shipped);
    // A second sync does not resend an edit waiting for a decision.
    let again = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!((again.pushed, again.conflicts, again.rejected), (0, 0, 0));

    // Take the platform's version: the order shows shipped, nothing waits, all equal.
    w.app
        .take_platform_version(&waiting[0].mutation_id)
        .await
        .unwrap();
    assert_eq!(w.cached(a.id).await.status, OrderStatus::Shipped);
    assert!(w.app.outbox().await.unwrap().is_empty());
    w.same_as_platform().await;
    w.p.stop().await;
}

#[tokio::test]
async fn keeping_mine_resends_and_a_rejection_rolls_back_with_the_reason() {
    let w = World::new().await;
    let a = w.order_in(OrderStatus::Processing).await;
    w.app.cancel_order(a.id).await.unwrap();
    w.admin(
        reqwest::Method::PATCH,
        &format!("/stores/1/orders/{}", a.id),
        json!({"status": "shipped"}),
    )
    .await;
    w.app.sync(&|_| {}).await.unwrap();
    let conflict = w.app.outbox().await.unwrap().remove(0);
    // Keep mine: re-sent over the shipped version, which cannot be cancelled: rejected.
    w.app.keep_my_edit(&conflict.mutation_id).await.unwrap();
    let report = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!(report.rejected, 1);
    assert_eq!(
        w.cached(a.id).await.status,
        OrderStatus::Shipped,
        "rolled back to the platform's state"
    );
    let rejected = w.app.rejected_edits().await.unwrap();
    assert_eq!(rejected[0].code, "transition_not_allowed");
    assert!(!rejected[0].message_fa.is_empty());
    w.same_as_platform().await;

    // A keep-mine that the platform can apply: a processing order cancelled here while the
    // platform only edited its status back and forth.
    let b = w.order_in(OrderStatus::Processing).await;
    w.app.cancel_order(b.id).await.unwrap();
    w.admin(
        reqwest::Method::PATCH,
        &format!("/stores/1/orders/{}", b.id),
        json!({"status": "processing"}),
    )
    .await;
    w.admin(
        reqwest::Method::PATCH,
        &format!("/stores/1/orders/{}", b.id),
        json!({"status": "pending_payment"}),
    )
    .await;
    w.app.sync(&|_| {}).await.unwrap();
    let c = w.app.outbox().await.unwrap().remove(0);
    assert_eq!(c.state, EntryState::Conflict);
    w.app.keep_my_edit(&c.mutation_id).await.unwrap();
    let report = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!(report.pushed, 1);
    assert_eq!(w.platform_order(b.id).await.status, OrderStatus::Cancelled);
    w.same_as_platform().await;
    w.p.stop().await;
}

#[tokio::test]
async fn a_pulled_change_keeps_waiting_edits_on_top_and_signing_out_protects_them() {
    let w = World::new().await;
    let a = w.order_in(OrderStatus::PendingPayment).await;
    w.app
        .set_order_status(a.id, OrderStatus::Processing)
        .await
        .unwrap();
    w.app.add_order_note(a.id, "یادداشت اول").await.unwrap();
    // The platform changes another part of the order. Sync pulls it first (the view keeps
    // the local edits on top), then pushes both edits.
    w.admin(
        reqwest::Method::PATCH,
        &format!("/stores/1/orders/{}", a.id),
        json!({"note": "از طرف خریدار"}),
    )
    .await;
    let err = w.app.logout(false).await.unwrap_err();
    assert_eq!(err.code(), "edits_waiting");
    // Signing in to another store would erase this cache: refused while edits wait.
    let other = w.p.url.replace("127.0.0.1", "localhost");
    let err = w
        .app
        .login(
            &other,
            pishkhan_platform::DEMO_EMAIL,
            pishkhan_platform::DEMO_PASSWORD,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "edits_waiting");
    assert_eq!(w.app.outbox().await.unwrap().len(), 2, "nothing lost");
    let report = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!(report.pushed, 2);
    let on_platform = w.platform_order(a.id).await;
    assert_eq!(on_platform.status, OrderStatus::Processing);
    assert_eq!(on_platform.note.as_deref(), Some("از طرف خریدار"));
    assert_eq!(on_platform.internal_notes.len(), 1);
    w.same_as_platform().await;
    w.app.logout(false).await.unwrap();
    w.p.stop().await;
}

#[tokio::test]
async fn new_orders_queue_store_notifications_and_are_reported_by_sync() {
    let w = World::new().await;
    w.admin(
        reqwest::Method::POST,
        "/stores/1/orders/generate",
        json!({"count": 2, "seed": 7}),
    )
    .await;
    w.admin(
        reqwest::Method::PATCH,
        "/stores/1/settings",
        json!({"smsOnNewOrder": true}),
    )
    .await;
    w.admin(
        reqwest::Method::POST,
        "/stores/1/orders/generate",
        json!({"count": 1, "seed": 8}),
    )
    .await;
    let n = w
        .admin(
            reqwest::Method::GET,
            "/stores/1/notifications",
            serde_json::Value::Null,
        )
        .await;
    let n = n.as_array().unwrap();
    let channels: Vec<&str> = n.iter().map(|x| x["channel"].as_str().unwrap()).collect();
    assert_eq!(
        channels,
        ["email", "email", "email", "sms"],
        "email always, SMS once turned on"
    );
    assert_eq!(n[0]["recipient"], pishkhan_platform::DEMO_EMAIL);
    assert_eq!(n[3]["recipient"], "+989121234567");
    assert!(n
        .iter()
        .all(|x| x["body"].as_str().unwrap().contains("تومان")));
    let report = w.app.sync(&|_| {}).await.unwrap();
    assert_eq!(report.new_order_count, 3, "only orders new to this cache");
    assert_eq!(report.new_orders.len(), 3);
    w.p.stop().await;
}
