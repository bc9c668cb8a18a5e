//! Starting and stopping the platform: open the database, seed the demo store when asked,
//! bind the listener, serve until told to stop.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use sqlx::SqlitePool;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::{PlatformError, Result};
use crate::uploads::UploadFiles;
use crate::{demo, routes, store};

#[derive(Debug, Clone)]
pub struct PlatformConfig {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Where `platform.db` lives, and `uploads/` with the files of tus uploads.
    pub data_dir: PathBuf,
    /// The secret the admin API asks for in `X-Admin-Token`.
    pub admin_token: String,
    /// Seed a demo merchant and store with this many orders (when it does not exist yet).
    pub demo_orders: Option<u64>,
    /// Seed of the demo generator: the same seed gives the same data.
    pub demo_seed: u64,
    /// How long an access token lives, in seconds.
    pub access_token_ttl_secs: i64,
}

impl PlatformConfig {
    pub fn new(data_dir: PathBuf) -> Self {
        PlatformConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir,
            admin_token: crate::auth::new_token(),
            demo_orders: None,
            demo_seed: 1,
            access_token_ttl_secs: 3600,
        }
    }
}

/// What handlers share: the database, the upload files and the instance's settings.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    /// `<data_dir>/uploads`: the bytes of tus uploads.
    pub uploads: Arc<UploadFiles>,
    pub admin_token: Arc<str>,
    pub access_token_ttl_secs: i64,
}

/// A running platform. Dropping it does not stop it; call [`Platform::stop`].
pub struct Platform {
    /// `http://127.0.0.1:PORT` — the base URL clients use.
    pub url: String,
    pub addr: SocketAddr,
    pub admin_token: String,
    pub db: SqlitePool,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Platform {
    pub async fn start(config: PlatformConfig) -> Result<Platform> {
        let db = store::open(&config.data_dir).await?;
        if let Some(count) = config.demo_orders {
            demo::ensure_demo_store(&db, count, config.demo_seed).await?;
        }
        let uploads = UploadFiles::open(&config.data_dir)?;
        let state = AppState {
            db: db.clone(),
            uploads,
            admin_token: Arc::from(config.admin_token.as_str()),
            access_token_ttl_secs: config.access_token_ttl_secs,
        };
        let listener = TcpListener::bind(config.listen).await.map_err(|e| {
            PlatformError::Internal(format!("cannot listen on {}: {e}", config.listen))
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| PlatformError::Internal(e.to_string()))?;
        let (tx, rx) = oneshot::channel::<()>();
        let app = routes::router(state);
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await
        });
        Ok(Platform {
            url: format!("http://{addr}"),
            addr,
            admin_token: config.admin_token,
            db,
            shutdown: Some(tx),
            task,
        })
    }

    /// Stops accepting connections, lets requests in flight finish, and closes the database.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
        self.db.close().await;
    }

    /// Waits until the server ends (it ends only on `stop` or an I/O failure).
    pub async fn wait(self) -> Result<()> {
        match self.task.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(PlatformError::Internal(format!("server failed: {e}"))),
            Err(e) => Err(PlatformError::Internal(format!("server task failed: {e}"))),
        }
    }
}
