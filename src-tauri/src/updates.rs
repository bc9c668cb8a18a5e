//! Updates: the release channel is asked for a newer version, the installer is downloaded and
//! checked against the public key built into the app before anything runs — an Ed25519
//! (minisign) signature that must also name the version it was signed for, so an old signed
//! release cannot be passed off as a new one — and only then installed.
//!
//! The channel is `plugins.updater.endpoints` in tauri.conf.json, or `PISHKHAN_UPDATE_URL`
//! (a company mirror, a test channel). Updates are off in demo mode: a demo never replaces the
//! installed app. How the signing key is made and kept: README, "Releases and updates".

use pishkhan_core::account::{AvailableUpdate, UpdateCheck};
use pishkhan_core::PublicError;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

/// The updater plugin, with the channel from `PISHKHAN_UPDATE_URL` when set.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().build()
}

fn failed(code: &str, en: String, fa: &str) -> PublicError {
    PublicError {
        code: code.into(),
        message: en,
        message_fa: fa.into(),
    }
}

/// Asks the channel for a newer version (nothing is downloaded).
pub async fn check<R: Runtime>(app: &AppHandle<R>, demo: bool) -> Result<UpdateCheck, PublicError> {
    let current = app.package_info().version.to_string();
    if demo {
        return Ok(UpdateCheck {
            current,
            off: Some("demo".into()),
            available: None,
        });
    }
    let update = find(app).await?;
    Ok(UpdateCheck {
        current,
        off: None,
        available: update.map(|u| AvailableUpdate {
            version: u.version.clone(),
            notes: u.body.clone(),
            date: u.date.map(|d| d.to_string()),
        }),
    })
}

/// The newer version the channel offers, if any.
pub async fn find<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Update>, PublicError> {
    let mut builder = app.updater_builder();
    if let Ok(url) = std::env::var("PISHKHAN_UPDATE_URL") {
        let url = url.parse().map_err(|_| {
            failed(
                "update_failed",
                "PISHKHAN_UPDATE_URL is not an address. Correct it or unset it.".into(),
                "نشانی کانال به‌روزرسانی (PISHKHAN_UPDATE_URL) درست نیست.",
            )
        })?;
        builder = builder.endpoints(vec![url]).map_err(unreachable)?;
    }
    builder
        .build()
        .map_err(unreachable)?
        .check()
        .await
        .map_err(unreachable)
}

/// Downloads `update` and checks its signature; the bytes are returned only when it holds.
pub async fn download_verified(update: &Update) -> Result<Vec<u8>, PublicError> {
    update.download(|_, _| {}, || {}).await.map_err(|e| {
        let text = e.to_string();
        if text.to_lowercase().contains("signature") || text.contains("minisign") {
            tracing::warn!("an update was refused: its signature does not match");
            failed(
                "update_signature",
                "The downloaded update is not signed by Pishkhan's key (or was changed on the way). Nothing was installed.".into(),
                "به‌روزرسانی دریافت‌شده امضای پیشخوان را ندارد (یا در راه تغییر کرده است). چیزی نصب نشد.",
            )
        } else {
            unreachable(e)
        }
    })
}

fn unreachable(e: tauri_plugin_updater::Error) -> PublicError {
    failed(
        "update_failed",
        format!("Updates could not be checked ({e}). Try again later; the app works as it is."),
        "بررسی به‌روزرسانی ممکن نشد. بعداً دوباره تلاش کنید؛ برنامه همین‌طور کار می‌کند.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use serde_json::json;

    /// A release channel on loopback serving `manifest` and the installer bytes `package`.
    async fn channel(package: Vec<u8>, signature: String, version: &str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let manifest = json!({
            "version": version,
            "notes": "Faster search",
            "pub_date": "2026-11-30T00:00:00Z",
            "platforms": { "test-target": { "url": format!("{base}/pkg"), "signature": signature } }
        })
        .to_string();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let manifest = manifest.clone();
                let package = package.clone();
                tokio::spawn(async move {
                    use tokio::io::{AsyncReadExt, AsyncWriteExt};
                    let mut buf = vec![0u8; 4096];
                    let n = socket.read(&mut buf).await.unwrap_or(0);
                    let request = String::from_utf8_lossy(&buf[..n]);
                    let body = if request.starts_with("GET /pkg") {
                        package
                    } else {
                        manifest.into_bytes()
                    };
                    let head = format!(
                        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = socket.write_all(head.as_bytes()).await;
                    let _ = socket.write_all(&body).await;
                });
            }
        });
        format!("{base}/latest.json")
    }

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    /// An app (Tauri's mock runtime) whose updater trusts `pubkey` and asks `endpoint`.
    fn app_trusting(pubkey: &str, endpoint: &str) -> tauri::App<tauri::test::MockRuntime> {
        let mut context = tauri::test::mock_context(tauri::test::noop_assets());
        context.config_mut().version = Some("0.1.0".into());
        context.config_mut().plugins.0.insert(
            "updater".into(),
            json!({
                "pubkey": b64(pubkey),
                "endpoints": [endpoint],
                "requireSignedVersion": true,
                // The test channel is plain HTTP on loopback; release channels are HTTPS.
                "dangerousInsecureTransportProtocol": true
            }),
        );
        tauri::test::mock_builder()
            .plugin(
                tauri_plugin_updater::Builder::new()
                    .target("test-target")
                    .build(),
            )
            .build(context)
            .unwrap()
    }

    fn signed(
        sk: &minisign::SecretKey,
        pk: &minisign::PublicKey,
        bytes: &[u8],
        version: &str,
    ) -> String {
        let comment = format!("timestamp:1764460800\tfile:pishkhan.deb\tversion:{version}");
        let sig = minisign::sign(Some(pk), sk, bytes, Some(&comment), None).unwrap();
        b64(&sig.into_string())
    }

    #[tokio::test]
    async fn a_signed_update_is_offered_and_verified_and_a_tampered_one_refused() {
        let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let pubkey = keys.pk.to_box().unwrap().into_string();
        let package = b"the installer of Pishkhan 0.2.0".to_vec();
        let signature = signed(&keys.sk, &keys.pk, &package, "0.2.0");

        // Signed by the app's key: offered, downloaded, verified.
        let endpoint = channel(package.clone(), signature.clone(), "0.2.0").await;
        let app = app_trusting(&pubkey, &endpoint);
        let offered = check(app.handle(), false).await.unwrap();
        assert_eq!(offered.current, "0.1.0");
        assert_eq!(offered.available.as_ref().unwrap().version, "0.2.0");
        let update = find(app.handle()).await.unwrap().unwrap();
        assert_eq!(download_verified(&update).await.unwrap(), package);

        // The same signature over changed bytes: refused, nothing returned.
        let mut tampered = package.clone();
        tampered[4] ^= 1;
        let endpoint = channel(tampered, signature.clone(), "0.2.0").await;
        let app = app_trusting(&pubkey, &endpoint);
        let update = find(app.handle()).await.unwrap().unwrap();
        let err = download_verified(&update).await.unwrap_err();
        assert_eq!(err.code, "update_signature", "{err:?}");
        assert!(!err.message_fa.is_empty());

        // Signed by another key: refused.
        let stranger = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let forged = signed(&stranger.sk, &stranger.pk, &package, "0.2.0");
        let endpoint = channel(package.clone(), forged, "0.2.0").await;
        let app = app_trusting(&pubkey, &endpoint);
        let update = find(app.handle()).await.unwrap().unwrap();
        assert_eq!(
            download_verified(&update).await.unwrap_err().code,
            "update_signature"
        );

        // An old release's genuine signature announced as a newer version: refused.
        let endpoint = channel(package.clone(), signature, "0.3.0").await;
        let app = app_trusting(&pubkey, &endpoint);
        let update = find(app.handle()).await.unwrap().unwrap();
        assert!(download_verified(&update).await.is_err());

        // No newer version: nothing offered. Demo mode: not even asked.
        let endpoint = channel(
            package.clone(),
            signed(&keys.sk, &keys.pk, &package, "0.1.0"),
            "0.1.0",
        )
        .await;
        let app = app_trusting(&pubkey, &endpoint);
        assert!(check(app.handle(), false)
            .await
            .unwrap()
            .available
            .is_none());
        let demo = check(app.handle(), true).await.unwrap();
        assert_eq!(demo.off.as_deref(), Some("demo"));
    }
}
