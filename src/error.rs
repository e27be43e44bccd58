//! The one error type of the crate: a stable code, a message in Chinese and in English, and,
//! where the error is about a place in a JSON document, the JSON path of that place.

use serde::Serialize;
use std::fmt;

/// An error with a stable machine-readable `code` (never changes once released), a message in
/// Chinese (`zh`, shown first) and English (`en`), and the JSON path it is about, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Error {
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Error { code, zh: zh.into(), en: en.into(), path: None }
    }

    /// The same error, about the JSON path `path` (for example `$.indicators[3].points`).
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// A JSON input that could not be read: syntax error or wrong shape. A syntax error gives its
    /// line and column; a wrong shape names what is wrong (as the JavaScript API does, which reads
    /// objects, not text).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bad_json(what_zh: &str, what_en: &str, e: &serde_json::Error) -> Self {
        let (zh_kind, en_kind) = match e.classify() {
            serde_json::error::Category::Syntax => ("JSON 语法错误", "JSON syntax error"),
            serde_json::error::Category::Eof => ("JSON 不完整（意外结束）", "JSON ends too early"),
            serde_json::error::Category::Data => ("内容与格式不符", "wrong shape"),
            serde_json::error::Category::Io => ("读取失败", "read failure"),
        };
        let detail = e.to_string();
        if e.classify() == serde_json::error::Category::Data {
            // serde's own words, without the position (the JavaScript API has no text to point into).
            let detail = detail.rsplit_once(" at line ").map_or(detail.as_str(), |(d, _)| d);
            return Error::shape(what_zh, what_en, detail);
        }
        Error::new(
            "E_INPUT_JSON",
            format!("{what_zh}无法读取：{zh_kind}，第 {} 行第 {} 列（{detail}）", e.line(), e.column()),
            format!("{what_en} cannot be read: {en_kind} at line {} column {} ({detail})", e.line(), e.column()),
        )
    }

    /// An input of the wrong shape (unknown or misspelt field, wrong type): `detail` is serde's
    /// message, the same from JSON text (CLI) and from a JavaScript object.
    pub fn shape(what_zh: &str, what_en: &str, detail: &str) -> Self {
        Error::new("E_INPUT_JSON", format!("{what_zh}无法读取：内容与格式不符（{detail}）"), format!("{what_en} cannot be read: wrong shape ({detail})"))
    }

    /// A field name longer than [`MAX_STRING_CHARS`] characters in an input.
    pub fn key_too_long(chars: usize) -> Self {
        Error::new(
            "E_TEXT_TOO_LONG",
            format!("输入中的字段名过长（{chars} 个字符），上限为 {MAX_STRING_CHARS} 个字符"),
            format!("a field name in the input is too long ({chars} characters); the limit is {MAX_STRING_CHARS} characters"),
        )
    }

    /// A text longer than [`MAX_STRING_CHARS`] characters in the field `name` of an input (`""`: at
    /// its top level).
    pub fn text_too_long(name: &str, chars: usize) -> Self {
        let name: String = name.chars().take(64).collect();
        let (zh, en) = if name.is_empty() { ("输入".to_string(), "the input".to_string()) } else { (format!("字段 {name}"), format!("field {name}")) };
        Error::new(
            "E_TEXT_TOO_LONG",
            format!("{zh}中的文字过长（{chars} 个字符），每段文字上限为 {MAX_STRING_CHARS} 个字符"),
            format!("a text in {en} is too long ({chars} characters); the limit is {MAX_STRING_CHARS} characters per text"),
        )
    }

    /// The whole error as one JSON object (what the CLI prints).
    pub fn to_json(&self) -> String {
        use crate::value::write_json_str;
        let mut s = String::from("{\"code\":");
        write_json_str(&mut s, self.code);
        s.push_str(",\"zh\":");
        write_json_str(&mut s, &self.zh);
        s.push_str(",\"en\":");
        write_json_str(&mut s, &self.en);
        if let Some(p) = &self.path {
            s.push_str(",\"path\":");
            write_json_str(&mut s, p);
        }
        s.push('}');
        s
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {} / {}", self.code, self.zh, self.en)?;
        if let Some(p) = &self.path {
            write!(f, " ({p})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Longest text (in characters) of any one string in an input, outside the values of the fields
/// a command exempts (`rules`, `csv`: they have their own byte limits). Above every field's own
/// limit (2,000 at most), so those keep their own messages; it keeps error messages and outputs
/// that repeat a value from growing with the input. The command line checks the JSON text
/// (`api::check_strings`), the JS binding the object read (`value::check_texts`).
pub const MAX_STRING_CHARS: usize = 4000;
