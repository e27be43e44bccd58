//! Exact points: every score is an integer number of hundredths of a point.
//!
//! Rounding rule (依据：《汕尾市医疗保障信用管理办法（试行）》第十九条 — the grade bounds are exact,
//! "A级（积分≥850）"): rule files and inputs may give points with at most two decimals; a value
//! with more decimals is refused, never rounded. Sums, differences and `per × count` of such
//! values are exact in hundredths, so no rounding ever happens and no binary floating point
//! decides a grade: 850 is A, 849.99 is B.

use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A number of points with at most two decimals (849.99), held exactly as hundredths
/// (`Points(84999)`): never rounded, so binary floating point never decides a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
pub struct Points(pub i64);

/// The largest magnitude accepted (a billion points): keeps every product far from overflow.
const MAX_HUNDREDTHS: i64 = 100_000_000_000;

impl Points {
    pub const ZERO: Points = Points(0);

    /// Whole points.
    pub fn whole(n: i64) -> Points {
        Points(n * 100)
    }

    /// Reads `"849.99"`, `"850"`, `"-5.5"`: at most two decimals, no exponent.
    pub fn parse(s: &str) -> Result<Points> {
        let t = s.trim();
        let bad = || {
            Error::new(
                "E_POINTS",
                format!("分值“{t}”不是有效的数字（最多两位小数，例如 849.99）"),
                format!("\"{t}\" is not a valid number of points (at most two decimals, e.g. 849.99)"),
            )
        };
        let (neg, body) = match t.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() || int.len() > 12 || !int.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if body.contains('.') && frac.is_empty() {
            return Err(bad());
        }
        let frac_trim = frac.trim_end_matches('0');
        if frac_trim.len() > 2 {
            return Err(Error::new(
                "E_POINTS_PRECISION",
                format!("分值“{t}”超过两位小数：本工具只接受精确到 0.01 分的数值，不做四舍五入"),
                format!("\"{t}\" has more than two decimals: points are exact to 0.01 and never rounded"),
            ));
        }
        let mut hundredths: i64 = int.parse::<i64>().map_err(|_| bad())? * 100;
        let f2 = format!("{frac_trim:0<2}");
        hundredths += f2.parse::<i64>().map_err(|_| bad())?;
        if hundredths > MAX_HUNDREDTHS {
            return Err(bad());
        }
        Ok(Points(if neg { -hundredths } else { hundredths }))
    }

    /// From a JSON number: the shortest decimal that round-trips (what was typed), then `parse`.
    pub fn from_f64(v: f64) -> Result<Points> {
        if !v.is_finite() {
            return Err(Error::new("E_POINTS", "分值不是有限数", "points value is not a finite number"));
        }
        match crate::value::exact_hundredths(v) {
            Some(k) if k.unsigned_abs() <= MAX_HUNDREDTHS as u64 => Ok(Points(k)),
            // More than two decimals, or too large: the same message as the text would get.
            _ => Points::parse(crate::value::float_text(v).trim_end_matches(".0")),
        }
    }

    pub fn checked_mul(self, n: u64) -> Option<Points> {
        let n = i64::try_from(n).ok()?;
        self.0.checked_mul(n).filter(|v| v.abs() <= MAX_HUNDREDTHS * 1000).map(Points)
    }

    pub fn min(self, o: Points) -> Points {
        if self <= o { self } else { o }
    }

    pub fn max(self, o: Points) -> Points {
        if self >= o { self } else { o }
    }

    pub fn is_whole(self) -> bool {
        self.0 % 100 == 0
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Points {
    /// `849.99`, `850`, `849.5`: the shortest exact decimal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (i, c) = (a / 100, a % 100);
        if c == 0 {
            write!(f, "{sign}{i}")
        } else if c % 10 == 0 {
            write!(f, "{sign}{i}.{}", c / 10)
        } else {
            write!(f, "{sign}{i}.{c:02}")
        }
    }
}

impl Serialize for Points {
    /// A JSON number written exactly as `Display` writes it (850, 849.5, 849.99), the same bytes
    /// JavaScript's `JSON.stringify` gives for that number.
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.is_whole() {
            s.serialize_i64(self.0 / 100)
        } else {
            s.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    /// Accepts a JSON number or a string (`849.99` or `"849.99"`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Points, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of points with at most two decimals")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Points, E> {
                Points::parse(&v.to_string()).map_err(|e| E::custom(format!("{} / {}", e.zh, e.en)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Points, E> {
                Points::parse(&v.to_string()).map_err(|e| E::custom(format!("{} / {}", e.zh, e.en)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Points, E> {
                Points::from_f64(v).map_err(|e| E::custom(format!("{} / {}", e.zh, e.en)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Points, E> {
                Points::parse(v).map_err(|e| E::custom(format!("{} / {}", e.zh, e.en)))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(Points::parse("849.99").unwrap(), Points(84999));
        assert_eq!(Points::parse("850").unwrap(), Points(85000));
        assert_eq!(Points::parse("850.00").unwrap(), Points(85000));
        assert_eq!(Points::parse("0.1").unwrap(), Points(10));
        assert_eq!(Points::parse("-5.5").unwrap(), Points(-550));
        assert_eq!(Points::from_f64(849.99).unwrap(), Points(84999));
        assert_eq!(Points::from_f64(0.1 + 0.2).unwrap_err().code, "E_POINTS_PRECISION");
        assert_eq!(Points::parse("849.999").unwrap_err().code, "E_POINTS_PRECISION");
        for bad in ["", ".", "1.", ".5", "1e3", "abc", "1,5", "--1", "9999999999999"] {
            assert_eq!(Points::parse(bad).unwrap_err().code, "E_POINTS", "{bad}");
        }
    }

    #[test]
    fn writes_like_javascript() {
        for (p, s) in [(84999, "849.99"), (85000, "850"), (84950, "849.5"), (5, "0.05"), (-550, "-5.5")] {
            assert_eq!(Points(p).to_string(), s);
            assert_eq!(serde_json::to_string(&Points(p)).unwrap(), s);
        }
    }
}
