// Shared body of the wasm tests: every golden case through the JS binding (JS object in,
// JSON.stringify of the JS result out) must give the native bytes exactly.
use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const CASES: &str = include_str!("../golden/cases.json");

fn through_js(command: &str, input_json: &str) -> String {
    let input = JSON::parse(input_json).expect("input is JSON");
    let result = match command {
        "evaluate" => yibao_credit::binding::evaluate(input),
        "grade" => yibao_credit::binding::grade(input),
        "rules" => yibao_credit::binding::rules(input),
        "check-rules" => yibao_credit::binding::check_rules(input),
        "validate" => yibao_credit::binding::validate(input),
        other => yibao_credit::binding::call_json(other, input_json).map(|s| JSON::parse(&s).unwrap()),
    };
    match result {
        Ok(v) => JSON::stringify(&v).unwrap().as_string().unwrap(),
        Err(e) => {
            // Rebuild {"error":{code,zh,en,path?}} from the thrown JS Error, in the native order.
            let o = js_sys::Object::new();
            for k in ["code", "zh", "en", "path"] {
                let v = Reflect::get(&e, &JsValue::from_str(k)).unwrap();
                if !v.is_undefined() {
                    Reflect::set(&o, &JsValue::from_str(k), &v).unwrap();
                }
            }
            let wrap = js_sys::Object::new();
            Reflect::set(&wrap, &JsValue::from_str("error"), &o).unwrap();
            JSON::stringify(&wrap).unwrap().as_string().unwrap()
        }
    }
}

#[wasm_bindgen_test]
fn golden_cases_identical_to_native() {
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
    let cases: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(CASES).unwrap();
    let mut n = 0;
    for c in cases.iter().filter(|c| c["command"] == "evaluate" && c["input"].get("rules").is_none()) {
        let ty = c["input"]["subject"]["type"].as_str().unwrap();
        let Ok(rs) = yibao_credit::binding::RuleSet::for_subject_type(ty) else { continue };
        let out = match rs.evaluate(JSON::parse(&c["input"].to_string()).unwrap()) {
            Ok(v) => JSON::stringify(&v).unwrap().as_string().unwrap(),
            Err(_) => continue,
        };
        assert_eq!(c["output"].as_str().unwrap(), out, "{}", c["name"]);
        n += 1;
    }
    assert!(n >= 10, "only {n} cases compared");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_code_and_both_languages() {
    let e = yibao_credit::binding::grade(JSON::parse(r#"{"scale":"person","score":"abc"}"#).unwrap()).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(Reflect::get(&e, &"code".into()).unwrap().as_string().unwrap(), "E_INPUT_JSON");
    assert!(Reflect::get(&e, &"zh".into()).unwrap().as_string().unwrap().contains("输入"));
    assert!(!Reflect::get(&e, &"en".into()).unwrap().as_string().unwrap().is_empty());
}
