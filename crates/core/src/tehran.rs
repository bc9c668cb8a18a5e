//! The merchant's calendar day. Iran keeps UTC+03:30 all year (daylight saving time was
//! abolished in 2022), so a day in Tehran is a fixed 24-hour span of UTC instants. Filters by
//! date, the dashboard's daily series and exported dates all use these functions, never the
//! computer's own time zone.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// Tehran's offset from UTC in milliseconds.
pub const OFFSET_MS: i64 = (3 * 3600 + 30 * 60) * 1000;
pub const DAY_MS: i64 = 86_400_000;

/// Checked when the crate compiles: an invalid offset would be a build error, not a panic.
const OFFSET: FixedOffset = match FixedOffset::east_opt((OFFSET_MS / 1000) as i32) {
    Some(o) => o,
    None => panic!("+03:30 is a valid offset"),
};

pub fn offset() -> FixedOffset {
    OFFSET
}

/// The UTC instant (ms) at which `day` starts in Tehran.
pub fn day_start_ms(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_millis() - OFFSET_MS)
        .unwrap_or_default()
}

/// The Tehran day an instant (ms) falls on.
pub fn date_of_ms(ms: i64) -> NaiveDate {
    day_number_date(day_number(ms))
}

/// Days since 1970-01-01 (Tehran) of an instant; what SQL computes as
/// `(created_at + OFFSET_MS) / DAY_MS`.
pub fn day_number(ms: i64) -> i64 {
    (ms + OFFSET_MS).div_euclid(DAY_MS)
}

pub fn day_number_date(day: i64) -> NaiveDate {
    NaiveDate::default() + Duration::days(day)
}

/// An instant as Tehran local time.
pub fn local(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&offset())
}

/// `1403/12/30 14:05`: Jalali date and Tehran time.
pub fn jalali_datetime(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let t = local(at);
    format!(
        "{} {:02}:{:02}",
        jalali_date(t.date_naive()),
        t.hour(),
        t.minute()
    )
}

/// `2025-03-20 14:05`: Gregorian date and Tehran time.
pub fn gregorian_datetime(at: DateTime<Utc>) -> String {
    local(at).format("%Y-%m-%d %H:%M").to_string()
}

/// `1403/12/30`; the Gregorian `2025-03-20` for a date outside the Jalali converter's range.
pub fn jalali_date(day: NaiveDate) -> String {
    use chrono::Datelike;
    match pishkhan_iran::jalali::JalaliDate::from_gregorian(
        day.year(),
        day.month() as u8,
        day.day() as u8,
    ) {
        Ok(j) => j.to_string(),
        Err(_) => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_tehran() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap();
        let start = day_start_ms(d);
        // 2025-03-21 00:00 in Tehran is 2025-03-20 20:30 UTC.
        assert_eq!(
            DateTime::from_timestamp_millis(start).unwrap().to_rfc3339(),
            "2025-03-20T20:30:00+00:00"
        );
        assert_eq!(date_of_ms(start), d);
        assert_eq!(date_of_ms(start - 1), d.pred_opt().unwrap());
        assert_eq!(date_of_ms(start + DAY_MS - 1), d);
        assert_eq!(day_number_date(day_number(start)), d);
        assert_eq!(
            day_number_date(0),
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
        );
        // 2025-03-20 20:30 UTC is the first minute of Nowruz 1404 in Tehran.
        let nowruz = DateTime::from_timestamp_millis(start).unwrap();
        assert_eq!(jalali_datetime(nowruz), "1404/01/01 00:00");
        assert_eq!(gregorian_datetime(nowruz), "2025-03-21 00:00");
    }
}
