//! 医保支付资格记分: the national 12-point scoring of doctors, pharmacists and other staff of
//! designated institutions, beside the 100-point credit score.
//!
//! 依据：《国家医保局 国家卫生健康委 国家药监局关于建立定点医药机构相关人员医保支付资格管理制度的指导意见》
//! （医保发〔2024〕23号）and its procedure 医保办发〔2024〕34号; the provinces' implementing rules. The
//! model is data (`data/points/*.json`, format below): a natural-year account of `total` points
//! (12), reset each calendar year; each record scores within a band (1–3, 4–6, 7–9, 10–12) by the
//! person's responsibility; thresholds with their consequences (9: suspended 1–6 months; 12:
//! terminated; provinces add steps); after termination, re-registration barred 1 year when the
//! points were accumulated, 3 years when they came at once. Which acts fall in which band, and the
//! steps between 9 and 12, are provincial: the shipped example says that its province is not
//! verified.
//!
//! The points of a record are what the deciding department gave (its decision states them): the
//! tool checks them against the record's band and the act's band, adds them up for the year, and
//! says what follows, from when and until when.

use crate::dates;
use crate::error::{Error, Result};
use crate::text::Text;
use crate::value::Value;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A document the model relies on; `verified: false` is shown so, in plain words.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsSource {
    pub id: String,
    pub title: String,
    /// The document's name in English (the Chinese title is shown beside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A citation: a source, and the article when it is verified (else the document alone is cited).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PointsCite {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

/// A band of points a record may score (依据：医保发〔2024〕23号).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PointsBand {
    pub id: String,
    pub min: u32,
    pub max: u32,
    pub label: Text,
    pub cite: PointsCite,
}

/// A degree of responsibility (一般 / 重要 / 主要责任).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub id: String,
    pub label: Text,
}

/// An act a province lists in a band.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PointsAct {
    pub id: String,
    pub band: String,
    pub text: Text,
    pub cite: PointsCite,
}

/// Months of a suspension: a fixed number (`min = max`) or a range the deciding department picks in.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Months {
    pub min: u32,
    pub max: u32,
}

/// What reaching a number of points in a year brings.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Threshold {
    pub points: u32,
    /// `warn` (a talk, training), `suspend` (with `months`) or `terminate`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<Months>,
    pub text: Text,
    pub cite: PointsCite,
}

/// The bar on registering again after termination.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReRegistration {
    pub accumulated_years: u32,
    pub at_once_years: u32,
    pub text: Text,
    pub cite: PointsCite,
}

/// A point-scoring model (`data/points/*.json`, format `yibao-credit-points` version 1).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsModel {
    pub format: String,
    pub format_version: u32,
    pub id: String,
    pub version: String,
    pub title: Text,
    pub issuer: Text,
    #[serde(default)]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    pub sources: Vec<PointsSource>,
    pub effective_from: String,
    #[serde(default)]
    pub effective_to: Option<String>,
    pub subject_types: Vec<String>,
    /// Points of the yearly account (12).
    pub total: u32,
    /// `calendarYear`: the account starts again on 1 January.
    pub reset: String,
    pub bands: Vec<PointsBand>,
    pub responsibilities: Vec<Responsibility>,
    #[serde(default)]
    pub acts: Vec<PointsAct>,
    pub thresholds: Vec<Threshold>,
    pub re_registration: ReRegistration,
}

/// The shipped models: the national rules, and the example of a province's steps.
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN: &[(&str, &str)] = &[
    ("national", include_str!("../data/points/national.json")),
    ("example-province", include_str!("../data/points/example-province.json")),
];

fn bad(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new("E_POINTS_MODEL", zh, en).at(path)
}

impl PointsModel {
    /// Reads and checks a model: format and version, bands covering 1 to `total` in order without
    /// gaps, thresholds rising within 1 to `total` and ending at `total` with `terminate`, a
    /// suspension's months, every citation naming a listed source, acts in a listed band, dates.
    pub fn from_value(v: Value) -> Result<PointsModel> {
        if v.get("format").and_then(Value::as_str) != Some("yibao-credit-points") {
            return Err(bad("$.format", "不是医保支付资格记分规则文件：format 应为 \"yibao-credit-points\"", "not a points model: format must be \"yibao-credit-points\""));
        }
        if v.get("formatVersion").and_then(Value::as_u64) != Some(1) {
            return Err(bad("$.formatVersion", "不支持的记分规则格式版本：本工具读取版本 1", "unsupported format version: this tool reads version 1"));
        }
        let m: PointsModel = crate::value::from_value(v).map_err(|e| Error::shape("记分规则文件", "Points model", &e.to_string()))?;
        m.check()?;
        Ok(m)
    }

    fn check(&self) -> Result<()> {
        let cite = |c: &PointsCite, path: String| -> Result<()> {
            if self.sources.iter().any(|s| s.id == c.source) {
                Ok(())
            } else {
                Err(bad(format!("{path}.source"), format!("引用了未列出的依据文件“{}”", c.source), format!("cites source \"{}\", which is not listed", c.source)))
            }
        };
        let from = dates::parse_date(&self.effective_from, "effectiveFrom").map_err(|e| e.at("$.effectiveFrom"))?;
        if let Some(t) = &self.effective_to {
            if dates::parse_date(t, "effectiveTo").map_err(|e| e.at("$.effectiveTo"))? < from {
                return Err(bad("$.effectiveTo", "失效日期早于生效日期", "effectiveTo is before effectiveFrom"));
            }
        }
        if self.reset != "calendarYear" {
            return Err(bad("$.reset", "reset 应为 calendarYear（记分按自然年计算，每年清零）", "reset must be calendarYear (points count per calendar year)"));
        }
        if self.total == 0 || self.total > 100 {
            return Err(bad("$.total", "total 应为 1 至 100 的整数", "total must be a whole number from 1 to 100"));
        }
        let mut next = 1;
        for (i, b) in self.bands.iter().enumerate() {
            let p = format!("$.bands[{i}]");
            if b.min != next || b.max < b.min {
                return Err(bad(
                    p,
                    format!("记分档应从 1 分起依次相接、不重叠：此档应从 {next} 分起，实为 {}–{}", b.min, b.max),
                    format!("the bands must follow each other from 1 without gap or overlap: this one should start at {next}, it is {}–{}", b.min, b.max),
                ));
            }
            next = b.max + 1;
            cite(&b.cite, format!("{p}.cite"))?;
        }
        if next != self.total + 1 {
            return Err(bad("$.bands", format!("记分档应覆盖 1 至 {} 分", self.total), format!("the bands must cover 1 to {} points", self.total)));
        }
        if self.responsibilities.is_empty() {
            return Err(bad("$.responsibilities", "至少要列出一种责任程度", "at least one degree of responsibility is needed"));
        }
        for (i, a) in self.acts.iter().enumerate() {
            if !self.bands.iter().any(|b| b.id == a.band) {
                return Err(bad(format!("$.acts[{i}].band"), format!("记分档“{}”不在 bands 中", a.band), format!("band \"{}\" is not in bands", a.band)));
            }
            cite(&a.cite, format!("$.acts[{i}].cite"))?;
        }
        let mut last = 0;
        for (i, t) in self.thresholds.iter().enumerate() {
            let p = format!("$.thresholds[{i}]");
            if t.points <= last || t.points > self.total {
                return Err(bad(&p, format!("阈值应在 1 至 {} 分之间依次增大", self.total), format!("thresholds must rise within 1 to {}", self.total)));
            }
            last = t.points;
            match (t.kind.as_str(), t.months) {
                ("warn" | "terminate", None) => {}
                ("suspend", Some(m)) if m.min >= 1 && m.min <= m.max && m.max <= 120 => {}
                ("suspend", _) => return Err(bad(format!("{p}.months"), "暂停须给出月数（1 至 120，min ≤ max）", "a suspension needs its months (1 to 120, min ≤ max)")),
                ("warn" | "terminate", Some(_)) => return Err(bad(format!("{p}.months"), "只有暂停（suspend）有月数", "only a suspension has months")),
                (k, _) => return Err(bad(format!("{p}.kind"), format!("未知的后果“{k}”：应为 warn、suspend 或 terminate"), format!("unknown consequence \"{k}\": use warn, suspend or terminate"))),
            }
            cite(&t.cite, format!("{p}.cite"))?;
        }
        match self.thresholds.last() {
            Some(t) if t.points == self.total && t.kind == "terminate" => {}
            _ => return Err(bad("$.thresholds", format!("最后一个阈值应为 {} 分、终止（terminate）", self.total), format!("the last threshold must be {} points, terminate", self.total))),
        }
        cite(&self.re_registration.cite, "$.reRegistration.cite".into())?;
        Ok(())
    }

    /// `《…》` and the article if one is given; an unverified source says so.
    fn cite_text(&self, c: &PointsCite) -> Text {
        let Some(s) = self.sources.iter().find(|s| s.id == c.source) else { return Text::new(c.source.clone(), c.source.clone()) };
        let number = s.number.as_ref().map(|n| format!("（{n}）")).unwrap_or_default();
        let article = c.article.clone().unwrap_or_default();
        let unverified = if s.verified { "" } else { "（此依据本工具未核实）" };
        let unverified_en = if s.verified { "" } else { " (this source is not verified by this tool)" };
        let title_en = match &s.title_en {
            Some(en) => format!("{en} ({})", s.title),
            None => s.title.clone(),
        };
        let number_en = s.number.as_ref().map(|n| format!(", {n}")).unwrap_or_default();
        let article_en = c.article.as_ref().map(|a| format!(", {a}")).unwrap_or_default();
        Text::new(format!("{}{number}{article}{unverified}", s.title), format!("{title_en}{number_en}{article_en}{unverified_en}"))
    }
}

/// One record: a decision that scored points (the department's own figure).
#[derive(Debug, Clone, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsRecord {
    /// The date of the decision (the suspension, if one follows, runs from it).
    pub date: String,
    pub points: u32,
    #[serde(default)]
    pub band: Option<String>,
    #[serde(default)]
    pub act: Option<String>,
    #[serde(default)]
    pub responsibility: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub decision_no: String,
}

/// The person scored (第五条（二）: 医保医师, 医保药师 and other staff).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsPerson {
    #[serde(rename = "type")]
    pub person_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub code: String,
}

/// What `payment-points` reads.
#[derive(Debug, Clone, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsInput {
    pub person: PointsPerson,
    /// The as-of date (the core never reads the clock); the year counted is its year.
    pub as_of: String,
    #[serde(default)]
    pub records: Vec<PointsRecord>,
    /// A model document; default: the shipped national rules (`model: "example-province"` names
    /// the other shipped one).
    #[serde(default)]
    pub model: Option<Value>,
}

/// A record as counted.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RecordOut {
    pub index: usize,
    pub date: String,
    pub points: u32,
    pub band: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<Text>,
    pub counted: bool,
    /// The year's total after this record (counted records only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running_total: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    /// The thresholds this record reaches (a record may pass several at once).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reaches: Vec<Text>,
    pub basis: Text,
}

/// A suspension: from the decision date, for a number of months (or a range the department picks in).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Suspension {
    pub from: String,
    pub months: Months,
    /// The last day for the fewest months, and for the most (the same when the months are fixed).
    pub until_earliest: String,
    pub until_latest: String,
    /// How the dates are counted.
    pub rule: Text,
    /// The articles that count them, from the law library (the page opens them to their text).
    /// 依据：《中华人民共和国民法典》第二百零一条、第二百零二条.
    pub cite: crate::law::Citation,
}

/// The bar on registering again after termination.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Bar {
    pub years: u32,
    pub at_once: bool,
    pub until: String,
    pub text: Text,
    pub cite: Text,
}

/// The consequence reached in the year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Consequence {
    pub points: u32,
    pub kind: String,
    pub text: Text,
    pub cite: Text,
    /// The date of the decision that reached it.
    pub reached_on: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspension: Option<Suspension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub re_registration: Option<Bar>,
}

/// What the next points would bring.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NextThreshold {
    pub points: u32,
    pub needed: u32,
    pub kind: String,
    pub text: Text,
}

/// Which model answered.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ModelInfo {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub issuer: Text,
    pub sample: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    pub hash: String,
}

/// What `payment-points` answers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsResult {
    pub model: ModelInfo,
    pub person: PointsPerson,
    pub as_of: String,
    pub year: i32,
    pub total: u32,
    pub of: u32,
    pub records: Vec<RecordOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Consequence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextThreshold>,
    pub notes: Vec<Text>,
}

/// The shipped model named `name`, or the document given.
pub(crate) fn choose_model(v: &Option<Value>) -> Result<(PointsModel, String)> {
    let value = match v {
        None | Some(Value::Null) => builtin_value("national")?,
        Some(Value::String(name)) => builtin_value(name)?,
        Some(other) => other.clone(),
    };
    let hash = crate::sha256::hex(value.to_json().as_bytes());
    PointsModel::from_value(value).map(|m| (m, hash)).map_err(|mut e| {
        if v.as_ref().is_some_and(|v| !v.is_null() && v.as_str().is_none()) {
            e.path = Some(format!("$.model{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
        }
        e
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn builtin_value(name: &str) -> Result<Value> {
    let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| unknown_model(name))?;
    crate::value::parse_trusted(text).ok_or_else(|| Error::new("E_INTERNAL", "内部错误：内置记分规则无法读取", "internal error: a shipped model cannot be read"))
}

#[cfg(target_arch = "wasm32")]
fn builtin_value(name: &str) -> Result<Value> {
    MODELS.with(|m| m.borrow().iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())).ok_or_else(|| unknown_model(name))
}

#[cfg(target_arch = "wasm32")]
thread_local!(static MODELS: std::cell::RefCell<Vec<(String, Value)>> = const { std::cell::RefCell::new(Vec::new()) });

/// Hands a shipped model (`points/NAME.json`, fetched by the page) to the module (WebAssembly).
#[cfg(target_arch = "wasm32")]
pub fn register(name: &str, v: Value) -> Result<()> {
    PointsModel::from_value(v.clone())?;
    MODELS.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(n, _)| n != name);
        m.push((name.to_string(), v));
    });
    Ok(())
}

fn unknown_model(name: &str) -> Error {
    Error::new("E_POINTS_MODEL", format!("没有名为“{name}”的内置记分规则（可用：national、example-province）"), format!("there is no shipped model named \"{name}\" (national, example-province)")).at("$.model")
}

/// Scores a person's records for the year of `asOf`.
/// 依据：医保发〔2024〕23号（自然年度记分、阈值、重新登记的限制）；本省实施细则（中间档次）。
pub fn payment_points(input: &PointsInput) -> Result<PointsResult> {
    let (model, hash) = choose_model(&input.model)?;
    score(&model, &hash, input)
}

/// A record as read against the model: its date, points, band, act and responsibility.
pub(crate) type ReadRecord<'m> = (NaiveDate, u32, &'m PointsBand, Option<&'m PointsAct>, Option<&'m Responsibility>);

/// Reads record `i` against the model: its date, its points within its band (given, the act's, or
/// found from the points), its act and responsibility. An error names the field (`$.records[i].…`).
/// 依据：医保发〔2024〕23号（记分档次、按责任程度记分）。
pub(crate) fn read_record<'m>(model: &'m PointsModel, i: usize, r: &PointsRecord) -> Result<ReadRecord<'m>> {
    let p = format!("$.records[{i}]");
    let d = dates::parse_date(&r.date, &format!("records[{i}].date")).map_err(|e| e.at(format!("{p}.date")))?;
    let act = match &r.act {
        Some(a) => Some(model.acts.iter().find(|x| &x.id == a).ok_or_else(|| {
            Error::new("E_POINTS_RECORD", format!("第 {} 条记录：未知的行为“{a}”", i + 1), format!("record {}: unknown act \"{a}\"", i + 1)).at(format!("{p}.act"))
        })?),
        None => None,
    };
    let band_id = r.band.clone().or_else(|| act.map(|a| a.band.clone()));
    let band = match &band_id {
        Some(b) => model.bands.iter().find(|x| &x.id == b).ok_or_else(|| {
            Error::new("E_POINTS_RECORD", format!("第 {} 条记录：未知的记分档“{b}”", i + 1), format!("record {}: unknown band \"{b}\"", i + 1)).at(format!("{p}.band"))
        })?,
        None => model.bands.iter().find(|b| r.points >= b.min && r.points <= b.max).ok_or_else(|| {
            Error::new(
                "E_POINTS_RECORD",
                format!("第 {} 条记录：一次记分应为 1 至 {} 分，实为 {}", i + 1, model.total, r.points),
                format!("record {}: a record scores 1 to {} points, got {}", i + 1, model.total, r.points),
            )
            .at(format!("{p}.points"))
        })?,
    };
    if let (Some(a), Some(b)) = (act, &r.band) {
        if &a.band != b {
            return Err(Error::new(
                "E_POINTS_RECORD",
                format!("第 {} 条记录：行为“{}”属于{}，不是所填的记分档", i + 1, a.text.zh, model.bands.iter().find(|x| x.id == a.band).map_or("", |x| x.label.zh.as_str())),
                format!("record {}: the act belongs to another band than the one given", i + 1),
            )
            .at(format!("{p}.band")));
        }
    }
    if r.points < band.min || r.points > band.max {
        return Err(Error::new(
            "E_POINTS_RECORD",
            format!("第 {} 条记录：{}的记分应为 {} 至 {} 分，实为 {}", i + 1, band.label.zh, band.min, band.max, r.points),
            format!("record {}: the {} scores {} to {} points, got {}", i + 1, band.label.en, band.min, band.max, r.points),
        )
        .at(format!("{p}.points")));
    }
    let resp = match &r.responsibility {
        Some(x) => Some(model.responsibilities.iter().find(|y| &y.id == x).ok_or_else(|| {
            let ids: Vec<&str> = model.responsibilities.iter().map(|y| y.id.as_str()).collect();
            Error::new("E_POINTS_RECORD", format!("第 {} 条记录：未知的责任程度“{x}”（{}）", i + 1, ids.join("、")), format!("record {}: unknown responsibility \"{x}\" ({})", i + 1, ids.join(", ")))
                .at(format!("{p}.responsibility"))
        })?),
        None => None,
    };
    Ok((d, r.points, band, act, resp))
}

/// Scores a person's records under a model already read (`hash`: of the model's document).
pub(crate) fn score(model: &PointsModel, hash: &str, input: &PointsInput) -> Result<PointsResult> {
    let hash = hash.to_string();
    let as_of = dates::parse_date(&input.as_of, "asOf").map_err(|e| e.at("$.asOf"))?;
    let year = as_of.year();
    let pt = input.person.person_type.as_str();
    if crate::rules::class_of(pt) != Some("person") || !model.subject_types.iter().any(|t| t == pt) {
        return Err(Error::new(
            "E_SUBJECT_TYPE",
            format!("医保支付资格记分适用于{}，不适用于“{pt}”", model.subject_types.join("、")),
            format!("payment-qualification points apply to {}, not to \"{pt}\"", model.subject_types.join(", ")),
        )
        .at("$.person.type"));
    }
    if input.records.len() > 1000 {
        return Err(Error::new("E_TOO_MANY", "记分记录超过 1000 条", "more than 1000 records").at("$.records"));
    }
    let effective_from = dates::parse_date(&model.effective_from, "effectiveFrom")?;
    let mut notes = vec![];
    if as_of < effective_from {
        notes.push(Text::new(
            format!("评价基准日早于本记分规则的施行日期（{}）", model.effective_from),
            format!("the as-of date is before these rules took effect ({})", model.effective_from),
        ));
    }

    // Read every record (a bad one is refused with its path), then count those of the year.
    let mut read = Vec::with_capacity(input.records.len());
    for (i, r) in input.records.iter().enumerate() {
        let (d, points, band, act, resp) = read_record(model, i, r)?;
        read.push((i, d, points, band, act, resp));
    }

    // The year's account, in date order (the input's order for the same day).
    let mut order: Vec<usize> = (0..read.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| read[a].1.cmp(&read[b].1).then(a.cmp(&b)));
    let mut out: Vec<Option<RecordOut>> = vec![None; read.len()];
    let mut total = 0u32;
    let mut reached: Option<(&Threshold, NaiveDate, u32)> = None; // threshold, decision date, points of that record
    for &k in &order {
        let (i, d, points, band, act, resp) = &read[k];
        let (counted, reason) = if d.year() != year {
            (
                false,
                Some(Text::new(
                    format!("属于 {} 年，不计入 {year} 年的累计（记分按自然年计算，每年清零）", d.year()),
                    format!("belongs to {}, not counted in {year} (points count per calendar year and start again each year)", d.year()),
                )),
            )
        } else if *d > as_of {
            (false, Some(Text::new(format!("晚于评价基准日 {as_of}，未计入"), format!("after the as-of date {as_of}: not counted"))))
        } else {
            (true, None)
        };
        let mut running = None;
        let mut reaches = vec![];
        if counted {
            let before = total;
            total += points;
            running = Some(total);
            reaches = model.thresholds.iter().filter(|t| t.points > before && t.points <= total).map(|t| t.text.clone()).collect();
            // The highest threshold this record reaches (a step skipped on the way is passed over).
            if let Some(t) = model.thresholds.iter().rev().find(|t| t.points > before && t.points <= total) {
                reached = Some((t, *d, *points));
            }
        }
        out[*i] = Some(RecordOut {
            index: *i,
            date: dates::iso(*d),
            points: *points,
            band: band.label.clone(),
            act: act.map(|a| a.text.clone()),
            responsibility: resp.map(|r| r.label.clone()),
            counted,
            running_total: running,
            reason,
            reaches,
            basis: model.cite_text(act.map_or(&band.cite, |a| &a.cite)),
        });
    }

    let consequence = match reached {
        None => None,
        Some((t, d, points)) => {
            let suspension = match t.months {
                Some(m) => Some(Suspension {
                    from: dates::iso(d),
                    months: m,
                    until_earliest: dates::iso(dates::add_months(d, m.min)?),
                    until_latest: dates::iso(dates::add_months(d, m.max)?),
                    rule: Text::new(
                        "自作出暂停决定之日起算：开始的当日不计入，按月计算的期间以到期月的对应日为最后一日（《中华人民共和国民法典》第二百零一条、第二百零二条）；暂停决定书载明起止日期的，以决定书为准",
                        "counted from the date of the suspension decision: that day is not counted, and a period of months ends on the corresponding day of its last month (articles 201 and 202 of the Civil Code of the People's Republic of China, 《中华人民共和国民法典》); where the decision states its own dates, those govern",
                    ),
                    cite: crate::law::cite_known(crate::law::CIVIL_CODE, "第二百零一条、第二百零二条"),
                }),
                None => None,
            };
            let re_registration = if t.kind == "terminate" {
                let at_once = points >= model.total;
                let years = if at_once { model.re_registration.at_once_years } else { model.re_registration.accumulated_years };
                Some(Bar {
                    years,
                    at_once,
                    until: dates::iso(dates::add_months(d, years * 12)?),
                    text: model.re_registration.text.clone(),
                    cite: model.cite_text(&model.re_registration.cite),
                })
            } else {
                None
            };
            Some(Consequence { points: t.points, kind: t.kind.clone(), text: t.text.clone(), cite: model.cite_text(&t.cite), reached_on: dates::iso(d), suspension, re_registration })
        }
    };
    let next = model.thresholds.iter().find(|t| t.points > total).map(|t| NextThreshold { points: t.points, needed: t.points - total, kind: t.kind.clone(), text: t.text.clone() });
    if model.sample {
        notes.push(Text::new(
            "所用为省级细则示例，所属省份未核实；您所在省份的细则可能不同，请以本省医保部门公布的为准",
            "an example of provincial rules is used; its province is not verified; your province's rules may differ: the ones your provincial bureau published govern",
        ));
    }
    Ok(PointsResult {
        model: ModelInfo { id: model.id.clone(), version: model.version.clone(), title: model.title.clone(), issuer: model.issuer.clone(), sample: model.sample, notice: model.notice.clone(), hash },
        person: input.person.clone(),
        as_of: dates::iso(as_of),
        year,
        total,
        of: model.total,
        records: out.into_iter().map(|r| r.expect("every record")).collect(),
        consequence,
        next,
        notes,
    })
}
