//! The rule-set checker (第十八条、第十九条): every shipped set passes; each kind of mistake is
//! reported with its JSON path, in Chinese and English; a bad set is never used.

use serde_json::{json, Value};
use yibao_credit::rules::{check_text, CompiledRules};

fn shipped(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{}/data/rules/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap()
}

fn errors(v: &Value) -> Vec<(String, String)> {
    let r = check_text(&v.to_string());
    assert!(!r.valid);
    assert!(r.compiled.is_none());
    for e in &r.errors {
        assert!(!e.zh.is_empty() && !e.en.is_empty(), "{e:?}");
    }
    r.errors.iter().map(|e| (e.code.to_string(), e.path.clone().unwrap_or_default())).collect()
}

fn has(v: &Value, code: &str, path: &str) {
    let errs = errors(v);
    assert!(errs.iter().any(|(c, p)| c == code && p == path), "expected {code} at {path}, got {errs:?}");
}

#[test]
fn shipped_rule_sets_pass_and_are_marked_as_samples() {
    for name in ["medical-institution", "retail-pharmacy", "practitioner", "insured"] {
        let r = check_text(&shipped(name).to_string());
        assert!(r.valid, "{name}: {:?}", r.errors);
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].code, "W_RULES_SAMPLE");
        let info = r.rules.unwrap();
        assert_eq!(info.hash.len(), 64);
        assert!(info.sample);
        // Every leaf is at depth 3 and cites an article of a listed source.
        let doc = shipped(name);
        for ind in doc["indicators"].as_array().unwrap() {
            assert!(!ind["cite"]["article"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn the_hash_is_of_the_canonical_form() {
    // Key order and white space do not change the hash; a changed value does.
    let doc = shipped("insured");
    let compact = doc.to_string();
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    let a = CompiledRules::from_json(&compact).unwrap().hash;
    let b = CompiledRules::from_json(&pretty).unwrap().hash;
    assert_eq!(a, b);
    let mut changed = doc.clone();
    changed["version"] = json!("2026.2");
    assert_ne!(a, CompiledRules::from_json(&changed.to_string()).unwrap().hash);
    assert_eq!(a, yibao_credit::sha256::hex(compact.as_bytes()));
}

#[test]
fn children_must_add_up_to_their_parent() {
    let mut d = shipped("retail-pharmacy");
    d["indicators"][2]["points"] = json!(31); // 10101: 30 → 31, so 101's children add to 51
    has(&d, "E_RULES_SUM", "$.indicators[1].points");
}

#[test]
fn the_first_level_must_add_up_to_the_scale() {
    let mut d = shipped("insured");
    d["scale"] = json!(1000);
    has(&d, "E_RULES_SCALE", "$.scale");
    let mut d = shipped("insured");
    d["indicators"][0]["points"] = json!(20);
    has(&d, "E_RULES_SUM", "$.indicators");
}

#[test]
fn codes_unique_parents_exist_depths_consistent() {
    let mut d = shipped("insured");
    d["indicators"][3]["code"] = d["indicators"][2]["code"].clone();
    has(&d, "E_RULES_DUPLICATE", "$.indicators[3].code");
    let mut d = shipped("insured");
    d["indicators"][2]["parent"] = json!("999");
    has(&d, "E_RULES_PARENT", "$.indicators[2].parent");
    let mut d = shipped("insured");
    d["indicators"][2]["depth"] = json!(2);
    has(&d, "E_RULES_DEPTH", "$.indicators[2].depth");
    let mut d = shipped("insured");
    d["indicators"][2]["depth"] = json!(4);
    has(&d, "E_RULES_DEPTH", "$.indicators[2].depth");
}

#[test]
fn bands_ordered_from_zero_and_within_the_scale() {
    let mut d = shipped("retail-pharmacy");
    d["bands"][1]["min"] = json!(900);
    has(&d, "E_RULES_BANDS", "$.bands[1].min");
    let mut d = shipped("retail-pharmacy");
    d["bands"][4]["min"] = json!(100);
    has(&d, "E_RULES_BANDS", "$.bands[4].min");
    let mut d = shipped("retail-pharmacy");
    d["bands"][0]["min"] = json!(1001);
    has(&d, "E_RULES_BANDS", "$.bands[0].min");
    let mut d = shipped("retail-pharmacy");
    d["bands"][2]["grade"] = json!("B");
    has(&d, "E_RULES_BANDS", "$.bands[2].grade");
}

#[test]
fn citations_must_name_a_listed_source_and_an_article() {
    let mut d = shipped("practitioner");
    d["indicators"][0]["cite"]["source"] = json!("nowhere");
    has(&d, "E_RULES_CITE", "$.indicators[0].cite.source");
    let mut d = shipped("practitioner");
    d["measures"][0]["cite"]["article"] = json!(" ");
    has(&d, "E_RULES_CITE", "$.measures[0].cite.article");
}

#[test]
fn dates_must_be_real_and_in_order() {
    let mut d = shipped("insured");
    d["effectiveFrom"] = json!("2022-02-30");
    has(&d, "E_RULES_DATE", "$.effectiveFrom");
    let mut d = shipped("insured");
    d["effectiveTo"] = json!("2020-01-01");
    has(&d, "E_RULES_DATE", "$.effectiveTo");
}

#[test]
fn the_scale_total_must_be_reachable() {
    let mut d = shipped("retail-pharmacy");
    // 20101's best level gives 140 of its 150 points.
    d["indicators"][9]["scoring"]["levels"][0]["points"] = json!(140);
    has(&d, "E_RULES_REACHABLE", "$.indicators[9].scoring.levels");
}

#[test]
fn event_kinds_and_grades_referenced_must_exist() {
    let mut d = shipped("retail-pharmacy");
    d["directGrades"][0]["grade"] = json!("F");
    has(&d, "E_RULES_GRADE", "$.directGrades[0].grade");
    let mut d = shipped("retail-pharmacy");
    d["directGrades"][0]["eventKinds"] = json!(["ghost"]);
    has(&d, "E_RULES_EVENT_KIND", "$.directGrades[0].eventKinds[0]");
}

#[test]
fn other_formats_and_versions_get_one_clear_message() {
    let r = check_text("{\"hello\": 1}");
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].code, "E_RULES_FORMAT");
    let mut d = shipped("insured");
    d["formatVersion"] = json!(2);
    has(&d, "E_RULES_VERSION", "$.formatVersion");
    let r = check_text("{ not json");
    assert_eq!(r.errors[0].code, "E_RULES_JSON");
    assert!(r.errors[0].zh.contains("第 1 行"));
    let mut d = shipped("insured");
    d["titel"] = json!("typo");
    let r = check_text(&d.to_string());
    assert_eq!(r.errors[0].code, "E_RULES_SHAPE");
    assert!(r.errors[0].en.contains("titel"));
    let big = " ".repeat(3 * 1024 * 1024);
    assert_eq!(check_text(&big).errors[0].code, "E_RULES_TOO_LARGE");
}

#[test]
fn a_bad_rule_set_is_never_used_to_evaluate() {
    let mut d = shipped("retail-pharmacy");
    d["indicators"][2]["points"] = json!(31);
    let input = json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "rules": d});
    let e = yibao_credit::api::call("evaluate", &input.to_string()).unwrap_err();
    assert_eq!(e.code, "E_RULES_INVALID");
    assert_eq!(e.path.as_deref(), Some("$.rules.indicators[1].points"));
}
