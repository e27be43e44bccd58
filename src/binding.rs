//! The JavaScript binding: plain JS objects in and out, read and written by serde-wasm-bindgen
//! straight into and from the core's Rust types (no JSON text in between). Errors are thrown as
//! JS `Error` objects with `code`, `zh`, `en` and `path` properties.
//!
//! Two WebAssembly modules are built from this file (see `Cargo.toml` features): the first
//! screen's (scoring: `RuleSet`, `evaluate`, `score`, `rules`, `checkRules`) and the tools module
//! (`tools-only`: batch, deadlines, calendar, repair, forms, the code check `validate`, `grade`),
//! loaded when a view that needs it opens. Shipped rule sets are data the page fetches and hands
//! to [`register_builtin`] (`rules/NAME.json`).
//!
//! TypeScript: every type that crosses this boundary derives `tsify::Tsify` (on wasm32 only), which
//! puts its declaration in the module's `.d.ts`; each function names them with
//! `unchecked_param_type` / `unchecked_return_type`. The values are still read and written here
//! (through the core's `Value`, so a misspelt field is refused), never by tsify.

// The Excel module (`excel-only`) uses only a few of the helpers below.
#![cfg_attr(feature = "excel-only", allow(dead_code, unused_imports))]

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

/// A JS value read as the core's [`Value`](crate::value::Value), as serde-wasm-bindgen read it
/// (its `deserialize_any`, which this replaces in the first screen's module, with the same results
/// and messages): `null` and `undefined` → null; a safe integer (or a BigInt within i64/u64) → an
/// integer, another number → a float; a string; an array (element by element, a hole as null); a
/// plain object or a `Map` (string keys) → an object; anything else is refused with serde's
/// `invalid type` message. Its error-message code is serde's `Unexpected` in the core's words
/// ([`crate::value::unexpected_text`]), so the module carries no float formatting.
pub fn js_value(v: JsValue) -> Result<crate::value::Value, String> {
    use crate::value::{unexpected_text, Number, Value};
    use js_sys::{Array, Map, Object, Uint8Array};
    use serde::de::Unexpected;
    fn bad(u: Unexpected, exp: &str) -> String {
        format!("invalid type: {}, expected {exp}", unexpected_text(&u))
    }
    // What serde-wasm-bindgen reports for a value it cannot read as `exp` (its `invalid_type_`).
    fn wrong(v: &JsValue, exp: &str) -> String {
        if v.loose_eq(&JsValue::NULL) {
            bad(Unexpected::Unit, exp)
        } else if let Some(b) = v.as_bool() {
            bad(Unexpected::Bool(b), exp)
        } else if let Some(x) = v.as_f64() {
            bad(Unexpected::Float(x), exp)
        } else if let Some(s) = v.as_string() {
            bad(Unexpected::Str(&s), exp)
        } else if v.is_instance_of::<Uint8Array>() || v.is_instance_of::<js_sys::ArrayBuffer>() {
            bad(Unexpected::Bytes(&[]), exp)
        } else {
            bad(Unexpected::Other(&format!("{v:?}")), exp)
        }
    }
    const ANY: &str = "any JSON value";
    if v.loose_eq(&JsValue::NULL) {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if v.is_bigint() {
        return match i64::try_from(v) {
            Ok(n) if n < 0 => Ok(Value::Number(Number::NegInt(n))),
            Ok(n) => Ok(Value::Number(Number::PosInt(n as u64))),
            Err(v) => u64::try_from(v)
                .map(|n| Value::Number(Number::PosInt(n)))
                .map_err(|_| "Couldn't deserialize i64 or u64 from a BigInt outside i64::MIN..u64::MAX bounds".to_string()),
        };
    }
    if let Some(x) = v.as_f64() {
        return Ok(Value::Number(match js_sys::Number::is_safe_integer(&v) {
            true if x < 0.0 => Number::NegInt(x as i64),
            true => Number::PosInt(x as i64 as u64),
            false => Number::Float(x),
        }));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if Array::is_array(&v) {
        return v.unchecked_into::<Array>().iter().map(js_value).collect::<Result<_, _>>().map(Value::Array);
    }
    if v.is_instance_of::<Uint8Array>() || v.is_instance_of::<js_sys::ArrayBuffer>() {
        return Err(bad(Unexpected::Bytes(&[]), ANY));
    }
    if v.is_object() && (!js_sys::Reflect::has(&v, &js_sys::Symbol::iterator()).unwrap_or(false) || v.is_instance_of::<Map>()) {
        let pairs = match js_sys::try_iter(&v).map_err(|e| format!("{e:?}"))? {
            Some(it) => it.collect::<Result<Vec<_>, _>>().map_err(|e| format!("{e:?}"))?,
            None => Object::entries(v.unchecked_ref()).iter().collect(),
        };
        let mut m = crate::value::Map::new();
        for pair in pairs {
            let pair: Array = pair.unchecked_into();
            let k = pair.get(0);
            let key = k.as_string().ok_or_else(|| wrong(&k, "a string"))?;
            m.insert(key, js_value(pair.get(1))?);
        }
        return Ok(Value::Object(m));
    }
    Err(wrong(&v, ANY))
}

/// Reads a JS input (an object, or its JSON text) as `T`: an unknown or misspelt field, or a value
/// of the wrong type, is refused with serde's message, as the command line refuses it.
///
/// [`js_value`] reads the object as a whole into the core's [`Value`](crate::value::Value)
/// (every key, so none is overlooked: its own struct reader looks up only the declared fields and
/// would let a misspelt one pass), and the typed value is read from that. Every input type is thus
/// read by one reader, which keeps the module small.
fn read<T: DeserializeOwned>(v: JsValue) -> Result<T, JsValue> {
    let v = match v.as_string() {
        Some(text) => parse_text(&text, "输入", "Input").map_err(|e| to_js_error(&e))?,
        None => v,
    };
    let value = js_value(v).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e)))?;
    crate::value::check_texts(&value, &["rules", "csv"]).map_err(|e| to_js_error(&e))?;
    crate::value::from_value(value).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e.to_string())))
}

/// Writes a result as plain JS objects (maps as objects, `None` as `null`): `JSON.stringify` of it
/// gives the command line's bytes.
fn output<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(&Error::new("E_INTERNAL", format!("内部错误：{}", message(&e)), format!("internal error: {}", message(&e)))))
}

fn run<I: DeserializeOwned, O: Serialize>(v: JsValue, f: impl FnOnce(I) -> crate::Result<O>) -> Result<JsValue, JsValue> {
    output(&f(read(v)?).map_err(|e| to_js_error(&e))?)
}

/// A shipped rule set handed over by the page: its compiled form (`rules/NAME.plan.json`, checked
/// and compiled when the page was built: `crate::rules::compiled`), read in one go by the core's
/// reader for the files it ships (`value::parse_trusted`) and then by the compiled form's reader,
/// without the checker. The tools module also takes a rule-set document (a file a bureau put in
/// its place), checked as any rule file is, with its errors.
fn register(name: &str, doc: JsValue) -> Result<(), JsValue> {
    if let Some(v) = compiled_value(&doc) {
        let rules = crate::rules::compiled::read(&v).ok_or_else(|| to_js_error(&not_compiled(name)))?;
        return crate::rules::builtin::register_compiled(name, rules).map_err(|e| to_js_error(&e));
    }
    #[cfg(feature = "tools")]
    {
        let v = match doc.as_string().and_then(|t| crate::value::parse_trusted(&t)) {
            Some(v) => v,
            None => rules_value(doc).map_err(|e| to_js_error(&e))?,
        };
        crate::rules::builtin::register(name, v).map_err(|e| to_js_error(&e))
    }
    #[cfg(not(feature = "tools"))]
    Err(to_js_error(&not_compiled(name)))
}

fn not_compiled(name: &str) -> Error {
    Error::new(
        "E_RULES_INVALID",
        format!("内置指标“{name}”的编译文件无法读取（请重新构建页面：scripts/build.sh）"),
        format!("the compiled file of the built-in rule set \"{name}\" cannot be read (build the page again: scripts/build.sh)"),
    )
}

/// The compiled form of a rule set (`crate::rules::compiled`) given from JS as its text or as an
/// object; `None` for anything else (a rule-set document).
fn compiled_value(doc: &JsValue) -> Option<crate::value::Value> {
    let v = match doc.as_string() {
        Some(text) => crate::value::parse_trusted(&text)?,
        None => {
            let format = js_sys::Reflect::get(doc, &"format".into()).ok()?.as_string()?;
            if format != crate::rules::compiled::FORMAT {
                return None;
            }
            js_value(doc.clone()).ok()?
        }
    };
    crate::rules::compiled::is_compiled(&v).then_some(v)
}

/// A rule-set document from JS: an object, or its JSON text (read by `JSON.parse`).
#[cfg(feature = "tools")]
fn rules_value(doc: JsValue) -> Result<crate::value::Value, Error> {
    let v = match doc.as_string() {
        Some(text) => {
            if text.len() > crate::rules::check::MAX_RULES_BYTES {
                let p = crate::rules::check::too_large(text.len());
                return Err(Error::new("E_RULES_INVALID", format!("规则文件有 1 处错误，未被采用。第一处：{}", p.zh), format!("the rule set has 1 error and was not used. First: {}", p.en)));
            }
            parse_text(&text, "规则文件", "Rule set").map_err(|e| {
                Error::new("E_RULES_INVALID", format!("规则文件有 1 处错误，未被采用。第一处：{}", e.zh), format!("the rule set has 1 error and was not used. First: {}", e.en))
            })?
        }
        None => doc,
    };
    js_value(v).map_err(|e| Error::shape("规则文件", "Rule set", &e))
}

// Names the declarations use besides the core's own types (in both modules' `.d.ts`).
#[wasm_bindgen(typescript_custom_section)]
const TS_NAMES: &'static str = r#"
/** `institution` (机构类, 千分制) or `person` (个人类, 百分制): 《汕尾市医疗保障信用管理办法（试行）》第五条、第十九条. */
export type SubjectClass = "institution" | "person";
/** A subject type of the shipped rule sets, or one a bureau's own rule file defines. */
export type SubjectType = "retail-pharmacy" | "medical-institution" | "physician" | "pharmacist" | "insured" | (string & {});
"#;

// ---------------------------------------------------------------------------------------------
// The first screen: scoring, rule sets
// ---------------------------------------------------------------------------------------------

#[cfg(not(any(feature = "tools-only", feature = "excel-only")))]
pub mod scoring {
    use super::*;
    use crate::evaluate::{self, EvaluateInput};
    use crate::rules::{builtin, CompiledRules};

    /// Hands a shipped rule set (`rules/NAME.json`, fetched by the page) to the core.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
    #[wasm_bindgen(js_name = registerBuiltin)]
    pub fn register_builtin(name: &str, #[wasm_bindgen(unchecked_param_type = "RuleSetDoc | string")] doc: JsValue) -> Result<(), JsValue> {
        register(name, doc)
    }

    /// Score, grade, measures and the full explanation (the command line's `evaluate`).
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九、二十、二十五、二十六条.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(#[wasm_bindgen(unchecked_param_type = "EvaluateInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(with_compiled_rules(input)?, |i: EvaluateInput| evaluate::evaluate(&i))
    }

    /// Score, grade and what is unanswered, without the explanation (the command line's `score`).
    #[wasm_bindgen(unchecked_return_type = "ScoreOut")]
    pub fn score(#[wasm_bindgen(unchecked_param_type = "EvaluateInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(with_compiled_rules(input)?, |i: EvaluateInput| evaluate::score_input(&i))
    }

    /// The shipped rule sets (no argument or `{}`), or one of them (`{name}` or `{type}`) as a document.
    #[wasm_bindgen(unchecked_return_type = "RulesListItem[] | RuleSetDoc")]
    pub fn rules(#[wasm_bindgen(unchecked_optional_param_type = "RulesQuery | string | null")] input: JsValue) -> Result<JsValue, JsValue> {
        let q: crate::rules::RulesQuery = if input.is_undefined() || input.is_null() { Default::default() } else { read(input)? };
        match crate::rules::pick_builtin(&q).map_err(|e| to_js_error(&e))? {
            Some(name) => output(&builtin::by_name(name).map_err(|e| to_js_error(&e))?.doc),
            None => output(&crate::rules::builtin_list().map_err(|e| to_js_error(&e))?),
        }
    }

    /// The checker's report on a rule-set document (an object, or its JSON text): never throws for
    /// a bad document, reports it. The checker is in the tools module: this asks it (through the
    /// hook `www/loader.js` sets when that module is loaded); before then the report says so.
    #[cfg(not(feature = "tools"))]
    #[wasm_bindgen(js_name = checkRules, unchecked_return_type = "CheckReport")]
    pub fn check_rules(#[wasm_bindgen(unchecked_param_type = "RuleSetDoc | string")] doc: JsValue) -> Result<JsValue, JsValue> {
        if hook("__yibaoCheckRules") {
            return check_hook(&doc);
        }
        #[derive(serde::Serialize)]
        struct NotYet {
            valid: bool,
            errors: [crate::rules::Problem; 1],
            warnings: [(); 0],
        }
        let e = crate::rules::needs_tools();
        output(&NotYet { valid: false, errors: [crate::rules::Problem { code: e.code, path: None, zh: e.zh, en: e.en }], warnings: [] })
    }

    // The tools module, when it is loaded, checks and compiles rule-set documents for this one
    // (`www/loader.js` sets these two functions on `globalThis`).
    #[cfg(not(feature = "tools"))]
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_namespace = globalThis, js_name = __yibaoCompileRules)]
        fn compile_hook(doc: &JsValue) -> Result<String, JsValue>;
        #[wasm_bindgen(catch, js_namespace = globalThis, js_name = __yibaoCheckRules)]
        fn check_hook(doc: &JsValue) -> Result<JsValue, JsValue>;
    }

    /// Whether the tools module's hook `name` is set.
    #[cfg(not(feature = "tools"))]
    fn hook(name: &str) -> bool {
        js_sys::Reflect::get(&js_sys::global(), &name.into()).is_ok_and(|f| f.is_function())
    }

    /// A rule set from JS: its compiled form (an object or its text), or a document, which is
    /// checked and compiled (by the tools module in the first screen's module; its errors are the
    /// checker's, as before).
    fn compiled_from_js(doc: JsValue) -> Result<CompiledRules, JsValue> {
        let unreadable = || to_js_error(&Error::new("E_RULES_INVALID", "编译后的规则文件无法读取", "the compiled rule set cannot be read"));
        if let Some(v) = compiled_value(&doc) {
            return crate::rules::compiled::read(&v).ok_or_else(unreadable);
        }
        #[cfg(feature = "tools")]
        {
            let v = rules_value(doc).map_err(|e| to_js_error(&e))?;
            CompiledRules::from_value(v).map_err(|e| to_js_error(&e))
        }
        #[cfg(not(feature = "tools"))]
        {
            if !hook("__yibaoCompileRules") {
                return Err(to_js_error(&crate::rules::needs_tools()));
            }
            let text = compile_hook(&doc)?;
            crate::value::parse_trusted(&text).as_ref().and_then(crate::rules::compiled::read).ok_or_else(unreadable)
        }
    }

    /// `evaluate` / `score` with a rule-set document in `rules`: the first screen's module takes
    /// it compiled, so the tools module compiles it first (errors under `$.rules`, as before).
    #[cfg(not(feature = "tools"))]
    fn with_compiled_rules(input: JsValue) -> Result<JsValue, JsValue> {
        use js_sys::Reflect;
        let input = match input.as_string() {
            Some(text) => parse_text(&text, "输入", "Input").map_err(|e| to_js_error(&e))?,
            None => input,
        };
        let rules = Reflect::get(&input, &"rules".into()).unwrap_or(JsValue::UNDEFINED);
        if rules.is_undefined() || rules.is_null() || js_sys::Array::is_array(&rules) || compiled_value(&rules).is_some() {
            return Ok(input);
        }
        if !hook("__yibaoCompileRules") {
            return Err(to_js_error(&crate::rules::needs_tools().at("$.rules")));
        }
        let text = compile_hook(&rules).inspect_err(|e| {
            let at = Reflect::get(e, &"path".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
            let _ = Reflect::set(e, &"path".into(), &format!("$.rules{}", at.trim_start_matches('$')).into());
        })?;
        let copy = js_sys::Object::assign(&js_sys::Object::new(), input.unchecked_ref());
        Reflect::set(&copy, &"rules".into(), &js_sys::JSON::parse(&text)?)?;
        Ok(copy.into())
    }

    #[cfg(feature = "tools")]
    fn with_compiled_rules(input: JsValue) -> Result<JsValue, JsValue> {
        Ok(input)
    }

    /// A checked rule set kept in memory, for scoring as the user types without reading the rules
    /// again. `new RuleSet(doc)` throws the checker's first error.
    #[wasm_bindgen]
    pub struct RuleSet {
        inner: CompiledRules,
        scratch: evaluate::Scratch,
        /// The last explanation, packed (`explainEncoded`, `explainTexts`).
        packed: crate::explain::Packed,
    }

    impl RuleSet {
        fn of(inner: CompiledRules) -> RuleSet {
            RuleSet { inner, scratch: Default::default(), packed: Default::default() }
        }

        /// The numbers of an explanation packed (`crate::explain::Packed`); its texts are kept
        /// for `explainTexts`.
        fn packed_out(&mut self, x: &crate::explain::Explanation) -> Vec<f64> {
            x.pack_into(&mut self.packed);
            std::mem::take(&mut self.packed.nums)
        }
    }

    /// What the JavaScript encoder of `score` (www/score-fast.js) needs to know of a rule set.
    #[derive(serde::Serialize, tsify::Tsify)]
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
        /// Reads a rule set: its compiled form (`compileRules`, `rules/NAME.plan.json`) or a
        /// rule-set document (an object, or its JSON text), which the tools module checks and
        /// compiles (it must be loaded: `ready()` loads it); throws the checker's first error.
        #[wasm_bindgen(constructor)]
        pub fn new(#[wasm_bindgen(unchecked_param_type = "RuleSetDoc | CompiledOut | string")] doc: JsValue) -> Result<RuleSet, JsValue> {
            compiled_from_js(doc).map(RuleSet::of)
        }

        /// The shipped sample rule set for a subject type (e.g. `retail-pharmacy`).
        #[wasm_bindgen(js_name = forSubjectType)]
        pub fn for_subject_type(#[wasm_bindgen(unchecked_param_type = "SubjectType")] subject_type: &str) -> Result<RuleSet, JsValue> {
            builtin::for_subject_type(subject_type).map(|r| RuleSet::of(r.clone())).map_err(|e| to_js_error(&e))
        }

        /// Scores `input` (as `evaluate`, without `rules`): the full result.
        #[wasm_bindgen(unchecked_return_type = "Evaluation")]
        pub fn evaluate(&self, #[wasm_bindgen(unchecked_param_type = "Omit<EvaluateInput, \"rules\"> | string")] input: JsValue) -> Result<JsValue, JsValue> {
            run(input, |i: EvaluateInput| evaluate::evaluate_handle(&self.inner, &i))
        }

        /// Scores `input`: score, grade and what is unanswered, without any explanation.
        #[wasm_bindgen(unchecked_return_type = "ScoreOut")]
        pub fn score(&self, #[wasm_bindgen(unchecked_param_type = "Omit<EvaluateInput, \"rules\"> | string")] input: JsValue) -> Result<JsValue, JsValue> {
            run(input, |i: EvaluateInput| {
                evaluate::no_rules_twice(&i)?;
                evaluate::score(&self.inner, &i)
            })
        }

        /// The explanation of an input the JavaScript side has encoded (www/score-fast.js; see
        /// `scoreEncoded`), with the subject's type and code and the events' `\0`-separated
        /// descriptions, without the rule set's own texts, which `catalog` gives once (see
        /// `crate::explain`), packed: its numbers here, its texts by `explainTexts` right after
        /// (www/explain-join.js unpacks the two and joins them into `evaluate`'s result).
        /// Empty: the ordinary `evaluate` must answer.
        #[wasm_bindgen(js_name = explainEncoded)]
        #[allow(clippy::too_many_arguments)]
        pub fn explain_encoded(
            &mut self,
            slots: &[f64],
            kinds: &[u32],
            dates: &str,
            descriptions: &str,
            subject_type: &str,
            code: &str,
            as_of: &str,
            allow_out_of_effect: bool,
        ) -> Vec<f64> {
            let e = evaluate::Encoded { slots, kinds, dates, as_of, allow_out_of_effect };
            let more = evaluate::EncodedMore { subject_type, code, descriptions };
            match e.to_input(&self.inner, &more).map(|i| evaluate::explain(&self.inner, &i)) {
                Some(Ok(x)) => self.packed_out(&x),
                _ => vec![],
            }
        }

        /// The texts of the explanation `explainEncoded` just packed.
        #[wasm_bindgen(js_name = explainTexts)]
        pub fn explain_texts(&mut self) -> String {
            std::mem::take(&mut self.packed.texts)
        }

        /// Every text of the rule set an explanation refers to (names, citations, bands, measures).
        #[wasm_bindgen(getter, unchecked_return_type = "Catalog")]
        pub fn catalog(&self) -> Result<JsValue, JsValue> {
            output(self.inner.catalog())
        }

        /// What the JavaScript encoder of `score` needs (www/score-fast.js).
        #[wasm_bindgen(getter, unchecked_return_type = "Encoding")]
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
        #[wasm_bindgen(getter, unchecked_return_type = "RulesInfo")]
        pub fn info(&self) -> Result<JsValue, JsValue> {
            output(&self.inner.info())
        }

        /// The rule-set document, as an object.
        #[wasm_bindgen(getter, unchecked_return_type = "RuleSetDoc")]
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

    /// The checker's report on a rule-set document (an object, or its JSON text): never throws for
    /// a bad document, reports it.
    #[wasm_bindgen(js_name = checkRules, unchecked_return_type = "CheckReport")]
    pub fn check_rules(#[wasm_bindgen(unchecked_param_type = "RuleSetDoc | string")] doc: JsValue) -> Result<JsValue, JsValue> {
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

    /// A rule-set document (an object, or its JSON text) checked and compiled into what the first
    /// screen's module reads (`new RuleSet(compiled)`; the command line's `compile-rules`); throws
    /// the checker's first error. 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条.
    #[wasm_bindgen(js_name = compileRules, unchecked_return_type = "CompiledOut")]
    pub fn compile_rules(#[wasm_bindgen(unchecked_param_type = "RuleSetDoc | string")] doc: JsValue) -> Result<JsValue, JsValue> {
        let rules = crate::rules::CompiledRules::from_value(rules_value(doc).map_err(|e| to_js_error(&e))?).map_err(|e| to_js_error(&e))?;
        output(&crate::rules::compiled::out(&rules))
    }

    /// The names of the shipped rule sets, and which subject types each covers.
    #[wasm_bindgen(js_name = builtinNames, unchecked_return_type = "[string, string[]][]")]
    pub fn builtin_names() -> Result<JsValue, JsValue> {
        use crate::rules::builtin;
        let list: Vec<(&str, &[&str])> = builtin::NAMES.iter().copied().zip(builtin::SUBJECT_TYPES.iter().copied()).collect();
        output(&list)
    }

    /// Grade, label and measures of a known score, by the shipped bands of the scale (the command
    /// line's `grade`; in this module: the first screen grades through `RuleSet`).
    #[wasm_bindgen(unchecked_return_type = "GradeOut")]
    pub fn grade(#[wasm_bindgen(unchecked_param_type = "GradeInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: crate::evaluate::GradeInput| crate::evaluate::grade(&i))
    }

    /// A 统一社会信用代码 or ID number checked (GB 32100-2015, GB 11643-1999), with what each
    /// position means: the code-check view's, in this module (the first screen's carries only the
    /// errors of a subject's code, `ident::uscc_errors` / `ident::id_errors`).
    #[wasm_bindgen(unchecked_return_type = "CodeCheck")]
    pub fn validate(#[wasm_bindgen(unchecked_param_type = "ValidateInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, crate::ident::validate)
    }

    /// Hands a shipped rule set to the tools module (each module keeps its own).
    #[cfg(feature = "tools-only")]
    #[wasm_bindgen(js_name = registerBuiltin)]
    pub fn register_builtin(name: &str, #[wasm_bindgen(unchecked_param_type = "RuleSetDoc | string")] doc: JsValue) -> Result<(), JsValue> {
        register(name, doc)
    }

    /// The rows of a batch as columns: a list of 100,000 rows crosses into JavaScript as a few
    /// typed arrays and one string, not value by value (www/batch-rows.js makes the rows again:
    /// `[row, name, code, type, score|null, grade|null, problems]`, as the command line writes
    /// them). `{n, row, score, grade, direct, grades, text, problems}` (`direct`: the index of the
    /// direct-grade rule that set the grade, 255 for none); rows whose texts hold the separators
    /// (U+001E, U+001F) go as ordinary rows instead.
    fn rows_out(rows: &[crate::batch::RowJson]) -> Result<JsValue, JsValue> {
        use js_sys::{Float64Array, Object, Reflect, Uint32Array, Uint8Array};
        let seps = |s: &str| s.contains(['\u{1e}', '\u{1f}']);
        if rows.iter().any(|r| seps(&r.1) || seps(&r.2) || seps(&r.3)) {
            return output(&rows);
        }
        let mut grades: Vec<&str> = vec![];
        let (mut nums, mut scores, mut grade_at) = (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
        let mut direct: Vec<u8> = Vec::with_capacity(rows.len());
        let mut text = String::new();
        let mut problems = vec![];
        for (i, r) in rows.iter().enumerate() {
            nums.push(r.0 as u32);
            scores.push(r.4.map_or(f64::NAN, |p| p.0 as f64 / 100.0));
            grade_at.push(match r.5.as_deref() {
                Some(g) => grades.iter().position(|x| *x == g).unwrap_or_else(|| {
                    grades.push(g);
                    grades.len() - 1
                }) as u8,
                None => u8::MAX,
            });
            direct.push(r.7.map_or(u8::MAX, |d| d.min(254) as u8));
            if i > 0 {
                text.push('\u{1e}');
            }
            for (k, t) in [&r.1, &r.2, &r.3].into_iter().enumerate() {
                if k > 0 {
                    text.push('\u{1f}');
                }
                text.push_str(t);
            }
            for p in &r.6 {
                problems.push((i, p.0, &p.1, &p.2, &p.3));
            }
        }
        let o = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&o, &k.into(), v);
        set("n", &JsValue::from(rows.len() as u32))?;
        set("row", &Uint32Array::from(&nums[..]))?;
        set("score", &Float64Array::from(&scores[..]))?;
        set("grade", &Uint8Array::from(&grade_at[..]))?;
        set("direct", &Uint8Array::from(&direct[..]))?;
        set("grades", &output(&grades)?)?;
        set("text", &JsValue::from_str(&text))?;
        set("problems", &output(&problems)?)?;
        Ok(o.into())
    }

    /// `{summary?, rows, resultCsv}` with the rows as columns (see [`rows_out`]).
    fn batch_out(summary: Option<&crate::batch::Summary>, rows: &[crate::batch::RowJson], result_csv: &str) -> Result<JsValue, JsValue> {
        use js_sys::{Object, Reflect};
        let o = Object::new();
        if let Some(s) = summary {
            Reflect::set(&o, &"summary".into(), &output(s)?)?;
        }
        Reflect::set(&o, &"rows".into(), &rows_out(rows)?)?;
        Reflect::set(&o, &"resultCsv".into(), &JsValue::from_str(result_csv))?;
        Ok(o.into())
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

    /// A whole CSV batch at once: `{summary, rows, resultCsv}` (`BatchRun` feeds it piece by piece,
    /// with progress). 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条.
    #[wasm_bindgen(unchecked_return_type = "BatchOut")]
    pub fn batch(#[wasm_bindgen(unchecked_param_type = "BatchInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        let i: crate::batch::BatchInput = read(with_rules_object(input)?)?;
        let out = crate::batch::batch(i).map_err(|e| to_js_error(&e))?;
        batch_out(Some(&out.summary), &out.rows, &out.result_csv)
    }

    /// The publication package of a batch: `{files: [{path, content}], report}` (the page zips the
    /// files). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条、第二十二条、第二十三条.
    #[wasm_bindgen(unchecked_return_type = "PublishOut")]
    pub fn publish(#[wasm_bindgen(unchecked_param_type = "PublishInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(with_rules_object(input)?, crate::publish::publish)
    }

    /// The CSV template of a rule set (its columns), and a file name for it.
    #[wasm_bindgen(js_name = batchTemplate, unchecked_return_type = "TemplateOut")]
    pub fn batch_template(#[wasm_bindgen(unchecked_optional_param_type = "TemplateInput | string | null")] input: JsValue) -> Result<JsValue, JsValue> {
        let v = if input.is_undefined() || input.is_null() { js_sys::Object::new().into() } else { input };
        run(with_rules_object(v)?, crate::batch::batch_template)
    }

    /// Every day of a month classified: working day or not, and why (国务院办公厅放假通知).
    #[wasm_bindgen(js_name = calendarMonth, unchecked_return_type = "MonthResult")]
    pub fn calendar_month(#[wasm_bindgen(unchecked_param_type = "MonthInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: Value| crate::calendar::month_of(i))
    }

    /// A deadline counted on the working-day calendar: due date, days skipped, days left, in time.
    /// 依据：《中华人民共和国民法典》第二百零一条、第二百零三条; the kinds' own articles (`basis`).
    #[wasm_bindgen(unchecked_return_type = "Deadline")]
    pub fn deadline(#[wasm_bindgen(unchecked_param_type = "DeadlineInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: Value| crate::deadline::deadline(i))
    }

    /// Every kind of deadline with its label, source article and counting (takes no input).
    #[wasm_bindgen(js_name = deadlineKinds, unchecked_return_type = "KindInfo[]")]
    pub fn deadline_kinds(#[wasm_bindgen(js_name = "input", unchecked_optional_param_type = "{} | null")] _input: JsValue) -> Result<JsValue, JsValue> {
        output(&crate::deadline::kinds())
    }

    /// The holiday notices in force (built in and loaded), and the statutory holidays counted for
    /// a year without one. 依据：国务院办公厅年度放假安排通知；《全国年节及纪念日放假办法》.
    #[wasm_bindgen(js_name = holidayNotices, unchecked_return_type = "NoticesResult")]
    pub fn holiday_notices(#[wasm_bindgen(unchecked_optional_param_type = "NoticesInput | string | null")] input: JsValue) -> Result<JsValue, JsValue> {
        let v = if input.is_undefined() || input.is_null() { js_sys::Object::new().into() } else { input };
        run(v, |i: Value| crate::calendar::notices_of(i))
    }

    /// One day classified: working day or not, and why.
    #[wasm_bindgen(unchecked_return_type = "WorkdayResult")]
    pub fn workday(#[wasm_bindgen(unchecked_param_type = "WorkdayInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: Value| crate::calendar::workday(i))
    }

    /// The chained deadlines of a credit repair or an objection, as a timeline.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5.
    #[wasm_bindgen(unchecked_return_type = "Timeline")]
    pub fn timeline(#[wasm_bindgen(unchecked_param_type = "TimelineInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: Value| crate::timeline::run(i))
    }

    /// Credit repair: `verdict` (eligible / not-yet / not-eligible / needs-info), the earliest date,
    /// the conditions, the materials, the timeline and the what-if.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十八至三十条、附件3至附件6.
    #[wasm_bindgen(unchecked_return_type = "RepairResult")]
    pub fn repair(#[wasm_bindgen(unchecked_param_type = "RepairInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(with_rules_object(input)?, |i: crate::repair::RepairInput| crate::repair::assess(&i))
    }

    /// The objection calculator: last day to object, whether a filing is in time, review due date.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条.
    #[wasm_bindgen(unchecked_return_type = "ObjectionResult")]
    pub fn objection(#[wasm_bindgen(unchecked_param_type = "ObjectionInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: Value| crate::repair::objection_of(i))
    }

    /// One attachment form (附件1—6) filled: its fields, what to fix before printing, print-ready HTML.
    #[wasm_bindgen(unchecked_return_type = "FormModel")]
    pub fn form(#[wasm_bindgen(unchecked_param_type = "FormInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: Value| crate::forms::form(i))
    }

    /// 医保支付资格记分: a doctor's or pharmacist's records of a year → points per record, the
    /// running total, the consequence reached (with the dates a suspension runs and a
    /// re-registration bar ends) and what the next points would bring.
    /// 依据：医保发〔2024〕23号；本省实施细则（`model`）.
    #[wasm_bindgen(js_name = paymentPoints, unchecked_return_type = "PointsResult")]
    pub fn payment_points(#[wasm_bindgen(unchecked_param_type = "PointsInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: crate::payment_points::PointsInput| crate::payment_points::payment_points(&i))
    }

    /// 医保支付资格记分 for a list of persons: a CSV with one row per record → per person the
    /// year's points, the consequence reached with its dates and what the next points would bring;
    /// a result CSV with one row per person. 依据：医保发〔2024〕23号；本省实施细则（`model`）.
    #[wasm_bindgen(js_name = paymentPointsBatch, unchecked_return_type = "PointsBatchOut")]
    pub fn payment_points_batch(#[wasm_bindgen(unchecked_param_type = "PointsBatchInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        run(input, |i: crate::points_batch::PointsBatchInput| crate::points_batch::payment_points_batch(&i))
    }

    /// The CSV template of the list of persons (takes no input).
    #[wasm_bindgen(js_name = paymentPointsTemplate, unchecked_return_type = "PointsTemplate")]
    pub fn payment_points_template(#[wasm_bindgen(js_name = "input", unchecked_optional_param_type = "{} | null")] _input: JsValue) -> Result<JsValue, JsValue> {
        output(&crate::points_batch::points_template())
    }

    /// Two versions of a rule set compared (`{a, b, input?, batch?, asOf?, type?}`; `a`, `b`: a
    /// document or a shipped set's name): indicators, bands, direct-grade rules, and the effect on
    /// a self-assessment and a batch file. 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条.
    #[wasm_bindgen(js_name = diffRules, unchecked_return_type = "RulesDiff")]
    pub fn diff_rules(#[wasm_bindgen(unchecked_param_type = "DiffInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        let v = match input.as_string() {
            Some(text) => parse_text(&text, "输入", "Input").map_err(|e| to_js_error(&e))?,
            None => input,
        };
        let value: Value = js_value(v).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e)))?;
        crate::value::check_texts(&value, &["a", "b", "batch"]).map_err(|e| to_js_error(&e))?;
        let i: crate::diff_rules::DiffInput = crate::value::from_value(value).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e.to_string())))?;
        output(&crate::diff_rules::diff_rules(i).map_err(|e| to_js_error(&e))?)
    }

    /// Of several versions of a rule set (`{rules: [doc, …], asOf}`), the one in force on the
    /// as-of date, each version's dates and a sentence saying which applies.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第二十条.
    #[wasm_bindgen(js_name = rulesInForce, unchecked_return_type = "InForce")]
    pub fn rules_in_force(#[wasm_bindgen(unchecked_param_type = "InForceInput | string")] input: JsValue) -> Result<JsValue, JsValue> {
        let v = match input.as_string() {
            Some(text) => parse_text(&text, "输入", "Input").map_err(|e| to_js_error(&e))?,
            None => input,
        };
        let value: Value = js_value(v).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e)))?;
        crate::value::check_texts(&value, &["rules"]).map_err(|e| to_js_error(&e))?;
        let i: crate::rules::versions::InForceInput = crate::value::from_value(value).map_err(|e| to_js_error(&Error::shape("输入", "Input", &e.to_string())))?;
        output(&crate::rules::versions::rules_in_force(i).map_err(|e| to_js_error(&e))?)
    }

    /// Hands a shipped point-scoring model (`points/NAME.json`, fetched by the page) to the module.
    #[wasm_bindgen(js_name = registerPointsModel)]
    pub fn register_points_model(name: &str, #[wasm_bindgen(unchecked_param_type = "PointsModel | string")] doc: JsValue) -> Result<(), JsValue> {
        crate::payment_points::register(name, read::<Value>(doc)?).map_err(|e| to_js_error(&e))
    }

    /// The six attachment forms with their titles and field definitions (takes no input).
    #[wasm_bindgen(unchecked_return_type = "FormInfo[]")]
    pub fn forms(#[wasm_bindgen(js_name = "input", unchecked_optional_param_type = "{} | null")] _input: JsValue) -> Result<JsValue, JsValue> {
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
        /// Starts a batch: `{asOf, type?, rules?, allowOutOfEffect?}` (an object, or its JSON text).
        #[wasm_bindgen(constructor)]
        pub fn new(#[wasm_bindgen(unchecked_param_type = "Omit<BatchInput, \"csv\"> | string")] options: JsValue) -> Result<BatchRun, JsValue> {
            let i: crate::batch::BatchInput = read(with_rules_object(options)?)?;
            crate::batch::ChunkedBatch::new(i).map(|inner| BatchRun { inner }).map_err(|e| to_js_error(&e))
        }

        /// First pass (optional, before `push`): feeds a piece of the CSV text to find duplicates
        /// (一码多赋、重复赋码); after `endScan()` the same text fed again to `push` gives rows that
        /// name their duplicates.
        pub fn scan(&mut self, text: &str) -> Result<(), JsValue> {
            self.inner.scan(text).map_err(|e| to_js_error(&e))
        }

        /// Ends the first pass.
        #[wasm_bindgen(js_name = endScan)]
        pub fn end_scan(&mut self) -> Result<(), JsValue> {
            self.inner.end_scan().map_err(|e| to_js_error(&e))
        }

        /// Feeds the next piece of the CSV text (split anywhere): the rows it completed.
        #[wasm_bindgen(unchecked_return_type = "ChunkOut")]
        pub fn push(&mut self, text: &str) -> Result<JsValue, JsValue> {
            let out = self.inner.push(text).map_err(|e| to_js_error(&e))?;
            batch_out(None, &out.rows, &out.result_csv)
        }

        /// Ends the input: the last rows and the summary.
        #[wasm_bindgen(unchecked_return_type = "BatchOut")]
        pub fn finish(&mut self) -> Result<JsValue, JsValue> {
            let out = self.inner.finish().map_err(|e| to_js_error(&e))?;
            batch_out(Some(&out.summary), &out.rows, &out.result_csv)
        }
    }

    // -----------------------------------------------------------------------------------------
    // Declarations only: the inputs the core reads field by field from a `Value`
    // (`crate::deadline::Input`, `crate::forms::read_input`). These types are never built or read;
    // they give the `.d.ts` the fields those readers accept (an unknown one is refused).
    // -----------------------------------------------------------------------------------------

    #[wasm_bindgen(typescript_custom_section)]
    const TS_HOLIDAYS: &'static str = r#"
/** holiday-cn documents (one, or an array) extending or replacing years of the built-in calendar. */
export type Holidays = HolidayDoc | HolidayDoc[];
"#;

    /// A holiday-cn document: the State Council's holiday notice of one year (other keys, such as
    /// `$schema`, are ignored). 依据：国务院办公厅年度节假日安排通知.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct HolidayDoc {
        /// The notice's year, 1949 to 2100.
        year: i32,
        /// The URLs of the notice.
        #[serde(default)]
        papers: Option<Vec<String>>,
        /// The days off and the make-up working days it lists.
        days: Vec<HolidayDay>,
    }

    /// A day a holiday notice lists.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct HolidayDay {
        /// The holiday's name, e.g. `国庆节`.
        name: String,
        /// `YYYY-MM-DD`.
        date: String,
        /// `true`: a day off; `false`: a make-up working day (调休上班).
        is_off_day: bool,
    }

    /// Input of `deadline`.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct DeadlineInput {
        /// The kind of deadline (`deadlineKinds()` lists them), e.g. `objection-filing`.
        kind: String,
        /// The day of the start event, `YYYY-MM-DD` (not counted: 民法典 第二百零一条).
        from: String,
        /// The length in days: required by the generic kinds (`needsDays`); for the others it must
        /// be the kind's own. A number or a string of digits.
        #[serde(default)]
        #[tsify(type = "number | string | null")]
        days: Option<u32>,
        /// Today, `YYYY-MM-DD`: gives the days left, `overdue` and `dueToday`.
        #[serde(default)]
        today: Option<String>,
        /// The day the act was done, `YYYY-MM-DD`: gives `inTime`.
        #[serde(default)]
        filed_on: Option<String>,
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }

    /// Input of `holidayNotices`.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct NoticesInput {
        /// The year whose statutory holidays to list (default: the year after the last notice).
        #[serde(default)]
        #[tsify(type = "number | string | null")]
        year: Option<u32>,
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }

    /// Input of `workday`.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct WorkdayInput {
        /// `YYYY-MM-DD`.
        date: String,
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }

    /// Input of `calendarMonth` (months 1949-10 to 2100-12).
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct MonthInput {
        /// A number or a string of digits.
        #[tsify(type = "number | string")]
        year: u32,
        /// 1 to 12: a number or a string of digits.
        #[tsify(type = "number | string")]
        month: u32,
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }

    /// Input of `timeline`. Dates are `YYYY-MM-DD`; a step's actual date, when given, replaces the
    /// projected one and the later steps are counted from it.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct TimelineInput {
        /// `repair` (credit repair, 第三十条) or `objection` (第二十二条).
        #[tsify(type = "\"repair\" | \"objection\"")]
        process: String,
        /// Repair: the day the application was received. Objection: the day the result was published.
        from: String,
        /// `institution` (default) or `person`: only institutions' repairs are published (第三十条).
        #[serde(default)]
        #[tsify(type = "SubjectClass | null")]
        subject_class: Option<String>,
        /// Repair: the day the application was accepted (default: the day of receipt).
        #[serde(default)]
        accepted_on: Option<String>,
        /// Repair: the day the decision was made.
        #[serde(default)]
        decided_on: Option<String>,
        /// Repair: `repaired` or `refused` (default: both branches shown).
        #[serde(default)]
        #[tsify(type = "\"repaired\" | \"refused\" | null")]
        outcome: Option<String>,
        /// Repair, refused: the day the refusal notice (附件5) was received (default: the decision day).
        #[serde(default)]
        refusal_received_on: Option<String>,
        /// Repair, refused: the day an objection to the refusal was filed.
        #[serde(default)]
        objection_filed_on: Option<String>,
        /// Objection: the day the objection was filed (received by the department).
        #[serde(default)]
        filed_on: Option<String>,
        /// Objection: the day the review answer (附件2) was given.
        #[serde(default)]
        reviewed_on: Option<String>,
        #[serde(default)]
        today: Option<String>,
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }

    /// Input of `objection`. Dates are `YYYY-MM-DD`.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct ObjectionInput {
        /// The day the evaluation result was published.
        publication_date: String,
        /// The day the objection was filed.
        #[serde(default)]
        filed_on: Option<String>,
        /// The day the department received it (default: the filing day).
        #[serde(default)]
        received_on: Option<String>,
        #[serde(default)]
        today: Option<String>,
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }

    /// Input of `form`. What the user typed (`fields`) wins over what the core computes.
    #[derive(tsify::Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(missing_as_null)]
    #[allow(dead_code)]
    pub struct FormInput {
        /// The attachment, 1 to 6 (附件1—附件6): a number or a string of digits.
        #[tsify(type = "number | string")]
        form: u8,
        /// The day the form is filled, `YYYY-MM-DD` (printed at its foot).
        #[serde(default)]
        filled_on: Option<String>,
        /// The credit-repair input as `repair` reads it (keys the form does not use are ignored).
        #[serde(default)]
        #[tsify(type = "RepairInput | null")]
        repair: Option<Value>,
        /// The repair verdict, for the 符合/不符合 box of 附件3.
        #[serde(default)]
        eligible: Option<bool>,
        /// What the user typed, by field id (`forms()` lists them); `null`: not typed.
        #[serde(default)]
        #[tsify(type = "Record<string, string | null> | null")]
        fields: Option<Value>,
        /// The rule set named at the form's foot.
        #[serde(default)]
        #[tsify(type = "RulesRef | null")]
        rules: Option<Value>,
        /// Holiday notices extending the built-in calendar (the last day to object of 附件5).
        #[serde(default)]
        #[tsify(type = "Holidays | null")]
        holidays: Option<Value>,
    }
}

#[cfg(not(any(feature = "tools-only", feature = "excel-only")))]
pub use scoring::*;
#[cfg(feature = "tools")]
pub use tools::*;
#[cfg(feature = "excel-only")]
pub use excel::*;

// ---------------------------------------------------------------------------------------------
// The Excel module: workbooks read and written for the batch (loaded only when one is)
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "excel-only")]
pub mod excel {
    use super::*;

    /// The names of an .xlsx workbook's sheets, in order.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
    #[wasm_bindgen(js_name = xlsxSheets, unchecked_return_type = "string[]")]
    pub fn xlsx_sheets(bytes: &[u8]) -> Result<JsValue, JsValue> {
        output(&crate::excel::sheet_names(bytes).map_err(|e| to_js_error(&e))?)
    }

    /// A sheet of an .xlsx workbook (the first, or the one named) as CSV text for the batch.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
    #[wasm_bindgen(js_name = xlsxToCsv)]
    pub fn xlsx_to_csv(bytes: &[u8], sheet: Option<String>) -> Result<String, JsValue> {
        crate::excel::sheet_csv(bytes, sheet.as_deref()).map_err(|e| to_js_error(&e))
    }

    /// The result CSV of a batch as an .xlsx workbook (identifiers as text, grades coloured, a
    /// summary sheet with the rule set's id, version and hash); `meta`: the batch's summary.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条.
    #[wasm_bindgen(js_name = resultXlsx)]
    pub fn result_xlsx(csv: &str, #[wasm_bindgen(unchecked_param_type = "XlsxMeta")] meta: JsValue) -> Result<Vec<u8>, JsValue> {
        let meta: crate::excel::XlsxMeta = serde_wasm_bindgen::from_value(meta).map_err(|e| to_js_error(&Error::shape("汇总", "Summary", &message(&e))))?;
        crate::excel::result_xlsx(csv, &meta).map_err(|e| to_js_error(&e))
    }

    /// The batch template (its CSV text, `batchTemplate`) as an .xlsx workbook: the list sheet
    /// with the example row, and a sheet explaining each column.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
    #[wasm_bindgen(js_name = templateXlsx)]
    pub fn template_xlsx(csv: &str, title: &str) -> Result<Vec<u8>, JsValue> {
        crate::excel::template_xlsx(csv, title).map_err(|e| to_js_error(&e))
    }

    /// A table (CSV text) as an .xlsx workbook of one sheet, read back the same by `xlsxToCsv`:
    /// the indicator table of 指标管理. 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条、第十八条.
    #[wasm_bindgen(js_name = tableXlsx)]
    pub fn table_xlsx(csv: &str, title: &str, sheet: &str) -> Result<Vec<u8>, JsValue> {
        crate::excel::table_xlsx(csv, title, sheet).map_err(|e| to_js_error(&e))
    }
}
