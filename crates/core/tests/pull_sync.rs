//! Pull sync against the reference platform running in-process on a loopback port (real HTTP,
//! real SQLite files): a repeated page changes nothing, and an expired access token is
//! refreshed without the merchant noticing.

use pishkhan_core::Pishkhan;
use pishkhan_platform::{Platform, PlatformConfig};

async fn platform(dir: &std::path::Path, orders: u64, ttl: i64) -> Platform {
    let mut config = PlatformConfig::new(dir.join("platform"));
    config.demo_orders = Some(orders);
    config.access_token_ttl_secs = ttl;
    Platform::start(config).await.expect("platform starts")
}

#[tokio::test]
async fn replaying_pages_from_an_old_cursor_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 1500, 3600).await;
    let app = Pishkhan::new(dir.path().join("app"));
    app.login(
        &p.url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    let progress = std::sync::Mutex::new(Vec::new());
    let report = app
        .sync(&|p| progress.lock().unwrap().push(p))
        .await
        .unwrap();
    assert_eq!(report.orders_upserted, 1500);
    assert_eq!(report.customers_upserted, 500);
    let seen = progress.into_inner().unwrap();
    assert!(seen.last().unwrap().done);
    assert!(
        seen.windows(2).all(|w| w[0].rows <= w[1].rows),
        "progress only moves forward"
    );
    let before = app.checksum().await.unwrap();

    // Rewind the saved cursor to the start: every page arrives again.
    let cache = app.cache().await.unwrap();
    sqlx::query("UPDATE sync_state SET cursor = NULL")
        .execute(cache.pool())
        .await
        .unwrap();
    let again = app.sync(&|_| {}).await.unwrap();
    assert_eq!(again.orders_upserted, 1500);
    assert_eq!(app.checksum().await.unwrap(), before);
    let platform_sum = pishkhan_platform::store::records::checksum(&p.db, 1)
        .await
        .unwrap();
    assert_eq!(before, platform_sum);
    p.stop().await;
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 20, 1).await;
    let app = Pishkhan::new(dir.path().join("app"));
    app.login(
        &p.url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    // The tokens as saved in the OS keychain.
    let saved = || {
        let text = pishkhan_core::secrets::keychain::read(&dir.path().join("app"))
            .unwrap()
            .expect("the keychain holds the tokens");
        serde_json::from_str::<pishkhan_core::secrets::Secrets>(&text).unwrap()
    };
    let before = saved();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let report = app
        .sync(&|_| {})
        .await
        .expect("sync refreshes the token and goes on");
    assert_eq!(report.orders_upserted, 20);
    let after = saved();
    assert_ne!(before.access_token, after.access_token);
    assert_ne!(before.refresh_token, after.refresh_token);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("app/session.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the session file is readable by its owner only"
        );
    }
    p.stop().await;
}

#[tokio::test]
async fn a_malformed_platform_answer_leaves_the_cache_as_it_was() {
    // A tiny HTTP server on loopback that answers sign-in properly but the change feed with
    // broken JSON.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 30, 3600).await;
    let app = Pishkhan::new(dir.path().join("app"));
    app.login(
        &p.url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    app.sync(&|_| {}).await.unwrap();
    let before = app.checksum().await.unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            let body = r#"{"changes":[{"kind":"order_upserted","order":{"id":1"#;
            let resp = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
            let _ = sock.write_all(resp.as_bytes()).await;
        }
    });
    // Point the saved session at the broken server.
    let app_dir = dir.path().join("app");
    let mut s = pishkhan_core::session::load(&app_dir).unwrap().unwrap();
    s.platform_url = format!("http://{addr}");
    pishkhan_core::session::save(&app_dir, &s).unwrap();
    let err = app.sync(&|_| {}).await.unwrap_err();
    assert_eq!(err.code(), "malformed_response");
    assert_eq!(app.checksum().await.unwrap(), before);
    p.stop().await;
}

#[tokio::test]
async fn quitting_during_a_sync_stops_after_a_whole_page_and_the_next_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 3000, 3600).await;
    let app = std::sync::Arc::new(Pishkhan::new(dir.path().join("app")));
    app.login(
        &p.url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    let (first_page, mut paged) = tokio::sync::mpsc::unbounded_channel();
    let syncing = {
        let app = app.clone();
        tokio::spawn(async move {
            app.sync(&move |p| {
                if p.rows > 0 {
                    let _ = first_page.send(());
                }
            })
            .await
        })
    };
    paged.recv().await.expect("a first page arrives");
    // The app quits (window closed) while the sync is mid-way.
    assert!(app.shutdown(std::time::Duration::from_secs(10)).await);
    let stopped = syncing.await.unwrap();
    assert!(
        matches!(stopped, Err(pishkhan_core::CoreError::Cancelled)),
        "the sync stopped on request: {stopped:?}"
    );
    drop(app);

    // Next start: the sync goes on from the last whole page and ends equal to the platform.
    let again = Pishkhan::new(dir.path().join("app"));
    let report = again.sync(&|_| {}).await.unwrap();
    assert!(
        report.orders_upserted < 3000,
        "it resumed rather than restarting"
    );
    let platform_sum = pishkhan_platform::store::records::checksum(&p.db, 1)
        .await
        .unwrap();
    assert_eq!(again.checksum().await.unwrap(), platform_sum);
}
