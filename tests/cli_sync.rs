//! The `pishkhan` CLI against the real platform: first sync, incremental sync with creations,
//! edits and deletions, the content checksum on both sides, and clear errors for bad input.

use pishkhan_api::{
    ContentChecksum, CustomerPatch, GeneratedOrders, Order, OrderPatch, OrderStatus,
};
use pishkhan_tests::{CliUser, PlatformProcess};
use reqwest::Method;
use serde_json::{json, Value};

fn cache_checksum(user: &CliUser) -> ContentChecksum {
    let v: Value = user.json(&["status", "--checksum", "--json"]);
    serde_json::from_value(v["checksum"].clone()).unwrap()
}

fn report(user: &CliUser) -> Value {
    user.json(&["sync", "--json"])
}

#[tokio::test]
async fn first_sync_then_incremental_sync_reflect_exactly_the_platforms_changes() {
    let p = PlatformProcess::start(Some(300));
    let user = CliUser::new();
    user.login(&p);

    let first = report(&user);
    assert_eq!(first["ordersUpserted"], 300);
    assert_eq!(first["customersUpserted"], 100);
    assert_eq!(cache_checksum(&user), p.checksum(1).await);

    // Nothing changed: nothing arrives.
    let idle = report(&user);
    assert_eq!(idle["ordersUpserted"], 0);
    assert_eq!(idle["ordersDeleted"], 0);

    // On the platform: 10 new orders (9 generated, 1 placed by hand), 5 edited, 3 deleted,
    // and a customer renamed.
    let generated: GeneratedOrders = p
        .admin(
            Method::POST,
            "/admin/stores/1/orders/generate",
            Some(&json!({"count": 9, "seed": 5})),
        )
        .await;
    assert_eq!(generated.order_ids.len(), 9);
    let placed: Order = p
        .admin(
            Method::POST,
            "/admin/stores/1/orders",
            Some(&json!({
                "customerId": 1,
                "items": [{"productVariantId": 101, "name": "تی‌شرت نخی", "singleItemPrice": 3900000, "noOfItems": 2}],
                "shippingRate": {"id": 1, "name": "پست پیشتاز", "price": 650000, "type": "post"},
                "shippingAddress": {"firstName": "كيان", "lastName": "يزداني", "mobilePhone": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
                    "region": "تهران", "city": "تهران", "postalCode": "3354355599"},
                "vatPercent": 10
            })),
        )
        .await;
    assert_eq!(placed.invoice.net_total, 7_800_000);
    assert_eq!(placed.invoice.final_total, 7_800_000 + 650_000 + 780_000);
    assert_eq!(
        placed.shipping_address.mobile_phone.as_deref(),
        Some("+989123456789")
    );
    for id in [1, 2, 3, 4, 5] {
        let patch = OrderPatch {
            status: Some(OrderStatus::Cancelled),
            note: Some("لغو به درخواست مشتری".into()),
            ..Default::default()
        };
        let _: Order = p
            .admin(
                Method::PATCH,
                &format!("/admin/stores/1/orders/{id}"),
                Some(&patch),
            )
            .await;
    }
    for id in [10, 11, 12] {
        let resp = p
            .admin_raw::<()>(
                Method::DELETE,
                &format!("/admin/stores/1/orders/{id}"),
                None,
            )
            .await;
        assert_eq!(resp.status(), 204);
    }
    let rename = CustomerPatch {
        first_name: Some("نیلوفر".into()),
        ..Default::default()
    };
    let _: Value = p
        .admin(Method::PATCH, "/admin/stores/1/customers/2", Some(&rename))
        .await;

    let second = report(&user);
    assert_eq!(second["ordersUpserted"], 15, "{second}");
    assert_eq!(second["ordersDeleted"], 3, "{second}");
    assert_eq!(second["customersUpserted"], 1, "{second}");
    let sum = cache_checksum(&user);
    assert_eq!(sum, p.checksum(1).await);
    assert_eq!(sum.orders, 307);

    // The edits are in the cache, the deletions are gone.
    let shown: Order = user.json(&["orders", "show", &placed.order_number, "--json"]);
    assert_eq!(shown, placed);
    let cancelled: Value = user.json(&[
        "orders",
        "list",
        "--status",
        "cancelled",
        "--limit",
        "500",
        "--json",
    ]);
    let numbers: Vec<i64> = cancelled["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    for id in 1..=5 {
        assert!(
            numbers.contains(&id),
            "order {id} should be cancelled in the cache"
        );
    }
    let deleted_number = (100_000 + 10).to_string();
    let missing = user.run(&["orders", "show", &deleted_number]);
    assert_eq!(missing.status.code(), Some(6));

    // Search normalises Arabic letters and Persian digits, on both sides.
    let by_name: Value = user.json(&["orders", "list", "--search", "کیان یزدانی", "--json"]);
    assert_eq!(by_name["orders"][0]["orderNumber"], placed.order_number);
    let by_mobile: Value = user.json(&["orders", "list", "--search", "۰۹۱۲۳۴۵۶۷۸۹", "--json"]);
    assert_eq!(by_mobile["orders"][0]["orderNumber"], placed.order_number);
    let customers: Value = user.json(&["customers", "list", "--search", "نیلوفر", "--json"]);
    assert!(customers["customers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == 2));

    // Signing out erases the session and the cache from the data folder.
    user.ok(&["logout"]);
    let left: Vec<String> = std::fs::read_dir(user.data_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left behind after logout: {left:?}");
}

#[tokio::test]
async fn the_orders_list_pages_by_keyset_without_gaps_or_repeats() {
    let p = PlatformProcess::start(Some(250));
    let user = CliUser::new();
    user.login(&p);
    user.ok(&["sync"]);
    let all: Value = user.json(&["orders", "list", "--limit", "500", "--json"]);
    assert_eq!(all["orders"].as_array().unwrap().len(), 250);
    assert_eq!(all["total"], 250);
    assert!(all["nextAfter"].is_null());

    // Page through 37 at a time: the pages join into exactly the one long list.
    let mut paged: Vec<Value> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let mut args = vec!["orders", "list", "--limit", "37", "--json"];
        if let Some(a) = after.as_deref() {
            args.extend(["--after", a]);
        }
        let page: Value = user.json(&args);
        assert_eq!(page["total"], 250);
        paged.extend(page["orders"].as_array().unwrap().iter().cloned());
        match page["nextAfter"].as_str() {
            Some(a) => after = Some(a.to_string()),
            None => break,
        }
        assert!(paged.len() <= 250, "pages repeat orders");
    }
    assert_eq!(&paged, all["orders"].as_array().unwrap());
    let keys: Vec<(String, i64)> = paged
        .iter()
        .map(|o| {
            (
                o["createdAt"].as_str().unwrap().to_string(),
                o["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "newest first");

    // A position the app never produced is refused clearly.
    let bad = user.run(&["orders", "list", "--after", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn errors_are_clear_sentences_with_meaningful_exit_codes() {
    let user = CliUser::new();

    let not_signed_in = user.run(&["orders", "list"]);
    assert_eq!(not_signed_in.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&not_signed_in.stderr);
    assert!(
        stderr.contains("not signed in") && stderr.contains("وارد حساب نشده‌اید"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));

    // Nothing listens on port 9 of loopback (discard).
    let unreachable = user.run(&[
        "login",
        "--platform",
        "http://127.0.0.1:9",
        "--email",
        "a@b.c",
        "--password",
        "x",
    ]);
    assert_eq!(unreachable.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&unreachable.stderr).contains("cannot reach the platform"));

    let bad_url = user.run(&[
        "login",
        "--platform",
        "not a url",
        "--email",
        "a@b.c",
        "--password",
        "x",
    ]);
    assert_eq!(bad_url.status.code(), Some(2));

    let p = PlatformProcess::start(Some(10));
    let wrong = user.run(&[
        "login",
        "--platform",
        &p.url,
        "--email",
        "demo@pishkhan.example",
        "--password",
        "nope",
    ]);
    assert_eq!(wrong.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("email or password is wrong"));

    user.login(&p);
    user.ok(&["sync"]);
    let bad_status = user.run(&["orders", "list", "--status", "lost"]);
    assert_eq!(bad_status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_status.stderr).contains("unknown status"));
    let unknown = user.run(&["orders", "show", "999999"]);
    assert_eq!(unknown.status.code(), Some(6));

    // The platform goes away: sync says so, and the cache stays readable.
    drop(p);
    let offline = user.run(&["sync"]);
    assert_eq!(offline.status.code(), Some(4));
    let list: Value = user.json(&["orders", "list", "--json"]);
    assert_eq!(list["total"], 10);
}

/// The first order the CLI lists with this status.
fn first_with_status(user: &CliUser, status: &str) -> Value {
    let list: Value = user.json(&[
        "orders", "list", "--status", status, "--limit", "1", "--json",
    ]);
    list["orders"][0].clone()
}

/// `pishkhan-platform serve` on a fixed loopback port and data folder, so it can be stopped
/// and started again where the app expects it. Killed on drop.
struct FixedPlatform(std::process::Child);

impl FixedPlatform {
    fn start(dir: &std::path::Path, port: u16, demo_orders: Option<u64>) -> FixedPlatform {
        use std::io::BufRead;
        let mut cmd = std::process::Command::new(pishkhan_tests::bin("pishkhan-platform"));
        cmd.args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--admin-token",
            pishkhan_tests::ADMIN_TOKEN,
        ])
        .arg("--data-dir")
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
        if let Some(n) = demo_orders {
            cmd.args(["--demo-orders", &n.to_string()]);
        }
        let mut child = cmd.spawn().unwrap();
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert!(first.starts_with("http://127.0.0.1:"), "{first}");
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        FixedPlatform(child)
    }
}

impl Drop for FixedPlatform {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn platform_order(url: &str, id: i64) -> Order {
    pishkhan_tests::http_client()
        .get(format!("{url}/admin/stores/1/orders/{id}"))
        .header("x-admin-token", pishkhan_tests::ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn edits_made_offline_reach_the_platform_with_the_next_sync() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let platform = FixedPlatform::start(dir.path(), port, Some(200));
    let user = CliUser::new();
    user.ok(&[
        "login",
        "--platform",
        &url,
        "--email",
        pishkhan_platform_email(),
        "--password",
        "demo1234",
    ]);
    user.ok(&["sync"]);
    let order = first_with_status(&user, "processing");
    let number = order["orderNumber"].as_str().unwrap().to_string();
    let id = order["id"].as_i64().unwrap();
    let shown: Value = user.json(&["orders", "show", &number, "--json"]);
    let version = shown["version"].as_i64().unwrap();

    // Offline: the platform is away, yet the edits apply here and wait in the outbox.
    drop(platform);
    let said = user.ok(&[
        "orders",
        "ship",
        &number,
        "--carrier",
        "تیپاکس",
        "--tracking",
        "۹۸۷۶۵۴۳۲۱",
    ]);
    assert!(said.contains("now shipped"), "{said}");
    user.ok(&["orders", "note", &number, "با احتیاط حمل شود"]);
    let refused = user.run(&["orders", "set-status", &number, "pending_payment"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a transition the platform would refuse"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cannot become pending_payment"));
    let shown: Value = user.json(&["orders", "show", &number, "--json"]);
    assert_eq!(
        shown["status"], "shipped",
        "the cache shows the edit at once"
    );
    let offline = user.run(&["sync"]);
    assert_eq!(offline.status.code(), Some(4));
    let outbox: Value = user.json(&["outbox", "--json"]);
    assert_eq!(
        outbox["waiting"].as_array().unwrap().len(),
        2,
        "nothing lost"
    );
    let text = user.ok(&["outbox"]);
    assert!(
        text.contains("ship with تیپاکس, tracking 987654321"),
        "{text}"
    );

    // Back online: one sync delivers both edits, each once.
    let _platform = FixedPlatform::start(dir.path(), port, None);
    let said = user.ok(&["sync"]);
    assert!(
        said.contains("Edits: 2 applied by the platform, 0 in conflict, 0 rejected"),
        "{said}"
    );
    let on_platform = platform_order(&url, id).await;
    assert_eq!(on_platform.status, OrderStatus::Shipped);
    assert_eq!(on_platform.version, version + 2);
    assert!(on_platform
        .invoice
        .shipping_items
        .iter()
        .all(|s| s.tracking_code.as_deref() == Some("987654321")));
    assert_eq!(on_platform.internal_notes.len(), 1);
    let outbox: Value = user.json(&["outbox", "--json"]);
    assert!(outbox["waiting"].as_array().unwrap().is_empty());
    // A second sync sends nothing again.
    let said = user.ok(&["sync"]);
    assert!(said.contains("Edits: 0 applied"), "{said}");
    assert_eq!(platform_order(&url, id).await.version, version + 2);
}

fn pishkhan_platform_email() -> &'static str {
    "demo@pishkhan.example"
}

#[test]
fn a_closed_pipe_ends_the_cli_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let p = PlatformProcess::start(Some(300));
    let user = CliUser::new();
    user.login(&p);
    user.ok(&["sync"]);
    // Like `pishkhan orders list --json | head -c 10`: the reader goes away early, with far
    // more than a pipe buffer still to write.
    let mut child = Command::new(pishkhan_tests::bin("pishkhan"))
        .args(["--data-dir"])
        .arg(user.data_dir.path())
        .args(["orders", "list", "--limit", "300", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
}
