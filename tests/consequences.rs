//! Issue 15 point 9: 第二十三条（一）— an institution's grade is published whatever it is, so the
//! publication is listed among the consequences of every grade (rule data, cited), by `grade`
//! and by `evaluate`; persons' results are not published under 第二十三条 (it names 机构类 only).

use serde_json::{json, Value};
use yibao_credit::api;

fn article_23() -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/003_a6a36f3ea7b7ee5d.txt");
    let s = std::fs::read_to_string(p).unwrap();
    s[s.find("第二十三条").unwrap()..s.find("第五章").unwrap()].to_string()
}

fn call(cmd: &str, v: &Value) -> Value {
    serde_json::from_str(&api::call(cmd, &v.to_string()).unwrap_or_else(|e| panic!("{e}"))).unwrap()
}

/// The measures that cite 第二十三条第（一）项.
fn grade_published(out: &Value) -> Vec<Value> {
    out["measures"].as_array().unwrap().iter().filter(|m| m["cite"]["zh"].as_str().unwrap().ends_with("第二十三条第（一）项")).cloned().collect()
}

#[test]
fn an_institutions_grade_is_published_whatever_it_is() {
    let a = article_23();
    // 第二十三条: the institution's results are published; what is disclosed includes （一）the grade.
    assert!(a.contains("机构类信用主体的医疗保障信用评价结果由市级医疗保障部门在官方网站动态发布"));
    assert!(a.contains("（一）信用主体的医疗保障信用等级"));
    assert!(a.contains("（二）信用等级为失信的信用主体名单"));
    // One score in each of 第十九条's five institution bands.
    for (score, grade) in [(900, "A"), (820, "B"), (760, "C"), (720, "D"), (600, "E")] {
        let out = call("grade", &json!({"scale": "institution", "score": score}));
        assert_eq!(out["grade"], grade);
        let m = grade_published(&out);
        assert_eq!(m.len(), 1, "grade {grade}: {}", out["measures"]);
        assert_eq!(m[0]["kind"], "publication");
        assert!(m[0]["text"]["zh"].as_str().unwrap().contains("信用等级"), "{}", m[0]);
        assert!(m[0]["text"]["en"].as_str().unwrap().contains("whatever the grade"), "{}", m[0]);
        assert_eq!(m[0]["cite"]["refs"], json!([{"law": "shanwei-2022", "article": "23"}]));
        // （二）: the list of dishonest subjects only for the dishonest grades (D 一般失信, E 严重失信).
        let listed = out["measures"].as_array().unwrap().iter().any(|m| m["cite"]["zh"].as_str().unwrap().ends_with("第二十三条第（二）项"));
        assert_eq!(listed, grade == "D" || grade == "E", "grade {grade}");
    }
    // Persons: 第二十三条 names institutions only.
    for score in [90, 60] {
        assert!(grade_published(&call("grade", &json!({"scale": "person", "score": score}))).is_empty());
    }
    // evaluate lists it for both shipped institution rule sets.
    for ty in ["retail-pharmacy", "medical-institution"] {
        // The shipped file with one free rating leaf worth the whole scale, so any score can be typed.
        let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(format!("{}/data/rules/{ty}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap();
        doc["indicators"] = json!([
            {"code": "1", "parent": null, "depth": 1, "name": {"zh": "综合"}, "points": 1000, "cite": {"source": "shanwei", "article": "第十八条"}},
            {"code": "101", "parent": "1", "depth": 2, "name": {"zh": "综合评分"}, "points": 1000, "cite": {"source": "shanwei", "article": "第十八条"}},
            {"code": "10101", "parent": "101", "depth": 3, "name": {"zh": "评分"}, "points": 1000, "scoring": {"type": "rating"}, "cite": {"source": "shanwei", "article": "第十九条"}}
        ]);
        for score in [950, 650] {
            let out = call("evaluate", &json!({"subject": {"type": ty}, "asOf": "2026-11-23", "facts": {"10101": score}, "rules": doc}));
            assert_eq!(out["complete"], true, "{ty}");
            assert_eq!(grade_published(&out).len(), 1, "{ty} {score}: {}", out["measures"]);
        }
        let rules = call("rules", &json!({"type": ty}));
        let m: Vec<&Value> = rules["measures"].as_array().unwrap().iter().filter(|m| m["id"] == "23-1").collect();
        assert_eq!(m.len(), 1, "{ty}: the rule data holds it");
        assert_eq!(m[0]["grades"], json!(["A", "B", "C", "D", "E"]));
        assert_eq!(m[0]["cite"], json!({"source": "shanwei", "article": "第二十三条第（一）项"}));
    }
}
