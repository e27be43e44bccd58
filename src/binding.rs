//! The JavaScript binding: every function takes a plain JS value (or a JSON string), hands its
//! JSON text to the core's command table (`api::call`) and returns the parsed result. Errors are
//! thrown as JS `Error` objects with `code`, `zh`, `en` and `path` properties.

use crate::api;
use crate::error::Error;
use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

fn to_js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&format!("{} / {}", e.zh, e.en));
    let _ = Reflect::set(&err, &"code".into(), &e.code.into());
    let _ = Reflect::set(&err, &"zh".into(), &e.zh.as_str().into());
    let _ = Reflect::set(&err, &"en".into(), &e.en.as_str().into());
    if let Some(p) = &e.path {
        let _ = Reflect::set(&err, &"path".into(), &p.as_str().into());
    }
    err.into()
}

/// The JSON text of a JS input: a string is taken as JSON text already, anything else is
/// `JSON.stringify`-ed.
fn input_text(input: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    match JSON::stringify(input) {
        Ok(s) => Ok(s.as_string().unwrap_or_default()),
        Err(_) => Err(to_js_error(&Error::new(
            "E_INPUT_JSON",
            "输入无法转换为 JSON（含循环引用或不支持的值）",
            "input cannot be converted to JSON (cycle or unsupported value)",
        ))),
    }
}

fn run(name: &str, input: &JsValue) -> Result<JsValue, JsValue> {
    let text = input_text(input)?;
    let out = api::call(name, &text).map_err(|e| to_js_error(&e))?;
    JSON::parse(&out).map_err(|_| to_js_error(&Error::new("E_INTERNAL", "内部错误：输出不是 JSON", "internal error: output is not JSON")))
}

/// Runs any command of the JSON API by name and returns its JSON text unparsed (used by the
/// tests that compare native and wasm output byte for byte).
#[wasm_bindgen(js_name = callJson)]
pub fn call_json(name: &str, input: &str) -> Result<String, JsValue> {
    api::call(name, input).map_err(|e| to_js_error(&e))
}

/// The names of all commands of the JSON API.
#[wasm_bindgen]
pub fn commands() -> Vec<JsValue> {
    api::COMMANDS.iter().map(|(n, _)| JsValue::from_str(n)).collect()
}

macro_rules! commands {
    ($($js:literal => $rust:ident = $name:literal),* $(,)?) => {
        $(
            #[wasm_bindgen(js_name = $js)]
            pub fn $rust(input: JsValue) -> Result<JsValue, JsValue> { run($name, &input) }
        )*
    };
}

commands! {
    "batch" => batch = "batch",
    "batchTemplate" => batch_template = "batch-template",
    "calendarMonth" => calendar_month = "calendar-month",
    "checkRules" => check_rules = "check-rules",
    "deadline" => deadline = "deadline",
    "deadlineKinds" => deadline_kinds = "deadline-kinds",
    "evaluate" => evaluate = "evaluate",
    "form" => form = "form",
    "forms" => forms = "forms",
    "grade" => grade = "grade",
    "objection" => objection = "objection",
    "repair" => repair = "repair",
    "rules" => rules = "rules",
    "timeline" => timeline = "timeline",
    "validate" => validate = "validate",
    "workday" => workday = "workday",
}

/// A checked rule set kept in memory, for re-evaluating as the user types without reading the
/// rules again. `new RuleSet(json)` throws the checker's first error; `RuleSet.check(json)`
/// lists them all.
#[wasm_bindgen]
pub struct RuleSet {
    inner: crate::rules::CompiledRules,
}

#[wasm_bindgen]
impl RuleSet {
    /// Reads a rule-set document (a JSON string, kept as written, or an object).
    #[wasm_bindgen(constructor)]
    pub fn new(doc: JsValue) -> Result<RuleSet, JsValue> {
        let text = input_text(&doc)?;
        crate::rules::CompiledRules::from_json(&text).map(|inner| RuleSet { inner }).map_err(|e| to_js_error(&e))
    }

    /// The shipped sample rule set for a subject type (e.g. `retail-pharmacy`).
    #[wasm_bindgen(js_name = forSubjectType)]
    pub fn for_subject_type(subject_type: &str) -> Result<RuleSet, JsValue> {
        crate::rules::builtin::for_subject_type(subject_type).map(|r| RuleSet { inner: r.clone() }).map_err(|e| to_js_error(&e))
    }

    /// Scores `input` (same input and output as `evaluate`, without `rules`).
    pub fn evaluate(&self, input: JsValue) -> Result<JsValue, JsValue> {
        let text = input_text(&input)?;
        let out = api::evaluate_with(&self.inner, &text).map_err(|e| to_js_error(&e))?;
        JSON::parse(&out).map_err(|_| to_js_error(&Error::new("E_INTERNAL", "内部错误：输出不是 JSON", "internal error: output is not JSON")))
    }

    /// Id, version, title, hash and dates of the rules.
    #[wasm_bindgen(getter)]
    pub fn info(&self) -> Result<JsValue, JsValue> {
        let out = api::to_json(&self.inner.info()).map_err(|e| to_js_error(&e))?;
        JSON::parse(&out)
    }

    /// The rule-set document, as an object.
    #[wasm_bindgen(getter)]
    pub fn doc(&self) -> Result<JsValue, JsValue> {
        let out = api::to_json(&self.inner.doc).map_err(|e| to_js_error(&e))?;
        JSON::parse(&out)
    }
}

/// A batch fed piece by piece (the page's worker: progress between pieces, stop by ending the
/// worker). `new BatchRun({asOf, type?, rules?, allowOutOfEffect?})`; `push(text)` →
/// `{rows, resultCsv}` for the rows completed; `finish()` → `{summary, rows, resultCsv}`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
#[wasm_bindgen]
pub struct BatchRun {
    inner: crate::batch::ChunkedBatch,
}

fn parse_out(out: &str) -> Result<JsValue, JsValue> {
    JSON::parse(out).map_err(|_| to_js_error(&Error::new("E_INTERNAL", "内部错误：输出不是 JSON", "internal error: output is not JSON")))
}

#[wasm_bindgen]
impl BatchRun {
    /// Starts a batch with the options object (or JSON text).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<BatchRun, JsValue> {
        let text = input_text(&options)?;
        crate::batch::ChunkedBatch::new(&text).map(|inner| BatchRun { inner }).map_err(|e| to_js_error(&e))
    }

    /// Feeds the next piece of the CSV text (split anywhere).
    pub fn push(&mut self, text: &str) -> Result<JsValue, JsValue> {
        let out = self.inner.push(text).map_err(|e| to_js_error(&e))?;
        parse_out(&out)
    }

    /// Ends the input: the last rows and the summary.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let out = self.inner.finish().map_err(|e| to_js_error(&e))?;
        parse_out(&out)
    }
}
