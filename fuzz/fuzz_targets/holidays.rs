//! The holiday loader: `Calendar::builtin().extended(&doc, path)` (and `parse_doc` under it) on
//! any JSON text, as the CLI's `--holidays FILE` and the page's loaded notices give it. A refused
//! document gives a bilingual error with a code; an accepted one gives a calendar every month of
//! whose years can be laid out, and a deadline counted over it.
#![no_main]
use fuzz_support::{check_answer, check_error, json_value};
use yibao_credit::calendar::{self, Calendar};
use yibao_credit::value::{parse_trusted, Value};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(doc) = json_value(&text) else { return };
    // The trusted reader (the built-in files) never reads a document differently.
    if let Some(t) = parse_trusted(&text) {
        assert_eq!(t, doc, "parse_trusted and serde_json read a holiday document differently");
    }
    let cal = match Calendar::builtin().extended(&doc, "$.holidays") {
        Ok(cal) => cal,
        Err(e) => {
            check_error("holidays", &e, &text);
            return;
        }
    };
    let years = cal.years();
    for &y in years.iter().filter(|y| !Calendar::builtin().years().contains(y)).chain(years.first()).take(3) {
        for m in 1..=12 {
            match calendar::month(&cal, y, m) {
                Ok(r) => {
                    let out = serde_json::to_string(&r).expect("a month serialises");
                    let _: serde_json::Value = serde_json::from_str(&out).expect("a month is JSON");
                }
                Err(e) => check_error("calendar::month", &e, &text),
            }
        }
    }
    // The same document through a command, as the CLI gives it.
    let from = years.last().map(|y| format!("{y}-12-20")).unwrap_or_else(|| "2026-12-20".into());
    let mut input = yibao_credit::value::Map::new();
    input.insert("kind".into(), Value::String("working-days".into()));
    input.insert("days".into(), Value::Number(yibao_credit::value::Number::PosInt(15)));
    input.insert("from".into(), Value::String(from));
    input.insert("holidays".into(), doc);
    let input = Value::Object(input).to_json();
    check_answer("deadline", &yibao_credit::api::call("deadline", &input), &input);
});
