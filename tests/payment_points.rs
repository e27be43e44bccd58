//! 医保支付资格记分 (issue 16): the figures of 医保发〔2024〕23号 — a natural-year account of 12
//! points, bands 1–3 / 4–6 / 7–9 / 10–12, 9 points → suspension of 1 to 6 months, 12 points →
//! termination, re-registration barred 1 year when accumulated and 3 years when at once — and the
//! published provincial example (5 → reminder talk; 9 → 2 months; 10 → 4; 11 → 6; 12 → end).
//! Expected values are worked out here from those figures and the Civil Code's counting of months,
//! not taken from the tool's output.

use serde_json::{json, Value};
use yibao_credit::api;

fn call(input: Value) -> Result<Value, Value> {
    match api::call("payment-points", &input.to_string()) {
        Ok(s) => Ok(serde_json::from_str(&s).unwrap()),
        Err(e) => Err(serde_json::from_str(&e.to_json()).unwrap()),
    }
}

fn ok(input: Value) -> Value {
    call(input.clone()).unwrap_or_else(|e| panic!("{input} refused: {e}"))
}

fn err(input: Value) -> Value {
    match call(input.clone()) {
        Ok(v) => panic!("{input} accepted: {v}"),
        Err(e) => e,
    }
}

/// A physician's records as `(date, points)`, as of `as_of`, under the model `model`.
fn doctor(as_of: &str, records: &[(&str, u32)], model: &str) -> Value {
    let records: Vec<Value> = records.iter().map(|(d, p)| json!({"date": d, "points": p})).collect();
    json!({"person": {"type": "physician", "name": "李四"}, "asOf": as_of, "records": records, "model": model})
}

fn zh(v: &Value) -> &str {
    v["zh"].as_str().unwrap()
}

#[test]
fn nine_points_in_a_year_suspend_for_one_to_six_months_from_the_decision() {
    let r = ok(doctor("2026-12-31", &[("2026-03-10", 3), ("2026-06-15", 6)], "national"));
    assert_eq!(r["total"], 9);
    assert_eq!(r["of"], 12);
    assert_eq!(r["year"], 2026);
    let c = &r["consequence"];
    assert_eq!(c["kind"], "suspend");
    assert_eq!(c["points"], 9);
    assert_eq!(c["reachedOn"], "2026-06-15");
    let s = &c["suspension"];
    assert_eq!(s["from"], "2026-06-15");
    assert_eq!(s["months"], json!({"min": 1, "max": 6}));
    // Civil Code art. 201–202: the day of the decision is not counted; a period of months ends on
    // the corresponding day of its last month.
    assert_eq!(s["untilEarliest"], "2026-07-15");
    assert_eq!(s["untilLatest"], "2026-12-15");
    assert!(zh(&s["rule"]).contains("第二百零一条"));
    assert!(c["reRegistration"].is_null());
    // The record that reached it says so; the first did not.
    assert!(r["records"][0]["reaches"].is_null());
    assert!(zh(&r["records"][1]["reaches"][0]).contains("9分"));
    assert_eq!(r["records"][1]["runningTotal"], 9);
    // What the next points would bring: 3 more → termination.
    assert_eq!(r["next"]["points"], 12);
    assert_eq!(r["next"]["needed"], 3);
    assert_eq!(r["next"]["kind"], "terminate");
}

#[test]
fn eight_points_reach_nothing_and_nine_is_the_next_step() {
    let r = ok(doctor("2026-12-31", &[("2026-03-10", 3), ("2026-04-10", 5)], "national"));
    assert_eq!(r["total"], 8);
    assert!(r["consequence"].is_null());
    assert_eq!(r["next"]["points"], 9);
    assert_eq!(r["next"]["needed"], 1);
    assert_eq!(r["next"]["kind"], "suspend");
}

#[test]
fn twelve_points_accumulated_terminate_and_bar_re_registration_for_one_year() {
    let r = ok(doctor("2026-12-31", &[("2026-02-01", 6), ("2026-05-20", 3), ("2026-09-30", 3)], "national"));
    assert_eq!(r["total"], 12);
    let c = &r["consequence"];
    assert_eq!(c["kind"], "terminate");
    assert_eq!(c["reachedOn"], "2026-09-30");
    assert!(c["suspension"].is_null());
    let bar = &c["reRegistration"];
    assert_eq!(bar["years"], 1);
    assert_eq!(bar["atOnce"], false);
    assert_eq!(bar["until"], "2027-09-30");
    assert!(r["next"].is_null(), "nothing comes after termination");
}

#[test]
fn twelve_points_at_once_bar_re_registration_for_three_years() {
    let r = ok(doctor("2026-12-31", &[("2026-04-08", 12)], "national"));
    let bar = &r["consequence"]["reRegistration"];
    assert_eq!(bar["years"], 3);
    assert_eq!(bar["atOnce"], true);
    assert_eq!(bar["until"], "2029-04-08");
    // 12 at once passes the 9-point step too; the consequence is the highest reached.
    assert_eq!(r["consequence"]["kind"], "terminate");
    assert_eq!(r["records"][0]["reaches"].as_array().unwrap().len(), 2);
    // 2 points, then 10 at once: accumulated (the last record alone is not 12).
    let r = ok(doctor("2026-12-31", &[("2026-01-05", 2), ("2026-04-08", 10)], "national"));
    assert_eq!(r["consequence"]["reRegistration"]["years"], 1);
    assert_eq!(r["consequence"]["reRegistration"]["atOnce"], false);
}

#[test]
fn the_account_starts_again_each_calendar_year() {
    // 12-31 and 01-01 fall in different years.
    let records = [("2025-12-31", 6), ("2026-01-01", 5)];
    let r = ok(doctor("2026-06-30", &records, "national"));
    assert_eq!(r["total"], 5);
    assert_eq!(r["records"][0]["counted"], false);
    assert!(zh(&r["records"][0]["reason"]).contains("2025 年"));
    assert!(zh(&r["records"][0]["reason"]).contains("每年清零"));
    assert_eq!(r["records"][1]["counted"], true);
    let r = ok(doctor("2025-12-31", &records, "national"));
    assert_eq!(r["year"], 2025);
    assert_eq!(r["total"], 6);
    assert_eq!(r["records"][0]["counted"], true);
    assert_eq!(r["records"][1]["counted"], false);
    // 8 points in 2025 and 8 in 2026: neither year reaches 9.
    let r = ok(doctor("2026-12-31", &[("2025-11-01", 8), ("2026-02-01", 8)], "national"));
    assert_eq!(r["total"], 8);
    assert!(r["consequence"].is_null());
}

#[test]
fn a_record_after_the_as_of_date_is_listed_and_not_counted() {
    let r = ok(doctor("2026-06-30", &[("2026-03-01", 4), ("2026-07-01", 9)], "national"));
    assert_eq!(r["total"], 4);
    assert_eq!(r["records"][1]["counted"], false);
    assert!(zh(&r["records"][1]["reason"]).contains("晚于评价基准日"));
}

#[test]
fn records_are_counted_in_date_order_and_answered_in_input_order() {
    let r = ok(doctor("2026-12-31", &[("2026-09-01", 4), ("2026-02-01", 5)], "national"));
    assert_eq!(r["records"][0]["date"], "2026-09-01");
    assert_eq!(r["records"][0]["runningTotal"], 9);
    assert_eq!(r["records"][1]["runningTotal"], 5);
    assert_eq!(r["consequence"]["reachedOn"], "2026-09-01");
}

#[test]
fn a_band_holds_its_own_points_only() {
    let rec = |points: u32, band: &str| json!({"person": {"type": "pharmacist"}, "asOf": "2026-12-31", "records": [{"date": "2026-05-01", "points": points, "band": band}]});
    // Edges inside the band.
    for (p, b) in [(1, "1-3"), (3, "1-3"), (4, "4-6"), (6, "4-6"), (7, "7-9"), (9, "7-9"), (10, "10-12"), (12, "10-12")] {
        assert_eq!(ok(rec(p, b))["total"], p, "{p} in {b}");
    }
    // One point outside.
    for (p, b) in [(3, "4-6"), (7, "4-6"), (9, "10-12"), (4, "1-3")] {
        let e = err(rec(p, b));
        assert_eq!(e["code"], "E_POINTS_RECORD");
        assert_eq!(e["path"], "$.records[0].points");
        assert!(e["zh"].as_str().unwrap().contains(&format!("实为 {p}")), "{e}");
    }
    // Without a band, the points find theirs; 0 and 13 have none.
    let r = ok(doctor("2026-12-31", &[("2026-05-01", 7)], "national"));
    assert_eq!(zh(&r["records"][0]["band"]), "7至9分档");
    for p in [0, 13] {
        let e = err(doctor("2026-12-31", &[("2026-05-01", p)], "national"));
        assert_eq!(e["path"], "$.records[0].points");
    }
    let e = err(rec(5, "5-7"));
    assert_eq!(e["path"], "$.records[0].band");
}

#[test]
fn the_responsibility_is_named_and_checked() {
    let input = |resp: &str| {
        json!({"person": {"type": "physician"}, "asOf": "2026-12-31",
               "records": [{"date": "2026-05-01", "points": 12, "band": "10-12", "responsibility": resp, "decisionNo": "某医保〔2026〕1号"}]})
    };
    let r = ok(input("main"));
    assert_eq!(zh(&r["records"][0]["responsibility"]), "主要责任");
    assert_eq!(ok(input("general"))["records"][0]["responsibility"]["en"], "minor responsibility");
    let e = err(input("severe"));
    assert_eq!(e["path"], "$.records[0].responsibility");
    assert!(e["zh"].as_str().unwrap().contains("general、important、main"), "{e}");
}

#[test]
fn the_province_example_steps_5_9_10_11_12() {
    let at = |records: &[(&str, u32)]| ok(doctor("2026-12-31", records, "example-province"));
    let r = at(&[("2026-03-01", 5)]);
    assert_eq!(r["consequence"]["kind"], "warn");
    assert!(r["consequence"]["suspension"].is_null());
    assert_eq!(r["next"]["points"], 9);
    assert_eq!(r["next"]["needed"], 4);
    for (points, months, until) in [(9, 2, "2026-05-01"), (10, 4, "2026-07-01"), (11, 6, "2026-09-01")] {
        let r = at(&[("2026-02-01", 5), ("2026-03-01", points - 5)]);
        let s = &r["consequence"]["suspension"];
        assert_eq!(s["months"], json!({"min": months, "max": months}), "{points}");
        assert_eq!(s["untilEarliest"], until);
        assert_eq!(s["untilLatest"], until);
    }
    let r = at(&[("2026-02-01", 5), ("2026-03-01", 7)]);
    assert_eq!(r["consequence"]["kind"], "terminate");
    // The example's source is shown as not verified, and the page is told which rules answered.
    assert_eq!(r["model"]["sample"], true);
    assert!(zh(&r["consequence"]["reRegistration"]["cite"]).contains("医保发〔2024〕23号"));
    assert!(zh(&r["records"][0]["reaches"][0]).contains("5分"));
    assert!(r["notes"].as_array().unwrap().iter().any(|n| zh(n).contains("您所在省份的细则可能不同")));
    let warn = &at(&[("2026-03-01", 5)])["consequence"]["cite"];
    assert!(zh(warn).contains("本工具未核实"), "{warn}");
    assert!(warn["en"].as_str().unwrap().contains("not verified"));
}

#[test]
fn a_record_passing_several_steps_at_once_gets_the_highest() {
    // 4, then 7: 11 points; the steps 5, 9, 10 and 11 are all passed by the second record.
    let r = ok(doctor("2026-12-31", &[("2026-02-01", 4), ("2026-08-31", 7)], "example-province"));
    assert_eq!(r["total"], 11);
    assert_eq!(r["records"][1]["reaches"].as_array().unwrap().len(), 4);
    let c = &r["consequence"];
    assert_eq!(c["points"], 11);
    assert_eq!(c["suspension"]["months"]["min"], 6);
    // From 08-31, six months end on the last day of February (no 31st).
    assert_eq!(c["suspension"]["untilLatest"], "2027-02-28");
}

#[test]
fn an_act_gives_its_band_and_a_wrong_band_is_refused() {
    let input = |rec: Value| json!({"person": {"type": "physician"}, "asOf": "2026-12-31", "records": [rec], "model": "example-province"});
    let r = ok(input(json!({"date": "2026-05-01", "points": 5, "act": "penalty-art-38-39"})));
    assert_eq!(zh(&r["records"][0]["band"]), "4至6分档");
    assert!(zh(&r["records"][0]["act"]).contains("第三十八条"));
    let e = err(input(json!({"date": "2026-05-01", "points": 3, "act": "penalty-art-38-39"})));
    assert_eq!(e["path"], "$.records[0].points");
    let e = err(input(json!({"date": "2026-05-01", "points": 5, "act": "penalty-art-38-39", "band": "1-3"})));
    assert_eq!(e["path"], "$.records[0].band");
    let e = err(input(json!({"date": "2026-05-01", "points": 5, "act": "no-such-act"})));
    assert_eq!(e["path"], "$.records[0].act");
}

#[test]
fn only_doctors_and_pharmacists_are_scored() {
    for t in ["retail-pharmacy", "medical-institution", "insured", "nurse"] {
        let e = err(json!({"person": {"type": t}, "asOf": "2026-12-31", "records": []}));
        assert_eq!(e["code"], "E_SUBJECT_TYPE", "{t}");
        assert_eq!(e["path"], "$.person.type");
    }
    let r = ok(json!({"person": {"type": "pharmacist"}, "asOf": "2026-12-31"}));
    assert_eq!(r["total"], 0);
    assert_eq!(r["next"]["points"], 9);
}

#[test]
fn bad_input_is_refused_with_its_place() {
    let e = err(json!({"person": {"type": "physician"}, "asOf": "2026-02-30"}));
    assert_eq!(e["path"], "$.asOf");
    let e = err(doctor("2026-12-31", &[("2026-13-01", 3)], "national"));
    assert_eq!(e["path"], "$.records[0].date");
    let e = err(json!({"person": {"type": "physician"}, "asOf": "2026-12-31", "recrods": []}));
    assert!(e["zh"].as_str().unwrap().contains("recrods"), "{e}");
    let e = err(doctor("2026-12-31", &[], "guangdong"));
    assert_eq!(e["path"], "$.model");
    let many: Vec<(&str, u32)> = vec![("2026-01-01", 1); 1001];
    assert_eq!(err(doctor("2026-12-31", &many, "national"))["code"], "E_TOO_MANY");
}

fn national() -> Value {
    serde_json::from_str(include_str!("../data/points/national.json")).unwrap()
}

#[test]
fn a_model_given_in_the_input_is_checked() {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut m = national();
        f(&mut m);
        json!({"person": {"type": "physician"}, "asOf": "2026-12-31", "records": [{"date": "2026-05-01", "points": 9}], "model": m})
    };
    // The shipped one, given as a document: the same answer as by name.
    let r = ok(with(&|_| {}));
    assert_eq!(r["consequence"]["kind"], "suspend");
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change)> = vec![
        ("$.model.format", Box::new(|m| m["format"] = json!("yibao-credit-rules"))),
        ("$.model.formatVersion", Box::new(|m| m["formatVersion"] = json!(2))),
        ("$.model.bands[1]", Box::new(|m| m["bands"][1]["min"] = json!(5))),
        ("$.model.bands", Box::new(|m| m["bands"].as_array_mut().unwrap().truncate(3))),
        ("$.model.thresholds[1]", Box::new(|m| m["thresholds"][1]["points"] = json!(9))),
        ("$.model.thresholds", Box::new(|m| m["thresholds"][1]["kind"] = json!("warn"))),
        ("$.model.thresholds[0].months", Box::new(|m| m["thresholds"][0]["months"] = json!({"min": 0, "max": 6}))),
        ("$.model.thresholds[0].kind", Box::new(|m| m["thresholds"][0]["kind"] = json!("fine"))),
        ("$.model.bands[0].cite.source", Box::new(|m| m["bands"][0]["cite"]["source"] = json!("nowhere"))),
        ("$.model.reset", Box::new(|m| m["reset"] = json!("rolling"))),
        ("$.model.effectiveTo", Box::new(|m| m["effectiveTo"] = json!("2020-01-01"))),
    ];
    for (path, f) in cases {
        let e = err(with(&*f));
        assert_eq!(e["code"], "E_POINTS_MODEL", "{path}: {e}");
        assert_eq!(e["path"], path, "{e}");
    }
}

#[test]
fn the_command_line_reads_a_model_by_name_or_file() {
    let bin = env!("CARGO_BIN_EXE_yibao-credit");
    let dir = std::env::temp_dir().join(format!("yibao-points-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("records.json");
    std::fs::write(&input, json!({"person": {"type": "physician"}, "records": [{"date": "2026-05-01", "points": 10}]}).to_string()).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin).arg("payment-points").arg(&input).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let by_name = run(&["--as-of", "2026-12-31", "--model", "example-province"]);
    assert_eq!(by_name["consequence"]["suspension"]["months"]["min"], 4);
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/data/points/example-province.json");
    let by_file = run(&["--as-of", "2026-12-31", "--model", file]);
    assert_eq!(by_file["consequence"], by_name["consequence"]);
    let national = run(&["--as-of", "2026-12-31"]);
    assert_eq!(national["model"]["id"], "national-payment-qualification");
    assert_eq!(national["consequence"]["suspension"]["months"], json!({"min": 1, "max": 6}));
    let _ = std::fs::remove_dir_all(&dir);
}
