//! Inputs the coverage-guided fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found wrong, kept as
//! tests once fixed. Each test names its target and the crash it reproduces.

use yibao_credit::value::{parse_trusted, Value};

/// Target `parse_trusted`: whatever the trusted reader accepts, serde_json accepts too and reads
/// as the same value. It took raw control characters in strings, leading zeros (`005`), a sign in
/// a `\u` escape (`\u+01fe`), and read `-0` as the integer 0 where serde_json reads -0.0.
#[test]
fn trusted_reader_accepts_only_json_and_reads_it_as_serde_json() {
    for text in ["\"a\rb\"", "\"\u{0}\"", "[\"x\u{1f}\"]", "005", "[1,-2,005]", "-01", "\"\\u+01fe\"", "\"\\u-041\"", "\"\\u 041\"", ".5", "-.5"] {
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "{text:?} is not JSON");
        assert_eq!(parse_trusted(text), None, "{text:?}");
    }
    for text in ["-0", "[1,-0,0.5]", "0", "-0.0", "0.25", "10", "\"\\u01fe\\u00E9\"", "\"a\\tb\""] {
        let theirs: Value = serde_json::from_str(text).unwrap();
        let ours = parse_trusted(text).unwrap_or_else(|| panic!("{text:?} refused"));
        assert_eq!(ours.to_json(), theirs.to_json(), "{text:?}");
        assert_eq!(ours, theirs, "{text:?}");
    }
}

/// Target `cmd_form`: a code of 18 bytes whose 17th byte is inside a character (`…06修复，`)
/// panicked (a string sliced inside a character) instead of being reported as a wrong code.
#[test]
fn form_with_an_18_byte_code_cut_inside_a_character_is_a_field_error() {
    for code in ["911101=06修复，", "123456789012345，", "1234567890123456é"] {
        assert_eq!(code.len(), 18);
        let input = serde_json::json!({
            "form": 6, "filledOn": "2026-11-23", "eligible": true,
            "fields": {"handler": "王某", "opinion": "同意信用修复，停止公示该失信记录。"},
            "repair": {"applicationDate": "2026-05-20", "corrected": true,
                "record": {"act": "串换药品", "decisionDate": "2025-03-15", "decisionNo": "汕医保罚〔2025〕3号", "department": "汕尾市医疗保障局",
                    "kind": "admin-penalty", "penalty": "罚款5000元", "publicationDate": "2025-03-20", "severity": "general"},
                "subject": {"code": code, "name": "某药房", "type": "retail-pharmacy"}}
        });
        let out = std::panic::catch_unwind(|| yibao_credit::api::call("form", &input.to_string())).unwrap_or_else(|_| panic!("form panicked on the code {code:?}"));
        let out: serde_json::Value = serde_json::from_str(&out.expect("a form with a wrong code is still filled")).unwrap();
        assert!(out.to_string().contains("E_"), "the wrong code {code:?} is reported: {out}");
    }
}

/// Target `parse_trusted`: `Value::to_json` writes a float as serde_json (and JavaScript) does.
/// 599999777777777.2 is the double 599999777777777.25, which both …777.2 and …777.3 read back as;
/// serde_json and JavaScript's `Number#toString` write the even one, Rust's `{}` wrote …777.3, so
/// a rule file holding such a number had another canonical text, and another hash, in the CLI.
#[test]
fn float_with_two_shortest_texts_is_written_as_serde_json_and_javascript_write_it() {
    for text in ["599999777777777.2", "[1997777777777,-2,599999777777777.2]", "0.3", "1e16", "1.5e21", "1e-7", "0.000025", "100.0", "-0.0"] {
        let ours: Value = serde_json::from_str(text).unwrap();
        let sj: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours.to_json(), serde_json::to_string(&sj).unwrap(), "{text:?}");
    }
    assert_eq!(yibao_credit::value::float_text(599999777777777.2), "599999777777777.2");
}
