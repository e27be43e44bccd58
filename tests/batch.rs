//! Batch evaluation: encodings, duplicates, broken rows, not-CSV input, quoting, CSV injection,
//! template round trip, agreement with `evaluate`, chunking, commands and the CLI.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至二十条；秦皇岛方案 整改任务分工表 第1项.

use std::process::Command;
use yibao_credit::batch::{run_text, template, ChunkedBatch, Summary};
use yibao_credit::evaluate::{evaluate_with, EvaluateInput, Event, Subject};
use yibao_credit::points::Points;
use yibao_credit::rules::{builtin, Scoring};

mod common;
use common::{header, opts, pharmacy, uscc};

/// A code as the result CSV writes it, so that Excel keeps it as text: `"=""…"""`.
fn as_text(code: &str) -> String {
    format!("\"=\"\"{code}\"\"\"")
}

/// A pharmacy row: name, code, then yes/no ×4, level, yes/no ×2, counts ×11, direct ×2.
fn row(name: &str, code: &str, level: &str, counts: [&str; 11], list: &str) -> String {
    format!("{name},{code},,是,是,是,是,{level},是,是,{},{list},", counts.join(","))
}

const ZERO: [&str; 11] = ["", "", "", "", "", "", "", "", "", "", ""];

fn rows_of(out: &yibao_credit::batch::BatchOut) -> Vec<serde_json::Value> {
    serde_json::from_value(serde_json::to_value(&out.rows).unwrap()).unwrap()
}

fn run(csv: &str) -> yibao_credit::batch::BatchOut {
    run_text(pharmacy(), opts("2025-12-31"), csv).unwrap()
}

fn codes(s: &Summary) -> Vec<&'static str> {
    s.file_problems.iter().map(|p| p.code).collect()
}

#[test]
fn scores_grades_and_measures_of_good_rows() {
    let a = uscc("91441500MA4W00000");
    let b = uscc("91441500MA4W00001");
    let csv = format!(
        "{}\r\n{}\r\n{}\r\n",
        header(),
        row("甲药房", &a, "优秀", ZERO, ""),
        row("乙药房", &b, "不合格", ["1", "2", "1", "", "", "", "", "", "", "", ""], "")
    );
    let out = run(&csv);
    let rows = rows_of(&out);
    assert_eq!(out.summary.rows_total, 2);
    assert_eq!(out.summary.rows_evaluated, 2);
    assert_eq!(out.summary.rows_with_problems, 0);
    // Row 2: every yes/no met, 优秀, no deductions, no award: 1000 − 50 (20201 bonus not earned).
    assert_eq!(rows[0], serde_json::json!([2, "甲药房", a, "retail-pharmacy", 950, "A", [], null]));
    // Row 3: 不合格 (0 of 150), award +25 of 50, 30101 −50 of 50, 30102 −50 of 100.
    assert_eq!(rows[1][4], serde_json::json!(1000 - 150 - 25 - 50 - 50));
    assert_eq!(rows[1][5], "D");
    let a_count = out.summary.distribution.iter().find(|g| g.grade == "A").unwrap();
    assert_eq!(a_count.count, 1);
    assert!(a_count.measures.iter().any(|m| m.id == "25-1"));
    let lines: Vec<&str> = out.result_csv.split("\r\n").collect();
    // The input's columns kept (行号 first), then the result's.
    assert!(out.result_csv.starts_with(&format!("\u{feff}行号,{},得分,等级,等级名称,直接定级原因,措施,问题,指标ID,指标版本,指标SHA-256\r\n", header())));
    let input_row = row("甲药房", &a, "优秀", ZERO, "");
    let kept = input_row.replacen(&a, &as_text(&a), 1);
    assert!(lines[1].starts_with(&format!("2,{kept},950,A,信用优秀,,25-1 在协议管理方面简化受理流程")), "{}", lines[1]);
    assert!(lines[1].ends_with(&format!(",,sample-retail-pharmacy,2026.1,{}", pharmacy().hash)));
}

#[test]
fn utf8_with_and_without_bom_give_the_same_result() {
    let body = format!("{}\r\n{}\r\n", header(), row("甲药房", &uscc("91441500MA4W00000"), "良好", ZERO, ""));
    let with = run(&format!("\u{feff}{body}"));
    let without = run(&body);
    assert_eq!(with.result_csv, without.result_csv);
    assert_eq!(with.rows, without.rows);
    assert_eq!(rows_of(&with)[0][4], serde_json::json!(1000 - 50 - 30));
    // LF line ends read the same as CRLF.
    let lf = run(&body.replace("\r\n", "\n"));
    assert_eq!(lf.rows, without.rows);
}

#[test]
fn duplicates_of_both_kinds_with_row_numbers() {
    let a = uscc("91441500MA4W00000");
    let b = uscc("91441500MA4W00001");
    let c = uscc("91441500MA4W00002");
    let csv = format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n",
        header(),
        row("甲药房", &a, "优秀", ZERO, ""),  // 2
        row("乙药房", &a, "优秀", ZERO, ""),  // 3: 一码多赋 with 2
        row("丙药房", &b, "优秀", ZERO, ""),  // 4
        row("丙 药房", &c, "优秀", ZERO, ""), // 5: 重复赋码 with 4 (spaces ignored)
        row("甲药房", &a, "优秀", ZERO, ""),  // 6: same as 2, not a duplicate by itself
    );
    let out = run(&csv);
    let d = &out.summary.duplicates;
    assert_eq!(d.one_code_many_names.len(), 1);
    assert_eq!(d.one_code_many_names[0].code, a);
    assert_eq!(d.one_code_many_names[0].rows, vec![2, 3, 6]);
    assert_eq!(d.one_code_many_names[0].names[0].rows, vec![2, 6]);
    assert_eq!(d.one_name_many_codes.len(), 1);
    assert_eq!(d.one_name_many_codes[0].name, "丙药房");
    assert_eq!(d.one_name_many_codes[0].rows, vec![4, 5]);
    // Exactly what ident::find_duplicates says over all rows.
    let all = [(2, "甲药房", a.as_str()), (3, "乙药房", &a), (4, "丙药房", &b), (5, "丙 药房", &c), (6, "甲药房", &a)];
    assert_eq!(*d, yibao_credit::ident::find_duplicates(&all));
    assert_eq!(out.summary.rows_evaluated, 5);
}

#[test]
fn broken_rows_are_row_problems_and_good_rows_still_evaluate() {
    let good = uscc("91441500MA4W00000");
    let mut bad_check = uscc("91441500MA4W00001");
    bad_check.replace_range(17..18, if bad_check.ends_with('0') { "1" } else { "0" });
    let bad_yes_no = format!("是否错,{},,可能,是,是,是,优秀,是,是,,,,,,,,,,,,,", uscc("91441500MA4W00004"));
    let csv = format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n",
        header(),
        row("好药房", &good, "优秀", ZERO, ""),
        row("次数错", &uscc("91441500MA4W00002"), "优秀", ["x", "", "", "", "", "", "", "", "", "", ""], ""),
        row("档次错", &uscc("91441500MA4W00003"), "很好", ZERO, "也许"),
        row("代码错", &bad_check, "优秀", ZERO, ""),
        bad_yes_no,
    );
    let out = run(&csv);
    let rows = rows_of(&out);
    assert_eq!(out.summary.rows_total, 5);
    assert_eq!(out.summary.rows_evaluated, 2);
    assert_eq!(out.summary.rows_with_problems, 4);
    assert_eq!(rows[0][4], 950);
    // Bad count: not graded, problem on column 20201.
    assert_eq!(rows[1][4], serde_json::Value::Null);
    assert_eq!(rows[1][6][0][0], "E_FACT_VALUE");
    assert_eq!(rows[1][6][0][1], "20201");
    // Bad level and bad yes/no in a direct-grade column: two problems.
    assert_eq!(rows[2][5], serde_json::Value::Null);
    let p: Vec<&str> = rows[2][6].as_array().unwrap().iter().map(|p| p[1].as_str().unwrap()).collect();
    assert_eq!(p, vec!["20101", "被依法依规列入严重失信主体名单"]);
    // Bad code: listed, but the row is graded.
    assert_eq!(rows[3][5], "A");
    assert_eq!(rows[3][6][0][0], "E_BATCH_CODE");
    assert!(rows[3][6][0][2].as_str().unwrap().contains("校验码"));
    // Bad yes/no.
    assert_eq!(rows[4][6][0][0], "E_FACT_VALUE");
    assert_eq!(rows[4][6][0][1], "10101");
    assert_eq!(out.summary.problem_counts["E_FACT_VALUE"], 4);
    assert_eq!(out.summary.problem_counts["E_BATCH_CODE"], 1);
    assert_eq!(out.summary.problems[0].row, 3);
}

#[test]
fn wrong_subject_type_and_blank_answers() {
    let a = format!("甲,{},定点医疗机构,是,是,是,是,优秀,是,是,,,,,,,,,,,,,", uscc("91441500MA4W00000"));
    let b = format!("乙,{},retail-pharmacy,是,,是,是,,是,是,,,,,,,,,,,,,", uscc("91441500MA4W00001"));
    let csv = format!("{}\n{a}\n{b}\n", header());
    let out = run(&csv);
    let rows = rows_of(&out);
    assert_eq!(rows[0][6][0][0], "E_SUBJECT_TYPE");
    assert_eq!(rows[0][4], serde_json::Value::Null);
    // Blank yes/no (10102, 20) and blank rating (20101, 150) count 0, as in `evaluate`, and are listed.
    assert_eq!(rows[1][4], 1000 - 20 - 150 - 50);
    let p: Vec<(&str, &str)> = rows[1][6].as_array().unwrap().iter().map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap())).collect();
    assert_eq!(p, vec![("W_BATCH_MISSING", "10102"), ("W_BATCH_MISSING", "20101")]);
}

#[test]
fn empty_header_only_and_blank_rows() {
    for empty in ["", "\u{feff}", "\u{feff}\r\n"] {
        let e = run_text(pharmacy(), opts("2025-12-31"), empty).unwrap_err();
        assert_eq!(e.code, "E_BATCH_EMPTY", "{empty:?}");
    }
    let out = run(&format!("{}\r\n", header()));
    assert_eq!(out.summary.rows_total, 0);
    assert_eq!(codes(&out.summary), vec!["W_BATCH_NO_ROWS"]);
    assert_eq!(out.result_csv, format!("\u{feff}行号,{},得分,等级,等级名称,直接定级原因,措施,问题,指标ID,指标版本,指标SHA-256\r\n", header()));
    let out = run(&format!("{}\r\n,,,,\r\n\r\n", header()));
    assert_eq!(out.summary.rows_total, 0);
    assert_eq!(out.summary.rows_blank, 2);
}

#[test]
fn not_csv_is_refused_clearly() {
    let cases: [&[u8]; 6] = [
        b"{\"subject\":{\"type\":\"retail-pharmacy\"}}",
        b"  [1,2,3]",
        b"<!doctype html><html><body>x</body></html>",
        b"PK\x03\x04\x14\x00\x06\x00binary",
        b"\x00\x01\x02\x03\x04\x05\x06\x07binary\x00\x00",
        b"%PDF-1.7\n",
    ];
    for c in cases {
        let mut s = yibao_credit::batch::Session::new(pharmacy(), opts("2025-12-31")).unwrap();
        let mut sink = yibao_credit::batch::CsvOut::default();
        s.push(c, &mut sink).unwrap();
        let e = s.finish(&mut sink).unwrap_err();
        assert_eq!(e.code, "E_BATCH_NOT_CSV", "{c:?}");
        assert!(e.zh.contains("不是 CSV"));
        assert!(e.en.contains("not a CSV"));
    }
    // Text, but not a batch header.
    let e = run_text(pharmacy(), opts("2025-12-31"), "a,b,c\n1,2,3\n").unwrap_err();
    assert_eq!(e.code, "E_BATCH_HEADER");
    // GBK bytes given to the core as UTF-8: a clear encoding error.
    let head = format!("{}\r\n", header());
    let (gbk, _, _) = encoding_rs::GBK.encode(&head);
    let mut s = yibao_credit::batch::Session::new(pharmacy(), opts("2025-12-31")).unwrap();
    let mut sink = yibao_credit::batch::CsvOut::default();
    s.push(&gbk, &mut sink).unwrap();
    assert_eq!(s.finish(&mut sink).unwrap_err().code, "E_BATCH_ENCODING");
}

#[test]
fn quoted_fields_with_commas_quotes_and_newlines() {
    let code = uscc("91441500MA4W00000");
    let csv = format!("{}\r\n{}\r\n", header(), row("\"汕尾市\"\"康泰\"\",城区\r\n分店\"", &code, "优秀", ZERO, ""));
    let out = run(&csv);
    let rows = rows_of(&out);
    assert_eq!(rows[0][1], "汕尾市\"康泰\",城区\r\n分店");
    assert_eq!(rows[0][4], 950);
    assert!(out.result_csv.contains(&format!("\r\n2,\"汕尾市\"\"康泰\"\",城区\r\n分店\",{},", as_text(&code))));
}

#[test]
fn csv_injection_is_defused() {
    let csv = format!(
        "{}\n{}\n{}\n",
        header(),
        row("=HYPERLINK(\"http://x\"),", &uscc("91441500MA4W00000"), "优秀", ZERO, ""),
        row("@SUM(A1)", "-1+1", "优秀", ZERO, "")
    );
    let csv = csv.replacen("=HYPERLINK(\"http://x\"),", "\"=HYPERLINK(\"\"http://x\"\")\"", 1);
    let out = run(&csv);
    let lines: Vec<&str> = out.result_csv.split("\r\n").collect();
    assert!(lines[1].starts_with("2,\"'=HYPERLINK(\"\"http://x\"\")\","), "{}", lines[1]);
    assert!(lines[2].starts_with("3,'@SUM(A1),'-1+1,"), "{}", lines[2]);
    // The rows for the page keep the text as written.
    assert_eq!(rows_of(&out)[1][1], "@SUM(A1)");
}

/// OWASP: a leading tab or carriage return before `=` is neutralised too, in every cell the result
/// writes — the rows' own and those that come from a rule file (grade label, rule id, version).
#[test]
fn csv_injection_from_rule_files_and_after_a_tab_is_defused() {
    let mut doc: serde_json::Value = serde_json::from_str(&yibao_credit::api::call("rules", r#"{"name":"retail-pharmacy"}"#).unwrap()).unwrap();
    // (A bureau's own grades: bands that cite its own document, not 第十九条, may be named freely.)
    doc["sources"].as_array_mut().unwrap().push(serde_json::json!({"id": "county", "title": "《某县评价细则》"}));
    for b in doc["bands"].as_array_mut().unwrap() {
        b["label"]["zh"] = serde_json::json!("\t=HYPERLINK(\"http://x\")");
        b["cite"] = serde_json::json!({"source": "county", "article": "第五条"});
    }
    doc["id"] = serde_json::json!("\r=cmd|' /C calc'!A0");
    doc["version"] = serde_json::json!("\t+1");
    let rules = yibao_credit::rules::CompiledRules::from_json(&doc.to_string()).unwrap();
    let csv = format!("{}\n{}\n", header(), row("\t=1+1", &uscc("91441500MA4W00000"), "优秀", ZERO, ""));
    let out = run_text(&rules, opts("2025-12-31"), &csv).unwrap();
    let record = out.result_csv.split("\r\n").nth(1).unwrap();
    // (The row's cell is kept as written, its tab included, and defused.)
    assert!(record.starts_with("2,'\t=1+1,"), "name: {record:?}");
    assert!(record.contains(",\"'\t=HYPERLINK("), "grade label: {record:?}");
    assert!(record.contains("\"'\r=cmd"), "rule id: {record:?}");
    assert!(record.contains(",'\t+1,"), "version: {record:?}");
}

#[test]
fn template_round_trip_for_every_shipped_set() {
    for (name, _) in builtin::BUILTIN {
        let rules = builtin::by_name(name).unwrap();
        let t = template(rules);
        assert!(t.starts_with('\u{feff}') && t.ends_with("\r\n"), "{name}");
        // Header, example row, explanation: the example and the explanation are skipped.
        let t = format!("{}\r\n", t.split("\r\n").next().unwrap());
        let person = rules.doc.subject_class == "person";
        assert!(t.contains(if person { "身份证号码" } else { "统一社会信用代码" }));
        let n_cols = t.trim_end().split(',').count();
        // Fill one row with the best answers: yes, the best level, 0 counts, not listed.
        let headers: Vec<&str> = t.trim_start_matches('\u{feff}').trim_end().split(',').collect();
        let cells: Vec<String> = headers
            .iter()
            .map(|h| {
                if h.starts_with("名称") || h.starts_with("姓名") {
                    "测试主体".to_string()
                } else if h.starts_with("统一社会信用代码") {
                    uscc("91441500MA4W00000")
                } else if h.starts_with("身份证号码") {
                    "11010519491231002X".to_string()
                } else if h.starts_with("主体类型") {
                    String::new()
                } else if h.ends_with("（是/否）") && h.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    "是".to_string()
                } else if h.contains("优秀/") {
                    "优秀".to_string()
                } else if h.ends_with("（次数）") {
                    "0".to_string()
                } else {
                    "否".to_string()
                }
            })
            .collect();
        assert_eq!(cells.len(), n_cols);
        let mut o = opts("2025-12-31");
        o.default_type = Some(rules.doc.subject_types[0].clone());
        let out = run_text(rules, o, &format!("{t}{}\r\n", cells.join(","))).unwrap();
        assert!(out.summary.file_problems.is_empty(), "{name}: {:?}", out.summary.file_problems);
        assert!(out.summary.columns.iter().all(|c| c.role != "unknown"), "{name}");
        let rows = rows_of(&out);
        assert_eq!(rows[0][6], serde_json::json!([]), "{name}");
        // Every yes, best level, no deductions: the scale minus the bonus leaves not earned.
        let bonus: Points = rules
            .doc
            .indicators
            .iter()
            .filter(|i| matches!(i.scoring, Some(Scoring::Bonus { .. })))
            .map(|i| i.points)
            .sum();
        assert_eq!(Points::parse(&rows[0][4].to_string()).unwrap(), rules.doc.scale - bonus, "{name}");
    }
}

/// xorshift64
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn batch_agrees_with_evaluate_on_many_generated_rows() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut compared = 0;
    let mut direct_compared = 0;
    for (name, _) in builtin::BUILTIN {
        let rules = builtin::by_name(name).unwrap();
        let leaves: Vec<&yibao_credit::rules::Indicator> =
            rules.doc.indicators.iter().filter(|i| rules.children[rules.by_code[&i.code]].is_empty()).collect();
        let kinds: Vec<(String, Vec<String>)> = {
            let mut k: Vec<String> = vec![];
            for d in &rules.doc.direct_grades {
                for e in &d.event_kinds {
                    if !k.contains(e) {
                        k.push(e.clone());
                    }
                }
            }
            k.into_iter().map(|x| (x.clone(), vec![x])).collect()
        };
        let st = rules.doc.subject_types[0].clone();
        let mut header = vec!["名称".to_string(), "代码".to_string(), "主体类型".to_string()];
        header.extend(leaves.iter().map(|l| l.code.clone()));
        header.extend(kinds.iter().map(|k| k.0.clone()));
        let mut csv = header.join(",") + "\r\n";
        let mut inputs = vec![];
        for r in 0..1500 {
            let mut cells = vec![format!("主体{r}"), String::new(), st.clone()];
            let mut facts = std::collections::BTreeMap::new();
            for l in &leaves {
                let v = match l.scoring.as_ref().unwrap() {
                    Scoring::Deduction { .. } | Scoring::Bonus { .. } => match rng.below(6) {
                        0 => String::new(),
                        n => (n - 1 + rng.below(2) * rng.below(4)).to_string(),
                    },
                    Scoring::YesNo { .. } => ["是", "否", "", "yes", "N", "符合"][rng.below(6) as usize].to_string(),
                    Scoring::Rating { levels } if !levels.is_empty() => {
                        let lv = &levels[rng.below(levels.len() as u64) as usize];
                        match rng.below(4) {
                            0 => String::new(),
                            1 => lv.id.clone(),
                            _ => lv.label.zh.clone(),
                        }
                    }
                    Scoring::Rating { .. } => Points(rng.below(l.points.0 as u64 + 1) as i64).to_string(),
                };
                if !v.is_empty() {
                    facts.insert(l.code.clone(), yibao_credit::value::Value::String(v.clone()));
                }
                cells.push(v);
            }
            let mut events = vec![];
            for (k, _) in &kinds {
                let yes = rng.below(25) == 0;
                cells.push(if yes { "是".into() } else { String::new() });
                if yes {
                    events.push(Event { kind: k.clone(), date: "2025-06-30".into(), ..Default::default() });
                }
            }
            csv.push_str(&cells.join(","));
            csv.push_str("\r\n");
            inputs.push((facts, events));
        }
        let out = run_text(rules, opts("2025-12-31"), &csv).unwrap();
        let rows = rows_of(&out);
        assert_eq!(rows.len(), inputs.len());
        for (row, (facts, events)) in rows.iter().zip(&inputs) {
            let base = EvaluateInput {
                subject: Subject { subject_type: st.clone(), ..Default::default() },
                as_of: "2025-12-31".into(),
                facts: facts.clone(),
                ..Default::default()
            };
            // Points and the grade the points give: evaluate without events.
            let e = evaluate_with(rules, &base).unwrap();
            assert_eq!(Points::parse(&row[4].to_string()).unwrap(), e.score, "{name} {row}");
            if events.is_empty() {
                assert_eq!(row[5], e.grade, "{name} {row}");
            } else {
                // With the direct-grade events: the batch counts do not include them, so take
                // one occurrence off each leaf that also counts that kind (when it has one).
                let mut facts = facts.clone();
                let mut ok = true;
                for ev in events {
                    for l in &leaves {
                        if let Some(Scoring::Deduction { event_kinds, .. } | Scoring::Bonus { event_kinds, .. }) = &l.scoring {
                            if event_kinds.contains(&ev.kind) {
                                let n: u64 = facts.get(&l.code).and_then(|v| v.as_str()).and_then(|s| s.parse().ok()).unwrap_or(0);
                                if n == 0 {
                                    ok = false;
                                } else {
                                    facts.insert(l.code.clone(), yibao_credit::value::Value::String((n - 1).to_string()));
                                }
                            }
                        }
                    }
                }
                if ok {
                    let e2 = evaluate_with(rules, &EvaluateInput { facts, events: events.clone(), ..base }).unwrap();
                    assert_eq!(Points::parse(&row[4].to_string()).unwrap(), e2.score, "{name} {row}");
                    assert_eq!(row[5], e2.grade, "{name} {row}");
                    direct_compared += 1;
                } else {
                    assert_eq!(row[5], "E", "{name} {row}");
                }
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 6000);
    assert!(direct_compared > 100, "{direct_compared}");
}

#[test]
fn chunks_split_anywhere_give_the_same_result() {
    let a = uscc("91441500MA4W00000");
    let csv = format!(
        "\u{feff}{}\r\n{}\r\n{}\r\n{}",
        header(),
        row("\"甲,\"\"药\"\"\r\n房\"", &a, "优秀", ZERO, ""),
        row("乙药房", &a, "良好", ["1", "", "", "", "", "", "", "", "", "", ""], "是"),
        row("丙药房", &uscc("91441500MA4W00001"), "合格", ZERO, "")
    );
    let whole = run(&csv);
    let input = r#"{"asOf":"2025-12-31","type":"retail-pharmacy"}"#;
    for step in [1, 2, 3, 5, 7, 64, 4096] {
        let mut b = ChunkedBatch::new(serde_json::from_str(input).unwrap()).unwrap();
        let mut rows = vec![];
        let mut result_csv = String::new();
        let bytes = csv.as_bytes();
        let mut i = 0;
        let mut text_pieces = vec![];
        // Split on character boundaries (JS strings), `step` characters at a time.
        let chars: Vec<char> = csv.chars().collect();
        while i < chars.len() {
            let end = (i + step).min(chars.len());
            text_pieces.push(chars[i..end].iter().collect::<String>());
            i = end;
        }
        assert_eq!(text_pieces.concat().len(), bytes.len());
        // First pass: duplicates; then the same pieces again.
        for p in &text_pieces {
            b.scan(p).unwrap();
        }
        b.end_scan().unwrap();
        for p in &text_pieces {
            let v: serde_json::Value = serde_json::to_value(b.push(p).unwrap()).unwrap();
            rows.extend(v["rows"].as_array().unwrap().iter().cloned());
            result_csv.push_str(v["resultCsv"].as_str().unwrap());
        }
        let v: serde_json::Value = serde_json::to_value(b.finish().unwrap()).unwrap();
        rows.extend(v["rows"].as_array().unwrap().iter().cloned());
        result_csv.push_str(v["resultCsv"].as_str().unwrap());
        assert_eq!(rows, rows_of(&whole), "step {step}");
        assert_eq!(result_csv, whole.result_csv, "step {step}");
        assert_eq!(v["summary"]["duplicates"]["oneCodeManyNames"][0]["rows"], serde_json::json!([2, 3]));
        assert_eq!(v["summary"]["rowsDirectGraded"], 1);
        assert_eq!(b.push("x").unwrap_err().code, "E_BATCH_FINISHED");
    }
}

#[test]
fn commands_batch_and_template() {
    let t: serde_json::Value = serde_json::from_str(&yibao_credit::api::call("batch-template", r#"{"type":"insured"}"#).unwrap()).unwrap();
    assert!(t["csv"].as_str().unwrap().starts_with("\u{feff}姓名,身份证号码,主体类型（参保人员）,10101 "));
    let csv = format!("{}\r\n张三,11010519491231002X,,0,1,,,,,,是,\r\n", t["csv"].as_str().unwrap().split("\r\n").next().unwrap());
    let input = serde_json::json!({"csv": csv, "asOf": "2025-12-31", "type": "insured"}).to_string();
    let v: serde_json::Value = serde_json::from_str(&yibao_credit::api::call("batch", &input).unwrap()).unwrap();
    assert_eq!(v["rows"][0], serde_json::json!([2, "张三", "11010519491231002X", "insured", 90, "E", [], 0]));
    assert_eq!(v["summary"]["directRules"][0]["grade"], "E");
    assert_eq!(v["summary"]["rowsDirectGraded"], 1);
    assert_eq!(v["summary"]["subjectClass"], "person");
    let result = v["resultCsv"].as_str().unwrap();
    assert!(result.contains(&format!("\r\n2,张三,{},,0,1,,,,,,是,", as_text("11010519491231002X"))), "{result}");
    // The grade's name and, apart, the reason of the direct grade.
    assert!(result.contains(",90,E,严重失信,已被列入严重失信主体名单"), "{result}");
    // Errors: no rules, bad date, wrong type for the rules.
    let e = yibao_credit::api::call("batch", r#"{"csv":"a","asOf":"2025-12-31"}"#).unwrap_err();
    assert_eq!(e.code, "E_BATCH_RULES");
    let e = yibao_credit::api::call("batch", r#"{"csv":"a","asOf":"2025-13-31","type":"insured"}"#).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("$.asOf"));
    let rules = yibao_credit::api::call("rules", r#"{"type":"insured"}"#).unwrap();
    let e = yibao_credit::api::call("batch", &format!(r#"{{"csv":"a","asOf":"2025-12-31","type":"physician","rules":{rules}}}"#)).unwrap_err();
    assert_eq!(e.code, "E_SUBJECT_TYPE");
    // Too large for the page entry.
    let big = "a".repeat(yibao_credit::batch::MAX_TEXT_BYTES + 1);
    let e = run_text(pharmacy(), opts("2025-12-31"), &big).unwrap_err();
    assert_eq!(e.code, "E_BATCH_TOO_LARGE");
    assert!(e.zh.contains("50 MB"));
}

fn cli(args: &[&str]) -> (i32, Vec<u8>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(args).output().unwrap();
    (o.status.code().unwrap_or(-1), o.stdout, String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn cli_streams_utf8_and_gbk_and_requires_as_of() {
    let dir = std::env::temp_dir().join(format!("yibao-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = uscc("91441500MA4W00000");
    let body = format!("{}\r\n{}\r\n{}\r\n", header(), row("汕尾康泰大药房", &a, "优秀", ZERO, ""), row("海丰县仁和堂", &a, "良好", ZERO, ""));
    let utf8 = dir.join("utf8.csv");
    let bom = dir.join("bom.csv");
    let gbk = dir.join("gbk.csv");
    std::fs::write(&utf8, &body).unwrap();
    std::fs::write(&bom, format!("\u{feff}{body}")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&body);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the GBK bytes are not UTF-8");
    std::fs::write(&gbk, &bytes).unwrap();
    let mut outs = vec![];
    for f in [&utf8, &bom, &gbk] {
        let (code, out, err) = cli(&["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let s: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
        assert_eq!(s["rowsEvaluated"], 2);
        assert_eq!(s["duplicates"]["oneCodeManyNames"][0]["rows"], serde_json::json!([2, 3]));
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\u{feff}行号,名称,统一社会信用代码,主体类型"));
        assert!(text.contains(&format!("\r\n2,汕尾康泰大药房,{},", as_text(&a))));
        assert!(text.contains(",950,A,信用优秀,"));
        assert!(text.contains(",920,A,"));
        // Both rows of the 一码多赋 name each other, in the file too.
        assert!(text.contains("一码多赋：此代码也用于第 3 行（名称“海丰县仁和堂”）"), "{text}");
        assert!(text.contains("一码多赋：此代码也用于第 2 行（名称“汕尾康泰大药房”）"), "{text}");
        outs.push(text);
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    // Standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao-credit"))
        .args(["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), outs[0]);
    // Missing --as-of: a clear error, nothing on standard output.
    let (code, out, err) = cli(&["batch", "--type", "retail-pharmacy", utf8.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "E_AS_OF_MISSING");
    assert!(e["zh"].as_str().unwrap().contains("--as-of"));
    // Not CSV: nothing on standard output either.
    let json = dir.join("x.json");
    std::fs::write(&json, "{\"a\":1}").unwrap();
    let (code, out, err) = cli(&["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", json.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("E_BATCH_NOT_CSV"));
    // Template.
    let (code, out, _) = cli(&["batch-template", "--type", "retail-pharmacy"]);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8(out).unwrap(), template(pharmacy()));
    std::fs::remove_dir_all(&dir).ok();
}
