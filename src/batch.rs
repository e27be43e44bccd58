//! Batch evaluation: a CSV list of subjects in, one graded result row per subject out.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条（指标、千分制/百分制、等级）、
//! 第二十条（按年定期评价）、第二十五至二十六条（奖惩措施）; duplicates (一码多赋、重复赋码) by
//! 秦皇岛方案 整改任务分工表 第1项.
//!
//! # Input CSV (what [`template`] writes)
//! UTF-8 (a BOM is accepted and stripped), RFC 4180: comma separated, fields may be quoted with
//! `"`, a quote inside a quoted field is doubled, quoted fields may hold commas and line breaks,
//! records end with CRLF or LF. The first record is the header; columns are recognised by
//! their header, in any order:
//! - `名称` (also `姓名`, `机构名称`, `单位名称`, `name`), `统一社会信用代码` / `身份证号码`
//!   (also `代码`, `证件号码`, `code`), `主体类型` (`type`); text after `（` or `(` is a hint;
//! - one column per leaf indicator, recognised by the indicator code that starts the header
//!   (`10101 登记注册事项…（是/否）`); the cell holds a count (deduction / bonus leaves: blank is
//!   0), 是/否 (yes/no leaves), a level id or label (rated leaves with levels), or points (free
//!   ratings);
//! - one column per event kind that grades directly (`被依法依规列入严重失信主体名单（是/否）`),
//!   recognised by the kind's Chinese name or its id; 是 means the subject had that event in the
//!   period. These columns only set the grade: occurrences that also cost points must be
//!   counted in the indicator's own column (the counts are the full counts of the period);
//! - other columns are reported (`W_BATCH_COLUMN_UNKNOWN`) and ignored.
//!
//! Counts are occurrences inside the evaluation period (the year ending on `asOf`, 第二十条).
//! A blank yes/no or rating cell is "not answered" and scores 0, as in `evaluate`, and the row
//! lists it (`W_BATCH_MISSING`). A bad value (`E_FACT_VALUE`) or a wrong subject type
//! (`E_SUBJECT_TYPE`) leaves the row ungraded; a bad code (`E_BATCH_CODE`) is listed but the row
//! is still graded. Entirely blank rows are skipped, and so are the template's example row and
//! explanation rows (first cell starting with [`TEMPLATE_EXAMPLE`] or [`TEMPLATE_NOTE`]: a
//! forgotten example is never graded). A code Excel has turned into scientific notation
//! (`9.14415E+17`) is reported as such. An identifier written `="…"` (as the result writes it)
//! reads as its value.
//!
//! Duplicates: the file is read twice ([`Session::scan`], [`Session::end_scan`], then
//! [`Session::push`]): the first pass finds 一码多赋 and 重复赋码, the second marks every row of
//! a group (`W_BATCH_DUP_CODE`, `W_BATCH_DUP_NAME`) naming the other rows (a group of more than
//! [`DUP_NAMED_ROWS`] rows: one text with the count and the first ones).
//!
//! # Output
//! The result CSV (UTF-8 with BOM, CRLF): 行号, then the input's own columns as read (the code
//! written `="…"` so Excel keeps it as text: [`push_ident`]), 主体类型 when the input has none,
//! then [`RESULT_COLUMNS`] (得分, 等级, 等级名称, 直接定级原因, 措施, 问题, 指标ID, 指标版本,
//! 指标SHA-256). 行号 is the record number as Excel or WPS shows it (the header is row 1). Fields
//! starting with `=`, `+`, `-`, `@`, a tab or a CR get a leading `'` so a spreadsheet does not run
//! them as formulas. The [`Summary`] (JSON) has the grade distribution, counts, duplicates and
//! problems.
//!
//! # Speed
//! A [`Plan`] is compiled once from the rules (leaf → column, scoring parameters, the grade
//! bands, the measure cells already escaped); rows are scored with integer arithmetic by the
//! same per-leaf functions `evaluate` uses ([`crate::evaluate::count_leaf_score`] …) and the same
//! band lookup ([`crate::rules::band_position`]); nothing is allocated per row unless the row
//! has a problem.

use crate::dates;
use crate::error::{Error, Result};
use crate::ident;
use crate::plan::{parse_yes_no_text, Answer, FactIn, LeafKind};
use crate::points::Points;
use crate::rules::{CompiledRules, RulesInfo, INSTITUTION_TYPES, PERSON_TYPES};
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};

/// Largest CSV text the in-memory entry (the page, `batch` command) accepts: 50 MB.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条（按年定期评价）— a year's list of a city fits.
pub const MAX_TEXT_BYTES: usize = 50 * 1024 * 1024;
/// Largest number of data rows of the in-memory entry (the page, `batch` command).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub const MAX_ROWS_TEXT: usize = 1_000_000;
/// Largest number of data rows of the streaming entry (the CLI).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub const MAX_ROWS_STREAM: usize = 10_000_000;
/// Largest single record (bytes): a longer one is almost always an unclosed quote.
/// 依据：RFC 4180 第2节（引号内可含换行，故须设上限）; 汕尾办法第二十条.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;
/// How many row problems the summary lists one by one (all are counted).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// The columns the result adds after the input's own (which it keeps, in their order, after
/// 行号; 主体类型 is added before these when the input has no such column).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条（等级、直接定级）、第二十五至二十六条（措施）.
pub const RESULT_COLUMNS: [&str; 9] = ["得分", "等级", "等级名称", "直接定级原因", "措施", "问题", "指标ID", "指标版本", "指标SHA-256"];

/// The first cell of the template's example row: the batch skips such a row.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（指标）.
pub const TEMPLATE_EXAMPLE: &str = "【示例】";
/// The first cell of each row of the template's explanation: the batch skips such a row.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
pub const TEMPLATE_NOTE: &str = "【说明】";

const NAME_HEADERS: &[&str] = &["名称", "姓名", "机构名称", "单位名称", "主体名称", "定点医药机构名称", "name"];
const CODE_HEADERS: &[&str] =
    &["统一社会信用代码", "身份证号码", "公民身份号码", "居民身份证号码", "证件号码", "代码", "code"];
const TYPE_HEADERS: &[&str] = &["主体类型", "type", "subject type"];

// ---------------------------------------------------------------------------------------------
// Options and plan
// ---------------------------------------------------------------------------------------------

/// How a batch is run.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条（评价基准日）、第五条（主体类型）.
#[derive(Debug, Clone)]
pub struct Options {
    /// The as-of date (the core never reads the clock).
    pub as_of: NaiveDate,
    /// Subject type of rows whose 主体类型 cell is blank.
    pub default_type: Option<String>,
    /// Evaluate even when the rules are not in force on `as_of` (a file problem says so).
    pub allow_out_of_effect: bool,
    /// Most data rows accepted.
    pub max_rows: usize,
}

#[derive(Debug, Clone)]
struct Leaf {
    code: String,
    name: String,
    points: Points,
    kind: LeafKind,
}

#[derive(Debug, Clone)]
struct DirectRule {
    /// The reason, as a CSV cell (`已被列入严重失信主体名单`).
    reason_cell: String,
}

/// A direct-grade rule as the page shows it next to a row it graded (第十九条).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条（直接评为E级的情形）.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DirectRuleOut {
    /// The grade it sets.
    pub grade: String,
    /// Why: the rule's reason (`已被列入严重失信主体名单`).
    pub reason: Text,
}

/// A grade as the batch shows it, with the measures that apply to it.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十五条、第二十六条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GradeCount {
    pub grade: String,
    pub label: Text,
    pub min: Points,
    pub count: usize,
    pub measures: Vec<MeasureBrief>,
}

/// A measure in brief (id, kind, text, citation).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十五条、第二十六条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MeasureBrief {
    pub id: String,
    pub kind: String,
    pub text: Text,
    pub cite: crate::law::Citation,
}

/// The rules compiled for batch scoring: columns, scoring parameters, bands, ready-made cells.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The rule set's own plan: every row scores through it, as `evaluate` does.
    scoring: crate::plan::Plan,
    info: RulesInfo,
    person: bool,
    types: Vec<(String, String, String)>,
    leaves: Vec<Leaf>,
    /// (kind, Chinese name, kind index) of each direct-grade column.
    direct_cols: Vec<(String, String, usize)>,
    /// The reason cell of each direct-grade rule of the scoring plan.
    direct_rules: Vec<DirectRule>,
    /// Each direct-grade rule of the scoring plan: grade and reason (rows name it by index).
    direct_out: Vec<DirectRuleOut>,
    grades: Vec<GradeCount>,
    label_cells: Vec<String>,
    measure_cells: Vec<String>,
    tail: String,
    in_effect_span: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The date notes of the rule set's sources (汕尾 第三十四条: the trial period).
    date_notes: Vec<crate::law::DateNote>,
}

fn type_names(id: &str) -> (String, String) {
    INSTITUTION_TYPES
        .iter()
        .chain(PERSON_TYPES.iter())
        .find(|t| t.0 == id)
        .map(|t| (t.1.to_string(), t.2.to_string()))
        .unwrap_or_else(|| (id.to_string(), id.to_string()))
}

impl Plan {
    /// Compiles `rules` for batch scoring (leaves in tree order, as `evaluate` walks them).
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
    pub fn new(rules: &CompiledRules) -> Plan {
        let doc = &rules.doc;
        let person = doc.subject_class == "person";
        let scoring = rules.plan.clone();
        let leaves = scoring
            .leaves
            .iter()
            .map(|l| Leaf { code: l.code.clone(), name: doc.indicators[l.ind].name.zh.clone(), points: l.points, kind: l.kind.clone() })
            .collect();
        let class = if person { "person" } else { "institution" };
        let grades: Vec<GradeCount> = rules
            .bands_desc
            .iter()
            .map(|&i| {
                let b = &doc.bands[i];
                let measures = doc
                    .measures
                    .iter()
                    .filter(|m| m.grades.contains(&b.grade) && m.classes.iter().any(|c| c == class))
                    .map(|m| MeasureBrief { id: m.id.clone(), kind: m.kind.clone(), text: m.text.clone(), cite: rules.cite_text(&m.cite) })
                    .collect();
                GradeCount { grade: b.grade.clone(), label: b.label.clone(), min: b.min, count: 0, measures }
            })
            .collect();
        let mut direct_cols: Vec<(String, String, usize)> = vec![];
        let mut direct_rules = vec![];
        let mut direct_out = vec![];
        for d in &scoring.direct {
            let r = &doc.direct_grades[d.rule];
            for &k in &d.kinds {
                if !direct_cols.iter().any(|c| c.2 == k) {
                    let e = &doc.event_kinds[k];
                    direct_cols.push((e.kind.clone(), e.name.zh.clone(), k));
                }
            }
            let mut reason_cell = String::new();
            push_field_str(&mut reason_cell, &r.reason.zh);
            direct_rules.push(DirectRule { reason_cell });
            direct_out.push(DirectRuleOut { grade: grades[d.pos].grade.clone(), reason: r.reason.clone() });
        }
        let label_cells = grades
            .iter()
            .map(|g| {
                let mut v = String::new();
                push_field_str(&mut v, &g.label.zh);
                v
            })
            .collect();
        let measure_cells = grades
            .iter()
            .map(|g| {
                let text: Vec<String> = g.measures.iter().map(|m| format!("{} {}", m.id, m.text.zh)).collect();
                let mut v = String::new();
                push_field_str(&mut v, &text.join("；"));
                v
            })
            .collect();
        let info = rules.info();
        let mut tail = String::new();
        for f in [&info.id, &info.version, &info.hash] {
            tail.push(',');
            push_field_str(&mut tail, f);
        }
        tail.push_str("\r\n");
        let types = doc
            .subject_types
            .iter()
            .map(|t| {
                let (zh, en) = type_names(t);
                (t.clone(), zh, en)
            })
            .collect();
        Plan {
            scoring,
            info,
            person,
            types,
            leaves,
            direct_cols,
            direct_rules,
            direct_out,
            grades,
            label_cells,
            measure_cells,
            tail,
            in_effect_span: Some((rules.effective_from, rules.effective_to)),
            date_notes: rules.date_notes().to_vec(),
        }
    }

    fn in_effect(&self, d: NaiveDate) -> bool {
        match self.in_effect_span {
            Some((f, t)) => d >= f && t.map_or(true, |t| d <= t),
            None => true,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Template
// ---------------------------------------------------------------------------------------------

/// The header of a leaf column: code, Chinese name and what to enter.
fn leaf_header(l: &Leaf) -> String {
    let hint = match &l.kind {
        LeafKind::Count { .. } => "次数".to_string(),
        LeafKind::YesNo { .. } => "是/否".to_string(),
        LeafKind::Levels(levels) => levels.iter().map(|x| x.label.zh.clone()).collect::<Vec<_>>().join("/"),
        LeafKind::Free => format!("0–{}分", l.points),
    };
    format!("{} {}（{hint}）", l.code, l.name)
}

/// A template's content: the header, an example row (first cell starting with
/// [`TEMPLATE_EXAMPLE`]: the batch skips it) and the explanation of every column (column,
/// indicator, values allowed, points), its first row the titles.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第五条（主体）、第八条（代码）、第十八条（三级指标及分值）、
/// 第十九条（直接评为E级的情形）.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateParts {
    pub header: Vec<String>,
    pub example: Vec<String>,
    pub notes: Vec<[String; 4]>,
}

/// The columns, example row and explanation of a rule set's template (see [`TemplateParts`]).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第五条、第八条、第十八条、第十九条.
pub fn template_parts(rules: &CompiledRules) -> TemplateParts {
    let plan = Plan::new(rules);
    let doc = &rules.doc;
    let mut header: Vec<String> = vec![];
    let mut example: Vec<String> = vec![];
    let mut notes: Vec<[String; 4]> = vec![["列".into(), "含义或指标".into(), "可填写的值".into(), "分值".into()]];
    let (name_col, code_col) = if plan.person { ("姓名", "身份证号码") } else { ("名称", "统一社会信用代码") };
    header.push(name_col.into());
    example.push(format!("{TEMPLATE_EXAMPLE}{}（此行导入时跳过，可删除）", if plan.person { "张某某" } else { "某某大药房" }));
    notes.push([name_col.into(), if plan.person { "参保人员等自然人的姓名".into() } else { "主体名称（与营业执照或登记证书一致）".into() }, "文字".into(), "—".into()]);
    header.push(code_col.into());
    example.push(if plan.person { "11010519491231002X".into() } else { "91441500MA00000000".into() });
    notes.push([
        code_col.into(),
        if plan.person { "18位公民身份号码（GB 11643-1999）".into() } else { "18位统一社会信用代码（GB 32100-2015）".into() },
        "18位数字或大写字母。在 Excel 中请先把这一列设为“文本”再填写或粘贴，否则会变成科学计数法、丢失末几位".into(),
        "—（同一代码对应不同名称、同一名称对应不同代码，都会在结果中标出）".into(),
    ]);
    let types: Vec<&str> = plan.types.iter().map(|t| t.1.as_str()).collect();
    header.push(format!("主体类型（{}）", types.join("/")));
    example.push(types.first().map(|t| t.to_string()).unwrap_or_default());
    notes.push([header[2].clone(), "主体类型（第五条）".into(), format!("{} 之一；留空按页面或命令行所选类型", types.join("、")), "—".into()]);
    for l in &plan.leaves {
        let h = leaf_header(l);
        let (values, points, ex) = match &l.kind {
            LeafKind::Count { per, deduction: true } => ("期间内的次数（0 或正整数，空白按 0）".to_string(), format!("满分 {} 分，每次扣 {} 分，扣完为止", l.points, per), "0".to_string()),
            LeafKind::Count { per, deduction: false } => ("期间内的次数（0 或正整数，空白按 0）".to_string(), format!("每次加 {} 分，最多加 {} 分", per, l.points), "0".to_string()),
            LeafKind::YesNo { points_if } => (
                "是 或 否".to_string(),
                format!("填“{}”得 {} 分，否则 0 分；空白按 0 分并在问题中列出", if *points_if { "是" } else { "否" }, l.points),
                if *points_if { "是".to_string() } else { "否".to_string() },
            ),
            LeafKind::Levels(levels) => (
                levels.iter().map(|x| x.label.zh.clone()).collect::<Vec<_>>().join(" / ") + " 之一",
                levels.iter().map(|x| format!("{} {} 分", x.label.zh, x.points)).collect::<Vec<_>>().join("；"),
                levels.first().map(|x| x.label.zh.clone()).unwrap_or_default(),
            ),
            LeafKind::Free => (format!("0 到 {} 之间的分数，最多两位小数", l.points), format!("最多 {} 分", l.points), "0".to_string()),
        };
        notes.push([h.clone(), format!("{} {}", l.code, l.name), values, points]);
        header.push(h);
        example.push(ex);
    }
    for (_, n, k) in &plan.direct_cols {
        let h = format!("{n}（是/否）");
        let rule = plan.scoring.direct.iter().find(|d| d.kinds.contains(k)).map(|d| &doc.direct_grades[d.rule]);
        let what = rule.map(|r| format!("填“是”即直接评为 {} 级（{}），不论得分", r.grade, r.reason.zh)).unwrap_or_default();
        notes.push([h.clone(), format!("评价期间内是否发生：{n}"), "是 或 否（空白按否）".into(), what]);
        header.push(h);
        example.push("否".into());
    }
    TemplateParts { header, example, notes }
}

fn push_record(out: &mut Vec<u8>, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_field(out, c);
    }
    out.extend_from_slice(b"\r\n");
}

/// The CSV template of a rule set: UTF-8 with BOM, CRLF. Row 1: the columns — 名称 (姓名 for
/// persons), 统一社会信用代码 (身份证号码 for persons), 主体类型 (the types covered, as a hint), one
/// column per leaf indicator (`10101 名称（是/否）`, read back by the leading code), one column per
/// direct-grade event kind (`名称（是/否）`). Row 2: an example, its first cell starting with
/// [`TEMPLATE_EXAMPLE`] (the batch skips it, and says so, so a forgotten example is never graded).
/// Then the explanation of each column (indicator, values allowed, points), each row's first
/// cell starting with [`TEMPLATE_NOTE`] (skipped too).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第五条（主体）、第八条（代码）、第十八条（三级指标）、
/// 第十九条（直接评为E级的情形）.
pub fn template(rules: &CompiledRules) -> String {
    let t = template_parts(rules);
    let mut out = Vec::from("\u{feff}".as_bytes());
    push_record(&mut out, &t.header);
    push_record(&mut out, &t.example);
    for n in &t.notes {
        let mut cells = n.to_vec();
        cells[0] = format!("{TEMPLATE_NOTE}{}", cells[0]);
        push_record(&mut out, &cells);
    }
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// CSV writing
// ---------------------------------------------------------------------------------------------

/// Appends `s` as one CSV field: quoted when it holds `,` `"` CR or LF (quotes doubled), and
/// with a leading `'` when it starts with `=` `+` `-` `@`, a tab or a carriage return (so Excel
/// and WPS do not run it as a formula), wherever the text comes from: a row, a rule file's grade
/// label, id or version. 依据：RFC 4180 第2节；OWASP “CSV Injection”.
pub fn push_field(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let inject = matches!(b.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    let quote = b.iter().any(|&c| matches!(c, b',' | b'"' | b'\r' | b'\n'));
    if quote {
        out.push(b'"');
    }
    if inject {
        out.push(b'\'');
    }
    if quote {
        for &c in b {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(b);
    }
}

/// Appends an identifier (统一社会信用代码, 身份证号码) so that Excel keeps it as text: a value of
/// ASCII letters and digits only is written as the formula `="…"` (Microsoft KB Q66033: the way
/// to keep such a value as text when a CSV is opened), which can only ever be that constant
/// text; anything else goes through [`push_field`] (quoted, formulas neutralised). Without it,
/// Excel shows an 18-digit number as `9.14415E+17` and loses the last digits when it saves.
/// 依据：GB 32100-2015（18位代码）；GB 11643-1999；OWASP “CSV Injection”.
pub fn push_ident(out: &mut Vec<u8>, s: &str) {
    if !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric()) {
        out.extend_from_slice(b"\"=\"\"");
        out.extend_from_slice(s.as_bytes());
        out.extend_from_slice(b"\"\"\"");
    } else {
        push_field(out, s);
    }
}

/// The value of an identifier cell written as `="…"` ([`push_ident`]): a result file opened
/// again reads as its input did.
fn unformula(s: &str) -> &str {
    match s.strip_prefix("=\"").and_then(|x| x.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner,
        _ => s,
    }
}

/// Whether `s` is a number in the scientific notation Excel shows for a long number
/// (`9.14415E+17`): a code Excel has already turned into a number, its last digits lost.
pub fn excel_scientific(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(e) = b.iter().position(|&c| c == b'E' || c == b'e') else { return false };
    let (m, x) = (&b[..e], &b[e + 1..]);
    let x = x.strip_prefix(b"+").unwrap_or(x);
    let mut parts = m.splitn(2, |&c| c == b'.');
    let int = parts.next().unwrap_or(&[]);
    let frac = parts.next().unwrap_or(&[]);
    !int.is_empty() && int.iter().all(u8::is_ascii_digit) && frac.iter().all(u8::is_ascii_digit) && !x.is_empty() && x.iter().all(u8::is_ascii_digit)
}

/// [`push_field`] into a `String` (the result CSV is made as text: nothing to check again).
pub fn push_field_str(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let inject = matches!(b.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    let quote = b.iter().any(|&c| matches!(c, b',' | b'"' | b'\r' | b'\n'));
    if quote {
        out.push('"');
    }
    if inject {
        out.push('\'');
    }
    if quote {
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// [`push_ident`] into a `String`.
fn push_ident_str(out: &mut String, s: &str) {
    if !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric()) {
        out.push_str("\"=\"\"");
        out.push_str(s);
        out.push_str("\"\"\"");
    } else {
        push_field_str(out, s);
    }
}

/// Writes `p` exactly as `Points`'s `Display` does (`849.99`, `850`, `849.5`).
fn push_points_str(out: &mut String, p: Points) {
    if p.0 < 0 {
        out.push('-');
    }
    let a = p.0.unsigned_abs();
    push_usize_str(out, (a / 100) as usize);
    let c = (a % 100) as u8;
    if c != 0 {
        out.push('.');
        out.push(char::from(b'0' + c / 10));
        if c % 10 != 0 {
            out.push(char::from(b'0' + c % 10));
        }
    }
}

/// Writes `n` in decimal.
fn push_usize_str(out: &mut String, mut n: usize) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&tmp[i..]).unwrap_or(""));
}

// ---------------------------------------------------------------------------------------------
// Rows out
// ---------------------------------------------------------------------------------------------

/// A problem of one row: stable code, the column it is about, Chinese and English.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（指标取值）、第五条（主体类型）；GB 32100-2015.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RowProblem {
    pub code: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub column: String,
    pub zh: String,
    pub en: String,
}

/// One result row, borrowed from the batch.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条（得分与等级）.
#[derive(Debug)]
pub struct RowOut<'a> {
    /// Row number as a spreadsheet shows it (header = 1).
    pub row: usize,
    pub name: &'a str,
    pub code: &'a str,
    /// Subject type id, or the cell as written when it is not a type.
    pub subject_type: &'a str,
    pub type_zh: &'a str,
    pub score: Option<Points>,
    /// Position of the final grade (0 = best), when graded.
    pub grade_pos: Option<usize>,
    /// Index of the direct-grade rule that set the grade, if one did.
    pub direct: Option<usize>,
    pub problems: &'a [RowProblem],
    /// The input's cells as read (the result keeps them).
    pub fields: &'a [&'a str],
    /// The input's fields as written with the commas between them, when every field was read
    /// unquoted and as UTF-8, none is a `="…"` formula, and the row has as many fields as the
    /// header (the result CSV copies it whole when nothing in it needs quoting).
    pub line: Option<&'a str>,
}

/// Receives result rows as they are produced.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub trait RowSink {
    /// The input's header as read (before any row): its cells, the code and type columns.
    fn header(&mut self, _plan: &Plan, _headers: &[&str], _code_col: Option<usize>, _type_col: Option<usize>) -> Result<()> {
        Ok(())
    }
    fn row(&mut self, plan: &Plan, r: &RowOut<'_>) -> Result<()>;
}

/// A sink that keeps nothing (the first pass, which only looks for duplicates).
struct NullSink;

impl RowSink for NullSink {
    fn row(&mut self, _plan: &Plan, _r: &RowOut<'_>) -> Result<()> {
        Ok(())
    }
}

/// Writes the result CSV (BOM and header first) to a byte buffer: 行号, the input's columns as
/// read (the code column as text for Excel: [`push_ident`]), 主体类型 when the input has none,
/// then [`RESULT_COLUMNS`].
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十五至二十六条.
#[derive(Debug, Default)]
pub struct CsvOut {
    pub buf: String,
    started: bool,
    in_cols: usize,
    code_col: Option<usize>,
    add_type: bool,
}

impl CsvOut {
    /// BOM and header, once (without the input's columns when no header was read).
    pub fn start(&mut self) {
        self.start_with(&[]);
    }

    fn start_with(&mut self, headers: &[&str]) {
        if !self.started {
            self.started = true;
            self.buf.push_str("\u{feff}行号");
            for h in headers {
                self.buf.push(',');
                push_field_str(&mut self.buf, h);
            }
            if self.add_type {
                self.buf.push_str(",主体类型");
            }
            for h in RESULT_COLUMNS {
                self.buf.push(',');
                self.buf.push_str(h);
            }
            self.buf.push_str("\r\n");
        }
    }
}

impl RowSink for CsvOut {
    fn header(&mut self, _plan: &Plan, headers: &[&str], code_col: Option<usize>, type_col: Option<usize>) -> Result<()> {
        if !self.started {
            self.in_cols = headers.len();
            self.code_col = code_col;
            self.add_type = type_col.is_none();
            self.start_with(headers);
        }
        Ok(())
    }

    fn row(&mut self, plan: &Plan, r: &RowOut<'_>) -> Result<()> {
        self.start();
        let b = &mut self.buf;
        push_usize_str(b, r.row);
        // The input's fields: copied as written when none needs quoting or a leading `'`
        // (what `push_field` would write then), the code column as text for Excel.
        let plain = |line: &str| !line.as_bytes().contains(&b'"') && r.fields.iter().all(|f| !matches!(f.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')));
        match r.line {
            Some(line) if r.fields.len() == self.in_cols && plain(line) => {
                b.push(',');
                match self.code_col {
                    Some(cc) => {
                        let start: usize = r.fields[..cc].iter().map(|f| f.len() + 1).sum();
                        let end = start + r.fields[cc].len();
                        b.push_str(line.get(..start).unwrap_or(""));
                        push_ident_str(b, fast_trim(r.fields[cc]));
                        b.push_str(line.get(end..).unwrap_or(""));
                    }
                    None => b.push_str(line),
                }
            }
            _ => {
                for k in 0..self.in_cols {
                    b.push(',');
                    let f = r.fields.get(k).copied().unwrap_or("");
                    if Some(k) == self.code_col {
                        push_ident_str(b, fast_trim(f));
                    } else {
                        push_field_str(b, f);
                    }
                }
            }
        }
        if self.add_type {
            b.push(',');
            push_field_str(b, r.type_zh);
        }
        b.push(',');
        if let Some(s) = r.score {
            push_points_str(b, s);
        }
        b.push(',');
        if let Some(p) = r.grade_pos {
            push_field_str(b, &plan.grades[p].grade);
            b.push(',');
            b.push_str(&plan.label_cells[p]);
            b.push(',');
            if let Some(d) = r.direct {
                b.push_str(&plan.direct_rules[d].reason_cell);
            }
            b.push(',');
            b.push_str(&plan.measure_cells[p]);
        } else {
            b.push_str(",,,");
        }
        b.push(',');
        if !r.problems.is_empty() {
            let text: Vec<String> =
                r.problems.iter().map(|p| if p.column.is_empty() { p.zh.clone() } else { format!("{}：{}", p.column, p.zh) }).collect();
            push_field_str(b, &text.join("；"));
        }
        b.push_str(&plan.tail);
        Ok(())
    }
}

/// One result row as the page gets it: `[row, name, code, type, score|null, grade|null,
/// [[code, column, zh, en], …], direct|null]` (an array, not an object: a list of 100,000 stays
/// small); `direct` is the index in [`Summary::direct_rules`] of the rule that set the grade.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RowJson(
    pub usize,
    pub String,
    pub String,
    pub String,
    pub Option<Points>,
    pub Option<String>,
    pub Vec<(&'static str, String, String, String)>,
    pub Option<usize>,
);

/// Collects the rows for the page (see [`RowJson`]).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条.
#[derive(Debug, Default)]
pub struct JsonRows {
    pub rows: Vec<RowJson>,
}

impl RowSink for JsonRows {
    fn row(&mut self, plan: &Plan, r: &RowOut<'_>) -> Result<()> {
        self.rows.push(RowJson(
            r.row,
            r.name.to_string(),
            r.code.to_string(),
            r.subject_type.to_string(),
            r.score,
            r.grade_pos.map(|p| plan.grades[p].grade.clone()),
            r.problems.iter().map(|p| (p.code, p.column.clone(), p.zh.clone(), p.en.clone())).collect(),
            r.direct,
        ));
        Ok(())
    }
}

/// Both sinks at once (the page wants rows and the result CSV).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
#[derive(Debug, Default)]
pub struct BothOut {
    pub csv: CsvOut,
    pub json: JsonRows,
}

impl RowSink for BothOut {
    fn header(&mut self, plan: &Plan, headers: &[&str], code_col: Option<usize>, type_col: Option<usize>) -> Result<()> {
        self.csv.header(plan, headers, code_col, type_col)
    }

    fn row(&mut self, plan: &Plan, r: &RowOut<'_>) -> Result<()> {
        self.csv.row(plan, r)?;
        self.json.row(plan, r)
    }
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

/// A problem of the whole file.
/// 依据：RFC 4180；《汕尾市医疗保障信用管理办法（试行）》第二十条.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FileProblem {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

/// A row problem as listed in the summary (with its row number).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ListedProblem {
    pub row: usize,
    #[serde(flatten)]
    pub problem: RowProblem,
}

/// What a batch answers besides its rows.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条；秦皇岛方案 整改任务分工表 第1项.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(hashmap_as_object))]
pub struct Summary {
    pub rules: RulesInfo,
    pub as_of: String,
    pub subject_class: &'static str,
    /// Data rows read (blank rows not counted).
    pub rows_total: usize,
    pub rows_blank: usize,
    /// Rows given a score and a grade.
    pub rows_evaluated: usize,
    pub rows_with_problems: usize,
    /// Rows whose grade was set by a direct-grade rule (e.g. 严重失信名单 → E).
    pub rows_direct_graded: usize,
    /// Rows of the template's example and explanation (`【示例】`, `【说明】`), skipped.
    pub rows_template: usize,
    /// The direct-grade rules a row can name (its `direct`, see [`RowJson`]).
    pub direct_rules: Vec<DirectRuleOut>,
    /// Count per grade, best first, with the grade's measures.
    pub distribution: Vec<GradeCount>,
    /// Row problems by code.
    pub problem_counts: BTreeMap<&'static str, usize>,
    /// The first [`MAX_LISTED_PROBLEMS`] row problems.
    pub problems: Vec<ListedProblem>,
    pub problems_truncated: bool,
    /// 一码多赋 and 重复赋码 (row numbers as in 行号).
    pub duplicates: ident::Duplicates,
    pub file_problems: Vec<FileProblem>,
    /// The header of each column read and what it was taken as.
    pub columns: Vec<ColumnOut>,
    /// What to know about the rules' sources on the as-of date (汕尾 第三十四条: the trial period).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// A column of the input and how it was read.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ColumnOut {
    pub header: String,
    /// `name`, `code`, `type`, `indicator`, `direct`, or `unknown`.
    pub role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// CSV reading
// ---------------------------------------------------------------------------------------------

/// Parses one record from `data[start..]` into `scratch` (field bytes, unquoted) and `ranges`.
/// `Some(next)` when the record is complete (a line end outside quotes, or the end of the data
/// when `eof`); `None` when more data is needed. Sets `*unclosed` for a quote open at the end.
fn parse_record(data: &[u8], start: usize, eof: bool, scratch: &mut Vec<u8>, ranges: &mut Vec<(usize, usize)>, unclosed: &mut bool) -> Option<usize> {
    scratch.clear();
    ranges.clear();
    let n = data.len();
    let mut i = start;
    let mut fstart = 0;
    let mut at_start = true;
    let mut quoted = false;
    loop {
        if quoted {
            // Copy up to the next quote.
            let j = data[i..].iter().position(|&b| b == b'"').map_or(n, |p| i + p);
            scratch.extend_from_slice(&data[i..j]);
            i = j;
            if i >= n {
                if !eof {
                    return None;
                }
                *unclosed = true;
                ranges.push((fstart, scratch.len()));
                return Some(n);
            }
            // data[i] == '"'
            if i + 1 < n && data[i + 1] == b'"' {
                scratch.push(b'"');
                i += 2;
            } else if i + 1 >= n && !eof {
                return None;
            } else {
                quoted = false;
                i += 1;
            }
            continue;
        }
        let j = data[i..].iter().position(|&b| matches!(b, b',' | b'\n' | b'\r' | b'"')).map_or(n, |p| i + p);
        if j > i {
            scratch.extend_from_slice(&data[i..j]);
            at_start = false;
            i = j;
        }
        if i >= n {
            if !eof {
                return None;
            }
            ranges.push((fstart, scratch.len()));
            return Some(n);
        }
        match data[i] {
            b',' => {
                ranges.push((fstart, scratch.len()));
                fstart = scratch.len();
                at_start = true;
                i += 1;
            }
            b'\n' => {
                ranges.push((fstart, scratch.len()));
                return Some(i + 1);
            }
            b'\r' => {
                if i + 1 < n {
                    ranges.push((fstart, scratch.len()));
                    return Some(if data[i + 1] == b'\n' { i + 2 } else { i + 1 });
                }
                if !eof {
                    return None;
                }
                ranges.push((fstart, scratch.len()));
                return Some(n);
            }
            _ => {
                // '"'
                if at_start {
                    quoted = true;
                    at_start = false;
                } else {
                    scratch.push(b'"');
                }
                i += 1;
            }
        }
    }
}

/// Every record of a whole CSV text, as strings (RFC 4180; the result CSV read back, the
/// template made into a workbook).
/// 依据：RFC 4180 第2节.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let data = text.as_bytes();
    let (mut scratch, mut ranges, mut unclosed) = (vec![], vec![], false);
    let mut out = vec![];
    let mut pos = 0;
    while pos < data.len() {
        let Some(next) = parse_record(data, pos, true, &mut scratch, &mut ranges, &mut unclosed) else { break };
        pos = next;
        out.push(ranges.iter().map(|&(a, b)| String::from_utf8_lossy(&scratch[a..b]).into_owned()).collect());
    }
    out
}

/// A field of a record read by [`parse_spans`]: bytes `a..b` of the data as written (an
/// unquoted field: no copy), or of the scratch buffer (a quoted field, its quotes undone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    a: usize,
    b: usize,
    scratch: bool,
}

/// The first of `,` CR LF in `data[i..]`, or `data.len()`: eight bytes at a time, the bytes below
/// `-` (0x2D: the three delimiters among them) found in a word at once, then each checked
/// (checked against the byte-by-byte search on random input).
#[inline]
fn field_end(data: &[u8], mut i: usize) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Added to a byte's low seven bits, sets its high bit exactly when the byte is 0x2D or more.
    const ADD: u64 = 0x0101_0101_0101_0101 * (0x80 - 0x2D);
    while let Some(word) = data.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        let mut below = !(((w & LOW7) + ADD) | w) & HIGH;
        while below != 0 {
            let k = i + (below.trailing_zeros() / 8) as usize;
            if matches!(data[k], b',' | b'\n' | b'\r') {
                return k;
            }
            below &= below - 1;
        }
        i += 8;
    }
    field_end_bytes(data, i)
}

/// [`field_end`] byte by byte.
fn field_end_bytes(data: &[u8], i: usize) -> usize {
    data[i..].iter().position(|&b| matches!(b, b',' | b'\n' | b'\r')).map_or(data.len(), |p| i + p)
}

/// [`parse_record`] without copying unquoted fields: the same records, the same fields (checked
/// against it on random input), the fields as [`Span`]s.
/// 依据：RFC 4180 第2节.
fn parse_spans(data: &[u8], start: usize, eof: bool, scratch: &mut Vec<u8>, spans: &mut Vec<Span>, unclosed: &mut bool) -> Option<usize> {
    // The common record (no field that starts with a quote): 64 bytes at a time, the bytes below
    // `-` found as the bits of one mask, each checked (the delimiters and the quote are among
    // them). A field that starts with a quote: the record is read by `parse_spans_quoted`.
    spans.clear();
    let n = data.len();
    let mut fstart = start;
    let mut base = start;
    while base < n {
        let mut m = below_mask(data, base);
        while m != 0 {
            let k = base + m.trailing_zeros() as usize;
            m &= m - 1;
            match data[k] {
                b',' => {
                    spans.push(Span { a: fstart, b: k, scratch: false });
                    fstart = k + 1;
                }
                b'\n' => {
                    spans.push(Span { a: fstart, b: k, scratch: false });
                    return Some(k + 1);
                }
                b'\r' => {
                    spans.push(Span { a: fstart, b: k, scratch: false });
                    if k + 1 < n {
                        return Some(if data[k + 1] == b'\n' { k + 2 } else { k + 1 });
                    }
                    return if eof { Some(n) } else { None };
                }
                b'"' if k == fstart => return parse_spans_quoted(data, start, eof, scratch, spans, unclosed),
                _ => {}
            }
        }
        base += 64;
    }
    spans.push(Span { a: fstart, b: n, scratch: false });
    if eof {
        Some(n)
    } else {
        None
    }
}

/// Bit k: `data[base + k]` is below `-` (0x2D), for the 64 bytes from `base` (fewer at the end).
#[inline]
fn below_mask(data: &[u8], base: usize) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ADD: u64 = 0x0101_0101_0101_0101 * (0x80 - 0x2D);
    // Moves the high bit of byte j to bit 56 + j (no carries: every product bit is distinct).
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut pad = [b'-'; 64];
    let block: &[u8] = match data.get(base..base + 64) {
        Some(b) => b,
        None => {
            let rest = &data[base..];
            pad[..rest.len()].copy_from_slice(rest);
            &pad
        }
    };
    let mut mask = 0u64;
    for (j, word) in block.chunks_exact(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        let below = !(((w & LOW7) + ADD) | w) & HIGH;
        mask |= ((below >> 7).wrapping_mul(GATHER) >> 56) << (8 * j);
    }
    mask
}

/// [`parse_spans`] for a record with a quoted field (the general reader).
fn parse_spans_quoted(data: &[u8], start: usize, eof: bool, scratch: &mut Vec<u8>, spans: &mut Vec<Span>, unclosed: &mut bool) -> Option<usize> {
    scratch.clear();
    spans.clear();
    let n = data.len();
    let mut i = start;
    loop {
        if i < n && data[i] == b'"' {
            // Quoted: the contents with `""` as `"`, then whatever follows up to the delimiter as written.
            let a = scratch.len();
            i += 1;
            loop {
                let j = data[i..].iter().position(|&b| b == b'"').map_or(n, |p| i + p);
                scratch.extend_from_slice(&data[i..j]);
                i = j;
                if i >= n {
                    if !eof {
                        return None;
                    }
                    *unclosed = true;
                    spans.push(Span { a, b: scratch.len(), scratch: true });
                    return Some(n);
                }
                if i + 1 < n && data[i + 1] == b'"' {
                    scratch.push(b'"');
                    i += 2;
                } else if i + 1 >= n && !eof {
                    return None;
                } else {
                    i += 1;
                    break;
                }
            }
            let j = field_end(data, i);
            scratch.extend_from_slice(&data[i..j]);
            i = j;
            spans.push(Span { a, b: scratch.len(), scratch: true });
        } else {
            let j = field_end(data, i);
            spans.push(Span { a: i, b: j, scratch: false });
            i = j;
        }
        if i >= n {
            return if eof { Some(n) } else { None };
        }
        match data[i] {
            b',' => i += 1,
            b'\n' => return Some(i + 1),
            _ => return after_cr(data, i, eof),
        }
    }
}

/// After a CR at `k` (a field's delimiter): the record's end (CR LF, or CR alone), or `None` when
/// more data is needed to tell. 依据：RFC 4180 第2节.
fn after_cr(data: &[u8], k: usize, eof: bool) -> Option<usize> {
    if k + 1 < data.len() {
        Some(if data[k + 1] == b'\n' { k + 2 } else { k + 1 })
    } else if eof {
        Some(data.len())
    } else {
        None
    }
}

/// The high bit of each byte of `x` that is zero (exactly: no carry between bytes).
#[inline]
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW7) + LOW7) | x) & 0x8080_8080_8080_8080
}

/// The first of LF CR `"` in `data[i..]`, or `data.len()` (eight bytes at a time).
fn line_end_or_quote(data: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(word) = data.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        let m = zero_bytes(w ^ (ONES * u64::from(b'\n'))) | zero_bytes(w ^ (ONES * u64::from(b'\r'))) | zero_bytes(w ^ (ONES * u64::from(b'"')));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    data[i..].iter().position(|&b| matches!(b, b'\n' | b'\r' | b'"')).map_or(data.len(), |p| i + p)
}

/// [`parse_spans`] reading only the first `limit` fields when no field after them can start
/// with a quote (the rest of the line has none): the same record end, and the same first
/// `limit` fields, as [`parse_spans`] (checked on random input); otherwise [`parse_spans`]
/// itself. (The duplicate pass reads the name and the code only.)
/// 依据：RFC 4180 第2节.
fn parse_first_spans(data: &[u8], start: usize, eof: bool, limit: usize, scratch: &mut Vec<u8>, spans: &mut Vec<Span>, unclosed: &mut bool) -> Option<usize> {
    scratch.clear();
    spans.clear();
    let n = data.len();
    let mut i = start;
    while spans.len() < limit {
        if i < n && data[i] == b'"' {
            return parse_spans(data, start, eof, scratch, spans, unclosed);
        }
        let j = field_end(data, i);
        spans.push(Span { a: i, b: j, scratch: false });
        i = j;
        if i >= n {
            return if eof { Some(n) } else { None };
        }
        match data[i] {
            b',' => i += 1,
            b'\n' => return Some(i + 1),
            _ => return after_cr(data, i, eof),
        }
    }
    let k = line_end_or_quote(data, i);
    if k >= n {
        return if eof { Some(n) } else { None };
    }
    match data[k] {
        b'"' => parse_spans(data, start, eof, scratch, spans, unclosed),
        b'\n' => Some(k + 1),
        _ => after_cr(data, k, eof),
    }
}

/// Refuses what is plainly not a CSV text: binary data, a spreadsheet file, JSON, HTML, PDF.
fn sniff(data: &[u8]) -> Result<()> {
    let head = &data[..data.len().min(4096)];
    let not_csv = |what_zh: &str, what_en: &str| {
        Error::new(
            "E_BATCH_NOT_CSV",
            format!("所选文件不是 CSV 文本文件（看起来是{what_zh}）。请在 Excel 或 WPS 中“另存为” CSV（逗号分隔）后再导入，或使用“下载模板”得到的文件"),
            format!("the file is not a CSV text file (it looks like {what_en}). Save it as CSV (comma separated) in Excel or WPS, or start from the downloaded template"),
        )
    };
    if head.starts_with(b"PK\x03\x04") {
        return Err(not_csv("Excel .xlsx 或其他压缩文件", "an Excel .xlsx or another zip file"));
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(not_csv("旧版 Excel .xls 文件", "an old Excel .xls file"));
    }
    if head.starts_with(b"%PDF") {
        return Err(not_csv("PDF 文件", "a PDF file"));
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') | Some(b'[') => return Err(not_csv(" JSON 数据", "JSON data")),
        Some(b'<') => return Err(not_csv("网页（HTML）或 XML 文件", "an HTML or XML file")),
        _ => {}
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C)).count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        return Err(not_csv("二进制数据", "binary data"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Duplicates (一码多赋 / 重复赋码) over many rows
// ---------------------------------------------------------------------------------------------

/// A hash of a key's UTF-8 bytes (eight at a time, then fmix64 so every bit depends on every
/// byte), and whether the key has any character.
fn hash_key(bytes: &[u8]) -> (u64, bool) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    (h, !bytes.is_empty())
}

/// [`hash_key`] of the bytes of `bytes` (a key made character by character).
fn key_hash_bytes(bytes: impl Iterator<Item = u8>) -> (u64, bool) {
    hash_key(&bytes.collect::<Vec<u8>>())
}

/// The key characters as UTF-8 bytes.
fn key_bytes(chars: impl Iterator<Item = char>) -> impl Iterator<Item = u8> {
    chars.flat_map(|c| {
        let mut b = [0u8; 4];
        let n = c.encode_utf8(&mut b).len();
        b.into_iter().take(n)
    })
}

/// Whether `s` has no byte that can begin white space or a full-width form (U+0085, U+00A0,
/// U+1680, U+2000–U+205F, U+3000, U+FF01–U+FF5E, ASCII space and controls): its name key is
/// then itself ([`ident::name_key_chars`]).
fn plain_key(s: &str) -> bool {
    s.bytes().all(|b| b > 0x20 && !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF))
}

/// [`key_hash_bytes`] of the name key ([`ident::name_key_chars`]).
fn name_hash(name: &str) -> (u64, bool) {
    if plain_key(name) {
        hash_key(name.as_bytes())
    } else {
        key_hash_bytes(key_bytes(ident::name_key_chars(name)))
    }
}

/// [`key_hash_bytes`] of the code key ([`ident::code_key_chars`]).
fn code_hash(code: &str) -> (u64, bool) {
    if code.len() <= 64 && code.bytes().all(|b| b > 0x20 && b < 0x80) {
        let mut up = [0u8; 64];
        up[..code.len()].copy_from_slice(code.as_bytes());
        up[..code.len()].make_ascii_uppercase();
        hash_key(&up[..code.len()])
    } else {
        key_hash_bytes(key_bytes(ident::code_key_chars(code)))
    }
}

/// `v` (in increasing index order) sorted by key, equal keys in index order: what
/// `crate::sort::sort` gives these pairs, in four passes of 16 bits (LSD radix sort, stable).
fn radix_sort(mut v: Vec<(u64, usize)>) -> Vec<(u64, usize)> {
    debug_assert!(v.windows(2).all(|w| w[0].1 < w[1].1));
    if v.len() < 4096 {
        crate::sort::sort(&mut v);
        return v;
    }
    let mut tmp = vec![(0u64, 0usize); v.len()];
    let mut count = vec![0usize; 1 << 16];
    for pass in 0..4 {
        let shift = pass * 16;
        count.iter_mut().for_each(|c| *c = 0);
        for x in &v {
            count[((x.0 >> shift) & 0xFFFF) as usize] += 1;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            let k = *c;
            *c = sum;
            sum += k;
        }
        for x in &v {
            let d = ((x.0 >> shift) & 0xFFFF) as usize;
            tmp[count[d]] = *x;
            count[d] += 1;
        }
        std::mem::swap(&mut v, &mut tmp);
    }
    v
}

#[derive(Default)]
struct Dups {
    arena: String,
    /// (row, start, name length, code length, name hash, code hash)
    rows: Vec<(usize, usize, usize, usize, u64, u64)>,
    skipped: Vec<usize>,
}

impl Dups {
    fn name_code(&self, idx: usize) -> (&str, &str) {
        let (_, s, nl, cl, _, _) = self.rows[idx];
        (self.arena.get(s..s + nl).unwrap_or(""), self.arena.get(s + nl..s + nl + cl).unwrap_or(""))
    }

    fn add(&mut self, row: usize, name: &str, code: &str) {
        let (nh, n_any) = name_hash(name);
        let (ch, c_any) = code_hash(code);
        if !n_any || !c_any {
            self.skipped.push(row);
            return;
        }
        let start = self.arena.len();
        self.arena.push_str(name);
        self.arena.push_str(code);
        self.rows.push((row, start, name.len(), code.len(), nh, ch));
    }

    /// Marks the rows of every group (same key hash) that holds two different other keys.
    /// Groups are found by sorting on the hash; equal hashes are confirmed on the keys
    /// themselves, so a hash collision can only add rows for the exact check, never lose one.
    fn mark(&self, by_code: bool, cand: &mut [bool]) {
        let other = |i: usize| if by_code { self.rows[i].4 } else { self.rows[i].5 };
        let idx = radix_sort(self.rows.iter().enumerate().map(|(i, r)| (if by_code { r.5 } else { r.4 }, i)).collect());
        let mut a = 0;
        while a < idx.len() {
            let k = idx[a].0;
            let mut b = a + 1;
            while b < idx.len() && idx[b].0 == k {
                b += 1;
            }
            if b - a > 1 {
                let first = idx[a].1;
                let (fname, fcode) = self.name_code(first);
                let conflict = idx[a + 1..b].iter().any(|&(_, j)| {
                    if other(j) != other(first) {
                        return true;
                    }
                    let (n, c) = self.name_code(j);
                    if by_code {
                        !ident::name_key_chars(fname).eq(ident::name_key_chars(n))
                    } else {
                        !ident::code_key_chars(fcode).eq(ident::code_key_chars(c))
                    }
                });
                if conflict {
                    for &(_, j) in &idx[a..b] {
                        cand[j] = true;
                    }
                }
            }
            a = b;
        }
    }

    /// Exactly `ident::find_duplicates` over every row added, computed on the rows involved only.
    fn finish(&self) -> ident::Duplicates {
        let mut cand = vec![false; self.rows.len()];
        self.mark(true, &mut cand);
        self.mark(false, &mut cand);
        let list: Vec<(usize, &str, &str)> = (0..self.rows.len())
            .filter(|&i| cand[i])
            .map(|i| {
                let (n, c) = self.name_code(i);
                (self.rows[i].0, n, c)
            })
            .collect();
        let mut d = ident::find_duplicates(&list);
        d.skipped_rows = self.skipped.clone();
        d
    }
}

/// A group of rows this large or smaller names, on each row, every other row of the group; a
/// larger one gets one text for all its rows (how many rows and names, the first few of them).
/// 依据：秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
pub const DUP_NAMED_ROWS: usize = 10;

/// Characters of a name or code quoted in a duplicate's message.
const DUP_QUOTE: usize = 40;

fn quoted(s: &str) -> String {
    let mut out: String = s.chars().take(DUP_QUOTE).collect();
    if s.chars().nth(DUP_QUOTE).is_some() {
        out.push('…');
    }
    out
}

/// One duplicate group as the second pass marks its rows.
#[derive(Debug, Default)]
struct MarkGroup {
    /// 一码多赋 (true) or 重复赋码.
    by_code: bool,
    /// (row, the other side's value on that row), every row, for a small group.
    members: Vec<(usize, String)>,
    /// The one text of every row of a large group (zh, en).
    shared: Option<(String, String)>,
}

/// Every row involved in a duplicate, with its group, in row order.
#[derive(Debug, Default)]
struct Marks {
    groups: Vec<MarkGroup>,
    /// (row, group), sorted by row.
    rows: Vec<(u32, u32)>,
    at: usize,
}

impl Marks {
    fn of(d: &ident::Duplicates) -> Marks {
        let mut m = Marks::default();
        let add = |by_code: bool, key: &str, occ: &[ident::Occurrence], rows: &[usize], m: &mut Marks| {
            let g = m.groups.len() as u32;
            let mut group = MarkGroup { by_code, ..Default::default() };
            if rows.len() <= DUP_NAMED_ROWS {
                for o in occ {
                    for &r in &o.rows {
                        group.members.push((r, quoted(&o.value)));
                    }
                }
                crate::sort::sort_by(&mut group.members, |a, b| a.0.cmp(&b.0));
            } else {
                let first: Vec<&ident::Occurrence> = occ.iter().take(3).collect();
                let list_zh: Vec<String> = first.iter().map(|o| format!("第 {} 行“{}”", o.rows[0], quoted(&o.value))).collect();
                let list_en: Vec<String> = first.iter().map(|o| format!("row {} \"{}\"", o.rows[0], quoted(&o.value))).collect();
                let (what_zh, what_en) = if by_code { ("名称", "names") } else { ("代码", "codes") };
                let (kind_zh, kind_en) = if by_code { ("一码多赋：代码", "one code, several names: code") } else { ("重复赋码：名称", "one name, several codes: name") };
                group.shared = Some((
                    format!("{kind_zh}“{}”共用于 {} 行、{} 个不同的{what_zh}，如{}等；全部行见结果文件（按此{}筛选）", quoted(key), rows.len(), occ.len(), list_zh.join("、"), if by_code { "代码" } else { "名称" }),
                    format!("{kind_en} \"{}\" is on {} rows with {} different {what_en}, e.g. {}; every row is in the results file (filter by it)", quoted(key), rows.len(), occ.len(), list_en.join(", ")),
                ));
            }
            for &r in rows {
                m.rows.push((r as u32, g));
            }
            m.groups.push(group);
        };
        for c in &d.one_code_many_names {
            add(true, &c.code, &c.names, &c.rows, &mut m);
        }
        for n in &d.one_name_many_codes {
            add(false, &n.name, &n.codes, &n.rows, &mut m);
        }
        crate::sort::sort(&mut m.rows);
        m
    }

    /// The duplicate problems of `row` (rows are asked in increasing order), added to `out`.
    fn problems_of(&mut self, row: usize, person: bool, out: &mut Vec<RowProblem>) {
        let row32 = row as u32;
        while self.at < self.rows.len() && self.rows[self.at].0 < row32 {
            self.at += 1;
        }
        while self.at < self.rows.len() && self.rows[self.at].0 == row32 {
            let g = &self.groups[self.rows[self.at].1 as usize];
            self.at += 1;
            let (code, column) = if g.by_code {
                ("W_BATCH_DUP_CODE", if person { "身份证号码" } else { "统一社会信用代码" })
            } else {
                ("W_BATCH_DUP_NAME", if person { "姓名" } else { "名称" })
            };
            let (zh, en) = match &g.shared {
                Some((zh, en)) => (zh.clone(), en.clone()),
                None => {
                    let others: Vec<&(usize, String)> = g.members.iter().filter(|m| m.0 != row).collect();
                    let (what_zh, what_en) = if g.by_code { ("名称", "name") } else { ("代码", "code") };
                    let zh: Vec<String> = others.iter().map(|(r, v)| format!("第 {r} 行（{what_zh}“{v}”）")).collect();
                    let en: Vec<String> = others.iter().map(|(r, v)| format!("row {r} ({what_en} \"{v}\")")).collect();
                    if g.by_code {
                        (format!("一码多赋：此代码也用于{}", zh.join("、")), format!("one code, several names: this code is also on {}", en.join(", ")))
                    } else {
                        (format!("重复赋码：此名称也见于{}", zh.join("、")), format!("one name, several codes: this name is also on {}", en.join(", ")))
                    }
                }
            };
            out.push(RowProblem { code, column: column.to_string(), zh, en });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The batch
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Code,
    Type,
    Leaf(usize),
    Direct(usize),
    Unknown,
}

#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    code: Option<usize>,
    ty: Option<usize>,
    leaf: Vec<Option<usize>>,
    direct: Vec<Option<usize>>,
    n: usize,
}

fn head_word(h: &str) -> &str {
    let end = h.find(['（', '(']).unwrap_or(h.len());
    h[..end].trim()
}

fn one_of(list: &[&str], s: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(s))
}

fn classify(plan: &Plan, rules_codes: &HashMap<String, bool>, header: &str) -> (Role, Option<String>) {
    let h = header.trim();
    let w = head_word(h);
    if one_of(NAME_HEADERS, w) {
        return (Role::Name, None);
    }
    if one_of(CODE_HEADERS, w) {
        return (Role::Code, None);
    }
    if one_of(TYPE_HEADERS, w) {
        return (Role::Type, None);
    }
    let token = h.split(|c: char| c.is_whitespace() || c == '（' || c == '(').next().unwrap_or("");
    if let Some(i) = plan.leaves.iter().position(|l| l.code == token) {
        return (Role::Leaf(i), Some(plan.leaves[i].code.clone()));
    }
    if rules_codes.contains_key(token) {
        return (Role::Unknown, Some(token.to_string()));
    }
    for (i, (kind, name, _)) in plan.direct_cols.iter().enumerate() {
        if w == name || w.eq_ignore_ascii_case(kind) || token.eq_ignore_ascii_case(kind) {
            return (Role::Direct(i), Some(kind.clone()));
        }
    }
    (Role::Unknown, None)
}

/// The longest start of `data` that is UTF-8 (natively checked with SIMD first: simdutf8, the
/// checker encoding_rs already uses here; the same answer as `std::str::from_utf8`).
fn utf8_prefix(data: &[u8]) -> &str {
    #[cfg(not(target_arch = "wasm32"))]
    {
        // (A piece often ends inside a character: the prefix before it is checked again, once.)
        match simdutf8::compat::from_utf8(data) {
            Ok(t) => t,
            Err(e) => simdutf8::compat::from_utf8(&data[..e.valid_up_to()]).unwrap_or(""),
        }
    }
    #[cfg(target_arch = "wasm32")]
    match std::str::from_utf8(data) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or(""),
    }
}

/// One record as [`parse_spans`] read it, with the bytes it points into.
#[derive(Clone, Copy)]
struct Rec<'a> {
    data: &'a [u8],
    /// The longest start of `data` that is UTF-8.
    text: &'a str,
    scratch: &'a [u8],
    spans: &'a [Span],
}

impl<'a> Rec<'a> {
    fn bytes(&self, s: &Span) -> &'a [u8] {
        if s.scratch {
            &self.scratch[s.a..s.b]
        } else {
            &self.data[s.a..s.b]
        }
    }

    /// The field as text (`Err` when it is not UTF-8): an unquoted field inside the checked text
    /// is not checked again.
    fn field(&self, s: &Span) -> std::result::Result<&'a str, ()> {
        if !s.scratch {
            if let Some(t) = self.text.get(s.a..s.b) {
                return Ok(t);
            }
        }
        std::str::from_utf8(self.bytes(s)).map_err(|_| ())
    }
}

/// A batch in progress: bytes in (any chunking), result rows out, a [`Summary`] at the end.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条；秦皇岛方案 整改任务分工表 第1项.
pub struct Session {
    plan: Plan,
    opts: Options,
    pending: Vec<u8>,
    started: bool,
    cols: Option<Columns>,
    columns_out: Vec<ColumnOut>,
    record_no: usize,
    scratch: Vec<u8>,
    spans: Vec<Span>,
    problems: Vec<RowProblem>,
    rows_total: usize,
    rows_blank: usize,
    rows_evaluated: usize,
    rows_with_problems: usize,
    rows_direct: usize,
    counts: Vec<usize>,
    problem_counts: BTreeMap<&'static str, usize>,
    listed: Vec<ListedProblem>,
    truncated: bool,
    file_problems: Vec<FileProblem>,
    dups: Dups,
    uscc_values: [u8; 128],
    answers: Vec<Answer>,
    kind_hit: Vec<bool>,
    rows_template: usize,
    /// True while the first pass (duplicates only) runs.
    scanning: bool,
    /// The duplicates the first pass found (then every row involved is marked as it is read).
    scanned: Option<ident::Duplicates>,
    marks: Marks,
    /// The file problems known before the header is read (kept for the second pass).
    initial_file_problems: Vec<FileProblem>,
}

fn rp(code: &'static str, column: &str, zh: String, en: String) -> RowProblem {
    RowProblem { code, column: column.to_string(), zh, en }
}

impl Session {
    /// Starts a batch with `rules`. Refuses rules not in force on `as_of` (unless allowed) and a
    /// default type the rules do not cover.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条（指标由市医保局制定并公布）、第五条.
    pub fn new(rules: &CompiledRules, opts: Options) -> Result<Session> {
        let plan = Plan::new(rules);
        let mut file_problems = vec![];
        if !plan.in_effect(opts.as_of) {
            let (span, span_en) = rules.effective_span();
            if !opts.allow_out_of_effect {
                return Err(Error::new(
                    "E_RULES_NOT_IN_EFFECT",
                    format!("指标“{}”的有效期为 {span}，不覆盖评价基准日 {}；如确需使用，请设置 allowOutOfEffect", rules.doc.title.zh, opts.as_of),
                    format!("rule set \"{}\" is in force {span}, which does not cover the as-of date {}; set allowOutOfEffect to use it anyway", rules.doc.id, opts.as_of, span = span_en),
                )
                .at("$.asOf"));
            }
            file_problems.push(FileProblem {
                code: "W_RULES_NOT_IN_EFFECT",
                zh: format!("指标有效期为 {span}，不覆盖评价基准日 {}：结果仅供参考", opts.as_of),
                en: format!("the rules are in force {span_en}, not on {}: the results are for reference only", opts.as_of),
            });
        }
        if let Some(t) = &opts.default_type {
            if !plan.types.iter().any(|x| &x.0 == t) {
                return Err(Error::new(
                    "E_SUBJECT_TYPE",
                    format!("指标“{}”不适用于主体类型“{t}”（适用：{}）", rules.doc.title.zh, rules.doc.subject_types.join("、")),
                    format!("rule set \"{}\" does not cover subject type \"{t}\" (covers: {})", rules.doc.id, rules.doc.subject_types.join(", ")),
                )
                .at("$.type"));
            }
        }
        let mut uscc_values = [0xFFu8; 128];
        for (v, c) in ident::USCC_ALPHABET.bytes().enumerate() {
            uscc_values[c as usize] = v as u8;
        }
        let counts = vec![0; plan.grades.len()];
        let mut opts = opts;
        if opts.default_type.is_none() && plan.types.len() == 1 {
            opts.default_type = Some(plan.types[0].0.clone());
        }
        let answers = vec![Answer::None; plan.leaves.len()];
        let kind_hit = vec![false; rules.doc.event_kinds.len()];
        Ok(Session {
            answers,
            kind_hit,
            plan,
            opts,
            pending: vec![],
            started: false,
            cols: None,
            columns_out: vec![],
            record_no: 0,
            scratch: vec![],
            spans: vec![],
            problems: vec![],
            rows_total: 0,
            rows_blank: 0,
            rows_evaluated: 0,
            rows_with_problems: 0,
            rows_direct: 0,
            counts,
            problem_counts: BTreeMap::new(),
            listed: vec![],
            truncated: false,
            file_problems,
            dups: Dups::default(),
            uscc_values,
            rows_template: 0,
            scanning: false,
            scanned: None,
            marks: Marks::default(),
            initial_file_problems: vec![],
        }
        .with_initial_problems())
    }

    fn with_initial_problems(mut self) -> Session {
        self.initial_file_problems = self.file_problems.clone();
        self
    }

    /// The compiled plan (for sinks and callers).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// First pass (optional): feeds the next bytes of the CSV to look for duplicates only. After
    /// [`Session::end_scan`], the same bytes fed again with [`Session::push`] give rows that name
    /// their duplicates (every row of a group, with the other rows).
    /// 依据：秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
    pub fn scan(&mut self, bytes: &[u8]) -> Result<()> {
        if self.scanned.is_some() || (self.started && !self.scanning) {
            return Err(Error::new("E_BATCH_SCAN", "内部错误：查重须在评价之前", "internal error: the duplicate pass must come before the evaluation"));
        }
        self.scanning = true;
        self.push(bytes, &mut NullSink)
    }

    /// [`Session::scan`] for text (already UTF-8: not checked again).
    /// 依据：秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
    pub fn scan_text(&mut self, text: &str) -> Result<()> {
        if self.scanned.is_some() || (self.started && !self.scanning) {
            return Err(Error::new("E_BATCH_SCAN", "内部错误：查重须在评价之前", "internal error: the duplicate pass must come before the evaluation"));
        }
        self.scanning = true;
        self.push_text(text, &mut NullSink)
    }

    /// Ends the first pass: the duplicates are known; the session is ready for the file again.
    /// 依据：秦皇岛方案 整改任务分工表 第1项.
    pub fn end_scan(&mut self) -> Result<()> {
        if !self.scanning {
            return Err(Error::new("E_BATCH_SCAN", "内部错误：未开始查重", "internal error: no duplicate pass to end"));
        }
        let data = std::mem::take(&mut self.pending);
        if !self.started && data.is_empty() {
            return Err(empty_file());
        }
        self.process(&data, true, &mut NullSink)?;
        if self.cols.is_none() {
            return Err(empty_file());
        }
        let d = std::mem::take(&mut self.dups).finish();
        self.marks = Marks::of(&d);
        self.scanned = Some(d);
        self.scanning = false;
        self.started = false;
        self.cols = None;
        self.columns_out.clear();
        self.record_no = 0;
        self.rows_total = 0;
        self.rows_blank = 0;
        self.rows_template = 0;
        self.file_problems = self.initial_file_problems.clone();
        Ok(())
    }

    /// Feeds the next bytes of the CSV (any split, even inside a character or a quoted field).
    /// 依据：RFC 4180 第2节.
    pub fn push(&mut self, bytes: &[u8], sink: &mut dyn RowSink) -> Result<()> {
        if self.pending.is_empty() {
            let used = self.process(bytes, false, sink)?;
            self.pending.extend_from_slice(&bytes[used..]);
        } else {
            let mut data = std::mem::take(&mut self.pending);
            data.extend_from_slice(bytes);
            let used = self.process(&data, false, sink)?;
            data.drain(..used);
            self.pending = data;
        }
        self.check_pending()
    }

    /// Refuses a record that never ends (a quote left open).
    fn check_pending(&self) -> Result<()> {
        if self.pending.len() > MAX_RECORD_BYTES {
            return Err(Error::new(
                "E_BATCH_RECORD_TOO_LONG",
                format!("第 {} 行起的一条记录超过 {} 字节，多半是引号未闭合（引号内的逗号和换行都属于同一格）", self.record_no + 1, MAX_RECORD_BYTES),
                format!("the record starting at row {} is longer than {} bytes; a quote is probably left open", self.record_no + 1, MAX_RECORD_BYTES),
            ));
        }
        Ok(())
    }

    /// [`Session::push`] for text (the page's pieces, already UTF-8): not checked again.
    /// 依据：RFC 4180 第2节.
    pub fn push_text(&mut self, text: &str, sink: &mut dyn RowSink) -> Result<()> {
        if self.pending.is_empty() {
            let used = self.process_known(text.as_bytes(), Some(text), false, sink)?;
            self.pending.extend_from_slice(&text.as_bytes()[used..]);
        } else {
            // What is left of the last piece (part of a record): UTF-8 too, unless bytes came first.
            let mut data = match String::from_utf8(std::mem::take(&mut self.pending)) {
                Ok(d) => d,
                Err(e) => {
                    self.pending = e.into_bytes();
                    return self.push(text.as_bytes(), sink);
                }
            };
            data.push_str(text);
            let used = self.process_known(data.as_bytes(), Some(&data), false, sink)?;
            let mut rest = data.into_bytes();
            rest.drain(..used);
            self.pending = rest;
        }
        self.check_pending()
    }

    /// Processes complete records of `data`; returns how many bytes were used.
    fn process(&mut self, data: &[u8], eof: bool, sink: &mut dyn RowSink) -> Result<usize> {
        self.process_known(data, None, eof, sink)
    }

    /// [`Session::process`], given `data` as text when it is known to be text.
    fn process_known(&mut self, data: &[u8], known: Option<&str>, eof: bool, sink: &mut dyn RowSink) -> Result<usize> {
        let mut pos = 0;
        if !self.started {
            // Wait for enough bytes to recognise a BOM and sniff the content.
            if data.len() < 4096 && !eof {
                return Ok(0);
            }
            self.started = true;
            sniff(data)?;
            if data.starts_with(b"\xEF\xBB\xBF") {
                pos = 3;
            }
        }
        // The bytes checked as UTF-8 once: an unquoted field inside that text is taken as it is.
        // (In WebAssembly the first pass checks the two fields it reads alone: std's check of
        // the whole piece would cost more there; natively the piece is checked with SIMD.)
        let text = if let Some(t) = known {
            t
        } else if self.scanning && cfg!(target_arch = "wasm32") {
            ""
        } else {
            utf8_prefix(data)
        };
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut spans = std::mem::take(&mut self.spans);
        // The duplicate pass reads a row's fields up to its name and code only (a blank start
        // is read whole: the row may be blank).
        let limit = match (&self.cols, self.scanning) {
            (Some(c), true) => c.name.max(c.code).map_or(1, |k| k + 1),
            _ => usize::MAX,
        };
        let result = (|| {
            while pos < data.len() {
                let mut unclosed = false;
                let next = if limit == usize::MAX {
                    parse_spans(data, pos, eof, &mut scratch, &mut spans, &mut unclosed)
                } else {
                    let next = parse_first_spans(data, pos, eof, limit, &mut scratch, &mut spans, &mut unclosed);
                    let rec = Rec { data, text, scratch: &scratch, spans: &spans };
                    if next.is_some() && spans.len() == limit && spans.iter().all(|s| rec.bytes(s).iter().all(|c| c.is_ascii_whitespace())) {
                        parse_spans(data, pos, eof, &mut scratch, &mut spans, &mut unclosed)
                    } else {
                        next
                    }
                };
                let Some(next) = next else { break };
                pos = next;
                self.record(Rec { data, text, scratch: &scratch, spans: &spans }, unclosed, sink)?;
            }
            Ok(pos)
        })();
        self.scratch = scratch;
        self.spans = spans;
        result
    }

    fn record(&mut self, rec: Rec<'_>, unclosed: bool, sink: &mut dyn RowSink) -> Result<()> {
        self.record_no += 1;
        let spans = rec.spans;
        let field = |k: usize| -> std::result::Result<&str, ()> {
            match spans.get(k) {
                Some(s) => rec.field(s),
                None => Ok(""),
            }
        };
        // Blank row (Excel often leaves ",,,," lines at the end); blank lines before the header are skipped.
        let blank = spans.iter().all(|s| rec.bytes(s).iter().all(|c| c.is_ascii_whitespace()));
        if self.cols.is_none() {
            return if blank { Ok(()) } else { self.header(spans.len(), &field, sink) };
        }
        if blank {
            self.rows_blank += 1;
            return Ok(());
        }
        let may_mark = spans.first().is_some_and(|s| may_start_mark(rec.bytes(s)));
        if let Some(first) = if may_mark { field(0).ok() } else { None } {
            let first = first.trim_start();
            if first.starts_with(TEMPLATE_EXAMPLE) || first.starts_with(TEMPLATE_NOTE) {
                self.rows_template += 1;
                return Ok(());
            }
        }
        self.rows_total += 1;
        if self.rows_total > self.opts.max_rows {
            return Err(Error::new(
                "E_BATCH_TOO_MANY_ROWS",
                format!("数据超过 {} 行的上限（第 {} 行起未处理）；请拆分文件后分批评价", self.opts.max_rows, self.record_no),
                format!("more than {} data rows (the limit; rows from {} on were not processed); split the file", self.opts.max_rows, self.record_no),
            ));
        }
        let row = self.record_no;
        self.problems.clear();
        let cols = self.cols.as_ref().ok_or_else(|| Error::new("E_INTERNAL", "内部错误", "internal error"))?;
        if self.scanning {
            // The first pass: the name and the code only, read as the second pass reads them.
            if let (Some(nc), Some(cc)) = (cols.name, cols.code) {
                let one = |k: usize| -> &str {
                    let v = spans.get(k).map_or(Ok(""), |s| rec.field(s)).unwrap_or("");
                    fast_trim(if v.as_bytes().first() == Some(&b'=') { unformula(v) } else { v })
                };
                self.dups.add(row, one(nc), one(cc));
            }
            return Ok(());
        }
        let plan = &self.plan;
        let mut bad = false;
        let mut encoding_bad = false;
        // Each field checked as UTF-8 once, kept on the stack (no allocation for up to 64 columns).
        const STACK: usize = 64;
        let mut on_stack: [&str; STACK] = [""; STACK];
        let mut on_heap: Vec<&str> = vec![];
        if spans.len() > STACK {
            on_heap = vec![""; spans.len()];
        }
        let fields: &mut [&str] = if spans.len() > STACK { &mut on_heap } else { &mut on_stack[..spans.len()] };
        let mut any_formula = false;
        for (k, f) in fields.iter_mut().enumerate() {
            match field(k) {
                Ok(v) => {
                    *f = if v.as_bytes().first() == Some(&b'=') {
                        any_formula = true;
                        unformula(v)
                    } else {
                        v
                    }
                }
                Err(()) => encoding_bad = true,
            }
        }
        let fields: &[&str] = fields;
        let get = |c: Option<usize>| -> &str { fast_trim(c.and_then(|k| fields.get(k).copied()).unwrap_or("")) };
        if encoding_bad {
            bad = true;
            self.problems.push(rp(
                "E_BATCH_ENCODING",
                "",
                "此行含有不是 UTF-8 编码的字符（文件可能是 GBK 编码，请用本工具页面或命令行导入，它们会自动识别）".into(),
                "this row has bytes that are not UTF-8 (the file may be GBK; the page and the CLI detect that)".into(),
            ));
        }
        if unclosed {
            self.problems.push(rp("W_BATCH_QUOTE", "", "文件末尾有未闭合的引号".into(), "a quote is left open at the end of the file".into()));
        }
        if spans.len() > cols.n && spans[cols.n..].iter().any(|s| !rec.bytes(s).iter().all(|c| c.is_ascii_whitespace())) {
            self.problems.push(rp(
                "W_BATCH_EXTRA_FIELDS",
                "",
                format!("此行有 {} 格，多于表头的 {} 列，多出的内容未读取（可能有未加引号的逗号）", spans.len(), cols.n),
                format!("this row has {} fields, more than the {} columns of the header; the extra ones were not read (an unquoted comma?)", spans.len(), cols.n),
            ));
        }
        let name = get(cols.name);
        let code = get(cols.code);
        let type_cell = get(cols.ty);

        // Subject type (第五条).
        let mut type_idx = None;
        let mut type_shown: &str = type_cell;
        if type_cell.is_empty() {
            match &self.opts.default_type {
                Some(t) => type_idx = plan.types.iter().position(|x| &x.0 == t),
                None => {
                    bad = true;
                    let list: Vec<&str> = plan.types.iter().map(|t| t.1.as_str()).collect();
                    self.problems.push(rp(
                        "E_SUBJECT_TYPE",
                        "主体类型",
                        format!("未填写主体类型（应为 {} 之一）", list.join("、")),
                        "the subject type is blank".into(),
                    ));
                }
            }
        } else {
            type_idx = plan.types.iter().position(|t| t.0.eq_ignore_ascii_case(type_cell) || t.1 == type_cell || t.2.eq_ignore_ascii_case(type_cell));
            if type_idx.is_none() {
                bad = true;
                let list: Vec<&str> = plan.types.iter().map(|t| t.1.as_str()).collect();
                let known = INSTITUTION_TYPES.iter().chain(PERSON_TYPES.iter()).any(|t| t.0.eq_ignore_ascii_case(type_cell) || t.1 == type_cell);
                self.problems.push(rp(
                    "E_SUBJECT_TYPE",
                    "主体类型",
                    if known {
                        format!("所用指标不适用于主体类型“{type_cell}”（适用：{}）", list.join("、"))
                    } else {
                        format!("未知的主体类型“{type_cell}”（应为 {} 之一）", list.join("、"))
                    },
                    format!("subject type \"{type_cell}\" is not covered by these rules (covers: {})", plan.types.iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join(", ")),
                ));
            }
        }
        let (type_id, type_zh) = match type_idx {
            Some(i) => (plan.types[i].0.as_str(), plan.types[i].1.as_str()),
            None => (type_shown, type_shown),
        };
        type_shown = type_zh;

        // Name and code (第八条; GB 32100-2015 / GB 11643-1999).
        if cols.name.is_some() && name.is_empty() {
            self.problems.push(rp("W_BATCH_NAME_EMPTY", "名称", "名称为空".into(), "the name is blank".into()));
        }
        if cols.code.is_some() {
            let col = if plan.person { "身份证号码" } else { "统一社会信用代码" };
            if code.is_empty() {
                self.problems.push(rp("E_BATCH_CODE", col, "代码为空".into(), "the code is blank".into()));
            } else if excel_scientific(code) {
                self.problems.push(rp(
                    "E_BATCH_CODE",
                    col,
                    format!("Excel 已将代码转为科学计数法，请将该列设为文本后重新导出（“{code}”已丢失后几位数字，须按原始记录重新填写）"),
                    format!("Excel has turned the code into scientific notation: set the column to Text and export again (\"{code}\" has lost its last digits; type them again from the original record)"),
                ));
            } else if !(if plan.person { false } else { uscc_fast(&self.uscc_values, code) }) {
                let check = if plan.person { ident::validate_id(code, Some(self.opts.as_of)) } else { ident::validate_uscc(code) };
                if let Some(e) = check.errors.first() {
                    self.problems.push(rp("E_BATCH_CODE", col, e.zh.clone(), e.en.clone()));
                }
            }
        }

        // Indicators (第十八条): read and scored through the rule set's plan, as `evaluate` does.
        let scoring = &plan.scoring;
        for (li, leaf) in plan.leaves.iter().enumerate() {
            let col = cols.leaf[li];
            let cell = get(col);
            self.answers[li] = if cell.is_empty() && !matches!(leaf.kind, LeafKind::Count { .. }) {
                if col.is_some() {
                    self.problems.push(rp("W_BATCH_MISSING", &leaf.code, "未填写，按 0 分计".into(), "not answered: 0 points".into()));
                }
                Answer::None
            } else if let Some(a) = fast_answer(&leaf.kind, cell) {
                a
            } else {
                match scoring.read_answer(li, FactIn::Text(cell)) {
                    Ok(a) => a,
                    Err(e) => {
                        bad = true;
                        self.problems.push(RowProblem { code: e.code, column: leaf.code.clone(), zh: e.zh, en: e.en });
                        Answer::None
                    }
                }
            };
        }

        // Direct grades (第十九条: 严重失信 → E): 是 in an event kind's column.
        self.kind_hit.iter_mut().for_each(|h| *h = false);
        for (di, (_, dname, k)) in plan.direct_cols.iter().enumerate() {
            let cell = get(cols.direct[di]);
            if cell.is_empty() {
                continue;
            }
            match parse_yes_no_text(cell) {
                Some(true) => self.kind_hit[*k] = true,
                Some(false) => {}
                None => {
                    bad = true;
                    self.problems.push(rp("E_FACT_VALUE", dname, format!("应填“是”或“否”，实为“{cell}”"), format!("expected yes or no, got \"{cell}\"")));
                }
            }
        }

        self.marks.problems_of(row, plan.person, &mut self.problems);

        let (score, grade_pos, direct) = if bad {
            (None, None, None)
        } else {
            let (total, pos, direct) = scoring.grade_of(&self.answers, &self.kind_hit);
            (Some(total), Some(pos), direct)
        };

        if let Some(p) = grade_pos {
            self.rows_evaluated += 1;
            self.counts[p] += 1;
            if direct.is_some() {
                self.rows_direct += 1;
            }
        }
        if !self.problems.is_empty() {
            self.rows_with_problems += 1;
            for p in &self.problems {
                *self.problem_counts.entry(p.code).or_insert(0) += 1;
                if self.listed.len() < MAX_LISTED_PROBLEMS {
                    self.listed.push(ListedProblem { row, problem: p.clone() });
                } else {
                    self.truncated = true;
                }
            }
        }
        if self.scanned.is_none() && cols.name.is_some() && cols.code.is_some() {
            self.dups.add(row, name, code);
        }
        let line = match (spans.first(), spans.last()) {
            (Some(f), Some(l)) if !any_formula && spans.len() == cols.n && spans.iter().all(|s| !s.scratch) => rec.text.get(f.a..l.b),
            _ => None,
        };
        let out = RowOut { row, name, code, subject_type: type_id, type_zh: type_shown, score, grade_pos, direct, problems: &self.problems, fields, line };
        sink.row(&self.plan, &out)
    }

    fn header<'a>(&mut self, n: usize, field: &dyn Fn(usize) -> std::result::Result<&'a str, ()>, sink: &mut dyn RowSink) -> Result<()> {
        let plan = &self.plan;
        let rules_codes: HashMap<String, bool> = HashMap::new();
        let mut cols = Columns { leaf: vec![None; plan.leaves.len()], direct: vec![None; plan.direct_cols.len()], n, ..Default::default() };
        let mut known = 0;
        let mut unknown = vec![];
        for k in 0..n {
            let h = field(k).map_err(|_| {
                Error::new(
                    "E_BATCH_ENCODING",
                    "表头不是 UTF-8 编码的文字（文件可能是 GBK 编码：本工具的页面和命令行会自动识别；其他程序请另存为“CSV UTF-8”）",
                    "the header is not UTF-8 text (the file may be GBK: the page and the CLI detect that; otherwise save as \"CSV UTF-8\")",
                )
            })?;
            let (role, key) = classify(plan, &rules_codes, h);
            let slot = match role {
                Role::Name => Some(&mut cols.name),
                Role::Code => Some(&mut cols.code),
                Role::Type => Some(&mut cols.ty),
                Role::Leaf(i) => Some(&mut cols.leaf[i]),
                Role::Direct(i) => Some(&mut cols.direct[i]),
                Role::Unknown => None,
            };
            match slot {
                Some(s) if s.is_some() => {
                    return Err(Error::new(
                        "E_BATCH_HEADER",
                        format!("表头第 {} 列“{}”与前面的列重复，无法确定用哪一列", k + 1, h.trim()),
                        format!("column {} of the header (\"{}\") repeats an earlier column; which one to use is ambiguous", k + 1, h.trim()),
                    ));
                }
                Some(s) => {
                    *s = Some(k);
                    known += 1;
                }
                None => {
                    if !h.trim().is_empty() {
                        unknown.push(h.trim().to_string());
                    }
                }
            }
            let role_name = match role {
                Role::Name => "name",
                Role::Code => "code",
                Role::Type => "type",
                Role::Leaf(_) => "indicator",
                Role::Direct(_) => "direct",
                Role::Unknown => "unknown",
            };
            self.columns_out.push(ColumnOut { header: h.trim().to_string(), role: role_name, key });
        }
        if known == 0 {
            return Err(Error::new(
                "E_BATCH_HEADER",
                "第一行不是批量评价的表头：没有认出任何一列（应有“名称”“统一社会信用代码”“主体类型”和以指标代码开头的列）。请先“下载模板”，在模板中填写后再导入",
                "the first row is not a batch header: no column was recognised (expected 名称, 统一社会信用代码, 主体类型 and columns starting with an indicator code). Download the template and fill it in",
            ));
        }
        if !unknown.is_empty() {
            self.file_problems.push(FileProblem {
                code: "W_BATCH_COLUMN_UNKNOWN",
                zh: format!("以下列不属于所用指标，未用于评价（在结果文件中原样保留）：{}", unknown.join("、")),
                en: format!("these columns are not part of the rules and were not used in the evaluation (the results file keeps them as they are): {}", unknown.join(", ")),
            });
        }
        let mut missing = vec![];
        if cols.name.is_none() {
            missing.push(if plan.person { "姓名".to_string() } else { "名称".to_string() });
        }
        if cols.code.is_none() {
            missing.push(if plan.person { "身份证号码".to_string() } else { "统一社会信用代码".to_string() });
        }
        for (i, l) in plan.leaves.iter().enumerate() {
            if cols.leaf[i].is_none() {
                missing.push(format!("{} {}", l.code, l.name));
            }
        }
        for (i, (_, n, _)) in plan.direct_cols.iter().enumerate() {
            if cols.direct[i].is_none() {
                missing.push(n.clone());
            }
        }
        if !missing.is_empty() {
            self.file_problems.push(FileProblem {
                code: "W_BATCH_COLUMN_MISSING",
                zh: format!("缺少以下列，每行均按未填写计（次数按 0，是/否与评分按 0 分，名称或代码缺失则不查重）：{}", missing.join("、")),
                en: format!("these columns are missing and count as not answered on every row (counts as 0, yes/no and ratings as 0 points; no duplicate check without name and code): {}", missing.join(", ")),
            });
        }
        let headers: Vec<&str> = self.columns_out.iter().map(|c| c.header.as_str()).collect();
        sink.header(&self.plan, &headers, cols.code, cols.ty)?;
        self.cols = Some(cols);
        Ok(())
    }

    /// Ends the input: the last record (without a line end) is read, duplicates are found, and
    /// the summary is made.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条；秦皇岛方案 整改任务分工表 第1项.
    pub fn finish(mut self, sink: &mut dyn RowSink) -> Result<Summary> {
        let data = std::mem::take(&mut self.pending);
        if !self.started && data.is_empty() {
            return Err(empty_file());
        }
        self.process(&data, true, sink)?;
        if self.cols.is_none() {
            return Err(empty_file());
        }
        if self.rows_total == 0 {
            self.file_problems.push(FileProblem {
                code: "W_BATCH_NO_ROWS",
                zh: "文件只有表头，没有数据行：请在表头下面每行填写一个主体".into(),
                en: "the file has a header but no data rows: fill in one subject per row below the header".into(),
            });
        }
        if self.rows_template > 0 {
            self.file_problems.push(FileProblem {
                code: "W_BATCH_TEMPLATE_ROWS",
                zh: format!("已跳过模板的示例行和说明行 {} 行（第一格以“{TEMPLATE_EXAMPLE}”或“{TEMPLATE_NOTE}”开头），未评价", self.rows_template),
                en: format!("{} rows of the template's example and explanation (first cell starting with {TEMPLATE_EXAMPLE} or {TEMPLATE_NOTE}) were skipped, not evaluated", self.rows_template),
            });
        }
        let mut distribution = self.plan.grades.clone();
        for (g, c) in distribution.iter_mut().zip(&self.counts) {
            g.count = *c;
        }
        Ok(Summary {
            rules: self.plan.info.clone(),
            as_of: dates::iso(self.opts.as_of),
            subject_class: if self.plan.person { "person" } else { "institution" },
            rows_total: self.rows_total,
            rows_blank: self.rows_blank,
            rows_evaluated: self.rows_evaluated,
            rows_with_problems: self.rows_with_problems,
            rows_direct_graded: self.rows_direct,
            rows_template: self.rows_template,
            direct_rules: self.plan.direct_out.clone(),
            distribution,
            problem_counts: std::mem::take(&mut self.problem_counts),
            problems: std::mem::take(&mut self.listed),
            problems_truncated: self.truncated,
            duplicates: match self.scanned.take() {
                Some(d) => d,
                None => self.dups.finish(),
            },
            file_problems: std::mem::take(&mut self.file_problems),
            columns: std::mem::take(&mut self.columns_out),
            notes: self.plan.date_notes.iter().filter(|n| n.when.applies(self.opts.as_of)).map(|n| n.text.clone()).collect(),
        })
    }
}

/// `str::trim`: the ASCII white space first, then the Unicode tables only when a character left
/// at either end is white space (a name that starts or ends with a Chinese character is not).
fn fast_trim(s: &str) -> &str {
    // The common cell: nothing at either end that can be white space (an end byte above 0x20,
    // not one a white space character can start with, and a last character of three bytes that
    // does not start with E1–E3 or of two that does not start with C2).
    let b = s.as_bytes();
    let n = b.len();
    match (b.first(), b.last()) {
        (None, _) => return s,
        (Some(&a), Some(&z))
            if a > 0x20
                && !matches!(a, 0xC2 | 0xE1 | 0xE2 | 0xE3)
                && (z > 0x20 && z < 0x80 || z >= 0x80 && n >= 3 && !matches!(b[n - 3], 0xE1..=0xE3) && b[n - 2] != 0xC2) =>
        {
            return s
        }
        _ => {}
    }
    let t = s.trim_ascii();
    // The bytes white space can start with (VT, U+0085/U+00A0, U+1680, U+2000–U+205F, U+3000)
    // and end with (VT, and the last bytes of those characters): anything else is not trimmed.
    let (Some(&a), Some(&z)) = (t.as_bytes().first(), t.as_bytes().last()) else { return t };
    if (matches!(a, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3) && t.chars().next().is_some_and(char::is_whitespace))
        || (matches!(z, 0x0B | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF) && t.chars().next_back().is_some_and(char::is_whitespace))
    {
        t.trim()
    } else {
        t
    }
}

/// Whether `cell` may start with 【 after white space (`str::trim_start`): its first byte that is
/// not ASCII white space is 【's first byte (E3) or one that can start white space trimmed by
/// `trim_start` (VT, U+0085/U+00A0, U+1680, U+2000–U+205F, U+3000). Both template marks start with 【.
fn may_start_mark(cell: &[u8]) -> bool {
    cell.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3))
}

/// The answer the common cells give (是, 否, a count of up to four digits) without the general
/// reading; `None`: read it with `Plan::read_answer` (the same answers, checked on random cells).
fn fast_answer(kind: &LeafKind, cell: &str) -> Option<Answer> {
    match kind {
        LeafKind::YesNo { .. } => match cell {
            "是" => Some(Answer::Bool(true)),
            "否" => Some(Answer::Bool(false)),
            _ => None,
        },
        LeafKind::Count { .. } if cell.len() <= 4 && cell.bytes().all(|b| b.is_ascii_digit()) => {
            Some(Answer::Count(cell.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'))))
        }
        _ => None,
    }
}

fn empty_file() -> Error {
    Error::new(
        "E_BATCH_EMPTY",
        "文件是空的（没有表头，也没有数据行）。请先“下载模板”，填写后再导入",
        "the file is empty (no header, no rows). Download the template and fill it in",
    )
}

/// Whether `s` is a valid 统一社会信用代码 as written (18 characters of the alphabet, check
/// character right): the common case, decided without building a [`ident::CodeCheck`].
fn uscc_fast(values: &[u8; 128], s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in b[..17].iter().enumerate() {
        let v = if c < 128 { values[c as usize] } else { 0xFF };
        if v == 0xFF {
            return false;
        }
        sum += u32::from(v) * ident::USCC_WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    let last = b[17];
    last < 128 && u32::from(values[last as usize]) == check
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/// Streams a batch in two passes over the same CSV bytes: `first` is read for duplicates only,
/// then `second()` (the same bytes again) is evaluated and the result CSV written to `out` row by
/// row — every row of a duplicate group names the others. UTF-8 (decode other encodings first).
/// Returns the summary.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条；秦皇岛方案 整改任务分工表 第1项.
pub fn run_stream<R: BufRead, S: BufRead, W: Write>(rules: &CompiledRules, opts: Options, mut first: R, second: impl FnOnce() -> Result<S>, mut out: W) -> Result<Summary> {
    let io = |e: std::io::Error| Error::new("E_FILE", format!("读写失败：{e}"), format!("read or write failed: {e}"));
    let mut s = Session::new(rules, opts)?;
    loop {
        let n = {
            let buf = first.fill_buf().map_err(io)?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min(1 << 16);
            s.scan(&buf[..n])?;
            n
        };
        first.consume(n);
    }
    s.end_scan()?;
    let mut input = second()?;
    let mut csv = CsvOut::default();
    loop {
        let n = {
            let buf = input.fill_buf().map_err(io)?;
            if buf.is_empty() {
                break;
            }
            // At most 64 KB at a time, so the output is written as it comes even when the
            // reader hands over everything at once (a slice).
            let n = buf.len().min(1 << 16);
            s.push(&buf[..n], &mut csv)?;
            n
        };
        input.consume(n);
        if csv.buf.len() >= 1 << 16 {
            out.write_all(csv.buf.as_bytes()).map_err(io)?;
            csv.buf.clear();
        }
    }
    let summary = s.finish(&mut csv)?;
    csv.start();
    out.write_all(csv.buf.as_bytes()).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(summary)
}

/// What a batch answers: the summary, the rows, the result CSV.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条.
#[derive(Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BatchOut {
    pub summary: Summary,
    pub rows: Vec<RowJson>,
    pub result_csv: String,
}

/// What a piece of a chunked batch answers: the rows it completed and their part of the CSV.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
#[derive(Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ChunkOut {
    pub rows: Vec<RowJson>,
    pub result_csv: String,
}

/// A byte count in MB with one decimal, as `format!("{:.1}", len as f64 / 1048576.0)` gives it
/// (ties to even), in integer arithmetic: no float-formatting code in the wasm.
fn mb1(len: usize) -> String {
    let t = len as u64 * 10;
    let (mut q, r) = (t / 1_048_576, t % 1_048_576);
    if r > 524_288 || (r == 524_288 && q % 2 == 1) {
        q += 1;
    }
    format!("{}.{}", q / 10, q % 10)
}

/// Checks the size limit of the in-memory entry.
fn check_text_size(len: usize) -> Result<()> {
    if len > MAX_TEXT_BYTES {
        return Err(Error::new(
            "E_BATCH_TOO_LARGE",
            format!("文件过大（{} MB），页面中最多处理 50 MB、{} 行；更大的文件请拆分，或用命令行 yibao-credit batch", mb1(len), MAX_ROWS_TEXT),
            format!("the file is too large ({} MB): the page takes at most 50 MB and {} rows; split it or use the CLI (yibao-credit batch)", mb1(len), MAX_ROWS_TEXT),
        )
        .at("$.csv"));
    }
    Ok(())
}

/// Runs a batch on a whole CSV text (the page and the `batch` command). Limits: 50 MB, 1,000,000 rows.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条.
pub fn run_text(rules: &CompiledRules, opts: Options, text: &str) -> Result<BatchOut> {
    check_text_size(text.len())?;
    let mut s = Session::new(rules, Options { max_rows: opts.max_rows.min(MAX_ROWS_TEXT), ..opts })?;
    let mut out = BothOut::default();
    s.scan_text(text)?;
    s.end_scan()?;
    s.push_text(text, &mut out)?;
    let summary = s.finish(&mut out)?;
    out.csv.start();
    Ok(BatchOut { summary, rows: out.json.rows, result_csv: out.csv.buf })
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/// Input of `batch-template`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
#[derive(serde::Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct TemplateInput {
    /// The subject type whose shipped rule set gives the columns, e.g. `retail-pharmacy`.
    #[serde(default, rename = "type")]
    pub subject_type: Option<String>,
    /// A rule-set document (an object, or its JSON text); default: the shipped set for `type`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | string | null"))]
    pub rules: Option<crate::value::Value>,
}

/// Input of `batch` (also the options of a chunked session, without `csv`).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
#[derive(serde::Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct BatchInput {
    /// The CSV text (UTF-8, header row first; `batchTemplate` gives the columns). Required by
    /// `batch`; not given to `new BatchRun(…)`, which is fed with `push(text)`.
    #[serde(default)]
    pub csv: Option<String>,
    /// The as-of date of every row's evaluation, `YYYY-MM-DD`.
    pub as_of: String,
    /// The subject type of rows whose type column is empty, and whose shipped rules are used when
    /// `rules` is absent.
    #[serde(default, rename = "type")]
    pub subject_type: Option<String>,
    /// A rule-set document (an object, or its JSON text); default: the shipped set for `type`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | string | null"))]
    pub rules: Option<crate::value::Value>,
    /// Evaluate even when the rules are not in force on `asOf` (a file problem says so).
    #[serde(default)]
    pub allow_out_of_effect: bool,
}

/// The rules a batch input names: its `rules` document, else the shipped set for `type`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条.
pub fn choose_rules(rules: &Option<crate::value::Value>, subject_type: &Option<String>) -> Result<std::borrow::Cow<'static, CompiledRules>> {
    match (rules, subject_type) {
        (Some(doc), _) => CompiledRules::from_input(doc).map(std::borrow::Cow::Owned).map_err(|mut e| {
            e.path = Some(format!("$.rules{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
            e
        }),
        (None, Some(t)) => crate::rules::builtin::for_subject_type(t).map(std::borrow::Cow::Borrowed).map_err(|e| e.at("$.type")),
        (None, None) => Err(Error::new(
            "E_BATCH_RULES",
            "请给出主体类型 type（使用内置指标）或指标文件 rules",
            "give a subject type (type, to use the built-in rules) or a rule set (rules)",
        )),
    }
}

/// The rules of a batch on `as_of`: as [`choose_rules`], and of several versions (`rules` an
/// array) the one in force on the as-of date.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第二十条.
pub fn choose_rules_on(rules: &Option<crate::value::Value>, subject_type: &Option<String>, as_of: &str) -> Result<std::borrow::Cow<'static, CompiledRules>> {
    match rules {
        Some(v @ crate::value::Value::Array(_)) => crate::rules::versions::on(v, as_of, "$.rules").map(std::borrow::Cow::Owned),
        _ => choose_rules(rules, subject_type),
    }
}

/// The options of a batch input (as-of date checked).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub fn options_of(i: &BatchInput, max_rows: usize) -> Result<Options> {
    let as_of = dates::parse_date(&i.as_of, "asOf").map_err(|e| e.at("$.asOf"))?;
    Ok(Options { as_of, default_type: i.subject_type.clone(), allow_out_of_effect: i.allow_out_of_effect, max_rows })
}

/// What `batch-template` answers.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
#[derive(Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TemplateOut {
    pub csv: String,
    pub filename: String,
}

/// `batch-template`: `{type?, rules?}` → `{csv, filename}`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
pub fn batch_template(i: TemplateInput) -> Result<TemplateOut> {
    let rules = choose_rules(&i.rules, &i.subject_type)?;
    Ok(TemplateOut { csv: template(&rules), filename: format!("批量评价模板-{}-{}.csv", rules.doc.id, rules.doc.version) })
}

/// Largest JSON input of `batch` (the CSV text, escaped, plus the rules).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub const MAX_BATCH_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// `batch`: `{csv, asOf, type?, rules?, allowOutOfEffect?}` → `{summary, rows, resultCsv}`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十条；秦皇岛方案 整改任务分工表 第1项.
pub fn batch(i: BatchInput) -> Result<BatchOut> {
    let rules = choose_rules_on(&i.rules, &i.subject_type, &i.as_of)?;
    let opts = options_of(&i, MAX_ROWS_TEXT)?;
    let csv = i.csv.as_deref().ok_or_else(|| Error::new("E_BATCH_CSV", "缺少 csv（CSV 文件的文字）", "csv (the CSV text) is missing").at("$.csv"))?;
    run_text(&rules, opts, csv)
}

/// Checks the size of a `batch` input text before reading it (the command layer).
pub fn check_input_size(len: usize) -> Result<()> {
    if len > MAX_BATCH_INPUT_BYTES {
        check_text_size(len)?;
    }
    Ok(())
}

/// A batch fed in pieces (the page's worker reports progress and can stop between pieces).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
pub struct ChunkedBatch {
    session: Option<Session>,
    out: BothOut,
}

impl ChunkedBatch {
    /// Starts from the options `{asOf, type?, rules?, allowOutOfEffect?}`.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条.
    pub fn new(i: BatchInput) -> Result<ChunkedBatch> {
        let rules = choose_rules_on(&i.rules, &i.subject_type, &i.as_of)?;
        let opts = options_of(&i, MAX_ROWS_TEXT)?;
        Ok(ChunkedBatch { session: Some(Session::new(&rules, opts)?), out: BothOut::default() })
    }

    fn take(&mut self) -> Result<ChunkOut> {
        // The CSV's header and columns are known once: only the rows and the text are taken.
        let rows = std::mem::take(&mut self.out.json.rows);
        let result_csv = std::mem::take(&mut self.out.csv.buf);
        Ok(ChunkOut { rows, result_csv })
    }

    /// First pass (optional, before any `push`): feeds a piece of the CSV text to look for
    /// duplicates; then [`ChunkedBatch::end_scan`], then the same text again with `push`.
    /// 依据：秦皇岛方案 整改任务分工表 第1项.
    pub fn scan(&mut self, text: &str) -> Result<()> {
        self.session.as_mut().ok_or_else(finished)?.scan_text(text)
    }

    /// Ends the first pass.
    /// 依据：秦皇岛方案 整改任务分工表 第1项.
    pub fn end_scan(&mut self) -> Result<()> {
        self.session.as_mut().ok_or_else(finished)?.end_scan()
    }

    /// Feeds a piece of the CSV text; answers `{rows, resultCsv}` for the rows completed.
    /// 依据：RFC 4180.
    pub fn push(&mut self, text: &str) -> Result<ChunkOut> {
        let s = self.session.as_mut().ok_or_else(finished)?;
        s.push_text(text, &mut self.out)?;
        self.take()
    }

    /// Ends the input; answers `{summary, rows, resultCsv}` for the last rows.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条；秦皇岛方案 整改任务分工表 第1项.
    pub fn finish(&mut self) -> Result<BatchOut> {
        let s = self.session.take().ok_or_else(finished)?;
        let summary = s.finish(&mut self.out)?;
        self.out.csv.start();
        let rest = self.take()?;
        Ok(BatchOut { summary, rows: rest.rows, result_csv: rest.result_csv })
    }
}

fn finished() -> Error {
    Error::new("E_BATCH_FINISHED", "这次批量评价已结束", "this batch has already finished")
}

#[cfg(test)]
mod tests {
    /// `mb1` writes what float formatting wrote, ties included.
    #[test]
    fn mb1_as_float_formatting() {
        for len in (0..200_000_000usize).step_by(99_991).chain([262_144, 786_432, 52_428_800, 52_953_088, 53_477_376, 54_001_664, 1_572_864, 2_621_440, 5_767_168]) {
            assert_eq!(super::mb1(len), format!("{:.1}", len as f64 / 1048576.0), "len = {len}");
        }
    }

    use super::*;

    #[test]
    fn points_written_like_display() {
        for p in [0, 5, 10, 15, 100, 84999, 85000, 84950, -550, 123456789] {
            let mut b = String::new();
            push_points_str(&mut b, Points(p));
            assert_eq!(b, Points(p).to_string());
        }
    }

    #[test]
    fn fields_quoted_and_defused() {
        let mut b = vec![];
        for s in ["a,b", "say \"hi\"", "=1+2", "-3", "@x", "+1", "line\nbreak", "plain", "=a,b"] {
            push_field(&mut b, s);
            b.push(b'|');
        }
        assert_eq!(String::from_utf8(b).unwrap(), "\"a,b\"|\"say \"\"hi\"\"\"|'=1+2|'-3|'@x|'+1|\"line\nbreak\"|plain|\"'=a,b\"|");
    }

    #[test]
    fn records_split_anywhere() {
        let data = b"a,\"b,\"\"c\"\"\nd\",e\r\nf,g\n\"h\"";
        let mut scratch = vec![];
        let mut ranges = vec![];
        let mut uc = false;
        let mut out = vec![];
        let mut pos = 0;
        while pos < data.len() {
            let next = parse_record(data, pos, true, &mut scratch, &mut ranges, &mut uc).unwrap();
            out.push(ranges.iter().map(|&(a, b)| String::from_utf8(scratch[a..b].to_vec()).unwrap()).collect::<Vec<_>>());
            pos = next;
        }
        assert_eq!(out, vec![vec!["a", "b,\"c\"\nd", "e"], vec!["f", "g"], vec!["h"]]);
        // Incomplete: inside quotes, or a trailing CR.
        assert_eq!(parse_record(b"a,\"b\n", 0, false, &mut scratch, &mut ranges, &mut uc), None);
        assert_eq!(parse_record(b"a,b\r", 0, false, &mut scratch, &mut ranges, &mut uc), None);
        assert_eq!(parse_record(b"a,\"b\"", 0, false, &mut scratch, &mut ranges, &mut uc), None);
    }
    /// A small deterministic generator for the randomized checks below (xorshift64).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
            &xs[(self.next() % xs.len() as u64) as usize]
        }
        /// A text of up to `n` pieces drawn from CSV-hard pieces, white space, full-width forms.
        fn text(&mut self, n: usize) -> String {
            const PIECES: &[&str] = &[
                "a", "Z", "9", "0", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t", "\u{b}", "是", "否", "药房", "\u{3000}", "\u{a0}", "\u{85}",
                "\u{2003}", "\u{205f}", "\u{1680}", "Ａ", "１", "【示例】", "=", "-", "@", "+", "12", "10001", "ß", "\u{2028}", "\u{feff}", "\u{10348}",
            ];
            let k = (self.next() % (n as u64 + 1)) as usize;
            (0..k).map(|_| *self.pick(PIECES)).collect()
        }
    }

    /// Reading a record's first fields only gives the same record ends and the same first fields
    /// as reading it whole, on any input, any cut, any number of fields.
    #[test]
    fn first_spans_as_spans() {
        let mut rng = Rng(0x7777_1234_ABCD_0001);
        for _ in 0..30_000 {
            let data = rng.text(24).into_bytes();
            let cut = (rng.next() % (data.len() as u64 + 1)) as usize;
            let limit = 1 + (rng.next() % 4) as usize;
            for (d, eof) in [(&data[..], true), (&data[..cut], false)] {
                let (mut s1, mut r1, mut u1) = (vec![], vec![], false);
                let (mut s2, mut r2, mut u2) = (vec![], vec![], false);
                let mut pos = 0;
                while pos < d.len() {
                    let a = parse_spans(d, pos, eof, &mut s1, &mut r1, &mut u1);
                    let b = parse_first_spans(d, pos, eof, limit, &mut s2, &mut r2, &mut u2);
                    assert_eq!(a, b, "{:?} from {pos}, limit {limit}", String::from_utf8_lossy(d));
                    let Some(next) = a else { break };
                    let k = limit.min(r1.len());
                    assert!(r2.len() >= k, "{:?}", String::from_utf8_lossy(d));
                    let f1: Vec<&[u8]> = r1[..k].iter().map(|s| if s.scratch { &s1[s.a..s.b] } else { &d[s.a..s.b] }).collect();
                    let f2: Vec<&[u8]> = r2[..k].iter().map(|s| if s.scratch { &s2[s.a..s.b] } else { &d[s.a..s.b] }).collect();
                    assert_eq!(f1, f2, "{:?} from {pos}, limit {limit}", String::from_utf8_lossy(d));
                    if r2.len() != r1.len() {
                        assert_eq!(r2.len(), limit);
                    }
                    assert_eq!(u1, u2);
                    pos = next;
                }
            }
        }
    }

    /// The LF / CR / quote search finds what the byte-by-byte one finds.
    #[test]
    fn line_end_or_quote_is_bytewise() {
        let mut rng = Rng(0x3141_5926_5358_9793);
        for round in 0..20_000 {
            let data: Vec<u8> = if round % 2 == 0 { rng.text(30).into_bytes() } else { (0..rng.next() % 40).map(|_| rng.next() as u8).collect() };
            for i in 0..=data.len() {
                let want = data[i..].iter().position(|&b| matches!(b, b'\n' | b'\r' | b'"')).map_or(data.len(), |p| i + p);
                assert_eq!(line_end_or_quote(&data, i), want, "{data:?} from {i}");
            }
        }
    }

    /// The word-at-a-time delimiter search finds what the byte-by-byte one finds, from any
    /// start, on CSV-hard text and on random bytes (every byte value below and above 0x2D).
    #[test]
    fn field_end_is_bytewise() {
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for round in 0..40_000 {
            let data: Vec<u8> = if round % 2 == 0 { rng.text(30).into_bytes() } else { (0..rng.next() % 40).map(|_| rng.next() as u8).collect() };
            for i in 0..=data.len() {
                assert_eq!(field_end(&data, i), field_end_bytes(&data, i), "{data:?} from {i}");
            }
        }
    }

    /// The first-field test of the template marks never misses one: whenever the trimmed cell
    /// starts with 【示例】 or 【说明】, `may_start_mark` says it may.
    #[test]
    fn may_start_mark_never_misses() {
        let mut rng = Rng(0x0F0F_1234_5678_AAAA);
        for _ in 0..50_000 {
            let s = rng.text(5);
            let t = s.trim_start();
            if t.starts_with(TEMPLATE_EXAMPLE) || t.starts_with(TEMPLATE_NOTE) {
                assert!(may_start_mark(s.as_bytes()), "{s:?}");
            }
        }
        for c in (0..0x11_0000u32).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            assert!(may_start_mark(format!("{c}{TEMPLATE_NOTE}").as_bytes()), "U+{:04X}", c as u32);
        }
        assert!(!may_start_mark("汕尾市城区第0号大药房".as_bytes()));
    }

    /// The UTF-8 prefix is std's `valid_up_to` prefix, on any text cut anywhere and with bad bytes.
    #[test]
    fn utf8_prefix_is_std() {
        let mut rng = Rng(0x5555_AAAA_1234_4321);
        for _ in 0..20_000 {
            let mut data = rng.text(60).into_bytes();
            data.extend(rng.text(60).into_bytes());
            if rng.next() % 3 == 0 && !data.is_empty() {
                let at = (rng.next() % data.len() as u64) as usize;
                data[at] = [0xFF, 0xC0, 0x80, 0xE6, 0xED][(rng.next() % 5) as usize];
            }
            let cut = (rng.next() % (data.len() as u64 + 1)) as usize;
            let d = &data[..cut];
            let want = match std::str::from_utf8(d) {
                Ok(t) => t.len(),
                Err(e) => e.valid_up_to(),
            };
            assert_eq!(utf8_prefix(d).len(), want, "{d:?}");
        }
    }

    /// The span reader gives the records and fields of the copying reader, on any input and any
    /// cut of it (the batch reads with the first, `parse_csv` with the second).
    #[test]
    fn spans_read_as_records() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..30_000 {
            // (Long texts too: records that cross the fast reader's 64-byte blocks.)
            let mut data = rng.text(if round % 3 == 0 { 120 } else { 24 }).into_bytes();
            if rng.next() % 8 == 0 && !data.is_empty() {
                let at = (rng.next() % data.len() as u64) as usize;
                data[at] = 0xFF; // not UTF-8
            }
            let cut = (rng.next() % (data.len() as u64 + 1)) as usize;
            for (d, eof) in [(&data[..], true), (&data[..cut], false)] {
                let (mut s1, mut r1, mut u1) = (vec![], vec![], false);
                let (mut s2, mut r2, mut u2) = (vec![], vec![], false);
                let mut pos = 0;
                while pos < d.len() {
                    let a = parse_record(d, pos, eof, &mut s1, &mut r1, &mut u1);
                    let b = parse_spans(d, pos, eof, &mut s2, &mut r2, &mut u2);
                    assert_eq!(a, b, "{:?} from {pos}", String::from_utf8_lossy(d));
                    assert_eq!(u1, u2);
                    let Some(next) = a else { break };
                    let rec = Rec { data: d, text: "", scratch: &s2, spans: &r2 };
                    let f1: Vec<&[u8]> = r1.iter().map(|&(x, y)| &s1[x..y]).collect();
                    let f2: Vec<&[u8]> = r2.iter().map(|sp| rec.bytes(sp)).collect();
                    assert_eq!(f1, f2, "{:?} from {pos}", String::from_utf8_lossy(d));
                    // Fields as text: through the checked text or alone, the same.
                    let text = match std::str::from_utf8(d) {
                        Ok(t) => t,
                        Err(e) => std::str::from_utf8(&d[..e.valid_up_to()]).unwrap(),
                    };
                    let checked = Rec { data: d, text, scratch: &s2, spans: &r2 };
                    for sp in &r2 {
                        assert_eq!(checked.field(sp).ok(), std::str::from_utf8(rec.bytes(sp)).ok());
                    }
                    pos = next;
                }
            }
        }
    }

    /// `fast_trim` is `str::trim`.
    #[test]
    fn fast_trim_is_trim() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for _ in 0..50_000 {
            let s = rng.text(6);
            assert_eq!(fast_trim(&s), s.trim(), "{s:?}");
        }
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let s = format!("{c}x{c}");
            assert_eq!(fast_trim(&s), s.trim(), "U+{:04X}", c as u32);
        }
    }

    /// The key hashes depend on the keys only: a name or code hashes as its key does, whichever
    /// way it is read.
    #[test]
    fn key_hashes_are_of_the_keys() {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        for _ in 0..30_000 {
            let s = rng.text(8);
            assert_eq!(name_hash(&s), key_hash_bytes(ident::name_key_chars(&s).collect::<String>().bytes()), "{s:?}");
            assert_eq!(code_hash(&s), key_hash_bytes(ident::code_key(&s).bytes()), "{s:?}");
        }
        assert_eq!(name_hash("药房 Ａ"), name_hash("药房A"));
        assert_eq!(code_hash("91ab"), code_hash("９１AB"));
    }

    /// The radix sort orders as the crate's sort does (ties by index).
    #[test]
    fn radix_sort_as_sort() {
        let mut rng = Rng(7);
        for n in [0, 1, 5, 4095, 4096, 10_000] {
            let v: Vec<(u64, usize)> = (0..n).map(|i| (if rng.next() % 3 == 0 { rng.next() % 50 } else { rng.next() }, i)).collect();
            let mut want = v.clone();
            crate::sort::sort(&mut want);
            assert_eq!(radix_sort(v), want, "n = {n}");
        }
    }

    /// The common cells' answers and grades are those of the general reading and scoring.
    #[test]
    fn fast_answers_and_grades_as_the_plan() {
        let mut rng = Rng(0xA076_1D64_78BD_642F);
        const CELLS: &[&str] = &["是", "否", "", "0", "7", "0007", "9999", "10000", "12345", "1.5", " 是", "是 ", "yes", "No", "优秀", "excellent", "x", "-1", "+1", "１"];
        for t in ["retail-pharmacy", "medical-institution", "physician", "insured"] {
            let rules = crate::rules::builtin::for_subject_type(t).unwrap();
            let plan = &rules.plan;
            for _ in 0..3_000 {
                let mut answers = vec![];
                for (li, leaf) in plan.leaves.iter().enumerate() {
                    let cell = *rng.pick(CELLS);
                    if let Some(a) = fast_answer(&leaf.kind, cell) {
                        assert_eq!(Some(a), plan.read_answer(li, FactIn::Text(cell)).ok(), "{} {cell:?}", leaf.code);
                    }
                    answers.push(plan.read_answer(li, FactIn::Text(cell)).unwrap_or(Answer::None));
                }
                let kind_hit: Vec<bool> = (0..rules.doc.event_kinds.len()).map(|_| rng.next() % 20 == 0).collect();
                let full = plan.score(&answers, &[], &kind_hit);
                assert_eq!(plan.grade_of(&answers, &kind_hit), (full.total, full.pos, full.direct));
            }
        }
    }
    /// The result CSV copies a row's fields whole only where writing them one by one gives the
    /// same bytes: random rows (quotes, commas, formulas, white space, bad UTF-8, short and long
    /// rows) written both ways.
    #[test]
    fn line_copy_as_field_by_field() {
        struct Sink {
            csv: CsvOut,
            by_field: bool,
        }
        impl RowSink for Sink {
            fn header(&mut self, plan: &Plan, headers: &[&str], code_col: Option<usize>, type_col: Option<usize>) -> Result<()> {
                self.csv.header(plan, headers, code_col, type_col)
            }
            fn row(&mut self, plan: &Plan, r: &RowOut<'_>) -> Result<()> {
                let line = if self.by_field { None } else { r.line };
                let r2 = RowOut { row: r.row, name: r.name, code: r.code, subject_type: r.subject_type, type_zh: r.type_zh, score: r.score, grade_pos: r.grade_pos, direct: r.direct, problems: r.problems, fields: r.fields, line };
                self.csv.row(plan, &r2)
            }
        }
        let rules = crate::rules::builtin::for_subject_type("retail-pharmacy").unwrap();
        let header = template(rules).split("\r\n").next().unwrap().to_string();
        let cols = header.split(',').count();
        let mut rng = Rng(0x5851_F42D_4C95_7F2D);
        const CELLS: &[&str] = &["是", "否", "", "1", "2", "优秀", "合格", "药房", "914415000000000000", "\"a,b\"", "x\"y", "=\"91\"", "=1", "-1", "+", "@a", "\ta", " 是 ", "\u{3000}否", "Ａ"];
        let mut rows_copied = 0;
        for _ in 0..300 {
            let mut csv = format!("{header}\r\n").into_bytes();
            for i in 0..20 {
                let n = match rng.next() % 10 {
                    0 => cols - 1,
                    1 => cols + 1,
                    _ => cols,
                };
                let cells: Vec<String> = (0..n)
                    .map(|k| match k {
                        0 => format!("药房{}", i % 7),
                        1 if rng.next() % 4 > 0 => "91441500MA4W5Y4R2L".to_string(),
                        _ if rng.next() % 40 == 0 => rng.text(3).replace(['\r', '\n'], ""),
                        _ if rng.next() % 20 == 0 => rng.pick(CELLS).to_string(),
                        _ => rng.pick(&CELLS[..5]).to_string(),
                    })
                    .collect();
                csv.extend_from_slice(cells.join(",").as_bytes());
                if rng.next() % 15 == 0 {
                    csv.extend_from_slice(b"\xFF");
                }
                csv.extend_from_slice(b"\r\n");
            }
            let mut out = vec![];
            for by_field in [false, true] {
                let opts = Options { as_of: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(), default_type: None, allow_out_of_effect: false, max_rows: MAX_ROWS_TEXT };
                let mut s = Session::new(rules, opts).unwrap();
                s.scan(&csv).unwrap();
                s.end_scan().unwrap();
                let mut sink = Sink { csv: CsvOut::default(), by_field };
                let mut lines = 0;
                let mut counter = Counting { inner: &mut sink, lines: &mut lines };
                s.push(&csv, &mut counter).unwrap();
                s.finish(&mut counter).unwrap();
                if !by_field {
                    rows_copied += lines;
                }
                out.push(sink.csv.buf);
            }
            assert_eq!(out[0], out[1]);
        }
        assert!(rows_copied > 500, "the copy was tried ({rows_copied} rows)");

        struct Counting<'a> {
            inner: &'a mut Sink,
            lines: &'a mut usize,
        }
        impl RowSink for Counting<'_> {
            fn header(&mut self, plan: &Plan, headers: &[&str], code_col: Option<usize>, type_col: Option<usize>) -> Result<()> {
                self.inner.header(plan, headers, code_col, type_col)
            }
            fn row(&mut self, plan: &Plan, r: &RowOut<'_>) -> Result<()> {
                *self.lines += usize::from(r.line.is_some());
                self.inner.row(plan, r)
            }
        }
    }
    /// The result CSV's text writers write what the byte writers write.
    #[test]
    fn text_writers_as_byte_writers() {
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for _ in 0..30_000 {
            let s = rng.text(6);
            let (mut a, mut b) = (vec![], String::new());
            push_field(&mut a, &s);
            push_field_str(&mut b, &s);
            push_ident(&mut a, &s);
            push_ident_str(&mut b, &s);
            assert_eq!(a, b.as_bytes(), "{s:?}");
            let n = rng.next();
            let (mut x, mut y) = (String::new(), String::new());
            push_usize_str(&mut x, n as usize);
            push_points_str(&mut y, Points(n as i64 % 200_000 - 100_000));
            assert_eq!((x, y), ((n as usize).to_string(), Points(n as i64 % 200_000 - 100_000).to_string()));
        }
    }
    /// Text fed with `push_text` in pieces cut anywhere (on character boundaries) gives the bytes
    /// `push` gives for the whole.
    #[test]
    fn push_text_as_push() {
        let rules = crate::rules::builtin::for_subject_type("retail-pharmacy").unwrap();
        let header = template(rules).split("\r\n").next().unwrap().to_string();
        let mut rng = Rng(99);
        let rows: String = (0..300)
            .map(|i| {
                let cells: Vec<String> = (0..header.split(',').count()).map(|k| if k == 0 { format!("\"药房{i}\"\"\"") } else if rng.next() % 9 == 0 { rng.text(3) } else { "是".into() }).collect();
                format!("{}\r\n", cells.join(","))
            })
            .collect();
        let csv = format!("\u{feff}{header}\r\n{rows}");
        let opts = || Options { as_of: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(), default_type: None, allow_out_of_effect: false, max_rows: MAX_ROWS_TEXT };
        let run = |pieces: &[&str], text: bool| {
            let mut s = Session::new(rules, opts()).unwrap();
            s.scan(csv.as_bytes()).unwrap();
            s.end_scan().unwrap();
            let mut out = CsvOut::default();
            for p in pieces {
                if text {
                    s.push_text(p, &mut out).unwrap();
                } else {
                    s.push(p.as_bytes(), &mut out).unwrap();
                }
            }
            let sum = s.finish(&mut out).unwrap();
            (out.buf, sum.rows_total, sum.rows_with_problems)
        };
        let whole = run(&[&csv], false);
        for _ in 0..20 {
            let mut cuts: Vec<usize> = (0..5).map(|_| (rng.next() % csv.len() as u64) as usize).filter(|&c| csv.is_char_boundary(c)).collect();
            cuts.sort();
            cuts.dedup();
            let mut pieces = vec![];
            let mut last = 0;
            for c in cuts.into_iter().chain([csv.len()]) {
                pieces.push(&csv[last..c]);
                last = c;
            }
            assert_eq!(run(&pieces, true), whole);
        }
    }
}
