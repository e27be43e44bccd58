//! Golden cases shared with the wasm tests (`tests/wasm_node.rs`, `tests/wasm_browser.rs`): the
//! same input must give the same bytes natively and in WebAssembly. `UPDATE_GOLDEN=1 cargo test
//! --test golden` rewrites the expected outputs (then read the diff before committing).

use serde_json::Value;
use yibao_credit::api;

/// What a case answers: the command's JSON, or `{"error":…}` for an error.
fn run(command: &str, input: &Value) -> String {
    match api::call(command, &input.to_string()) {
        Ok(s) => s,
        Err(e) => format!("{{\"error\":{}}}", e.to_json()),
    }
}

#[test]
fn golden_cases_match() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/cases.json");
    let text = std::fs::read_to_string(path).unwrap();
    let mut cases: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 20, "at least 20 shared cases");
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut failures = vec![];
    for c in cases.iter_mut() {
        let name = c["name"].as_str().unwrap().to_string();
        let out = run(c["command"].as_str().unwrap(), &c["input"]);
        // Every output is JSON.
        serde_json::from_str::<Value>(&out).unwrap_or_else(|e| panic!("{name}: output is not JSON: {e}"));
        if update {
            c.insert("output".into(), Value::String(out));
        } else if c["output"].as_str() != Some(out.as_str()) {
            failures.push(format!("{name}\n  expected {}\n  got      {out}", c["output"]));
        }
    }
    if update {
        let mut s = serde_json::to_string_pretty(&cases).unwrap();
        s.push('\n');
        std::fs::write(path, s).unwrap();
    }
    assert!(failures.is_empty(), "{} golden case(s) differ:\n{}", failures.len(), failures.join("\n"));
}

/// Inputs with an unknown or misspelt field, or a value of the wrong type: the command line's
/// answer to each, which the JS binding must give too (tests/wasm/cases.rs reads the same file).
/// `UPDATE_GOLDEN=1` rewrites the answers.
#[test]
fn strict_inputs_are_refused() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/strict.json");
    let mut cases: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut failures = vec![];
    for c in cases.iter_mut() {
        let (command, input) = (c["command"].as_str().unwrap().to_string(), c["input"].as_str().unwrap().to_string());
        let out = match api::call(&command, &input) {
            Ok(s) => s,
            Err(e) => format!("{{\"error\":{}}}", e.to_json()),
        };
        assert!(out.starts_with("{\"error\":"), "{command} {input} was accepted: {out}");
        if update {
            c.insert("output".into(), Value::String(out));
        } else if c["output"].as_str() != Some(out.as_str()) {
            failures.push(format!("{command} {input}\n  expected {}\n  got      {out}", c["output"]));
        }
    }
    if update {
        let mut s = serde_json::to_string_pretty(&cases).unwrap();
        s.push('\n');
        std::fs::write(path, s).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `batch` command on CSV files that try its reading (quotes, line breaks in a name, bad codes,
/// bad values, blanks, duplicates, direct grades): the JavaScript API must give the same bytes
/// (tests/e2e/score.test.mjs reads this file). `UPDATE_GOLDEN=1` rewrites the answers.
#[test]
fn batch_json_golden() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/batch.json");
    let mut cases: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    for c in cases.iter_mut() {
        let out = api::call("batch", &c["input"].to_string()).unwrap();
        if update {
            c.insert("output".into(), Value::String(out));
        } else {
            assert_eq!(c["output"].as_str(), Some(out.as_str()), "{}", c["name"]);
        }
    }
    if update {
        let mut s = serde_json::to_string_pretty(&cases).unwrap();
        s.push('\n');
        std::fs::write(path, s).unwrap();
    }
}
