//! `Debug` for the wire types that carry personal data: ids, statuses, counts, amounts and
//! dates are shown; names, emails, phones, addresses, postal codes, national codes, Shebas,
//! free-text notes (which quote such values) and secrets print as `<redacted>`, so a `?value`
//! in a log line or a panic message cannot leak them (the log promise of
//! `pishkhan_core::logging`).
//!
//! [`debug_redacting!`] writes such a `Debug` from one line per type. It destructures the type,
//! so a field added later is a compile error until someone decides whether it may be shown.

use std::fmt;

/// What a personal value prints as.
pub const REDACTED: &str = "<redacted>";

/// A value whose `Debug` says only whether it is there, never what it is.
pub trait Redact {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

impl Redact for String {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Redact for f64 {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// `None`, or `Some(<redacted>)`.
impl<T: Redact> Redact for Option<T> {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            None => f.write_str("None"),
            Some(value) => f.debug_tuple("Some").field(&Redacted(value)).finish(),
        }
    }
}

/// Shows a [`Redact`] value in a `Debug` (`.field("email", &Redacted(&self.email))`).
pub struct Redacted<'a, T: ?Sized>(pub &'a T);

impl<T: Redact + ?Sized> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_redacted(f)
    }
}

/// `debug_redacting!(Customer { id, first_name: redacted, … })`: a `Debug` that lists every
/// field of the struct, in that order, the ones marked `redacted` as `<redacted>`.
macro_rules! debug_redacting {
    ($ty:ident { $($field:ident $(: $mark:ident)?),* $(,)? }) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $ty { $($field),* } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), debug_redacting!(@value $field $(, $mark)?)))*
                    .finish()
            }
        }
    };
    (@value $value:ident) => {
        $value
    };
    (@value $value:ident, redacted) => {
        &$crate::redact::Redacted($value)
    };
}
