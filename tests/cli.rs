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

#[test]
fn help_and_version() {
    for flag in ["--help", "-h"] {
        let (code, out, err) = cli(&[flag], None);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("用法 / Usage: yibao-credit <COMMAND>"), "{out}");
        assert!(out.contains("评价一个主体") && out.contains("Score a subject"), "{out}");
        for (name, _) in yibao_credit::api::COMMANDS {
            assert!(out.contains(&format!("\n  {name} ")), "{name} is not listed: {out}");
        }
    }
    let (code, out, _) = cli(&["--version"], None);
    assert_eq!(code, 0);
    assert_eq!(out.trim_end(), format!("yibao-credit {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn every_command_has_its_help() {
    for (name, _) in yibao_credit::api::COMMANDS {
        let (code, out, err) = cli(&[name, "--help"], None);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.is_empty(), "{name}: {err}");
        assert!(out.contains(&format!("用法 / Usage: yibao-credit {name}")), "{name}: {out}");
        assert!(out.contains("-h, --help") && out.contains("例 / Example: yibao-credit"), "{name}: {out}");
        // About text in Chinese and English.
        let about = out.lines().next().unwrap();
        assert!(about.contains(" / ") && about.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{name}: {about}");
    }
    // Each command lists its own flags and positional arguments.
    for (name, want) in [
        ("evaluate", &["[INPUT]", "--input <FILE>", "--as-of <DATE>", "--rules <FILE>", "--allow-out-of-effect", "评价基准日"][..]),
        ("score", &["[INPUT]", "--as-of <DATE>", "--rules <FILE>", "--allow-out-of-effect"]),
        ("deadline", &["--kind <KIND>", "--from <DATE>", "--days <N>", "--today <DATE>", "--filed-on <DATE>", "--holidays <FILE>"]),
        ("grade", &["--scale <SCALE>", "--score <SCORE>"]),
        ("repair", &["--application-date <DATE>", "--today <DATE>", "--rules <FILE>", "--holidays <FILE>"]),
        ("objection", &["--publication-date <DATE>", "--filed-on <DATE>", "--received-on <DATE>", "--today <DATE>", "--holidays <FILE>"]),
        ("workday", &["[DATE]", "--holidays <FILE>"]),
        ("calendar-month", &["--year <YEAR>", "--month <MONTH>", "--holidays <FILE>"]),
        ("validate", &["[KIND]", "[VALUE]", "--today <DATE>"]),
        ("form", &["[N]", "--filled-on <DATE>", "--html"]),
        ("rules", &["--type <TYPE>", "--name <NAME>"]),
        ("timeline", &["--process <PROCESS>", "--subject-class <CLASS>", "--refusal-received-on <DATE>", "--reviewed-on <DATE>"]),
        ("batch-template", &["--type <TYPE>", "--rules <FILE>"]),
        ("batch", &["<CSV>", "--type <TYPE>", "--rules <FILE>", "--as-of <DATE>", "--allow-out-of-effect"]),
        ("check-rules", &["<RULES>"]),
    ] {
        let (_, out, _) = cli(&[name, "--help"], None);
        for w in want {
            assert!(out.contains(w), "{name} --help does not list {w}: {out}");
        }
    }
}

#[test]
fn usage_errors_are_bilingual_json_with_exit_2() {
    for (args, code_want, mention) in [
        (&["evaluate", "-", "--bogus", "1"][..], "E_USAGE", "--bogus"),
        (&["workday", "2026-10-10", "a.json", "extra"][..], "E_USAGE", "extra"),
        (&["evaluate", "a.json", "--input", "b.json"][..], "E_USAGE", "--input"),
        (&["batch", "--type", "insured", "--as-of", "2025-12-31"][..], "E_USAGE", "CSV"),
        (&["evaluat"][..], "E_UNKNOWN_COMMAND", "evaluate"),
    ] {
        let (code, out, err) = cli(args, None);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        let e: serde_json::Value = serde_json::from_str(&err).unwrap_or_else(|_| panic!("{args:?}: not JSON: {err}"));
        assert_eq!(e["code"], code_want, "{args:?}");
        let (zh, en) = (e["zh"].as_str().unwrap(), e["en"].as_str().unwrap());
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && zh.contains(mention), "{args:?}: {zh}");
        assert!(en.contains(mention) && en.contains("--help"), "{args:?}: {en}");
    }
    // The zh message points at the command's own help.
    let (_, _, err) = cli(&["evaluate", "--bogus", "1"], None);
    assert!(err.contains("yibao-credit evaluate --help"), "{err}");
}

#[test]
fn switches_and_negative_numbers() {
    // --allow-out-of-effect sets `allowOutOfEffect: true`.
    let input = r#"{"subject":{"type":"insured"},"facts":{}}"#;
    let (code, _, err) = cli(&["score", "-", "--as-of", "2001-01-01"], Some(input));
    assert_eq!(code, 2);
    assert!(err.contains("E_RULES_NOT_IN_EFFECT"), "{err}");
    let (code, out, err) = cli(&["score", "-", "--as-of", "2001-01-01", "--allow-out-of-effect"], Some(input));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim_end(),
        yibao_credit::api::call("score", r#"{"subject":{"type":"insured"},"facts":{},"asOf":"2001-01-01","allowOutOfEffect":true}"#).unwrap()
    );
    // A negative number is a value, not a flag: the core answers.
    let (code, _, err) = cli(&["grade", "--scale", "person", "--score", "-5"], None);
    assert_eq!(code, 2);
    assert!(err.contains("E_SCORE_RANGE"), "{err}");
}

#[test]
fn form_html_and_batch_template_print_text() {
    let (code, out, _) = cli(&["form", "3", "--filled-on", "2026-06-16", "--html"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("<article") && out.contains("信用修复申请表"), "{out}");
    let (code, out, _) = cli(&["batch-template", "--type", "insured"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&yibao_credit::api::call("batch-template", r#"{"type":"insured"}"#).unwrap()).unwrap();
    assert_eq!(out, v["csv"].as_str().unwrap());
}
