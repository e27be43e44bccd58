//! Excel workbooks (.xlsx) for the batch: a list read from a workbook (its first sheet, or a
//! chosen one) as the CSV text the batch reads; the result written as a workbook (identifiers as
//! text, grades coloured, a summary sheet with the rule set's id, version and hash); the template
//! as a workbook (the columns and an example row, then a sheet explaining each column).
//! Reading: calamine; writing: rust_xlsxwriter (both maintained, pure Rust, no file system).
//! In the page this is a module of its own (`yibao_excel`, feature `excel-only`), loaded only
//! when a workbook is read or written.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至二十条（指标、等级、按年评价）；GB 32100-2015.

use crate::batch::{parse_csv, TEMPLATE_NOTE};
use crate::error::{Error, Result};
use crate::text::Text;
use calamine::{Data, Reader};
use serde::{Deserialize, Serialize};

/// Largest workbook read (bytes): as the page's CSV limit.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub const MAX_XLSX_BYTES: usize = 60 * 1024 * 1024;

/// Whether `bytes` look like an .xlsx workbook (a zip file).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn not_xlsx(detail: &str) -> Error {
    Error::new(
        "E_XLSX_READ",
        format!("无法读取这个 Excel 工作簿（.xlsx）：{detail}。请在 Excel 或 WPS 中重新保存为 .xlsx，或另存为 CSV 后导入"),
        format!("this Excel workbook (.xlsx) cannot be read: {detail}. Save it again as .xlsx in Excel or WPS, or save it as CSV"),
    )
}

fn open(bytes: &[u8]) -> Result<calamine::Xlsx<std::io::Cursor<&[u8]>>> {
    if bytes.len() > MAX_XLSX_BYTES {
        return Err(Error::new(
            "E_BATCH_TOO_LARGE",
            format!("工作簿过大（{} MB），最多 60 MB；请拆分后分批评价", bytes.len() / 1_048_576),
            format!("the workbook is too large ({} MB; at most 60 MB): split it", bytes.len() / 1_048_576),
        ));
    }
    if !is_xlsx(bytes) {
        return Err(not_xlsx("文件不是 .xlsx 格式"));
    }
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e: calamine::XlsxError| not_xlsx(&e.to_string()))
}

/// The names of a workbook's sheets, in order.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    Ok(open(bytes)?.sheet_names().to_vec())
}

/// A number as Excel's General format shows it: whole numbers below 10^15 in full, larger ones
/// in scientific notation (`9.14415E+17`: the digits past the 15th are lost in the workbook
/// already, so the batch explains it), others in their shortest form.
fn general(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    if f.abs() >= 1e15 {
        let s = format!("{:.5E}", f);
        let (m, e) = s.split_once('E').unwrap_or((&s, "0"));
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
        return format!("{m}E{sign}{digits:0>2}");
    }
    format!("{f}")
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => general(*f),
        Data::Bool(true) => "是".into(),
        Data::Bool(false) => "否".into(),
        Data::DateTime(x) => general(x.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}

/// Appends `s` as one RFC 4180 field (quoted when needed; nothing else changed: this text goes
/// to the batch's reader, not to a spreadsheet).
fn push_plain(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// A sheet of a workbook as CSV text (row 1 of the sheet is record 1, so the batch's row numbers
/// are the sheet's): the first sheet, or the one named `sheet`. Numbers are written as Excel's
/// General format shows them.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub fn sheet_csv(bytes: &[u8], sheet: Option<&str>) -> Result<String> {
    let mut wb = open(bytes)?;
    let names = wb.sheet_names().to_vec();
    let name = match sheet {
        Some(s) if !s.is_empty() => names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            Error::new(
                "E_XLSX_SHEET",
                format!("工作簿中没有名为“{s}”的工作表（有：{}）", names.join("、")),
                format!("the workbook has no sheet named \"{s}\" (it has: {})", names.join(", ")),
            )
        })?,
        _ => names.first().cloned().ok_or_else(|| not_xlsx("工作簿中没有工作表"))?,
    };
    let range = wb.worksheet_range(&name).map_err(|e| not_xlsx(&e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut out = String::new();
    for _ in 0..r0 {
        out.push_str("\r\n");
    }
    for row in range.rows() {
        for _ in 0..c0 {
            out.push(',');
        }
        for (k, d) in row.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            push_plain(&mut out, &cell_text(d));
        }
        out.push_str("\r\n");
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// The rule set named on a result workbook's summary sheet.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条（指标由市医保局制定并公布）.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MetaRules {
    pub id: String,
    pub version: String,
    pub hash: String,
    #[serde(default)]
    pub title: Text,
}

/// A grade's count on the summary sheet.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MetaGrade {
    pub grade: String,
    #[serde(default)]
    pub label: Text,
    pub count: usize,
}

/// What the summary sheet of a result workbook says: the batch's summary (the page passes it as
/// it has it; other fields are ignored).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct XlsxMeta {
    pub rules: MetaRules,
    pub as_of: String,
    #[serde(default)]
    pub rows_total: usize,
    #[serde(default)]
    pub rows_evaluated: usize,
    #[serde(default)]
    pub rows_with_problems: usize,
    #[serde(default)]
    pub rows_direct_graded: usize,
    #[serde(default)]
    pub distribution: Vec<MetaGrade>,
}

fn xe(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::new("E_XLSX_WRITE", format!("无法生成 Excel 工作簿：{e}"), format!("the Excel workbook could not be made: {e}"))
}

/// The fill colour of a grade's cell (as the page's chart: green to red).
fn grade_color(g: &str) -> u32 {
    match g {
        "A" => 0x1B6E2D,
        "B" => 0x2F7D3A,
        "C" => 0x8A6D00,
        "D" => 0xA24D00,
        _ => 0xA4161A,
    }
}

/// The document's date: the as-of date (the core never reads the clock).
fn properties(as_of: &str, title: &str) -> rust_xlsxwriter::DocProperties {
    let mut p = rust_xlsxwriter::DocProperties::new().set_title(title).set_author("yibao-credit");
    if let Ok(d) = crate::dates::parse_date(as_of, "asOf") {
        use chrono::Datelike;
        if let Ok(dt) = rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
            p = p.set_creation_datetime(&dt);
        }
    }
    p
}

/// A result cell's value: the `="…"` of an identifier unwrapped, the `'` put before a formula
/// character for a CSV taken away (a workbook's text is never run as a formula).
fn result_value(s: &str) -> (&str, bool) {
    if let Some(inner) = s.strip_prefix("=\"").and_then(|x| x.strip_suffix('"')) {
        return (inner, true);
    }
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => (rest, false),
        _ => (s, false),
    }
}

/// The result of a batch as a workbook: sheet 「评价结果」 (the result CSV's columns: the code as
/// text, counts and scores as numbers, the grade coloured) and sheet 「汇总」 (rule set id,
/// version and SHA-256, as-of date, counts, the grade distribution).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条；GB 32100-2015.
pub fn result_xlsx(result_csv: &str, meta: &XlsxMeta) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let records = parse_csv(result_csv.strip_prefix('\u{feff}').unwrap_or(result_csv));
    let mut wb = Workbook::new();
    wb.set_properties(&properties(&meta.as_of, &format!("批量评价结果 {} {}", meta.rules.id, meta.rules.version)));
    let bold = Format::new().set_bold().set_background_color(Color::RGB(0xE8EDF3));
    let text = Format::new().set_num_format("@");
    let grade_fmt = |g: &str| Format::new().set_bold().set_font_color(Color::White).set_background_color(Color::RGB(grade_color(g))).set_align(FormatAlign::Center);
    let ws = wb.add_worksheet().set_name("评价结果").map_err(xe)?;
    let header: Vec<String> = records.first().cloned().unwrap_or_default();
    let col_of = |name: &str| header.iter().position(|h| h == name);
    let (grade_col, score_col) = (col_of("等级"), col_of("得分"));
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold).map_err(xe)?;
    }
    for (r, rec) in records.iter().enumerate().skip(1) {
        let r = r as u32;
        for (c, cell) in rec.iter().enumerate().take(header.len().max(1)) {
            let col = c as u16;
            let (v, ident) = result_value(cell);
            if v.is_empty() {
                continue;
            }
            let h = header.get(c).map(String::as_str).unwrap_or("");
            let counted = h.as_bytes().first().is_some_and(u8::is_ascii_digit) && v.len() <= 9 && v.bytes().all(|b| b.is_ascii_digit());
            if ident {
                ws.write_string_with_format(r, col, v, &text).map_err(xe)?;
            } else if Some(c) == grade_col {
                ws.write_string_with_format(r, col, v, &grade_fmt(v)).map_err(xe)?;
            } else if (c == 0 || Some(c) == score_col || counted) && v.parse::<f64>().is_ok_and(f64::is_finite) {
                ws.write_number(r, col, v.parse::<f64>().unwrap_or_default()).map_err(xe)?;
            } else {
                ws.write_string(r, col, v).map_err(xe)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    if let Some(c) = header.iter().position(|h| h == "统一社会信用代码" || h == "身份证号码") {
        ws.set_column_width(c as u16, 22).map_err(xe)?;
    }
    if let Some(c) = header.iter().position(|h| h == "名称" || h == "姓名") {
        ws.set_column_width(c as u16, 24).map_err(xe)?;
    }

    let ws = wb.add_worksheet().set_name("汇总").map_err(xe)?;
    let lines: Vec<(&str, String)> = vec![
        ("指标", meta.rules.title.zh.clone()),
        ("指标ID", meta.rules.id.clone()),
        ("指标版本", meta.rules.version.clone()),
        ("指标SHA-256", meta.rules.hash.clone()),
        ("评价基准日", meta.as_of.clone()),
        ("数据行", meta.rows_total.to_string()),
        ("已评价", meta.rows_evaluated.to_string()),
        ("有问题的行", meta.rows_with_problems.to_string()),
        ("直接定级", meta.rows_direct_graded.to_string()),
    ];
    for (r, (k, v)) in lines.iter().enumerate() {
        ws.write_string_with_format(r as u32, 0, *k, &bold).map_err(xe)?;
        if r >= 5 {
            ws.write_number(r as u32, 1, v.parse::<f64>().unwrap_or_default()).map_err(xe)?;
        } else {
            ws.write_string_with_format(r as u32, 1, v, &text).map_err(xe)?;
        }
    }
    let top = lines.len() as u32 + 1;
    for (c, h) in ["等级", "等级名称", "行数"].iter().enumerate() {
        ws.write_string_with_format(top, c as u16, *h, &bold).map_err(xe)?;
    }
    for (i, g) in meta.distribution.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.write_string_with_format(r, 0, &g.grade, &grade_fmt(&g.grade)).map_err(xe)?;
        ws.write_string(r, 1, &g.label.zh).map_err(xe)?;
        ws.write_number(r, 2, g.count as f64).map_err(xe)?;
    }
    ws.set_column_width(0, 14).map_err(xe)?;
    ws.set_column_width(1, 70).map_err(xe)?;
    wb.save_to_buffer().map_err(xe)
}

/// The template as a workbook, from the CSV template ([`crate::batch::template`]): sheet
/// 「名单」 with the columns and the example row (the code column formatted as text, so a code
/// typed or pasted stays as written), sheet 「填写说明」 with the explanation of each column.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
pub fn template_xlsx(template_csv: &str, title: &str) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, Workbook};
    let records = parse_csv(template_csv.strip_prefix('\u{feff}').unwrap_or(template_csv));
    let (notes, list): (Vec<Vec<String>>, Vec<Vec<String>>) = records.into_iter().partition(|r| r.first().is_some_and(|c| c.starts_with(TEMPLATE_NOTE)));
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title).set_author("yibao-credit").set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 12, 15).map_err(xe)?));
    let bold = Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xE8EDF3));
    let text = Format::new().set_num_format("@");
    let ws = wb.add_worksheet().set_name("名单").map_err(xe)?;
    let header = list.first().cloned().unwrap_or_default();
    for (c, h) in header.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, h, &bold).map_err(xe)?;
        ws.set_column_width(c, if c < 2 { 24 } else { 14 }).map_err(xe)?;
        if h == "统一社会信用代码" || h == "身份证号码" {
            ws.set_column_format(c, &text).map_err(xe)?;
        }
    }
    ws.set_row_height(0, 60).map_err(xe)?;
    for (r, rec) in list.iter().enumerate().skip(1) {
        for (c, v) in rec.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).map_err(xe)?;
        }
    }
    ws.set_freeze_panes(1, 2).map_err(xe)?;
    let ws = wb.add_worksheet().set_name("填写说明").map_err(xe)?;
    for (r, rec) in notes.iter().enumerate() {
        for (c, v) in rec.iter().enumerate() {
            let v = if c == 0 { v.strip_prefix(TEMPLATE_NOTE).unwrap_or(v) } else { v };
            if r == 0 {
                ws.write_string_with_format(0, c as u16, v, &bold).map_err(xe)?;
            } else {
                ws.write_string(r as u32, c as u16, v).map_err(xe)?;
            }
        }
    }
    for (c, w) in [40, 40, 40, 50].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xe)?;
    }
    wb.save_to_buffer().map_err(xe)
}

/// A table (CSV text: a header row, then one row a record) as a workbook of one sheet, `sheet`:
/// the header bold and frozen, a cell whose text is the number Excel would show written as that
/// number, every other cell as text (a leading `=` stays text, never a formula). Read back with
/// [`sheet_csv`] it gives the same cells: the indicator table of 指标管理, exported and imported again.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条、第十八条（指标由市医保局制定并更新）.
pub fn table_xlsx(csv: &str, title: &str, sheet: &str) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, Workbook};
    let records = parse_csv(csv.strip_prefix('\u{feff}').unwrap_or(csv));
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title).set_author("yibao-credit").set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 12, 15).map_err(xe)?));
    let bold = Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xE8EDF3));
    let ws = wb.add_worksheet().set_name(sheet).map_err(xe)?;
    for (r, rec) in records.iter().enumerate() {
        for (c, v) in rec.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r == 0 {
                ws.write_string_with_format(0, c, v, &bold).map_err(xe)?;
            } else if let Some(n) = v.parse::<f64>().ok().filter(|n| n.is_finite() && general(*n) == *v) {
                ws.write_number(r, c, n).map_err(xe)?;
            } else {
                ws.write_string(r, c, v).map_err(xe)?;
            }
        }
    }
    for c in 0..records.first().map_or(0, |h| h.len()) as u16 {
        ws.set_column_width(c, if c < 3 || c == 7 { 28 } else { 12 }).map_err(xe)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    wb.save_to_buffer().map_err(xe)
}
