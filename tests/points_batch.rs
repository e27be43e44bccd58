//! 医保支付资格记分 for a list of persons (issue 16, point 3): a CSV with one record a row, added up
//! per person. Expected values are worked out here from the figures of 医保发〔2024〕23号 (12 points
//! a calendar year; 9 → suspension of 1 to 6 months; 12 → termination; re-registration barred 1
//! year when accumulated, 3 years when 12 points come at once) and the Civil Code's counting of
//! months, not taken from the tool's output.

use serde_json::{json, Value};
use yibao_credit::api;

const HEADER: &str = "姓名,证件号码或人员代码,人员类型,决定日期,记分,记分档,行为,责任程度,决定书文号,说明";

fn csv(rows: &[&str]) -> String {
    let mut s = format!("{HEADER}\r\n");
    for r in rows {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s
}

fn call(input: Value) -> Result<Value, Value> {
    match api::call("payment-points-batch", &input.to_string()) {
        Ok(s) => Ok(serde_json::from_str(&s).unwrap()),
        Err(e) => Err(serde_json::from_str(&e.to_json()).unwrap()),
    }
}

fn ok(input: Value) -> Value {
    call(input.clone()).unwrap_or_else(|e| panic!("{input} refused: {e}"))
}

/// Two persons: a doctor with records on 2025-12-31 and 2026-01-01 (the year boundary) reaching 9
/// in 2026; a pharmacist with 12 points at once.
fn two_persons() -> String {
    csv(&[
        "李四,D001,医保医师,2025-12-31,6,4-6,,重要责任,某医保〔2025〕9号,",
        "王五,P002,医保药师,2026-03-10,12,10-12,,主要责任,某医保〔2026〕3号,欺诈骗保",
        "李四,D001,医保医师,2026-01-01,3,1-3,,一般责任,某医保〔2026〕1号,",
        "李四,D001,医保医师,2026/5/20,6,4至6分档,,主要,,",
    ])
}

#[test]
fn two_persons_across_a_year_boundary_and_twelve_at_once() {
    let r = ok(json!({"csv": two_persons(), "asOf": "2026-12-31"}));
    assert_eq!(r["year"], 2026);
    assert_eq!(r["summary"]["persons"], 2);
    assert_eq!(r["summary"]["rows"], 4);
    assert_eq!(r["summary"]["rowsWithErrors"], 0);
    assert_eq!(r["summary"]["suspend"], 1);
    assert_eq!(r["summary"]["terminate"], 1);
    let p = &r["persons"];

    // 李四: the 2025-12-31 record belongs to 2025 and does not count; 3 + 6 = 9 in 2026.
    let li = &p[0];
    assert_eq!(li["person"], json!({"type": "physician", "name": "李四", "code": "D001"}));
    assert_eq!(li["rows"], json!([2, 4, 5]));
    assert_eq!(li["recordRows"], json!([2, 4, 5]));
    assert_eq!(li["total"], 9);
    assert_eq!(li["complete"], true);
    let recs = li["records"].as_array().unwrap();
    assert_eq!(recs[0]["date"], "2025-12-31");
    assert_eq!(recs[0]["counted"], false);
    assert!(recs[0]["reason"]["zh"].as_str().unwrap().contains("属于 2025 年"), "{}", recs[0]);
    assert_eq!(recs[1]["date"], "2026-01-01");
    assert_eq!(recs[1]["counted"], true);
    assert_eq!(recs[1]["runningTotal"], 3);
    assert_eq!(recs[1]["responsibility"]["zh"], "一般责任");
    // The spreadsheet's 2026/5/20, 「4至6分档」 and 「主要」 are read as the date, band and responsibility.
    assert_eq!(recs[2]["date"], "2026-05-20");
    assert_eq!(recs[2]["band"]["zh"], "4至6分档");
    assert_eq!(recs[2]["responsibility"]["zh"], "主要责任");
    assert_eq!(recs[2]["runningTotal"], 9);
    let c = &li["consequence"];
    assert_eq!(c["kind"], "suspend");
    assert_eq!(c["reachedOn"], "2026-05-20");
    assert_eq!(c["suspension"]["from"], "2026-05-20");
    assert_eq!(c["suspension"]["untilEarliest"], "2026-06-20");
    assert_eq!(c["suspension"]["untilLatest"], "2026-11-20");
    // The Civil Code's articles that count the months, from the law library.
    assert_eq!(c["suspension"]["cite"]["refs"], json!([{"law": "civil-code-2020", "article": "201"}, {"law": "civil-code-2020", "article": "202"}]));
    assert_eq!(li["next"]["points"], 12);
    assert_eq!(li["next"]["needed"], 3);
    assert_eq!(li["next"]["kind"], "terminate");

    // 王五: 12 points at once → terminated; re-registration barred 3 years from the decision.
    let wang = &p[1];
    assert_eq!(wang["person"]["type"], "pharmacist");
    assert_eq!(wang["total"], 12);
    let c = &wang["consequence"];
    assert_eq!(c["kind"], "terminate");
    assert_eq!(c["reRegistration"]["atOnce"], true);
    assert_eq!(c["reRegistration"]["years"], 3);
    assert_eq!(c["reRegistration"]["until"], "2029-03-10");
    assert!(wang["next"].is_null());

    // The result file: one row per person, in the file's order of first appearance.
    let lines: Vec<&str> = r["csv"].as_str().unwrap().split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("姓名,证件号码或人员代码,人员类型,年度,累计记分"));
    assert!(lines[1].starts_with("李四,D001,医保医师,2026,9,12,"), "{}", lines[1]);
    assert!(lines[1].contains(",2026-05-20,2026-05-20,2026-06-20,2026-11-20,,再记 3 分："), "{}", lines[1]);
    assert!(lines[2].starts_with("王五,P002,医保药师,2026,12,12,"), "{}", lines[2]);
    assert!(lines[2].contains(",2026-03-10,,,,2029-03-10,,"), "{}", lines[2]);
}

#[test]
fn the_year_is_the_as_of_dates_so_the_other_side_of_the_boundary_counts_in_2025() {
    let r = ok(json!({"csv": two_persons(), "asOf": "2025-12-31"}));
    let li = &r["persons"][0];
    // Only the 2025-12-31 record counts in 2025; the 2026 ones are of another year.
    assert_eq!(li["total"], 6);
    assert!(li["consequence"].is_null());
    assert_eq!(li["records"][0]["counted"], true);
    assert_eq!(li["records"][1]["counted"], false);
    assert_eq!(r["persons"][1]["total"], 0);
    assert_eq!(r["summary"]["none"], 2);
}

#[test]
fn twelve_accumulated_bars_one_year_and_twelve_at_once_three() {
    let r = ok(json!({"csv": csv(&[
        "甲,A1,,2026-02-01,6,,,,,",
        "甲,A1,,2026-04-01,6,,,,,",
        "乙,B2,,2026-02-01,12,,,,,",
    ]), "asOf": "2026-12-31"}));
    let a = &r["persons"][0]["consequence"];
    assert_eq!(a["kind"], "terminate");
    assert_eq!(a["reRegistration"]["atOnce"], false);
    assert_eq!(a["reRegistration"]["until"], "2027-04-01");
    let b = &r["persons"][1]["consequence"];
    assert_eq!(b["reRegistration"]["atOnce"], true);
    assert_eq!(b["reRegistration"]["until"], "2029-02-01");
    // A blank type is the default (physician).
    assert_eq!(r["persons"][0]["person"]["type"], "physician");
}

#[test]
fn rows_that_cannot_be_read_are_listed_and_not_counted() {
    let r = ok(json!({"csv": csv(&[
        "赵六,Z9,医保医师,2026-02-30,3,,,,,",
        "赵六,Z9,医保医师,2026-03-01,5,1-3,,,,",
        "赵六,Z9,医保医师,2026-03-02,2,,,无责任,,",
        "赵六,Z9,参保人员,2026-03-03,2,,,,,",
        "赵六,Z9,医保医师,2026-03-04,两分,,,,,",
        "赵六,Z9,医保医师,2026-03-05,3,,,,,",
        ",,,2026-03-05,3,,,,,",
        "钱七,Z9,医保医师,2026-03-06,3,,,,,",
    ]), "asOf": "2026-12-31"}));
    let z = &r["persons"][0];
    assert_eq!(z["complete"], false);
    // Only the good rows count: 3 + 3 (钱七 has 赵六's code: the same person, with a warning).
    assert_eq!(z["total"], 6);
    assert_eq!(z["recordRows"], json!([7, 9]));
    let probs = z["problems"].as_array().unwrap();
    let at = |row: u64| probs.iter().find(|p| p["row"] == row).unwrap_or_else(|| panic!("no problem on row {row}: {probs:?}"));
    assert_eq!(at(2)["column"], "决定日期");
    assert_eq!(at(3)["column"], "记分");
    assert!(at(3)["zh"].as_str().unwrap().contains("1至3分档的记分应为 1 至 3 分，实为 5"), "{}", at(3));
    assert_eq!(at(4)["column"], "责任程度");
    assert_eq!(at(5)["column"], "人员类型");
    assert_eq!(at(6)["column"], "记分");
    assert_eq!(at(9)["level"], "warning");
    assert!(probs.iter().all(|p| !p["zh"].as_str().unwrap().contains("第 1 条记录")), "{probs:?}");
    // A row with neither a name nor a code belongs to no one: listed with the file's problems.
    assert_eq!(r["problems"][0]["row"], 8);
    assert_eq!(r["summary"]["rowsWithErrors"], 6);
    assert_eq!(r["summary"]["incomplete"], 1);
}

#[test]
fn the_header_must_say_who_and_when() {
    let e = call(json!({"csv": "姓名,记分\r\n李四,3\r\n", "asOf": "2026-12-31"})).unwrap_err();
    assert_eq!(e["code"], "E_POINTS_BATCH");
    assert!(e["zh"].as_str().unwrap().contains("决定日期"));
    let e = call(json!({"csv": "决定日期,记分\r\n2026-01-01,3\r\n", "asOf": "2026-12-31"})).unwrap_err();
    assert_eq!(e["code"], "E_POINTS_BATCH");
    let e = call(json!({"csv": "", "asOf": "2026-12-31"})).unwrap_err();
    assert_eq!(e["code"], "E_POINTS_BATCH");
    // English headers are read too; an unknown column is a warning.
    let r = ok(json!({"csv": "name,code,date,points,responsibility,extra\nA,1,2026-01-05,9,main,x\n", "asOf": "2026-12-31"}));
    assert_eq!(r["persons"][0]["total"], 9);
    assert_eq!(r["problems"][0]["level"], "warning");
    assert_eq!(r["problems"][0]["column"], "extra");
}

#[test]
fn a_province_model_and_its_acts_by_their_text() {
    let r = ok(json!({"csv": csv(&[
        "孙八,S8,医保医师,2026-04-01,5,,penalty-art-38-39,一般责任,,",
        "孙八,S8,医保医师,2026-07-01,5,,所在机构被依照《医疗保障基金使用监督管理条例》第三十八条、第三十九条处罚，本人负有责任,重要责任,,",
    ]), "asOf": "2026-12-31", "model": "example-province"}));
    let s = &r["persons"][0];
    assert_eq!(s["total"], 10);
    assert_eq!(s["consequence"]["kind"], "suspend");
    assert_eq!(s["consequence"]["suspension"]["untilLatest"], "2026-11-01");
    assert_eq!(r["model"]["sample"], true);
    assert!(r["notes"].as_array().unwrap().iter().any(|n| n["zh"].as_str().unwrap().contains("您所在省份的细则可能不同")));
    assert!(s["records"][0]["act"]["zh"].as_str().unwrap().contains("第三十八条"));
}

#[test]
fn the_template_is_read_back_by_the_batch() {
    let t: Value = serde_json::from_str(&api::call("payment-points-template", "{}").unwrap()).unwrap();
    let text = t["csv"].as_str().unwrap();
    assert!(text.starts_with(HEADER), "{text}");
    let r = ok(json!({"csv": text, "asOf": "2026-12-31"}));
    assert_eq!(r["summary"]["rowsWithErrors"], 0);
    assert_eq!(r["persons"][0]["total"], 9);
}

/// The command line reads the CSV file (UTF-8 or GBK) and prints the same JSON as the API.
#[test]
fn the_command_line_prints_what_the_api_answers() {
    let dir = std::env::temp_dir().join(format!("yc-points-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("名单.csv");
    std::fs::write(&file, format!("\u{feff}{}", two_persons())).unwrap();
    let bin = env!("CARGO_BIN_EXE_yibao-credit");
    let out = std::process::Command::new(bin)
        .args(["payment-points-batch", "--csv", file.to_str().unwrap(), "--as-of", "2026-12-31", "--model", "national"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let api_out = api::call("payment-points-batch", &json!({"csv": two_persons(), "asOf": "2026-12-31", "model": "national"}).to_string()).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), api_out);
    // The same list saved as GBK (as Excel does in Chinese) gives the same answer.
    let gbk = encoding_rs::GBK.encode(&two_persons()).0.into_owned();
    std::fs::write(&file, gbk).unwrap();
    let out = std::process::Command::new(bin).args(["payment-points-batch", "--csv", file.to_str().unwrap(), "--as-of", "2026-12-31"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let api_out = api::call("payment-points-batch", &json!({"csv": two_persons(), "asOf": "2026-12-31"}).to_string()).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), api_out);
    // The template, as CSV.
    let out = std::process::Command::new(bin).arg("payment-points-template").output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with(HEADER));
    std::fs::remove_dir_all(&dir).ok();
}
