//! Names of statuses as merchants read them, in Persian and English. The UI has its own
//! translations for the screen; these are for what leaves the app as text: exports and the CLI.

use pishkhan_api::{OrderStatus, PaymentStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language of text the core writes for people (export headers, labels).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fa,
    En,
}

impl Language {
    pub fn pick<'a>(self, fa: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Fa => fa,
            Language::En => en,
        }
    }
}

pub fn order_status(s: OrderStatus, lang: Language) -> &'static str {
    use OrderStatus::*;
    match (s, lang) {
        (PendingPayment, Language::Fa) => "در انتظار پرداخت",
        (PendingPayment, Language::En) => "Pending payment",
        (Processing, Language::Fa) => "در حال پردازش",
        (Processing, Language::En) => "Processing",
        (Shipped, Language::Fa) => "ارسال‌شده",
        (Shipped, Language::En) => "Shipped",
        (Delivered, Language::Fa) => "تحویل‌شده",
        (Delivered, Language::En) => "Delivered",
        (Cancelled, Language::Fa) => "لغوشده",
        (Cancelled, Language::En) => "Cancelled",
        (Refunded, Language::Fa) => "مرجوع‌شده",
        (Refunded, Language::En) => "Refunded",
    }
}

pub fn payment_status(s: PaymentStatus, lang: Language) -> &'static str {
    match (s, lang) {
        (PaymentStatus::Unpaid, Language::Fa) => "پرداخت‌نشده",
        (PaymentStatus::Unpaid, Language::En) => "Unpaid",
        (PaymentStatus::Paid, Language::Fa) => "پرداخت‌شده",
        (PaymentStatus::Paid, Language::En) => "Paid",
        (PaymentStatus::Refunded, Language::Fa) => "بازپرداخت‌شده",
        (PaymentStatus::Refunded, Language::En) => "Refunded",
    }
}

/// Rials as Toman with thousands separators: `1,250,000` for 12,500,000 Rials.
pub fn toman(rials: i64) -> String {
    let toman = rials / 10;
    let digits = toman.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if toman < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
