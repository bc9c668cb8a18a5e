//! `pishkhan stores [--use ID]`: a merchant with two stores switches between them; each store
//! keeps its own cache, outbox and sync state on this computer — a switch works offline and
//! erases nothing, an edit made in one store waits in that store's outbox and is sent when
//! that store is synced, and signing out counts the edits of every store.

use pishkhan_tests::{CliUser, PlatformProcess};
use reqwest::Method;
use serde_json::{json, Value};

fn status(user: &CliUser) -> Value {
    let v: Value = user.json(&["status", "--json"]);
    v["status"].clone()
}

fn waiting(user: &CliUser) -> usize {
    let outbox: Value = user.json(&["outbox", "--json"]);
    outbox["waiting"].as_array().unwrap().len()
}

fn first_order_number(user: &CliUser) -> String {
    let page: Value = user.json(&["orders", "list", "--limit", "1", "--json"]);
    page["orders"][0]["orderNumber"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn each_store_keeps_its_own_cache_outbox_and_sync_state() {
    let mut p = PlatformProcess::start(Some(20));
    let second: Value = p
        .admin(
            Method::POST,
            "/admin/merchants/1/stores",
            Some(&json!({"name": "شعبهٔ بازار"})),
        )
        .await;
    let second_id = second["id"].as_i64().unwrap();
    let _: Value = p
        .admin(
            Method::POST,
            &format!("/admin/stores/{second_id}/customers"),
            Some(&json!({"firstName": "مینا", "lastName": "رحیمی", "mobilePhone": "09121234567"})),
        )
        .await;
    let _: Value = p
        .admin(
            Method::POST,
            &format!("/admin/stores/{second_id}/orders/generate"),
            Some(&json!({"count": 7, "seed": 11})),
        )
        .await;

    let user = CliUser::new();
    user.login(&p);
    let stores: Value = user.json(&["stores", "--json"]);
    let stores = stores.as_array().unwrap().clone();
    assert_eq!(stores.len(), 2);
    assert_eq!(stores[0]["current"], true);
    assert_eq!(stores[1]["name"], "شعبهٔ بازار");
    assert_eq!(stores[1]["cached"], false);
    user.ok(&["sync"]);
    assert_eq!(status(&user)["orderCount"], 20);

    // Offline: an edit in the first store waits; switching stores needs no network.
    p.stop();
    let first_number = first_order_number(&user);
    user.ok(&["orders", "note", &first_number, "بستهٔ کادویی"]);
    assert_eq!(waiting(&user), 1);
    let said = user.ok(&["stores", "--use", &second_id.to_string()]);
    assert!(said.contains("شعبهٔ بازار"), "{said}");
    let st = status(&user);
    assert_eq!(st["storeId"], second_id);
    assert_eq!(
        st["orderCount"], 0,
        "the second store has a cache of its own"
    );
    assert_eq!(waiting(&user), 0, "and an outbox of its own");

    // Online again: syncing the second store fills its cache and leaves the first's edit alone.
    p.restart();
    user.ok(&["sync"]);
    assert_eq!(status(&user)["orderCount"], 7);
    let stores: Value = user.json(&["stores", "--json"]);
    assert!(stores
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["cached"] == true));

    // An edit here, then back to the first store: its cache and waiting edit are as left.
    let second_number = first_order_number(&user);
    p.stop();
    user.ok(&["orders", "note", &second_number, "تحویل حضوری"]);
    user.ok(&["stores", "--use", "1"]);
    assert_eq!(
        status(&user)["orderCount"],
        20,
        "switching back needs no download"
    );
    assert_eq!(waiting(&user), 1);

    // Signing out counts the waiting edits of both stores.
    let out = user.run(&["logout"]);
    assert_eq!(out.status.code(), Some(7));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2 of your edits"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The first store's sync sends only its own edit.
    p.restart();
    let said = user.ok(&["sync"]);
    assert!(said.contains("Edits: 1 applied"), "{said}");
    user.ok(&["stores", "--use", &second_id.to_string()]);
    assert_eq!(
        waiting(&user),
        1,
        "the second store's edit waits for its own sync"
    );
    let said = user.ok(&["sync"]);
    assert!(said.contains("Edits: 1 applied"), "{said}");

    // A store that is not the merchant's: refused clearly, nothing changes.
    let out = user.run(&["stores", "--use", "999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store numbered 999"));
    assert_eq!(status(&user)["storeId"], second_id);

    // Signing in again to the same account returns to the store last used, its cache kept.
    user.login(&p);
    let st = status(&user);
    assert_eq!(st["storeId"], second_id);
    assert_eq!(st["orderCount"], 7);
    user.ok(&["logout"]);
    assert_eq!(std::fs::read_dir(user.data_dir.path()).unwrap().count(), 0);
}
