//! Money as Iranians read it: amounts are kept in Rials everywhere, and shown in Toman
//! (a tenth of a Rial amount) with thousands separators.

/// Rials as Toman with thousands separators: `1,250,000` for 12,500,000 Rials. Fractions of a
/// Toman are dropped (prices are whole Toman in practice).
pub fn toman(rials: i64) -> String {
    grouped(rials / 10)
}

/// A whole number with `,` between groups of three digits: `-1,234,567`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toman_groups_thousands() {
        assert_eq!(toman(12_500_000), "1,250,000");
        assert_eq!(toman(0), "0");
        assert_eq!(toman(-35_000), "-3,500");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
    }
}
