//! The command layer: one table of commands, each a function from a JSON text to a JSON text,
//! over the typed core. The CLI (`yibao-credit NAME`) and the golden tests call through it; the
//! JavaScript API (`binding.rs`) calls the same core functions with plain JS objects instead of
//! text, so the same input gives the same result natively and in WebAssembly. Native only: the
//! WebAssembly module carries no JSON text reader or writer.

use crate::error::{Error, Result};
use crate::value::Value;
use serde::{de::DeserializeOwned, Serialize};

/// A command of the JSON API: JSON text in, JSON text out.
pub type Command = fn(&str) -> Result<String>;

/// Every command, by the name the CLI and the JS API use.
pub const COMMANDS: &[(&str, Command)] = &[
    // (name, function) — keep sorted by name.
    ("batch", batch),
    ("batch-template", |t| typed(t, crate::batch::batch_template)),
    ("calendar-month", |t| untyped(t, crate::calendar::month_of)),
    ("check-rules", check_rules),
    ("compile-rules", compile_rules),
    ("deadline", |t| untyped(t, crate::deadline::deadline)),
    ("deadline-kinds", |_| to_json(&crate::deadline::kinds())),
    ("diff-rules", diff_rules),
    ("evaluate", evaluate),
    ("form", |t| untyped(t, crate::forms::form)),
    ("forms", |_| to_json(&crate::forms::list())),
    ("grade", |t| typed(t, |i: crate::evaluate::GradeInput| crate::evaluate::grade(&i))),
    ("holiday-notices", |t| untyped(t, crate::calendar::notices_of)),
    ("objection", |t| untyped(t, crate::repair::objection_of)),
    ("payment-points", |t| typed(t, |i: crate::payment_points::PointsInput| crate::payment_points::payment_points(&i))),
    ("payment-points-batch", |t| typed(t, |i: crate::points_batch::PointsBatchInput| crate::points_batch::payment_points_batch(&i))),
    ("payment-points-template", |_| to_json(&crate::points_batch::points_template())),
    ("publish", publish),
    ("repair", |t| typed(t, |i: crate::repair::RepairInput| crate::repair::assess(&i))),
    ("rules", rules),
    ("rules-in-force", rules_in_force),
    ("score", |t| typed(t, |i: crate::evaluate::EvaluateInput| crate::evaluate::score_input(&i))),
    ("timeline", |t| untyped(t, crate::timeline::run)),
    ("validate", |t| typed(t, crate::ident::validate)),
    ("workday", |t| untyped(t, crate::calendar::workday)),
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

/// Reads `input` as `I`, runs `f`, writes the result as compact JSON.
pub fn typed<I: DeserializeOwned, O: Serialize>(input: &str, f: impl FnOnce(I) -> Result<O>) -> Result<String> {
    let i: I = parse_input(input)?;
    to_json(&f(i)?)
}

/// Reads `input` as any JSON value (the command reads its fields itself), runs `f`.
fn untyped<O: Serialize>(input: &str, f: impl FnOnce(Value) -> Result<O>) -> Result<String> {
    typed(input, f)
}

fn batch(input: &str) -> Result<String> {
    crate::batch::check_input_size(input.len())?;
    check_strings(input, &["csv", "rules"])?;
    let i: crate::batch::BatchInput = serde_json::from_str(input).map_err(|e| Error::bad_json("输入", "Input", &e))?;
    to_json(&crate::batch::batch(i)?)
}

fn publish(input: &str) -> Result<String> {
    crate::batch::check_input_size(input.len())?;
    check_strings(input, &["csv", "rules"])?;
    let i: crate::publish::PublishInput = serde_json::from_str(input).map_err(|e| Error::bad_json("输入", "Input", &e))?;
    to_json(&crate::publish::publish(i)?)
}

/// `diff-rules`: two versions of a rule set compared, with their effect on a self-assessment and
/// a batch file (see [`crate::diff_rules`]). Its rule sets and CSV text may be long strings.
fn diff_rules(input: &str) -> Result<String> {
    crate::batch::check_input_size(input.len())?;
    check_strings(input, &["a", "b", "batch"])?;
    let i: crate::diff_rules::DiffInput = serde_json::from_str(input).map_err(|e| Error::bad_json("输入", "Input", &e))?;
    to_json(&crate::diff_rules::diff_rules(i)?)
}

/// `rules-in-force`: of several versions of a rule set, the one in force on the as-of date (see
/// [`crate::rules::versions`]). Its rule sets may be long strings.
fn rules_in_force(input: &str) -> Result<String> {
    crate::batch::check_input_size(input.len())?;
    check_strings(input, &["rules"])?;
    let i: crate::rules::versions::InForceInput = serde_json::from_str(input).map_err(|e| Error::bad_json("输入", "Input", &e))?;
    to_json(&crate::rules::versions::rules_in_force(i)?)
}

/// Largest JSON input any command accepts (bytes): larger inputs are refused with a message.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

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

pub use crate::error::MAX_STRING_CHARS;

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
                        return Err(Error::key_too_long(chars));
                    }
                    key = Some((start, end));
                    last_key = (start, end);
                    i = k + 1;
                    continue;
                }
                let exempt_value = key.take().is_some_and(|(s, e)| exempt.iter().any(|x| x.as_bytes() == &b[s..e]));
                if chars > MAX_STRING_CHARS && exempt_from.is_none() && !exempt_value {
                    return Err(Error::text_too_long(input.get(last_key.0..last_key.1).unwrap_or(""), chars));
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
    typed(input, |i: crate::evaluate::EvaluateInput| crate::evaluate::evaluate(&i))
}

/// `evaluate` with rules already compiled (the same output bytes).
pub fn evaluate_with(rules: &crate::rules::CompiledRules, input: &str) -> Result<String> {
    typed(input, |i: crate::evaluate::EvaluateInput| crate::evaluate::evaluate_handle(rules, &i))
}

/// `check-rules`: the checker's report on a rule-set text (the input is the rule set itself).
pub fn check_rules(input: &str) -> Result<String> {
    to_json(&crate::rules::check_text(input))
}

/// `compile-rules`: a rule-set text checked and compiled into what the first screen reads
/// (`www/rules/NAME.plan.json`, see `crate::rules::compiled`); refused with the checker's first
/// error, as `evaluate` refuses it.
pub fn compile_rules(input: &str) -> Result<String> {
    let rules = crate::rules::CompiledRules::from_json(input)?;
    to_json(&crate::rules::compiled::out(&rules))
}

/// `rules`: with no name or type, the list of shipped rule sets; with `name` or `type`, that
/// rule-set document itself.
pub fn rules(input: &str) -> Result<String> {
    let q: crate::rules::RulesQuery = if input.trim().is_empty() { crate::rules::RulesQuery::default() } else { parse_input(input)? };
    match crate::rules::pick_builtin(&q)? {
        Some(name) => {
            let text = crate::rules::builtin::BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or("null");
            let mut v: Value = serde_json::from_str(text).map_err(|e| Error::bad_json("内置指标", "Built-in rules", &e))?;
            // The document with its shared sections in place (data/rules/shared/).
            crate::rules::shared::resolve(&mut v).map_err(|p| Error::new("E_RULES_INVALID", p.zh, p.en))?;
            Ok(v.to_json())
        }
        None => to_json(&crate::rules::builtin_list()?),
    }
}
