//! `pishkhan`: the command line over Pishkhan's core — the same services the desktop app
//! calls, for scripts, support and tests.
//!
//! Errors are sentences (English, then Persian) on stderr with a non-zero exit code that tells
//! the kind: 2 bad input, 3 not signed in, 4 platform unreachable, 5 wrong password or ended
//! session, 6 not found, 1 anything else.

mod format;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use pishkhan_api::OrderStatus;
use pishkhan_core::{CoreError, CustomerQuery, OrderQuery, Pishkhan};

#[derive(Parser)]
#[command(
    name = "pishkhan",
    version,
    about = "Pishkhan: your store's orders and customers, offline"
)]
struct Cli {
    /// The app's data folder (default: the OS's data folder for the app).
    #[arg(long, global = true, env = "PISHKHAN_DATA_DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sign in to the platform.
    Login {
        /// The platform's address, e.g. https://shop.example or http://127.0.0.1:8787.
        #[arg(long)]
        platform: String,
        #[arg(long)]
        email: String,
        /// The password (or set PISHKHAN_PASSWORD).
        #[arg(long, env = "PISHKHAN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Sign out and erase this account's data from this computer.
    Logout,
    /// Bring the cache up to date with the platform.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Who is signed in, what is cached, when it last synced.
    Status {
        /// Also compute the content checksum of the cache (comparable with the platform's).
        #[arg(long)]
        checksum: bool,
        #[arg(long)]
        json: bool,
    },
    /// The cached orders.
    Orders {
        #[command(subcommand)]
        command: OrdersCommand,
    },
    /// The cached customers.
    Customers {
        #[command(subcommand)]
        command: CustomersCommand,
    },
}

#[derive(Subcommand)]
enum OrdersCommand {
    /// List orders, newest first.
    List(OrdersList),
    /// Show one order by its number.
    Show {
        number: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct OrdersList {
    /// pending_payment, processing, shipped, delivered, cancelled or refunded.
    #[arg(long)]
    status: Option<String>,
    /// Words to find in the number, buyer, mobile, email, postal code, city or products.
    #[arg(long)]
    search: Option<String>,
    #[arg(long, default_value_t = 20)]
    limit: u32,
    /// Continue after this position: the `nextAfter` of the previous page.
    #[arg(long)]
    after: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum CustomersCommand {
    /// List customers by name.
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PISHKHAN_LOG")
                .unwrap_or_else(|_| "warn".into()),
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
    let data_dir = cli.data_dir.unwrap_or_else(Pishkhan::default_data_dir);
    let app = Pishkhan::new(data_dir);
    match runtime.block_on(run(&app, cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}\n{}", e.message_en(), e.message_fa());
            ExitCode::from(exit_code(&e))
        }
    }
}

fn exit_code(e: &CoreError) -> u8 {
    match e {
        CoreError::InvalidInput(_) => 2,
        CoreError::NotSignedIn | CoreError::NoStore => 3,
        CoreError::PlatformUnreachable { .. } => 4,
        CoreError::WrongCredentials | CoreError::SessionExpired => 5,
        CoreError::OrderNotFound(_) => 6,
        _ => 1,
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CoreError> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    println!("{text}");
    Ok(())
}

async fn run(app: &Pishkhan, command: Command) -> Result<(), CoreError> {
    match command {
        Command::Login {
            platform,
            email,
            password,
        } => {
            let status = app.login(&platform, &email, &password).await?;
            println!(
                "Signed in to {} as {} ({}). Run `pishkhan sync` to fetch the orders.",
                status.store_name.unwrap_or_default(),
                status.merchant_name.unwrap_or_default(),
                status.platform_url.unwrap_or_default()
            );
        }
        Command::Logout => {
            app.logout().await?;
            println!("Signed out; this account's data was erased from this computer.");
        }
        Command::Sync { json } => {
            let show_progress = !json;
            let report = app
                .sync(&move |p| {
                    if show_progress {
                        format::progress_line(&p);
                    }
                })
                .await?;
            if json {
                print_json(&report)?;
            } else {
                eprintln!();
                println!(
                    "Synced in {:.1} s: {} orders and {} customers received, {} orders and {} customers deleted, {} pages.",
                    report.duration_ms as f64 / 1000.0,
                    report.orders_upserted,
                    report.customers_upserted,
                    report.orders_deleted,
                    report.customers_deleted,
                    report.pages
                );
            }
        }
        Command::Status { checksum, json } => {
            let status = app.status().await?;
            let sum = if checksum && status.signed_in {
                Some(app.checksum().await?)
            } else {
                None
            };
            if json {
                print_json(&serde_json::json!({ "status": status, "checksum": sum }))?;
            } else {
                format::status(&status, sum.as_ref());
            }
        }
        Command::Orders {
            command: OrdersCommand::List(args),
        } => {
            let status = match args.status.as_deref() {
                Some(s) => Some(OrderStatus::parse(s.trim()).ok_or_else(|| {
                    CoreError::InvalidInput(format!(
                        "unknown status {s:?}; use one of pending_payment, processing, shipped, delivered, cancelled, refunded"
                    ))
                })?),
                None => None,
            };
            let query = OrderQuery {
                status,
                search: args.search,
                limit: Some(args.limit),
                after: args.after,
            };
            let page = app.orders(&query).await?;
            if args.json {
                print_json(&page)?;
            } else {
                format::orders(&page);
            }
        }
        Command::Orders {
            command: OrdersCommand::Show { number, json },
        } => {
            let order = app.order(&number).await?;
            if json {
                print_json(&order)?;
            } else {
                format::order(&order);
            }
        }
        Command::Customers {
            command:
                CustomersCommand::List {
                    search,
                    limit,
                    json,
                },
        } => {
            let list = app
                .customers(&CustomerQuery {
                    search,
                    limit: Some(limit),
                })
                .await?;
            if json {
                print_json(&list)?;
            } else {
                format::customers(&list);
            }
        }
    }
    Ok(())
}
