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
