//! How the command line prints things for people: Jalali dates, amounts in Toman with
//! thousands separators, one order or customer a line.

use chrono::{DateTime, Utc};
use pishkhan_api::{ContentChecksum, Order};
use pishkhan_core::{CustomerPage, OrderPage, Status, SyncProgress};
use std::io::Write;

/// `1403/12/30 14:05` in Tehran time.
pub fn jalali(t: &DateTime<Utc>) -> String {
    pishkhan_core::tehran::jalali_datetime(*t)
}

/// Rials as Toman: `12,500,000 T`.
pub fn toman(rials: i64) -> String {
    format!("{} T", pishkhan_core::labels::toman(rials))
}

pub fn progress_line(p: &SyncProgress) {
    let total = p
        .total_estimate
        .map(|t| format!("/{t}"))
        .unwrap_or_default();
    eprint!("\rsyncing: page {}, {}{} changes", p.pages, p.rows, total);
    let _ = std::io::stderr().flush();
}

pub fn status(s: &Status, sum: Option<&ContentChecksum>) {
    if !s.signed_in {
        println!("Not signed in. Run `pishkhan login --platform URL --email E --password P`.");
        return;
    }
    println!("Platform:   {}", s.platform_url.as_deref().unwrap_or(""));
    if s.locked {
        println!("Locked:     this computer's data is sealed with a passphrase; set PISHKHAN_PASSPHRASE.");
        return;
    }
    if s.session_expired {
        println!(
            "Session:    ended by the platform; run `pishkhan login` again (cache and unsent edits are kept)."
        );
    }
    println!(
        "Store:      {} (#{})",
        s.store_name.as_deref().unwrap_or(""),
        s.store_id.unwrap_or(0)
    );
    println!("Merchant:   {}", s.merchant_name.as_deref().unwrap_or(""));
    println!(
        "Last sync:  {}",
        s.last_sync_at
            .as_ref()
            .map(jalali)
            .unwrap_or_else(|| "never".into())
    );
    println!(
        "Cached:     {} orders, {} customers",
        s.order_count, s.customer_count
    );
    if let Some(c) = sum {
        println!("Checksum:   {}", c.checksum);
    }
}

pub fn orders(page: &OrderPage, total: u64) {
    if page.orders.is_empty() {
        println!("No cached orders match. Run `pishkhan sync` to fetch new orders.");
        return;
    }
    println!(
        "{:<9} {:<17} {:<16} {:<24} {:<14} {:>16}",
        "number", "date", "status", "customer", "city", "amount"
    );
    for o in &page.orders {
        println!(
            "{:<9} {:<17} {:<16} {:<24} {:<14} {:>16}",
            o.order_number,
            jalali(&o.created_at),
            o.status.as_str(),
            o.customer_name,
            o.city.as_deref().unwrap_or("-"),
            toman(o.final_total)
        );
    }
    println!("{} of {total} matching orders shown.", page.orders.len());
    if let Some(after) = &page.next_after {
        println!("More: add --after {after}");
    }
}

pub fn order(o: &Order) {
    let a = &o.shipping_address;
    let inv = &o.invoice;
    println!("Order {}  ({})", o.order_number, o.order_identifier);
    println!("Placed:    {}", jalali(&o.created_at));
    println!(
        "Status:    {} / payment {}",
        o.status.as_str(),
        o.payment_status.as_str()
    );
    println!("Customer:  {} {}", a.first_name, a.last_name);
    println!("Mobile:    {}", a.mobile_phone.as_deref().unwrap_or("-"));
    println!(
        "Ship to:   {}، {}، {} — postal code {}",
        a.region.as_deref().unwrap_or("-"),
        a.city.as_deref().unwrap_or("-"),
        a.address.as_deref().unwrap_or("-"),
        a.postal_code.as_deref().unwrap_or("-")
    );
    println!("Items:");
    for item in &inv.invoice_items {
        let variant: Vec<String> = item
            .variant_attributes
            .iter()
            .map(|v| format!("{}: {}", v.name, v.value))
            .collect();
        println!(
            "  {} × {} {} — {}",
            item.no_of_items,
            item.name,
            if variant.is_empty() {
                String::new()
            } else {
                format!("({})", variant.join("، "))
            },
            toman(item.total_items_price)
        );
    }
    for s in &inv.shipping_items {
        println!(
            "Shipping:  {} — {} {}",
            s.rate.name,
            serde_json::to_value(s.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            s.tracking_code
                .as_deref()
                .map(|t| format!("(tracking {t})"))
                .unwrap_or_default()
        );
    }
    println!("Net:       {}", toman(inv.net_total));
    println!("Shipping:  {}", toman(inv.shipping_total));
    println!("Discount:  {}", toman(inv.discount_total));
    println!("VAT ({}%): {}", inv.vat_percent, toman(inv.vat));
    println!("Total:     {}", toman(inv.final_total));
    if let Some(n) = &o.note {
        println!("Note:      {n}");
    }
}

pub fn customers(page: &CustomerPage, total: u64) {
    let list = &page.customers;
    if list.is_empty() {
        println!("No cached customers match.");
        return;
    }
    println!(
        "{:<7} {:<26} {:<15} {:<14} {:>6} {:>16}",
        "id", "name", "mobile", "city", "orders", "spent"
    );
    for c in list {
        println!(
            "{:<7} {:<26} {:<15} {:<14} {:>6} {:>16}",
            c.id,
            c.full_name,
            c.mobile_display.as_deref().unwrap_or("-"),
            c.city.as_deref().unwrap_or("-"),
            c.order_count,
            toman(c.total_spent)
        );
    }
    println!("{} of {total} matching customers shown.", list.len());
    if let Some(after) = &page.next_after {
        println!("More: add --after {after}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toman_groups_thousands() {
        assert_eq!(toman(12_500_000), "1,250,000 T");
        assert_eq!(toman(0), "0 T");
        assert_eq!(toman(-35_000), "-3,500 T");
    }

    #[test]
    fn jalali_uses_tehran_time() {
        // 2025-03-20 21:00 UTC is 2025-03-21 00:30 in Tehran: the first day of 1404.
        let t = DateTime::parse_from_rfc3339("2025-03-20T21:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(jalali(&t), "1404/01/01 00:30");
    }
}
