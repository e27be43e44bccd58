//! Issue 14 (points 1, 2, 4, 5, 6): the batch as a clerk uses it with Excel — duplicate codes on
//! every row involved, identifiers Excel keeps as text, codes Excel already turned into
//! scientific notation, the input's columns kept, the direct-grade reason on each row, a template
//! with an example row and an explanation; a GBK file with CRLF line ends through the CLI.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至二十条；秦皇岛方案 整改任务分工表 第1项；
//! GB 32100-2015.

use std::process::Command;
use yibao_credit::batch::{run_text, template, template_parts, Options};
use yibao_credit::rules::builtin;

mod common;
use common::{header, pharmacy, uscc};

fn opts() -> Options {
    common::opts("2025-12-31")
}

/// A pharmacy row: name, code, blank type, every yes, 优秀, no counts, `list` in the first direct column.
fn row(name: &str, code: &str, list: &str) -> String {
    format!("{name},{code},,是,是,是,是,优秀,是,是,,,,,,,,,,,,{list},")
}

fn rows(out: &yibao_credit::batch::BatchOut) -> Vec<serde_json::Value> {
    serde_json::from_value(serde_json::to_value(&out.rows).unwrap()).unwrap()
}

/// The problems of a row: (code, Chinese text).
fn problems(r: &serde_json::Value) -> Vec<(String, String)> {
    r[6].as_array().unwrap().iter().map(|p| (p[0].as_str().unwrap().to_string(), p[2].as_str().unwrap().to_string())).collect()
}

/// The result CSV's records (its lines; no field here holds a line break).
fn lines(csv: &str) -> Vec<String> {
    csv.trim_start_matches('\u{feff}').split("\r\n").map(str::to_string).collect()
}

#[test]
fn duplicates_are_marked_on_every_row_involved_naming_the_other_rows() {
    let a = uscc("91441500MA4W00000");
    let b = uscc("91441500MA4W00001");
    let c = uscc("91441500MA4W00002");
    let csv = format!(
        "{}\r\n{}\r\n{}\r\n{}\r\n{}\r\n{}\r\n{}\r\n",
        header(),
        row("甲药房", &a, ""),  // 2
        row("乙药房", &a, ""),  // 3: 一码多赋 with 2 and 6
        row("丙药房", &b, ""),  // 4
        row("丙 药房", &c, ""), // 5: 重复赋码 with 4
        row("甲药房", &a, ""),  // 6
        row("丁药房", &uscc("91441500MA4W00003"), ""), // 7: no duplicate
    );
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let r = rows(&out);
    let dup = |i: usize, code: &str| problems(&r[i]).into_iter().filter(|p| p.0 == code).map(|p| p.1).collect::<Vec<_>>();
    assert_eq!(dup(0, "W_BATCH_DUP_CODE"), vec!["一码多赋：此代码也用于第 3 行（名称“乙药房”）、第 6 行（名称“甲药房”）"]);
    assert_eq!(dup(1, "W_BATCH_DUP_CODE"), vec!["一码多赋：此代码也用于第 2 行（名称“甲药房”）、第 6 行（名称“甲药房”）"]);
    assert_eq!(dup(4, "W_BATCH_DUP_CODE"), vec!["一码多赋：此代码也用于第 2 行（名称“甲药房”）、第 3 行（名称“乙药房”）"]);
    assert_eq!(dup(2, "W_BATCH_DUP_NAME"), vec![format!("重复赋码：此名称也见于第 5 行（代码“{c}”）")]);
    assert_eq!(dup(3, "W_BATCH_DUP_NAME"), vec![format!("重复赋码：此名称也见于第 4 行（代码“{b}”）")]);
    assert!(problems(&r[5]).is_empty());
    // English too.
    assert_eq!(r[0][6][0][3], "one code, several names: this code is also on row 3 (name \"乙药房\"), row 6 (name \"甲药房\")");
    // The rows stay graded; they count as rows with problems (「只看有问题的行」) and in the counts.
    assert_eq!(out.summary.rows_evaluated, 6);
    assert_eq!(out.summary.rows_with_problems, 5);
    assert_eq!(out.summary.problem_counts.get("W_BATCH_DUP_CODE"), Some(&3));
    assert_eq!(out.summary.problem_counts.get("W_BATCH_DUP_NAME"), Some(&2));
    // In the downloaded file too.
    let l = lines(&out.result_csv);
    assert!(l[1].contains("统一社会信用代码：一码多赋：此代码也用于第 3 行（名称“乙药房”）、第 6 行（名称“甲药房”）"), "{}", l[1]);
    assert!(l[4].contains(&format!("名称：重复赋码：此名称也见于第 4 行（代码“{b}”）")), "{}", l[4]);
    // The summary is as before.
    assert_eq!(out.summary.duplicates.one_code_many_names[0].rows, vec![2, 3, 6]);
}

#[test]
fn a_large_duplicate_group_is_summarised_on_each_row() {
    let a = uscc("91441500MA4W00000");
    let mut csv = format!("{}\r\n", header());
    for i in 0..25 {
        csv.push_str(&row(&format!("药房{i}"), &a, ""));
        csv.push_str("\r\n");
    }
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let r = rows(&out);
    let texts: Vec<String> = r.iter().map(|x| problems(x).into_iter().find(|p| p.0 == "W_BATCH_DUP_CODE").unwrap().1).collect();
    // One text for the whole group: how many rows and names, the first ones.
    assert!(texts.iter().all(|t| t == &texts[0]));
    assert!(texts[0].starts_with(&format!("一码多赋：代码“{a}”共用于 25 行、25 个不同的名称，如第 2 行“药房0”、第 3 行“药房1”、第 4 行“药房2”等")), "{}", texts[0]);
    assert_eq!(out.summary.rows_with_problems, 25);
}

#[test]
fn identifiers_are_written_so_that_excel_keeps_them_as_text_and_read_back() {
    let a = uscc("91441500MA4W00000");
    let csv = format!("{}\r\n{}\r\n{}\r\n", header(), row("甲药房", &a, ""), row("=乙药房", "914415000000000000", ""));
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let l = lines(&out.result_csv);
    // `="…"` (quoted as CSV needs): Excel shows 91441500MA4W00000X, not 9.14415E+17.
    assert!(l[1].starts_with(&format!("2,甲药房,\"=\"\"{a}\"\"\",")), "{}", l[1]);
    assert!(l[2].starts_with("3,'=乙药房,\"=\"\"914415000000000000\"\"\","), "{}", l[2]);
    // Only letters and digits are written as a formula: anything else is an ordinary, defused cell.
    let odd = format!("{}\r\n{}\r\n", header(), row("丙", "=1+2\"", ""));
    let odd = odd.replacen("=1+2\"", "\"=1+2\"\"\"", 1);
    let out2 = run_text(pharmacy(), opts(), &odd).unwrap();
    assert!(lines(&out2.result_csv)[1].starts_with("2,丙,\"'=1+2\"\"\","), "{}", lines(&out2.result_csv)[1]);
    // The result file opened again reads the same codes and gives the same grades.
    let again = run_text(pharmacy(), opts(), &out.result_csv).unwrap();
    let (r1, r2) = (rows(&out), rows(&again));
    for (x, y) in r1.iter().zip(&r2) {
        assert_eq!(x[2], y[2]);
        assert_eq!(x[4], y[4]);
        assert_eq!(x[5], y[5]);
    }
    assert_eq!(r2[0][2], a.as_str());
}

#[test]
fn a_code_excel_turned_into_scientific_notation_is_explained() {
    let csv = format!("{}\r\n{}\r\n{}\r\n", header(), row("甲药房", "9.14415E+17", ""), row("乙药房", "4.41521e+17", ""));
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let r = rows(&out);
    for x in &r {
        let p = &x[6][0];
        assert_eq!(p[0], "E_BATCH_CODE");
        assert!(p[2].as_str().unwrap().starts_with("Excel 已将代码转为科学计数法，请将该列设为文本后重新导出"), "{p}");
        assert!(p[3].as_str().unwrap().starts_with("Excel has turned the code into scientific notation: set the column to Text and export again"), "{p}");
        assert!(!p[2].as_str().unwrap().contains("字符"), "not called a bad character: {p}");
    }
    assert!(yibao_credit::batch::excel_scientific("1E+17"));
    assert!(!yibao_credit::batch::excel_scientific("91441500MA4W00000X"));
    assert!(!yibao_credit::batch::excel_scientific("E17"));
}

#[test]
fn the_result_keeps_the_input_columns_and_adds_score_grade_reason_and_problems() {
    let a = uscc("91441500MA4W00000");
    let b = uscc("91441500MA4W00001");
    // The clerk's own columns (序号 first, 备注 last) are kept, in their place, as written.
    let csv = format!("序号,{},备注\r\n1,{},甲的备注\r\n2,{},\"乙，列入名单\"\r\n", header(), row("甲药房", &a, ""), row("乙药房", &b, "是"));
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let l = lines(&out.result_csv);
    assert_eq!(l[0], format!("行号,序号,{},备注,得分,等级,等级名称,直接定级原因,措施,问题,指标ID,指标版本,指标SHA-256", header()));
    let kept = row("甲药房", &a, "").replacen(&a, &format!("\"=\"\"{a}\"\"\""), 1);
    assert!(l[1].starts_with(&format!("2,1,{kept},甲的备注,950,A,信用优秀,,25-1 ")), "{}", l[1]);
    // The clerk's own columns are not evaluated, and the summary says they are kept.
    let unknown = out.summary.file_problems.iter().find(|p| p.code == "W_BATCH_COLUMN_UNKNOWN").unwrap();
    assert_eq!(unknown.zh, "以下列不属于所用指标，未用于评价（在结果文件中原样保留）：序号、备注");
    // The direct grade: the grade's name, and the reason in its own column.
    assert!(l[2].contains(",乙，列入名单,950,E,严重失信,已被列入严重失信主体名单，不论得分，直接评为E级（严重失信）,26-1 "), "{}", l[2]);
    // Without a type column the result says the type used.
    let no_type = "名称,统一社会信用代码\r\n甲药房,".to_string() + &a + "\r\n";
    let mut o = opts();
    o.default_type = Some("retail-pharmacy".into());
    let out = run_text(pharmacy(), o, &no_type).unwrap();
    assert!(lines(&out.result_csv)[0].starts_with("行号,名称,统一社会信用代码,主体类型,得分,"));
    assert!(lines(&out.result_csv)[1].starts_with(&format!("2,甲药房,\"=\"\"{a}\"\"\",定点零售药店,")));
}

#[test]
fn each_row_names_the_direct_grade_rule_that_set_its_grade() {
    let csv = format!("{}\r\n{}\r\n{}\r\n", header(), row("甲药房", &uscc("91441500MA4W00000"), "是"), row("乙药房", &uscc("91441500MA4W00001"), ""));
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let r = rows(&out);
    let d = r[0][7].as_u64().expect("a direct grade") as usize;
    assert!(r[1][7].is_null());
    let rule = &out.summary.direct_rules[d];
    assert_eq!(rule.grade, "E");
    assert!(rule.reason.zh.starts_with("已被列入严重失信主体名单"), "{}", rule.reason.zh);
    assert!(!rule.reason.en.is_empty());
}

#[test]
fn the_template_has_an_example_row_and_explains_every_column_and_is_read_back() {
    for (name, _) in builtin::BUILTIN {
        let rules = builtin::by_name(name).unwrap();
        let t = template_parts(rules);
        assert_eq!(t.example.len(), t.header.len(), "{name}");
        // One explanation per column (after the titles): column, indicator, values, points.
        assert_eq!(t.notes.len(), t.header.len() + 1, "{name}");
        assert_eq!(t.notes[0], ["列".to_string(), "含义或指标".into(), "可填写的值".into(), "分值".into()]);
        for (n, h) in t.notes[1..].iter().zip(&t.header) {
            assert_eq!(&n[0], h);
            assert!(n.iter().all(|c| !c.is_empty()), "{name}: {n:?}");
        }
        // The template as it comes: the example and the explanation are skipped, and it says so.
        let text = template(rules);
        let mut o = opts();
        o.default_type = Some(rules.doc.subject_types[0].clone());
        let out = run_text(rules, o.clone(), &text).unwrap();
        assert_eq!(out.summary.rows_total, 0, "{name}");
        assert_eq!(out.summary.rows_template, 1 + t.notes.len(), "{name}");
        assert!(out.summary.file_problems.iter().any(|p| p.code == "W_BATCH_TEMPLATE_ROWS"), "{name}");
        // The example, its marker taken away, is a row the batch grades.
        let filled = text.replacen("【示例】", "", 1);
        let out = run_text(rules, o, &filled).unwrap();
        assert_eq!(out.summary.rows_evaluated, 1, "{name}: {:?}", out.summary.problems);
    }
    let t = template_parts(pharmacy());
    let count = t.notes.iter().find(|n| n[0].starts_with("30101 ")).unwrap();
    assert!(count[3].contains("每次扣 25 分"), "{count:?}");
    let level = t.notes.iter().find(|n| n[0].starts_with("20101 ")).unwrap();
    assert!(level[2].contains("优秀") && level[3].contains("优秀 150 分"), "{level:?}");
    let direct = t.notes.iter().find(|n| n[0].starts_with("被依法依规列入严重失信主体名单")).unwrap();
    assert!(direct[3].contains("直接评为 E 级"), "{direct:?}");
}

/// A list saved by Excel on Chinese Windows: GBK, CRLF, a duplicate code, a code in scientific
/// notation; through the command line.
#[test]
fn cli_reads_a_gbk_crlf_file_with_duplicates_and_scientific_codes() {
    let dir = std::env::temp_dir().join(format!("yibao-batch-excel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = uscc("91441500MA4W00000");
    let body = format!("{}\r\n{}\r\n{}\r\n{}\r\n", header(), row("汕尾康泰大药房", &a, ""), row("海丰县仁和堂", &a, ""), row("陆丰市百姓药店", "9.14415E+17", ""));
    let (bytes, _, bad) = encoding_rs::GBK.encode(&body);
    assert!(!bad);
    let f = dir.join("gbk.csv");
    std::fs::write(&f, &bytes).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", f.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let l = lines(&text);
    assert!(l[1].contains("一码多赋：此代码也用于第 3 行（名称“海丰县仁和堂”）"), "{}", l[1]);
    assert!(l[2].contains("一码多赋：此代码也用于第 2 行（名称“汕尾康泰大药房”）"), "{}", l[2]);
    assert!(l[3].contains("Excel 已将代码转为科学计数法，请将该列设为文本后重新导出"), "{}", l[3]);
    assert!(l[1].contains(&format!("\"=\"\"{a}\"\"\"")));
    std::fs::remove_dir_all(&dir).ok();
}
