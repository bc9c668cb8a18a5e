//! The one error type shared by every validator in this crate.
//!
//! Why a single enum: the UI, API and CLI need to map a rejection to a message and to a
//! machine-readable reason without knowing which field produced it. Each variant has a stable
//! snake_case [`FieldError::code`] (part of the API contract: do not rename) and an English
//! `Display` message. It serialises as `{ "code": "...", "message": "..." }`.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Why a field value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// Nothing was entered (after trimming and removing separators).
    #[error("the value is empty")]
    Empty,
    /// The value does not have the required number of characters/digits.
    #[error("expected {expected} digits, got {actual}")]
    WrongLength {
        /// Required length.
        expected: usize,
        /// Length found after normalisation.
        actual: usize,
    },
    /// A character other than a digit (or an allowed separator/prefix) was found.
    #[error("only digits are allowed")]
    NotDigits,
    /// The check digit(s) do not match.
    #[error("the check digit is wrong")]
    Checksum,
    /// All digits (or the significant ones) are the same, e.g. `1111111111`.
    #[error("the digits are all the same")]
    RepeatedDigits,
    /// The digits break a structural rule of the field (explained by `reason`).
    #[error("invalid format: {reason}")]
    InvalidPattern {
        /// English explanation of the rule that was broken.
        reason: &'static str,
    },
    /// The number does not start with an accepted prefix (e.g. a mobile not starting with 9).
    #[error("the number does not start with an accepted prefix")]
    BadPrefix,
    /// An IBAN with a country code other than `IR`.
    #[error("only Iranian Sheba numbers (starting with IR) are accepted")]
    BadCountry,
    /// Not a valid calendar date (bad format, month or day out of range, unsupported year).
    #[error("invalid date")]
    InvalidDate,
    /// The person is younger than the required minimum age.
    #[error("must be at least {min_years} years old")]
    TooYoung {
        /// Minimum age in full years.
        min_years: u32,
    },
}

impl FieldError {
    /// Stable, machine-readable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            FieldError::Empty => "empty",
            FieldError::WrongLength { .. } => "wrong_length",
            FieldError::NotDigits => "not_digits",
            FieldError::Checksum => "checksum",
            FieldError::RepeatedDigits => "repeated_digits",
            FieldError::InvalidPattern { .. } => "invalid_pattern",
            FieldError::BadPrefix => "bad_prefix",
            FieldError::BadCountry => "bad_country",
            FieldError::InvalidDate => "invalid_date",
            FieldError::TooYoung { .. } => "too_young",
        }
    }
}

impl Serialize for FieldError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("FieldError", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        let all = [
            (FieldError::Empty, "empty"),
            (
                FieldError::WrongLength {
                    expected: 10,
                    actual: 9,
                },
                "wrong_length",
            ),
            (FieldError::NotDigits, "not_digits"),
            (FieldError::Checksum, "checksum"),
            (FieldError::RepeatedDigits, "repeated_digits"),
            (
                FieldError::InvalidPattern { reason: "x" },
                "invalid_pattern",
            ),
            (FieldError::BadPrefix, "bad_prefix"),
            (FieldError::BadCountry, "bad_country"),
            (FieldError::InvalidDate, "invalid_date"),
            (FieldError::TooYoung { min_years: 18 }, "too_young"),
        ];
        for (e, code) in all {
            assert_eq!(e.code(), code);
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(
            FieldError::WrongLength {
                expected: 10,
                actual: 9
            }
            .to_string(),
            "expected 10 digits, got 9"
        );
    }
}
