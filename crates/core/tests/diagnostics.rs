//! Opt-in diagnostics against the reference platform running in-process on a loopback port
//! (real HTTP, real SQLite files): while "share diagnostics" is off nothing reaches the
//! platform although the app shows what it would send; once on, the events arrive and hold
//! none of the merchant's or the buyers' personal values; and the platform refuses anything
//! that is not a declared event.

use pishkhan_api::{
    Diagnostic, DiagnosticEvent, DiagnosticsBatch, ExportedList, SyncFailed, MAX_DIAGNOSTIC_EVENTS,
};
use pishkhan_core::{monitoring, ExportFormat, OrderQuery, Pishkhan};
use pishkhan_platform::{Platform, PlatformConfig};
use serde_json::{json, Value};

async fn platform(dir: &std::path::Path, orders: u64) -> Platform {
    let mut config = PlatformConfig::new(dir.join("platform"));
    config.demo_orders = Some(orders);
    Platform::start(config).await.expect("platform starts")
}

async fn stored(p: &Platform) -> Vec<String> {
    sqlx::query_scalar("SELECT event FROM diagnostic_events ORDER BY id")
        .fetch_all(&p.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn nothing_is_sent_until_the_merchant_turns_sharing_on_and_nothing_personal_then() {
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 40).await;
    let app = Pishkhan::new(dir.path().join("app"));
    app.login(
        &p.url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    assert!(
        !app.preferences().await.unwrap().share_diagnostics,
        "off by default"
    );

    // What the app records as it runs (the desktop app's start, an export, a submission)...
    app.record_diagnostic(monitoring::app_started());
    app.record_diagnostic(monitoring::export_made(
        ExportedList::Orders,
        ExportFormat::Xlsx,
        40,
    ));
    app.record_diagnostic(monitoring::kyc_submitted());
    let report = app.sync(&|_| {}).await.unwrap();
    assert_eq!(report.orders_upserted, 40);
    app.record_diagnostic(monitoring::sync_finished(&report));

    // ...is shown, but with sharing off a send sends nothing.
    let preview = app.diagnostics_preview();
    assert!(preview.len() >= 4, "{preview:?}");
    assert_eq!(app.send_diagnostics().await.unwrap(), 0);
    assert!(stored(&p).await.is_empty(), "sent while off");
    assert_eq!(app.diagnostics_preview(), preview, "kept until sent");

    // On: the next sync (and any send after it) delivers them, and forgets what it sent.
    let mut prefs = app.preferences().await.unwrap();
    prefs.share_diagnostics = true;
    app.set_preferences(&prefs).await.unwrap();
    app.sync(&|_| {}).await.unwrap();
    assert!(!stored(&p).await.is_empty(), "the sync itself sent them");
    assert!(
        app.diagnostics_preview().is_empty(),
        "sent events are forgotten"
    );
    assert_eq!(
        app.send_diagnostics().await.unwrap(),
        0,
        "nothing is sent twice"
    );

    let rows = stored(&p).await;
    assert!(rows.len() >= 5, "{rows:?}");
    let events: Vec<DiagnosticEvent> = rows
        .iter()
        .map(|r| serde_json::from_str(r).unwrap())
        .collect();
    for e in &preview {
        assert!(events.contains(e), "{e:?} was not sent");
    }
    for kind in [
        "app_started",
        "export_made",
        "kyc_submitted",
        "sync_finished",
    ] {
        assert!(
            rows.iter()
                .any(|r| r.contains(&format!("\"kind\":\"{kind}\""))),
            "no {kind} in {rows:?}"
        );
    }

    // Not one personal value, secret or identifier among them.
    let status = app.status().await.unwrap();
    let mut personal: Vec<String> = vec![
        pishkhan_platform::DEMO_EMAIL.into(),
        pishkhan_platform::DEMO_PASSWORD.into(),
        status.merchant_name.unwrap(),
        status.store_name.unwrap(),
    ];
    let page = app
        .orders(&OrderQuery {
            limit: Some(40),
            ..Default::default()
        })
        .await
        .unwrap();
    for o in &page.orders {
        personal.push(o.customer_name.clone());
        personal.push(o.order_number.clone());
        personal.extend(o.mobile.clone());
    }
    let text = rows.join("\n");
    for value in &personal {
        assert!(!text.contains(value.as_str()), "{value:?} was sent: {text}");
    }
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('diagnostic_events')")
            .fetch_all(&p.db)
            .await
            .unwrap();
    for column in &columns {
        assert!(
            !["merchant", "store", "session", "user", "install"]
                .iter()
                .any(|who| column.contains(who)),
            "the platform keeps the sender: {columns:?}"
        );
    }
    for event in &events {
        let wire = serde_json::to_value(event).unwrap();
        assert!(!has_key_ending_in_id(&wire), "an identifier in {wire}");
    }
    p.stop().await;
}

fn has_key_ending_in_id(v: &Value) -> bool {
    match v {
        Value::Object(o) => o
            .iter()
            .any(|(k, v)| k.ends_with("Id") || k == "id" || has_key_ending_in_id(v)),
        Value::Array(a) => a.iter().any(has_key_ending_in_id),
        _ => false,
    }
}

#[tokio::test]
async fn the_platform_takes_declared_events_only_from_a_signed_in_merchant() {
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 1).await;
    // reqwest is linked without a TLS provider of its own: the app's (ring) first.
    pishkhan_core::platform_client::ensure_tls_provider();
    let http = reqwest::Client::new();
    let url = format!("{}/api/v1/diagnostics", p.url);
    let signed_in: Value = http
        .post(format!("{}/api/v1/auth/sign-in", p.url))
        .json(&json!({"email": pishkhan_platform::DEMO_EMAIL, "password": pishkhan_platform::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = signed_in["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let post = |body: Value, token: Option<String>| {
        let mut req = http.post(&url).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move {
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            (status, resp.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let at = "2024-07-22T08:30:00Z";
    let good = json!({"events": [
        {"at": at, "event": {"kind": "sync_failed", "errorCode": "platform_unreachable"}},
        {"at": at, "event": {"kind": "kyc_submitted"}},
    ]});

    assert_eq!(post(good.clone(), None).await.0, 401);
    let (status, body) = post(good, Some(token.clone())).await;
    assert_eq!((status, &body["stored"]), (200, &json!(2)), "{body}");
    let admin: Vec<DiagnosticEvent> = http
        .get(format!("{}/admin/diagnostics", p.url))
        .header(pishkhan_api::ADMIN_TOKEN_HEADER, &p.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        admin[0].event,
        Diagnostic::SyncFailed(SyncFailed {
            error_code: "platform_unreachable".into()
        })
    );

    // A field, a kind or a value no event declares: 400, and nothing stored.
    for bad in [
        json!({"events": [{"at": at, "event": {"kind": "kyc_submitted", "email": "taraneh@example.com"}}]}),
        json!({"events": [{"at": at, "storeId": 1, "event": {"kind": "kyc_submitted"}}]}),
        json!({"events": [{"at": at, "event": {"kind": "customer_viewed", "customerId": 7}}]}),
        json!({"events": [{"at": at, "event": {"kind": "sync_failed", "errorCode": "ترانه یگانه"}}]}),
        json!({"events": [{"at": at, "event": {"kind": "app_started", "appVersion": "0.1.0", "os": "a@b.c"}}]}),
        json!({"events": [], "installId": "abc"}),
        json!({"events": []}),
    ] {
        let (status, body) = post(bad.clone(), Some(token.clone())).await;
        assert_eq!(status, 400, "{bad} → {body}");
        assert!(!body.to_string().contains("ترانه"), "{body}");
    }
    // Too many events, or too big a body: 413.
    let one = json!({"at": at, "event": {"kind": "kyc_submitted"}});
    let many = json!({"events": vec![one; MAX_DIAGNOSTIC_EVENTS + 1]});
    let (status, body) = post(many, Some(token.clone())).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("too_large")),
        "{body}"
    );
    let huge = json!({"events": [{"at": at, "event": {"kind": "sync_failed", "errorCode": "x".repeat(70_000)}}]});
    let (status, body) = post(huge, Some(token.clone())).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("too_large")),
        "{body}"
    );

    assert_eq!(stored(&p).await.len(), 2);
    // The client's own batch type is what the platform takes.
    let batch = DiagnosticsBatch {
        events: vec![DiagnosticEvent {
            at: at.parse().unwrap(),
            event: monitoring::export_made(ExportedList::Customers, ExportFormat::Csv, 3),
        }],
    };
    let (status, _) = post(serde_json::to_value(&batch).unwrap(), Some(token)).await;
    assert_eq!(status, 200);
    p.stop().await;
}
