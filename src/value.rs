//! A JSON-shaped value of the core's own, so that no domain module depends on a JSON text library.
//!
//! Inputs arrive as typed Rust values: from JSON text in the CLI (the command layer parses with
//! serde_json) or from plain JavaScript objects in the browser (serde-wasm-bindgen). Where an input
//! is open-ended — an answer that may be a count, yes/no or a level; a holiday document; an inline
//! rule set that must be hashed as given — the core holds it as a [`Value`]. A `Value` can be read
//! into any `Deserialize` type ([`from_value`]) and written as compact JSON ([`Value::to_json`]),
//! byte for byte as serde_json writes it, so object keys come out sorted: the canonical form the
//! rule-set hash is taken of (依据：docs/rules-format.md「SHA-256」).

use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

/// An object: keys sorted (as serde_json's default map), so writing it is canonical.
pub type Map = BTreeMap<String, Value>;

/// A JSON number as it was given: a whole number stays whole, a fraction stays a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl Number {
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::PosInt(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::PosInt(n) => i64::try_from(n).ok(),
            Number::NegInt(n) => Some(n),
            Number::Float(_) => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        })
    }
    fn from_f64(f: f64) -> Number {
        // A whole float in the safe-integer range is the number JavaScript would give: keep it
        // whole (`2` not `2.0`), as serde-wasm-bindgen does for a JS number.
        Number::Float(f)
    }
}

/// `x` in hundredths when it is exactly a number with at most two decimals (the closest double to
/// `k / 100`), else None. 依据：`crate::points`（分值精确到 0.01）.
pub fn exact_hundredths(x: f64) -> Option<i64> {
    let k = (x * 100.0).round();
    (x.is_finite() && k.abs() < 1e15 && k / 100.0 == x && !(x == 0.0 && x.is_sign_negative())).then_some(k as i64)
}

/// The shortest text that reads back as `x`, as serde_json writes a float: `0.5`, `100.0`,
/// `1e-7`, `1.5e+21`. Numbers with at most two decimals (every points value) are written from
/// their hundredths; others by the platform (natively Rust's formatting, in WebAssembly
/// JavaScript's `Number#toString`, which differ only in the exponent forms of very large or very
/// small numbers), so the WebAssembly module carries no float-formatting code.
pub fn float_text(x: f64) -> String {
    if let Some(k) = exact_hundredths(x) {
        let (sign, a) = (if k < 0 { "-" } else { "" }, k.unsigned_abs());
        let (i, c) = (a / 100, a % 100);
        return match c {
            0 => format!("{sign}{i}.0"),
            c if c % 10 == 0 => format!("{sign}{i}.{}", c / 10),
            c => format!("{sign}{i}.{c:02}"),
        };
    }
    platform_float_text(x)
}

#[cfg(not(target_arch = "wasm32"))]
fn platform_float_text(x: f64) -> String {
    // serde_json's own writer: where two shortest texts read back as `x` (599999777777777.25 is
    // both …777.2 and …777.3), it takes the even one, as JavaScript does; Rust's `{}` takes the
    // other, so the canonical text (and the rule-set hash) differed from the WebAssembly module's.
    // Found by the `parse_trusted` fuzz target (tests/fuzz_regressions.rs).
    serde_json::to_string(&x).unwrap_or_else(|_| "null".into())
}

#[cfg(target_arch = "wasm32")]
fn platform_float_text(x: f64) -> String {
    if !x.is_finite() {
        return "null".into();
    }
    js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

impl fmt::Display for Number {
    /// As serde_json writes a number: integers plainly, floats in the shortest form that reads
    /// back the same (see [`float_text`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::PosInt(n) => write!(f, "{n}"),
            Number::NegInt(n) => write!(f, "{n}"),
            Number::Float(x) => f.write_str(&float_text(x)),
        }
    }
}

/// Any JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(type = "null | boolean | number | string | Value[] | { [key: string]: Value }"))]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    /// The member `key` of an object (None for anything else).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// Compact JSON, keys sorted, as serde_json writes a `serde_json::Value`.
    pub fn to_json(&self) -> String {
        let mut s = String::new();
        self.write_json(&mut s);
        s
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Value::String(s) => write_json_str(out, s),
            Value::Array(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            Value::Object(m) => {
                out.push('{');
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_str(out, k);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string literal, escaped as serde_json escapes: `"` `\` and control characters only.
pub fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl fmt::Display for Value {
    /// Compact JSON (as in the messages that repeat a wrong value: `实为 [1,2]`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(Number::PosInt(n)) => s.serialize_u64(*n),
            Value::Number(Number::NegInt(n)) => s.serialize_i64(*n),
            Value::Number(Number::Float(x)) => s.serialize_f64(*x),
            Value::String(v) => s.serialize_str(v),
            Value::Array(a) => {
                let mut q = s.serialize_seq(Some(a.len()))?;
                for v in a {
                    q.serialize_element(v)?;
                }
                q.end()
            }
            Value::Object(m) => {
                let mut q = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    q.serialize_entry(k, v)?;
                }
                q.end()
            }
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(if v < 0 { Number::NegInt(v) } else { Number::PosInt(v as u64) }))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(Number::PosInt(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(Number::from_f64(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Deserialize::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element()? {
            v.push(x);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut m = Map::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            m.insert(k, v);
        }
        Ok(Value::Object(m))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// Reads a JSON text the core ships with (the holiday calendar): a small reader without error
/// messages (`None` for anything it does not take), so WebAssembly needs no JSON text library.
/// Untrusted text is read by the command layer (serde_json) or the browser (`JSON.parse`).
pub fn parse_trusted(text: &str) -> Option<Value> {
    let b = text.as_bytes();
    let mut i = 0;
    let v = read(b, &mut i, 0)?;
    skip_ws(b, &mut i);
    (i == b.len()).then_some(v)
}

fn skip_ws(b: &[u8], i: &mut usize) {
    while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r') {
        *i += 1;
    }
}

fn read(b: &[u8], i: &mut usize, depth: usize) -> Option<Value> {
    if depth > 64 {
        return None;
    }
    skip_ws(b, i);
    match *b.get(*i)? {
        b'{' => {
            *i += 1;
            let mut m = Map::new();
            skip_ws(b, i);
            if b.get(*i) == Some(&b'}') {
                *i += 1;
                return Some(Value::Object(m));
            }
            loop {
                skip_ws(b, i);
                let Value::String(k) = read_str(b, i)? else { return None };
                skip_ws(b, i);
                (b.get(*i) == Some(&b':')).then_some(())?;
                *i += 1;
                let v = read(b, i, depth + 1)?;
                m.insert(k, v);
                skip_ws(b, i);
                match b.get(*i)? {
                    b',' => *i += 1,
                    b'}' => {
                        *i += 1;
                        return Some(Value::Object(m));
                    }
                    _ => return None,
                }
            }
        }
        b'[' => {
            *i += 1;
            let mut a = Vec::new();
            skip_ws(b, i);
            if b.get(*i) == Some(&b']') {
                *i += 1;
                return Some(Value::Array(a));
            }
            loop {
                a.push(read(b, i, depth + 1)?);
                skip_ws(b, i);
                match b.get(*i)? {
                    b',' => *i += 1,
                    b']' => {
                        *i += 1;
                        return Some(Value::Array(a));
                    }
                    _ => return None,
                }
            }
        }
        b'"' => read_str(b, i),
        b't' if b[*i..].starts_with(b"true") => {
            *i += 4;
            Some(Value::Bool(true))
        }
        b'f' if b[*i..].starts_with(b"false") => {
            *i += 5;
            Some(Value::Bool(false))
        }
        b'n' if b[*i..].starts_with(b"null") => {
            *i += 4;
            Some(Value::Null)
        }
        _ => read_number(b, i),
    }
}

/// A number as the shipped files write them: an integer, or a decimal without exponent and with at
/// most 15 digits (`849.99`), read exactly (the quotient of two exact doubles is correctly
/// rounded: the double closest to the decimal, as any JSON reader gives). Anything else is not
/// taken (no float parsing code in the WebAssembly module).
fn read_number(b: &[u8], i: &mut usize) -> Option<Value> {
    let neg = b.get(*i) == Some(&b'-');
    if neg {
        *i += 1;
    }
    // JSON's grammar (RFC 8259 §6): a digit first, and no leading zero (`01`, `-.5` are not JSON).
    match (b.get(*i), b.get(*i + 1)) {
        (Some(b'0'), Some(b'0'..=b'9')) => return None,
        (Some(b'0'..=b'9'), _) => {}
        _ => return None,
    }
    let (mut digits, mut n_digits, mut frac) = (0u64, 0u32, None::<u32>);
    while let Some(&c) = b.get(*i) {
        match c {
            b'0'..=b'9' => {
                digits = digits * 10 + u64::from(c - b'0');
                n_digits += 1;
                if let Some(f) = frac.as_mut() {
                    *f += 1;
                }
                if n_digits > 15 {
                    return None;
                }
            }
            b'.' if frac.is_none() => frac = Some(0),
            b'e' | b'E' | b'+' | b'.' => return None,
            _ => break,
        }
        *i += 1;
    }
    match (n_digits, frac) {
        (0, _) | (_, Some(0)) => None,
        (_, None) if neg => Some(Value::Number(if digits == 0 { Number::Float(-0.0) } else { Number::NegInt(-(digits as i64)) })),
        (_, None) => Some(Value::Number(Number::PosInt(digits))),
        (_, Some(f)) => {
            let x = digits as f64 / 10f64.powi(f as i32);
            Some(Value::Number(Number::Float(if neg { -x } else { x })))
        }
    }
}


fn read_str(b: &[u8], i: &mut usize) -> Option<Value> {
    (b.get(*i) == Some(&b'"')).then_some(())?;
    *i += 1;
    let mut out = String::new();
    let mut start = *i;
    loop {
        match *b.get(*i)? {
            b'"' => {
                out.push_str(std::str::from_utf8(&b[start..*i]).ok()?);
                *i += 1;
                return Some(Value::String(out));
            }
            b'\\' => {
                out.push_str(std::str::from_utf8(&b[start..*i]).ok()?);
                let c = *b.get(*i + 1)?;
                *i += 2;
                match c {
                    b'"' => out.push('"'),
                    b'\\' => out.push('\\'),
                    b'/' => out.push('/'),
                    b'n' => out.push('\n'),
                    b'r' => out.push('\r'),
                    b't' => out.push('\t'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'u' => {
                        // Four hex digits, no sign (`from_str_radix` would take `+41`).
                        let h = std::str::from_utf8(b.get(*i..*i + 4)?).ok().filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))?;
                        *i += 4;
                        out.push(char::from_u32(u32::from_str_radix(h, 16).ok()?)?);
                    }
                    _ => return None,
                }
                start = *i;
            }
            // A control character must be escaped (RFC 8259 §7), as serde_json requires.
            0..=0x1F => return None,
            _ => *i += 1,
        }
    }
}

/// Refuses an input with a text or a field name longer than [`crate::error::MAX_STRING_CHARS`]
/// characters outside the values of the `exempt` fields, with the command line's message (the
/// JS binding's check of an object, as `api::check_strings` checks a JSON text).
pub fn check_texts(v: &Value, exempt: &[&str]) -> crate::Result<()> {
    fn walk(v: &Value, key: &str, exempt: &[&str]) -> crate::Result<()> {
        use crate::error::{Error, MAX_STRING_CHARS};
        match v {
            Value::String(s) if s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS => Err(Error::text_too_long(key, s.chars().count())),
            Value::Array(a) => a.iter().try_for_each(|x| walk(x, key, exempt)),
            Value::Object(m) => m.iter().try_for_each(|(k, x)| {
                if k.len() > MAX_STRING_CHARS && k.chars().count() > MAX_STRING_CHARS {
                    return Err(Error::key_too_long(k.chars().count()));
                }
                if exempt.contains(&k.as_str()) {
                    Ok(())
                } else {
                    walk(x, k, exempt)
                }
            }),
            _ => Ok(()),
        }
    }
    walk(v, "", exempt)
}

/// The error of reading a [`Value`] into a typed value: serde's own message (`unknown field
/// \`asof\`, expected one of …`, `invalid type: …`), the same words serde_json and
/// serde-wasm-bindgen use. (serde's own `de::value::Error` writes the same, but with Rust's float
/// formatting for a float in an `invalid type` message — about 14 KB of WebAssembly; here a float
/// is written by [`float_text`], as the rest of the core writes numbers.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

impl de::Error for ValueError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ValueError(msg.to_string())
    }
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        ValueError(format!("invalid type: {}, expected {exp}", unexpected_text(&unexp)))
    }
    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        ValueError(format!("invalid value: {}, expected {exp}", unexpected_text(&unexp)))
    }
}

/// serde's words for an unexpected value (its `Display` of `de::Unexpected`), a float written by
/// [`float_text`] (`1.0`, `0.5`; `NaN`, `inf` as serde writes them).
pub fn unexpected_text(u: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match *u {
        U::Bool(b) => format!("boolean `{b}`"),
        U::Unsigned(i) => format!("integer `{i}`"),
        U::Signed(i) => format!("integer `{i}`"),
        U::Float(x) if x.is_nan() => "floating point `NaN`".into(),
        U::Float(x) if x.is_infinite() => format!("floating point `{}inf`", if x < 0.0 { "-" } else { "" }),
        U::Float(x) => format!("floating point `{}`", float_text(x)),
        U::Char(c) => format!("character `{c}`"),
        U::Str(s) => format!("string {s:?}"),
        U::Bytes(_) => "byte array".into(),
        U::Unit => "unit value".into(),
        U::Option => "Option value".into(),
        U::NewtypeStruct => "newtype struct".into(),
        U::Seq => "sequence".into(),
        U::Map => "map".into(),
        U::Enum => "enum".into(),
        U::UnitVariant => "unit variant".into(),
        U::NewtypeVariant => "newtype variant".into(),
        U::TupleVariant => "tuple variant".into(),
        U::StructVariant => "struct variant".into(),
        U::Other(o) => o.to_string(),
    }
}

/// Reads a `Value` into `T` (as `serde_json::from_value` does).
pub fn from_value<T: DeserializeOwned>(v: Value) -> Result<T, ValueError> {
    T::deserialize(v)
}

impl IntoDeserializer<'_, ValueError> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

impl<'de> Deserializer<'de> for Value {
    type Error = ValueError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(Number::PosInt(n)) => v.visit_u64(n),
            Value::Number(Number::NegInt(n)) => v.visit_i64(n),
            Value::Number(Number::Float(x)) => v.visit_f64(x),
            Value::String(s) => v.visit_string(s),
            Value::Array(a) => visit_array(a, v),
            Value::Object(m) => visit_object(m, v),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::String(s) => v.visit_enum(s.into_deserializer()),
            Value::Object(m) if m.len() == 1 => {
                let (k, val) = m.into_iter().next().expect("one entry");
                v.visit_enum(de::value::MapAccessDeserializer::new(de::value::MapDeserializer::new(std::iter::once((k, val)))))
            }
            other => Err(other.wrong(&"a string or an object with one key")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, v: V) -> Result<V::Value, ValueError> {
        v.visit_newtype_struct(self)
    }

    // The typed readers below take only the shape they ask for, and say so otherwise: a struct
    // reads an object (never an array), a text reads a string… Besides refusing the wrong shape
    // with serde's message, this keeps the WebAssembly small: no typed value's reader is linked
    // with a path it can never take (a struct read from an array, a number's float formatting).

    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Object(m) => visit_object(m, v),
            other => Err(other.wrong(&v)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Object(m) => visit_object(m, v),
            other => Err(other.wrong(&v)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Array(a) => visit_array(a, v),
            other => Err(other.wrong(&v)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_seq(v)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::String(s) => v.visit_string(s),
            other => Err(other.wrong(&v)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_string(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_string(v)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Bool(b) => v.visit_bool(b),
            other => Err(other.wrong(&v)),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_integer(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_integer(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_integer(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_integer(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_integer(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        self.deserialize_integer(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u128 f32 f64 char bytes byte_buf unit unit_struct
    }
}

fn visit_array<'de, V: Visitor<'de>>(a: Vec<Value>, v: V) -> Result<V::Value, ValueError> {
    let mut seq = de::value::SeqDeserializer::new(a.into_iter());
    let out = v.visit_seq(&mut seq)?;
    seq.end()?;
    Ok(out)
}

fn visit_object<'de, V: Visitor<'de>>(m: Map, v: V) -> Result<V::Value, ValueError> {
    let mut map = de::value::MapDeserializer::new(m.into_iter());
    let out = v.visit_map(&mut map)?;
    map.end()?;
    Ok(out)
}

impl Value {
    /// A whole number of any width: read as the visitor wants it (its own range check and message).
    fn deserialize_integer<'de, V: Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Number(Number::PosInt(n)) => v.visit_u64(n),
            Value::Number(Number::NegInt(n)) => v.visit_i64(n),
            other => Err(other.wrong(&v)),
        }
    }

    /// The error of a value of the wrong type, in serde's words (`invalid type: string "x",
    /// expected a number`); a float is written by [`float_text`].
    fn wrong<E: de::Error>(&self, exp: &dyn de::Expected) -> E {
        let float;
        let u = match self {
            Value::Null => de::Unexpected::Unit,
            Value::Bool(b) => de::Unexpected::Bool(*b),
            Value::Number(Number::PosInt(n)) => de::Unexpected::Unsigned(*n),
            Value::Number(Number::NegInt(n)) => de::Unexpected::Signed(*n),
            Value::Number(Number::Float(x)) => {
                float = format!("floating point `{}`", float_text(*x));
                de::Unexpected::Other(&float)
            }
            Value::String(s) => de::Unexpected::Str(s),
            Value::Array(_) => de::Unexpected::Seq,
            Value::Object(_) => de::Unexpected::Map,
        };
        E::invalid_type(u, exp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_as_serde_json_does() {
        for text in [
            r#"{"b":[1,-2,0.5,100.0,1e-7,1.5e21,"x\"\\\n\u0001é"],"a":null,"c":{"z":true,"y":false}}"#,
            r#"[0.1,12345678.9,-0.0,1e16,9.999e15,123456789012345678]"#,
            r#""\u001f/<>""#,
        ] {
            let ours: Value = serde_json::from_str(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours.to_json(), serde_json::to_string(&theirs).unwrap(), "{text}");
        }
    }

    #[test]
    fn the_trusted_reader_agrees_with_serde_json() {
        for text in [r#"{"year":2026,"papers":["x"],"days":[{"name":"元旦","date":"2026-01-01","isOffDay":true}],"a":-1.5,"n":-7,"z":0.05,"b":null,"c":"\u00e9\n\"\\/"}"#, "[]", " {} "] {
            let theirs: Value = serde_json::from_str(text).unwrap();
            assert_eq!(parse_trusted(text), Some(theirs), "{text}");
        }
        // Exponents, long mantissas and malformed numbers are not the shipped files' form: not taken.
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", "\"x", "1e3", "1.", "-", "12345678901234567", "1.2.3"] {
            assert_eq!(parse_trusted(bad), None, "{bad}");
        }
        #[cfg(feature = "tools")]
        for (_, text) in crate::calendar::BUILTIN_FILES {
            assert_eq!(parse_trusted(text), Some(serde_json::from_str(text).unwrap()));
        }
        for (_, text) in crate::rules::builtin::BUILTIN {
            assert_eq!(parse_trusted(text), Some(serde_json::from_str(text).unwrap()));
        }
    }

    /// The core's words for an unexpected value are serde's (its `Display` of `de::Unexpected`),
    /// floats included where both write them alike: numbers of at most two decimals, NaN, infinities.
    #[test]
    fn unexpected_values_in_serde_words() {
        use de::Unexpected as U;
        let s = "a\"b\n";
        for u in [
            U::Bool(true), U::Unsigned(7), U::Signed(-3), U::Float(1.0), U::Float(-2.5), U::Float(0.05), U::Float(100.0),
            U::Float(f64::NAN), U::Float(f64::INFINITY), U::Float(f64::NEG_INFINITY), U::Char('x'), U::Str(s), U::Bytes(b"x"),
            U::Unit, U::Option, U::NewtypeStruct, U::Seq, U::Map, U::Enum, U::UnitVariant, U::NewtypeVariant, U::TupleVariant,
            U::StructVariant, U::Other("JsValue(Symbol(x))"),
        ] {
            assert_eq!(unexpected_text(&u), u.to_string());
        }
        let e: ValueError = de::Error::invalid_type(U::Float(1.5), &"a string");
        let theirs: de::value::Error = de::Error::invalid_type(U::Float(1.5), &"a string");
        assert_eq!(e.to_string(), theirs.to_string());
        let e: ValueError = de::Error::invalid_value(U::Signed(-1), &"a count");
        let theirs: de::value::Error = de::Error::invalid_value(U::Signed(-1), &"a count");
        assert_eq!(e.to_string(), theirs.to_string());
    }

    #[test]
    fn reads_typed_values_with_serde_messages() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        struct S {
            as_of: String,
            #[serde(default)]
            n: Option<u32>,
        }
        let v: Value = serde_json::from_str(r#"{"asOf":"2026-01-01","n":3}"#).unwrap();
        let s: S = from_value(v).unwrap();
        assert_eq!((s.as_of.as_str(), s.n), ("2026-01-01", Some(3)));
        let bad: Value = serde_json::from_str(r#"{"asof":"x"}"#).unwrap();
        let e = from_value::<S>(bad).unwrap_err().to_string();
        assert_eq!(e, "unknown field `asof`, expected `asOf` or `n`");
        let bad: Value = serde_json::from_str(r#"{"asOf":1}"#).unwrap();
        assert_eq!(from_value::<S>(bad).unwrap_err().to_string(), "invalid type: integer `1`, expected a string");
    }
}
