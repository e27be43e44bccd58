//! `diff-rules`: two versions of an indicator list compared — indicators added, removed, moved,
//! re-weighted, scored differently; bands and direct-grade rules changed — and the effect on a
//! self-assessment and on a batch file, through the command layer and the CLI.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条.

use serde_json::{json, Value};
use std::process::Command;
use yibao_credit::api;

/// The shipped pharmacy list as the tools read it (its shared sections, `data/rules/shared/`, in place).
fn pharmacy() -> Value {
    serde_json::from_str(&api::call("rules", &json!({"name": "retail-pharmacy"}).to_string()).unwrap()).unwrap()
}

fn ind<'a>(doc: &'a mut Value, code: &str) -> &'a mut Value {
    doc["indicators"].as_array_mut().unwrap().iter_mut().find(|n| n["code"] == code).unwrap()
}

/// The next version: 10201/10202 re-weighted 30/20 → 20/30; 10102 moved under 102 (so 101 and 102
/// re-weighted 50/50 → 30/70); 30401 removed and 30402 added; 30102 fined 60 a time; the band A
/// renamed in English; the serious-fraud rule grades D instead of E; an event kind added.
fn next_version() -> Value {
    let mut b = pharmacy();
    b["version"] = json!("2027.1");
    ind(&mut b, "10201")["points"] = json!(20);
    ind(&mut b, "10202")["points"] = json!(30);
    ind(&mut b, "10102")["parent"] = json!("102");
    ind(&mut b, "101")["points"] = json!(30);
    ind(&mut b, "102")["points"] = json!(70);
    ind(&mut b, "30102")["scoring"]["per"] = json!(60);
    let n = ind(&mut b, "30401");
    n["code"] = json!("30402");
    n["name"]["zh"] = json!("经有关部门认定的其他失信信息（新）");
    b["bands"][0]["label"]["en"] = json!("Top");
    for d in b["directGrades"].as_array_mut().unwrap() {
        if d["id"] == "direct-fraud-serious" {
            d["grade"] = json!("D");
        }
    }
    let mut kind = b["eventKinds"][1].clone();
    kind["kind"] = json!("penalty-new");
    b["eventKinds"].as_array_mut().unwrap().push(kind);
    b
}

fn call(input: &Value) -> Value {
    let out = api::call("diff-rules", &input.to_string()).unwrap_or_else(|e| panic!("{}", e.to_json()));
    serde_json::from_str(&out).unwrap()
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["code"].as_str().unwrap().to_string()).collect()
}

fn changed<'a>(d: &'a Value, code: &str) -> &'a Value {
    d["indicators"]["changed"].as_array().unwrap().iter().find(|c| c["a"]["code"] == code).unwrap_or_else(|| panic!("{code} not among the changed"))
}

#[test]
fn the_same_list_has_no_changes() {
    let d = call(&json!({"a": "retail-pharmacy", "b": pharmacy()}));
    assert_eq!(d["identical"], true);
    assert_eq!(d["indicators"]["changed"], json!([]));
    assert_eq!(d["indicators"]["added"], json!([]));
    assert_eq!(d["indicators"]["removed"], json!([]));
    assert_eq!(d["indicators"]["unchanged"], 29);
    assert_eq!(d["bands"]["changed"], json!([]));
}

#[test]
fn indicators_added_removed_moved_and_reweighted() {
    let d = call(&json!({"a": "retail-pharmacy", "b": next_version()}));
    assert_eq!(d["identical"], false);
    assert_eq!(d["b"]["version"], "2027.1");
    // 30401 → 30402 with another name: one removed, one added.
    assert_eq!(codes(&d["indicators"]["removed"]), ["30401"]);
    assert_eq!(codes(&d["indicators"]["added"]), ["30402"]);
    assert_eq!(d["indicators"]["added"][0]["path"], json!(["3", "304"]));
    let c = changed(&d, "10201");
    assert_eq!((c["reweighted"].as_bool(), c["moved"].as_bool()), (Some(true), Some(false)));
    assert_eq!((c["a"]["points"].as_f64(), c["b"]["points"].as_f64()), (Some(30.0), Some(20.0)));
    let m = changed(&d, "10102");
    assert_eq!((m["moved"].as_bool(), m["reweighted"].as_bool()), (Some(true), Some(false)));
    assert_eq!(m["a"]["path"], json!(["1", "101"]));
    assert_eq!(m["b"]["path"], json!(["1", "102"]));
    assert_eq!(changed(&d, "102")["b"]["points"], 70);
    let s = changed(&d, "30102");
    assert_eq!(s["scoring"], true);
    assert_eq!(s["scoringA"]["zh"], "扣分：每次 50 分，计入事件 penalty-fine");
    assert_eq!(s["scoringB"]["zh"], "扣分：每次 60 分，计入事件 penalty-fine");
    // Nothing else changed.
    assert_eq!(d["indicators"]["changed"].as_array().unwrap().len(), 6, "{}", d["indicators"]["changed"]);
    assert_eq!(d["bands"]["changed"][0]["a"]["grade"], "A");
    assert_eq!(d["bands"]["changed"][0]["b"]["label"]["en"], "Top");
    assert_eq!(d["directGrades"]["changed"][0]["a"]["grade"], "E");
    assert_eq!(d["directGrades"]["changed"][0]["b"]["grade"], "D");
    assert_eq!(d["eventKinds"]["added"][0]["kind"], "penalty-new");
}

#[test]
fn a_renumbered_indicator_is_matched_by_its_name() {
    let mut b = pharmacy();
    ind(&mut b, "30401")["code"] = json!("30499");
    let d = call(&json!({"a": "retail-pharmacy", "b": b}));
    assert_eq!(d["indicators"]["added"], json!([]));
    assert_eq!(d["indicators"]["removed"], json!([]));
    let c = changed(&d, "30401");
    assert_eq!((c["recoded"].as_bool(), c["b"]["code"].as_str()), (Some(true), Some("30499")));
}

/// 1000 − 50 (no award) − 20/30 (10202 否) − 25 (a warning) − 50/60 (a fine).
fn case() -> Value {
    let mut facts = serde_json::Map::new();
    for c in ["10101", "10102", "10201", "20102", "20103"] {
        facts.insert(c.into(), json!(true));
    }
    facts.insert("10202".into(), json!(false));
    facts.insert("20101".into(), json!("excellent"));
    for c in ["20201", "30103", "30201", "30202", "30203", "30204", "30205", "30301", "30401"] {
        facts.insert(c.into(), json!(0));
    }
    facts.insert("30101".into(), json!(1));
    facts.insert("30102".into(), json!(1));
    json!({"subject": {"type": "retail-pharmacy", "name": "某某大药房"}, "asOf": "2026-11-23", "facts": facts})
}

#[test]
fn the_effect_on_a_self_assessment() {
    let d = call(&json!({"a": "retail-pharmacy", "b": next_version(), "input": case()}));
    let c = &d["case"];
    assert_eq!((c["a"]["score"].as_f64(), c["a"]["grade"].as_str()), (Some(855.0), Some("A")));
    // 30401 is gone in the new version (its answer ignored) and 30402 unanswered: not complete.
    assert_eq!((c["b"]["score"].as_f64(), c["b"]["grade"].as_str()), (Some(835.0), Some("B")));
    assert_eq!(c["a"]["complete"], true);
    assert_eq!(c["b"]["complete"], false);
    assert_eq!(c["gradeChanged"], true);
}

/// The template's header and three rows: all good (950), the case above, and one on the list of
/// serious fraud (graded E, then at most D).
fn batch_csv() -> String {
    let t = api::call("batch-template", r#"{"type":"retail-pharmacy"}"#).unwrap();
    let header = serde_json::from_str::<Value>(&t).unwrap()["csv"].as_str().unwrap().trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    let cols: Vec<&str> = header.split(',').collect();
    let row = |name: &str, code: &str, no10202: bool, warn: u32, fine: u32, fraud: bool| {
        cols.iter()
            .map(|c| {
                let code_of = c.split(' ').next().unwrap_or("");
                match code_of {
                    "名称" => name.to_string(),
                    "统一社会信用代码" => code.to_string(),
                    _ if c.starts_with("主体类型") => String::new(),
                    "10202" => if no10202 { "否" } else { "是" }.into(),
                    "20101" => "优秀".into(),
                    "30101" => warn.to_string(),
                    "30102" => fine.to_string(),
                    _ if code_of.starts_with('1') || code_of.starts_with("201") => "是".into(),
                    _ if code_of.starts_with('2') || code_of.starts_with('3') => "0".into(),
                    _ if c.starts_with("欺诈骗保") => if fraud { "是" } else { "否" }.into(),
                    _ => "否".into(),
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    [header.clone(), row("甲药房", "91110000600037341L", false, 0, 0, false), row("乙药房", "", true, 1, 1, false), row("丙药房", "", false, 0, 0, true)].join("\n") + "\n"
}

#[test]
fn the_effect_on_a_batch_file() {
    let d = call(&json!({"a": "retail-pharmacy", "b": next_version(), "batch": batch_csv(), "asOf": "2026-11-23", "type": "retail-pharmacy"}));
    let b = &d["batch"];
    assert_eq!(b["rows"], 3);
    assert_eq!(b["changed"], 2, "{b}");
    let list = b["list"].as_array().unwrap();
    assert_eq!((list[0]["name"].as_str(), list[0]["gradeA"].as_str(), list[0]["gradeB"].as_str()), (Some("乙药房"), Some("A"), Some("B")));
    assert_eq!((list[1]["name"].as_str(), list[1]["gradeA"].as_str(), list[1]["gradeB"].as_str()), (Some("丙药房"), Some("E"), Some("D")));
    assert_eq!(b["moves"], json!([{"from": "A", "to": "B", "count": 1}, {"from": "E", "to": "D", "count": 1}]));
}

#[test]
fn a_batch_needs_its_as_of_date_and_bad_rules_are_refused_with_their_path() {
    let e = api::call("diff-rules", &json!({"a": "retail-pharmacy", "b": "retail-pharmacy", "batch": "名称\n"}).to_string()).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_DIFF_AS_OF", Some("$.asOf")));
    let mut bad = pharmacy();
    ind(&mut bad, "10101")["points"] = json!(31);
    let e = api::call("diff-rules", &json!({"a": "retail-pharmacy", "b": bad}).to_string()).unwrap_err();
    assert_eq!(e.code, "E_RULES_INVALID");
    assert!(e.path.as_deref().unwrap().starts_with("$.b.indicators["), "{:?}", e.path);
    let e = api::call("diff-rules", &json!({"a": "no-such-set", "b": "retail-pharmacy"}).to_string()).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("$.a"));
}

#[test]
fn the_cli_reads_two_files_or_names_a_case_and_a_gbk_batch() {
    let dir = std::env::temp_dir().join(format!("yc-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (b, case_f, csv_f) = (dir.join("2027.json"), dir.join("case.json"), dir.join("药店.csv"));
    std::fs::write(&b, serde_json::to_string_pretty(&next_version()).unwrap()).unwrap();
    std::fs::write(&case_f, case().to_string()).unwrap();
    let text = batch_csv();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&csv_f, &gbk).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).arg("diff-rules").args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<Value>(&o.stdout).unwrap()
    };
    let d = run(&["retail-pharmacy".as_ref(), b.as_os_str(), "--input".as_ref(), case_f.as_os_str()]);
    assert_eq!(d["case"]["gradeChanged"], true);
    let d = run(&["retail-pharmacy".as_ref(), b.as_os_str(), "--batch".as_ref(), csv_f.as_os_str(), "--as-of".as_ref(), "2026-11-23".as_ref(), "--type".as_ref(), "retail-pharmacy".as_ref()]);
    assert_eq!(d["batch"]["changed"], 2);
    assert_eq!(d["batch"]["list"][0]["name"], "乙药房");
    // The same as through the command layer.
    assert_eq!(d, call(&json!({"a": "retail-pharmacy", "b": next_version(), "batch": batch_csv(), "asOf": "2026-11-23", "type": "retail-pharmacy"})));
    std::fs::remove_dir_all(&dir).ok();
}
