//! Iranian data rules for Pishkhan, in one place.
//!
//! Every field a merchant types (national code, Sheba, mobile number, postal code, Jalali dates)
//! is validated here, in the Rust core, so that the desktop UI, the HTTP API and the CLI all
//! accept and reject exactly the same inputs. The rules follow
//! `shared/reference/iran-data.md`; each module documents the rule it implements.
//!
//! All validators normalise their input first (Persian and Arabic-Indic digits, spaces, dashes,
//! ZWNJ) and return the canonical form on success, or a [`FieldError`] with a stable `code`.

pub mod email;
pub mod error;
pub mod jalali;
pub mod mobile;
pub mod money;
pub mod national_code;
pub mod normalize;
pub mod postal_code;
pub mod sheba;

pub use error::FieldError;
pub use jalali::{age_on, is_leap_year, month_length, require_min_age, JalaliDate};
pub use mobile::{Mobile, Operator};
pub use sheba::{Bank, Sheba};
