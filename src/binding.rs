//! The JavaScript binding: plain JS objects in and out, read and written by serde-wasm-bindgen
//! straight into and from the core's Rust types (no JSON text in between). Errors are thrown as
//! JS `Error` objects with `code`, `zh`, `en` and `path` properties.
//!
//! Two WebAssembly modules are built from this file (see `Cargo.toml` features): the first
//! screen's (scoring: `RuleSet`, `evaluate`, `score`, `grade`, `rules`, `checkRules`,
//! `validate`) and the tools module (`tools-only`: batch, deadlines, calendar, repair, forms),
//! loaded when a view that needs it opens. Shipped rule sets are data the page fetches and hands
//! to [`register_builtin`] (`rules/NAME.json`).

use crate::error::Error;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

fn to_js_error(e: &Error) -> JsValue {
    use js_sys::Reflect;
    let err = js_sys::Error::new(&format!("{} / {}", e.zh, e.en));
    let _ = Reflect::set(&err, &"code".into(), &e.code.into());
    let _ = Reflect::set(&err, &"zh".into(), &e.zh.as_str().into());
    let _ = Reflect::set(&err, &"en".into(), &e.en.as_str().into());
    if let Some(p) = &e.path {
        let _ = Reflect::set(&err, &"path".into(), &p.as_str().into());
    }
    err.into()
}

/// serde-wasm-bindgen's message without the `Error: ` of the JS error it is kept in.
fn message(e: &serde_wasm_bindgen::Error) -> String {
    let s = e.to_string();
    s.strip_prefix("Error: ").map(str::to_string).unwrap_or(s)
}

/// A JSON text given where an object is expected: read by the browser's own `JSON.parse`.
fn parse_text(text: &str, what_zh: &str, what_en: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(text).map_err(|e| {
        let detail = js_sys::Error::from(e).message().as_string().unwrap_or_default();
        Error::new("E_INPUT_JSON", format!("{what_zh}无法读取：JSON 语法错误（{detail}）"), format!("{what_en} cannot be read: JSON syntax error ({detail})"))
    })
}

/// Reads a JS input (an object, or its JSON text) as `T`: an unknown or misspelt field, or a value
/// of the wrong type, is refused with serde's message, as the command line refuses it.
///
/// serde-wasm-bindgen reads the object as a whole into the core's [`Value`](crate::value::Value)
/// (every key, so none is overlooked: its own struct reader looks up only the declared fields and
/// would let a misspelt one pass), and the typed value is read from that. Every input type is thus
/// read by one reader, which keeps the module small.
fn input<T: DeserializeOwned>(v: JsValue) -> Result<T, JsValue> {
    let v = match v.as_string() {
        Some(text) => parse_text(&text, "输入", "Input").map_err(|e| to_js_error(&e))?,
        None => v,
    };
    let value: crate::value::Value = serde_wasm_bindgen::from_value(v).map_err(|e| to_js_error(&Error::shape("输入", "Input", &message(&e))))?;
    crate::value::from_value(value).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e.to_string())))
}

/// Writes a result as plain JS objects (maps as objects, `None` as `null`): `JSON.stringify` of it
/// gives the command line's bytes.
fn output<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(&Error::new("E_INTERNAL", format!("内部错误：{}", message(&e)), format!("internal error: {}", message(&e)))))
}

fn run<I: DeserializeOwned, O: Serialize>(v: JsValue, f: impl FnOnce(I) -> crate::Result<O>) -> Result<JsValue, JsValue> {
    output(&f(input(v)?).map_err(|e| to_js_error(&e))?)
}

/// A rule-set document from JS: an object, or its JSON text (read by `JSON.parse`).
fn rules_value(doc: JsValue) -> Result<crate::value::Value, Error> {
    let v = match doc.as_string() {
        Some(text) => {
            if text.len() > crate::rules::check::MAX_RULES_BYTES {
                let p = crate::rules::check::too_large(text.len());
                return Err(Error::new("E_RULES_INVALID", format!("规则文件有 1 处错误，未被采用。第一处：{}", p.zh), format!("the rule set has 1 error(s) and was not used. First: {}", p.en)));
            }
            parse_text(&text, "规则文件", "Rule set").map_err(|e| {
                Error::new("E_RULES_INVALID", format!("规则文件有 1 处错误，未被采用。第一处：{}", e.zh), format!("the rule set has 1 error(s) and was not used. First: {}", e.en))
            })?
        }
        None => doc,
    };
    serde_wasm_bindgen::from_value(v).map_err(|e| Error::shape("规则文件", "Rule set", &message(&e)))
}

// ---------------------------------------------------------------------------------------------
// The first screen: scoring, rule sets, identifiers
// ---------------------------------------------------------------------------------------------

#[cfg(not(feature = "tools-only"))]
pub mod scoring {
    use super::*;
    use crate::evaluate::{self, EvaluateInput};
    use crate::rules::{builtin, CompiledRules};

    /// Hands a shipped rule set (`rules/NAME.json`, fetched by the page) to the core.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
    #[wasm_bindgen(js_name = registerBuiltin)]
    pub fn register_builtin(name: &str, doc: JsValue) -> Result<(), JsValue> {
        let v = rules_value(doc).map_err(|e| to_js_error(&e))?;
        builtin::register(name, v).map_err(|e| to_js_error(&e))
    }

    /// The names of the shipped rule sets, and which subject types each covers.
    #[wasm_bindgen(js_name = builtinNames)]
    pub fn builtin_names() -> Result<JsValue, JsValue> {
        let list: Vec<(&str, &[&str])> = builtin::NAMES.iter().copied().zip(builtin::SUBJECT_TYPES.iter().copied()).collect();
        output(&list)
    }

    /// Score, grade, measures and the full explanation (the command line's `evaluate`).
    #[wasm_bindgen]
    pub fn evaluate(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: EvaluateInput| evaluate::evaluate(&i))
    }

    /// Score, grade and what is unanswered, without the explanation (the command line's `score`).
    #[wasm_bindgen]
    pub fn score(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: EvaluateInput| evaluate::score_input(&i))
    }

    /// Grade, label and measures of a known score.
    #[wasm_bindgen]
    pub fn grade(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: evaluate::GradeInput| evaluate::grade(&i))
    }

    /// The shipped rule sets (`{}`), or one of them (`{name}` or `{type}`) as a document.
    #[wasm_bindgen]
    pub fn rules(v: JsValue) -> Result<JsValue, JsValue> {
        let q: crate::rules::RulesQuery = if v.is_undefined() || v.is_null() { Default::default() } else { input(v)? };
        match crate::rules::pick_builtin(&q).map_err(|e| to_js_error(&e))? {
            Some(name) => output(&builtin::by_name(name).map_err(|e| to_js_error(&e))?.doc),
            None => output(&crate::rules::builtin_list().map_err(|e| to_js_error(&e))?),
        }
    }

    /// The checker's report on a rule-set document (an object, or its JSON text).
    #[wasm_bindgen(js_name = checkRules)]
    pub fn check_rules(doc: JsValue) -> Result<JsValue, JsValue> {
        let report = match rules_value(doc) {
            Ok(v) => crate::rules::check_value(v),
            Err(e) => crate::rules::CheckReport {
                valid: false,
                errors: vec![crate::rules::Problem { code: "E_RULES_JSON", path: None, zh: e.zh, en: e.en }],
                warnings: vec![],
                rules: None,
                indicators: None,
                leaves: None,
                compiled: None,
            },
        };
        output(&report)
    }

    /// A 统一社会信用代码 or ID number checked (GB 32100-2015, GB 11643-1999).
    #[wasm_bindgen]
    pub fn validate(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, crate::ident::validate)
    }

    /// A checked rule set kept in memory, for scoring as the user types without reading the rules
    /// again. `new RuleSet(doc)` throws the checker's first error.
    #[wasm_bindgen]
    pub struct RuleSet {
        inner: CompiledRules,
        scratch: evaluate::Scratch,
    }

    impl RuleSet {
        fn of(inner: CompiledRules) -> RuleSet {
            RuleSet { inner, scratch: Default::default() }
        }
    }

    /// What the JavaScript encoder of `score` (www/score-fast.js) needs to know of a rule set.
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Encoding<'a> {
        scale: crate::points::Points,
        subject_types: &'a [String],
        /// Per leaf, in plan order: code, kind (`yesNo`, `levels`, `count`, `free`), level ids.
        leaves: Vec<(&'a str, &'static str, Vec<&'a str>)>,
        kinds: Vec<&'a str>,
        grades: &'a [String],
        direct_ids: Vec<&'a str>,
    }

    #[wasm_bindgen]
    impl RuleSet {
        /// Reads a rule-set document (an object, or its JSON text).
        #[wasm_bindgen(constructor)]
        pub fn new(doc: JsValue) -> Result<RuleSet, JsValue> {
            let v = rules_value(doc).map_err(|e| to_js_error(&e))?;
            CompiledRules::from_value(v).map(RuleSet::of).map_err(|e| to_js_error(&e))
        }

        /// The shipped sample rule set for a subject type (e.g. `retail-pharmacy`).
        #[wasm_bindgen(js_name = forSubjectType)]
        pub fn for_subject_type(subject_type: &str) -> Result<RuleSet, JsValue> {
            builtin::for_subject_type(subject_type).map(|r| RuleSet::of(r.clone())).map_err(|e| to_js_error(&e))
        }

        /// Scores `input` (as `evaluate`, without `rules`): the full result.
        pub fn evaluate(&self, v: JsValue) -> Result<JsValue, JsValue> {
            run(v, |i: EvaluateInput| evaluate::evaluate_handle(&self.inner, &i))
        }

        /// Scores `input`: score, grade and what is unanswered, without any explanation.
        pub fn score(&self, v: JsValue) -> Result<JsValue, JsValue> {
            run(v, |i: EvaluateInput| {
                evaluate::no_rules_twice(&i)?;
                evaluate::score(&self.inner, &i)
            })
        }

        /// The explanation of `input` without the rule set's own texts, which `catalog` gives
        /// once (see `crate::explain`; www/explain-join.js joins the two into `evaluate`'s result).
        #[wasm_bindgen(js_name = explainCompact)]
        pub fn explain_compact(&self, v: JsValue) -> Result<JsValue, JsValue> {
            run(v, |i: EvaluateInput| {
                evaluate::no_rules_twice(&i)?;
                evaluate::explain(&self.inner, &i)
            })
        }

        /// [`explain_compact`](Self::explain_compact) of an input the JavaScript side has encoded
        /// (www/score-fast.js; see `scoreEncoded`), with the subject's type and code and the
        /// events' `\0`-separated descriptions. `undefined`: the ordinary way must answer.
        #[wasm_bindgen(js_name = explainEncoded)]
        #[allow(clippy::too_many_arguments)]
        pub fn explain_encoded(
            &self,
            slots: &[f64],
            kinds: &[u32],
            dates: &str,
            descriptions: &str,
            subject_type: &str,
            code: &str,
            as_of: &str,
            allow_out_of_effect: bool,
        ) -> Result<JsValue, JsValue> {
            let e = evaluate::Encoded { slots, kinds, dates, as_of, allow_out_of_effect };
            let more = evaluate::EncodedMore { subject_type, code, descriptions };
            match e.to_input(&self.inner, &more).map(|i| evaluate::explain(&self.inner, &i)) {
                Some(Ok(x)) => output(&x),
                _ => Ok(JsValue::UNDEFINED),
            }
        }

        /// Every text of the rule set an explanation refers to (names, citations, bands, measures).
        #[wasm_bindgen(getter)]
        pub fn catalog(&self) -> Result<JsValue, JsValue> {
            output(self.inner.catalog())
        }

        /// What the JavaScript encoder of `score` needs (www/score-fast.js).
        #[wasm_bindgen(getter)]
        pub fn encoding(&self) -> Result<JsValue, JsValue> {
            use crate::plan::LeafKind;
            let r = &self.inner;
            let leaves = r
                .plan
                .leaves
                .iter()
                .map(|l| {
                    let (kind, levels) = match &l.kind {
                        LeafKind::YesNo { .. } => ("yesNo", vec![]),
                        LeafKind::Levels(ls) => ("levels", ls.iter().map(|x| x.id.as_str()).collect()),
                        LeafKind::Count { .. } => ("count", vec![]),
                        LeafKind::Free => ("free", vec![]),
                    };
                    (l.code.as_str(), kind, levels)
                })
                .collect();
            output(&Encoding {
                scale: r.doc.scale,
                subject_types: &r.doc.subject_types,
                leaves,
                kinds: r.doc.event_kinds.iter().map(|k| k.kind.as_str()).collect(),
                grades: &r.plan.grades,
                direct_ids: r.plan.direct.iter().map(|d| r.doc.direct_grades[d.rule].id.as_str()).collect(),
            })
        }

        /// Scores an input the JavaScript side has encoded (www/score-fast.js): answers one number
        /// per leaf, events as kind indices and `|`-separated dates. Writes into `out`: total and
        /// reachable min and max in hundredths, the grade positions (final, by points, of min and
        /// max), the direct-grade rule (-1 for none), answers given and to give. False: the
        /// ordinary `score` must answer (an error, or what the encoder cannot express).
        #[wasm_bindgen(js_name = scoreEncoded)]
        pub fn score_encoded(&mut self, slots: &[f64], kinds: &[u32], dates: &str, as_of: &str, allow_out_of_effect: bool, out: &mut [f64]) -> bool {
            let e = evaluate::Encoded { slots, kinds, dates, as_of, allow_out_of_effect };
            if evaluate::score_encoded(&self.inner, &e, &mut self.scratch).is_none() || out.len() < 10 {
                return false;
            }
            let s = &self.scratch.scored;
            let vals = [
                s.total.0 as f64,
                s.pos as f64,
                s.points_pos as f64,
                s.direct.map_or(-1.0, |d| d as f64),
                s.answered as f64,
                s.leaf.len() as f64,
                s.min.0 as f64,
                s.max.0 as f64,
                s.min_pos as f64,
                s.max_pos as f64,
            ];
            out[..10].copy_from_slice(&vals);
            true
        }

        /// Id, version, title, hash and dates of the rules.
        #[wasm_bindgen(getter)]
        pub fn info(&self) -> Result<JsValue, JsValue> {
            output(&self.inner.info())
        }

        /// The rule-set document, as an object.
        #[wasm_bindgen(getter)]
        pub fn doc(&self) -> Result<JsValue, JsValue> {
            output(&self.inner.doc)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The tools module: batch, deadlines and the calendar, repair and objections, forms
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "tools")]
pub mod tools {
    use super::*;
    use crate::value::Value;

    /// Hands a shipped rule set to the tools module (each module keeps its own).
    #[cfg(feature = "tools-only")]
    #[wasm_bindgen(js_name = registerBuiltin)]
    pub fn register_builtin(name: &str, doc: JsValue) -> Result<(), JsValue> {
        let v = rules_value(doc).map_err(|e| to_js_error(&e))?;
        crate::rules::builtin::register(name, v).map_err(|e| to_js_error(&e))
    }

    /// A rule set given inside an input as JSON text is read by the browser's `JSON.parse`.
    fn with_rules_object(v: JsValue) -> Result<JsValue, JsValue> {
        use js_sys::Reflect;
        if v.is_object() {
            if let Ok(r) = Reflect::get(&v, &"rules".into()) {
                if let Some(text) = r.as_string() {
                    let doc = rules_value(JsValue::from_str(&text)).map_err(|e| to_js_error(&e.at("$.rules")))?;
                    let copy = js_sys::Object::assign(&js_sys::Object::new(), &v.clone().into());
                    Reflect::set(&copy, &"rules".into(), &output(&doc)?)?;
                    return Ok(copy.into());
                }
            }
        }
        Ok(v)
    }

    #[wasm_bindgen]
    pub fn batch(v: JsValue) -> Result<JsValue, JsValue> {
        run(with_rules_object(v)?, crate::batch::batch)
    }

    #[wasm_bindgen(js_name = batchTemplate)]
    pub fn batch_template(v: JsValue) -> Result<JsValue, JsValue> {
        let v = if v.is_undefined() || v.is_null() { js_sys::Object::new().into() } else { v };
        run(with_rules_object(v)?, crate::batch::batch_template)
    }

    #[wasm_bindgen(js_name = calendarMonth)]
    pub fn calendar_month(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: Value| crate::calendar::month_of(i))
    }

    #[wasm_bindgen]
    pub fn deadline(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: Value| crate::deadline::deadline(i))
    }

    #[wasm_bindgen(js_name = deadlineKinds)]
    pub fn deadline_kinds(_v: JsValue) -> Result<JsValue, JsValue> {
        output(&crate::deadline::kinds())
    }

    #[wasm_bindgen]
    pub fn workday(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: Value| crate::calendar::workday(i))
    }

    #[wasm_bindgen]
    pub fn timeline(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: Value| crate::timeline::run(i))
    }

    #[wasm_bindgen]
    pub fn repair(v: JsValue) -> Result<JsValue, JsValue> {
        run(with_rules_object(v)?, |i: crate::repair::RepairInput| crate::repair::assess(&i))
    }

    #[wasm_bindgen]
    pub fn objection(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: Value| crate::repair::objection_of(i))
    }

    #[wasm_bindgen]
    pub fn form(v: JsValue) -> Result<JsValue, JsValue> {
        run(v, |i: Value| crate::forms::form(i))
    }

    #[wasm_bindgen]
    pub fn forms(_v: JsValue) -> Result<JsValue, JsValue> {
        output(&crate::forms::list())
    }

    /// A batch fed piece by piece (the page's worker: progress between pieces, stop by ending the
    /// worker). `new BatchRun({asOf, type?, rules?, allowOutOfEffect?})`; `push(text)` →
    /// `{rows, resultCsv}` for the rows completed; `finish()` → `{summary, rows, resultCsv}`.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
    #[wasm_bindgen]
    pub struct BatchRun {
        inner: crate::batch::ChunkedBatch,
    }

    #[wasm_bindgen]
    impl BatchRun {
        #[wasm_bindgen(constructor)]
        pub fn new(options: JsValue) -> Result<BatchRun, JsValue> {
            let i: crate::batch::BatchInput = input(with_rules_object(options)?)?;
            crate::batch::ChunkedBatch::new(i).map(|inner| BatchRun { inner }).map_err(|e| to_js_error(&e))
        }

        /// Feeds the next piece of the CSV text (split anywhere).
        pub fn push(&mut self, text: &str) -> Result<JsValue, JsValue> {
            output(&self.inner.push(text).map_err(|e| to_js_error(&e))?)
        }

        /// Ends the input: the last rows and the summary.
        pub fn finish(&mut self) -> Result<JsValue, JsValue> {
            output(&self.inner.finish().map_err(|e| to_js_error(&e))?)
        }
    }
}

#[cfg(not(feature = "tools-only"))]
pub use scoring::*;
#[cfg(feature = "tools")]
pub use tools::*;
