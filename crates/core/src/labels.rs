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

/// The workflow's own names (`pishkhan_api::workflow`), which refusal messages use too.
pub fn order_status(s: OrderStatus, lang: Language) -> &'static str {
    match lang {
        Language::Fa => s.name_fa(),
        Language::En => s.name_en(),
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
pub use pishkhan_iran::money::toman;
