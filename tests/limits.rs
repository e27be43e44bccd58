//! Size limits of every text entry point: each refuses with a stable code and a message in
//! Chinese and English, and no error message or output grows with an oversized input.

use serde_json::{json, Value};
use yibao_credit::{api, Error};

fn call(name: &str, v: &Value) -> Result<Value, Error> {
    api::call(name, &v.to_string()).map(|s| serde_json::from_str(&s).unwrap())
}

fn bilingual(e: &Error) {
    assert!(e.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese: {e}");
    assert!(e.en.chars().filter(|c| c.is_ascii_alphabetic()).count() > 10, "no English: {e}");
}

fn holidays_2026() -> Value {
    serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/holiday-cn/2026.json")).unwrap()).unwrap()
}

#[test]
fn any_text_in_an_input_is_limited_to_4000_characters() {
    assert_eq!(api::MAX_STRING_CHARS, 4000);
    let repair = |act: &str| json!({"subject": {"type": "retail-pharmacy"}, "record": {"kind": "admin-penalty", "decisionDate": "2025-06-15", "act": act}, "applicationDate": "2026-04-01"});
    // 4,000 characters (counted as characters, not bytes) pass; 4,001 do not.
    assert!(call("repair", &repair(&"串".repeat(4000))).is_ok());
    let e = call("repair", &repair(&"串".repeat(4001))).unwrap_err();
    assert_eq!(e.code, "E_TEXT_TOO_LONG");
    assert!(e.zh.contains("act") && e.zh.contains("4001") && e.en.contains("4000"), "{e}");
    bilingual(&e);
    // Escapes count as the character they stand for.
    let escaped = format!(r#"{{"subject":{{"type":"retail-pharmacy"}},"record":{{"kind":"admin-penalty","decisionDate":"2025-06-15","act":"{}"}},"applicationDate":"2026-04-01"}}"#, "\\u4e32".repeat(4000));
    assert!(api::call("repair", &escaped).is_ok());
    // Every command that reads a JSON object applies it.
    for (name, input) in [
        ("evaluate", json!({"subject": {"type": "x".repeat(5000)}, "asOf": "2026-11-23"})),
        ("grade", json!({"scale": "institution", "score": "9".repeat(5000)})),
        ("deadline", json!({"kind": "k".repeat(5000), "from": "2026-01-01"})),
        ("timeline", json!({"process": "repair", "from": "2".repeat(5000)})),
        ("workday", json!({"date": "2".repeat(5000)})),
        ("objection", json!({"publicationDate": "d".repeat(5000)})),
        ("form", json!({"form": 1, "filledOn": "2".repeat(5000)})),
        ("validate", json!({"kind": "uscc", "value": "9".repeat(5000)})),
        ("batch", json!({"csv": "a\n", "asOf": "2".repeat(5000), "type": "insured"})),
        ("batch-template", json!({"type": "t".repeat(5000)})),
        ("rules", json!({"name": "n".repeat(5000)})),
        ("calendar-month", json!({"year": "2".repeat(5000), "month": 1})),
    ] {
        let e = call(name, &input).unwrap_err();
        assert_eq!(e.code, "E_TEXT_TOO_LONG", "{name}: {e}");
        bilingual(&e);
        assert!(e.zh.len() + e.en.len() < 400, "{name}: the message does not repeat the text");
    }
    // The fields with their own byte limits are exempt: a CSV and an inline rule set.
    let mut rules: Value = serde_json::from_str(&api::call("rules", r#"{"type":"retail-pharmacy"}"#).unwrap()).unwrap();
    rules["notice"]["zh"] = json!("说明".repeat(3000));
    let out = call("evaluate", &json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "rules": rules})).unwrap();
    assert!(out["score"].is_number());
    let row = format!("{},\n", "x".repeat(5000));
    let r = api::call("batch", &json!({"csv": row, "asOf": "2026-11-23", "type": "insured"}).to_string());
    assert!(r.as_ref().map_or_else(|e| e.code != "E_TEXT_TOO_LONG", |_| true), "{r:?}");
}

#[test]
fn the_string_scan_survives_odd_text() {
    // Unterminated strings and escapes at the very end: no panic, and the parser reports.
    for s in ["\"", "\"\\", "\"\\u", "{\"a\":\"\\u12", "{\"rules\":[", "]]]}}}", "{\"rules\"", "\"𠮷"] {
        assert!(api::check_strings(s, &["rules"]).is_ok(), "{s}");
        assert_eq!(api::call("evaluate", s).unwrap_err().code, "E_INPUT_JSON");
    }
    // A long field name or a long string inside an array is caught too.
    assert_eq!(api::check_strings(&format!("{{\"{}\":1}}", "k".repeat(5000)), &[]).unwrap_err().code, "E_TEXT_TOO_LONG");
    let e = call("evaluate", &json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"1".repeat(5000): true}})).unwrap_err();
    assert_eq!(e.code, "E_TEXT_TOO_LONG");
    bilingual(&e);
    assert_eq!(api::check_strings(&format!("[[\"{}\"]]", "k".repeat(5000)), &[]).unwrap_err().code, "E_TEXT_TOO_LONG");
    // After the exempt value ends, the limit applies again.
    assert!(api::check_strings(&format!("{{\"rules\":{{\"a\":[\"{}\"]}}}}", "k".repeat(5000)), &["rules"]).is_ok());
    assert!(api::check_strings(&format!("{{\"rules\":{{\"a\":1}},\"b\":\"{}\"}}", "k".repeat(5000)), &["rules"]).is_err());
    assert!(api::check_strings(&format!("{{\"rules\":\"{}\",\"b\":\"{}\"}}", "k".repeat(5000), "k".repeat(5000)), &["rules"]).is_err());
}

#[test]
fn facts_are_limited_to_10000() {
    assert_eq!(yibao_credit::evaluate::MAX_FACTS, 10_000);
    let facts = |n: usize| Value::Object((0..n).map(|i| (format!("9{i:05}"), json!(true))).collect());
    let ok = call("evaluate", &json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": facts(10_000)}));
    assert!(ok.is_ok(), "{:?}", ok.err());
    let e = call("evaluate", &json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": facts(10_001)})).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_TOO_MANY", Some("$.facts")));
    assert!(e.zh.contains("10001") && e.en.contains("10000"));
    bilingual(&e);
}

#[test]
fn events_are_limited_to_10000() {
    let ev = json!({"kind": "award", "date": "2026-01-01"});
    let e = call("evaluate", &json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "events": vec![ev; 10_001]})).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_TOO_MANY", Some("$.events")));
    bilingual(&e);
}

#[test]
fn holiday_documents_are_limited() {
    use yibao_credit::calendar::{MAX_DAYS_PER_DOCUMENT, MAX_DOCUMENTS, MAX_NAME_CHARS, MAX_PAPERS, MAX_PAPER_CHARS};
    let wd = |h: Value| call("workday", &json!({"date": "2026-10-01", "holidays": h}));
    assert!(wd(holidays_2026()).is_ok());

    let mut doc = holidays_2026();
    let day = doc["days"][0].clone();
    doc["days"] = Value::Array(vec![day; MAX_DAYS_PER_DOCUMENT + 1]);
    let e = wd(doc).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_HOLIDAY_DATA", Some("$.holidays.days")));
    assert!(e.zh.contains("1001") && e.en.contains("1000"));
    bilingual(&e);

    let mut doc = holidays_2026();
    doc["papers"] = Value::Array(vec![json!("https://www.gov.cn/"); MAX_PAPERS + 1]);
    let e = wd(doc).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_HOLIDAY_DATA", Some("$.holidays.papers")));
    bilingual(&e);

    let mut doc = holidays_2026();
    doc["papers"][0] = json!(format!("https://www.gov.cn/{}", "a".repeat(MAX_PAPER_CHARS)));
    let e = wd(doc).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_HOLIDAY_DATA", Some("$.holidays.papers[0]")));
    bilingual(&e);

    let mut doc = holidays_2026();
    doc["days"][0]["name"] = json!("节".repeat(MAX_NAME_CHARS + 1));
    let e = wd(doc).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_HOLIDAY_DATA", Some("$.holidays.days[0].name")));
    bilingual(&e);
    let mut doc = holidays_2026();
    doc["days"][0]["name"] = json!("节".repeat(MAX_NAME_CHARS));
    assert!(wd(doc).is_ok());

    let e = wd(Value::Array(vec![holidays_2026(); MAX_DOCUMENTS + 1])).unwrap_err();
    assert_eq!(e.code, "E_HOLIDAY_DATA");
    bilingual(&e);
}

#[test]
fn inputs_over_8_mb_are_refused_by_every_command_reading_json() {
    let big = format!("{{\"x\":\"{}\"}}", " ".repeat(api::MAX_INPUT_BYTES));
    for (name, f) in api::COMMANDS {
        match f(&big) {
            Err(e) => {
                assert!(e.code.starts_with("E_"), "{name}");
                bilingual(&e);
            }
            // `deadline-kinds`, `forms` and `payment-points-template` read no input; `check-rules` answers a report.
            Ok(out) => assert!(["deadline-kinds", "forms", "payment-points-template", "check-rules"].contains(name) || out.is_empty(), "{name} accepted 8 MB"),
        }
    }
}

/// Every string of every golden input, replaced by a 5,000-character text: the answer's
/// messages stay short (they never repeat the whole text) and outputs stay small.
#[test]
fn no_message_or_output_grows_with_an_oversized_field() {
    fn leaves(v: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, [path.clone(), vec![k.clone()]].concat(), out)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, [path.clone(), vec![i.to_string()]].concat(), out)),
            Value::String(_) => out.push(path),
            _ => {}
        }
    }
    fn set(v: &mut Value, p: &[String], x: Value) {
        match (v, p.first()) {
            (v, None) => *v = x,
            (Value::Object(m), Some(k)) => set(m.get_mut(k).unwrap(), &p[1..], x),
            (Value::Array(a), Some(k)) => set(&mut a[k.parse::<usize>().unwrap()], &p[1..], x),
            _ => unreachable!(),
        }
    }
    let golden: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/cases.json")).unwrap()).unwrap();
    let big = Value::String("汉".repeat(5000));
    let mut checked = 0;
    for c in &golden {
        let (name, input) = (c["command"].as_str().unwrap(), &c["input"]);
        if name == "check-rules" {
            continue; // the input is a rule set: its own 2 MB limit (tests/rules_check.rs)
        }
        let mut paths = vec![];
        leaves(input, vec![], &mut paths);
        for p in paths.iter().filter(|p| !p.iter().any(|s| s == "rules")) {
            let mut v = input.clone();
            set(&mut v, p, big.clone());
            match api::call(name, &v.to_string()) {
                Err(e) => {
                    assert!(e.zh.len() + e.en.len() < 2000, "{name} {p:?}: message of {} bytes", e.zh.len() + e.en.len());
                    bilingual(&e);
                }
                Ok(out) => panic!("{name} {p:?}: a 5,000-character text was accepted ({} bytes out)", out.len()),
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn inline_rule_sets_keep_the_2_mb_limit() {
    let mut rules: Value = serde_json::from_str(&api::call("rules", r#"{"type":"retail-pharmacy"}"#).unwrap()).unwrap();
    rules["notice"]["zh"] = json!("说".repeat(800_000)); // 2.4 MB of UTF-8
    let input = json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "rules": rules});
    // Refused as an invalid rule set whose (first) error is the size.
    let too_large = |e: Error| {
        assert_eq!(e.code, "E_RULES_INVALID", "{e}");
        assert!(e.zh.contains("过大") && e.zh.contains("2097152") && e.en.contains("too large"), "{e}");
        bilingual(&e);
    };
    too_large(call("evaluate", &input).unwrap_err());
    too_large(call("batch", &json!({"csv": "a\n", "asOf": "2026-11-23", "type": "retail-pharmacy", "rules": input["rules"]})).unwrap_err());
    too_large(call("repair", &json!({"subject": {"type": "retail-pharmacy"}, "rules": input["rules"].to_string()})).unwrap_err());
}
