//! The JSON API: one table of commands, each a function from a JSON text to a JSON text.
//! The CLI (`yibao-credit NAME`) and the JS API (`binding.rs`) both call through this table, so
//! the same input gives the same bytes out natively and in WebAssembly.

use crate::error::{Error, Result};
use serde::{de::DeserializeOwned, Serialize};

/// A command of the JSON API: JSON text in, JSON text out.
pub type Command = fn(&str) -> Result<String>;

/// Every command, by the name the CLI and the JS API use.
pub const COMMANDS: &[(&str, Command)] = &[
    // (name, function) — keep sorted by name.
    ("batch", crate::batch::batch_command),
    ("batch-template", crate::batch::template_command),
    ("calendar-month", crate::calendar::cmd_month),
    ("check-rules", check_rules),
    ("deadline", crate::deadline::cmd_deadline),
    ("deadline-kinds", crate::deadline::cmd_kinds),
    ("evaluate", evaluate),
    ("form", crate::forms::cmd_form),
    ("forms", crate::forms::cmd_forms),
    ("grade", grade),
    ("objection", crate::repair::cmd_objection),
    ("repair", crate::repair::cmd_repair),
    ("rules", rules),
    ("timeline", crate::timeline::cmd_timeline),
    ("validate", crate::ident::validate_command),
    ("workday", crate::calendar::cmd_workday),
];

/// Runs the command `name` on the JSON text `input`.
pub fn call(name: &str, input: &str) -> Result<String> {
    match COMMANDS.iter().find(|(n, _)| *n == name) {
        Some((_, f)) => f(input),
        None => Err(Error::new(
            "E_UNKNOWN_COMMAND",
            format!("没有名为“{name}”的命令"),
            format!("there is no command named \"{name}\""),
        )),
    }
}

/// Largest JSON input any command accepts (bytes): larger inputs are refused with a message.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Reads `input` as `I`, runs `f`, writes the result as compact JSON.
pub fn json_command<I: DeserializeOwned, O: Serialize>(input: &str, f: impl FnOnce(I) -> Result<O>) -> Result<String> {
    let i: I = parse_input(input)?;
    to_json(&f(i)?)
}

/// Reads a JSON input, with the size limit and a bilingual error.
pub fn parse_input<I: DeserializeOwned>(input: &str) -> Result<I> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            "E_INPUT_TOO_LARGE",
            format!("输入过大（{} 字节），上限为 {} 字节", input.len(), MAX_INPUT_BYTES),
            format!("input too large ({} bytes); the limit is {} bytes", input.len(), MAX_INPUT_BYTES),
        ));
    }
    check_strings(input, &["rules", "csv"])?;
    serde_json::from_str(input).map_err(|e| Error::bad_json("输入", "Input", &e))
}

/// Longest text (in characters) of any one string in a JSON input, outside the values of the
/// fields exempted by the command (`rules`, `csv`: they have their own byte limits). Above every
/// field's own limit (2,000 at most), so those keep their own messages; it keeps error messages
/// and outputs that repeat a value from growing with the input.
pub const MAX_STRING_CHARS: usize = 4000;

/// Refuses a JSON text with a string (value or field name) longer than [`MAX_STRING_CHARS`] characters outside the
/// values of the `exempt` fields. A plain scan of the text (no allocation); malformed JSON is
/// left to the parser.
pub fn check_strings(input: &str, exempt: &[&str]) -> Result<()> {
    let b = input.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    // Depth at which an exempt field's object or array value started.
    let mut exempt_from: Option<usize> = None;
    // The last key read, when the value after it has not started yet.
    let mut key: Option<(usize, usize)> = None;
    let mut last_key: (usize, usize) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut chars = 0usize;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += if b.get(j + 1) == Some(&b'u') { 6 } else { 2 };
                    } else {
                        j += 1;
                    }
                    chars += 1;
                    // Continuation bytes of UTF-8 are not characters.
                    while j < b.len() && (b[j] & 0xC0) == 0x80 {
                        j += 1;
                    }
                }
                let end = j.min(b.len());
                i = j + 1;
                let mut k = i;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if b.get(k) == Some(&b':') {
                    if chars > MAX_STRING_CHARS && exempt_from.is_none() {
                        return Err(Error::new(
                            "E_TEXT_TOO_LONG",
                            format!("输入中的字段名过长（{chars} 个字符），上限为 {MAX_STRING_CHARS} 个字符"),
                            format!("a field name in the input is too long ({chars} characters); the limit is {MAX_STRING_CHARS} characters"),
                        ));
                    }
                    key = Some((start, end));
                    last_key = (start, end);
                    i = k + 1;
                    continue;
                }
                let exempt_value = key.take().is_some_and(|(s, e)| exempt.iter().any(|x| x.as_bytes() == &b[s..e]));
                if chars > MAX_STRING_CHARS && exempt_from.is_none() && !exempt_value {
                    let name: String = input.get(last_key.0..last_key.1).unwrap_or("").chars().take(64).collect();
                    let (zh, en) = if name.is_empty() { ("输入".to_string(), "the input".to_string()) } else { (format!("字段 {name}"), format!("field {name}")) };
                    return Err(Error::new(
                        "E_TEXT_TOO_LONG",
                        format!("{zh}中的文字过长（{chars} 个字符），每段文字上限为 {MAX_STRING_CHARS} 个字符"),
                        format!("a text in {en} is too long ({chars} characters); the limit is {MAX_STRING_CHARS} characters per text"),
                    ));
                }
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if exempt_from.is_none() && key.take().is_some_and(|(s, e)| exempt.iter().any(|x| x.as_bytes() == &b[s..e])) {
                    exempt_from = Some(depth);
                }
            }
            b'}' | b']' => {
                if exempt_from == Some(depth) {
                    exempt_from = None;
                }
                depth = depth.saturating_sub(1);
                key = None;
            }
            b',' => key = None,
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Compact JSON of a result.
pub fn to_json<O: Serialize>(o: &O) -> Result<String> {
    serde_json::to_string(o).map_err(|e| Error::new("E_INTERNAL", format!("内部错误：{e}"), format!("internal error: {e}")))
}

/// `evaluate`: score, grade, measures and trace (see [`crate::evaluate`]).
pub fn evaluate(input: &str) -> Result<String> {
    json_command(input, |i: crate::evaluate::EvaluateInput| crate::evaluate::evaluate(&i))
}

/// `evaluate` with rules already compiled (the JS `RuleSet` handle; same output bytes).
pub fn evaluate_with(rules: &crate::rules::CompiledRules, input: &str) -> Result<String> {
    json_command(input, |i: crate::evaluate::EvaluateInput| {
        if i.rules.is_some() {
            return Err(Error::new(
                "E_RULES_TWICE",
                "已选定指标，输入中不能再带 rules",
                "rules are already chosen; the input must not carry rules too",
            )
            .at("$.rules"));
        }
        crate::evaluate::evaluate_with(rules, &i)
    })
}

/// `check-rules`: the checker's report on a rule-set text (the input is the rule set itself).
pub fn check_rules(input: &str) -> Result<String> {
    to_json(&crate::rules::check_text(input))
}

/// `grade`: grade, label and measures for a known score.
pub fn grade(input: &str) -> Result<String> {
    json_command(input, |i: crate::evaluate::GradeInput| crate::evaluate::grade(&i))
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RulesQuery {
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "type")]
    subject_type: Option<String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct RulesListItem {
    name: &'static str,
    subject_class: String,
    subject_types: Vec<String>,
    #[serde(flatten)]
    info: crate::rules::RulesInfo,
}

/// `rules`: with no name or type, the list of shipped rule sets; with `name` or `type`, that
/// rule-set document itself.
pub fn rules(input: &str) -> Result<String> {
    let q: RulesQuery = if input.trim().is_empty() { RulesQuery::default() } else { parse_input(input)? };
    use crate::rules::builtin;
    let pick = match (&q.name, &q.subject_type) {
        (Some(n), _) => Some(builtin::BUILTIN.iter().find(|(b, _)| b == n).ok_or_else(|| {
            Error::new("E_RULES_UNKNOWN", format!("没有名为“{n}”的内置指标"), format!("there is no built-in rule set named \"{n}\"")).at("$.name")
        })?),
        (None, Some(t)) => Some(builtin::source_for_subject_type(t).map_err(|e| e.at("$.type"))?),
        (None, None) => None,
    };
    match pick {
        Some((_, text)) => {
            let v: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::bad_json("内置指标", "Built-in rules", &e))?;
            to_json(&v)
        }
        None => {
            let list: Vec<RulesListItem> = builtin::BUILTIN
                .iter()
                .filter_map(|(n, _)| {
                    builtin::by_name(n).map(|r| RulesListItem {
                        name: n,
                        subject_class: r.doc.subject_class.clone(),
                        subject_types: r.doc.subject_types.clone(),
                        info: r.info(),
                    })
                })
                .collect();
            to_json(&list)
        }
    }
}
