//! Deadlines and timelines, each case counted by hand from the State Council notices.
//! Counting rule: 《中华人民共和国民法典》第二百零一条 (start day not counted), 第二百零三条.

use serde_json::{json, Value};
use yibao_credit::api;

fn call(name: &str, v: Value) -> Result<Value, yibao_credit::Error> {
    api::call(name, &v.to_string()).map(|s| serde_json::from_str(&s).unwrap())
}

fn dl(kind: &str, from: &str) -> Value {
    call("deadline", json!({"kind": kind, "from": from})).unwrap()
}

fn skipped(r: &Value) -> Vec<String> {
    r["skipped"].as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap().to_string()).collect()
}

fn err(v: Value) -> yibao_credit::Error {
    call("deadline", v).unwrap_err()
}

#[test]
fn objection_filing_art_22() {
    // 汕尾 第二十二条: 10 working days from publication. Published Wed 2026-09-30; counting
    // starts 10-01 (民法典 第二百零一条). 10-01..07 国庆节 off; 10-08 Thu (1), 10-09 (2),
    // 10-10 Sat 调休上班 (3), 10-11 Sun off, 10-12..16 (4..8), 10-17/18 off, 10-19 (9), 10-20 (10).
    let r = dl("objection-filing", "2026-09-30");
    assert_eq!(r["due"], "2026-10-20");
    assert_eq!(r["dueZh"], "2026年10月20日");
    assert_eq!(r["dueWeekday"]["zh"], "星期二");
    assert_eq!(r["countingStarts"], "2026-10-01");
    assert_eq!(r["firstCountedDay"], "2026-10-08");
    assert_eq!(r["days"], 10);
    assert_eq!(r["counting"], "working-days");
    assert!(r["basis"]["zh"].as_str().unwrap().contains("第二十二条"));
    assert!(r["countingRule"]["zh"].as_str().unwrap().contains("第二百零一条"));
    assert_eq!(
        skipped(&r),
        [
            "2026-10-01",
            "2026-10-02",
            "2026-10-03",
            "2026-10-04",
            "2026-10-05",
            "2026-10-06",
            "2026-10-07",
            "2026-10-11",
            "2026-10-17",
            "2026-10-18"
        ]
    );
    assert_eq!(r["skipped"][0]["reason"], "holiday");
    assert_eq!(r["skipped"][0]["holiday"]["zh"], "国庆节");
    assert_eq!(r["skipped"][7]["reason"], "weekend");
    assert_eq!(r["yearsRelied"][0]["year"], 2026);
    assert_eq!(r["yearsRelied"].as_array().unwrap().len(), 1);
    // 第三十四条: the measures were a two-year trial from 2022-12-15; the one warning says so.
    assert_eq!(r["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(r["warnings"][0]["code"], "W_SOURCE_TRIAL_ENDED");
    assert!(r["warnings"][0]["zh"].as_str().unwrap().contains("试行期已于 2024-12-14 届满（第三十四条）"));
    assert_eq!(r["cite"]["refs"], json!([{"law": "shanwei-2022", "article": "22"}, {"law": "shanwei-2022", "attachment": "1"}]));
    // Within the trial: no warning.
    let r = call("deadline", json!({"kind": "objection-filing", "from": "2024-12-02"})).unwrap();
    assert_eq!(r["warnings"], json!([]));
}

#[test]
fn objection_review_art_22() {
    // 汕尾 第二十二条第二款: 10 working days from receipt. Received Wed 2026-02-11: 02-12 (1),
    // 02-13 (2), 02-14 Sat 调休 (3), 02-15..23 春节 off, 02-24..27 (4..7), 02-28 Sat 调休 (8),
    // 03-01 Sun off, 03-02 (9), 03-03 (10).
    let r = dl("objection-review", "2026-02-11");
    assert_eq!(r["due"], "2026-03-03");
    let s = skipped(&r);
    assert_eq!(s.len(), 10);
    assert_eq!((s[0].as_str(), s[8].as_str(), s[9].as_str()), ("2026-02-15", "2026-02-23", "2026-03-01"));
    assert!(r["basis"]["zh"].as_str().unwrap().contains("收到异议申诉"));
}

#[test]
fn repair_decision_art_30() {
    // 汕尾 第三十条: 10 working days after acceptance. Accepted Fri 2025-09-26: 09-27 Sat off,
    // 09-28 Sun 调休 (1), 09-29 (2), 09-30 (3), 10-01..08 国庆节、中秋节 off, 10-09 (4), 10-10 (5),
    // 10-11 Sat 调休 (6), 10-12 Sun off, 10-13..16 (7..10).
    let r = dl("repair-decision", "2025-09-26");
    assert_eq!(r["due"], "2025-10-16");
    assert_eq!(skipped(&r).len(), 10);
    assert_eq!(r["firstCountedDay"], "2025-09-28");
    assert!(r["basis"]["zh"].as_str().unwrap().contains("第三十条"));
}

#[test]
fn repair_decision_max_art_30() {
    // 汕尾 第三十条: at most 20 working days in total from receipt. From Fri 2025-09-26, after the
    // 10th working day 10-16: 10-17 (11), 10-20..24 (12..16), 10-27..30 (17..20).
    let r = dl("repair-decision-max", "2025-09-26");
    assert_eq!(r["due"], "2025-10-30");
    assert_eq!(r["days"], 20);
    assert_eq!(skipped(&r).len(), 14);
}

#[test]
fn repair_publicity_art_30() {
    // 汕尾 第三十条: institutions' repairs published for 5 working days. Decision Fri 2024-12-27:
    // 12-28/29 weekend, 12-30 (1), 12-31 (2), 2025-01-01 元旦 off, 01-02 (3), 01-03 (4),
    // 01-04/05 weekend, 01-06 (5). Relies on the 2024 and 2025 notices.
    let r = dl("repair-publicity", "2024-12-27");
    assert_eq!(r["due"], "2025-01-06");
    assert_eq!(skipped(&r), ["2024-12-28", "2024-12-29", "2025-01-01", "2025-01-04", "2025-01-05"]);
    let years: Vec<i64> = r["yearsRelied"].as_array().unwrap().iter().map(|y| y["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [2024, 2025]);
    assert!(r["yearsRelied"].as_array().unwrap().iter().all(|y| y["covered"] == true));
}

#[test]
fn refusal_objection_form_5() {
    // 汕尾 附件5: 5 working days from receipt of the refusal notice. Received Wed 2024-04-03:
    // 04-04..06 清明节 off, 04-07 Sun 调休 (1), 04-08..11 (2..5).
    let r = dl("refusal-objection", "2024-04-03");
    assert_eq!(r["due"], "2024-04-11");
    assert_eq!(skipped(&r), ["2024-04-04", "2024-04-05", "2024-04-06"]);
    assert!(r["basis"]["zh"].as_str().unwrap().contains("附件5"));
}

#[test]
fn double_publicity_qinhuangdao_2_1() {
    // 秦皇岛方案 二（一） and the national 7-working-day rule. Decision Fri 2024-09-27: 09-28 Sat off,
    // 09-29 Sun 调休 (1), 09-30 (2), 10-01..07 国庆节 off, 10-08..11 (3..6), 10-12 Sat 调休 (7):
    // the due date is a Saturday that is a working day.
    let r = dl("double-publicity", "2024-09-27");
    assert_eq!(r["due"], "2024-10-12");
    assert_eq!(r["dueWeekday"]["zh"], "星期六");
    assert_eq!(skipped(&r).len(), 8);
    assert!(r["basis"]["zh"].as_str().unwrap().contains("二（一）"));
}

#[test]
fn case_report_qinhuangdao_2_3_and_2_5() {
    // 秦皇岛方案 二（三）、二（五）: 3 working days. From Fri 2023-12-29: 12-30/31 weekend,
    // 2024-01-01 元旦 off, 01-02 (1), 01-03 (2), 01-04 (3).
    let r = dl("case-report", "2023-12-29");
    assert_eq!(r["due"], "2024-01-04");
    assert_eq!(skipped(&r), ["2023-12-30", "2023-12-31", "2024-01-01"]);
    let basis = r["basis"]["zh"].as_str().unwrap();
    assert!(basis.contains("二（三）") && basis.contains("二（五）"));
}

#[test]
fn monthly_report_qinhuangdao_2_2_and_4_2() {
    // 秦皇岛方案 二（二）、四（二）“每月25日前”: a "by" date. 2026-01-25 is a Sunday, so the report is
    // due the last working day before: Fri 2026-01-23 (not moved forward: 第二百零三条 is for periods).
    let r = dl("monthly-report", "2026-01-10");
    assert_eq!((r["nominalDue"].as_str(), r["due"].as_str()), (Some("2026-01-25"), Some("2026-01-23")));
    assert_eq!(skipped(&r), ["2026-01-24", "2026-01-25"]);
    assert_eq!(r["counting"], "fixed-date");
    assert_eq!(r["days"], 13);
    assert!(r["countingRule"]["zh"].as_str().unwrap().contains("不适用"));
    assert!(r["notes"][0]["zh"].as_str().unwrap().contains("最后一个工作日"));
    // 2020-01-25 (Saturday, 春节) and 01-24 (春节 off): due Thu 2020-01-23.
    let r = dl("monthly-report", "2020-01-02");
    assert_eq!(r["due"], "2020-01-23");
    assert_eq!(r["skipped"][0]["reason"], "holiday");
    // After the 25th: next month's 25th (Wed 2026-02-25, a working day).
    let r = dl("monthly-report", "2026-01-26");
    assert_eq!(r["due"], "2026-02-25");
    assert_eq!(skipped(&r).len(), 0);
    // On the 25th itself (a working day): due that day, 0 days.
    let r = dl("monthly-report", "2026-03-25");
    assert_eq!((r["due"].as_str(), r["days"].as_u64()), (Some("2026-03-25"), Some(0)));
    // On a 25th that is a rest day (Sat 2026-04-25): the last working day before it (04-24) is
    // before the start, so next month's date applies: Mon 2026-05-25.
    let r = dl("monthly-report", "2026-04-25");
    assert_eq!(r["due"], "2026-05-25");
    assert!(r["notes"][0]["en"].as_str().unwrap().contains("next month"));
    // December after the 25th → January 25th of the next year (2027: not covered, warned).
    let r = dl("monthly-report", "2026-12-28");
    assert_eq!(r["due"], "2027-01-25");
    assert_eq!(r["warnings"][0]["code"], "W_YEAR_NOT_COVERED");
}

#[test]
fn generic_working_days_and_2027() {
    // 3 working days from Tue 2026-12-29: 12-30 (1), 12-31 (2), then Fri 2027-01-01 is 元旦 — a
    // statutory holiday by 《全国年节及纪念日放假办法》 though the 2027 notice is not out — and
    // 01-02/03 a weekend: 01-04 (3). It used to end on 2027-01-01, the holiday itself.
    let r = call("deadline", json!({"kind": "working-days", "days": 3, "from": "2026-12-29"})).unwrap();
    assert_eq!(r["due"], "2027-01-04");
    assert_eq!(r["skipped"][0]["date"], "2027-01-01");
    assert_eq!(r["skipped"][0]["statutory"], true);
    assert_eq!(r["skipped"][0]["label"]["zh"], "元旦（法定节假日，尚无放假通知）");
    assert_eq!(r["yearsRelied"][1]["statutory"], true);
    let w = &r["warnings"][0];
    assert_eq!((w["code"].as_str(), w["year"].as_i64()), (Some("W_YEAR_NOT_COVERED"), Some(2027)));
    assert!(w["zh"].as_str().unwrap().contains("2027年") && w["en"].as_str().unwrap().contains("2027"));
    assert!(w["zh"].as_str().unwrap().contains("连休的放假日和调休上班日要等通知发布才知道"));
    assert!(w["en"].as_str().unwrap().contains("bridging days off and the make-up working days are only known from the notice"));
    // With a 2027 notice loaded (元旦 01-01..03 off): 01-04 (3), no warning.
    let y2027 = json!({"year": 2027, "papers": ["https://example.invalid/2027"], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
        {"name": "元旦", "date": "2027-01-03", "isOffDay": true}]});
    let r = call("deadline", json!({"kind": "working-days", "days": "3", "from": "2026-12-29", "holidays": y2027}))
        .unwrap();
    assert_eq!(r["due"], "2027-01-04");
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(r["skipped"][0]["holiday"]["zh"], "元旦");
    // A deadline well inside 2026 has no warning.
    assert_eq!(dl("case-report", "2026-12-01")["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn generic_calendar_days_art_201_203() {
    // 民法典 第二百零一条/第二百零三条: 30 days from 2026-09-01 end on 10-01 (国庆节), moved to the
    // first working day after the holiday, 10-08.
    let r = call("deadline", json!({"kind": "calendar-days", "days": 30, "from": "2026-09-01"})).unwrap();
    assert_eq!((r["nominalDue"].as_str(), r["due"].as_str()), (Some("2026-10-01"), Some("2026-10-08")));
    assert_eq!(skipped(&r).len(), 7);
    assert!(r["notes"][0]["zh"].as_str().unwrap().contains("第二百零三条"));
    // Ending on a make-up Saturday (2026-10-10): a working day, not moved.
    let r = call("deadline", json!({"kind": "calendar-days", "days": 10, "from": "2026-09-30"})).unwrap();
    assert_eq!(r["due"], "2026-10-10");
    assert_eq!(skipped(&r).len(), 0);
    // Across a leap day: 10 days from 2024-02-19 end on Thu 2024-02-29.
    let r = call("deadline", json!({"kind": "calendar-days", "days": 10, "from": "2024-02-19"})).unwrap();
    assert_eq!(r["due"], "2024-02-29");
    // 1 day from Fri 2020-02-28: Sat 02-29 (leap day, weekend) → Sun → Mon 2020-03-02.
    let r = call("deadline", json!({"kind": "calendar-days", "days": 1, "from": "2020-02-28"})).unwrap();
    assert_eq!(r["due"], "2020-03-02");
    assert_eq!(skipped(&r), ["2020-02-29", "2020-03-01"]);
}

#[test]
fn days_left_and_filed_on() {
    // Due 2026-10-20 (objection-filing from 2026-09-30). Today 10-09: working days 10-10 (调休),
    // 10-12..16, 10-19, 10-20 = 8; calendar days 11.
    let r = call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "today": "2026-10-09"})).unwrap();
    assert_eq!((r["workingDaysLeft"].as_i64(), r["calendarDaysLeft"].as_i64()), (Some(8), Some(11)));
    assert_eq!((r["overdue"].as_bool(), r["dueToday"].as_bool()), (Some(false), Some(false)));
    let r = call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "today": "2026-10-20"})).unwrap();
    assert_eq!((r["workingDaysLeft"].as_i64(), r["dueToday"].as_bool()), (Some(0), Some(true)));
    let r = call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "today": "2026-10-26"})).unwrap();
    // Past: 10-21, 22, 23, 26 = −4 working days; −6 calendar days.
    assert_eq!((r["workingDaysLeft"].as_i64(), r["calendarDaysLeft"].as_i64()), (Some(-4), Some(-6)));
    assert_eq!(r["overdue"], true);
    let r =
        call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "filedOn": "2026-10-20"})).unwrap();
    assert_eq!(r["inTime"], true);
    let r =
        call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "filedOn": "2026-10-21"})).unwrap();
    assert_eq!(r["inTime"], false);
    let r =
        call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "filedOn": "2026-09-29"})).unwrap();
    assert_eq!(r["inTime"], true);
    assert!(r["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "W_FILED_BEFORE_START"), "{}", r["warnings"]);
    // Empty strings (an empty date input on the page) mean "not given".
    let r = call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "today": "", "filedOn": ""}))
        .unwrap();
    assert!(r.get("today").is_none() && r.get("inTime").is_none());
}

#[test]
fn bad_deadline_input() {
    let e = err(json!({"kind": "objection", "from": "2026-01-01"}));
    assert_eq!((e.code, e.path.as_deref()), ("E_DEADLINE_KIND", Some("$.kind")));
    assert!(e.zh.contains("未知的期限种类") && e.en.contains("objection-filing"));
    let e = err(json!({"kind": "objection-filing", "from": "2026-02-30"}));
    assert_eq!((e.code, e.path.as_deref()), ("E_DATE_INVALID", Some("$.from")));
    assert_eq!(err(json!({"kind": "objection-filing", "from": "1949-09-30"})).code, "E_DATE_RANGE");
    assert_eq!(err(json!({"kind": "objection-filing", "from": "2101-01-01"})).code, "E_DATE_RANGE");
    assert_eq!(err(json!({"kind": "objection-filing", "from": "2026/01/01"})).code, "E_DATE_FORMAT");
    assert_eq!(
        err(json!({"kind": "objection-filing", "from": "2026-01-01", "today": "2026-13-01"})).path.as_deref(),
        Some("$.today")
    );
    assert_eq!(
        err(json!({"kind": "objection-filing", "from": "2026-01-01", "filedOn": "x"})).path.as_deref(),
        Some("$.filedOn")
    );
    assert_eq!(err(json!({"kind": "working-days", "from": "2026-01-01"})).code, "E_DEADLINE_DAYS");
    assert_eq!(err(json!({"kind": "working-days", "from": "2026-01-01", "days": 0})).code, "E_DEADLINE_DAYS");
    assert_eq!(err(json!({"kind": "working-days", "from": "2026-01-01", "days": "ten"})).code, "E_INPUT_NUMBER");
    assert_eq!(err(json!({"kind": "working-days", "from": "2026-01-01", "days": -3})).code, "E_INPUT_NUMBER");
    assert_eq!(err(json!({"kind": "objection-filing", "from": "2026-01-01", "days": 12})).code, "E_DEADLINE_DAYS");
    // The fixed length itself is accepted for a named kind.
    let r = call("deadline", json!({"kind": "objection-filing", "from": "2026-09-30", "days": 10})).unwrap();
    assert_eq!(r["due"], "2026-10-20");
    // Unknown field (a typo) is refused rather than ignored.
    let e = err(json!({"kind": "objection-filing", "from": "2026-01-01", "filedon": "2026-01-02"}));
    assert_eq!(e.code, "E_INPUT_JSON");
    // Counting must stop at 2100-12-31.
    let e = err(json!({"kind": "working-days", "from": "2100-12-28", "days": 5}));
    assert_eq!(e.code, "E_DEADLINE_RANGE");
    assert!(e.zh.contains("2100-12-31") && e.en.contains("2100-12-31"));
    assert_eq!(err(json!({"kind": "calendar-days", "from": "2100-12-30", "days": 5})).code, "E_DEADLINE_RANGE");
    assert_eq!(err(json!({"kind": "monthly-report", "from": "2100-12-26"})).code, "E_DEADLINE_RANGE");
    // A malformed holiday file.
    let e = err(
        json!({"kind": "case-report", "from": "2027-01-04", "holidays": {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-32", "isOffDay": true}]}}),
    );
    assert_eq!((e.code, e.path.as_deref()), ("E_HOLIDAY_DATA", Some("$.holidays.days[0].date")));
    // Still the built-in calendar afterwards.
    assert_eq!(dl("case-report", "2027-01-04")["due"], "2027-01-07");
}

#[test]
fn deadline_kinds_lists_every_kind() {
    let r = call("deadline-kinds", json!({})).unwrap();
    let ids: Vec<&str> = r.as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "objection-filing",
            "objection-review",
            "repair-decision",
            "repair-decision-max",
            "repair-publicity",
            "refusal-objection",
            "double-publicity",
            "case-report",
            "monthly-report",
            "working-days",
            "calendar-days"
        ]
    );
    assert_eq!(r[9]["needsDays"], true);
    assert_eq!(r[0]["needsDays"], false);
    assert_eq!(r[0]["days"], 10);
}

fn steps(r: &Value) -> Vec<(String, String)> {
    r["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s["date"].as_str().unwrap().to_string()))
        .collect()
}

fn step<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["steps"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()
}

#[test]
fn repair_timeline_projected() {
    // 汕尾 第三十条 / 附件5. Received (and accepted) Fri 2025-09-26: decision due 10-16 (10 wd),
    // at most 10-30 (20 wd); no decision given → projected on 10-16; publicity 5 wd from 10-16:
    // 10-17, 10-20..23 → 10-23; refusal branch: notice received 10-16, objection by 10-23.
    let r =
        call("timeline", json!({"process": "repair", "from": "2025-09-26", "subjectClass": "institution"})).unwrap();
    let want = [
        ("receipt", "2025-09-26"),
        ("acceptance", "2025-09-26"),
        ("decision-due", "2025-10-16"),
        ("decision-max", "2025-10-30"),
        ("decision", "2025-10-16"),
        ("publicity-end", "2025-10-23"),
        // 第三十条: 公示期满无异议 → 附件6, the record no longer published, reported (issue 15.8).
        ("repair-notice", "2025-10-24"),
        ("record-unpublished", "2025-10-24"),
        ("reported", "2025-10-24"),
        ("refusal-received", "2025-10-16"),
        ("refusal-objection", "2025-10-23"),
    ];
    let got = steps(&r);
    assert_eq!(got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), want);
    assert_eq!(step(&r, "decision")["projected"], true);
    assert_eq!(step(&r, "publicity-end")["branch"], "repaired");
    assert_eq!(step(&r, "refusal-objection")["branch"], "refused");
    assert_eq!(step(&r, "publicity-end")["deadline"]["kind"], "repair-publicity");
    assert_eq!(r["subjectClass"], "institution");
}

#[test]
fn repair_timeline_with_actual_dates() {
    // Accepted Fri 2025-10-10: 10 wd → 10-11 Sat 调休 (1), 10-13..17 (2..6), 10-20..23 (7..10) → 10-23.
    // Decided 10-27: after the 10-day due (needs the head's approval) but before the 20-wd limit
    // 10-30 → in time. Publicity from 10-27: 10-28..31, 11-03 → 11-03.
    let r = call(
        "timeline",
        json!({"process": "repair", "from": "2025-09-26", "acceptedOn": "2025-10-10", "decidedOn": "2025-10-27", "outcome": "repaired", "today": "2025-10-29"}),
    )
    .unwrap();
    assert_eq!(step(&r, "decision-due")["date"], "2025-10-23");
    let dec = step(&r, "decision");
    assert_eq!((dec["actual"].as_bool(), dec["inTime"].as_bool()), (Some(true), Some(true)));
    assert!(dec["notes"][0]["zh"].as_str().unwrap().contains("批准延长"));
    let p = step(&r, "publicity-end");
    assert_eq!(p["date"], "2025-11-03");
    assert_eq!(p["projected"], false);
    assert!(p.get("branch").is_none());
    // today 10-29 → 10-30, 10-31, 11-03 = 3 working days left.
    assert_eq!(p["deadline"]["workingDaysLeft"], 3);
    assert!(r["steps"].as_array().unwrap().iter().all(|s| s["id"] != "refusal-objection"));
    // Acceptance so late that 10 wd after it pass the 20-wd limit: the limit governs.
    let r = call("timeline", json!({"process": "repair", "from": "2025-09-26", "acceptedOn": "2025-10-24"})).unwrap();
    assert_eq!(step(&r, "decision-due")["date"], "2025-11-07");
    assert_eq!(step(&r, "decision")["date"], "2025-10-30");
    // A decision after the limit is late.
    let r = call("timeline", json!({"process": "repair", "from": "2025-09-26", "decidedOn": "2025-10-31"})).unwrap();
    assert_eq!(step(&r, "decision")["inTime"], false);
}

#[test]
fn repair_timeline_refused_and_person() {
    // Refusal notice received Wed 2025-10-22 (附件5): 5 wd → 10-23, 24, 27, 28, 29; objection on
    // 10-30 is late.
    let r = call(
        "timeline",
        json!({"process": "repair", "from": "2025-09-26", "decidedOn": "2025-10-20", "refusalReceivedOn": "2025-10-22", "objectionFiledOn": "2025-10-30"}),
    )
    .unwrap();
    assert_eq!(step(&r, "refusal-objection")["date"], "2025-10-29");
    assert_eq!(step(&r, "refusal-objection-filed")["inTime"], false);
    assert!(r["steps"].as_array().unwrap().iter().all(|s| s["id"] != "publicity-end"));
    // Persons: no publicity (第三十条 publishes institutions' repairs only).
    let r = call(
        "timeline",
        json!({"process": "repair", "from": "2025-09-26", "subjectClass": "person", "outcome": "repaired"}),
    )
    .unwrap();
    assert_eq!(step(&r, "no-publicity")["type"], "event");
    assert!(r["steps"].as_array().unwrap().iter().all(|s| s["id"] != "publicity-end"));
}

#[test]
fn objection_timeline() {
    // 汕尾 第二十二条: published Wed 2026-09-30 → last day to object 10-20; no filing date →
    // review due 10 wd after 10-20: 10-21..23, 10-26..30, 11-02, 11-03 → 11-03 (projected).
    let r = call("timeline", json!({"process": "objection", "from": "2026-09-30"})).unwrap();
    let got = steps(&r);
    assert_eq!(got[1], ("objection-deadline".to_string(), "2026-10-20".to_string()));
    assert_eq!(got[3], ("review-due".to_string(), "2026-11-03".to_string()));
    assert_eq!(step(&r, "review-due")["projected"], true);
    // Filed Mon 2026-10-12 → review due 10 wd: 10-13..16, 10-19..23, 10-26 → 10-26; answered 10-27: late.
    let r = call(
        "timeline",
        json!({"process": "objection", "from": "2026-09-30", "filedOn": "2026-10-12", "reviewedOn": "2026-10-27"}),
    )
    .unwrap();
    assert_eq!(step(&r, "objection-filed")["inTime"], true);
    assert_eq!(step(&r, "review-due")["date"], "2026-10-26");
    assert_eq!(step(&r, "reviewed")["inTime"], false);
    let codes: Vec<&str> = r["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["W_SOURCE_TRIAL_ENDED"]);
}

#[test]
fn bad_timeline_input() {
    let e = call("timeline", json!({"process": "appeal", "from": "2026-09-30"})).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_TIMELINE_PROCESS", Some("$.process")));
    let e =
        call("timeline", json!({"process": "repair", "from": "2026-09-30", "subjectClass": "company"})).unwrap_err();
    assert_eq!(e.code, "E_TIMELINE_SUBJECT");
    let e = call("timeline", json!({"process": "repair", "from": "2026-09-30", "outcome": "maybe"})).unwrap_err();
    assert_eq!(e.code, "E_TIMELINE_OUTCOME");
    let e =
        call("timeline", json!({"process": "repair", "from": "2026-09-30", "decidedOn": "2026-09-01"})).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_TIMELINE_ORDER", Some("$.decidedOn")));
    let e =
        call("timeline", json!({"process": "objection", "from": "2026-09-30", "filedOn": "2026-09-29"})).unwrap_err();
    assert_eq!(e.code, "E_TIMELINE_ORDER");
    let e = call("timeline", json!({"process": "repair", "from": "2026-09-31"})).unwrap_err();
    assert_eq!(e.code, "E_DATE_INVALID");
    let e = call("timeline", json!({"process": "repair", "from": "2026-09-30", "holidays": [1]})).unwrap_err();
    assert_eq!(e.code, "E_HOLIDAY_DATA");
}

/// The warnings about a year without its holiday notice.
fn uncovered(r: &Value) -> Vec<Value> {
    r["warnings"].as_array().unwrap().iter().filter(|w| w["code"] == "W_YEAR_NOT_COVERED").cloned().collect()
}

#[test]
fn dates_in_a_year_without_a_notice_count_its_statutory_holidays_and_warn() {
    // Issue 15, point 11. 民法典 第二百零三条: 30 calendar days from 2027-09-01 end on 10-01, 国庆节
    // (statutory; 10-01..03, then no notice to add more): the period ends on Monday 10-04.
    let r = call("deadline", json!({"kind": "calendar-days", "days": 30, "from": "2027-09-01"})).unwrap();
    assert_eq!((r["nominalDue"].as_str(), r["due"].as_str()), (Some("2027-10-01"), Some("2027-10-04")));
    assert_eq!(skipped(&r), ["2027-10-01", "2027-10-02", "2027-10-03"]);
    assert_eq!(r["warnings"][0]["year"], 2027);
    // 汕尾 第二十二条 from Thu 2026-12-24: 12-25 (1), 12-28..31 (2..5), 2027-01-01 元旦 skipped,
    // 01-04..08 (6..10). The objection command says the same and carries the warning itself.
    let r = call("objection", json!({"publicationDate": "2026-12-24"})).unwrap();
    assert_eq!(r["lastDay"], "2027-01-08");
    assert_eq!(r["filing"]["skipped"][2]["date"], "2027-01-01");
    // (Besides the trial period of the measures, 第三十四条: W_SOURCE_TRIAL_ENDED.)
    let w: Vec<i64> = uncovered(&r).iter().map(|w| w["year"].as_i64().unwrap()).collect();
    assert_eq!(w, [2027]);
    assert!(uncovered(&r)[0]["zh"].as_str().unwrap().contains("法定节假日"));
    // Review from that last day: 01-11..22, 10 working days, no holiday in between.
    assert_eq!(r["reviewDue"], "2027-01-22");
    // A timeline across the new year: every step warned once.
    let r = call("timeline", json!({"process": "objection", "from": "2026-12-24"})).unwrap();
    assert_eq!(uncovered(&r).len(), 1);
    assert_eq!(r["yearsRelied"].as_array().unwrap().iter().find(|y| y["year"] == 2027).unwrap()["statutory"], true);
    // The repair check's timeline too (第三十条: 10 working days from receipt on 2027-02-01:
    // 02-02..04 (1..3), 除夕 02-05 … 初三 02-08 skipped, 02-09..10 (4..5), 02-11..12, 15..17 (6..10)).
    let r = call("timeline", json!({"process": "repair", "from": "2027-02-01", "outcome": "repaired"})).unwrap();
    let decision = r["steps"].as_array().unwrap().iter().find(|s| s["type"] == "deadline").unwrap();
    assert_eq!(decision["date"], "2027-02-17");
    assert_eq!(uncovered(&r)[0]["year"], 2027);
    // A year with its notice loaded: no warning, and the notice governs.
    let y2027 = json!({"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]});
    let r = call("objection", json!({"publicationDate": "2026-12-24", "holidays": y2027})).unwrap();
    assert_eq!((r["lastDay"].as_str(), uncovered(&r).len()), (Some("2027-01-08"), 0));
}
