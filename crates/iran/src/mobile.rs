//! Iranian mobile numbers: one stored form, one display form, and the operator.
//!
//! Why: people write the same number as `0912…`, `912…`, `+98912…`, `0098912…` or `98912…`,
//! often with Persian digits and spaces; deduplication and SMS sending need one canonical form
//! (`+989XXXXXXXXX`), while the UI shows the familiar `09XX XXX XXXX`. The operator is derived
//! from the three digits after the leading 9 of the national number; an unknown prefix is a
//! warning (`operator: None`), not an error, because new ranges are allocated over time.

use serde::Serialize;

use crate::error::FieldError;
use crate::normalize::compact_field;

/// Mobile network operator, from the number's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// Hamrah-e Avval (MCI): 910–919, 990–996.
    Mci,
    /// Irancell: 900–905, 930, 933, 935–939, 941.
    Irancell,
    /// RighTel: 920–923.
    Rightel,
    /// Other known prefixes (MVNOs and others): 932, 998, 999.
    Other,
}

impl Operator {
    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Operator::Mci => "MCI",
            Operator::Irancell => "Irancell",
            Operator::Rightel => "RighTel",
            Operator::Other => "Other",
        }
    }

    /// Persian name.
    pub fn name_fa(self) -> &'static str {
        match self {
            Operator::Mci => "همراه اول",
            Operator::Irancell => "ایرانسل",
            Operator::Rightel => "رایتل",
            Operator::Other => "سایر",
        }
    }

    /// Operator for a three-digit prefix such as `912` (the `9XX` of `09XX…`); `None` if the
    /// prefix is not in the reference list.
    pub fn from_prefix(prefix: u16) -> Option<Operator> {
        match prefix {
            910..=919 | 990..=996 => Some(Operator::Mci),
            900..=905 | 930 | 933 | 935..=939 | 941 => Some(Operator::Irancell),
            920..=923 => Some(Operator::Rightel),
            932 | 998 | 999 => Some(Operator::Other),
            _ => None,
        }
    }
}

/// A normalised mobile number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mobile {
    /// Stored form, `+989XXXXXXXXX`.
    pub e164: String,
    /// Display form, `09XX XXX XXXX`.
    pub display: String,
    /// Operator, or `None` for an unknown prefix (warn, do not reject).
    pub operator: Option<Operator>,
}

/// Parses a mobile number in any accepted form: `09XXXXXXXXX`, `9XXXXXXXXX`, `+989XXXXXXXXX`,
/// `00989XXXXXXXXX`, `989XXXXXXXXX`; Persian/Arabic digits, spaces, dashes, ZWNJ and
/// parentheses are allowed.
pub fn normalize(input: &str) -> Result<Mobile, FieldError> {
    let compact: String = compact_field(input)
        .chars()
        .filter(|&c| c != '(' && c != ')')
        .collect();
    if compact.is_empty() {
        return Err(FieldError::Empty);
    }
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::NotDigits);
    }
    // The national significant number: 10 digits starting with 9.
    let national = if plus {
        match (digits.len(), digits.strip_prefix("98")) {
            (12, Some(n)) => n,
            (12, None) => return Err(FieldError::BadPrefix),
            (len, _) => return Err(wrong_length(len + 1, 13)),
        }
    } else {
        match digits.len() {
            10 => digits,
            11 => digits.strip_prefix('0').ok_or(FieldError::BadPrefix)?,
            12 => digits.strip_prefix("98").ok_or(FieldError::BadPrefix)?,
            14 => digits.strip_prefix("0098").ok_or(FieldError::BadPrefix)?,
            len => return Err(wrong_length(len, 11)),
        }
    };
    if !national.starts_with('9') {
        return Err(FieldError::BadPrefix);
    }
    let prefix = national[..3]
        .parse::<u16>()
        .map_err(|_| FieldError::NotDigits)?;
    Ok(Mobile {
        e164: format!("+98{national}"),
        display: format!("0{} {} {}", &national[..3], &national[3..6], &national[6..]),
        operator: Operator::from_prefix(prefix),
    })
}

fn wrong_length(actual: usize, expected: usize) -> FieldError {
    FieldError::WrongLength { expected, actual }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_accepted_forms() {
        for input in [
            "09123456789",
            "9123456789",
            "+989123456789",
            "00989123456789",
            "989123456789",
            "۰۹۱۲۳۴۵۶۷۸۹",
            "٠٩١٢٣٤٥٦٧٨٩",
            "۹۱۲۳۴۵۶۷۸۹",
            "+۹۸۹۱۲۳۴۵۶۷۸۹",
            "۰۰۹۸۹۱۲۳۴۵۶۷۸۹",
            "۹۸۹۱۲۳۴۵۶۷۸۹",
            "0912 345 6789",
            "0912-345-6789",
            " ۰۹۱۲ ۳۴۵ ۶۷۸۹ ",
            "+98 912 345 6789",
            "+98 (912) 345-67-89",
            "0098-912-345-6789",
            "۰۹۱۲\u{200C}۳۴۵\u{200C}۶۷۸۹",
        ] {
            let m = normalize(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(m.e164, "+989123456789", "{input}");
            assert_eq!(m.display, "0912 345 6789", "{input}");
            assert_eq!(m.operator, Some(Operator::Mci), "{input}");
        }
    }

    #[test]
    fn operators() {
        let cases: &[(&str, Option<Operator>)] = &[
            ("09101234567", Some(Operator::Mci)),
            ("09191234567", Some(Operator::Mci)),
            ("09901234567", Some(Operator::Mci)),
            ("09961234567", Some(Operator::Mci)),
            ("09001234567", Some(Operator::Irancell)),
            ("09051234567", Some(Operator::Irancell)),
            ("09301234567", Some(Operator::Irancell)),
            ("09331234567", Some(Operator::Irancell)),
            ("09351234567", Some(Operator::Irancell)),
            ("09391234567", Some(Operator::Irancell)),
            ("09411234567", Some(Operator::Irancell)),
            ("09201234567", Some(Operator::Rightel)),
            ("09231234567", Some(Operator::Rightel)),
            ("09321234567", Some(Operator::Other)),
            ("09981234567", Some(Operator::Other)),
            ("09991234567", Some(Operator::Other)),
            // Unknown prefixes: accepted, no operator.
            ("09061234567", None),
            ("09241234567", None),
            ("09311234567", None),
            ("09341234567", None),
            ("09401234567", None),
            ("09971234567", None),
        ];
        for (input, op) in cases {
            assert_eq!(normalize(input).unwrap().operator, *op, "{input}");
        }
        let mut known = 0;
        for p in 900..=999u16 {
            if Operator::from_prefix(p).is_some() {
                known += 1;
            }
        }
        // 17 MCI + 14 Irancell + 4 RighTel + 3 others.
        assert_eq!(known, 17 + 14 + 4 + 3);
        assert_eq!(Operator::Mci.name_fa(), "همراه اول");
        assert_eq!(Operator::Rightel.name_en(), "RighTel");
    }

    #[test]
    fn rejections() {
        assert_eq!(normalize(""), Err(FieldError::Empty));
        assert_eq!(normalize(" - "), Err(FieldError::Empty));
        assert_eq!(normalize("+"), Err(FieldError::NotDigits));
        assert_eq!(normalize("0912a456789"), Err(FieldError::NotDigits));
        assert_eq!(normalize("+98+9123456789"), Err(FieldError::NotDigits));
        assert_eq!(
            normalize("0912345678").map_err(|e| e.code()),
            Err("bad_prefix")
        );
        assert_eq!(
            normalize("091234567").map_err(|e| e.code()),
            Err("wrong_length")
        );
        assert_eq!(
            normalize("091234567890").map_err(|e| e.code()),
            Err("bad_prefix")
        );
        assert_eq!(
            normalize("0912345678901").map_err(|e| e.code()),
            Err("wrong_length")
        );
        assert_eq!(normalize("02112345678"), Err(FieldError::BadPrefix)); // Tehran landline
        assert_eq!(normalize("19123456789"), Err(FieldError::BadPrefix));
        assert_eq!(normalize("+449123456789"), Err(FieldError::BadPrefix));
        assert_eq!(
            normalize("+98912345678").map_err(|e| e.code()),
            Err("wrong_length")
        );
        assert_eq!(
            normalize("+0989123456789").map_err(|e| e.code()),
            Err("wrong_length")
        );
        assert_eq!(normalize("00449123456789"), Err(FieldError::BadPrefix));
        assert_eq!(normalize("982123456789"), Err(FieldError::BadPrefix));
        assert_eq!(normalize("8123456789"), Err(FieldError::BadPrefix));
    }
}
