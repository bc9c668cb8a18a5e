//! The store's notification settings from the app's side: an email for every order is always
//! on; SMS on a new order is the owner's switch. Flipped here, it reaches the platform (at once,
//! or — made while the platform is down — with the next sync), and the platform's notification
//! outbox then holds an SMS for a new order only while the switch is on.

use pishkhan_api::NotificationChannel;
use pishkhan_tests::{CliUser, PlatformProcess};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn sms_on_new_order_follows_the_switch_set_from_the_app_even_offline() {
    let mut p = PlatformProcess::start(Some(10));
    let user = CliUser::new();
    user.login(&p);
    let s: Value = user.json(&["settings", "get", "--json"]);
    assert_eq!(s["emailOnNewOrder"], true);
    assert_eq!(s["smsOnNewOrder"], false);
    assert_eq!(s["pending"], false);
    assert_eq!(
        p.channels_of_a_new_order(1).await,
        vec![NotificationChannel::Email]
    );

    // On, from the app: the next order also texts the owner.
    let s: Value = user.json(&["settings", "set", "sms-on-new-order", "on", "--json"]);
    assert_eq!(
        (s["smsOnNewOrder"].clone(), s["pending"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(
        p.channels_of_a_new_order(2).await,
        vec![NotificationChannel::Email, NotificationChannel::Sms]
    );

    // Off while the platform is down: kept here, waiting; still on over there meanwhile.
    p.stop();
    let s: Value = user.json(&["settings", "set", "sms-on-new-order", "off", "--json"]);
    assert_eq!(
        (s["smsOnNewOrder"].clone(), s["pending"].clone()),
        (json!(false), json!(true))
    );
    assert!(s["lastError"]["code"].as_str().is_some(), "{s:#}");
    // Signing out now would lose it: refused like waiting edits.
    assert_eq!(user.run(&["logout"]).status.code(), Some(7));
    p.restart();
    let waiting = user.ok(&["settings", "get"]);
    assert!(
        waiting.contains("waiting to reach the platform"),
        "{waiting}"
    );
    user.ok(&["sync"]);
    let s: Value = user.json(&["settings", "get", "--json"]);
    assert_eq!(
        (s["smsOnNewOrder"].clone(), s["pending"].clone()),
        (json!(false), json!(false))
    );
    assert_eq!(
        p.channels_of_a_new_order(3).await,
        vec![NotificationChannel::Email]
    );

    // Changed elsewhere (the platform's web panel): the next sync brings it here.
    let _: Value = p
        .admin_raw(
            Method::PATCH,
            "/admin/stores/1/settings",
            Some(&json!({"smsOnNewOrder": true})),
        )
        .await
        .json()
        .await
        .unwrap_or(Value::Null);
    user.ok(&["sync"]);
    let s: Value = user.json(&["settings", "get", "--json"]);
    assert_eq!(s["smsOnNewOrder"], true);

    // An app cannot point the store's SMS at another number.
    let token = p.merchant_token("demo@pishkhan.example", "demo1234").await;
    let resp = p
        .http()
        .patch(format!("{}/api/v1/stores/1/settings", p.url))
        .bearer_auth(token)
        .json(&json!({"ownerMobile": "09350000000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);

    // Mistakes are explained.
    let out = user.run(&["settings", "set", "sms-on-new-order", "maybe"]);
    assert_eq!(out.status.code(), Some(2));
    let out = user.run(&["settings", "set", "email-on-new-order", "off"]);
    assert_eq!(out.status.code(), Some(2));
}
