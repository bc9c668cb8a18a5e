//! `pishkhan`: the command line over Pishkhan's core — the same services the desktop app
//! calls, for scripts, support and tests.
//!
//! Errors are sentences (English, then Persian) on stderr with a non-zero exit code that tells
//! the kind: 2 bad input, 3 not signed in, 4 platform unreachable, 5 wrong password or ended
//! session, 6 not found, 7 edits still waiting (logout), 8 the keychain or passphrase (none
//! available, locked, wrong, or the local data does not open with its key), 1 anything else.

mod format;

use std::path::PathBuf;
use std::process::ExitCode;

mod account;
mod args;
mod edits;
mod kyc;

use clap::{Args, Parser, Subcommand};
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
    /// The passphrase that protects this computer's data where no keychain is used. Set
    /// PISHKHAN_PASSPHRASE rather than the flag, so it stays out of the process list. Given at
    /// `login`, it seals the account's keys instead of the OS keychain.
    #[arg(
        long,
        global = true,
        env = "PISHKHAN_PASSPHRASE",
        hide_env_values = true
    )]
    passphrase: Option<String>,
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
    Logout {
        /// Sign out even though edits have not reached the platform (they are lost).
        #[arg(long)]
        discard_edits: bool,
    },
    /// Where this merchant is signed in (when, which app or browser, which device); `--revoke
    /// ID` signs one of the other sessions out.
    Sessions {
        #[arg(long)]
        revoke: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// The merchant's stores (the current one marked); `--use ID` switches to another. Each
    /// store keeps its own cache and outbox on this computer; `pishkhan sync` then fetches it.
    Stores {
        #[arg(long = "use", value_name = "ID")]
        use_store: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// The store's notification settings: get, or set sms-on-new-order on|off.
    Settings {
        #[command(subcommand)]
        command: account::SettingsCommand,
    },
    /// Your data: export it to a file, or sign out and erase it from this computer.
    Privacy {
        #[command(subcommand)]
        command: account::PrivacyCommand,
    },
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
    /// Edits waiting for the platform (and why), recent rejections; resolve conflicts.
    Outbox {
        #[command(subcommand)]
        command: Option<edits::OutboxCommand>,
        #[arg(long)]
        json: bool,
    },
    /// Identity verification: check values, prepare an ID card photo, submit, see the answer.
    Kyc {
        #[command(subcommand)]
        command: kyc::KycCommand,
    },
    /// Save the cached orders or customers (with the list filters) to a CSV or XLSX file.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Every order matching the filters.
    Orders {
        #[command(flatten)]
        file: ExportFile,
        #[command(flatten)]
        filters: OrderFilters,
    },
    /// Every customer matching the search.
    Customers {
        #[command(flatten)]
        file: ExportFile,
        #[arg(long)]
        search: Option<String>,
    },
}

#[derive(Args)]
struct ExportFile {
    /// The file to write; replaced only once the export is complete.
    #[arg(long)]
    out: PathBuf,
    /// csv or xlsx (default: from the file's extension, else csv).
    #[arg(long)]
    format: Option<String>,
    /// The language of headers, statuses and dates: fa (Jalali) or en (Gregorian).
    #[arg(long, default_value = "fa")]
    lang: String,
}

#[derive(Subcommand)]
enum OrdersCommand {
    /// List orders, newest first.
    List(OrdersList),
    /// Change an order's status (sent to the platform by the next sync).
    SetStatus { number: String, status: String },
    /// Mark an order's parcels shipped with a carrier and tracking code.
    Ship {
        number: String,
        #[arg(long)]
        carrier: String,
        #[arg(long)]
        tracking: String,
        /// Only this parcel (its id, see `orders show`); default: every pending parcel.
        #[arg(long)]
        parcel: Option<i64>,
    },
    /// Add an internal note to an order.
    Note { number: String, text: String },
    /// Cancel an order that has not shipped.
    Cancel { number: String },
    /// Show one order by its number.
    Show {
        number: String,
        #[arg(long)]
        json: bool,
    },
}

/// The orders list's filters, shared by `orders list` and `export orders`.
#[derive(Args)]
struct OrderFilters {
    /// Words to find in the number, buyer, mobile, email, postal code, city or products.
    #[arg(long)]
    search: Option<String>,
    /// pending_payment, processing, shipped, delivered, cancelled or refunded.
    #[arg(long)]
    status: Option<String>,
    /// unpaid, paid or refunded.
    #[arg(long)]
    payment: Option<String>,
    /// A shipping method's name, e.g. "پست پیشتاز".
    #[arg(long)]
    shipping: Option<String>,
    #[arg(long)]
    province: Option<String>,
    #[arg(long)]
    city: Option<String>,
    /// A customer's id.
    #[arg(long)]
    customer: Option<i64>,
    /// Smallest final total, in Toman (Persian digits accepted).
    #[arg(long)]
    min_toman: Option<String>,
    /// Largest final total, in Toman.
    #[arg(long)]
    max_toman: Option<String>,
    /// First day, Jalali (1403/05/01) or Gregorian (2024-07-22), Tehran time.
    #[arg(long)]
    from: Option<String>,
    /// Last day (included), Jalali or Gregorian.
    #[arg(long)]
    to: Option<String>,
    /// date, amount or status.
    #[arg(long, default_value = "date")]
    sort: String,
    /// Oldest, smallest or earliest status first.
    #[arg(long)]
    asc: bool,
}

#[derive(Args)]
struct OrdersList {
    #[command(flatten)]
    filters: OrderFilters,
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
    /// List customers, newest first.
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Continue after this position: the `nextAfter` of the previous page.
        #[arg(long)]
        after: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `pishkhan orders list | head` closes the pipe early: end quietly, as command-line tools do,
/// instead of panicking inside `println!`.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: restoring the default disposition of SIGPIPE at start-up, before any thread
    // exists, is what C programs get by default; Rust's runtime had set it to "ignore".
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let data_dir = cli.data_dir.unwrap_or_else(Pishkhan::default_data_dir);
    pishkhan_core::logging::init(&data_dir, "warn", "info,sqlx=warn");
    let app = Pishkhan::new(data_dir);
    let passphrase = cli.passphrase;
    let command = cli.command;
    let result = runtime.block_on(async {
        let result = async {
            if let Some(p) = passphrase {
                app.use_passphrase(&p)?;
            }
            run(&app, command).await
        }
        .await;
        // The databases are closed before the process ends: their connections live on threads
        // of their own, which must not be finishing SQLCipher work while the exit handlers
        // tear down the crypto library under them (a command could end in a crash after its
        // work was done).
        app.shutdown(std::time::Duration::from_secs(10)).await;
        result
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}\n{}", e.message_en(), e.message_fa());
            ExitCode::from(exit_code(&e))
        }
    }
}

fn exit_code(e: &CoreError) -> u8 {
    match e {
        CoreError::InvalidInput(_)
        | CoreError::Invalid { .. }
        | CoreError::Refused { .. }
        | CoreError::Image(_) => 2,
        CoreError::EditsWaiting(_) => 7,
        CoreError::NotSignedIn | CoreError::NoStore => 3,
        CoreError::PlatformUnreachable { .. } => 4,
        CoreError::WrongCredentials | CoreError::SessionExpired => 5,
        CoreError::OrderNotFound(_) | CoreError::CustomerNotFound(_) => 6,
        CoreError::KeychainUnavailable(_)
        | CoreError::KeychainFailed(_)
        | CoreError::Locked
        | CoreError::WrongPassphrase
        | CoreError::SecretsMissing
        | CoreError::CacheUnreadable => 8,
        _ => 1,
    }
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CoreError> {
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
        Command::Logout { discard_edits } => {
            app.logout(discard_edits).await?;
            println!("Signed out; this account's data was erased from this computer.");
        }
        Command::Sessions { revoke, json } => account::sessions(app, revoke, json).await?,
        Command::Stores { use_store, json } => account::stores(app, use_store, json).await?,
        Command::Settings { command } => account::settings(app, command).await?,
        Command::Privacy { command } => account::privacy(app, command).await?,
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
                println!(
                    "Edits: {} applied by the platform, {} in conflict, {} rejected.",
                    report.pushed, report.conflicts, report.rejected
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
            let query = OrderQuery {
                limit: Some(args.limit),
                after: args.after,
                ..args.filters.query()?
            };
            let page = app.orders(&query).await?;
            let total = app.count_orders(&query).await?;
            if args.json {
                print_json(&serde_json::json!({
                    "orders": page.orders, "nextAfter": page.next_after, "total": total
                }))?;
            } else {
                format::orders(&page, total);
            }
        }
        Command::Orders {
            command: OrdersCommand::SetStatus { number, status },
        } => edits::set_status(app, &number, &status).await?,
        Command::Orders {
            command:
                OrdersCommand::Ship {
                    number,
                    carrier,
                    tracking,
                    parcel,
                },
        } => edits::ship(app, &number, &carrier, &tracking, parcel).await?,
        Command::Orders {
            command: OrdersCommand::Note { number, text },
        } => edits::note(app, &number, &text).await?,
        Command::Orders {
            command: OrdersCommand::Cancel { number },
        } => edits::cancel(app, &number).await?,
        Command::Outbox { command, json } => edits::outbox(app, command, json).await?,
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
                    after,
                    json,
                },
        } => {
            let query = CustomerQuery {
                search,
                limit: Some(limit),
                after,
            };
            let page = app.customers(&query).await?;
            let total = app.count_customers(&query).await?;
            if json {
                print_json(&serde_json::json!({
                    "customers": page.customers, "nextAfter": page.next_after, "total": total
                }))?;
            } else {
                format::customers(&page, total);
            }
        }
        Command::Kyc { command } => kyc::run(app, command).await?,
        Command::Export { what } => {
            let result = match what {
                ExportCommand::Orders { file, filters } => {
                    let (format, lang) = file.options()?;
                    app.export_orders(&filters.query()?, &file.out, format, lang)
                        .await?
                }
                ExportCommand::Customers { file, search } => {
                    let (format, lang) = file.options()?;
                    let query = CustomerQuery {
                        search,
                        ..CustomerQuery::default()
                    };
                    app.export_customers(&query, &file.out, format, lang)
                        .await?
                }
            };
            println!("{} rows written to {}", result.rows, result.path.display());
        }
    }
    Ok(())
}
