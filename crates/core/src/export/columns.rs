//! What an exported order or customer row holds, and the header naming each column in the
//! merchant's language. Amounts are numbers of Rials; the header says so.

use pishkhan_api::{Customer, Order};

use super::sheet::Cell;
use super::Language;
use crate::cache::customers::CustomerSummary;
use crate::cache::orders::{display_mobile, shipping_method};
use crate::{labels, tehran};

pub fn order_header(lang: Language) -> Vec<&'static str> {
    let fa = [
        "شماره سفارش",
        "تاریخ",
        "وضعیت",
        "وضعیت پرداخت",
        "مشتری",
        "موبایل",
        "ایمیل",
        "استان",
        "شهر",
        "نشانی",
        "کد پستی",
        "روش ارسال",
        "کد رهگیری",
        "اقلام",
        "تعداد اقلام",
        "جمع کالاها (ریال)",
        "هزینهٔ ارسال (ریال)",
        "تخفیف (ریال)",
        "مالیات بر ارزش افزوده (ریال)",
        "مبلغ نهایی (ریال)",
        "یادداشت",
    ];
    let en = [
        "Order number",
        "Date (Tehran)",
        "Status",
        "Payment",
        "Customer",
        "Mobile",
        "Email",
        "Province",
        "City",
        "Address",
        "Postal code",
        "Shipping method",
        "Tracking code",
        "Items",
        "Item count",
        "Items total (IRR)",
        "Shipping (IRR)",
        "Discount (IRR)",
        "VAT (IRR)",
        "Final total (IRR)",
        "Note",
    ];
    match lang {
        Language::Fa => fa.to_vec(),
        Language::En => en.to_vec(),
    }
}

fn date(at: chrono::DateTime<chrono::Utc>, lang: Language) -> String {
    match lang {
        Language::Fa => tehran::jalali_datetime(at),
        Language::En => tehran::gregorian_datetime(at),
    }
}

pub fn order_row(o: &Order, lang: Language) -> Vec<Cell> {
    let a = &o.shipping_address;
    let inv = &o.invoice;
    let items = inv
        .invoice_items
        .iter()
        .map(|i| {
            let variant = i
                .variant_attributes
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join("، ");
            let name = if variant.is_empty() {
                i.name.clone()
            } else {
                format!("{} ({variant})", i.name)
            };
            format!("{name} × {}", i.no_of_items)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let tracking = inv
        .shipping_items
        .iter()
        .filter_map(|s| s.tracking_code.clone())
        .collect::<Vec<_>>()
        .join(" ");
    vec![
        Cell::text(o.order_number.as_str()),
        Cell::text(date(o.created_at, lang)),
        Cell::text(labels::order_status(o.status, lang)),
        Cell::text(labels::payment_status(o.payment_status, lang)),
        Cell::text(o.customer_name()),
        a.mobile_phone
            .as_deref()
            .map_or(Cell::Empty, |m| Cell::text(display_mobile(m))),
        Cell::opt(a.email.as_ref()),
        Cell::opt(a.region.as_ref()),
        Cell::opt(a.city.as_ref()),
        Cell::opt(a.address.as_ref()),
        Cell::opt(a.postal_code.as_ref()),
        shipping_method(o).map_or(Cell::Empty, Cell::text),
        if tracking.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(tracking)
        },
        Cell::Text(items),
        Cell::Number(inv.invoice_items.iter().map(|i| i.no_of_items).sum()),
        Cell::Number(inv.net_total),
        Cell::Number(inv.shipping_total),
        Cell::Number(inv.discount_total),
        Cell::Number(inv.vat),
        Cell::Number(inv.final_total),
        Cell::opt(o.note.as_ref()),
    ]
}

pub fn customer_header(lang: Language) -> Vec<&'static str> {
    match lang {
        Language::Fa => vec![
            "نام",
            "موبایل",
            "ایمیل",
            "استان",
            "شهر",
            "نشانی",
            "کد پستی",
            "تعداد سفارش‌ها",
            "جمع خرید (ریال)",
            "نخستین سفارش",
            "آخرین سفارش",
            "تاریخ عضویت",
        ],
        Language::En => vec![
            "Name",
            "Mobile",
            "Email",
            "Province",
            "City",
            "Address",
            "Postal code",
            "Orders",
            "Total spent (IRR)",
            "First order",
            "Last order",
            "Customer since",
        ],
    }
}

pub fn customer_row(c: &Customer, s: &CustomerSummary, lang: Language) -> Vec<Cell> {
    let address = c.addresses.first();
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map_or(Cell::Empty, |t| Cell::Text(date(t, lang)))
    };
    vec![
        Cell::text(c.full_name()),
        c.mobile_phone
            .as_deref()
            .map_or(Cell::Empty, |m| Cell::text(display_mobile(m))),
        Cell::opt(c.email.as_ref()),
        Cell::opt(address.map(|a| &a.region)),
        Cell::opt(address.map(|a| &a.city)),
        Cell::opt(address.map(|a| &a.address)),
        Cell::opt(address.map(|a| &a.postal_code)),
        Cell::Number(s.order_count),
        Cell::Number(s.total_spent),
        when(s.first_order_at),
        when(s.last_order_at),
        Cell::Text(date(c.created_at, lang)),
    ]
}
