//! `pishkhan-bench`: prints figures for Pishkhan's cache (see the library's documentation).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "pishkhan-bench", about = "Benchmarks of Pishkhan's cache")]
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
        Command::Sql {
            db,
            analyze,
            runs,
            sql,
        } => pishkhan_bench::explain(&db, analyze, runs, &sql).await?,
    }
    Ok(())
}
