//! Helpers shared by the fuzz targets in `fuzz_targets/`: independent re-statements of the
//! rules the targets check the crates against (so a target is an oracle, not only a "does not
//! crash" run), and small conversions.

use pishkhan_iran::JalaliDate;

/// ASCII digits → Persian digits (U+06F0–U+06F9), other characters unchanged.
pub fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// ASCII digits → Arabic-Indic digits (U+0660–U+0669), other characters unchanged.
pub fn arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The value of a Persian or Arabic-Indic digit.
pub fn eastern_digit(c: char) -> Option<u32> {
    match c {
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// The ten digits of `s` when it is exactly ten ASCII digits.
pub fn ten_digits(s: &str) -> Option<[u8; 10]> {
    let b = s.as_bytes();
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut d = [0u8; 10];
    for (i, x) in b.iter().enumerate() {
        d[i] = x - b'0';
    }
    Some(d)
}

/// The national code rule, stated again from the reference (`shared/reference/iran-data.md`):
/// not one digit repeated, digits 4..=9 not all zero, and the mod-11 check digit.
pub fn national_code_ok(d: &[u8; 10]) -> bool {
    if d.iter().all(|&x| x == d[0]) || d[3..9].iter().all(|&x| x == 0) {
        return false;
    }
    let s: u32 = (0..9).map(|i| u32::from(d[i]) * (10 - i as u32)).sum();
    let r = s % 11;
    let check = if r < 2 { r } else { 11 - r };
    u32::from(d[9]) == check
}

/// The postal code rule, stated again: the first four digits neither all the same nor holding
/// a 0 or a 2, the fifth one of 1 3 4 6 7 8 9, no 2 in the last five.
pub fn postal_code_ok(d: &[u8; 10]) -> bool {
    !d[..4].iter().all(|&x| x == d[0])
        && !d[..4].iter().any(|&x| x == 0 || x == 2)
        && [1, 3, 4, 6, 7, 8, 9].contains(&d[4])
        && !d[5..].contains(&2)
}

/// ISO 13616 check of an Iranian IBAN's 24 digits (2 check digits, 22 of BBAN): the BBAN, then
/// `IR` as 1827, then the check digits, read as one number, is 1 mod 97. Computed with u128
/// pieces rather than digit by digit, unlike the crate.
pub fn sheba_ok(digits: &[u8; 24]) -> bool {
    let mut text = String::with_capacity(28);
    for &d in &digits[2..] {
        text.push(char::from(b'0' + d));
    }
    text.push_str("1827");
    for &d in &digits[..2] {
        text.push(char::from(b'0' + d));
    }
    let mut rem: u128 = 0;
    for piece in text.as_bytes().chunks(9) {
        let p: u128 = std::str::from_utf8(piece).unwrap().parse().unwrap();
        rem = (rem * 10u128.pow(piece.len() as u32) + p) % 97;
    }
    rem == 1
}

/// A Jalali date inside the supported years, for "today" in the form checks: the fuzzer's
/// numbers when they make a real date, else 1404/05/10.
pub fn some_today(year: i16, month: u8, day: u8) -> JalaliDate {
    let year = 1300 + i32::from(year.rem_euclid(300));
    JalaliDate::new(year, month % 12 + 1, day % 29 + 1).unwrap_or(JalaliDate {
        year: 1404,
        month: 5,
        day: 10,
    })
}

/// The promise of `pishkhan_core::error::json_error`: a JSON decoding failure is described by
/// its kind and position only (`Syntax error at line 1, column 5`), so no piece of an answer —
/// a customer's name, a phone — reaches a log or an error message.
pub fn assert_private_json_error(e: &serde_json::Error) {
    let text = pishkhan_core::error::json_error(e);
    let (kind, rest) = text
        .split_once(" error at line ")
        .expect("kind, then the position");
    assert!(matches!(kind, "Syntax" | "Data" | "Eof" | "Io"), "{text}");
    let (line, column) = rest.split_once(", column ").expect("line, then column");
    assert!(
        line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
        "{text}"
    );
}

/// The log promise of `pishkhan_api::redact`: the `Debug` of a record with personal data shows
/// ids, dates and `<redacted>`, never a value. Everything else in these `Debug`s is ASCII and
/// has no `@`, so a Persian name or an email that leaked would show as a non-ASCII character
/// or an `@`.
pub fn assert_redacted(debug: &str) {
    assert!(
        debug.is_ascii() && !debug.contains('@'),
        "personal data in a Debug: {debug}"
    );
}

/// [`assert_redacted`] for the parts of an order that hold personal data.
pub fn assert_order_redacted(order: &pishkhan_api::Order) {
    assert_redacted(&format!("{:?}", order.shipping_address));
    for note in &order.internal_notes {
        assert_redacted(&format!("{note:?}"));
    }
    if order.note.is_some() {
        let debug = format!("{order:?}");
        assert!(debug.contains("note: Some(<redacted>)"), "{debug}");
    }
}

/// [`assert_redacted`] for a customer (all of whose `Debug` is ids, dates and redactions).
pub fn assert_customer_redacted(customer: &pishkhan_api::Customer) {
    assert_redacted(&format!("{customer:?}"));
}
