//! The command line's order edits and outbox: the same services the app's order page calls.
//! Edits apply to the cache at once and reach the platform with the next `pishkhan sync`.

use clap::Subcommand;
use pishkhan_api::{OrderChange, OrderStatus};
use pishkhan_core::{CoreError, EntryState, OutboxEntry, Pishkhan};

use crate::format::jalali;
use crate::print_json;

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// In a conflict, send your edit again over the platform's version.
    KeepMine { mutation_id: String },
    /// In a conflict, drop your edit and take the platform's version.
    TakePlatform { mutation_id: String },
}

async fn order_id(app: &Pishkhan, number: &str) -> Result<i64, CoreError> {
    Ok(app.order(number).await?.id)
}

fn done(number: &str, status: OrderStatus) {
    println!(
        "Order {number} is now {} here; the change reaches the platform with the next `pishkhan sync`.",
        status.as_str()
    );
}

pub async fn set_status(app: &Pishkhan, number: &str, status: &str) -> Result<(), CoreError> {
    let status = crate::args::status(status)?;
    let order = app
        .set_order_status(order_id(app, number).await?, status)
        .await?;
    done(number, order.status);
    Ok(())
}

pub async fn ship(
    app: &Pishkhan,
    number: &str,
    carrier: &str,
    tracking: &str,
    parcel: Option<i64>,
) -> Result<(), CoreError> {
    let order = app
        .ship_order(order_id(app, number).await?, parcel, carrier, tracking)
        .await?;
    done(number, order.status);
    Ok(())
}

pub async fn note(app: &Pishkhan, number: &str, text: &str) -> Result<(), CoreError> {
    app.add_order_note(order_id(app, number).await?, text)
        .await?;
    println!("Note added to order {number}; it reaches the platform with the next sync.");
    Ok(())
}

pub async fn cancel(app: &Pishkhan, number: &str) -> Result<(), CoreError> {
    let order = app.cancel_order(order_id(app, number).await?).await?;
    done(number, order.status);
    Ok(())
}

fn describe(change: &OrderChange) -> String {
    match change {
        OrderChange::SetStatus { status } => format!("set status {}", status.as_str()),
        OrderChange::Ship {
            carrier,
            tracking_code,
            ..
        } => format!("ship with {carrier}, tracking {tracking_code}"),
        OrderChange::AddNote { .. } => "add a note".into(),
        OrderChange::Cancel => "cancel".into(),
    }
}

fn line(e: &OutboxEntry) {
    let why = match e.state {
        EntryState::Conflict => format!(
            "CONFLICT: the platform changed {} since; decide with `pishkhan outbox keep-mine|take-platform {}`",
            e.conflict_fields
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            e.mutation_id
        ),
        EntryState::Pending if e.attempts > 0 => format!(
            "waiting; {} tries so far, last: {}",
            e.attempts,
            e.last_error.as_deref().unwrap_or("-")
        ),
        EntryState::Pending => "waiting for the next sync".into(),
    };
    println!(
        "{}  order {}  {}  ({})\n    {why}",
        jalali(&e.created_at),
        e.order_number.as_deref().unwrap_or("?"),
        describe(&e.change),
        e.mutation_id
    );
}

pub async fn outbox(
    app: &Pishkhan,
    command: Option<OutboxCommand>,
    json: bool,
) -> Result<(), CoreError> {
    match command {
        Some(OutboxCommand::KeepMine { mutation_id }) => {
            app.keep_my_edit(&mutation_id).await?;
            println!("Your edit will be sent again with the next sync.");
        }
        Some(OutboxCommand::TakePlatform { mutation_id }) => {
            app.take_platform_version(&mutation_id).await?;
            println!("Your edit was dropped; the order shows the platform's version.");
        }
        None => {
            let waiting = app.outbox().await?;
            let rejected = app.rejected_edits().await?;
            if json {
                return print_json(
                    &serde_json::json!({ "waiting": waiting, "rejected": rejected }),
                );
            }
            if waiting.is_empty() {
                println!("No edits are waiting.");
            }
            for e in &waiting {
                line(e);
            }
            if !rejected.is_empty() {
                println!("\nRejected by the platform (latest first):");
                for r in rejected.iter().take(10) {
                    println!(
                        "{}  order {}  {}: {}",
                        jalali(&r.at),
                        r.order_number.as_deref().unwrap_or("?"),
                        describe(&r.change),
                        r.message
                    );
                }
            }
        }
    }
    Ok(())
}
