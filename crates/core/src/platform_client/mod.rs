//! The platform client: the only code that speaks HTTP to the hosted platform.
//!
//! It turns every way a call can fail into a `CoreError` a merchant can act on: unreachable
//! or slow platform, refused credentials, an ended session, an error body, or an answer that
//! does not decode (which is reported, never half-applied).

mod diagnostics;
mod kyc;

pub use kyc::{header_number, upload_id, UploadOffset};

use std::time::Duration;

use pishkhan_api::{
    ApiError, ChangePage, Me, MutationBatch, MutationResults, RefreshRequest, SessionInfo,
    SignInRequest, SignInResponse, Store, StoreSettingsPatch, TokenPair,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{CoreError, Result};

/// Makes sure rustls has its crypto provider before an HTTP client is built.
///
/// reqwest is built without a provider of its own (`rustls-no-provider`), so that the app
/// links one implementation of TLS cryptography, ring, which the updater uses as well, instead
/// of ring beside aws-lc. rustls then needs a process-wide default: installing it twice is
/// harmless (the second attempt is refused and ignored).
pub fn ensure_tls_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// How long one call may take before the platform counts as unreachable.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Overrides [`REQUEST_TIMEOUT`] in milliseconds. Meant for tests (the fault-injection tests
/// stall answers past the timeout and cannot wait 30 seconds each time); unset in normal use.
pub const TIMEOUT_ENV: &str = "PISHKHAN_HTTP_TIMEOUT_MS";

/// The request timeout in force: [`TIMEOUT_ENV`] when set to a positive number, else
/// [`REQUEST_TIMEOUT`].
pub fn request_timeout() -> Duration {
    std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .map_or(REQUEST_TIMEOUT, Duration::from_millis)
}

#[derive(Clone)]
pub struct PlatformClient {
    http: reqwest::Client,
    base: String,
    timeout: Duration,
}

impl PlatformClient {
    /// A client for the platform at `base_url` (`http(s)://host[:port]`).
    pub fn new(base_url: &str) -> Result<Self> {
        let base = normalize_base_url(base_url)?;
        let timeout = request_timeout();
        ensure_tls_provider();
        let http = reqwest::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(Duration::from_secs(10).min(timeout))
            .timeout(timeout)
            .build()
            .map_err(|e| CoreError::InvalidInput(format!("cannot build an HTTP client: {e}")))?;
        Ok(PlatformClient {
            http,
            base,
            timeout,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        device_name: &str,
    ) -> Result<SignInResponse> {
        let body = SignInRequest {
            email: email.trim().to_string(),
            password: password.to_string(),
            device_name: Some(device_name.to_string()),
        };
        match self
            .call(Method::POST, "/auth/sign-in", None, Some(&body))
            .await
        {
            Err(CoreError::Platform { status: 401, .. }) => Err(CoreError::WrongCredentials),
            other => other,
        }
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenPair> {
        let body = RefreshRequest {
            refresh_token: refresh_token.to_string(),
        };
        match self
            .call(Method::POST, "/auth/refresh", None, Some(&body))
            .await
        {
            Err(CoreError::Platform { status: 401, .. }) => Err(CoreError::SessionExpired),
            other => other,
        }
    }

    pub async fn sign_out(&self, access_token: &str) -> Result<()> {
        let url = format!("{}{}/auth/sign-out", self.base, pishkhan_api::API_PREFIX);
        let resp = self
            .http
            .post(url)
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        if resp.status().is_success() || resp.status() == StatusCode::UNAUTHORIZED {
            Ok(())
        } else {
            Err(error_from(resp).await)
        }
    }

    /// The merchant's sign-ins (this one marked `current`), newest first.
    pub async fn sessions(&self, access_token: &str) -> Result<Vec<SessionInfo>> {
        self.call::<(), _>(Method::GET, "/sessions", Some(access_token), None)
            .await
    }

    /// Signs out another of the merchant's sessions: the platform refuses its tokens from then on.
    pub async fn revoke_session(&self, access_token: &str, session_id: i64) -> Result<()> {
        let url = format!(
            "{}{}/sessions/{session_id}",
            self.base,
            pishkhan_api::API_PREFIX
        );
        let resp = self
            .http
            .delete(url)
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        if resp.status().is_success() {
            Ok(())
        } else {
            Err(error_from(resp).await)
        }
    }

    /// Changes the store's notification settings; answers the store as the platform now has it.
    pub async fn update_store_settings(
        &self,
        access_token: &str,
        store_id: i64,
        patch: &StoreSettingsPatch,
    ) -> Result<Store> {
        self.call(
            Method::PATCH,
            &format!("/stores/{store_id}/settings"),
            Some(access_token),
            Some(patch),
        )
        .await
    }

    pub async fn me(&self, access_token: &str) -> Result<Me> {
        self.call::<(), _>(Method::GET, "/me", Some(access_token), None)
            .await
    }

    /// One page of the store's change feed after `cursor` (none: from the beginning).
    pub async fn changes(
        &self,
        access_token: &str,
        store_id: i64,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<ChangePage> {
        let mut path = format!("/stores/{store_id}/changes?limit={limit}");
        if let Some(c) = cursor {
            path.push_str("&cursor=");
            path.extend(url::form_urlencoded::byte_serialize(c.as_bytes()));
        }
        self.call::<(), _>(Method::GET, &path, Some(access_token), None)
            .await
    }

    /// Sends edits; one result per mutation, in order. Safe to repeat: the platform applies
    /// each mutation id at most once.
    pub async fn mutations(
        &self,
        access_token: &str,
        store_id: i64,
        batch: &MutationBatch,
    ) -> Result<MutationResults> {
        let path = format!("/stores/{store_id}/mutations");
        self.call(Method::POST, &path, Some(access_token), Some(batch))
            .await
    }

    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        access_token: Option<&str>,
        body: Option<&B>,
    ) -> Result<T> {
        let url = format!("{}{}{}", self.base, pishkhan_api::API_PREFIX, path);
        let mut waits = 0;
        let resp = loop {
            let mut req = self.http.request(method.clone(), &url);
            if let Some(t) = access_token {
                req = req.bearer_auth(t);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            let resp = req.send().await.map_err(|e| self.transport(e))?;
            // Busy (429) or briefly down (503): wait as long as the platform asks, a few times.
            match retry_after(&resp) {
                Some(wait) if waits < MAX_WAITS => {
                    waits += 1;
                    tracing::info!(
                        status = resp.status().as_u16(),
                        wait_ms = wait.as_millis() as u64,
                        "platform asked to wait"
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => break resp,
            }
        };
        if !resp.status().is_success() {
            return Err(error_from(resp).await);
        }
        let bytes = resp.bytes().await.map_err(|e| self.transport(e))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| CoreError::MalformedResponse(crate::error::json_error(&e)))
    }

    fn transport(&self, e: reqwest::Error) -> CoreError {
        let reason = if e.is_timeout() {
            match self.timeout.as_millis() {
                ms if ms % 1000 == 0 => format!("no answer within {} seconds", ms / 1000),
                ms => format!("no answer within {ms} ms"),
            }
        } else if e.is_connect() {
            "the connection was refused or the host is unknown".to_string()
        } else if e.is_body() || e.is_decode() {
            "the connection broke while the answer was arriving".to_string()
        } else {
            "the request failed on the way".to_string()
        };
        CoreError::PlatformUnreachable {
            url: self.base.clone(),
            reason,
        }
    }
}

/// How many times one call waits out a 429 or 503 before giving up.
const MAX_WAITS: u32 = 3;
/// The longest single wait a `Retry-After` can impose; a longer one fails the call (the sync
/// loop retries later with its own backoff).
const MAX_WAIT: Duration = Duration::from_secs(30);

/// For a 429 or 503 answer: how long the platform asks to wait (`Retry-After` in seconds;
/// one second when absent), if that is not too long.
fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    if !matches!(
        resp.status(),
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    ) {
        return None;
    }
    let secs = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(1.0);
    let wait = Duration::from_secs_f64(secs.clamp(0.0, 3600.0));
    (wait <= MAX_WAIT).then_some(wait)
}

async fn error_from(resp: reqwest::Response) -> CoreError {
    let status = resp.status().as_u16();
    let body = resp.bytes().await.unwrap_or_default();
    match serde_json::from_slice::<ApiError>(&body) {
        Ok(e) => CoreError::Platform {
            status,
            code: e.code,
            message: e.message,
        },
        Err(_) => CoreError::Platform {
            status,
            code: "http_error".into(),
            message: format!("HTTP {status} without an error body"),
        },
    }
}

/// Checks and tidies the platform address a merchant typed: `https://` (plain `http://` only
/// for this computer itself — a loopback address, as the demo and the tests use — since the
/// password, the tokens and the ID card would otherwise cross the network readable), no path,
/// query or fragment, no trailing slash.
pub fn normalize_base_url(input: &str) -> Result<String> {
    let trimmed = input.trim();
    let parsed = url::Url::parse(trimmed).map_err(|_| {
        CoreError::invalid(
            format!("{trimmed:?} is not a web address; type it like https://shop.example"),
            format!("«{trimmed}» نشانی وب نیست؛ آن را مانند https://shop.example بنویسید"),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(CoreError::invalid(
            "The platform address must start with https://",
            "نشانی سکو باید با https://‎ آغاز شود",
        ));
    }
    if parsed.scheme() == "http" && !is_loopback(&parsed) {
        return Err(CoreError::invalid(
            "The platform address must use https:// (http:// is accepted only for this computer's own address, such as 127.0.0.1)",
            "نشانی سکو باید با https://‎ باشد (http://‎ فقط برای نشانی همین رایانه، مانند 127.0.0.1، پذیرفته است)",
        ));
    }
    if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(CoreError::invalid(
            "The platform address is the site's root, without a path (https://shop.example)",
            "نشانی سکو ریشهٔ سایت است، بدون مسیر (https://shop.example)",
        ));
    }
    // From the parsed form: scheme and host lower-cased, a default port dropped, so the same
    // platform typed two ways is recognised as the same.
    Ok(parsed.as_str().trim_end_matches('/').to_string())
}

/// Whether a URL names this computer: `localhost`, 127.0.0.0/8 or `[::1]`.
fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `Pishkhan/VERSION (OS)`: what the platform records as the app of a session.
pub fn user_agent() -> String {
    format!(
        "Pishkhan/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The computer's name, as the platform records the device of a session.
pub fn device_name() -> String {
    let from_env = std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok();
    let from_file = || {
        std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|s| s.trim().to_string())
    };
    from_env
        .or_else(from_file)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "desktop".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_tidied() {
        assert_eq!(
            normalize_base_url(" http://127.0.0.1:8787/ ").unwrap(),
            "http://127.0.0.1:8787"
        );
        assert_eq!(
            normalize_base_url("https://shop.example").unwrap(),
            "https://shop.example"
        );
        assert!(normalize_base_url("shop.example").is_err());
        assert!(normalize_base_url("ftp://shop.example").is_err());
        assert!(normalize_base_url("https://shop.example/api/v1").is_err());
    }

    #[test]
    fn plain_http_only_for_this_computer() {
        for ok in [
            "http://127.0.0.1:8787",
            "http://127.3.2.1",
            "http://localhost:1420",
            "http://[::1]:9000",
        ] {
            assert!(normalize_base_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://shop.example",
            "http://192.168.1.10:8080",
            "http://10.0.0.1",
            "http://[2001:db8::1]",
        ] {
            let e = normalize_base_url(refused).unwrap_err();
            assert!(
                e.message_en().contains("https://"),
                "{refused}: {}",
                e.message_en()
            );
            assert!(e.message_fa().contains("https://"), "{refused}");
        }
    }
}

#[cfg(test)]
mod retry_tests {
    use super::*;

    fn answer(status: u16, retry_after: Option<&str>) -> reqwest::Response {
        let mut b = http::Response::builder().status(status);
        if let Some(v) = retry_after {
            b = b.header("retry-after", v);
        }
        reqwest::Response::from(b.body(Vec::<u8>::new()).unwrap())
    }

    #[test]
    fn retry_after_is_honoured_within_reason() {
        assert_eq!(
            retry_after(&answer(429, Some("2"))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after(&answer(503, Some("0.5"))),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            retry_after(&answer(503, None)),
            Some(Duration::from_secs(1))
        );
        // Unreadable values wait the default second instead of panicking.
        for odd in ["NaN", "inf", "-3", "Wed, 21 Oct 2015 07:28:00 GMT"] {
            assert_eq!(
                retry_after(&answer(429, Some(odd))),
                Some(Duration::from_secs(1)),
                "{odd}"
            );
        }
        // Too long: the call fails and the sync loop retries later.
        assert_eq!(retry_after(&answer(429, Some("3600"))), None);
        assert_eq!(retry_after(&answer(500, Some("1"))), None);
    }

    #[test]
    fn one_platform_typed_two_ways_is_one_address() {
        assert_eq!(
            normalize_base_url(" HTTPS://Shop.Example/ ").unwrap(),
            "https://shop.example"
        );
        assert_eq!(
            normalize_base_url("https://shop.example:443").unwrap(),
            "https://shop.example"
        );
    }
}
