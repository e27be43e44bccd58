//! The command line: same JSON in and out as the JS API; errors as JSON on stderr, exit 2.

use std::io::Write;
use std::process::{Command, Stdio};

fn cli(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yibao-credit"));
    c.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let o = child.wait_with_output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
}

fn root(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn evaluate_prints_the_same_json_as_the_api() {
    let input = r#"{"subject":{"type":"retail-pharmacy","name":"某药房"},"asOf":"2026-11-23","facts":{"30102":1}}"#;
    let (code, out, _) = cli(&["evaluate", "-"], Some(input));
    assert_eq!(code, 0);
    assert_eq!(out.trim_end(), yibao_credit::api::call("evaluate", input).unwrap());
    // Flags merge into the input: --as-of sets asOf.
    let (code, out2, _) = cli(&["evaluate", "-", "--as-of", "2026-11-23"], Some(&input.replace("\"asOf\":\"2026-11-23\",", "")));
    assert_eq!(code, 0);
    assert_eq!(out, out2);
}

#[test]
fn evaluate_with_a_rules_file() {
    let input = r#"{"subject":{"type":"insured"},"asOf":"2026-11-23","facts":{"20101":2}}"#;
    let (code, out, _) = cli(&["evaluate", "-", "--rules", &root("data/rules/insured.json")], Some(input));
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["score"], 80);
    assert_eq!(v["grade"], "B");
}

#[test]
fn grade_for_a_known_score() {
    let (code, out, _) = cli(&["grade", "--scale", "institution", "--score", "849.99"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["grade"], "B");
    assert_eq!(v["label"]["zh"], "信用良好");
    let (code, _, err) = cli(&["grade", "--scale", "institution", "--score", "abc"], None);
    assert_eq!(code, 2);
    let e: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(e["code"], "E_INPUT_JSON");
}

#[test]
fn check_rules_exit_codes() {
    let (code, out, _) = cli(&["check-rules", &root("data/rules/retail-pharmacy.json")], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"valid\":true"));
    let dir = std::env::temp_dir().join(format!("yc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    let text = std::fs::read_to_string(root("data/rules/insured.json")).unwrap().replacen("\"points\": 10,", "\"points\": 11,", 1);
    std::fs::write(&bad, text).unwrap();
    let (code, out, _) = cli(&["check-rules", bad.to_str().unwrap()], None);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], false);
    assert!(v["errors"][0]["path"].as_str().unwrap().starts_with("$.indicators"));
    let (code, _, err) = cli(&["check-rules", dir.join("missing.json").to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(err.contains("E_FILE"));
}

#[test]
fn rules_lists_and_shows_the_shipped_sets() {
    let (code, out, _) = cli(&["rules"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
    let (code, out, _) = cli(&["rules", "--type", "pharmacist"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "sample-practitioner");
}

#[test]
fn usage_and_unknown_commands() {
    let (code, _, err) = cli(&[], None);
    assert_eq!(code, 2);
    assert!(err.contains("E_USAGE") && err.contains("evaluate"));
    let (code, _, err) = cli(&["frobnicate"], None);
    assert_eq!(code, 2);
    assert!(err.contains("E_UNKNOWN_COMMAND"));
    let (code, _, err) = cli(&["evaluate", "--as-of"], None);
    assert_eq!(code, 2);
    assert!(err.contains("E_USAGE"));
}
