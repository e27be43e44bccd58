//! The rule-set checker (第十八条、第十九条): every shipped set passes; each kind of mistake is
//! reported with its JSON path, in Chinese and English; a bad set is never used.

use serde_json::{json, Value};
use yibao_credit::rules::{check_text, CompiledRules};

/// A shipped rule set as a document: its file with the shared sections in place (`rules --name`).
fn shipped(name: &str) -> Value {
    serde_json::from_str(&yibao_credit::api::call("rules", &json!({"name": name}).to_string()).unwrap()).unwrap()
}

fn raw(name: &str) -> String {
    std::fs::read_to_string(format!("{}/data/rules/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The sources, direct grades and repair section are written once (data/rules/shared/) and
/// included by every shipped file; a file that includes them means what it would with them
/// written out: the same document, the same hash.
#[test]
fn shared_sections_are_included_without_changing_the_rule_sets() {
    let mut first: Option<Value> = None;
    for name in ["medical-institution", "retail-pharmacy", "practitioner", "insured"] {
        let text = raw(name);
        let file: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(file["sources"], json!({"$include": "shared/sources.json"}), "{name}");
        assert_eq!(file["directGrades"], json!({"$include": "shared/direct-grades.json"}), "{name}");
        assert_eq!(file["repair"], json!({"$include": "shared/repair.json"}), "{name}");
        let doc = shipped(name);
        for (key, f) in [("sources", "sources"), ("directGrades", "direct-grades"), ("repair", "repair")] {
            let shared: Value = serde_json::from_str(&std::fs::read_to_string(format!("{}/data/rules/shared/{f}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap();
            assert_eq!(doc[key], shared, "{name}: {key}");
        }
        // The same hash from the file and from the document written out.
        let a = CompiledRules::from_json(&text).unwrap();
        let b = CompiledRules::from_json(&doc.to_string()).unwrap();
        assert_eq!(a.hash, b.hash, "{name}");
        assert_eq!(a.hash, yibao_credit::sha256::hex(doc.to_string().as_bytes()));
        assert_eq!(a.hash, yibao_credit::rules::builtin::by_name(name).unwrap().hash);
        // And from a document given as a value (the page's way).
        let v: yibao_credit::value::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(CompiledRules::from_value(v).unwrap().hash, a.hash);
        if let Some(f) = &first {
            assert_eq!(f["repair"], doc["repair"]);
        }
        first = Some(doc);
    }
    // Mistakes are named by their path.
    let mut bad: Value = serde_json::from_str(&raw("insured")).unwrap();
    bad["repair"] = json!({"$include": "shared/nowhere.json"});
    has(&bad, "E_RULES_INCLUDE", "$.repair.$include");
    bad["repair"] = json!({"$include": "shared/repair.json", "conditions": []});
    has(&bad, "E_RULES_INCLUDE", "$.repair");
    bad["repair"] = json!({"$include": "shared/repair.json"});
    bad["bands"] = json!({"$include": "shared/repair.json"});
    has(&bad, "E_RULES_INCLUDE", "$.bands");
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

/// Law-library sources (`data/law/`): the article must be one the source has, written as the
/// tool reads it; «条次待核» and the like are refused; an unknown library id is refused; a source
/// of the rule set's own needs a title and takes any article text.
#[test]
fn citations_of_library_sources_are_checked_against_the_law() {
    let mut d = shipped("retail-pharmacy");
    d["bands"][0]["cite"]["article"] = json!("第三十五条");
    let r = check_text(&d.to_string());
    let e = r.errors.iter().find(|e| e.path.as_deref() == Some("$.bands[0].cite.article")).unwrap();
    assert_eq!(e.zh, "《汕尾市医疗保障信用管理办法（试行）》中没有“第三十五条”");
    let mut d = shipped("retail-pharmacy");
    d["bands"][0]["cite"]["article"] = json!("公示期限的规定（条次待核）");
    has(&d, "E_RULES_CITE", "$.bands[0].cite.article");
    let mut d = shipped("retail-pharmacy");
    d["bands"][0]["cite"]["article"] = json!("附件7");
    has(&d, "E_RULES_CITE", "$.bands[0].cite.article");
    let mut d = shipped("retail-pharmacy");
    d["sources"][0]["law"] = json!("shanwei-2023");
    has(&d, "E_RULES_SOURCE_LAW", "$.sources[0].law");
    // A document of the bureau's own: its title, any article text.
    let mut d = shipped("retail-pharmacy");
    d["sources"].as_array_mut().unwrap().push(json!({"id": "county", "title": "《某县医保信用评价细则》"}));
    d["bands"][0]["cite"] = json!({"source": "county", "article": "第三章第五节"});
    let r = check_text(&d.to_string());
    assert!(r.valid, "{:?}", r.errors);
    let mut d = shipped("retail-pharmacy");
    d["sources"].as_array_mut().unwrap().push(json!({"id": "county"}));
    has(&d, "E_RULES_FIELD", "$.sources[6].title");
    // A library source whose articles the tool does not hold may be cited as a whole.
    let mut d = shipped("retail-pharmacy");
    d["bands"][0]["cite"] = json!({"source": "ndrc-36"});
    assert!(check_text(&d.to_string()).valid);
    // A title that differs from the library's: a warning, the library's is used.
    let mut d = shipped("retail-pharmacy");
    d["sources"][0]["title"] = json!("《汕尾办法》");
    let r = check_text(&d.to_string());
    assert!(r.valid);
    assert!(r.warnings.iter().any(|w| w.code == "W_RULES_SOURCE_TITLE"));
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

/// 第十九条 (issue 15, point 4): a rule set that cites it for its grades must grade as it says.
#[test]
fn bands_citing_article_19_must_be_its_bands() {
    let mut d = shipped("retail-pharmacy");
    d["bands"][0]["min"] = json!(851);
    let r = check_text(&d.to_string());
    let e = r.errors.iter().find(|e| e.code == "E_RULES_SHANWEI_BANDS").expect("A moved to 851 is refused");
    assert_eq!(e.path.as_deref(), Some("$.bands[0]"));
    assert!(e.zh.contains("第十九条规定此级为 A（下限 850，信用优秀），此处为 A（下限 851，信用优秀）"), "{}", e.zh);
    let mut d = shipped("retail-pharmacy");
    d["bands"][1]["label"]["zh"] = json!("信用较好");
    has(&d, "E_RULES_SHANWEI_BANDS", "$.bands[1]");
    let mut d = shipped("insured");
    d["bands"][3]["min"] = json!(65);
    has(&d, "E_RULES_SHANWEI_BANDS", "$.bands[3]");
    let mut d = shipped("insured");
    d["bands"].as_array_mut().unwrap().remove(2);
    has(&d, "E_RULES_SHANWEI_BANDS", "$.bands");
    let mut d = shipped("insured");
    d["scale"] = json!(1000);
    has(&d, "E_RULES_SCALE", "$.scale");
    // The same file written with its own source title for the measures: still article 19.
    let mut d = shipped("retail-pharmacy");
    d["sources"][0] = json!({"id": "shanwei", "title": "《汕尾市医疗保障信用管理办法（试行）》"});
    d["bands"][4]["min"] = json!(1);
    has(&d, "E_RULES_BANDS", "$.bands[4].min");
}

/// Another place's own grades (issue 15, point 4): any scale, any number of bands, their labels.
fn elsewhere(base: &str, scale: i64, bands: &[(&str, i64, &str, &str)]) -> Value {
    let mut d = shipped(base);
    d["sources"].as_array_mut().unwrap().push(json!({"id": "local", "title": "《某地医疗保障信用评价办法》"}));
    let grades: Vec<&str> = bands.iter().map(|b| b.0).collect();
    d["bands"] = Value::Array(
        bands.iter().map(|(g, min, label, side)| json!({"grade": g, "min": min, "label": {"zh": label, "en": label}, "side": side, "cite": {"source": "local", "article": "第二十条"}})).collect(),
    );
    let lowest = *grades.last().unwrap();
    for g in d["directGrades"].as_array_mut().unwrap() {
        g["grade"] = json!(lowest);
    }
    for m in d["measures"].as_array_mut().unwrap() {
        let keep: Vec<Value> = m["grades"].as_array().unwrap().iter().filter(|g| grades.contains(&g.as_str().unwrap())).cloned().collect();
        m["grades"] = if keep.is_empty() { json!([grades[0]]) } else { Value::Array(keep) };
    }
    if scale != d["scale"].as_i64().unwrap() {
        d["scale"] = json!(scale);
    }
    d
}

#[test]
fn other_places_grade_their_own_way() {
    // 100 points, four grades: A ≥ 90, 80 ≤ B < 90, 65 ≤ C < 80, D < 65 (persons here).
    let d = elsewhere("insured", 100, &[("A", 90, "优秀", "trustworthy"), ("B", 80, "良好", "trustworthy"), ("C", 65, "一般", "dishonest"), ("D", 0, "较差", "dishonest")]);
    let r = check_text(&d.to_string());
    assert!(r.valid, "{:?}", r.errors);
    let rules = CompiledRules::from_json(&d.to_string()).unwrap();
    let g = |s: i64| rules.band_for(yibao_credit::points::Points::whole(s)).grade.clone();
    assert_eq!((g(100), g(90), g(89), g(80), g(79), g(65), g(64), g(0)), ("A".into(), "A".into(), "B".into(), "B".into(), "C".into(), "C".into(), "D".into(), "D".into()));
    // Seven grades on 1000 points: A+ A B C C- D D-.
    let seven = [("A+", 950, "A+", "trustworthy"), ("A", 900, "A", "trustworthy"), ("B", 800, "B", "trustworthy"), ("C", 700, "C", "dishonest"), ("C-", 600, "C-", "dishonest"), ("D", 500, "D", "dishonest"), ("D-", 0, "D-", "dishonest")];
    let d = elsewhere("retail-pharmacy", 1000, &seven);
    let r = check_text(&d.to_string());
    assert!(r.valid, "{:?}", r.errors);
    let out: Value = serde_json::from_str(&yibao_credit::api::call("evaluate", &json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "rules": d, "facts": {"10101": true}}).to_string()).unwrap()).unwrap();
    assert!(seven.iter().any(|b| b.0 == out["grade"]), "{}", out["grade"]);
}
