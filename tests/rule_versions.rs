//! Several versions of a rule set given together (`rules` an array, or a rule file holding one):
//! `evaluate`, `score` and `batch` use the version in force on the as-of date and name it.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第二十条.

use serde_json::{json, Value};
use std::process::Command;
use yibao_credit::api;

/// The 2026 list (until 2026-12-31) and the 2027 list (from 2027-01-01: 10201/10202 worth 20/30).
fn versions() -> Value {
    // The shipped list as the tools read it (its shared sections, data/rules/shared/, in place).
    let mut a: Value = serde_json::from_str(&api::call("rules", &json!({"name": "retail-pharmacy"}).to_string()).unwrap()).unwrap();
    a["effectiveTo"] = json!("2026-12-31");
    let mut b = a.clone();
    b["version"] = json!("2027.1");
    b["effectiveFrom"] = json!("2027-01-01");
    b["effectiveTo"] = json!(null);
    for n in b["indicators"].as_array_mut().unwrap() {
        match n["code"].as_str().unwrap() {
            "10201" => n["points"] = json!(20),
            "10202" => n["points"] = json!(30),
            _ => {}
        }
    }
    json!([b, a])
}

fn case(as_of: &str) -> Value {
    let mut facts = serde_json::Map::new();
    for c in ["10101", "10102", "10201", "20102", "20103"] {
        facts.insert(c.into(), json!(true));
    }
    facts.insert("10202".into(), json!(false));
    facts.insert("20101".into(), json!("excellent"));
    for c in ["20201", "30101", "30102", "30103", "30201", "30202", "30203", "30204", "30205", "30301", "30401"] {
        facts.insert(c.into(), json!(0));
    }
    json!({"subject": {"type": "retail-pharmacy"}, "asOf": as_of, "facts": facts, "rules": versions()})
}

fn score(input: &Value) -> Value {
    serde_json::from_str(&api::call("evaluate", &input.to_string()).unwrap_or_else(|e| panic!("{}", e.to_json()))).unwrap()
}

#[test]
fn the_version_in_force_on_the_as_of_date_is_used_and_named() {
    let old = score(&case("2026-11-23"));
    assert_eq!(old["rules"]["version"], "2026.1");
    assert_eq!(old["rules"]["effectiveTo"], "2026-12-31");
    assert_eq!(old["score"], 930); // 1000 − 50 (no award) − 20 (10202 否)
    let new = score(&case("2027-03-01"));
    assert_eq!(new["rules"]["version"], "2027.1");
    assert_eq!(new["score"], 920); // 10202 now worth 30
}

#[test]
fn no_version_in_force_is_refused_with_their_dates() {
    let e = api::call("score", &case("2021-06-30").to_string()).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_RULES_NONE_IN_FORCE", Some("$.rules")));
    assert!(e.zh.contains("2026.1 2022-12-15 至 2026-12-31") && e.zh.contains("2027.1 2027-01-01 至 （无）"), "{}", e.zh);
    assert!(e.en.contains("none of the 2 rule-set versions given is in force on 2021-06-30"), "{}", e.en);
    // A broken version is reported at its place in the list.
    let mut c = case("2026-11-23");
    c["rules"][1]["bands"] = json!([]);
    let e = api::call("score", &c.to_string()).unwrap_err();
    assert!(e.path.as_deref().unwrap().starts_with("$.rules[1]"), "{:?}", e.path);
}

#[test]
fn a_batch_and_the_cli_pick_the_version_too() {
    let t: Value = serde_json::from_str(&api::call("batch-template", r#"{"type":"retail-pharmacy"}"#).unwrap()).unwrap();
    let header = t["csv"].as_str().unwrap().trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    let csv = format!("{header}\n药房甲,,,是,是,是,否,优秀,是,是,0,0,0,0,0,0,0,0,0,0,0,否,否\n");
    for (as_of, version, score) in [("2026-11-23", "2026.1", "930"), ("2027-03-01", "2027.1", "920")] {
        let out: Value = serde_json::from_str(&api::call("batch", &json!({"csv": csv, "asOf": as_of, "type": "retail-pharmacy", "rules": versions()}).to_string()).unwrap()).unwrap();
        assert_eq!(out["summary"]["rules"]["version"], version);
        assert_eq!(out["rows"][0][4].to_string(), score);
    }
    // The CLI: a rule file holding the versions.
    let dir = std::env::temp_dir().join(format!("yc-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (rules, input) = (dir.join("versions.json"), dir.join("case.json"));
    std::fs::write(&rules, versions().to_string()).unwrap();
    let mut c = case("2027-03-01");
    c.as_object_mut().unwrap().remove("rules");
    std::fs::write(&input, c.to_string()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).arg("score").arg(&input).arg("--rules").arg(&rules).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out["score"], 920);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rules_in_force_says_which_version_applies_and_why() {
    let ask = |as_of: &str| -> Value {
        serde_json::from_str(&api::call("rules-in-force", &json!({"rules": versions(), "asOf": as_of}).to_string()).unwrap()).unwrap()
    };
    // The list is [2027.1, 2026.1]: the place given is in that order.
    let old = ask("2026-12-31");
    assert_eq!(old["inForce"], 1);
    assert_eq!(old["versions"][1]["version"], "2026.1");
    assert_eq!(old["says"]["zh"], "按评价基准日 2026-12-31，适用 2026.1 版（2022-12-15 至 2026-12-31）；另已载入 2027.1 版（2027-01-01 起施行）");
    assert_eq!(old["says"]["en"], "As of 2026-12-31, version 2026.1 (2022-12-15 to 2026-12-31) applies; also loaded: version 2027.1 (in force from 2027-01-01)");
    // The same choice as the evaluation's, across the boundary.
    let new = ask("2027-01-01");
    assert_eq!(new["inForce"], 0);
    assert_eq!(score(&case("2027-01-01"))["rules"]["hash"], new["versions"][0]["hash"]);
    // None in force: no choice, and the sentence says so with every version's dates.
    let none = ask("2021-06-30");
    assert!(none["inForce"].is_null());
    assert!(none["says"]["zh"].as_str().unwrap().starts_with("评价基准日 2021-06-30 不在已载入的任何一版指标的施行期内"), "{}", none["says"]);
    // One document alone is a list of one.
    let one: Value = serde_json::from_str(&api::call("rules-in-force", &json!({"rules": versions()[1], "asOf": "2026-01-01"}).to_string()).unwrap()).unwrap();
    assert_eq!((one["inForce"].as_u64(), one["versions"].as_array().unwrap().len()), (Some(0), 1));
    // The CLI: the same JSON from a rule file holding the versions.
    let dir = std::env::temp_dir().join(format!("yc-in-force-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("versions.json");
    std::fs::write(&rules, versions().to_string()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(["rules-in-force", "--as-of", "2026-12-31", "--rules"]).arg(&rules).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), old);
    std::fs::remove_dir_all(&dir).ok();
}
