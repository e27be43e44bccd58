//! Scoring and grading: exact bounds on both scales (第十九条), missing inputs, periods (第二十条),
//! direct grades, measures by class (第二十五、二十六条), and the monotone property.

use serde_json::{json, Value};
use yibao_credit::api;

fn eval(input: &Value) -> Value {
    serde_json::from_str(&api::call("evaluate", &input.to_string()).unwrap_or_else(|e| panic!("{e}"))).unwrap()
}

fn eval_err(input: &Value) -> yibao_credit::Error {
    api::call("evaluate", &input.to_string()).unwrap_err()
}

/// A rule set with one free rating leaf worth the whole scale: any score can be typed in.
fn free_rules(class: &str) -> Value {
    let file = if class == "institution" { "retail-pharmacy" } else { "insured" };
    let mut r: Value = serde_json::from_str(&std::fs::read_to_string(format!("{}/data/rules/{file}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap();
    let scale = r["scale"].clone();
    r["indicators"] = json!([
        {"code": "1", "parent": null, "depth": 1, "name": {"zh": "综合"}, "points": scale, "cite": {"source": "shanwei", "article": "第十八条"}},
        {"code": "101", "parent": "1", "depth": 2, "name": {"zh": "综合评分"}, "points": scale, "cite": {"source": "shanwei", "article": "第十八条"}},
        {"code": "10101", "parent": "101", "depth": 3, "name": {"zh": "评分"}, "points": scale, "scoring": {"type": "rating"}, "cite": {"source": "shanwei", "article": "第十九条"}}
    ]);
    r
}

fn grade_of(class: &str, score: &str) -> (String, Value) {
    let ty = if class == "institution" { "retail-pharmacy" } else { "insured" };
    let out = eval(&json!({"subject": {"type": ty}, "asOf": "2026-11-23", "facts": {"10101": score}, "rules": free_rules(class)}));
    (out["grade"].as_str().unwrap().to_string(), out["score"].clone())
}

#[test]
fn every_bound_on_the_institution_scale() {
    // 第十九条: A ≥ 850; B 800 ≤ s < 850; C 750 ≤ s < 800; D 700 ≤ s < 750; E < 700.
    for (s, g) in [
        ("1000", "A"), ("850", "A"), ("850.00", "A"), ("849.99", "B"), ("800", "B"), ("799.99", "C"),
        ("750", "C"), ("749.99", "D"), ("700", "D"), ("699.99", "E"), ("0.01", "E"), ("0", "E"),
    ] {
        assert_eq!(grade_of("institution", s).0, g, "institution score {s}");
    }
    // Scores come back exactly as typed.
    assert_eq!(grade_of("institution", "849.99").1, json!(849.99));
    assert_eq!(grade_of("institution", "850.00").1, json!(850));
}

#[test]
fn every_bound_on_the_person_scale() {
    // 第十九条: A ≥ 85; B 80 ≤ s < 85; C 75 ≤ s < 80; D 70 ≤ s < 75; E < 70.
    for (s, g) in [
        ("100", "A"), ("85", "A"), ("84.99", "B"), ("80", "B"), ("79.99", "C"), ("75", "C"),
        ("74.99", "D"), ("70", "D"), ("69.99", "E"), ("0", "E"),
    ] {
        assert_eq!(grade_of("person", s).0, g, "person score {s}");
    }
}

#[test]
fn grade_command_agrees_with_evaluate_on_every_hundredth_near_each_bound() {
    for (class, bounds) in [("institution", vec![850, 800, 750, 700]), ("person", vec![85, 80, 75, 70])] {
        for b in bounds {
            for delta in -3i64..=3 {
                let h = b * 100 + delta;
                let s = format!("{}.{:02}", h / 100, h % 100);
                let g: Value = serde_json::from_str(&api::call("grade", &json!({"scale": class, "score": s}).to_string()).unwrap()).unwrap();
                assert_eq!(g["grade"].as_str().unwrap(), grade_of(class, &s).0, "{class} {s}");
            }
        }
    }
}

#[test]
fn binary_floating_point_never_decides() {
    // 0.1 + 0.2 as a JSON number is 0.30000000000000004: refused, not rounded.
    let e = eval_err(&json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"10101": 0.30000000000000004}, "rules": free_rules("institution")}));
    assert_eq!(e.code, "E_POINTS_PRECISION");
    // 849.99 as a JSON number (not a string) is read exactly.
    assert_eq!(grade_of("institution", "849.99").0, "B");
    let out = eval(&json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"10101": 849.99}, "rules": free_rules("institution")}));
    assert_eq!(out["grade"], "B");
}

#[test]
fn events_outside_the_period_do_not_count() {
    // 第二十条: yearly evaluation; the default period is the year ending on the as-of date.
    let base = json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {}});
    let mut i = base.clone();
    i["events"] = json!([{"kind": "penalty-fine", "date": "2025-11-23"}, {"kind": "penalty-fine", "date": "2026-11-24"}]);
    let out = eval(&i);
    assert_eq!(out["score"], eval(&base)["score"]);
    assert_eq!(out["eventsIgnored"].as_array().unwrap().len(), 2);
    assert_eq!(out["period"], json!({"from": "2025-11-24", "to": "2026-11-23"}));
    i["events"] = json!([{"kind": "penalty-fine", "date": "2025-11-24"}]);
    assert_eq!(eval(&i)["score"].as_i64().unwrap(), eval(&base)["score"].as_i64().unwrap() - 50);
}

#[test]
fn measures_follow_grade_and_class() {
    // 第二十五条（四） institutions only, （五） persons only; 第二十六条（三） institutions only;
    // 第二十三条（一） an institution's grade is published, whatever it is.
    let inst = eval(&json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"10101": "900"}, "rules": free_rules("institution")}));
    let ids: Vec<&str> = inst["measures"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["25-1", "25-2", "25-3", "25-4", "25-6", "23-1"]);
    let pers = eval(&json!({"subject": {"type": "insured"}, "asOf": "2026-11-23", "facts": {"10101": "50"}, "rules": free_rules("person")}));
    let ids: Vec<&str> = pers["measures"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["26-1", "26-2", "26-4"]);
    for m in pers["measures"].as_array().unwrap() {
        assert!(m["cite"]["zh"].as_str().unwrap().starts_with("《汕尾市医疗保障信用管理办法（试行）》第二十六条"));
    }
}

#[test]
fn direct_grade_overrides_points_and_blocks_the_gap() {
    let out = eval(&json!({"subject": {"type": "physician"}, "asOf": "2026-11-23", "facts": {},
        "events": [{"kind": "serious-dishonesty-list", "date": "2026-01-05"}]}));
    assert_eq!(out["score"], 100);
    assert_eq!(out["pointsGrade"], "A");
    assert_eq!(out["grade"], "E");
    assert_eq!(out["directGrade"]["id"], "direct-serious-list");
    assert_eq!(out["nextGrade"]["reachableByPoints"], false);
    assert!(out["nextGrade"]["blockedBy"]["zh"].as_str().unwrap().contains("提高分数不能改变等级"));
}

#[test]
fn missing_answers_are_listed_with_how_they_counted() {
    let out = eval(&json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23"}));
    assert_eq!(out["complete"], false);
    let missing = out["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 18);
    let yes_no = missing.iter().find(|m| m["code"] == "10101").unwrap();
    assert_eq!(yes_no["treatedAs"]["zh"], "未填写，按 0 分计");
    // Trace: every node, each with its article.
    let trace = out["trace"].as_array().unwrap();
    assert_eq!(trace.len(), 29);
    assert!(trace.iter().all(|n| n["cite"]["zh"].as_str().unwrap().starts_with("《")));
    let sum: i64 = trace.iter().filter(|n| n["depth"] == 1).map(|n| n["score"].as_i64().unwrap()).sum();
    assert_eq!(json!(sum), out["score"]);
}

#[test]
fn gap_to_next_grade_names_the_indicators_that_could_close_it() {
    let out = eval(&json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23",
        "facts": {"10101": true, "10102": true, "10201": true, "10202": true, "20101": "pass", "20102": true, "20103": true, "20201": 0, "30102": 1}}));
    // 1000 − 60 (pass) − 50 (no award) − 50 (one fine) = 840: B, 10 short of A.
    assert_eq!(out["score"], 840);
    assert_eq!(out["grade"], "B");
    assert_eq!(out["nextGrade"]["grade"], "A");
    assert_eq!(out["nextGrade"]["gap"], 10);
    assert_eq!(out["nextGrade"]["reachableByPoints"], true);
    let c = out["nextGrade"]["candidates"].as_array().unwrap();
    assert_eq!(c[0]["code"], "20101");
    assert_eq!(c[0]["headroom"], 60);
}

#[test]
fn rules_not_in_force_are_refused_or_flagged_never_silent() {
    let mut r = free_rules("institution");
    r["effectiveFrom"] = json!("2027-01-01");
    let i = json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"10101": "900"}, "rules": r});
    assert_eq!(eval_err(&i).code, "E_RULES_NOT_IN_EFFECT");
    let mut j = i.clone();
    j["allowOutOfEffect"] = json!(true);
    let out = eval(&j);
    assert!(out["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "W_RULES_NOT_IN_EFFECT"));
}

#[test]
fn bad_inputs_get_bilingual_errors_with_paths() {
    let cases = [
        (json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-13-01"}), "E_DATE_INVALID", Some("$.asOf")),
        (json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2101-01-01"}), "E_DATE_RANGE", Some("$.asOf")),
        (json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "events": [{"kind": "penalty-fine", "date": "昨天"}]}), "E_DATE_FORMAT", Some("$.events[0].date")),
        (json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"30102": 10001}}), "E_FACT_VALUE", Some("$.facts[\"30102\"]")),
        (json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": {"30102": 1.5}}), "E_FACT_VALUE", Some("$.facts[\"30102\"]")),
        (json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "period": {"from": "2026-01-01", "to": "2026-12-31"}}), "E_PERIOD", Some("$.period.to")),
        (json!({"subject": {"type": "nobody"}, "asOf": "2026-11-23"}), "E_SUBJECT_TYPE", Some("$.subject.type")),
        (json!({"subject": {"type": "insured"}, "asOf": "2026-11-23", "rules": free_rules("institution")}), "E_SUBJECT_TYPE", Some("$.subject.type")),
        (json!({"subject": {"type": "retail-pharmacy", "name": "药".repeat(2001)}, "asOf": "2026-11-23"}), "E_TEXT_TOO_LONG", Some("$.subject.name")),
        (json!([1, 2]), "E_INPUT_JSON", None),
    ];
    for (input, code, path) in cases {
        let e = eval_err(&input);
        assert_eq!(e.code, code, "{input}");
        assert_eq!(e.path.as_deref(), path, "{input}");
        assert!(!e.zh.is_empty() && !e.en.is_empty());
        assert!(e.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese message: {}", e.zh);
    }
    // Not JSON at all.
    let e = api::call("evaluate", "not json").unwrap_err();
    assert_eq!(e.code, "E_INPUT_JSON");
    assert!(e.zh.contains("第 1 行"));
}

/// xorshift64*: a small deterministic generator for the property tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn more_deductions_never_raise_a_score_or_a_grade() {
    let ranks = ["A", "B", "C", "D", "E"];
    let rank = |g: &Value| ranks.iter().position(|r| *r == g.as_str().unwrap()).unwrap();
    for (ty, file) in [("retail-pharmacy", "retail-pharmacy"), ("medical-institution", "medical-institution"), ("physician", "practitioner"), ("insured", "insured")] {
        let rules: Value = serde_json::from_str(&std::fs::read_to_string(format!("{}/data/rules/{file}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap();
        let leaves: Vec<&Value> = rules["indicators"].as_array().unwrap().iter().filter(|n| n.get("scoring").is_some()).collect();
        let deduction: Vec<&str> = leaves.iter().filter(|n| n["scoring"]["type"] == "deduction").map(|n| n["code"].as_str().unwrap()).collect();
        let adverse: Vec<&str> = rules["eventKinds"].as_array().unwrap().iter().filter(|k| k["nature"] == "adverse").map(|k| k["kind"].as_str().unwrap()).collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ ty.len() as u64);
        for _ in 0..150 {
            let mut facts = serde_json::Map::new();
            for l in &leaves {
                let code = l["code"].as_str().unwrap();
                let v = match l["scoring"]["type"].as_str().unwrap() {
                    "yesNo" => json!(rng.below(2) == 1),
                    "rating" => json!(l["scoring"]["levels"][rng.below(l["scoring"]["levels"].as_array().unwrap().len() as u64) as usize]["id"]),
                    _ => json!(rng.below(4)),
                };
                facts.insert(code.into(), v);
            }
            let base = json!({"subject": {"type": ty}, "asOf": "2026-11-23", "facts": facts});
            let before = eval(&base);
            // One more occurrence on a deduction leaf.
            let mut more = base.clone();
            let code = deduction[rng.below(deduction.len() as u64) as usize];
            let n = more["facts"][code].as_u64().unwrap();
            more["facts"][code] = json!(n + 1 + rng.below(3));
            // And one more adverse event in the period.
            let kind = adverse[rng.below(adverse.len() as u64) as usize];
            more["events"] = json!([{"kind": kind, "date": "2026-06-01"}]);
            let after = eval(&more);
            assert!(after["score"].as_f64().unwrap() <= before["score"].as_f64().unwrap(), "{ty}: {code} +1, {kind}: score rose");
            assert!(rank(&after["grade"]) >= rank(&before["grade"]), "{ty}: {code} +1, {kind}: grade rose");
        }
    }
}

#[test]
fn an_invalid_subject_code_is_flagged_not_silently_accepted() {
    // 第八条: institutions by 统一社会信用代码 (GB 32100-2015), persons by ID number (GB 11643-1999).
    let warned = |ty: &str, code: &str| {
        eval(&json!({"subject": {"type": ty, "code": code}, "asOf": "2026-11-23"}))["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "W_SUBJECT_CODE_INVALID")
    };
    assert!(!warned("retail-pharmacy", "91110000600037341L"));
    assert!(warned("retail-pharmacy", "91110000600037341N"));
    assert!(!warned("insured", "110102199101010078"));
    assert!(warned("insured", "360426199113010079"));
    assert!(!warned("insured", ""));
}

/// Every leaf of the pharmacy set answered (all good), but the deduction and bonus leaves left open.
fn pharmacy_answers() -> Value {
    json!({"10101": true, "10102": true, "10201": true, "10202": true, "20101": "excellent", "20102": true, "20103": true})
}

#[test]
fn one_incident_is_never_asked_for_or_counted_twice() {
    // 第十五条、第十八条: a deduction leaf that counts listed events (30201 约谈 ← agreement-talk) is
    // answered by them: it is not in the missing list, and its count box holds only the incidents
    // not listed (so typing the listed one again is the only way to count it twice, and the
    // box says so on the page).
    let mut facts = pharmacy_answers();
    for c in ["20201", "30101", "30102", "30103", "30202", "30203", "30204", "30205", "30301", "30401"] {
        facts[c] = json!(0);
    }
    let input = json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": facts.clone(),
        "events": [{"kind": "agreement-talk", "date": "2026-05-06"}]});
    let out = eval(&input);
    assert_eq!(out["complete"], true, "the listed event answers 30201");
    assert!(out["missing"].as_array().unwrap().is_empty());
    assert_eq!(out["score"], 1000 - 50 - 20, "no award (20201: 0), one talk");
    let leaf = out["trace"].as_array().unwrap().iter().find(|n| n["code"] == "30201").unwrap();
    assert_eq!(leaf["missing"], false);
    assert_eq!(leaf["lines"].as_array().unwrap().len(), 1, "one line: the event");
    // Without the event, 30201 is open, and the range says what it could cost.
    let mut open = input.clone();
    open["events"] = json!([]);
    let o = eval(&open);
    assert_eq!(o["complete"], false);
    assert_eq!(o["missing"][0]["code"], "30201");
    assert_eq!((o["reachable"]["max"].clone(), o["reachable"]["min"].clone()), (json!(950), json!(910)));
}

#[test]
fn events_that_do_not_count_are_shown_with_the_reason() {
    // 第二十条: an event outside the period is listed in the trace of its indicator, 0 points, and why.
    let input = json!({"subject": {"type": "retail-pharmacy"}, "asOf": "2026-11-23", "facts": pharmacy_answers(),
        "events": [{"kind": "agreement-talk", "date": "2025-01-10"}, {"kind": "agreement-talk", "date": "2026-12-01"}, {"kind": "agreement-talk", "date": "2026-05-06"}]});
    let out = eval(&input);
    let leaf = out["trace"].as_array().unwrap().iter().find(|n| n["code"] == "30201").unwrap();
    let lines = leaf["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    let not_counted: Vec<&Value> = lines.iter().filter(|l| l["amount"] == 0).collect();
    assert_eq!(not_counted.len(), 2);
    for l in &not_counted {
        assert!(l["reason"]["zh"].as_str().unwrap().contains("不计入：发生于"), "{l}");
        assert!(l["reason"]["en"].as_str().unwrap().contains("not counted: dated"), "{l}");
    }
    assert_eq!(leaf["score"], 40 - 20, "only the one in the period counts");
    assert_eq!(out["eventsIgnored"].as_array().unwrap().len(), 2);
}
