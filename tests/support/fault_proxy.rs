//! A fault-injecting HTTP proxy on loopback, between the app and the platform.
//!
//! It is a real TCP server speaking just enough HTTP/1.1 for the platform client (requests
//! with a `Content-Length` body; every answer closes its connection). Each request is
//! forwarded to the platform with reqwest, unless a fault is drawn for it. Faults are drawn
//! from a ChaCha RNG seeded by the test, one draw sequence per request in arrival order, so a
//! failing seed replays the same faults against the same sequence of requests.
//!
//! Faults (each with its own probability, see [`FaultConfig`]):
//! - drop the connection in the middle of the answer's body (after the platform acted);
//! - answer 500, 502 or 503 — sometimes before forwarding, sometimes after the platform acted;
//! - answer 429 with a `Retry-After` (not forwarded);
//! - stall past the client's timeout (after the platform acted), then close;
//! - truncate the JSON body, or corrupt one byte of it (always into invalid JSON: a
//!   control character is invalid anywhere in JSON, so a corrupted answer can never decode
//!   to different data — the protocol has no integrity check of its own besides TLS);
//! - repeat a page: answer a change-feed request with the body of an earlier answer to a
//!   request for the same cursor (a stale or duplicated answer). Only the same cursor: a
//!   page carries no mark of the cursor it answers, so a page that answers another cursor
//!   cannot be told from a right one by any client, and would make it skip changes (the
//!   first version of this proxy replayed any earlier page and broke convergence that way).
//!
//! With faults switched off it forwards faithfully. Separately from faults it can rewrite the
//! change feed's `limit` to a random page size, so small stores still sync in many pages.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Probabilities of each fault per request (tried in this order, at most one per request).
#[derive(Debug, Clone)]
pub struct FaultConfig {
    pub drop_mid_body: f64,
    pub server_error: f64,
    pub too_many_requests: f64,
    pub stall: f64,
    pub truncate: f64,
    pub corrupt: f64,
    /// Only for change-feed requests, once an earlier feed answer exists.
    pub repeat_page: f64,
    /// How long a stalled answer is held before the connection is closed: set it past the
    /// client's request timeout.
    pub stall_for: Duration,
    /// Rewrite the change feed's `limit` to a page size drawn from this range.
    pub feed_page_size: Option<(u32, u32)>,
}

impl FaultConfig {
    /// No faults, no rewriting: a faithful proxy.
    pub fn none() -> Self {
        FaultConfig {
            drop_mid_body: 0.0,
            server_error: 0.0,
            too_many_requests: 0.0,
            stall: 0.0,
            truncate: 0.0,
            corrupt: 0.0,
            repeat_page: 0.0,
            stall_for: Duration::from_secs(0),
            feed_page_size: None,
        }
    }

    /// Every fault, each fairly likely: about one request in four goes wrong.
    pub fn hostile(stall_for: Duration) -> Self {
        FaultConfig {
            drop_mid_body: 0.04,
            server_error: 0.05,
            too_many_requests: 0.04,
            stall: 0.01,
            truncate: 0.03,
            corrupt: 0.03,
            repeat_page: 0.06,
            stall_for,
            feed_page_size: Some((3, 30)),
        }
    }
}

/// What the proxy did to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    Forwarded,
    DroppedMidBody,
    ServerErrorBefore(u16),
    ServerErrorAfter(u16),
    TooManyRequests,
    Stalled,
    Truncated,
    Corrupted,
    RepeatedPage,
}

/// One edit as the client sent it in a mutations request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMutation {
    pub id: String,
    pub order_id: i64,
}

struct State {
    rng: ChaCha8Rng,
    config: FaultConfig,
    faults_on: bool,
    /// Feed answers by the cursor they answered (`""`: the first page).
    feed_answers: HashMap<String, Vec<Vec<u8>>>,
    /// Every mutations request body the client sent, in arrival order.
    batches: Vec<Vec<SentMutation>>,
    tally: BTreeMap<Fault, u64>,
}

pub struct FaultProxy {
    /// `http://127.0.0.1:PORT`: give this to the app as the platform's address.
    pub url: String,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (`http://host:port`) with faults off.
    pub async fn start(upstream: &str, seed: u64, config: FaultConfig) -> FaultProxy {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind the proxy");
        let addr = listener.local_addr().expect("proxy address");
        let state = Arc::new(Mutex::new(State {
            rng: ChaCha8Rng::seed_from_u64(seed),
            config,
            faults_on: false,
            feed_answers: HashMap::new(),
            batches: Vec::new(),
            tally: BTreeMap::new(),
        }));
        let http = crate::http_client_builder()
            .timeout(Duration::from_secs(120))
            .build()
            .expect("proxy's HTTP client");
        let upstream = upstream.trim_end_matches('/').to_string();
        let shared = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    continue;
                };
                let (state, http, upstream) = (shared.clone(), http.clone(), upstream.clone());
                tokio::spawn(async move {
                    let _ = serve(socket, state, http, upstream).await;
                });
            }
        });
        FaultProxy {
            url: format!("http://{addr}"),
            state,
            task,
        }
    }

    pub fn set_faults(&self, on: bool) {
        self.lock().faults_on = on;
    }

    pub fn set_config(&self, config: FaultConfig) {
        self.lock().config = config;
    }

    /// How many requests met each fault so far.
    pub fn tally(&self) -> BTreeMap<Fault, u64> {
        self.lock().tally.clone()
    }

    /// Every mutations request the client sent, in arrival order.
    pub fn mutation_batches(&self) -> Vec<Vec<SentMutation>> {
        self.lock().batches.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

async fn read_request(socket: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut buf = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_string();
    let target = first.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(Request {
        method,
        target,
        headers,
        body,
    }))
}

/// What was drawn for one request.
enum Plan {
    Forward,
    Fault(Fault),
    Repeat(Vec<u8>),
}

fn draw(state: &mut State, feed_cursor: Option<&str>) -> Plan {
    if !state.faults_on {
        return Plan::Forward;
    }
    let c = state.config.clone();
    let roll: f64 = state.rng.gen();
    let mut edge = 0.0;
    let mut hit = |p: f64| {
        edge += p;
        roll < edge
    };
    if hit(c.drop_mid_body) {
        Plan::Fault(Fault::DroppedMidBody)
    } else if hit(c.server_error) {
        let code = [500, 502, 503][state.rng.gen_range(0..3)];
        if state.rng.gen_bool(0.5) {
            Plan::Fault(Fault::ServerErrorBefore(code))
        } else {
            Plan::Fault(Fault::ServerErrorAfter(code))
        }
    } else if hit(c.too_many_requests) {
        Plan::Fault(Fault::TooManyRequests)
    } else if hit(c.stall) {
        Plan::Fault(Fault::Stalled)
    } else if hit(c.truncate) {
        Plan::Fault(Fault::Truncated)
    } else if hit(c.corrupt) {
        Plan::Fault(Fault::Corrupted)
    } else if hit(c.repeat_page) {
        let earlier = feed_cursor
            .and_then(|c| state.feed_answers.get(c))
            .filter(|a| !a.is_empty());
        match earlier {
            Some(answers) => {
                let answers = answers.clone();
                let i = state.rng.gen_range(0..answers.len());
                Plan::Repeat(answers[i].clone())
            }
            None => Plan::Forward,
        }
    } else {
        Plan::Forward
    }
}

/// The `cursor` parameter of a feed request, as sent (`""` when absent).
fn cursor_of(target: &str) -> String {
    target
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .find_map(|p| p.strip_prefix("cursor="))
        .unwrap_or_default()
        .to_string()
}

/// `limit=N` of a feed request replaced by a drawn page size.
fn rewrite_limit(target: &str, size: u32) -> String {
    let Some((path, query)) = target.split_once('?') else {
        return format!("{target}?limit={size}");
    };
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.starts_with("limit="))
        .map(str::to_string)
        .collect();
    parts.push(format!("limit={size}"));
    format!("{path}?{}", parts.join("&"))
}

async fn serve(
    mut socket: TcpStream,
    state: Arc<Mutex<State>>,
    http: reqwest::Client,
    upstream: String,
) -> std::io::Result<()> {
    let Some(mut req) = read_request(&mut socket).await? else {
        return Ok(());
    };
    let path = req.target.split('?').next().unwrap_or_default().to_string();
    let is_feed = req.method == "GET" && path.ends_with("/changes");
    let is_mutations = req.method == "POST" && path.ends_with("/mutations");
    let feed_cursor = is_feed.then(|| cursor_of(&req.target));
    let (plan, stall_for, retry_after, truncate_at, corrupt_at) = {
        let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
        if is_mutations {
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&req.body) {
                let sent = v["mutations"]
                    .as_array()
                    .map(|ms| {
                        ms.iter()
                            .map(|m| SentMutation {
                                id: m["id"].as_str().unwrap_or_default().to_string(),
                                order_id: m["orderId"].as_i64().unwrap_or_default(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                s.batches.push(sent);
            }
        }
        if is_feed {
            if let Some((lo, hi)) = s.config.feed_page_size {
                let size = s.rng.gen_range(lo..=hi);
                req.target = rewrite_limit(&req.target, size);
            }
        }
        let plan = draw(&mut s, feed_cursor.as_deref());
        let fault = match &plan {
            Plan::Forward => Fault::Forwarded,
            Plan::Fault(f) => *f,
            Plan::Repeat(_) => Fault::RepeatedPage,
        };
        *s.tally.entry(fault).or_default() += 1;
        let retry_after = if s.rng.gen_bool(0.8) { 0 } else { 1 };
        let (t, c): (f64, f64) = (s.rng.gen(), s.rng.gen());
        (plan, s.config.stall_for, retry_after, t, c)
    };

    match plan {
        Plan::Fault(Fault::TooManyRequests) => {
            let body =
                br#"{"status":429,"message":"slow down","type":"api","code":"rate_limited"}"#;
            let extra = format!("retry-after: {retry_after}\r\n");
            return respond(&mut socket, 429, &extra, body).await;
        }
        Plan::Fault(Fault::ServerErrorBefore(code)) => {
            let extra = if code == 503 {
                format!("retry-after: {retry_after}\r\n")
            } else {
                String::new()
            };
            return respond(&mut socket, code, &extra, b"<html>bad gateway</html>").await;
        }
        Plan::Repeat(body) => return respond(&mut socket, 200, "", &body).await,
        _ => {}
    }

    // Forward to the platform.
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut fwd = http.request(method, format!("{upstream}{}", req.target));
    for (k, v) in &req.headers {
        if matches!(
            k.as_str(),
            "authorization" | "content-type" | "x-admin-token" | "user-agent" | "accept"
        ) {
            fwd = fwd.header(k.as_str(), v.as_str());
        }
    }
    if !req.body.is_empty() {
        fwd = fwd.body(req.body);
    }
    let resp = match fwd.send().await {
        Ok(r) => r,
        Err(_) => return respond(&mut socket, 502, "", b"upstream unreachable").await,
    };
    let status = resp.status().as_u16();
    let mut extra = String::new();
    if let Some(v) = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
    {
        extra.push_str(&format!("retry-after: {v}\r\n"));
    }
    let body = match resp.bytes().await {
        Ok(b) => b.to_vec(),
        Err(_) => return respond(&mut socket, 502, "", b"upstream broke").await,
    };
    if let (Some(cursor), 200) = (feed_cursor, status) {
        state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .feed_answers
            .entry(cursor)
            .or_default()
            .push(body.clone());
    }

    match plan {
        Plan::Fault(Fault::ServerErrorAfter(code)) => {
            respond(
                &mut socket,
                code,
                "",
                b"<html>the gateway lost the answer</html>",
            )
            .await
        }
        Plan::Fault(Fault::Stalled) => {
            tokio::time::sleep(stall_for).await;
            Ok(())
        }
        Plan::Fault(Fault::DroppedMidBody) => {
            let head = head(status, &extra, body.len());
            if body.len() >= 2 {
                socket.write_all(head.as_bytes()).await?;
                let cut = 1 + (truncate_at * (body.len() - 1) as f64) as usize;
                socket.write_all(&body[..cut.min(body.len() - 1)]).await?;
            } else {
                socket.write_all(&head.as_bytes()[..head.len() / 2]).await?;
            }
            socket.flush().await?;
            // Closing here, short of Content-Length, breaks the answer mid-body.
            Ok(())
        }
        Plan::Fault(Fault::Truncated) if body.len() >= 2 => {
            let cut = (truncate_at * body.len() as f64) as usize;
            let cut = cut.clamp(1, body.len() - 1);
            respond(&mut socket, status, &extra, &body[..cut]).await
        }
        Plan::Fault(Fault::Corrupted) if !body.is_empty() => {
            let mut body = body;
            let at = ((corrupt_at * body.len() as f64) as usize).min(body.len() - 1);
            body[at] = 0x01;
            respond(&mut socket, status, &extra, &body).await
        }
        _ => respond(&mut socket, status, &extra, &body).await,
    }
}

fn head(status: u16, extra: &str, length: usize) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown");
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {length}\r\nconnection: close\r\n{extra}\r\n"
    )
}

async fn respond(
    socket: &mut TcpStream,
    status: u16,
    extra: &str,
    body: &[u8],
) -> std::io::Result<()> {
    socket
        .write_all(head(status, extra, body.len()).as_bytes())
        .await?;
    socket.write_all(body).await?;
    socket.flush().await?;
    socket.shutdown().await
}
