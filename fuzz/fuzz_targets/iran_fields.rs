//! Every validator and normaliser of `pishkhan-iran` on one arbitrary text: the national code,
//! the postal code, the Sheba, the mobile number, a Jalali date, and the digit, letter, search
//! and field normalisations.
//!
//! Properties, beyond not panicking:
//! - normalising twice is normalising once; Persian and Arabic digits never survive;
//! - a validator gives the same answer for the text, its digits made ASCII and its compact form;
//! - an accepted value is canonical (10 ASCII digits, `IR` + 24 digits, `+989` + 9 digits,
//!   `YYYY/MM/DD`) and is accepted again as itself, also written in Persian or Arabic digits;
//! - the national code, postal code and Sheba verdicts agree with the rules stated again in
//!   `fuzz/src/lib.rs` (an independent oracle), whenever the compact text is all digits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pishkhan_fuzz::{
    arabic_digits, eastern_digit, national_code_ok, persian_digits, postal_code_ok, sheba_ok,
    ten_digits,
};
use pishkhan_iran::normalize::{self, ZWNJ};
use pishkhan_iran::{mobile, national_code, postal_code, sheba, FieldError, JalaliDate, Operator};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    normalisers(s);
    ten_digit_field(s, national_code::validate, national_code_ok);
    ten_digit_field(s, postal_code::validate, postal_code_ok);
    sheba_field(s);
    mobile_field(s);
    jalali_field(s);
});

fn normalisers(s: &str) {
    let ascii = normalize::digits_to_ascii(s);
    assert_eq!(ascii.chars().count(), s.chars().count());
    for (before, after) in s.chars().zip(ascii.chars()) {
        match eastern_digit(before) {
            Some(v) => assert_eq!(after.to_digit(10), Some(v)),
            None => assert_eq!(after, before),
        }
    }
    assert_eq!(normalize::digits_to_ascii(&ascii), ascii);

    let letters = normalize::persian_letters(s);
    assert_eq!(letters.chars().count(), s.chars().count());
    assert!(!letters.contains(['\u{064A}', '\u{0649}', '\u{0643}']));
    assert_eq!(normalize::persian_letters(&letters), letters);

    let key = normalize::for_search(s);
    assert_eq!(
        normalize::for_search(&key),
        key,
        "for_search is not idempotent"
    );
    assert_eq!(normalize::for_search(&letters), key);
    assert_eq!(normalize::for_search(&ascii), key);
    assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "));
    assert!(!key.contains(ZWNJ));
    assert!(key.chars().all(|c| c == ' ' || !c.is_whitespace()));
    assert!(key.chars().all(|c| eastern_digit(c).is_none()));
    assert!(!key.contains(['\u{0640}', '\u{064B}', '\u{0650}', '\u{0652}', '\u{0670}']));

    let compact = normalize::compact_field(s);
    assert_eq!(normalize::compact_field(&compact), compact);
    assert!(!compact.contains(ZWNJ) && !compact.contains('-'));
    assert!(compact
        .chars()
        .all(|c| !c.is_whitespace() && eastern_digit(c).is_none()));
}

fn ten_digit_field(
    s: &str,
    validate: fn(&str) -> Result<String, FieldError>,
    oracle: fn(&[u8; 10]) -> bool,
) {
    let got = validate(s);
    let compact = normalize::compact_field(s);
    assert_eq!(validate(&normalize::digits_to_ascii(s)), got);
    assert_eq!(validate(&compact), got);
    if let Some(d) = ten_digits(&compact) {
        assert_eq!(got.is_ok(), oracle(&d), "verdict differs from the rule");
    }
    match &got {
        Ok(code) => {
            assert_eq!(*code, compact);
            assert!(ten_digits(code).is_some());
            assert_eq!(validate(code).as_ref(), Ok(code));
            assert_eq!(validate(&persian_digits(code)).as_ref(), Ok(code));
            assert_eq!(validate(&arabic_digits(code)).as_ref(), Ok(code));
            let spaced = format!(" {}-{} ", &code[..3], &code[3..]);
            assert_eq!(validate(&spaced).as_ref(), Ok(code));
        }
        Err(FieldError::WrongLength { expected, actual }) => {
            assert_eq!(*expected, 10);
            assert_ne!(*actual, 10);
            assert_eq!(*actual, compact.len());
        }
        Err(FieldError::Empty) => assert!(compact.is_empty()),
        Err(_) => {}
    }
}

fn sheba_field(s: &str) {
    let got = sheba::validate(s);
    assert_eq!(sheba::validate(&normalize::digits_to_ascii(s)), got);
    let compact = normalize::compact_field(s);
    let body = compact
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case("IR"))
        .map_or(compact.as_str(), |_| &compact[2..]);
    if body.len() == 24 && body.bytes().all(|b| b.is_ascii_digit()) {
        let mut d = [0u8; 24];
        for (i, b) in body.bytes().enumerate() {
            d[i] = b - b'0';
        }
        assert_eq!(
            got.is_ok(),
            sheba_ok(&d),
            "Sheba verdict differs from ISO 13616"
        );
    }
    if let Ok(sh) = &got {
        let n = &sh.normalized;
        assert_eq!(n.len(), 26);
        assert!(n.starts_with("IR") && n[2..].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(n[2..], *body);
        assert_eq!(sh.bank_code, n[4..7]);
        assert_eq!(sh.bank, sheba::bank_by_code(&sh.bank_code));
        assert_eq!(sheba::validate(n).as_ref(), Ok(sh));
        assert_eq!(sheba::validate(&n[2..]).as_ref(), Ok(sh));
        assert_eq!(sheba::validate(&n.to_ascii_lowercase()).as_ref(), Ok(sh));
        assert_eq!(
            sheba::validate(&format!("IR{}", persian_digits(&n[2..]))).as_ref(),
            Ok(sh)
        );
    }
}

fn mobile_field(s: &str) {
    let got = mobile::normalize(s);
    assert_eq!(mobile::normalize(&normalize::digits_to_ascii(s)), got);
    if let Ok(m) = &got {
        let e = &m.e164;
        assert_eq!(e.len(), 13);
        assert!(e.starts_with("+989") && e[1..].bytes().all(|b| b.is_ascii_digit()));
        let national = &e[3..];
        assert_eq!(
            m.display,
            format!("0{} {} {}", &national[..3], &national[3..6], &national[6..])
        );
        let prefix: u16 = national[..3].parse().unwrap();
        assert_eq!(m.operator, Operator::from_prefix(prefix));
        for form in [
            e.clone(),
            m.display.clone(),
            national.to_string(),
            format!("0{national}"),
            format!("0098{national}"),
            format!("98{national}"),
            persian_digits(&m.display),
        ] {
            assert_eq!(mobile::normalize(&form).as_ref(), Ok(m), "{form}");
        }
    }
}

fn jalali_field(s: &str) {
    let got = JalaliDate::parse(s);
    assert_eq!(JalaliDate::parse(&normalize::digits_to_ascii(s)), got);
    if let Ok(d) = got {
        assert_eq!(JalaliDate::new(d.year, d.month, d.day), Ok(d));
        let text = d.to_string();
        assert_eq!(JalaliDate::parse(&text), Ok(d));
        assert_eq!(JalaliDate::parse(&persian_digits(&text)), Ok(d));
        assert_eq!(JalaliDate::parse(&text.replace('/', "-")), Ok(d));
        let (gy, gm, gd) = d.to_gregorian();
        assert_eq!(JalaliDate::from_gregorian(gy, gm, gd), Ok(d));
    }
}
