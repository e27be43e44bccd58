//! The rule loader: `rules::check_text` and `CompiledRules::from_json` on any text, and the JS
//! path's `rules::check_value` on the `Value` serde_json reads of it. The two paths agree on the
//! same document (its canonical text against its value): same verdict, same problems (codes and
//! paths), same hash. A valid set evaluates and gives a batch template that a batch reads.
#![no_main]
use fuzz_support::{check_answer, check_error, check_report, json_value};
use yibao_credit::rules::{self, CompiledRules};

fn problems(r: &rules::CheckReport) -> Vec<(&'static str, Option<String>)> {
    r.errors.iter().chain(&r.warnings).map(|p| (p.code, p.path.clone())).collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = rules::check_text(&text);
    check_report("check_text", &report, &text);
    match CompiledRules::from_json(&text) {
        Ok(c) => {
            assert!(report.valid, "from_json accepted a set check_text refuses");
            assert_eq!(Some(&c.hash), report.compiled.as_ref().map(|c| &c.hash));
        }
        Err(e) => {
            assert!(!report.valid, "from_json refused a set check_text accepts");
            check_error("from_json", &e, &text);
        }
    }
    let Some(value) = json_value(&text) else {
        assert!(!report.valid);
        return;
    };
    let canonical = value.to_json();
    let by_value = rules::check_value(value);
    check_report("check_value", &by_value, &text);
    let by_text = rules::check_text(&canonical);
    assert_eq!(by_value.valid, by_text.valid, "check_value and check_text disagree on {canonical:?}");
    assert_eq!(problems(&by_value), problems(&by_text), "check_value and check_text list different problems for {canonical:?}");
    if report.valid {
        assert!(by_text.valid, "the canonical text of a valid set is refused: {canonical:?}");
    }
    let Some(compiled) = by_value.compiled else { return };
    let other = by_text.compiled.expect("valid");
    assert_eq!(compiled.hash, other.hash, "check_value and check_text hash the same document differently");
    if let Some(c) = &report.compiled {
        assert_eq!(c.hash, compiled.hash, "the hash depends on how the text was written");
    }
    assert_eq!(serde_json::to_string(&compiled.info()).unwrap(), serde_json::to_string(&other.info()).unwrap());

    // Evaluate with it: no answer, and every yes/no leaf answered yes.
    let ty = compiled.doc.subject_types.first().cloned().unwrap_or_default();
    let input = format!(r#"{{"subject":{{"type":{}}},"asOf":"2026-11-23","allowOutOfEffect":true,"facts":{{}}}}"#, serde_json::to_string(&ty).unwrap());
    let r = yibao_credit::api::evaluate_with(&compiled, &input);
    check_answer("evaluate_with", &r, &input);
    // Its batch template, with one row of 1s, read back.
    let template = yibao_credit::batch::template(&compiled);
    let columns = template.lines().next().map(|h| h.split(',').count()).unwrap_or(0);
    let csv = format!("{template}甲,{}\r\n", vec!["1"; columns.saturating_sub(1)].join(","));
    let opts = yibao_credit::batch::Options {
        as_of: yibao_credit::dates::parse_date("2026-11-23", "asOf").unwrap(),
        default_type: None,
        allow_out_of_effect: true,
        max_rows: 100,
    };
    if let Err(e) = yibao_credit::batch::run_text(&compiled, opts, &csv) {
        check_error("batch of a valid set's template", &e, &csv);
    }
});
