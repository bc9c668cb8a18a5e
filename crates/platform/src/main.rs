//! `pishkhan-platform`: run the reference hosted platform, or print its API document.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pishkhan_platform::{Platform, PlatformConfig};

#[derive(Parser)]
#[command(
    name = "pishkhan-platform",
    version,
    about = "Pishkhan's reference hosted platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the platform API. The first line printed is the URL it listens on.
    Serve {
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// Folder of the platform's database (created when missing).
        #[arg(long)]
        data_dir: PathBuf,
        /// Admin token for /admin routes; a random one is made and printed when absent.
        #[arg(long, env = "PISHKHAN_ADMIN_TOKEN")]
        admin_token: Option<String>,
        /// Create the demo merchant with this many generated orders (10 to 1000000), unless it exists.
        #[arg(long, value_parser = clap::value_parser!(u64).range(10..=1_000_000))]
        demo_orders: Option<u64>,
        /// Seed of the demo data generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Lifetime of access tokens, in seconds.
        #[arg(long, default_value_t = 3600)]
        access_token_ttl: i64,
    },
    /// Print the OpenAPI 3.1 document (YAML) of the platform API.
    Openapi,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Openapi => match pishkhan_platform::openapi::yaml() {
            Ok(doc) => {
                print!("{doc}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot produce the API document: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Serve {
            listen,
            data_dir,
            admin_token,
            demo_orders,
            seed,
            access_token_ttl,
        } => {
            tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| "info,sqlx=warn".into()),
                )
                .with_writer(std::io::stderr)
                .init();
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    return ExitCode::FAILURE;
                }
            };
            runtime.block_on(async move {
                let mut config = PlatformConfig::new(data_dir);
                config.listen = listen;
                let generated_token = admin_token.is_none();
                if let Some(t) = admin_token {
                    config.admin_token = t;
                }
                config.demo_orders = demo_orders;
                config.demo_seed = seed;
                config.access_token_ttl_secs = access_token_ttl;
                let platform = match Platform::start(config).await {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("error: the platform could not start: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                // Whoever started us may stop reading after the first line (the URL): a
                // closed stdout must not bring the server down.
                use std::io::Write;
                let mut out = std::io::stdout();
                let _ = writeln!(out, "{}", platform.url);
                if generated_token {
                    let _ = writeln!(out, "admin token: {}", platform.admin_token);
                }
                if demo_orders.is_some() {
                    let _ = writeln!(
                        out,
                        "demo merchant: {} / {}",
                        pishkhan_platform::DEMO_EMAIL,
                        pishkhan_platform::DEMO_PASSWORD
                    );
                }
                let _ = out.flush();
                tokio::select! {
                    r = platform.wait() => match r {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) => { eprintln!("error: {e}"); ExitCode::FAILURE }
                    },
                    _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
                }
            })
        }
    }
}
