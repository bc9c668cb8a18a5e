//! `pishkhan-bench`: prints figures for Pishkhan's cache (see the library's documentation).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "pishkhan-bench",
    about = "Benchmarks of Pishkhan's cache and sync"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Orders list, filters, search, counts, dashboard and export over a generated cache.
    Review {
        /// Orders in the generated cache (customers: a third of that).
        #[arg(long, default_value_t = 1_000_000)]
        orders: u64,
        /// Where the cache is kept between runs.
        #[arg(long, default_value = "target/bench/review")]
        dir: PathBuf,
        /// Build the cache anew even if a matching one is there.
        #[arg(long)]
        rebuild: bool,
        /// Timed runs per case (after a warm-up).
        #[arg(long, default_value_t = 200)]
        runs: usize,
        /// The demo generator's seed.
        #[arg(long, default_value_t = 20_260_301)]
        seed: u64,
    },
    /// A store's first sync from the platform on loopback (the app side in its own process:
    /// wall time, records/s, peak memory), beside the straight insert of the same rows into
    /// the same schema, for each store size.
    Sync {
        /// Store sizes in orders, comma-separated (customers: a third of each).
        #[arg(long, value_delimiter = ',', default_values_t = [10_000u64, 100_000, 1_000_000])]
        orders: Vec<u64>,
        /// Where the platform databases and the caches are made.
        #[arg(long, default_value = "target/bench/sync")]
        dir: PathBuf,
        /// Keep each platform database for the next run, which reuses it (a million orders
        /// take minutes to generate); otherwise it is removed once measured.
        #[arg(long)]
        keep_platform: bool,
        /// The demo generator's seed.
        #[arg(long, default_value_t = 20_260_301)]
        seed: u64,
    },
    /// The ID card image pipeline on a 12-megapixel phone photo with EXIF, beside ImageMagick
    /// (`convert IN -auto-orient -strip -resize 2000x2000> -quality 85 OUT`) in the same run.
    Image {
        /// Timed runs of each (after one warm-up).
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Where the input and both outputs are written.
        #[arg(long, default_value = "target/bench/image")]
        dir: PathBuf,
    },
    /// The release app's start-up and memory through WebDriver (run it with
    /// scripts/bench-startup.sh, which builds it and provides Xvfb and a keychain): launch to
    /// the first orders of a cached store beside launch to the sign-in screen, memory of the
    /// process tree idle and after scrolling a large store to its end, binary and .deb sizes.
    Startup {
        /// Counted launches of each kind (after one warm-up launch of each).
        #[arg(long, default_value_t = 7)]
        runs: usize,
        /// Orders in the store launched to its first orders.
        #[arg(long, default_value_t = 10_000)]
        orders: u64,
        /// Orders in the store scrolled to its end (0: skip the scroll).
        #[arg(long, default_value_t = 100_000)]
        scroll_orders: u64,
        /// Where the platform data folders (kept), app data folders, webview profile, logs
        /// and report.json are.
        #[arg(long, default_value = "target/bench/startup")]
        dir: PathBuf,
        /// Where pishkhan-app, pishkhan-platform and pishkhan are.
        #[arg(long, default_value = "target/release")]
        bin_dir: PathBuf,
        /// Seconds idle before each idle memory figure.
        #[arg(long, default_value_t = 5)]
        idle_secs: u64,
        /// Milliseconds between the polls for the first row.
        #[arg(long, default_value_t = 10)]
        poll_ms: u64,
        /// A new connection to tauri-driver for each WebDriver call (`Connection: close`)
        /// instead of one kept alive.
        #[arg(long)]
        connection_per_call: bool,
    },
    /// The app side of `sync`, run by it as a child process: signs in on a fresh data folder,
    /// syncs, prints one JSON line of figures.
    #[command(hide = true)]
    SyncClient {
        #[arg(long)]
        url: String,
        #[arg(long)]
        data_dir: PathBuf,
    },
    /// Shows how SQLite runs one statement on a cache (the plan, rows and timings): for
    /// investigating a slow case with the same SQLite build the app links.
    Sql {
        /// The cache file (e.g. target/bench/review/cache.db).
        #[arg(long)]
        db: PathBuf,
        /// Run a full `ANALYZE` first (statistics including sqlite_stat4), instead of only what
        /// `Cache::optimize` collected.
        #[arg(long)]
        analyze: bool,
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// The statement; `?` parameters are not supported, write literals.
        sql: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Review {
            orders,
            dir,
            rebuild,
            runs,
            seed,
        } => {
            pishkhan_bench::review::run(&pishkhan_bench::review::Options {
                orders,
                dir,
                rebuild,
                runs,
                seed,
                progress: true,
            })
            .await?;
        }
        Command::Sync {
            orders,
            dir,
            keep_platform,
            seed,
        } => {
            pishkhan_bench::sync::run(&pishkhan_bench::sync::Options {
                orders,
                dir,
                keep_platform,
                seed,
                client_exe: std::env::current_exe()?,
                progress: true,
            })
            .await?;
        }
        Command::Image { runs, dir } => {
            let figures = pishkhan_bench::photo::run(&pishkhan_bench::photo::Options {
                runs,
                dir,
                print: true,
            })
            .await?;
            let _ = figures;
        }
        Command::Startup {
            runs,
            orders,
            scroll_orders,
            dir,
            bin_dir,
            idle_secs,
            poll_ms,
            connection_per_call,
        } => {
            let opts = pishkhan_bench::startup::Options {
                runs,
                orders,
                scroll_orders: (scroll_orders > 0).then_some(scroll_orders),
                dir,
                bin_dir,
                idle: std::time::Duration::from_secs(idle_secs),
                poll: std::time::Duration::from_millis(poll_ms),
                connection_per_call,
            };
            // Processes and blocking WebDriver calls only: off the async runtime's threads.
            let report =
                tokio::task::spawn_blocking(move || pishkhan_bench::startup::run(&opts)).await??;
            pishkhan_bench::startup::print(&report);
        }
        Command::SyncClient { url, data_dir } => {
            let report = pishkhan_bench::sync::client(&url, &data_dir, true).await?;
            println!("{}", serde_json::to_string(&report)?);
        }
        Command::Sql {
            db,
            analyze,
            runs,
            sql,
        } => pishkhan_bench::explain(&db, analyze, runs, &sql).await?,
    }
    Ok(())
}
