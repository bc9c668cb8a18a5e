//! A TCP proxy on loopback that cuts connections at random byte offsets, for the resumable
//! upload's tests.
//!
//! Unlike `fault_proxy`, which speaks HTTP and fails whole requests, this one only copies bytes:
//! it knows no more of HTTP than that the client speaking after an answer starts a new request,
//! so a cut lands anywhere — in a request's
//! headers, in the middle of a `PATCH` body, or in the platform's answer after it has already
//! stored a chunk (the client then does not know the chunk arrived). Each connection draws, from
//! a seeded ChaCha RNG in the order connections arrive, whether and where it is cut:
//! - upload side: after `1..=max_upload_cut` bytes from the client;
//! - answer side: after `1..=max_answer_cut` bytes from the platform (the request has been
//!   handled: this is a lost answer).
//!
//! A cut closes both directions at once, as a dropped network does.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How often and where connections are cut.
#[derive(Debug, Clone, Copy)]
pub struct CutConfig {
    /// Probability that a connection is cut on the client's side.
    pub upload_cut: f64,
    /// Probability that a connection is cut in the platform's answer.
    pub answer_cut: f64,
    pub max_upload_cut: u64,
    pub max_answer_cut: u64,
}

/// What the proxy saw.
#[derive(Debug, Default)]
pub struct CutTally {
    pub connections: AtomicU64,
    pub upload_cuts: AtomicU64,
    pub answer_cuts: AtomicU64,
    /// Bytes forwarded from clients to the platform.
    pub bytes_up: AtomicU64,
}

pub struct CutProxy {
    /// `http://127.0.0.1:PORT`: give this to the app as the platform's address.
    pub url: String,
    pub tally: Arc<CutTally>,
    cutting: Arc<AtomicBool>,
    task: JoinHandle<()>,
}

/// Where one connection is cut: after so many bytes up, or down.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cut {
    None,
    Up(u64),
    Down(u64),
}

impl CutProxy {
    /// Starts a proxy to `upstream` (`http://host:port`) with cutting off.
    pub async fn start(upstream: &str, seed: u64, config: CutConfig) -> CutProxy {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind the cut proxy");
        let url = format!("http://{}", listener.local_addr().expect("proxy address"));
        let upstream = upstream
            .strip_prefix("http://")
            .expect("an http:// upstream")
            .trim_end_matches('/')
            .to_string();
        let tally = Arc::new(CutTally::default());
        let cutting = Arc::new(AtomicBool::new(false));
        let rng = Arc::new(Mutex::new(ChaCha8Rng::seed_from_u64(seed)));
        let task = {
            let (tally, cutting) = (tally.clone(), cutting.clone());
            tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    tally.connections.fetch_add(1, Ordering::SeqCst);
                    let (upstream, tally) = (upstream.clone(), tally.clone());
                    let (rng, cutting) = (rng.clone(), cutting.clone());
                    let draw = move || {
                        if !cutting.load(Ordering::SeqCst) {
                            return Cut::None;
                        }
                        let mut r = rng.lock().unwrap_or_else(|p| p.into_inner());
                        let roll: f64 = r.gen();
                        if roll < config.upload_cut {
                            Cut::Up(r.gen_range(1..=config.max_upload_cut))
                        } else if roll < config.upload_cut + config.answer_cut {
                            Cut::Down(r.gen_range(1..=config.max_answer_cut))
                        } else {
                            Cut::None
                        }
                    };
                    tokio::spawn(async move {
                        if let Ok(server) = TcpStream::connect(&upstream).await {
                            pipe(client, server, draw, &tally).await;
                        }
                    });
                }
            })
        };
        CutProxy {
            url,
            tally,
            cutting,
            task,
        }
    }

    pub fn set_cutting(&self, on: bool) {
        self.cutting.store(on, Ordering::SeqCst);
    }

    pub fn cuts(&self) -> u64 {
        self.tally.upload_cuts.load(Ordering::SeqCst)
            + self.tally.answer_cuts.load(Ordering::SeqCst)
    }
}

impl Drop for CutProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Copies both ways until either side closes or a drawn cut is reached. A cut is drawn anew
/// for each request on the connection (the client speaking again after an answer), so a
/// kept-alive connection is as likely to be cut as a fresh one.
async fn pipe(
    client: TcpStream,
    server: TcpStream,
    mut draw: impl FnMut() -> Cut,
    tally: &CutTally,
) {
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let mut cut = Cut::None;
    let (mut up_sent, mut down_sent) = (0u64, 0u64);
    let mut new_request = true;
    let mut up_buf = vec![0u8; 16 * 1024];
    let mut down_buf = vec![0u8; 16 * 1024];
    loop {
        tokio::select! {
            read = cr.read(&mut up_buf) => {
                let n = match read {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n as u64,
                };
                if new_request {
                    cut = draw();
                    (up_sent, down_sent, new_request) = (0, 0, false);
                }
                let allowed = match cut {
                    Cut::Up(limit) => (limit - up_sent).min(n),
                    _ => n,
                };
                if sw.write_all(&up_buf[..allowed as usize]).await.is_err() {
                    return;
                }
                up_sent += allowed;
                tally.bytes_up.fetch_add(allowed, Ordering::SeqCst);
                if matches!(cut, Cut::Up(limit) if up_sent >= limit) {
                    tally.upload_cuts.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
            read = sr.read(&mut down_buf) => {
                let n = match read {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n as u64,
                };
                new_request = true;
                let allowed = match cut {
                    Cut::Down(limit) => (limit - down_sent).min(n),
                    _ => n,
                };
                if cw.write_all(&down_buf[..allowed as usize]).await.is_err() {
                    return;
                }
                down_sent += allowed;
                if matches!(cut, Cut::Down(limit) if down_sent >= limit) {
                    tally.answer_cuts.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
        }
    }
}
