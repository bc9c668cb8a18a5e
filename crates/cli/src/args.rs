//! Turning what was typed on the command line (Persian digits, Jalali dates, Toman) into the
//! core's queries, with errors that say which option is wrong and how to write it.

use chrono::NaiveDate;
use pishkhan_api::{OrderStatus, PaymentStatus};
use pishkhan_core::{CoreError, ExportFormat, Language, OrderQuery, SortDirection, SortKey};
use pishkhan_iran::normalize::digits_to_ascii;

use crate::{ExportFile, OrderFilters};

/// A mistake on the command line, said in English and in Persian.
fn invalid(en: String, fa: String) -> CoreError {
    CoreError::invalid(en, fa)
}

/// An order status typed as its code (`shipped`).
pub fn status(typed: &str) -> Result<OrderStatus, CoreError> {
    OrderStatus::parse(typed.trim()).ok_or_else(|| {
        invalid(
            format!("unknown status {typed:?}; use one of pending_payment, processing, shipped, delivered, cancelled, refunded"),
            format!("وضعیت «{typed}» شناخته نیست؛ یکی از pending_payment، processing، shipped، delivered، cancelled یا refunded را بنویسید"),
        )
    })
}

/// A day typed as Jalali `1403/05/01` (or `1403-05-01`) or Gregorian `2024-07-22`, told apart
/// by the year: Jalali years are below 1700.
pub fn day(option: &str, typed: &str) -> Result<NaiveDate, CoreError> {
    let text = digits_to_ascii(typed.trim()).replace('-', "/");
    let bad = || {
        invalid(
            format!("--{option} {typed:?} is not a date; write 1403/05/01 (Jalali) or 2024-07-22"),
            format!(
                "--{option} «{typed}» تاریخ نیست؛ مانند ۱۴۰۳/۰۵/۰۱ (شمسی) یا 2024-07-22 بنویسید"
            ),
        )
    };
    let year: i32 = text
        .split('/')
        .next()
        .and_then(|y| y.parse().ok())
        .ok_or_else(bad)?;
    if year < 1700 {
        let j = pishkhan_iran::jalali::JalaliDate::parse(&text).map_err(|_| bad())?;
        let (y, m, d) = j.to_gregorian();
        NaiveDate::from_ymd_opt(y, m.into(), d.into()).ok_or_else(bad)
    } else {
        NaiveDate::parse_from_str(&text, "%Y/%m/%d").map_err(|_| bad())
    }
}

/// Toman typed with any digits and thousands separators, as Rials.
pub fn toman(option: &str, typed: &str) -> Result<i64, CoreError> {
    let text: String = digits_to_ascii(typed)
        .chars()
        .filter(|c| !matches!(c, ',' | '٬' | '_' | ' '))
        .collect();
    text.parse::<i64>()
        .ok()
        .and_then(|t| t.checked_mul(10))
        .filter(|r| *r >= 0)
        .ok_or_else(|| {
            invalid(
                format!("--{option} {typed:?} is not an amount in Toman; write e.g. 250000"),
                format!("--{option} «{typed}» مبلغی به تومان نیست؛ مثلاً ۲۵۰۰۰۰ بنویسید"),
            )
        })
}

impl OrderFilters {
    pub fn query(&self) -> Result<OrderQuery, CoreError> {
        let status = self.status.as_deref().map(status).transpose()?;
        let payment_status = match self.payment.as_deref().map(str::trim) {
            None => None,
            Some("unpaid") => Some(PaymentStatus::Unpaid),
            Some("paid") => Some(PaymentStatus::Paid),
            Some("refunded") => Some(PaymentStatus::Refunded),
            Some(p) => {
                return Err(invalid(
                    format!("unknown payment status {p:?}; use unpaid, paid or refunded"),
                    format!("وضعیت پرداخت «{p}» شناخته نیست؛ unpaid، paid یا refunded بنویسید"),
                ))
            }
        };
        let sort = match self.sort.trim() {
            "date" => SortKey::Date,
            "amount" => SortKey::Amount,
            "status" => SortKey::Status,
            s => {
                return Err(invalid(
                    format!("unknown sort {s:?}; use date, amount or status"),
                    format!("مرتب‌سازی «{s}» شناخته نیست؛ date، amount یا status بنویسید"),
                ))
            }
        };
        Ok(OrderQuery {
            search: self.search.clone(),
            status,
            payment_status,
            shipping_method: self.shipping.clone(),
            province: self.province.clone(),
            city: self.city.clone(),
            customer_id: self.customer,
            min_total: self
                .min_toman
                .as_deref()
                .map(|t| toman("min-toman", t))
                .transpose()?,
            max_total: self
                .max_toman
                .as_deref()
                .map(|t| toman("max-toman", t))
                .transpose()?,
            from_date: self.from.as_deref().map(|d| day("from", d)).transpose()?,
            to_date: self.to.as_deref().map(|d| day("to", d)).transpose()?,
            sort: Some(sort),
            direction: Some(if self.asc {
                SortDirection::Asc
            } else {
                SortDirection::Desc
            }),
            limit: None,
            after: None,
        })
    }
}

impl ExportFile {
    pub fn options(&self) -> Result<(ExportFormat, Language), CoreError> {
        let format = match self.format.as_deref().map(str::trim) {
            Some("csv") => ExportFormat::Csv,
            Some("xlsx") => ExportFormat::Xlsx,
            Some(f) => {
                return Err(invalid(
                    format!("unknown format {f:?}; use csv or xlsx"),
                    format!("قالب «{f}» شناخته نیست؛ csv یا xlsx بنویسید"),
                ))
            }
            None => ExportFormat::from_path(&self.out).unwrap_or(ExportFormat::Csv),
        };
        let lang = match self.lang.trim() {
            "fa" => Language::Fa,
            "en" => Language::En,
            l => {
                return Err(invalid(
                    format!("unknown language {l:?}; use fa or en"),
                    format!("زبان «{l}» شناخته نیست؛ fa یا en بنویسید"),
                ))
            }
        };
        Ok((format, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_either_calendar() {
        let nowruz = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap();
        assert_eq!(day("from", "1404/01/01").unwrap(), nowruz);
        assert_eq!(day("from", "۱۴۰۴/۰۱/۰۱").unwrap(), nowruz);
        assert_eq!(day("from", "1404-1-1").unwrap(), nowruz);
        assert_eq!(day("from", "2025-03-21").unwrap(), nowruz);
        assert!(day("from", "1403/13/01").is_err());
        assert!(day("from", "yesterday").is_err());
    }

    #[test]
    fn toman_to_rials() {
        assert_eq!(toman("min-toman", "۲۵۰٬۰۰۰").unwrap(), 2_500_000);
        assert_eq!(toman("min-toman", "1,000").unwrap(), 10_000);
        assert!(toman("min-toman", "-5").is_err());
        assert!(toman("min-toman", "ده").is_err());
    }
}
