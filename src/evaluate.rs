//! Scoring: facts and dated events in, score, grade, measures and a full trace out.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条（指标、千分制/百分制、等级、按年定期评价）,
//! 第二十四至二十七条（奖惩措施）. Every number in the result carries the article behind it.

use crate::dates;
use crate::error::{Error, Result};
use crate::points::Points;
use crate::rules::{builtin, class_of, CompiledRules, Problem, RulesInfo, Scoring};
use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The subject evaluated (第五条, 第八条: institutions by 统一社会信用代码, persons by ID number).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subject {
    #[serde(rename = "type")]
    pub subject_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub code: String,
}

/// The evaluation period (第二十条: periodic evaluation is yearly).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// A dated event from the credit file (第十四条 守信信息, 第十五条 不良信息).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub kind: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision_no: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
}

/// What `evaluate` reads.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvaluateInput {
    pub subject: Subject,
    /// The as-of date of the evaluation (the core never reads the clock).
    pub as_of: String,
    #[serde(default)]
    pub period: Option<Period>,
    /// Answers by indicator code: a count, yes/no, a rating level or a number of points.
    #[serde(default)]
    pub facts: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Evaluate even when the rules are not in force on `asOf` (the result then says so).
    #[serde(default)]
    pub allow_out_of_effect: bool,
    /// A rule-set document; when absent the shipped sample set for `subject.type` is used.
    #[serde(default)]
    pub rules: Option<serde_json::Value>,
}

/// One line that moved a leaf's score.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// Negative for a deduction, positive for points earned.
    pub amount: Points,
    pub reason: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One indicator in the trace, in tree order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceNode {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub depth: u8,
    pub name: Text,
    /// The most this indicator can give.
    pub points: Points,
    pub score: Points,
    pub cite: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<serde_json::Value>,
    pub lines: Vec<Line>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub missing: bool,
}

/// A grade band as shown: `min <= score < max` (max absent for the top band).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BandOut {
    pub grade: String,
    pub label: Text,
    pub min: Points,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    pub side: String,
    pub cite: String,
}

/// A direct-grade rule that fired.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectOut {
    pub id: String,
    pub grade: String,
    pub reason: Text,
    pub cite: String,
    pub event_indices: Vec<usize>,
}

/// A measure that applies (第二十五条、第二十六条、第二十三条).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureOut {
    pub id: String,
    pub kind: String,
    pub text: Text,
    pub cite: String,
}

/// A joint punishment triggered by an event (秦皇岛方案 二（三）).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JointOut {
    pub id: String,
    pub event_index: usize,
    pub event_kind: String,
    pub text: Text,
    pub basis: String,
    pub cite: String,
}

/// An input the evaluator did not get, and how it was counted.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Missing {
    pub code: String,
    pub name: Text,
    pub treated_as: Text,
}

/// An indicator that could close the gap to the next grade.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub code: String,
    pub name: Text,
    pub headroom: Points,
    pub scoring: &'static str,
    pub how: Text,
}

/// The gap to the next better grade.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextGrade {
    pub grade: String,
    pub label: Text,
    pub min: Points,
    pub gap: Points,
    /// Whether the headroom of all indicators together could close the gap.
    pub reachable_by_points: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<Text>,
    pub candidates: Vec<Candidate>,
}

/// An event that did not count, and why.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ignored {
    pub index: usize,
    pub reason: Text,
}

/// A warning (`W_…` code) in Chinese and English.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

/// Everything `evaluate` answers.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub rules: RulesInfo,
    pub subject: Subject,
    pub subject_class: &'static str,
    pub as_of: String,
    pub period: Period,
    pub scale: Points,
    pub score: Points,
    pub grade: String,
    pub label: Text,
    pub band: BandOut,
    /// The grade the points alone give (differs from `grade` when a direct-grade rule fired).
    pub points_grade: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct_grade: Option<DirectOut>,
    pub measures: Vec<MeasureOut>,
    pub joint_punishments: Vec<JointOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_grade: Option<NextGrade>,
    pub complete: bool,
    pub missing: Vec<Missing>,
    pub events_ignored: Vec<Ignored>,
    pub warnings: Vec<Warning>,
    pub trace: Vec<TraceNode>,
}

fn w(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Warning {
    Warning { code, zh: zh.into(), en: en.into() }
}

fn fact_err(code: &str, zh: String, en: String) -> Error {
    Error::new("E_FACT_VALUE", zh, en).at(format!("$.facts[\"{code}\"]"))
}

/// Largest count of occurrences accepted for one indicator.
pub const MAX_COUNT: u64 = 10_000;

/// Most answers (`facts`) one evaluation reads (a rule set has far fewer leaves).
pub const MAX_FACTS: usize = 10_000;

/// A count typed as text: trimmed; empty is 0; a whole number from 0 to [`MAX_COUNT`].
/// Shared by `evaluate` and `batch` so both read a count alike.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（按次扣分、加分）.
pub fn parse_count_text(s: &str) -> Option<u64> {
    let t = s.trim();
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<u64>().ok().filter(|&n| n <= MAX_COUNT)
}

/// A yes/no answer typed as text: 是/yes/y/true/1/符合 or 否/no/n/false/0/不符合 (ASCII letters in
/// any case, surrounding spaces ignored). Shared by `evaluate` and `batch`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（是否符合的指标）.
pub fn parse_yes_no_text(s: &str) -> Option<bool> {
    let t = s.trim();
    const YES: [&str; 6] = ["是", "yes", "y", "true", "1", "符合"];
    const NO: [&str; 6] = ["否", "no", "n", "false", "0", "不符合"];
    if YES.iter().any(|y| y.eq_ignore_ascii_case(t)) {
        Some(true)
    } else if NO.iter().any(|n| n.eq_ignore_ascii_case(t)) {
        Some(false)
    } else {
        None
    }
}

/// Score of a deduction or bonus leaf for `count` occurrences in all: `per × count` capped at
/// `points`; a deduction leaf keeps what is left of `points`, a bonus leaf earns the capped amount.
/// Shared by `evaluate` and `batch`. 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
pub fn count_leaf_score(points: Points, per: Points, deduction: bool, count: u64) -> Points {
    let raw = per.checked_mul(count).unwrap_or(points);
    let capped = raw.min(points);
    if deduction { points - capped } else { capped }
}

/// Score of a yes/no leaf: `points` when the answer equals `points_if`, else 0.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
pub fn yes_no_leaf_score(points: Points, points_if: bool, answer: bool) -> Points {
    if answer == points_if { points } else { Points::ZERO }
}

/// The rating level named `s` (already trimmed): by id, Chinese label, or English label in any case.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（考核档次）.
pub fn find_level<'a>(levels: &'a [crate::rules::Level], s: &str) -> Option<&'a crate::rules::Level> {
    levels.iter().find(|l| l.id == s || l.label.zh == s || (!l.label.en.is_empty() && l.label.en.eq_ignore_ascii_case(s)))
}

/// Whether a free rating (no levels) is inside its leaf's range 0..=points.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（每项得分不超过该项分值）.
pub fn rating_in_range(p: Points, points: Points) -> bool {
    p >= Points::ZERO && p <= points
}

fn read_count(code: &str, v: &serde_json::Value) -> Result<u64> {
    let n = match v {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => parse_count_text(s),
        _ => None,
    };
    match n {
        Some(n) if n <= MAX_COUNT => Ok(n),
        _ => Err(fact_err(
            code,
            format!("指标 {code}：次数应为 0 至 {MAX_COUNT} 的整数，实为 {v}"),
            format!("indicator {code}: the count must be a whole number from 0 to {MAX_COUNT}, got {v}"),
        )),
    }
}

fn read_bool(code: &str, v: &serde_json::Value) -> Result<bool> {
    match v {
        serde_json::Value::Bool(b) => Ok(*b),
        serde_json::Value::Number(n) if n.as_u64() == Some(1) => Ok(true),
        serde_json::Value::Number(n) if n.as_u64() == Some(0) => Ok(false),
        serde_json::Value::String(s) => match parse_yes_no_text(s) {
            Some(b) => Ok(b),
            None => Err(fact_err(code, format!("指标 {code}：应填“是”或“否”，实为“{s}”"), format!("indicator {code}: expected yes or no, got \"{s}\""))),
        },
        _ => Err(fact_err(code, format!("指标 {code}：应填“是”或“否”，实为 {v}"), format!("indicator {code}: expected yes or no, got {v}"))),
    }
}

/// Evaluates `input` with `rules`. The caller has already chosen the rules (see [`evaluate`]).
pub fn evaluate_with(rules: &CompiledRules, input: &EvaluateInput) -> Result<Evaluation> {
    let doc = &rules.doc;
    let as_of = dates::parse_date(&input.as_of, "asOf").map_err(|e| e.at("$.asOf"))?;

    // Subject (第五条).
    let st = input.subject.subject_type.as_str();
    let class = subject_class(st)?;
    if !doc.subject_types.iter().any(|t| t == st) {
        return Err(Error::new(
            "E_SUBJECT_TYPE",
            format!("指标“{}”不适用于主体类型“{st}”（适用：{}）", doc.title.zh, doc.subject_types.join("、")),
            format!("rule set \"{}\" does not cover subject type \"{st}\" (covers: {})", doc.id, doc.subject_types.join(", ")),
        )
        .at("$.subject.type"));
    }
    const MAX_TEXT: usize = 2000;
    for (f, v) in [("name", &input.subject.name), ("code", &input.subject.code)] {
        if v.chars().count() > MAX_TEXT {
            return Err(Error::new("E_TEXT_TOO_LONG", format!("subject.{f} 超过 {MAX_TEXT} 字"), format!("subject.{f} is longer than {MAX_TEXT} characters")).at(format!("$.subject.{f}")));
        }
    }

    if input.facts.len() > MAX_FACTS {
        return Err(Error::new(
            "E_TOO_MANY",
            format!("答案（facts）过多（{} 项），上限为 {MAX_FACTS} 项", input.facts.len()),
            format!("too many answers in facts ({}); the limit is {MAX_FACTS}", input.facts.len()),
        )
        .at("$.facts"));
    }

    let mut warnings: Vec<Warning> = rules.warnings.iter().map(|p: &Problem| w(p.code, p.zh.clone(), p.en.clone())).collect();

    // Rules in force (never used silently).
    if !rules.in_effect(as_of) {
        let span = format!("{} 至 {}", dates::iso(rules.effective_from), rules.effective_to.map(dates::iso).unwrap_or_else(|| "（无）".into()));
        if !input.allow_out_of_effect {
            return Err(Error::new(
                "E_RULES_NOT_IN_EFFECT",
                format!("指标“{}”的有效期为 {span}，不覆盖评价基准日 {as_of}；如确需使用，请设置 allowOutOfEffect", doc.title.zh),
                format!("rule set \"{}\" is in force {span}, which does not cover the as-of date {as_of}; set allowOutOfEffect to use it anyway", doc.id),
            )
            .at("$.asOf"));
        }
        warnings.push(w(
            "W_RULES_NOT_IN_EFFECT",
            format!("指标有效期为 {span}，不覆盖评价基准日 {as_of}：结果仅供参考"),
            format!("the rules are in force {span}, not on {as_of}: the result is for reference only"),
        ));
    }
    for s in &doc.sources {
        if let Some(t) = s.trial_until.as_deref().and_then(|t| dates::parse_date(t, "trialUntil").ok()) {
            if as_of > t {
                warnings.push(w(
                    "W_SOURCE_TRIAL_ENDED",
                    format!("{}的试行期已于 {t} 届满，请向本地医保局确认现行依据", s.title),
                    format!("the trial period of {} ended on {t}; confirm the rules in force with the local bureau", s.title),
                ));
            }
        }
    }

    // Period (第二十条: yearly). Default: the year ending on the as-of date.
    let (from, to) = match &input.period {
        Some(p) => {
            let f = dates::parse_date(&p.from, "period.from").map_err(|e| e.at("$.period.from"))?;
            let t = dates::parse_date(&p.to, "period.to").map_err(|e| e.at("$.period.to"))?;
            if t < f {
                return Err(Error::new("E_PERIOD", format!("评价期间结束日 {t} 早于开始日 {f}"), format!("the period ends ({t}) before it starts ({f})")).at("$.period"));
            }
            if t > as_of {
                return Err(Error::new("E_PERIOD", format!("评价期间结束日 {t} 晚于评价基准日 {as_of}"), format!("the period ends ({t}) after the as-of date ({as_of})")).at("$.period.to"));
            }
            (f, t)
        }
        None => {
            let f = as_of.checked_sub_months(chrono::Months::new(12)).and_then(|d| d.succ_opt()).unwrap_or(as_of);
            (f, as_of)
        }
    };

    // Events: which count.
    let mut events_ignored = vec![];
    let mut counted: Vec<(usize, NaiveDate)> = vec![];
    if input.events.len() > 10_000 {
        return Err(Error::new("E_TOO_MANY", "事件超过 10000 条", "more than 10000 events").at("$.events"));
    }
    for (i, e) in input.events.iter().enumerate() {
        let d = dates::parse_date(&e.date, &format!("events[{i}].date")).map_err(|er| er.at(format!("$.events[{i}].date")))?;
        if rules.event_kind(&e.kind).is_none() {
            warnings.push(w(
                "W_EVENT_KIND_UNKNOWN",
                format!("第 {} 条事件的类型“{}”不在指标中，未计入", i + 1, e.kind),
                format!("event {} has kind \"{}\", which the rules do not define; not counted", i + 1, e.kind),
            ));
            events_ignored.push(Ignored { index: i, reason: Text::new("指标未定义该事件类型", "kind not defined by the rules") });
        } else if d < from || d > to {
            events_ignored.push(Ignored {
                index: i,
                reason: Text::new(
                    format!("发生于 {d}，不在评价期间 {from} 至 {to} 内（第二十条）"),
                    format!("dated {d}, outside the period {from} to {to} (article 20)"),
                ),
            });
        } else {
            counted.push((i, d));
        }
    }

    // Facts on codes the rules do not have.
    for code in input.facts.keys() {
        match rules.by_code.get(code) {
            None => warnings.push(w(
                "W_FACT_UNKNOWN",
                format!("指标代码“{code}”不在指标中，已忽略"),
                format!("indicator code \"{code}\" is not in the rules; ignored"),
            )),
            Some(&i) if !rules.children[i].is_empty() => warnings.push(w(
                "W_FACT_NOT_LEAF",
                format!("指标“{code}”不是三级指标，不直接填写，已忽略"),
                format!("indicator \"{code}\" is not a leaf and takes no answer; ignored"),
            )),
            _ => {}
        }
    }

    // Score every node, children before parents.
    let n = doc.indicators.len();
    let mut score = vec![Points::ZERO; n];
    let mut nodes: Vec<Option<TraceNode>> = vec![None; n];
    let mut missing = vec![];
    let mut order = vec![];
    fn dfs(r: &CompiledRules, i: usize, out: &mut Vec<usize>) {
        out.push(i);
        for &c in &r.children[i] {
            dfs(r, c, out);
        }
    }
    for &r in &rules.roots {
        dfs(rules, r, &mut order);
    }
    for &i in order.iter().rev() {
        let ind = &doc.indicators[i];
        let mut node = TraceNode {
            code: ind.code.clone(),
            parent: ind.parent.clone(),
            depth: ind.depth,
            name: ind.name.clone(),
            points: ind.points,
            score: Points::ZERO,
            cite: rules.cite_text(&ind.cite),
            scoring: None,
            answer: None,
            lines: vec![],
            note: None,
            missing: false,
        };
        if !rules.children[i].is_empty() {
            node.score = rules.children[i].iter().map(|&c| score[c]).sum();
        } else {
            let fact = input.facts.get(&ind.code).filter(|v| !v.is_null());
            node.answer = fact.cloned();
            node.missing = fact.is_none();
            let s = match ind.scoring.as_ref().expect("checked: leaves have scoring") {
                Scoring::Deduction { per, event_kinds } | Scoring::Bonus { per, event_kinds } => {
                    let is_ded = matches!(ind.scoring, Some(Scoring::Deduction { .. }));
                    node.scoring = Some(if is_ded { "deduction" } else { "bonus" });
                    let sign = if is_ded { -1 } else { 1 };
                    let mut total: u64 = 0;
                    if let Some(v) = fact {
                        let c = read_count(&ind.code, v)?;
                        if c > 0 {
                            total += c;
                            let amt = per.checked_mul(c).unwrap_or(ind.points);
                            node.lines.push(Line {
                                amount: Points(sign * amt.0),
                                reason: Text::new(format!("填报 {c} 次 × {per} 分"), format!("reported {c} time(s) × {per}")),
                                event_index: None,
                                date: None,
                            });
                        }
                    }
                    for &(ei, d) in &counted {
                        let e = &input.events[ei];
                        if event_kinds.contains(&e.kind) {
                            total += 1;
                            let kname = rules.event_kind(&e.kind).map(|k| k.name.clone()).unwrap_or_default();
                            node.lines.push(Line {
                                amount: Points(sign * per.0),
                                reason: Text::new(
                                    format!("{}：{}{}", dates::chinese(d), kname.zh, if e.description.is_empty() { String::new() } else { format!("（{}）", e.description) }),
                                    format!("{}: {}", dates::iso(d), if kname.en.is_empty() { &kname.zh } else { &kname.en }),
                                ),
                                event_index: Some(ei),
                                date: Some(dates::iso(d)),
                            });
                        }
                    }
                    let raw = per.checked_mul(total).unwrap_or(ind.points);
                    if raw > ind.points {
                        node.note = Some(Text::new(
                            format!("共 {total} 次，按本项分值 {} 分封顶", ind.points),
                            format!("{total} in all, capped at this indicator's {} points", ind.points),
                        ));
                    }
                    if node.missing {
                        missing.push(Missing {
                            code: ind.code.clone(),
                            name: ind.name.clone(),
                            treated_as: if is_ded {
                                Text::new("未填写，按 0 次（不扣分）计，仅计已列出的事件", "not answered: counted as 0 times, plus the events listed")
                            } else {
                                Text::new("未填写，按 0 次（不加分）计，仅计已列出的事件", "not answered: counted as 0 times, plus the events listed")
                            },
                        });
                    }
                    count_leaf_score(ind.points, *per, is_ded, total)
                }
                Scoring::YesNo { points_if } => {
                    node.scoring = Some("yesNo");
                    match fact {
                        None => {
                            missing.push(Missing { code: ind.code.clone(), name: ind.name.clone(), treated_as: Text::new("未填写，按 0 分计", "not answered: 0 points") });
                            Points::ZERO
                        }
                        Some(v) => {
                            let b = read_bool(&ind.code, v)?;
                            yes_no_leaf_score(ind.points, *points_if, b)
                        }
                    }
                }
                Scoring::Rating { levels } => {
                    node.scoring = Some("rating");
                    match fact {
                        None => {
                            missing.push(Missing { code: ind.code.clone(), name: ind.name.clone(), treated_as: Text::new("未填写，按 0 分计", "not answered: 0 points") });
                            Points::ZERO
                        }
                        Some(v) if !levels.is_empty() => {
                            let s = v.as_str().map(str::trim).unwrap_or("");
                            match find_level(levels, s) {
                                Some(l) => {
                                    node.note = Some(Text::new(format!("档次：{}", l.label.zh), format!("level: {}", if l.label.en.is_empty() { &l.label.zh } else { &l.label.en })));
                                    l.points
                                }
                                None => {
                                    let ids: Vec<String> = levels.iter().map(|l| format!("{}（{}）", l.id, l.label.zh)).collect();
                                    return Err(fact_err(
                                        &ind.code,
                                        format!("指标 {}：档次应为 {} 之一，实为 {v}", ind.code, ids.join("、")),
                                        format!("indicator {}: the level must be one of {}, got {v}", ind.code, ids.join(", ")),
                                    ));
                                }
                            }
                        }
                        Some(v) => {
                            let p = match v {
                                serde_json::Value::Number(n) => n.as_f64().map(Points::from_f64),
                                serde_json::Value::String(s) => Some(Points::parse(s)),
                                _ => None,
                            };
                            match p {
                                Some(Ok(p)) if rating_in_range(p, ind.points) => p,
                                Some(Err(e)) if e.code == "E_POINTS_PRECISION" => return Err(e.at(format!("$.facts[\"{}\"]", ind.code))),
                                _ => {
                                    return Err(fact_err(
                                        &ind.code,
                                        format!("指标 {}：评分应为 0 至 {} 之间、最多两位小数的数，实为 {v}", ind.code, ind.points),
                                        format!("indicator {}: the rating must be a number from 0 to {} with at most two decimals, got {v}", ind.code, ind.points),
                                    ))
                                }
                            }
                        }
                    }
                }
            };
            node.score = s;
        }
        score[i] = node.score;
        nodes[i] = Some(node);
    }
    let total: Points = rules.roots.iter().map(|&r| score[r]).sum();
    let trace: Vec<TraceNode> = order.iter().map(|&i| nodes[i].take().expect("every node scored")).collect();

    // Grade by points (第十九条), then direct-grade rules.
    let band = rules.band_for(total).clone();
    let points_grade = band.grade.clone();
    let mut direct: Option<DirectOut> = None;
    for d in &doc.direct_grades {
        let hits: Vec<usize> = counted.iter().filter(|(ei, _)| d.event_kinds.iter().any(|k| *k == input.events[*ei].kind)).map(|(ei, _)| *ei).collect();
        if hits.is_empty() {
            continue;
        }
        let worse = match &direct {
            None => true,
            Some(cur) => rules.grade_rank(&d.grade) > rules.grade_rank(&cur.grade),
        };
        if worse {
            direct = Some(DirectOut { id: d.id.clone(), grade: d.grade.clone(), reason: d.reason.clone(), cite: rules.cite_text(&d.cite), event_indices: hits });
        }
    }
    let final_band = match &direct {
        Some(d) if rules.grade_rank(&d.grade) > rules.grade_rank(&points_grade) => rules.band_of_grade(&d.grade).expect("checked").clone(),
        _ => band.clone(),
    };
    let direct = direct.filter(|d| rules.grade_rank(&d.grade) > rules.grade_rank(&points_grade));
    let pos = rules.grade_rank(&final_band.grade);
    let band_max = if pos == 0 { None } else { Some(doc.bands[rules.bands_desc[pos - 1]].min) };

    // Measures (第二十五、二十六条, 第二十三条) for this grade and class.
    let measures = doc
        .measures
        .iter()
        .filter(|m| m.grades.contains(&final_band.grade) && m.classes.iter().any(|c| c == class))
        .map(|m| MeasureOut { id: m.id.clone(), kind: m.kind.clone(), text: m.text.clone(), cite: rules.cite_text(&m.cite) })
        .collect();

    // Joint punishments attached to counted events.
    let mut joint = vec![];
    for &(ei, _) in &counted {
        if let Some(k) = rules.event_kind(&input.events[ei].kind) {
            for jp in &k.joint_punishments {
                joint.push(JointOut {
                    id: jp.id.clone(),
                    event_index: ei,
                    event_kind: k.kind.clone(),
                    text: jp.text.clone(),
                    basis: jp.basis.clone(),
                    cite: rules.cite_text(&jp.cite),
                });
            }
        }
    }

    // The gap to the next grade.
    let next_grade = if pos == 0 {
        None
    } else {
        let nb = &doc.bands[rules.bands_desc[pos - 1]];
        let gap = if nb.min > total { nb.min - total } else { Points::ZERO };
        let mut candidates: Vec<Candidate> = trace
            .iter()
            .filter(|t| t.scoring.is_some() && t.score < t.points)
            .map(|t| {
                let head = t.points - t.score;
                let kind = t.scoring.unwrap_or("");
                let how = match kind {
                    "deduction" => Text::new(
                        "扣分来自期间内的不良信息：纠正失信行为并申请信用修复（第二十八至三十条），修复后重新评价可恢复",
                        "deducted for adverse information in the period: correct it and apply for credit repair (articles 28-30)",
                    ),
                    "yesNo" => Text::new(format!("做到此项可得 {} 分", t.points), format!("meeting this gives {} points", t.points)),
                    "rating" => Text::new("提高该项考核档次", "reach a better rating on this item"),
                    _ => Text::new("获得县级以上诚信相关表彰奖励", "earn an integrity award at county level or above"),
                };
                Candidate { code: t.code.clone(), name: t.name.clone(), headroom: head, scoring: kind, how }
            })
            .collect();
        crate::sort::sort_by(&mut candidates, |a, b| b.headroom.cmp(&a.headroom).then(a.code.cmp(&b.code)));
        let room: Points = candidates.iter().map(|c| c.headroom).sum();
        let blocked_by = direct.as_ref().map(|d| {
            Text::new(
                format!("{}：提高分数不能改变等级，须先解除该情形（如退出严重失信名单、完成信用修复）", d.reason.zh),
                format!("{}: more points cannot change the grade until that is lifted", d.reason.en),
            )
        });
        Some(NextGrade {
            grade: nb.grade.clone(),
            label: nb.label.clone(),
            min: nb.min,
            gap,
            reachable_by_points: blocked_by.is_none() && room >= gap,
            blocked_by,
            candidates,
        })
    };

    // 第八条: institutions are identified by 统一社会信用代码, persons by ID number.
    if !input.subject.code.trim().is_empty() {
        let check = if class == "institution" {
            crate::ident::validate_uscc(&input.subject.code)
        } else {
            crate::ident::validate_id(&input.subject.code, Some(as_of))
        };
        if let (false, Some(first)) = (check.valid, check.errors.first()) {
            warnings.push(w(
                "W_SUBJECT_CODE_INVALID",
                format!("主体代码“{}”未通过校验（第八条）：{}", input.subject.code, first.zh),
                format!("subject code \"{}\" fails its check (article 8): {}", input.subject.code, first.en),
            ));
        }
    }

    Ok(Evaluation {
        rules: rules.info(),
        subject: input.subject.clone(),
        subject_class: class,
        as_of: dates::iso(as_of),
        period: Period { from: dates::iso(from), to: dates::iso(to) },
        scale: doc.scale,
        score: total,
        grade: final_band.grade.clone(),
        label: final_band.label.clone(),
        band: BandOut {
            grade: final_band.grade.clone(),
            label: final_band.label.clone(),
            min: final_band.min,
            max: band_max,
            side: final_band.side.clone(),
            cite: rules.cite_text(&final_band.cite),
        },
        points_grade,
        direct_grade: direct,
        measures,
        joint_punishments: joint,
        next_grade,
        complete: missing.is_empty(),
        missing,
        events_ignored,
        warnings,
        trace,
    })
}

/// The class of a subject type, or an error naming the known types (第五条).
fn subject_class(st: &str) -> Result<&'static str> {
    class_of(st).ok_or_else(|| {
        Error::new(
            "E_SUBJECT_TYPE",
            format!("未知的主体类型“{st}”：机构类为 medical-institution（定点医疗机构）、retail-pharmacy（定点零售药店）、other-institution，个人类为 physician（医保医师）、pharmacist（医保药师）、insured（参保人员）、other-person"),
            format!("unknown subject type \"{st}\": institutions are medical-institution, retail-pharmacy, other-institution; persons are physician, pharmacist, insured, other-person"),
        )
        .at("$.subject.type")
    })
}

/// Chooses the rules (`input.rules`, else the shipped sample for `subject.type`) and evaluates.
pub fn evaluate(input: &EvaluateInput) -> Result<Evaluation> {
    match &input.rules {
        Some(doc) => {
            let rules = CompiledRules::from_json(&doc.to_string()).map_err(|mut e| {
                e.path = Some(format!("$.rules{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
                e
            })?;
            evaluate_with(&rules, input)
        }
        None => {
            subject_class(&input.subject.subject_type)?;
            evaluate_with(builtin::for_subject_type(&input.subject.subject_type).map_err(|e| e.at("$.subject.type"))?, input)
        }
    }
}

/// What `grade` answers for a known score (第十九条 bands; 第二十五、二十六条 measures).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeOut {
    pub scale: &'static str,
    pub max: Points,
    pub score: Points,
    pub grade: String,
    pub label: Text,
    pub band: BandOut,
    pub measures: Vec<MeasureOut>,
    pub rules: RulesInfo,
}

/// Input of `grade`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeInput {
    /// `institution` (千分制) or `person` (百分制).
    pub scale: String,
    pub score: Points,
}

/// The grade, label and measures for a known score, by the shipped bands of the class.
pub fn grade(input: &GradeInput) -> Result<GradeOut> {
    let (class, ty) = match input.scale.as_str() {
        "institution" => ("institution", "retail-pharmacy"),
        "person" => ("person", "insured"),
        s => {
            return Err(Error::new(
                "E_SCALE",
                format!("scale 应为 institution（机构类，千分制）或 person（个人类，百分制），实为“{s}”"),
                format!("scale must be institution (1000 points) or person (100 points), got \"{s}\""),
            )
            .at("$.scale"))
        }
    };
    let rules = builtin::for_subject_type(ty)?;
    if input.score < Points::ZERO || input.score > rules.doc.scale {
        return Err(Error::new(
            "E_SCORE_RANGE",
            format!("分数 {} 超出 0 至 {} 的范围（第十九条）", input.score, rules.doc.scale),
            format!("score {} is outside 0 to {} (article 19)", input.score, rules.doc.scale),
        )
        .at("$.score"));
    }
    let b = rules.band_for(input.score).clone();
    let pos = rules.grade_rank(&b.grade);
    let measures = rules
        .doc
        .measures
        .iter()
        .filter(|m| m.grades.contains(&b.grade) && m.classes.iter().any(|c| c == class))
        .map(|m| MeasureOut { id: m.id.clone(), kind: m.kind.clone(), text: m.text.clone(), cite: rules.cite_text(&m.cite) })
        .collect();
    Ok(GradeOut {
        scale: class,
        max: rules.doc.scale,
        score: input.score,
        grade: b.grade.clone(),
        label: b.label.clone(),
        band: BandOut {
            grade: b.grade.clone(),
            label: b.label.clone(),
            min: b.min,
            max: if pos == 0 { None } else { Some(rules.doc.bands[rules.bands_desc[pos - 1]].min) },
            side: b.side.clone(),
            cite: rules.cite_text(&b.cite),
        },
        measures,
        rules: rules.info(),
    })
}
