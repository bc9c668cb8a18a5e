//! Solar Hijri (Jalali, هجری شمسی) calendar: conversion, leap years, parsing and age.
//!
//! Why: Iranian users, documents and banks use Jalali dates (birth dates on national cards,
//! document expiry, invoices), and being one day off around Nowruz breaks KYC checks.
//!
//! The conversion is Borkowski's algorithm exactly as implemented by jalaali-js (a table of
//! "break" years plus 33-year cycles), which matches the astronomical calendar for
//! years −61..=3177. It deliberately does NOT use the arithmetic "2820-year" rule, which gets
//! March 2025 wrong (it makes 1403 common and 1404 leap). Integer division here truncates
//! toward zero, like the `~~(a / b)` used in jalaali-js.
//!
//! Months 1–6 have 31 days, 7–11 have 30, month 12 has 29 (30 in a leap year).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::FieldError;
use crate::normalize::digits_to_ascii;

/// First Jalali year supported by the algorithm.
pub const MIN_YEAR: i32 = -61;
/// Last Jalali year supported by the algorithm.
pub const MAX_YEAR: i32 = 3177;

/// Years at which the 33-year cycle pattern shifts (jalaali-js `breaks`).
const BREAKS: [i64; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// Result of [`jal_cal`]: `leap` is the number of years since the last leap year (0 means `jy`
/// is leap), `gy` the Gregorian year in which `jy` starts, `march` the day of March of
/// 1 Farvardin.
struct Cal {
    leap: i64,
    gy: i64,
    march: i64,
}

/// jalaali-js `jalCal`. Outside `MIN_YEAR..=MAX_YEAR` the result is an extrapolation.
fn jal_cal(jy: i64) -> Cal {
    let gy = jy + 621;
    let mut leap_j: i64 = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump / 33 * 8 + (jump % 33) / 4;
        jp = jm;
    }
    let mut n = jy - jp;
    leap_j += n / 33 * 8 + (n % 33 + 3) / 4;
    if jump % 33 == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy / 4 - (gy / 100 + 1) * 3 / 4 - 150;
    let march = 20 + leap_j - leap_g;
    if jump - n < 6 {
        n = n - jump + (jump + 4) / 33 * 33;
    }
    let mut leap = ((n + 1) % 33 - 1) % 4;
    if leap == -1 {
        leap = 4;
    }
    Cal { leap, gy, march }
}

/// Gregorian date → Julian day number (jalaali-js `g2d`).
fn g2d(gy: i64, gm: i64, gd: i64) -> i64 {
    let d = (gy + (gm - 8) / 6 + 100_100) * 1461 / 4 + (153 * ((gm + 9) % 12) + 2) / 5 + gd
        - 34_840_408;
    d - (gy + 100_100 + (gm - 8) / 6) / 100 * 3 / 4 + 752
}

/// Julian day number → Gregorian date (jalaali-js `d2g`).
fn d2g(jdn: i64) -> (i64, i64, i64) {
    let mut j = 4 * jdn + 139_361_631;
    j += (4 * jdn + 183_187_720) / 146_097 * 3 / 4 * 4 - 3908;
    let i = (j % 1461) / 4 * 5 + 308;
    let gd = (i % 153) / 5 + 1;
    let gm = (i / 153) % 12 + 1;
    let gy = j / 1461 - 100_100 + (8 - gm) / 6;
    (gy, gm, gd)
}

/// Jalali date → Julian day number (jalaali-js `j2d`).
fn j2d(jy: i64, jm: i64, jd: i64) -> i64 {
    let r = jal_cal(jy);
    g2d(r.gy, 3, r.march) + (jm - 1) * 31 - jm / 7 * (jm - 7) + jd - 1
}

/// Julian day number → Jalali date (jalaali-js `d2j`).
fn d2j(jdn: i64) -> (i64, i64, i64) {
    let gy = d2g(jdn).0;
    let mut jy = gy - 621;
    let r = jal_cal(jy);
    let mut k = jdn - g2d(gy, 3, r.march);
    if k >= 0 {
        if k <= 185 {
            return (jy, 1 + k / 31, k % 31 + 1);
        }
        k -= 186;
    } else {
        jy -= 1;
        k += 179;
        if r.leap == 1 {
            k += 1;
        }
    }
    (jy, 7 + k / 30, k % 30 + 1)
}

/// True if Jalali year `jy` has 366 days (Esfand has 30 days).
pub fn is_leap_year(jy: i32) -> bool {
    jal_cal(i64::from(jy)).leap == 0
}

/// Number of days in Jalali month `jm` (1–12) of year `jy`; 0 if `jm` is not 1–12.
pub fn month_length(jy: i32, jm: u8) -> u8 {
    match jm {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_leap_year(jy) => 30,
        12 => 29,
        _ => 0,
    }
}

fn is_gregorian_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn gregorian_month_length(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_gregorian_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date in the Solar Hijri calendar. Ordered chronologically (year, then month, then day).
///
/// Fields are public for convenience; build one with [`JalaliDate::new`],
/// [`JalaliDate::parse`] or [`JalaliDate::from_gregorian`] to be sure it is a real date.
/// Serialises as the string `YYYY/MM/DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JalaliDate {
    /// Solar Hijri year, e.g. 1403.
    pub year: i32,
    /// Month 1 (Farvardin) to 12 (Esfand).
    pub month: u8,
    /// Day of month, 1 to [`month_length`].
    pub day: u8,
}

impl JalaliDate {
    /// Checked constructor: month 1–12, day within the month (Esfand 30 only in leap years),
    /// year within `MIN_YEAR..=MAX_YEAR`.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, FieldError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || day == 0 || day > month_length(year, month) {
            return Err(FieldError::InvalidDate);
        }
        Ok(JalaliDate { year, month, day })
    }

    /// Converts a Gregorian date. Fails if the Gregorian date does not exist or falls outside
    /// the supported Jalali years.
    pub fn from_gregorian(year: i32, month: u8, day: u8) -> Result<Self, FieldError> {
        // A Jalali year starts in March: the last supported one ends in the Gregorian year
        // `MAX_YEAR + 622` (Dey to Esfand 3177 are January to March 3799).
        if !(MIN_YEAR + 621..=MAX_YEAR + 622).contains(&year)
            || day == 0
            || day > gregorian_month_length(year, month)
        {
            return Err(FieldError::InvalidDate);
        }
        let (jy, jm, jd) = d2j(g2d(i64::from(year), i64::from(month), i64::from(day)));
        let jy = i32::try_from(jy).map_err(|_| FieldError::InvalidDate)?;
        // jm and jd are 1..=12 and 1..=31 by construction of d2j.
        let date = JalaliDate::new(jy, jm as u8, jd as u8)?;
        // At the ends of the range d2j looks up the year after the last supported one; keep
        // only what converts back exactly.
        if date.to_gregorian() != (year, month, day) {
            return Err(FieldError::InvalidDate);
        }
        Ok(date)
    }

    /// Converts to a Gregorian `(year, month, day)`. Only meaningful for a valid date.
    pub fn to_gregorian(&self) -> (i32, u8, u8) {
        let (gy, gm, gd) = d2g(self.day_number());
        // gy stays within i32 for any i32 Jalali year; gm ∈ 1..=12, gd ∈ 1..=31.
        (gy as i32, gm as u8, gd as u8)
    }

    /// Julian day number of this date (consecutive days differ by 1).
    pub fn day_number(&self) -> i64 {
        j2d(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// Parses `YYYY/MM/DD` or `YYYY-MM-DD` (one separator kind, Persian or Arabic-Indic digits
    /// allowed, month and day with or without a leading zero), checking month lengths and
    /// leap years.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = digits_to_ascii(input.trim());
        if s.is_empty() {
            return Err(FieldError::Empty);
        }
        let sep = if s.contains('/') { '/' } else { '-' };
        let parts: Vec<&str> = s.split(sep).collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(FieldError::InvalidDate);
        };
        let field = |p: &str, max_len: usize| -> Result<u32, FieldError> {
            if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(FieldError::InvalidDate);
            }
            p.parse::<u32>().map_err(|_| FieldError::InvalidDate)
        };
        let year = field(y, 4)?;
        let month = field(m, 2)?;
        let day = field(d, 2)?;
        JalaliDate::new(year as i32, month as u8, day as u8)
    }
}

impl fmt::Display for JalaliDate {
    /// `1403/12/30`; month and day zero-padded to two digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for JalaliDate {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JalaliDate::parse(s)
    }
}

impl Serialize for JalaliDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for JalaliDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        JalaliDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Converts a Gregorian date to Jalali (same as [`JalaliDate::from_gregorian`]).
pub fn from_gregorian(year: i32, month: u8, day: u8) -> Result<JalaliDate, FieldError> {
    JalaliDate::from_gregorian(year, month, day)
}

/// Age in full years on `today`; 0 if `today` is before `birth`. A birthday falls on the same
/// month and day; someone born on 30 Esfand of a leap year gets older on 1 Farvardin in
/// common years.
pub fn age_on(birth: JalaliDate, today: JalaliDate) -> u32 {
    if today <= birth {
        return 0;
    }
    let mut years = i64::from(today.year) - i64::from(birth.year);
    if (today.month, today.day) < (birth.month, birth.day) {
        years -= 1;
    }
    u32::try_from(years.max(0)).unwrap_or(u32::MAX)
}

/// `Ok(())` if the person born on `birth` is at least `min_years` old on `today`
/// (e.g. 18 for signatories); [`FieldError::TooYoung`] otherwise, and
/// [`FieldError::InvalidDate`] for a birth date after `today`.
pub fn require_min_age(
    birth: JalaliDate,
    today: JalaliDate,
    min_years: u32,
) -> Result<(), FieldError> {
    if birth > today {
        return Err(FieldError::InvalidDate);
    }
    if age_on(birth, today) < min_years {
        return Err(FieldError::TooYoung { min_years });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(y: i32, m: u8, d: u8) -> JalaliDate {
        JalaliDate::new(y, m, d).unwrap()
    }

    #[test]
    fn reference_pairs() {
        let pairs = [
            ((2024, 3, 20), j(1403, 1, 1)),
            ((2025, 3, 20), j(1403, 12, 30)),
            ((2025, 3, 21), j(1404, 1, 1)),
            ((2021, 3, 21), j(1400, 1, 1)),
        ];
        for ((gy, gm, gd), jd) in pairs {
            assert_eq!(
                JalaliDate::from_gregorian(gy, gm, gd),
                Ok(jd),
                "{gy}-{gm}-{gd}"
            );
            assert_eq!(from_gregorian(gy, gm, gd), Ok(jd));
            assert_eq!(jd.to_gregorian(), (gy, gm, gd), "{jd}");
        }
    }

    #[test]
    fn jalaali_js_vectors() {
        // From the jalaali-js test suite.
        assert_eq!(JalaliDate::from_gregorian(1981, 8, 17), Ok(j(1360, 5, 26)));
        assert_eq!(JalaliDate::from_gregorian(2013, 1, 10), Ok(j(1391, 10, 21)));
        assert_eq!(JalaliDate::from_gregorian(2014, 8, 4), Ok(j(1393, 5, 13)));
        assert_eq!(j(1360, 5, 26).to_gregorian(), (1981, 8, 17));
        assert_eq!(j(1393, 5, 13).to_gregorian(), (2014, 8, 4));
        assert!(!is_leap_year(1393));
        assert!(!is_leap_year(1394));
        assert!(is_leap_year(1395));
        assert!(!is_leap_year(1396));
        assert_eq!(month_length(1393, 12), 29);
        assert_eq!(month_length(1395, 12), 30);
    }

    #[test]
    fn reference_leap_years() {
        assert!(is_leap_year(1403));
        for y in 1404..=1407 {
            assert!(!is_leap_year(y), "{y}");
        }
        assert!(is_leap_year(1408));
        // The 2820-year rule would say 1403 common and 1404 leap.
        assert_eq!(month_length(1403, 12), 30);
        assert_eq!(month_length(1404, 12), 29);
        assert_eq!(month_length(1408, 12), 30);
    }

    #[test]
    fn month_lengths() {
        for m in 1..=6 {
            assert_eq!(month_length(1404, m), 31);
        }
        for m in 7..=11 {
            assert_eq!(month_length(1404, m), 30);
        }
        assert_eq!(month_length(1404, 0), 0);
        assert_eq!(month_length(1404, 13), 0);
    }

    #[test]
    fn new_validates() {
        assert!(JalaliDate::new(1403, 12, 30).is_ok());
        assert_eq!(JalaliDate::new(1404, 12, 30), Err(FieldError::InvalidDate));
        assert_eq!(JalaliDate::new(1404, 7, 31), Err(FieldError::InvalidDate));
        assert_eq!(JalaliDate::new(1404, 0, 1), Err(FieldError::InvalidDate));
        assert_eq!(JalaliDate::new(1404, 13, 1), Err(FieldError::InvalidDate));
        assert_eq!(JalaliDate::new(1404, 1, 0), Err(FieldError::InvalidDate));
        assert_eq!(JalaliDate::new(3178, 1, 1), Err(FieldError::InvalidDate));
        assert!(JalaliDate::new(3177, 1, 1).is_ok());
        assert!(JalaliDate::new(-61, 1, 1).is_ok());
    }

    /// Found by the `jalali_dates` fuzz target: 3177/12/01, a supported date, is 3799-02-19,
    /// which `from_gregorian` refused (it took Gregorian years up to 3798 only).
    #[test]
    fn the_last_supported_winter_converts_both_ways() {
        let last = j(MAX_YEAR, 12, 1);
        assert_eq!(last.to_gregorian(), (3799, 2, 19));
        assert_eq!(JalaliDate::from_gregorian(3799, 2, 19), Ok(last));
        for (m, d) in [(10, 1), (11, 15), (12, month_length(MAX_YEAR, 12))] {
            let date = j(MAX_YEAR, m, d);
            let (gy, gm, gd) = date.to_gregorian();
            assert_eq!(JalaliDate::from_gregorian(gy, gm, gd), Ok(date), "{date}");
        }
        // The day after is year 3178, outside the supported years.
        let (gy, gm, gd) = j(MAX_YEAR, 12, month_length(MAX_YEAR, 12)).to_gregorian();
        assert_eq!(
            JalaliDate::from_gregorian(gy, gm, gd + 1),
            Err(FieldError::InvalidDate)
        );
        assert_eq!(
            JalaliDate::from_gregorian(3799, 12, 31),
            Err(FieldError::InvalidDate)
        );
        // The first supported day, and the one before it.
        let first = j(MIN_YEAR, 1, 1);
        let (gy, gm, gd) = first.to_gregorian();
        assert_eq!(JalaliDate::from_gregorian(gy, gm, gd), Ok(first));
        assert_eq!(
            JalaliDate::from_gregorian(gy, gm, gd - 1),
            Err(FieldError::InvalidDate)
        );
    }

    #[test]
    fn from_gregorian_rejects_bad_dates() {
        assert_eq!(
            JalaliDate::from_gregorian(2023, 2, 29),
            Err(FieldError::InvalidDate)
        );
        assert!(JalaliDate::from_gregorian(2024, 2, 29).is_ok());
        assert_eq!(
            JalaliDate::from_gregorian(1900, 2, 29),
            Err(FieldError::InvalidDate)
        );
        assert!(JalaliDate::from_gregorian(2000, 2, 29).is_ok());
        assert_eq!(
            JalaliDate::from_gregorian(2024, 4, 31),
            Err(FieldError::InvalidDate)
        );
        assert_eq!(
            JalaliDate::from_gregorian(2024, 13, 1),
            Err(FieldError::InvalidDate)
        );
        assert_eq!(
            JalaliDate::from_gregorian(2024, 0, 1),
            Err(FieldError::InvalidDate)
        );
        assert_eq!(
            JalaliDate::from_gregorian(2024, 1, 0),
            Err(FieldError::InvalidDate)
        );
        assert_eq!(
            JalaliDate::from_gregorian(5000, 1, 1),
            Err(FieldError::InvalidDate)
        );
    }

    /// Every day from 1900-01-01 to 2100-12-31: round trip, and consecutive Gregorian days map
    /// to consecutive Jalali days (checked both with day numbers and with month lengths).
    #[test]
    fn round_trip_1900_to_2100() {
        let (mut y, mut m, mut d) = (1900i32, 1u8, 1u8);
        let mut prev: Option<JalaliDate> = None;
        let mut days = 0u32;
        let mut leap_days_seen = 0u32;
        loop {
            let jd = JalaliDate::from_gregorian(y, m, d).unwrap();
            assert_eq!(jd.to_gregorian(), (y, m, d), "{jd}");
            assert_eq!(JalaliDate::new(jd.year, jd.month, jd.day), Ok(jd));
            if let Some(p) = prev {
                assert_eq!(jd.day_number(), p.day_number() + 1, "{p} -> {jd}");
                let expected = if p.day < month_length(p.year, p.month) {
                    j(p.year, p.month, p.day + 1)
                } else if p.month < 12 {
                    j(p.year, p.month + 1, 1)
                } else {
                    j(p.year + 1, 1, 1)
                };
                assert_eq!(jd, expected, "{p} -> {jd}");
            }
            if jd.month == 12 && jd.day == 30 {
                assert!(is_leap_year(jd.year));
                leap_days_seen += 1;
            }
            prev = Some(jd);
            days += 1;
            if (y, m, d) == (2100, 12, 31) {
                break;
            }
            if d < gregorian_month_length(y, m) {
                d += 1;
            } else if m < 12 {
                m += 1;
                d = 1;
            } else {
                y += 1;
                m = 1;
                d = 1;
            }
        }
        assert_eq!(days, 73_414);
        // Jalali years 1279..=1479 lie fully inside the range; count their leap years.
        let leaps = (1279..=1479).filter(|&y| is_leap_year(y)).count() as u32;
        assert_eq!(leap_days_seen, leaps);
    }

    #[test]
    fn parse_and_display() {
        let d = JalaliDate::parse("1403/12/30").unwrap();
        assert_eq!(d, j(1403, 12, 30));
        assert_eq!(d.to_string(), "1403/12/30");
        assert_eq!(JalaliDate::parse("۱۴۰۳/۱۲/۳۰"), Ok(d));
        assert_eq!(JalaliDate::parse("١٤٠٣/١٢/٣٠"), Ok(d));
        assert_eq!(JalaliDate::parse("1403-12-30"), Ok(d));
        assert_eq!(JalaliDate::parse(" ۱۴۰۳-۱۲-۳۰ "), Ok(d));
        assert_eq!(JalaliDate::parse("1404/1/5"), Ok(j(1404, 1, 5)));
        assert_eq!(j(1404, 1, 5).to_string(), "1404/01/05");
        assert_eq!("1404/06/31".parse::<JalaliDate>(), Ok(j(1404, 6, 31)));

        for bad in [
            "1404/12/30",
            "1403/13/01",
            "1403/00/10",
            "1403/07/31",
            "1403/01/00",
            "1403/01/32",
            "1403/12",
            "1403/12/30/1",
            "1403/12-30",
            "1403.12.30",
            "14031230",
            "abcd/ef/gh",
            "1403/+1/01",
            "1403/001/01",
            "01403/01/01",
            "/12/30",
            "1403//30",
        ] {
            assert_eq!(
                JalaliDate::parse(bad),
                Err(FieldError::InvalidDate),
                "{bad}"
            );
        }
        assert_eq!(JalaliDate::parse("  "), Err(FieldError::Empty));
    }

    #[test]
    fn ordering() {
        assert!(j(1403, 12, 30) < j(1404, 1, 1));
        assert!(j(1404, 2, 1) > j(1404, 1, 31));
    }

    #[test]
    fn ages() {
        let birth = j(1385, 5, 10);
        assert_eq!(age_on(birth, j(1403, 5, 9)), 17);
        assert_eq!(age_on(birth, j(1403, 5, 10)), 18);
        assert_eq!(age_on(birth, j(1404, 1, 1)), 18);
        assert_eq!(age_on(birth, birth), 0);
        assert_eq!(age_on(birth, j(1380, 1, 1)), 0);
        assert_eq!(require_min_age(birth, j(1403, 5, 10), 18), Ok(()));
        assert_eq!(
            require_min_age(birth, j(1403, 5, 9), 18),
            Err(FieldError::TooYoung { min_years: 18 })
        );
        assert_eq!(
            require_min_age(birth, j(1380, 1, 1), 18),
            Err(FieldError::InvalidDate)
        );
        // Born on 30 Esfand of a leap year: older on 1 Farvardin in common years.
        let leap_birth = j(1387, 12, 30);
        assert!(is_leap_year(1387));
        assert!(!is_leap_year(1405));
        assert_eq!(age_on(leap_birth, j(1405, 12, 29)), 17);
        assert_eq!(age_on(leap_birth, j(1406, 1, 1)), 18);
        assert_eq!(age_on(leap_birth, j(1403, 12, 30)), 16);
    }
}
