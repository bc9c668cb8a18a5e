//! A TCP proxy on loopback that cuts connections at random byte offsets, for the resumable
//! upload's tests.
//!
//! Unlike `fault_proxy`, which speaks HTTP and fails whole requests, this one only copies bytes:
//! it does not know where a request starts or ends, so a cut lands anywhere — in a request's
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
#[derive(Clone, Copy)]
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
                    let cut = if cutting.load(Ordering::SeqCst) {
                        let mut r = rng.lock().unwrap_or_else(|p| p.into_inner());
                        let roll: f64 = r.gen();
                        if roll < config.upload_cut {
                            Cut::Up(r.gen_range(1..=config.max_upload_cut))
                        } else if roll < config.upload_cut + config.answer_cut {
                            Cut::Down(r.gen_range(1..=config.max_answer_cut))
                        } else {
                            Cut::None
                        }
                    } else {
                        Cut::None
                    };
                    let (upstream, tally) = (upstream.clone(), tally.clone());
                    tokio::spawn(async move {
                        if let Ok(server) = TcpStream::connect(&upstream).await {
                            pipe(client, server, cut, &tally).await;
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
        self.tally.upload_cuts.load(Ordering::SeqCst) + self.tally.answer_cuts.load(Ordering::SeqCst)
    }
}

impl Drop for CutProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Copies both ways until either side closes or the drawn cut is reached.
async fn pipe(client: TcpStream, server: TcpStream, cut: Cut, tally: &CutTally) {
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let up_limit = match cut {
        Cut::Up(n) => Some(n),
        _ => None,
    };
    let down_limit = match cut {
        Cut::Down(n) => Some(n),
        _ => None,
    };
    let up = async {
        let mut sent = 0u64;
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match cr.read(&mut buf).await {
                Ok(0) | Err(_) => return false,
                Ok(n) => n,
            };
            let allowed = up_limit.map_or(n as u64, |l| (l - sent).min(n as u64)) as usize;
            if sw.write_all(&buf[..allowed]).await.is_err() {
                return false;
            }
            sent += allowed as u64;
            tally.bytes_up.fetch_add(allowed as u64, Ordering::SeqCst);
            if up_limit.is_some_and(|l| sent >= l) {
                tally.upload_cuts.fetch_add(1, Ordering::SeqCst);
                return true;
            }
        }
    };
    let down = async {
        let mut sent = 0u64;
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match sr.read(&mut buf).await {
                Ok(0) | Err(_) => return false,
                Ok(n) => n,
            };
            let allowed = down_limit.map_or(n as u64, |l| (l - sent).min(n as u64)) as usize;
            if cw.write_all(&buf[..allowed]).await.is_err() {
                return false;
            }
            sent += allowed as u64;
            if down_limit.is_some_and(|l| sent >= l) {
                tally.answer_cuts.fetch_add(1, Ordering::SeqCst);
                return true;
            }
        }
    };
    // Whichever direction ends first ends the connection: both halves are dropped here.
    tokio::select! {
        _ = up => {}
        _ = down => {}
    }
}
