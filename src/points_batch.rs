//! 医保支付资格记分 for a list of persons: a CSV with one row per record (the person's name, ID
//! number or staff code, type, the decision's date, points, band, act, responsibility, decision
//! number, note) → per person the year's points, the consequence reached with its dates, what the
//! next points would bring, and each record as counted (or not, and why); a result CSV with one
//! row per person.
//!
//! 依据：《国家医保局 国家卫生健康委 国家药监局关于建立定点医药机构相关人员医保支付资格管理制度的指导意见》
//! （医保发〔2024〕23号）and the province's implementing rules (the model, `data/points/*.json`):
//! the scoring is [`crate::payment_points`]'s, person by person. Rows are grouped into persons by
//! the ID number or staff code (by the name where the code is blank). A row that cannot be read is
//! listed with its row number and column and is not counted; its person's answer says it is
//! incomplete. Column names: `docs/points-format.md` ("Batch of persons").

use crate::batch::push_field;
use crate::error::{Error, Result};
use crate::payment_points::{self, Consequence, ModelInfo, NextThreshold, PointsInput, PointsPerson, PointsRecord, RecordOut};
use crate::text::Text;
use crate::value::Value;
use serde::{Deserialize, Serialize};

/// Rows a list may hold (a province's staff over a year fits many times over).
pub const MAX_ROWS: usize = 200_000;
/// Row problems listed (all are counted).
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// What `payment-points-batch` reads.
#[derive(Debug, Clone, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsBatchInput {
    /// The CSV text (a header row, then one row per record; see `docs/points-format.md`).
    pub csv: String,
    /// The as-of date (the core never reads the clock); the year counted is its year.
    pub as_of: String,
    /// The type of a person whose row leaves 人员类型 blank (default `physician`).
    #[serde(default, rename = "type")]
    pub person_type: Option<String>,
    /// A shipped model's name or a model document; default the national rules.
    #[serde(default)]
    pub model: Option<Value>,
}

/// A row that could not be read, or a warning about one (`row`: its line in the file, the header
/// being row 1; 0 for the file as a whole).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    pub row: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// `error`: the row is not counted; `warning`: counted, but check it.
    pub level: String,
    pub zh: String,
    pub en: String,
}

/// One person's year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PersonOut {
    pub person: PointsPerson,
    /// The rows of the file holding this person's records, in the file's order.
    pub rows: Vec<usize>,
    pub total: u32,
    pub of: u32,
    /// The records read (in the order of `rows` that could be read), each counted or not, with why.
    pub records: Vec<RecordOut>,
    /// The row of each record of `records`.
    pub record_rows: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Consequence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextThreshold>,
    /// False when a row of this person could not be read: the total may be short.
    pub complete: bool,
    pub problems: Vec<RowProblem>,
}

/// The counts of the answer.
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsBatchSummary {
    pub persons: usize,
    pub rows: usize,
    pub rows_blank: usize,
    pub rows_with_errors: usize,
    /// Persons by the consequence reached: none, warn, suspend, terminate.
    pub none: usize,
    pub warn: usize,
    pub suspend: usize,
    pub terminate: usize,
    pub incomplete: usize,
}

/// What `payment-points-batch` answers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsBatchOut {
    pub model: ModelInfo,
    pub as_of: String,
    pub year: i32,
    pub of: u32,
    pub persons: Vec<PersonOut>,
    /// Problems of the file and of rows that belong to no person (at most [`MAX_LISTED_PROBLEMS`]).
    pub problems: Vec<RowProblem>,
    pub summary: PointsBatchSummary,
    pub notes: Vec<Text>,
    /// One row per person: the result file (UTF-8; the page adds a BOM for Excel).
    pub csv: String,
}

/// The template's header and its example rows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsTemplate {
    pub filename: String,
    pub csv: String,
}

/// A column of the list: its role, the header the template writes, and the headers read as it.
struct Col {
    role: Role,
    header: &'static str,
    also: &'static [&'static str],
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Name,
    Code,
    Type,
    Date,
    Points,
    Band,
    Act,
    Responsibility,
    DecisionNo,
    Description,
}

const COLS: &[Col] = &[
    Col { role: Role::Name, header: "姓名", also: &["name"] },
    Col { role: Role::Code, header: "证件号码或人员代码", also: &["证件号码", "身份证号码", "人员代码", "医保医师代码", "医保药师代码", "代码", "code", "id"] },
    Col { role: Role::Type, header: "人员类型", also: &["类型", "type"] },
    Col { role: Role::Date, header: "决定日期", also: &["记分日期", "日期", "date"] },
    Col { role: Role::Points, header: "记分", also: &["分值", "记分分值", "points"] },
    Col { role: Role::Band, header: "记分档", also: &["档次", "band"] },
    Col { role: Role::Act, header: "行为", also: &["违规行为", "act"] },
    Col { role: Role::Responsibility, header: "责任程度", also: &["责任", "responsibility"] },
    Col { role: Role::DecisionNo, header: "决定书文号", also: &["文号", "decision no", "decisionno"] },
    Col { role: Role::Description, header: "说明", also: &["备注", "description", "note"] },
];

fn role_of(header: &str) -> Option<Role> {
    let h = header.trim().trim_start_matches('\u{feff}').trim();
    let low = h.to_ascii_lowercase();
    COLS.iter().find(|c| c.header == h || c.also.iter().any(|a| *a == low || *a == h)).map(|c| c.role)
}

/// The template: the header and two example rows (to delete), for Excel or WPS.
/// 依据：医保发〔2024〕23号（记分档次、责任程度）。
pub fn points_template() -> PointsTemplate {
    let mut out = Vec::new();
    for (i, c) in COLS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_field(&mut out, c.header);
    }
    out.extend_from_slice("\r\n示例：张三（请删除此行）,110101199003071234,医保医师,2026-03-10,3,1-3,,一般责任,某医保〔2026〕1号,\r\n".as_bytes());
    out.extend_from_slice("示例：张三（请删除此行）,110101199003071234,医保医师,2026-06-15,6,4-6,,重要责任,某医保〔2026〕2号,\r\n".as_bytes());
    PointsTemplate { filename: "医保支付资格记分-模板.csv".into(), csv: String::from_utf8(out).unwrap_or_default() }
}

/// Splits a CSV text into records of fields (RFC 4180: quotes, doubled quotes, line breaks in a
/// quoted field; `\r\n`, `\n` or `\r` ends a record). `Err(row)` for a quote left open.
fn records(text: &str) -> std::result::Result<Vec<Vec<String>>, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut row));
                at_start = true;
            }
            _ => {
                field.push(c);
                at_start = false;
            }
        }
        if out.len() > MAX_ROWS + 1 {
            break;
        }
    }
    if quoted {
        return Err(out.len() + 1);
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        out.push(row);
    }
    Ok(out)
}

/// `2026-3-5`, `2026/03/05`, `2026.3.5`, `2026年3月5日` → `2026-03-05` (other text is left as it is,
/// and refused by the date reader with its own message).
fn normalise_date(s: &str) -> String {
    let t = s.trim();
    let parts: Vec<&str> = t.trim_end_matches('日').split(['-', '/', '.', '年', '月']).collect();
    if parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
        let m: u32 = parts[1].parse().unwrap_or(0);
        let d: u32 = parts[2].parse().unwrap_or(0);
        if parts[1].len() <= 2 && parts[2].len() <= 2 {
            return format!("{}-{m:02}-{d:02}", parts[0]);
        }
    }
    t.to_string()
}

/// A band named by its id (`10-12`), its label, or `10至12` / `10–12`.
fn band_id(model: &payment_points::PointsModel, s: &str) -> Option<String> {
    let t = s.trim();
    let flat: String = t.replace(['至', '–', '—', '~', '～'], "-").replace("分档", "").replace(['分', ' '], "");
    model.bands.iter().find(|b| b.id == t || b.label.zh == t || b.label.en.eq_ignore_ascii_case(t) || flat == format!("{}-{}", b.min, b.max)).map(|b| b.id.clone())
}

/// A responsibility named by its id, its label, or its label without 「责任」 (一般 / 重要 / 主要).
fn responsibility_id(model: &payment_points::PointsModel, s: &str) -> Option<String> {
    let t = s.trim();
    model
        .responsibilities
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(t) || r.label.zh == t || r.label.en.eq_ignore_ascii_case(t) || r.label.zh.trim_end_matches("责任") == t)
        .map(|r| r.id.clone())
}

/// An act named by its id or its text.
fn act_id(model: &payment_points::PointsModel, s: &str) -> Option<String> {
    let t = s.trim();
    model.acts.iter().find(|a| a.id == t || a.text.zh == t || a.text.en.eq_ignore_ascii_case(t)).map(|a| a.id.clone())
}

/// A person type by its id or its name (医保医师, 医保药师).
fn person_type(s: &str) -> Option<&'static str> {
    let t = s.trim();
    crate::rules::PERSON_TYPES.iter().find(|p| p.0 == t || p.1 == t || p.2.eq_ignore_ascii_case(t)).map(|p| p.0)
}

fn problem(row: usize, column: Option<&str>, level: &str, zh: impl Into<String>, en: impl Into<String>) -> RowProblem {
    RowProblem { row, column: column.map(str::to_string), level: level.into(), zh: zh.into(), en: en.into() }
}

/// A person being gathered from the rows.
struct Gathered {
    person: PointsPerson,
    rows: Vec<usize>,
    records: Vec<PointsRecord>,
    record_rows: Vec<usize>,
    problems: Vec<RowProblem>,
}

/// Scores every person of the list for the year of `asOf`.
/// 依据：医保发〔2024〕23号（自然年度记分、阈值、重新登记的限制）；本省实施细则（`model`）。
pub fn payment_points_batch(input: &PointsBatchInput) -> Result<PointsBatchOut> {
    let (model, hash) = payment_points::choose_model(&input.model)?;
    let as_of = crate::dates::parse_date(&input.as_of, "asOf").map_err(|e| e.at("$.asOf"))?;
    let default_type = match &input.person_type {
        Some(t) => person_type(t).filter(|t| model.subject_types.iter().any(|s| s == t)).ok_or_else(|| {
            Error::new(
                "E_SUBJECT_TYPE",
                format!("医保支付资格记分适用于{}，不适用于“{t}”", model.subject_types.join("、")),
                format!("payment-qualification points apply to {}, not to \"{t}\"", model.subject_types.join(", ")),
            )
            .at("$.type")
        })?,
        None => model.subject_types.first().and_then(|t| person_type(t)).unwrap_or("physician"),
    };
    let rows = records(&input.csv).map_err(|row| {
        Error::new("E_POINTS_BATCH", format!("第 {row} 行起有未闭合的引号，文件无法读取"), format!("a quote opened at row {row} is never closed: the file cannot be read"))
    })?;
    if rows.len() > MAX_ROWS + 1 {
        return Err(Error::new("E_TOO_MANY", format!("名单超过 {MAX_ROWS} 行"), format!("the list has more than {MAX_ROWS} rows")).at("$.csv"));
    }
    let Some(header) = rows.first() else {
        return Err(Error::new("E_POINTS_BATCH", "文件是空的：第一行应为表头（可下载模板）", "the file is empty: the first row must be the header (download the template)").at("$.csv"));
    };
    let mut problems = vec![];
    let mut roles: Vec<Option<Role>> = vec![];
    for h in header {
        let r = role_of(h);
        if r.is_none() && !h.trim().is_empty() {
            problems.push(problem(1, Some(h.trim()), "warning", format!("未识别的列“{}”，已忽略", h.trim()), format!("column \"{}\" is not known and was left out", h.trim())));
        }
        if r.is_some() && roles.contains(&r) {
            problems.push(problem(1, Some(h.trim()), "warning", format!("列“{}”重复，只读取第一列", h.trim()), format!("column \"{}\" appears twice; only the first is read", h.trim())));
            roles.push(None);
        } else {
            roles.push(r);
        }
    }
    // The column of each role (COLS is in the order of Role).
    let at: Vec<Option<usize>> = COLS.iter().map(|c| roles.iter().position(|r| *r == Some(c.role))).collect();
    let col = |role: Role| at[role as usize];
    let header_of = |role: Role| COLS.iter().find(|c| c.role == role).map_or("", |c| c.header);
    let missing: Vec<&str> = [Role::Date, Role::Points].into_iter().filter(|r| col(*r).is_none()).map(header_of).collect();
    if col(Role::Name).is_none() && col(Role::Code).is_none() {
        return Err(Error::new(
            "E_POINTS_BATCH",
            "表头缺少“姓名”和“证件号码或人员代码”列（至少要有一列用来区分人员；可下载模板）",
            "the header has neither 姓名 (name) nor 证件号码或人员代码 (ID or staff code): one is needed to tell the persons apart (download the template)",
        )
        .at("$.csv"));
    }
    if !missing.is_empty() {
        return Err(Error::new(
            "E_POINTS_BATCH",
            format!("表头缺少必需的列：{}（可下载模板）", missing.join("、")),
            format!("the header lacks the {} {} (download the template)", if missing.len() == 1 { "column" } else { "columns" }, missing.join(", ")),
        )
        .at("$.csv"));
    }

    let mut persons: Vec<Gathered> = vec![];
    let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut summary = PointsBatchSummary::default();
    for (k, cells) in rows.iter().enumerate().skip(1) {
        let row = k + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            summary.rows_blank += 1;
            continue;
        }
        summary.rows += 1;
        let get = |role: Role| col(role).and_then(|i| cells.get(i)).map(|s| s.trim()).unwrap_or("");
        let (name, code) = (get(Role::Name), get(Role::Code));
        let mut errs: Vec<RowProblem> = vec![];
        if name.is_empty() && code.is_empty() {
            problems.push(problem(row, None, "error", "姓名和证件号码（人员代码）都是空的，无法确定是谁的记录，未计入", "both the name and the ID or staff code are blank: whose record it is cannot be told; not counted"));
            summary.rows_with_errors += 1;
            continue;
        }
        let type_text = get(Role::Type);
        let pt = if type_text.is_empty() {
            default_type
        } else {
            match person_type(type_text).filter(|t| model.subject_types.iter().any(|s| s == t)) {
                Some(t) => t,
                None => {
                    errs.push(problem(
                        row,
                        Some(header_of(Role::Type)),
                        "error",
                        format!("人员类型“{type_text}”不在本记分规则的适用范围（{}）内，未计入", model.subject_types.join("、")),
                        format!("person type \"{type_text}\" is not covered by these rules ({}); not counted", model.subject_types.join(", ")),
                    ));
                    default_type
                }
            }
        };
        let key = if code.is_empty() { format!("name:{name}") } else { format!("code:{code}") };
        let at = *by_key.entry(key).or_insert_with(|| {
            persons.push(Gathered {
                person: PointsPerson { person_type: pt.to_string(), name: name.to_string(), code: code.to_string() },
                rows: vec![],
                records: vec![],
                record_rows: vec![],
                problems: vec![],
            });
            persons.len() - 1
        });
        let g = &mut persons[at];
        g.rows.push(row);
        if !name.is_empty() && g.person.name.is_empty() {
            g.person.name = name.to_string();
        } else if !name.is_empty() && g.person.name != name {
            g.problems.push(problem(
                row,
                Some(header_of(Role::Name)),
                "warning",
                format!("同一证件号码（人员代码）“{code}”下有不同姓名（“{}”与“{name}”），已按同一人合计，请核对", g.person.name),
                format!("the same ID or staff code \"{code}\" has different names (\"{}\" and \"{name}\"); counted as one person: check it", g.person.name),
            ));
        }
        if g.person.person_type != pt && errs.is_empty() && !type_text.is_empty() {
            g.problems.push(problem(
                row,
                Some(header_of(Role::Type)),
                "warning",
                "同一人的记录填了不同的人员类型，按第一行的类型计分",
                "records of the same person give different person types; the first row's is used",
            ));
        }
        // The record: read against the model, as payment-points reads it.
        let points_text = get(Role::Points);
        let points = match points_text.parse::<u32>() {
            Ok(p) => Some(p),
            Err(_) => {
                errs.push(problem(
                    row,
                    Some(header_of(Role::Points)),
                    "error",
                    format!("记分“{points_text}”不是 1 至 {} 的整数，未计入", model.total),
                    format!("points \"{points_text}\" is not a whole number from 1 to {}; not counted", model.total),
                ));
                None
            }
        };
        let mut rec = PointsRecord { date: normalise_date(get(Role::Date)), points: points.unwrap_or(0), decision_no: get(Role::DecisionNo).to_string(), description: get(Role::Description).to_string(), ..Default::default() };
        for (role, text, found) in [
            (Role::Band, get(Role::Band), band_id(&model, get(Role::Band))),
            (Role::Act, get(Role::Act), act_id(&model, get(Role::Act))),
            (Role::Responsibility, get(Role::Responsibility), responsibility_id(&model, get(Role::Responsibility))),
        ] {
            if text.is_empty() {
                continue;
            }
            match found {
                Some(id) => match role {
                    Role::Band => rec.band = Some(id),
                    Role::Act => rec.act = Some(id),
                    _ => rec.responsibility = Some(id),
                },
                None => errs.push(problem(
                    row,
                    Some(header_of(role)),
                    "error",
                    format!("“{text}”不是本记分规则中的{}，未计入", header_of(role)),
                    format!("\"{text}\" is not a {} of these rules; not counted", match role {
                        Role::Band => "band",
                        Role::Act => "listed act",
                        _ => "degree of responsibility",
                    }),
                )),
            }
        }
        if errs.is_empty() {
            if let Err(e) = payment_points::read_record(&model, 0, &rec) {
                let column = match e.path.as_deref() {
                    Some(p) if p.ends_with(".date") => header_of(Role::Date),
                    Some(p) if p.ends_with(".band") => header_of(Role::Band),
                    Some(p) if p.ends_with(".act") => header_of(Role::Act),
                    Some(p) if p.ends_with(".responsibility") => header_of(Role::Responsibility),
                    _ => header_of(Role::Points),
                };
                // The message without the record's number (the row says where it is).
                let zh = e.zh.trim_start_matches("第 1 条记录：").to_string();
                let en = e.en.trim_start_matches("record 1: ").to_string();
                errs.push(problem(row, Some(column), "error", format!("{zh}；未计入"), format!("{en}; not counted")));
            }
        }
        if errs.is_empty() {
            g.records.push(rec);
            g.record_rows.push(row);
        } else {
            summary.rows_with_errors += 1;
            g.problems.extend(errs);
        }
    }

    let mut out = vec![];
    for g in persons {
        let mut complete = !g.problems.iter().any(|p| p.level == "error");
        let mut problems = g.problems;
        let input = PointsInput { person: g.person.clone(), as_of: input.as_of.clone(), records: g.records, model: None };
        let (records, record_rows, total, consequence, next) = match payment_points::score(&model, &hash, &input) {
            Ok(r) => (r.records, g.record_rows, r.total, r.consequence, r.next),
            Err(e) => {
                complete = false;
                problems.push(problem(g.rows.first().copied().unwrap_or(0), None, "error", format!("{}；此人未计分", e.zh), format!("{}; this person was not scored", e.en)));
                (vec![], vec![], 0, None, None)
            }
        };
        match consequence.as_ref().map(|c| c.kind.as_str()) {
            None => summary.none += 1,
            Some("warn") => summary.warn += 1,
            Some("suspend") => summary.suspend += 1,
            _ => summary.terminate += 1,
        }
        if !complete {
            summary.incomplete += 1;
        }
        out.push(PersonOut { person: g.person, rows: g.rows, total, of: model.total, records, record_rows, consequence, next, complete, problems });
    }
    summary.persons = out.len();
    problems.truncate(MAX_LISTED_PROBLEMS);

    let mut notes = vec![Text::new(
        format!("按 {} 年计：记分按自然年计算，每年清零；其他年份的记录列出但不计入", chrono::Datelike::year(&as_of)),
        format!("counted for {}: points count per calendar year and start again each year; records of other years are listed, not counted", chrono::Datelike::year(&as_of)),
    )];
    if model.sample {
        notes.push(Text::new(
            "所用为省级细则示例，所属省份未核实；您所在省份的细则可能不同，请以本省医保部门公布的为准",
            "an example of provincial rules is used; its province is not verified; your province's rules may differ: the ones your provincial bureau published govern",
        ));
    }
    let csv = result_csv(&out, chrono::Datelike::year(&as_of));
    Ok(PointsBatchOut {
        model: ModelInfo { id: model.id.clone(), version: model.version.clone(), title: model.title.clone(), issuer: model.issuer.clone(), sample: model.sample, notice: model.notice.clone(), hash },
        as_of: crate::dates::iso(as_of),
        year: chrono::Datelike::year(&as_of),
        of: model.total,
        persons: out,
        problems,
        summary,
        notes,
        csv,
    })
}

/// The header of the result file.
pub const RESULT_COLUMNS: [&str; 14] = [
    "姓名",
    "证件号码或人员代码",
    "人员类型",
    "年度",
    "累计记分",
    "满分",
    "后果",
    "达到日期",
    "暂停起算日",
    "暂停最早至",
    "暂停最迟至",
    "不得再次登记至",
    "下一档",
    "问题",
];

fn result_csv(persons: &[PersonOut], year: i32) -> String {
    let mut out = Vec::new();
    for (i, h) in RESULT_COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_field(&mut out, h);
    }
    out.extend_from_slice(b"\r\n");
    for p in persons {
        let type_zh = crate::rules::PERSON_TYPES.iter().find(|t| t.0 == p.person.person_type).map_or(p.person.person_type.as_str(), |t| t.1);
        let c = p.consequence.as_ref();
        let s = c.and_then(|c| c.suspension.as_ref());
        let bar = c.and_then(|c| c.re_registration.as_ref());
        let next = p.next.as_ref().map(|n| format!("再记 {} 分：{}", n.needed, n.text.zh)).unwrap_or_default();
        let probs: Vec<String> = p.problems.iter().map(|x| format!("第 {} 行：{}", x.row, x.zh)).collect();
        let fields = [
            p.person.name.clone(),
            p.person.code.clone(),
            type_zh.to_string(),
            year.to_string(),
            p.total.to_string(),
            p.of.to_string(),
            c.map(|c| c.text.zh.clone()).unwrap_or_else(|| "未达到处理档次".into()),
            c.map(|c| c.reached_on.clone()).unwrap_or_default(),
            s.map(|s| s.from.clone()).unwrap_or_default(),
            s.map(|s| s.until_earliest.clone()).unwrap_or_default(),
            s.map(|s| s.until_latest.clone()).unwrap_or_default(),
            bar.map(|b| b.until.clone()).unwrap_or_default(),
            next,
            probs.join("；"),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_field(&mut out, f);
        }
        out.extend_from_slice(b"\r\n");
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_with_quotes_and_line_breaks() {
        let r = records("a,\"b,\"\"c\"\"\"\r\n\"x\ny\",z\n").unwrap();
        assert_eq!(r, vec![vec!["a".to_string(), "b,\"c\"".into()], vec!["x\ny".into(), "z".into()]]);
        assert_eq!(records("a,\"b\n"), Err(1));
    }

    #[test]
    fn dates_as_spreadsheets_write_them() {
        assert_eq!(normalise_date("2026/3/5"), "2026-03-05");
        assert_eq!(normalise_date("2026年3月5日"), "2026-03-05");
        assert_eq!(normalise_date("2026-12-31"), "2026-12-31");
        assert_eq!(normalise_date("3/5/2026"), "3/5/2026");
    }
}
