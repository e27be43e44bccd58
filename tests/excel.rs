//! Issue 14.3: Excel workbooks for the batch. A workbook written by openpyxl (another writer:
//! tests/fixtures/excel/make_openpyxl_fixture.py made it) is read — first sheet or a chosen one,
//! numbers as Excel shows them; the result workbook is read back with calamine (codes as text,
//! grades, the summary sheet with the rule set's id, version and hash); the template workbook has
//! the list and an explanation sheet; the CLI reads .xlsx and writes `--out FILE.xlsx`.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至二十条；GB 32100-2015.

use calamine::{Data, Reader};
use std::process::Command;
use yibao_credit::batch::{run_text, template, Options, MAX_ROWS_TEXT};
use yibao_credit::excel::{result_xlsx, sheet_csv, sheet_names, table_xlsx, template_xlsx, XlsxMeta};
use yibao_credit::rules::{builtin, CompiledRules};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/excel/名单-openpyxl.xlsx");

fn opts() -> Options {
    Options { as_of: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(), default_type: None, allow_out_of_effect: false, max_rows: MAX_ROWS_TEXT }
}

fn pharmacy() -> &'static CompiledRules {
    builtin::for_subject_type("retail-pharmacy").unwrap()
}

fn rows(out: &yibao_credit::batch::BatchOut) -> Vec<serde_json::Value> {
    serde_json::from_value(serde_json::to_value(&out.rows).unwrap()).unwrap()
}

/// A workbook's sheet as rows of cells, read with calamine.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    wb.worksheet_range(name).unwrap().rows().map(|r| r.to_vec()).collect()
}

fn meta(s: &yibao_credit::batch::Summary) -> XlsxMeta {
    serde_json::from_value(serde_json::to_value(s).unwrap()).unwrap()
}

#[test]
fn an_openpyxl_workbook_is_read_first_sheet_or_a_chosen_one() {
    let bytes = std::fs::read(FIXTURE).unwrap();
    assert_eq!(sheet_names(&bytes).unwrap(), vec!["名单", "第二批"]);
    let csv = sheet_csv(&bytes, None).unwrap();
    let out = run_text(pharmacy(), opts(), &csv).unwrap();
    let r = rows(&out);
    assert_eq!(r.len(), 4);
    // Row numbers are the sheet's; the code kept as text, counts read as numbers.
    assert_eq!(r[0][0], 2);
    assert_eq!(r[0][2], "91110000600037341L");
    assert_eq!((r[0][4].as_i64(), r[0][5].as_str()), (Some(1000), Some("A")));
    // The code stored as a number: what Excel shows, and the batch explains it.
    assert_eq!(r[1][2], "9.14415E+17");
    assert!(r[1][6][0][2].as_str().unwrap().starts_with("Excel 已将代码转为科学计数法"), "{}", r[1][6]);
    // 一码多赋 across the sheet's rows 2 and 4; row 5 graded E directly.
    assert!(r[0][6].as_array().unwrap().iter().any(|p| p[0] == "W_BATCH_DUP_CODE" && p[2].as_str().unwrap().contains("第 4 行")));
    assert_eq!(r[3][5], "E");
    assert!(r[3][7].is_u64());
    // A chosen sheet.
    let second = run_text(pharmacy(), opts(), &sheet_csv(&bytes, Some("第二批")).unwrap()).unwrap();
    assert_eq!(rows(&second)[0][1], "戊药房");
    let e = sheet_csv(&bytes, Some("第三批")).unwrap_err();
    assert_eq!(e.code, "E_XLSX_SHEET");
    assert!(e.zh.contains("名单、第二批"));
    // Not a workbook.
    assert_eq!(sheet_csv(b"PK\x03\x04 not really", None).unwrap_err().code, "E_XLSX_READ");
    assert_eq!(sheet_csv(b"a,b\n", None).unwrap_err().code, "E_XLSX_READ");
}

#[test]
fn the_result_workbook_reads_back_with_codes_as_text_grades_and_a_summary() {
    let bytes = std::fs::read(FIXTURE).unwrap();
    let out = run_text(pharmacy(), opts(), &sheet_csv(&bytes, None).unwrap()).unwrap();
    let x = result_xlsx(&out.result_csv, &meta(&out.summary)).unwrap();
    let rows = sheet(&x, "评价结果");
    let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    assert_eq!(header[0], "行号");
    assert_eq!(rows.len(), 5);
    // The code is text (not a number Excel would show as 9.14415E+17).
    assert_eq!(rows[1][col("统一社会信用代码")], Data::String("91110000600037341L".into()));
    assert_eq!(rows[1][0], Data::Float(2.0));
    assert_eq!(rows[1][col("得分")], Data::Float(1000.0));
    assert_eq!(rows[1][col("等级")], Data::String("A".into()));
    assert_eq!(rows[4][col("等级")], Data::String("E".into()));
    assert!(rows[4][col("直接定级原因")].to_string().starts_with("已被列入严重失信主体名单"));
    assert!(rows[1][col("问题")].to_string().contains("一码多赋：此代码也用于第 4 行"));
    // The summary sheet: the rule set's id, version and hash, the as-of date, the distribution.
    let s = sheet(&x, "汇总");
    let value = |k: &str| s.iter().find(|r| r[0] == Data::String(k.into())).map(|r| r[1].to_string()).unwrap();
    assert_eq!(value("指标ID"), "sample-retail-pharmacy");
    assert_eq!(value("指标版本"), "2026.1");
    assert_eq!(value("指标SHA-256"), pharmacy().hash);
    assert_eq!(value("评价基准日"), "2025-12-31");
    assert_eq!(value("A"), "信用优秀");
    let e_row = s.iter().find(|r| r[0] == Data::String("E".into())).unwrap();
    assert_eq!(e_row[2], Data::Float(1.0));
    // The grades are coloured: a fill in the styles (one per grade used).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(x.clone())).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("FF1B6E2D") && styles.contains("FFA4161A"), "A green, E red");
    // The same result again: the same bytes (no clock in the file).
    assert_eq!(result_xlsx(&out.result_csv, &meta(&out.summary)).unwrap(), x);
}

#[test]
fn the_template_workbook_has_the_list_and_an_explanation_sheet() {
    let t = template(pharmacy());
    let x = template_xlsx(&t, "批量评价模板").unwrap();
    assert_eq!(sheet_names(&x).unwrap(), vec!["名单", "填写说明"]);
    let list = sheet(&x, "名单");
    assert_eq!(list.len(), 2, "header and example row");
    assert_eq!(list[0][1], Data::String("统一社会信用代码".into()));
    assert!(list[1][0].to_string().starts_with("【示例】"));
    let notes = sheet(&x, "填写说明");
    assert_eq!(notes[0][0], Data::String("列".into()));
    assert!(notes.iter().any(|r| r[0].to_string().starts_with("30101 ") && r[3].to_string().contains("每次扣 25 分")));
    // The workbook as downloaded, read by the batch: the example row is skipped.
    let out = run_text(pharmacy(), opts(), &sheet_csv(&x, None).unwrap()).unwrap();
    assert_eq!(out.summary.rows_total, 0);
    assert_eq!(out.summary.rows_template, 1);
}

#[test]
fn the_cli_reads_a_workbook_and_writes_one() {
    let dir = std::env::temp_dir().join(format!("yibao-excel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_yibao-credit");
    let out = dir.join("结果.xlsx");
    let o = Command::new(bin).args(["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", FIXTURE, "--out", out.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(summary["rowsTotal"], 4);
    let x = std::fs::read(&out).unwrap();
    assert_eq!(sheet(&x, "评价结果")[1][2], Data::String("91110000600037341L".into()));
    // A chosen sheet, CSV on standard output; a workbook found by its bytes, whatever its name.
    let renamed = dir.join("list.dat");
    std::fs::copy(FIXTURE, &renamed).unwrap();
    let o = Command::new(bin).args(["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", "--sheet", "第二批", renamed.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("\r\n2,戊药房,\"=\"\"9144030071526726XG\"\"\","), "{text}");
    // A CSV in, a workbook out.
    let csv = dir.join("in.csv");
    std::fs::write(&csv, format!("{}\r\n甲药房,91110000600037341L\r\n", template(pharmacy()).split("\r\n").next().unwrap())).unwrap();
    let out2 = dir.join("r.xlsx");
    let o = Command::new(bin).args(["batch", "--type", "retail-pharmacy", "--as-of", "2025-12-31", csv.to_str().unwrap(), "--out", out2.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sheet(&std::fs::read(&out2).unwrap(), "评价结果")[1][1], Data::String("甲药房".into()));
    // The template as a workbook.
    let o = Command::new(bin).args(["batch-template", "--type", "retail-pharmacy", "--xlsx"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sheet_names(&o.stdout).unwrap(), vec!["名单", "填写说明"]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 17, point 2: a table written as a workbook (the indicator table of 指标管理) reads back
/// to the same cells: numbers as numbers, texts that look like numbers but are not Excel's way of
/// showing one (`007`, `1e3`) as text, a leading `=` as text, commas, quotes and line breaks kept.
#[test]
fn a_table_workbook_reads_back_to_the_same_cells() {
    let csv = "\u{feff}一级指标,二级指标,三级指标,分值,计分方式,每次分值,档次,评分标准,依据\r\n\
基础信息,登记信息,\"登记事项真实, 完整\",30,是否,,,\"是：得 30 分\n否：0 分\",第十九条\r\n\
不良信息,行政处罚,受到罚款（每次扣50分）,100,扣分,50,,=SUM(A1),007\r\n\
守信信息,协议履行,年度考核,150,档次,,\"优秀=150；良好=\"\"120\"\"\",1e3,12.5\r\n";
    let bytes = table_xlsx(csv, "指标表", "指标表").unwrap();
    assert_eq!(sheet_names(&bytes).unwrap(), ["指标表"]);
    assert_eq!(sheet_csv(&bytes, None).unwrap(), csv.trim_start_matches('\u{feff}'));
    let cells = sheet(&bytes, "指标表");
    assert_eq!(cells[1][3], Data::Float(30.0));
    assert_eq!(cells[2][7], Data::String("=SUM(A1)".into()));
    assert_eq!(cells[2][8], Data::String("007".into()));
    assert_eq!(cells[3][7], Data::String("1e3".into()));
    assert_eq!(cells[3][8], Data::Float(12.5));
}
