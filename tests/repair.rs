//! Credit repair (汕尾 第二十八至三十条, 附件3–6; NDRC Orders 58 and 36) and objections (第二十二条).
//! Every outcome, every unmet condition, both national rule versions and the change-over on
//! 2026-04-01, institutions and persons, the day the minimum period ends, bad input, what-if.

use serde_json::{json, Value};
use yibao_credit::api;

/// A complete pharmacy application: a general administrative penalty decided 2025-06-15,
/// published 2025-06-20, everything done, applying 2026-04-01 (Order 36 in force).
fn base() -> Value {
    json!({
        "subject": {"type": "retail-pharmacy", "name": "汕尾市城区某某大药房", "code": "91110000600037341L",
                    "contact": "0660-1234567", "legalRepresentative": "张三"},
        "record": {"kind": "admin-penalty", "severity": "general", "decisionDate": "2025-06-15",
                   "publicationDate": "2025-06-20", "department": "汕尾市医疗保障局",
                   "decisionNo": "汕医保罚〔2025〕3号", "act": "串换药品", "penalty": "罚款2万元"},
        "done": {"corrected": true, "obligationsPerformed": true, "effectEliminated": true,
                 "newSameKindSince": false, "pledgeSigned": true, "proofAttached": true},
        "barredByLaw": false,
        "applicationDate": "2026-04-01"
    })
}

/// `base()` with `patch` merged in (objects merged key by key, `null` removes a key).
fn with(patch: Value) -> Value {
    let mut v = base();
    merge(&mut v, patch);
    v
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                if v.is_null() {
                    a.remove(&k);
                } else {
                    merge(a.entry(k).or_insert(Value::Null), v);
                }
            }
        }
        (a, b) => *a = b,
    }
}

fn repair(v: &Value) -> Value {
    serde_json::from_str(&api::call("repair", &v.to_string()).unwrap_or_else(|e| panic!("{e}"))).unwrap()
}

fn repair_err(v: &Value) -> yibao_credit::Error {
    api::call("repair", &v.to_string()).unwrap_err()
}

fn condition<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["conditions"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no condition {id}"))
}

fn step<'a>(r: &'a Value, id: &str) -> Option<&'a Value> {
    r["timeline"]["steps"].as_array().unwrap().iter().find(|s| s["id"] == id)
}

fn need_paths(r: &Value) -> Vec<String> {
    r["needInfo"].as_array().unwrap().iter().map(|n| n["path"].as_str().unwrap().to_string()).collect()
}

#[test]
fn eligible_institution_with_materials_disclosure_and_timeline() {
    let r = repair(&base());
    assert_eq!(r["verdict"], "eligible");
    assert!(r["answer"]["zh"].as_str().unwrap().contains("符合信用修复条件（第二十九条），可于2026年4月1日"));
    assert!(r.get("earliestDate").is_none());
    assert_eq!(r["needInfo"], json!([]));
    assert_eq!(r["subjectClass"], "institution");
    assert!(r["conditions"].as_array().unwrap().iter().all(|c| c["status"] == "met"));
    assert_eq!(r["conditions"].as_array().unwrap().len(), 8);
    assert_eq!(condition(&r, "corrected")["cite"]["zh"], "《汕尾市医疗保障信用管理办法（试行）》第二十九条");
    assert!(condition(&r, "corrected")["cite"]["en"].as_str().unwrap().starts_with("Article 29 of the Measures of Shanwei City"));
    // Materials: 附件3, 附件4, proof (第二十九条第二款).
    let m = r["materials"].as_array().unwrap();
    let forms: Vec<&str> = m.iter().map(|x| x["form"].as_str().unwrap_or("")).collect();
    assert_eq!(forms, ["附件3", "附件4", ""]);
    assert_eq!((m[0]["ready"].clone(), m[1]["ready"].clone(), m[2]["ready"].clone()), (Value::Null, json!(true), json!(true)));
    assert_eq!(m[2]["cite"]["zh"], "《汕尾市医疗保障信用管理办法（试行）》第二十九条第（二）项");
    // 附件6: disclosed from 2025-06-20 to 2026-04-01 = 9 whole months.
    assert_eq!(r["disclosed"]["months"], 9);
    assert_eq!(r["disclosed"]["text"], "0年9个月");
    assert_eq!((r["disclosed"]["from"].as_str(), r["disclosed"]["to"].as_str()), (Some("2025-06-20"), Some("2026-04-01")));
    // Order 36: general 3 months minimum, 1 year maximum, from the decision date.
    let n = &r["nationalRule"];
    assert_eq!((n["id"].as_str(), n["minMonths"].as_u64(), n["maxMonths"].as_u64()), (Some("ndrc-36"), Some(3), Some(12)));
    assert_eq!((n["minimumEnds"].as_str(), n["maximumEnds"].as_str()), (Some("2025-09-15"), Some("2026-06-15")));
    // Timeline from receipt 2026-04-01 (清明 04-04..06 off): decision due 10 working days =
    // 04-16, at the latest 20 = 04-30; publicity 5 working days from the decision = 04-23;
    // a refusal received 04-16 may be objected to until 04-23.
    assert_eq!(step(&r, "receipt").unwrap()["date"], "2026-04-01");
    assert_eq!(step(&r, "decision-due").unwrap()["date"], "2026-04-16");
    assert_eq!(step(&r, "decision-max").unwrap()["date"], "2026-04-30");
    assert_eq!(step(&r, "publicity-end").unwrap()["date"], "2026-04-23");
    assert_eq!(step(&r, "refusal-objection").unwrap()["date"], "2026-04-23");
    assert_eq!(step(&r, "refusal-objection").unwrap()["branch"], "refused");
    assert!(step(&r, "no-publicity").is_none());
    assert_eq!(r["whatIf"], Value::Null);
    assert_eq!(r["rules"]["id"], "sample-retail-pharmacy");
}

#[test]
fn persons_have_no_publicity_step() {
    let r = repair(&with(json!({"subject": {"type": "insured", "name": "李四", "code": "110102199101010078",
        "contact": null, "legalRepresentative": null}})));
    assert_eq!(r["verdict"], "eligible");
    assert_eq!(r["subjectClass"], "person");
    assert_eq!(r["timeline"]["subjectClass"], "person");
    assert!(step(&r, "publicity-end").is_none());
    assert_eq!(step(&r, "no-publicity").unwrap()["date"], "2026-04-16");
    assert_eq!(step(&r, "decision-due").unwrap()["date"], "2026-04-16");
    assert_eq!(step(&r, "refusal-objection").unwrap()["date"], "2026-04-23");
    assert!(r["notes"].as_array().unwrap().iter().any(|n| n["zh"].as_str().unwrap().contains("个人类主体的信用修复不公示")));
    assert_eq!(r["rules"]["id"], "sample-insured");
}

#[test]
fn change_over_from_order_58_to_order_36() {
    // A serious penalty decided 2025-06-15. Order 58 (527号 values): 6 months → ends 2025-12-15.
    // Order 36: 1 year → ends 2026-06-15.
    let serious = |app: &str| with(json!({"record": {"severity": "serious"}, "applicationDate": app}));
    let r = repair(&serious("2026-03-31"));
    assert_eq!(r["verdict"], "eligible");
    assert_eq!(r["nationalRule"]["id"], "ndrc-58");
    assert_eq!(r["nationalRule"]["minMonths"], 6);
    assert_eq!(r["nationalRule"]["maxMonths"], 36);
    assert_eq!(r["nationalRule"]["certain"], false);
    assert_eq!(r["nationalRule"]["minimumEnds"], "2025-12-15");
    assert!(r["nationalRule"]["notes"]["zh"].as_str().unwrap().contains("527号"));
    assert!(r["notes"].as_array().unwrap().iter().any(|n| n["zh"].as_str().unwrap().contains("未经国家发展改革委令第58号")));
    assert_eq!(condition(&r, "minimum-period")["status"], "met");

    let r = repair(&serious("2026-04-01"));
    assert_eq!(r["verdict"], "not-yet");
    assert_eq!(r["nationalRule"]["id"], "ndrc-36");
    assert_eq!(r["nationalRule"]["minMonths"], 12);
    assert_eq!(r["nationalRule"]["certain"], true);
    assert_eq!(r["earliestDate"], "2026-06-16");
    assert_eq!(r["earliestDateZh"], "2026年6月16日");
    assert!(r["why"]["zh"].as_str().unwrap().contains("最短公示期为12个月，自2025年6月15日起算，至2026年6月15日届满"));
    let c = condition(&r, "minimum-period");
    assert_eq!(c["status"], "unmet");
    assert_eq!(c["cite"]["zh"], "《信用修复管理办法》（国家发展和改革委员会令第36号；具体条款本工具未核实）");
    assert_eq!(c["cite"]["refs"], json!([{"law": "ndrc-order-36"}]), "the document as a whole");
    assert_eq!(c["remedy"]["zh"], "最短公示期届满后再申请");
}

#[test]
fn the_earliest_date_looks_past_the_change_over() {
    // Serious, decided 2025-10-15, applying 2026-03-20: under Order 58 the minimum would end
    // 2026-04-15, but from 2026-04-01 Order 36 applies (1 year): earliest 2026-10-16.
    let r = repair(&with(json!({"record": {"severity": "serious", "decisionDate": "2025-10-15", "publicationDate": "2025-10-20"},
        "applicationDate": "2026-03-20"})));
    assert_eq!(r["verdict"], "not-yet");
    assert_eq!(r["nationalRule"]["id"], "ndrc-58");
    assert_eq!(r["earliestDate"], "2026-10-16");
    let why = r["why"]["zh"].as_str().unwrap();
    assert!(why.contains("自2026年4月1日起改按国家发展改革委令第36号《信用修复管理办法》（严重失信最短12个月），最早可于2026年10月16日申请"), "{why}");
}

#[test]
fn the_day_the_minimum_period_ends() {
    // General, decided 2026-04-15 (Order 36: 3 months). The period's last day is 2026-07-15
    // (民法典 第二百零二条); repair only after it (“届满后”): the first day is 2026-07-16.
    let at = |app: &str| repair(&with(json!({"record": {"decisionDate": "2026-04-15", "publicationDate": "2026-04-20"}, "applicationDate": app})));
    for day_before in ["2026-07-14", "2026-07-15"] {
        let r = at(day_before);
        assert_eq!(r["verdict"], "not-yet", "{day_before}");
        assert_eq!(r["earliestDate"], "2026-07-16");
        assert_eq!(r["nationalRule"]["minimumEnds"], "2026-07-15");
    }
    let r = at("2026-07-16");
    assert_eq!(r["verdict"], "eligible");
    assert_eq!(condition(&r, "minimum-period")["note"]["zh"], "国家发展改革委令第36号《信用修复管理办法》：一般失信最短公示期3个月，自2026年4月15日起算，至2026年7月15日届满");
    assert_eq!(r["disclosed"]["text"], "0年2个月");

    // No 30 February: decided 2025-11-30, 3 months end on 2026-02-28 (Order 58 in force).
    let at = |app: &str| repair(&with(json!({"record": {"decisionDate": "2025-11-30", "publicationDate": "2025-12-01"}, "applicationDate": app})));
    let r = at("2026-02-28");
    assert_eq!((r["verdict"].as_str(), r["earliestDate"].as_str()), (Some("not-yet"), Some("2026-03-01")));
    assert_eq!(r["nationalRule"]["id"], "ndrc-58");
    assert_eq!(at("2026-03-01")["verdict"], "eligible");
}

#[test]
fn each_unmet_condition_makes_it_not_eligible_with_its_article() {
    let cases = [
        ("corrected", json!({"done": {"corrected": false}})),
        ("obligations-performed", json!({"done": {"obligationsPerformed": false}})),
        ("effect-eliminated", json!({"done": {"effectEliminated": false}})),
        ("no-new-same-kind", json!({"done": {"newSameKindSince": true}})),
        ("pledge", json!({"done": {"pledgeSigned": false}})),
        ("materials", json!({"done": {"proofAttached": false}})),
    ];
    for (id, patch) in cases {
        let r = repair(&with(patch));
        assert_eq!(r["verdict"], "not-eligible", "{id}");
        let unmet: Vec<&str> =
            r["conditions"].as_array().unwrap().iter().filter(|c| c["status"] == "unmet").map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(unmet, [id]);
        let c = condition(&r, id);
        assert!(c["cite"]["zh"].as_str().unwrap().starts_with("《汕尾市医疗保障信用管理办法（试行）》第二十九条"), "{id}");
        assert_eq!(c["cite"]["refs"][0], json!({"law": "shanwei-2022", "article": "29"}), "{id}");
        assert!(!c["remedy"]["zh"].as_str().unwrap().is_empty());
        let a = r["answer"]["zh"].as_str().unwrap();
        assert!(a.starts_with("目前不符合信用修复条件（第二十九条），尚未满足1项："), "{a}");
        assert!(a.contains(c["text"]["zh"].as_str().unwrap()));
        assert!(r.get("earliestDate").is_none());
    }
    // The checklist follows the answers.
    let r = repair(&with(json!({"done": {"pledgeSigned": false, "proofAttached": false}})));
    let ready: Vec<Value> = r["materials"].as_array().unwrap().iter().map(|m| m["ready"].clone()).collect();
    assert_eq!(ready, [Value::Null, json!(false), json!(false)]);
    assert!(r["answer"]["zh"].as_str().unwrap().contains("尚未满足2项"));
}

#[test]
fn barred_by_law_is_not_repairable_whatever_else() {
    let r = repair(&with(json!({"barredByLaw": true, "record": {"severity": null}})));
    assert_eq!(r["verdict"], "not-eligible");
    assert!(r["answer"]["zh"].as_str().unwrap().starts_with("不能修复：法律、法规或党中央、国务院政策文件明确规定"));
    assert_eq!(condition(&r, "not-barred")["status"], "unmet");
    assert_eq!(condition(&r, "not-barred")["permanent"], true);
    // The missing severity is still listed, but cannot change the answer.
    assert_eq!(need_paths(&r), ["$.record.severity"]);
}

#[test]
fn incomplete_input_gives_a_needs_info_list() {
    let r = repair(&with(json!({"record": {"severity": null}})));
    assert_eq!(r["verdict"], "needs-info");
    assert_eq!(need_paths(&r), ["$.record.severity"]);
    assert!(r["needInfo"][0]["zh"].as_str().unwrap().starts_with("需补充：失信程度"));
    assert_eq!(condition(&r, "minimum-period")["status"], "unknown");
    assert!(r["answer"]["zh"].as_str().unwrap().starts_with("需补充1项信息"));
    // "unknown" is the page's 不清楚: asked for, not an error.
    assert_eq!(need_paths(&repair(&with(json!({"record": {"severity": "unknown"}})))), ["$.record.severity"]);

    let r = repair(&with(json!({"done": {"pledgeSigned": null, "corrected": null}, "barredByLaw": null, "applicationDate": null})));
    assert_eq!(r["verdict"], "needs-info");
    assert_eq!(need_paths(&r), ["$.applicationDate", "$.done.corrected", "$.done.pledgeSigned", "$.barredByLaw"]);
    assert_eq!(r["timeline"], Value::Null);
    assert_eq!(r["disclosed"], Value::Null);
    assert_eq!(condition(&r, "pledge")["status"], "unknown");

    let r = repair(&json!({}));
    assert_eq!(r["verdict"], "needs-info");
    let p = need_paths(&r);
    for must in ["$.subject.type", "$.record.kind", "$.record.severity", "$.record.decisionDate", "$.record.publicationDate", "$.applicationDate", "$.done.corrected", "$.barredByLaw"] {
        assert!(p.iter().any(|x| x == must), "{must} in {p:?}");
    }

    // A known unmet condition outranks missing information.
    let r = repair(&with(json!({"done": {"corrected": false}, "record": {"publicationDate": null}})));
    assert_eq!(r["verdict"], "not-eligible");
    assert_eq!(need_paths(&r), ["$.record.publicationDate"]);
}

#[test]
fn minor_records_under_each_order() {
    // Order 36: not published in principle, no minimum: eligible the day after the decision.
    let r = repair(&with(json!({"record": {"severity": "minor", "decisionDate": "2026-05-10", "publicationDate": "2026-05-11"},
        "applicationDate": "2026-05-12"})));
    assert_eq!(r["verdict"], "eligible");
    assert_eq!(r["nationalRule"]["published"], false);
    assert_eq!(r["nationalRule"]["maxMonths"], 3);
    assert!(r["nationalRule"].get("minMonths").is_none());
    assert!(condition(&r, "minimum-period")["note"]["zh"].as_str().unwrap().contains("无最短公示期"));
    // Order 58: the data holds no value for minor records → ask, never guess.
    let r = repair(&with(json!({"record": {"severity": "minor"}, "applicationDate": "2026-01-05"})));
    assert_eq!(r["verdict"], "needs-info");
    assert_eq!(need_paths(&r), ["$.record.severity"]);
    assert!(r["needInfo"][0]["zh"].as_str().unwrap().contains("国家发展改革委令第58号"));
    assert_eq!(condition(&r, "minimum-period")["status"], "unknown");
}

#[test]
fn before_any_national_rule_the_minimum_is_asked_for() {
    // Before the Shanwei measures came into force (2022-12-15) the rule data holds no national rule.
    let r = repair(&with(json!({"record": {"decisionDate": "2022-06-20", "publicationDate": "2022-06-21"}, "applicationDate": "2022-12-14"})));
    assert_eq!(r["verdict"], "needs-info");
    assert_eq!(need_paths(&r), ["$.rules.repair.nationalPeriods"]);
    assert_eq!(r["nationalRule"], Value::Null);
}

/// Issue 15 point 7: before NDRC Order 58 (in force 2023-05-01) records are under notice
/// 发改办财金〔2019〕527号 — 一般 3 months minimum, 严重 6 months minimum, from the decision — and get a
/// verdict, with the minimum period that applies and why.
#[test]
fn before_order_58_the_527_notice_gives_a_verdict() {
    let domain = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/DOMAIN.md")).unwrap();
    assert!(domain.contains("**Credit repair before Order 58**: 发改办财金〔2019〕527号 — administrative-penalty information,\n  一般 minimum 3 months, 严重 minimum 6 months (maximum 3 years), from the decision date."));
    assert!(domain.contains("NDRC Order No. 58 《失信行为纠正后的信用信息修复管理办法（试行）》, in force 2023-05-01"));
    let rec = |sev: &str, decided: &str, app: &str| {
        repair(&with(json!({"record": {"severity": sev, "decisionDate": decided, "publicationDate": decided}, "applicationDate": app})))
    };
    // 一般, decided 2022-12-20: 3 months end on 2023-03-20 (民法典 第二百零二条); repair from 2023-03-21.
    let r = rec("general", "2022-12-20", "2023-03-20");
    assert_eq!(r["verdict"], "not-yet");
    assert_eq!(r["earliestDate"], "2023-03-21");
    assert_eq!(r["nationalRule"]["id"], "ndrc-527");
    assert_eq!(r["nationalRule"]["minMonths"], 3);
    assert_eq!(r["nationalRule"]["minimumEnds"], "2023-03-20");
    assert_eq!(r["nationalRule"]["runsFrom"], "decisionDate");
    assert!(r["nationalRule"].get("certain").is_some_and(|c| c == true), "527's values are certain (DOMAIN.md)");
    let why = r["nationalRule"]["why"]["zh"].as_str().unwrap();
    assert!(why.contains("申请日2023年3月20日") && why.contains("527号") && why.contains("2023年5月1日起施行"), "{why}");
    assert!(r["nationalRule"]["why"]["en"].as_str().unwrap().contains("2023-05-01"));
    assert!(r["why"]["zh"].as_str().unwrap().contains("最短公示期为3个月，自2022年12月20日起算，至2023年3月20日届满"), "{}", r["why"]);
    let c = condition(&r, "minimum-period");
    assert_eq!(c["status"], "unmet");
    assert_eq!(c["cite"]["refs"], json!([{"law": "ndrc-2019-527"}]));
    let r = rec("general", "2022-12-20", "2023-03-21");
    assert_eq!(r["verdict"], "eligible");
    assert!(condition(&r, "minimum-period")["note"]["zh"].as_str().unwrap().contains("一般失信最短公示期3个月"));
    // 严重, decided 2023-01-05: 6 months end on 2023-07-05, after Order 58 came in (whose data
    // carries the same 6 months): not yet, earliest 2023-07-06.
    let r = rec("serious", "2023-01-05", "2023-04-30");
    assert_eq!(r["verdict"], "not-yet");
    assert_eq!(r["nationalRule"]["id"], "ndrc-527");
    assert_eq!(r["nationalRule"]["minMonths"], 6);
    assert_eq!(r["earliestDate"], "2023-07-06");
    // 严重, decided 2022-12-15 (the first day of the Shanwei measures): eligible from 2023-06-16,
    // under Order 58 by then.
    let r = rec("serious", "2022-12-15", "2023-06-16");
    assert_eq!((r["verdict"].as_str(), r["nationalRule"]["id"].as_str()), (Some("eligible"), Some("ndrc-58")));
    // No minor-record period is held for 527: asked for, never guessed.
    let r = rec("minor", "2023-01-05", "2023-04-30");
    assert_eq!(r["verdict"], "needs-info");
    assert_eq!(need_paths(&r), ["$.record.severity"]);
    // Orders 58 and 36 keep their values and their certainty.
    let doc = pharmacy_rules();
    let by_id = |id: &str| doc["repair"]["nationalPeriods"].as_array().unwrap().iter().find(|n| n["id"] == id).cloned().unwrap();
    assert_eq!(by_id("ndrc-58")["bySeverity"][2], json!({"severity": "serious", "minMonths": 6, "maxMonths": 36, "certain": false}));
    assert_eq!(by_id("ndrc-36")["bySeverity"][2], json!({"severity": "serious", "minMonths": 12, "maxMonths": 36}), "certain unless marked");
    assert_eq!(by_id("ndrc-527")["effectiveTo"], "2023-04-30");
    assert!(by_id("ndrc-527")["notes"]["zh"].as_str().unwrap().contains("不是该通知的施行日期"), "the start is the tool's, not the notice's");
}

#[test]
fn past_the_maximum_period_says_publication_should_have_stopped() {
    let r = repair(&with(json!({"applicationDate": "2026-07-01"})));
    assert_eq!(r["verdict"], "eligible");
    assert!(r["notes"][0]["zh"].as_str().unwrap().starts_with("最长公示期（12个月）已于2026年6月15日届满"));
}

#[test]
fn contradictory_input_is_an_error_naming_the_field() {
    let e = repair_err(&with(json!({"applicationDate": "2025-06-14"})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_ORDER", Some("$.applicationDate")));
    assert!(e.zh.contains("申请日期（2025-06-14）早于决定日期（2025-06-15）"));
    let e = repair_err(&with(json!({"record": {"publicationDate": "2025-06-10"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_ORDER", Some("$.record.publicationDate")));
    assert!(e.zh.contains("公示日期（2025-06-10）早于决定日期（2025-06-15）"));
    let e = repair_err(&with(json!({"applicationDate": "2025-06-17"})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_ORDER", Some("$.applicationDate")));
    let e = repair_err(&with(json!({"record": {"severity": "severe"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_SEVERITY", Some("$.record.severity")));
    let e = repair_err(&with(json!({"record": {"kind": "fine"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_KIND", Some("$.record.kind")));
    let e = repair_err(&with(json!({"record": {"kind": "serious-list"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_CONTRADICTION", Some("$.record.severity")));
    let e = repair_err(&with(json!({"record": {"decisionDate": "2025-02-30"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_DATE_INVALID", Some("$.record.decisionDate")));
    let e = repair_err(&with(json!({"subject": {"type": "hospital"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_SUBJECT_TYPE", Some("$.subject.type")));
    let e = repair_err(&with(json!({"done": {"fixed": true}})));
    assert_eq!(e.code, "E_INPUT_JSON");
    assert!(e.zh.contains("fixed"));
}

fn evaluation(kind: &str) -> Value {
    json!({"subject": {"type": "retail-pharmacy", "name": "汕尾市城区某某大药房", "code": ""}, "asOf": "2026-04-01",
        "facts": {"10101": true, "10102": true, "10201": true, "10202": true, "20101": "excellent", "20102": true, "20103": true, "20201": 2},
        "events": [{"kind": "award", "date": "2025-09-01"}, {"kind": kind, "date": "2025-06-15", "decisionNo": "汕医保罚〔2025〕3号"}]})
}

#[test]
fn what_if_the_record_is_repaired() {
    // A fine (−50) found by its date and decision number.
    let r = repair(&with(json!({"evaluation": evaluation("penalty-fine")})));
    let w = &r["whatIf"];
    assert_eq!(w["eventIndex"], 1);
    assert_eq!((w["now"]["score"].as_f64(), w["now"]["grade"].as_str()), (Some(950.0), Some("A")));
    assert_eq!((w["repaired"]["score"].as_f64(), w["repaired"]["grade"].as_str()), (Some(1000.0), Some("A")));
    assert_eq!(w["scoreChange"], 50);
    assert_eq!(w["gradeChanges"], false);
    // On the serious-dishonesty list: graded E whatever the points; repaired, back to A.
    let r = repair(&with(json!({"record": {"kind": "serious-list", "severity": "serious"}, "applicationDate": "2026-06-16",
        "evaluation": evaluation("serious-dishonesty-list"), "recordEventIndex": 1})));
    assert_eq!(r["verdict"], "eligible");
    let w = &r["whatIf"];
    assert_eq!((w["now"]["grade"].as_str(), w["repaired"]["grade"].as_str()), (Some("E"), Some("A")));
    assert_eq!(w["repaired"]["label"]["zh"], "信用优秀");
    assert_eq!(w["gradeChanges"], true);
    // Out of range, not adverse, ambiguous, other subject type: errors naming the field.
    let e = repair_err(&with(json!({"evaluation": evaluation("penalty-fine"), "recordEventIndex": 5})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_EVENT", Some("$.recordEventIndex")));
    let e = repair_err(&with(json!({"evaluation": evaluation("penalty-fine"), "recordEventIndex": 0})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_EVENT", Some("$.recordEventIndex")));
    let e = repair_err(&with(json!({"evaluation": evaluation("penalty-fine"), "record": {"decisionDate": "2025-06-14"}})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_EVENT", Some("$.recordEventIndex")));
    let mut ev = evaluation("penalty-fine");
    ev["asOf"] = json!("2026-13-01");
    let e = repair_err(&with(json!({"evaluation": ev})));
    assert_eq!(e.path.as_deref(), Some("$.evaluation.asOf"));
}

fn pharmacy_rules() -> Value {
    serde_json::from_str(&api::call("rules", r#"{"name":"retail-pharmacy"}"#).unwrap()).unwrap()
}

#[test]
fn the_periods_are_rule_data() {
    // A bureau's rule set with a 24-month minimum for general records from 2026-04-01.
    let mut rules = pharmacy_rules();
    rules["repair"]["nationalPeriods"][1]["bySeverity"][1]["minMonths"] = json!(24);
    rules["repair"]["nationalPeriods"][1]["bySeverity"][1]["maxMonths"] = json!(36);
    let r = repair(&with(json!({"rules": rules})));
    assert_eq!(r["verdict"], "not-yet");
    assert_eq!(r["earliestDate"], "2027-06-16");
    assert_eq!(r["rules"]["id"], "sample-retail-pharmacy");
    // The same rules as JSON text (as the page keeps them).
    let r = repair(&with(json!({"rules": rules.to_string()})));
    assert_eq!(r["earliestDate"], "2027-06-16");
    // Without a repair section: a clear error.
    let mut bare = pharmacy_rules();
    bare.as_object_mut().unwrap().remove("repair");
    let e = repair_err(&with(json!({"rules": bare})));
    assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_NO_RULES", Some("$.rules.repair")));
}

#[test]
fn the_checker_reads_the_repair_section() {
    let mut rules = pharmacy_rules();
    rules["repair"]["conditions"][0]["test"] = json!("done.fixed");
    rules["repair"]["conditions"][1]["cite"]["source"] = json!("nowhere");
    rules["repair"]["nationalPeriods"][1]["effectiveFrom"] = json!("2026-03-01");
    rules["repair"]["nationalPeriods"][0]["bySeverity"][1]["minMonths"] = json!(13);
    rules["repair"]["nationalPeriods"][0]["runsFrom"] = json!("today");
    let rep: Value = serde_json::from_str(&api::call("check-rules", &rules.to_string()).unwrap()).unwrap();
    assert_eq!(rep["valid"], false);
    let paths: Vec<&str> = rep["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "$.repair.conditions[0].test",
            "$.repair.conditions[1].cite.source",
            "$.repair.nationalPeriods[0].runsFrom",
            "$.repair.nationalPeriods[0].bySeverity[1].minMonths",
            "$.repair.nationalPeriods[1].effectiveFrom",
        ]
    );
    // Every shipped set carries the same repair section and passes.
    for name in ["medical-institution", "retail-pharmacy", "practitioner", "insured"] {
        let doc: Value = serde_json::from_str(&api::call("rules", &json!({"name": name}).to_string()).unwrap()).unwrap();
        assert_eq!(doc["repair"], pharmacy_rules()["repair"], "{name}");
        assert_eq!(doc["repair"]["nationalPeriods"][0]["effectiveTo"], "2026-03-31");
        assert_eq!(doc["repair"]["nationalPeriods"][1]["effectiveFrom"], "2026-04-01");
    }
}

fn objection(v: Value) -> Value {
    serde_json::from_str(&api::call("objection", &v.to_string()).unwrap_or_else(|e| panic!("{e}"))).unwrap()
}

#[test]
fn objection_deadlines() {
    // 第二十二条: published 2026-09-30 → object by 2026-10-20 (国庆 skipped, 10-10 调休 counts).
    let o = objection(json!({"publicationDate": "2026-09-30", "filedOn": "2026-10-20", "today": "2026-10-09"}));
    assert_eq!((o["lastDay"].as_str(), o["lastDayZh"].as_str()), (Some("2026-10-20"), Some("2026年10月20日")));
    assert_eq!(o["inTime"], true);
    assert_eq!(o["workingDaysLeft"], 8);
    assert_eq!(o["calendarDaysLeft"], 11);
    // Review: 10 working days from receipt (here the filing day) → 2026-11-03.
    assert_eq!((o["reviewFrom"].as_str(), o["reviewFromBasis"].as_str(), o["reviewDue"].as_str()), (Some("2026-10-20"), Some("filed"), Some("2026-11-03")));
    assert_eq!(o["cite"]["zh"], "《汕尾市医疗保障信用管理办法（试行）》第二十二条");

    let o = objection(json!({"publicationDate": "2026-09-30", "filedOn": "2026-10-21", "receivedOn": "2026-10-22"}));
    assert_eq!(o["inTime"], false);
    assert_eq!((o["reviewFromBasis"].as_str(), o["reviewDue"].as_str()), (Some("received"), Some("2026-11-05")));
    assert!(o["notes"].as_array().unwrap().iter().any(|n| n["zh"].as_str().unwrap().contains("异议晚于公示之日起10个工作日")));

    let o = objection(json!({"publicationDate": "2026-09-30"}));
    assert!(o.get("inTime").is_none());
    assert_eq!((o["reviewFromBasis"].as_str(), o["reviewDue"].as_str()), (Some("projected"), Some("2026-11-03")));

    for (v, path) in [
        (json!({"publicationDate": "2026-09-30", "filedOn": "2026-09-29"}), "$.filedOn"),
        (json!({"publicationDate": "2026-09-30", "filedOn": "2026-10-09", "receivedOn": "2026-10-08"}), "$.receivedOn"),
    ] {
        let e = api::call("objection", &v.to_string()).unwrap_err();
        assert_eq!((e.code, e.path.as_deref()), ("E_REPAIR_ORDER", Some(path)));
    }
    let e = api::call("objection", r#"{"filedOn":"2026-10-09"}"#).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_INPUT_JSON", Some("$.publicationDate")));
}

// ---------------------------------------------------------------------------------------------
// Issue 15 point 5: every subject of 第五条, 其他机构 and 其他个人 too
// ---------------------------------------------------------------------------------------------

/// 第五条 as published: the institutions (定点医疗机构、定点零售药店及其他主体) and the persons
/// (医保医师、参保人员及其他主体) the measures apply to.
fn article_5() -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/003_a6a36f3ea7b7ee5d.txt");
    let s = std::fs::read_to_string(p).unwrap();
    let i = s.find("第五条").unwrap();
    let j = s.find("第六条").unwrap();
    s[i..j].to_string()
}

#[test]
fn every_subject_of_article_5_can_be_checked_for_repair() {
    let a5 = article_5();
    // (type, words of 第五条 it stands for, class, an identifier)
    let all = [
        ("medical-institution", "定点医疗机构", "institution", "91110000600037341L"),
        ("retail-pharmacy", "定点零售药店", "institution", "91110000600037341L"),
        ("other-institution", "其他主体", "institution", "9144030071526726XG"),
        ("physician", "医保医师", "person", "360426199101010071"),
        ("insured", "参保人员", "person", "360426199101010071"),
        ("other-person", "其他主体", "person", "110102199101010078"),
    ];
    let reference = repair(&base());
    let ids = |r: &Value| r["conditions"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    for (ty, words, class, code) in all {
        assert!(a5.contains(words), "第五条 names {words}");
        let r = repair(&with(json!({"subject": {"type": ty, "code": code}})));
        assert_eq!(r["verdict"], "eligible", "{ty}: 第二十九条's conditions met → eligible: {}", r["answer"]);
        assert_eq!(r["subjectClass"], class, "{ty}");
        // The same conditions of 第二十九条, whatever indicator list covers the type (if any).
        assert_eq!(ids(&r), ids(&reference), "{ty}");
        // 第三十条: institutions' repairs are published for 5 working days, persons' are not.
        assert_eq!(step(&r, "publicity-end").is_some(), class == "institution", "{ty}");
        // An unmet condition of 第二十九条 is unmet for these types too.
        let r = repair(&with(json!({"subject": {"type": ty, "code": code}, "done": {"corrected": false}})));
        assert_eq!(r["verdict"], "not-eligible", "{ty}");
        assert_eq!(condition(&r, "corrected")["status"], "unmet", "{ty}");
    }
    // For the two types without built-in indicators, the answer says why the repair rules still apply.
    for ty in ["other-institution", "other-person"] {
        let r = repair(&with(json!({"subject": {"type": ty}})));
        let notes = r["notes"].to_string();
        assert!(notes.contains("第二十九条") && notes.contains("第十八条"), "{ty}: {notes}");
    }
}

/// Issue 15 point 6: the repair check accepts the identity document of 第八条 and 第十三条; only a
/// 居民身份证 number is checked by GB 11643, and a wrong one is told, without changing the verdict.
#[test]
fn repair_accepts_every_identity_document() {
    let person = |doc: Value, code: &str| with(json!({"subject": {"type": "insured", "code": code, "documentType": doc, "legalRepresentative": null}}));
    for (doc, code) in [("passport", "E12345678"), ("hmt-permit", "H12345678"), ("other", "军字第2024001号"), ("resident-id", "360426199101010071")] {
        let r = repair(&person(json!(doc), code));
        assert_eq!(r["verdict"], "eligible", "{doc}");
        assert!(!r["notes"].to_string().contains("有误"), "{doc}: {}", r["notes"]);
    }
    // A wrong 居民身份证 number (check character, GB 11643) is told; the verdict stays.
    let r = repair(&person(json!("resident-id"), "36042619910102009X"));
    assert_eq!(r["verdict"], "eligible");
    assert!(r["notes"].to_string().contains("居民身份证号码有误"), "{}", r["notes"]);
    // Absent: a person's number is read as a 居民身份证 (第八条), an institution's as a 统一社会信用代码.
    let r = repair(&person(Value::Null, "E12345678"));
    assert!(r["notes"].to_string().contains("证件类型"), "{}", r["notes"]);
    let r = repair(&with(json!({"subject": {"code": "91110000600037341N"}})));
    assert!(r["notes"].to_string().contains("统一社会信用代码有误"), "{}", r["notes"]);
    // Unknown, or of the other class: an error naming the field.
    for (ty, doc) in [("insured", "driving-licence"), ("retail-pharmacy", "passport"), ("insured", "uscc")] {
        let e = repair_err(&with(json!({"subject": {"type": ty, "documentType": doc}})));
        assert_eq!((e.code, e.path.as_deref()), ("E_DOCUMENT_TYPE", Some("$.subject.documentType")), "{ty} {doc}");
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 15 point 8: after the publicity (第三十条)
// ---------------------------------------------------------------------------------------------

fn article_30() -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/003_a6a36f3ea7b7ee5d.txt");
    let s = std::fs::read_to_string(p).unwrap();
    s[s.find("第三十条").unwrap()..s.find("第七章").unwrap()].to_string()
}

fn timeline(v: Value) -> Value {
    serde_json::from_str(&api::call("timeline", &v.to_string()).unwrap_or_else(|e| panic!("{e}"))).unwrap()
}

fn ids(t: &Value) -> Vec<String> {
    t["steps"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_repair_timeline_continues_past_the_publicity() {
    let a = article_30();
    // “公示期满无异议的，按程序信用修复，书面告知（附件6），并停止公示其失信记录，报送同级信用管理部门。”
    assert!(a.contains("公示期限为5个工作日"));
    assert!(a.contains("公示期满无异议的，按程序信用修复，书面告知（附件6），并停止公示其失信记录，报送同级信用管理部门"));
    let after = ["repair-notice", "record-unpublished", "reported"];
    // An institution, decided 2026-04-15 (Wed): 5 working days of publicity end 2026-04-22 (Wed);
    // what follows comes after it.
    let t = timeline(json!({"process": "repair", "from": "2026-04-01", "subjectClass": "institution", "decidedOn": "2026-04-15", "outcome": "repaired"}));
    let got = ids(&t);
    let p = got.iter().position(|s| s == "publicity-end").unwrap();
    assert_eq!(&got[p + 1..], after);
    let steps = t["steps"].as_array().unwrap();
    assert_eq!(steps[p]["date"], "2026-04-22");
    for s in &steps[p + 1..] {
        assert_eq!(s["date"], "2026-04-23", "{}", s["id"]);
        assert_eq!(s["type"], "event");
        assert_eq!(s["cite"]["zh"], "《汕尾市医疗保障信用管理办法（试行）》第三十条");
        assert_eq!(s["cite"]["refs"], json!([{"law": "shanwei-2022", "article": "30"}]));
        assert!(s["notes"].to_string().contains("未规定办理期限"), "only what the article says: no invented period");
    }
    let labels: Vec<&str> = steps[p + 1..].iter().map(|s| s["label"]["zh"].as_str().unwrap()).collect();
    assert!(labels[0].contains("附件6") && a.contains("附件6"));
    assert!(labels[1].contains("停止公示其失信记录"));
    assert!(labels[2].contains("报送同级信用管理部门"));
    assert!(steps[p + 1..].iter().all(|s| !s["label"]["en"].as_str().unwrap().is_empty()));
    // A person: no publicity (第三十条 names institutions), the same three steps on the decision day.
    let t = timeline(json!({"process": "repair", "from": "2026-04-01", "subjectClass": "person", "decidedOn": "2026-04-15", "outcome": "repaired"}));
    let got = ids(&t);
    let p = got.iter().position(|s| s == "no-publicity").unwrap();
    assert_eq!(&got[p + 1..], after);
    assert!(t["steps"].as_array().unwrap()[p + 1..].iter().all(|s| s["date"] == "2026-04-15"));
    // Refused: none of them.
    let t = timeline(json!({"process": "repair", "from": "2026-04-01", "subjectClass": "institution", "decidedOn": "2026-04-15", "outcome": "refused"}));
    assert!(ids(&t).iter().all(|s| !after.contains(&s.as_str())));
    // Both outcomes open: the three steps belong to the repaired branch; the repair check shows them.
    let r = repair(&base());
    for id in after {
        assert_eq!(step(&r, id).unwrap_or_else(|| panic!("{id}"))["branch"], "repaired");
    }
}
