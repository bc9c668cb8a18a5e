//! The reference platform over HTTP: sign-in and sessions, error bodies, the admin token, and
//! the change feed's promise that a client following cursors misses nothing.

use std::collections::BTreeMap;

use pishkhan_api::{
    ApiError, Change, ChangePage, Order, OrderPatch, OrderStatus, SessionInfo, SignInResponse,
};
use pishkhan_tests::PlatformProcess;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn sign_in(p: &PlatformProcess, password: &str) -> reqwest::Response {
    p.http()
        .post(format!("{}/api/v1/auth/sign-in", p.url))
        .header("user-agent", "PishkhanTest/1.0")
        .json(&json!({"email": "demo@pishkhan.example", "password": password, "deviceName": "test-laptop"}))
        .send()
        .await
        .unwrap()
}

async fn token(p: &PlatformProcess) -> String {
    let resp = sign_in(p, "demo1234").await;
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json::<SignInResponse>()
        .await
        .unwrap()
        .tokens
        .access_token
}

async fn feed(p: &PlatformProcess, token: &str, cursor: Option<&str>, limit: u32) -> ChangePage {
    let mut url = format!("{}/api/v1/stores/1/changes?limit={limit}", p.url);
    if let Some(c) = cursor {
        url.push_str(&format!("&cursor={c}"));
    }
    let resp = p.http().get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn sign_in_records_the_session_and_refuses_a_wrong_password() {
    let p = PlatformProcess::start(Some(10));

    let wrong = sign_in(&p, "not-the-password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let body: ApiError = wrong.json().await.unwrap();
    assert_eq!(body.code, "wrong_credentials");
    assert_eq!(body.status, 401);

    let ok: SignInResponse = sign_in(&p, "demo1234").await.json().await.unwrap();
    assert_eq!(ok.stores.len(), 1);
    let sessions: Vec<SessionInfo> = p
        .http()
        .get(format!("{}/api/v1/sessions", p.url))
        .bearer_auth(&ok.tokens.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].current);
    assert_eq!(sessions[0].user_agent.as_deref(), Some("PishkhanTest/1.0"));
    assert_eq!(sessions[0].device_name.as_deref(), Some("test-laptop"));

    // Refresh rotates: the new pair works, the old refresh token no longer does.
    let refreshed = p
        .http()
        .post(format!("{}/api/v1/auth/refresh", p.url))
        .json(&json!({"refreshToken": ok.tokens.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), StatusCode::OK);
    let again = p
        .http()
        .post(format!("{}/api/v1/auth/refresh", p.url))
        .json(&json!({"refreshToken": ok.tokens.refresh_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    // The old access token died with the rotation.
    let me = p
        .http()
        .get(format!("{}/api/v1/me", p.url))
        .bearer_auth(&ok.tokens.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn bad_requests_get_clear_error_bodies() {
    let p = PlatformProcess::start(Some(10));
    let malformed = p
        .http()
        .post(format!("{}/api/v1/auth/sign-in", p.url))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        malformed.json::<ApiError>().await.unwrap().code,
        "invalid_input"
    );

    let no_token = p
        .http()
        .get(format!("{}/api/v1/stores/1/changes", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        no_token.json::<ApiError>().await.unwrap().code,
        "unauthorized"
    );

    let t = token(&p).await;
    let bad_cursor = p
        .http()
        .get(format!("{}/api/v1/stores/1/changes?cursor=bogus", p.url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_cursor.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        bad_cursor.json::<ApiError>().await.unwrap().code,
        "invalid_cursor"
    );

    let too_big = p
        .http()
        .get(format!("{}/api/v1/stores/1/changes?limit=5000", p.url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(too_big.status(), StatusCode::BAD_REQUEST);

    let other_store = p
        .http()
        .get(format!("{}/api/v1/stores/999/changes", p.url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(other_store.status(), StatusCode::NOT_FOUND);

    let no_admin = p
        .http()
        .delete(format!("{}/admin/stores/1/orders/1", p.url))
        .header("x-admin-token", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(no_admin.status(), StatusCode::FORBIDDEN);

    let bad_mobile = p
        .admin_raw(
            Method::POST,
            "/admin/stores/1/customers",
            Some(&json!({"firstName": "علی", "lastName": "رضایی", "mobilePhone": "12345"})),
        )
        .await;
    assert_eq!(bad_mobile.status(), StatusCode::BAD_REQUEST);
    assert!(bad_mobile
        .json::<ApiError>()
        .await
        .unwrap()
        .message
        .contains("mobilePhone"));

    let unknown_route = p
        .http()
        .get(format!("{}/api/v1/nothing-here", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_route.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        unknown_route.json::<ApiError>().await.unwrap().code,
        "not_found"
    );
}

#[tokio::test]
async fn expired_access_tokens_are_refused() {
    let p = PlatformProcess::start_with(Some(10), &["--access-token-ttl", "1"]);
    let t = token(&p).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let resp = p
        .http()
        .get(format!("{}/api/v1/me", p.url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}

/// A client that pages through the feed in small pages while the platform changes (new,
/// changed and deleted orders, some of them already seen) ends with exactly the platform's
/// orders, and sees each record's changes in commit order.
#[tokio::test]
async fn following_cursors_misses_no_change_made_while_paging() {
    let p = PlatformProcess::start(Some(200));
    let t = token(&p).await;
    let mut copy: BTreeMap<i64, Order> = BTreeMap::new();
    let mut customers = 0i64;
    let mut cursor: Option<String> = None;
    let mut round = 0;
    loop {
        let page = feed(&p, &t, cursor.as_deref(), 17).await;
        for change in page.changes {
            match change {
                Change::OrderUpserted { order } => {
                    if let Some(old) = copy.get(&order.id) {
                        assert!(
                            order.version >= old.version,
                            "order {} went back in version",
                            order.id
                        );
                    }
                    copy.insert(order.id, order);
                }
                Change::OrderDeleted { id } => {
                    copy.remove(&id);
                }
                Change::CustomerUpserted { .. } => customers += 1,
                Change::CustomerDeleted { .. } => {}
            }
        }
        cursor = Some(page.next_cursor);
        round += 1;
        // While paging: change an order the client has already seen, delete one, add two.
        if round % 3 == 0 && round < 60 && copy.len() > 2 {
            let seen = *copy.keys().next().unwrap();
            let patch = OrderPatch {
                status: Some(OrderStatus::Delivered),
                note: Some(format!("round {round}")),
                ..Default::default()
            };
            let _: Order = p
                .admin(
                    Method::PATCH,
                    &format!("/admin/stores/1/orders/{seen}"),
                    Some(&patch),
                )
                .await;
            let last = *copy.keys().last().unwrap();
            let resp = p
                .admin_raw::<()>(
                    Method::DELETE,
                    &format!("/admin/stores/1/orders/{last}"),
                    None,
                )
                .await;
            assert_eq!(resp.status(), StatusCode::NO_CONTENT);
            let _: serde_json::Value = p
                .admin(
                    Method::POST,
                    "/admin/stores/1/orders/generate",
                    Some(&json!({"count": 2, "seed": round})),
                )
                .await;
        }
        if !page.has_more && round >= 60 {
            break;
        }
        assert!(round < 500, "the feed never ended");
    }
    assert!(customers > 0);
    let mut sum = pishkhan_api::checksum::Checksummer::new();
    for o in copy.values() {
        sum.add_order(o);
    }
    let platform = p.checksum(1).await;
    assert_eq!(copy.len() as u64, platform.orders);
    // Compare orders only: rebuild the platform's order checksum from a fresh full read.
    let mut fresh = pishkhan_api::checksum::Checksummer::new();
    let mut c2 = None;
    loop {
        let page = feed(&p, &t, c2.as_deref(), 1000).await;
        for change in page.changes {
            if let Change::OrderUpserted { order } = change {
                fresh.add_order(&order);
            }
        }
        c2 = Some(page.next_cursor);
        if !page.has_more {
            break;
        }
    }
    assert_eq!(sum.finish(), fresh.finish());
}

#[tokio::test]
async fn openapi_document_is_served_by_the_binary() {
    let out = std::process::Command::new(pishkhan_tests::bin("pishkhan-platform"))
        .arg("openapi")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("openapi: 3.1"));
    assert!(text.contains("/api/v1/stores/{store_id}/changes"));
}
