// Shared body of the wasm tests: every golden case through the JS binding (a plain JS object in,
// read by the binding's reader, `binding::js_value`; JSON.stringify of the JS object out) must give the native bytes
// exactly. The shipped rule sets are handed to the module as the page does (`registerBuiltin`).
use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yibao_credit::binding as b;

const CASES: &str = include_str!("../golden/cases.json");
const BUILTIN: [(&str, &str); 4] = [
    ("medical-institution", include_str!("../../data/rules/medical-institution.json")),
    ("retail-pharmacy", include_str!("../../data/rules/retail-pharmacy.json")),
    ("practitioner", include_str!("../../data/rules/practitioner.json")),
    ("insured", include_str!("../../data/rules/insured.json")),
];

const POINTS: [(&str, &str); 2] = [
    ("national", include_str!("../../data/points/national.json")),
    ("example-province", include_str!("../../data/points/example-province.json")),
];

/// The shared sections the shipped files include (`$include`); the page's modules do not carry
/// them, so they are put in place here, as scripts/resolve-rules.mjs does for the page.
const SHARED: [(&str, &str); 3] = [
    ("shared/sources.json", include_str!("../../data/rules/shared/sources.json")),
    ("shared/direct-grades.json", include_str!("../../data/rules/shared/direct-grades.json")),
    ("shared/repair.json", include_str!("../../data/rules/shared/repair.json")),
];

fn load_builtins() {
    for (name, text) in BUILTIN {
        let doc = JSON::parse(text).unwrap();
        for key in ["sources", "directGrades", "repair"] {
            let section = Reflect::get(&doc, &JsValue::from_str(key)).unwrap();
            let inc = Reflect::get(&section, &JsValue::from_str("$include")).unwrap();
            if let Some(file) = inc.as_string() {
                let (_, shared) = SHARED.iter().find(|(n, _)| *n == file).unwrap();
                Reflect::set(&doc, &JsValue::from_str(key), &JSON::parse(shared).unwrap()).unwrap();
            }
        }
        b::register_builtin(name, doc).unwrap();
    }
    for (name, text) in POINTS {
        b::register_points_model(name, JSON::parse(text).unwrap()).unwrap();
    }
}

fn call(command: &str, input: JsValue) -> Result<JsValue, JsValue> {
    match command {
        "batch" => b::batch(input),
        "batch-template" => b::batch_template(input),
        "calendar-month" => b::calendar_month(input),
        "check-rules" => b::check_rules(input),
        "deadline" => b::deadline(input),
        "deadline-kinds" => b::deadline_kinds(input),
        "diff-rules" => b::diff_rules(input),
        "evaluate" => b::evaluate(input),
        "form" => b::form(input),
        "forms" => b::forms(input),
        "grade" => b::grade(input),
        "holiday-notices" => b::holiday_notices(input),
        "objection" => b::objection(input),
        "payment-points" => b::payment_points(input),
        "payment-points-batch" => b::payment_points_batch(input),
        "payment-points-template" => b::payment_points_template(input),
        "publish" => b::publish(input),
        "repair" => b::repair(input),
        "rules" => b::rules(input),
        "rules-in-force" => b::rules_in_force(input),
        "score" => b::score(input),
        "timeline" => b::timeline(input),
        "validate" => b::validate(input),
        "workday" => b::workday(input),
        other => panic!("no binding for {other}"),
    }
}

/// `{"error":{code,zh,en,path?}}` from a thrown JS Error, in the native order.
fn error_json(e: &JsValue) -> String {
    let o = js_sys::Object::new();
    for k in ["code", "zh", "en", "path"] {
        let v = Reflect::get(e, &JsValue::from_str(k)).unwrap();
        if !v.is_undefined() {
            Reflect::set(&o, &JsValue::from_str(k), &v).unwrap();
        }
    }
    let wrap = js_sys::Object::new();
    Reflect::set(&wrap, &JsValue::from_str("error"), &o).unwrap();
    JSON::stringify(&wrap).unwrap().as_string().unwrap()
}

fn through_js(command: &str, input_json: &str) -> String {
    let input = JSON::parse(input_json).expect("input is JSON");
    match call(command, input) {
        Ok(v) => JSON::stringify(&v).unwrap().as_string().unwrap(),
        Err(e) => error_json(&e),
    }
}

#[wasm_bindgen_test]
fn golden_cases_identical_to_native() {
    load_builtins();
    let cases: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(CASES).unwrap();
    assert!(cases.len() >= 20);
    let mut bad = vec![];
    for c in &cases {
        let out = through_js(c["command"].as_str().unwrap(), &c["input"].to_string());
        if c["output"].as_str() != Some(out.as_str()) {
            bad.push(format!("{}: got {}", c["name"], out));
        }
    }
    assert!(bad.is_empty(), "{} case(s) differ from native:\n{}", bad.len(), bad.join("\n"));
}

#[wasm_bindgen_test]
fn rule_set_handle_gives_the_same_bytes_as_evaluate() {
    load_builtins();
    let cases: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(CASES).unwrap();
    let mut n = 0;
    for c in cases.iter().filter(|c| c["command"] == "evaluate" && c["input"].get("rules").is_none()) {
        let ty = c["input"]["subject"]["type"].as_str().unwrap();
        let Ok(rs) = b::RuleSet::for_subject_type(ty) else { continue };
        let out = match rs.evaluate(JSON::parse(&c["input"].to_string()).unwrap()) {
            Ok(v) => JSON::stringify(&v).unwrap().as_string().unwrap(),
            Err(_) => continue,
        };
        assert_eq!(c["output"].as_str().unwrap(), out, "{}", c["name"]);
        // `score` agrees with the full result.
        let s = rs.score(JSON::parse(&c["input"].to_string()).unwrap()).unwrap();
        let full: serde_json::Value = serde_json::from_str(&out).unwrap();
        let sc: serde_json::Value = serde_json::from_str(&JSON::stringify(&s).unwrap().as_string().unwrap()).unwrap();
        for k in ["score", "grade", "complete", "answers", "reachable", "scale"] {
            assert_eq!(sc[k], full[k], "{} {k}", c["name"]);
        }
        n += 1;
    }
    assert!(n >= 10, "only {n} cases compared");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_code_and_both_languages() {
    let e = b::grade(JSON::parse(r#"{"scale":"person","score":"abc"}"#).unwrap()).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(Reflect::get(&e, &"code".into()).unwrap().as_string().unwrap(), "E_INPUT_JSON");
    assert!(Reflect::get(&e, &"zh".into()).unwrap().as_string().unwrap().contains("输入"));
    assert!(!Reflect::get(&e, &"en".into()).unwrap().as_string().unwrap().is_empty());
}

/// Inputs stay as strict through JS objects as through JSON text: an unknown or misspelt field,
/// or a value of the wrong type, is refused with the command line's error (tests/golden/strict.json,
/// written by tests/golden.rs natively).
#[wasm_bindgen_test]
fn unknown_and_misspelt_fields_are_refused_as_natively() {
    load_builtins();
    let cases: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(include_str!("../golden/strict.json")).unwrap();
    assert!(cases.len() >= 15);
    let mut bad = vec![];
    for c in &cases {
        let (command, input) = (c["command"].as_str().unwrap(), c["input"].as_str().unwrap());
        let js = through_js(command, input);
        if c["output"].as_str() != Some(js.as_str()) {
            bad.push(format!("{command} {input}\n  native {}\n  js     {js}", c["output"]));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The core reads a JS input into its `Value` itself (`binding::js_value`, so the first screen's
/// module carries neither serde-wasm-bindgen's reader nor float formatting): for every kind of JS
/// value — JSON-like ones and the odd ones a caller might pass (undefined, -0, NaN, BigInt, holes,
/// Map, Set, typed arrays, Symbol, functions, Date, null-prototype objects) — it gives what
/// serde-wasm-bindgen gave, the same value or the same message.
#[wasm_bindgen_test]
fn js_values_are_read_as_serde_wasm_bindgen_read_them() {
    let make = js_sys::Function::new_no_args(
        r#"return [null, undefined, true, false, 0, -0, 7, -7, 1.5, -0.25, 0.1 + 0.2, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e21, 1e-7,
        NaN, Infinity, -Infinity, 12n, -12n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 63n) - 1n, "", "x\"é\n", [], [1, , 3],
        { a: 1, b: [{}, null], c: { d: "e" } }, { a: undefined }, { "": 0, "10101": true }, new Map([["a", 1], ["b", [2]]]),
        new Map([[1, "a"]]), new Map([[1.5, "a"]]), new Map([[true, 1]]), new Map([[null, 1]]), new Map([[{}, 1]]),
        new Map([["a", Symbol("s")]]), new Set([1]), new Uint8Array(2), new ArrayBuffer(2), new Int8Array(1), Symbol("s"),
        function f() {}, { a: Symbol("s") }, [1, () => 1], Object.create(null), new Date(0), /x/, { k: 2n ** 70n },
        { k: new Uint8Array(1) }, [new Map([[2, 1]])]];"#,
    );
    let values: js_sys::Array = make.call0(&JsValue::NULL).unwrap().unchecked_into();
    assert!(values.length() > 50);
    for v in values.iter() {
        let label = format!("{v:?}");
        let ours = b::js_value(v.clone()).map(|x| format!("{x:?}"));
        let theirs = serde_wasm_bindgen::from_value::<yibao_credit::value::Value>(v).map(|x| format!("{x:?}")).map_err(|e| {
            let s = e.to_string();
            s.strip_prefix("Error: ").map(str::to_string).unwrap_or(s)
        });
        assert_eq!(ours, theirs, "{label}");
    }
}
