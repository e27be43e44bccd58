//! Scoring: facts and dated events in, score, grade, measures and a full trace out.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条（指标、千分制/百分制、等级、按年定期评价）,
//! 第二十四至二十七条（奖惩措施）. Every number in the result carries the article behind it.

use crate::dates;
use crate::error::{Error, Result};
use crate::points::Points;
use crate::plan::{Answer, FactIn, LeafKind, Scored};
use crate::rules::{builtin, class_of, CompiledRules, RulesInfo};
use crate::text::Text;
use crate::value::Value;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::plan::{count_leaf_score, find_level, parse_count_text, parse_yes_no_text, MAX_COUNT};

/// The subject evaluated (第五条, 第八条: institutions by 统一社会信用代码, persons by ID number).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subject {
    /// `retail-pharmacy`, `medical-institution`, `physician`, `pharmacist`, `insured`, or a type
    /// a bureau's rule set defines.
    #[serde(rename = "type")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectType"))]
    pub subject_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub code: String,
}

/// The evaluation period (第二十条: periodic evaluation is yearly).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// A dated event from the credit file (第十四条 守信信息, 第十五条 不良信息).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null, hashmap_as_object))]
pub struct EvaluateInput {
    pub subject: Subject,
    /// The as-of date of the evaluation (the core never reads the clock).
    pub as_of: String,
    #[serde(default)]
    pub period: Option<Period>,
    /// Answers by indicator code: a count, yes/no, a rating level or a number of points.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Evaluate even when the rules are not in force on `asOf` (the result then says so).
    #[serde(default)]
    pub allow_out_of_effect: bool,
    /// A rule-set document; when absent the shipped sample set for `subject.type` is used.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | null"))]
    pub rules: Option<Value>,
}

/// One line that moved a leaf's score.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    pub cite: crate::law::Citation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<Value>,
    pub lines: Vec<Line>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub missing: bool,
}

/// A grade band as shown: `min <= score < max` (max absent for the top band).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BandOut {
    pub grade: String,
    pub label: Text,
    pub min: Points,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    pub side: String,
    pub cite: crate::law::Citation,
}

/// A direct-grade rule that fired.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DirectOut {
    pub id: String,
    pub grade: String,
    pub reason: Text,
    pub cite: crate::law::Citation,
    pub event_indices: Vec<usize>,
}

/// A measure that applies (第二十五条、第二十六条、第二十三条).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MeasureOut {
    pub id: String,
    pub kind: String,
    pub text: Text,
    pub cite: crate::law::Citation,
}

/// A joint punishment triggered by an event (秦皇岛方案 二（三）).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct JointOut {
    pub id: String,
    pub event_index: usize,
    pub event_kind: String,
    pub text: Text,
    pub basis: String,
    pub cite: crate::law::Citation,
}

/// An input the evaluator did not get, and how it was counted.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Missing {
    pub code: String,
    pub name: Text,
    pub treated_as: Text,
}

/// An indicator that could close the gap to the next grade.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Ignored {
    pub index: usize,
    pub reason: Text,
}

/// A warning (`W_…` code) in Chinese and English.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Warning {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

/// Everything `evaluate` answers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub rules: RulesInfo,
    pub subject: Subject,
    /// `institution` (机构类, 千分制) or `person` (个人类, 百分制), 第五条.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass"))]
    pub subject_class: &'static str,
    pub as_of: String,
    pub period: Period,
    /// 1000 for institutions, 100 for persons (第十九条).
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
    /// Whether every indicator is answered: only then is the grade a result.
    pub complete: bool,
    pub answers: Answers,
    pub reachable: Reachable,
    pub missing: Vec<Missing>,
    pub events_ignored: Vec<Ignored>,
    pub warnings: Vec<Warning>,
    pub trace: Vec<TraceNode>,
}

fn w(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Warning {
    Warning { code, zh: zh.into(), en: en.into() }
}

/// Most answers (`facts`) one evaluation reads (a rule set has far fewer leaves).
pub const MAX_FACTS: usize = 10_000;

/// Most events one evaluation reads.
pub const MAX_EVENTS: usize = 10_000;

/// The longest subject name or code (characters).
const MAX_TEXT: usize = 2000;

/// The input checked and read against the rule set's plan: what scoring and explaining both
/// start from. 依据：《汕尾市医疗保障信用管理办法（试行）》第五条、第十八至二十条.
pub(crate) struct Prepared<'r, 'i> {
    pub(crate) rules: &'r CompiledRules,
    pub(crate) input: &'i EvaluateInput,
    pub(crate) class: &'static str,
    pub(crate) as_of: NaiveDate,
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) answers: Vec<Answer>,
    /// Events that count: (index in the input, date, kind index).
    pub(crate) counted: Vec<(usize, NaiveDate, usize)>,
    pub(crate) ignored: Vec<Ignored>,
    /// Only collected when explaining.
    pub(crate) warnings: Vec<WarningRef>,
    pub(crate) scored: Scored,
}

/// Checks `input` against `rules` and reads it (every error the full evaluation gives, in the
/// same order); `explain` also collects the warnings.
fn prepare<'r, 'i>(rules: &'r CompiledRules, input: &'i EvaluateInput, explain: bool) -> Result<Prepared<'r, 'i>> {
    let doc = &rules.doc;
    let plan = &rules.plan;
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
    for (f, v) in [("name", &input.subject.name), ("code", &input.subject.code)] {
        // Counting characters only when the bytes could exceed the limit.
        if v.len() > MAX_TEXT && v.chars().count() > MAX_TEXT {
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

    // The rule set's own warnings are in its catalog (static texts): referred to by position.
    let mut warnings: Vec<WarningRef> = if explain { (0..rules.warnings.len()).map(WarningRef::Static).collect() } else { vec![] };

    // Rules in force (never used silently).
    if !rules.in_effect(as_of) {
        let (span, span_en) = rules.effective_span();
        if !input.allow_out_of_effect {
            return Err(Error::new(
                "E_RULES_NOT_IN_EFFECT",
                format!("指标“{}”的有效期为 {span}，不覆盖评价基准日 {as_of}；如确需使用，请设置 allowOutOfEffect", doc.title.zh),
                format!("rule set \"{}\" is in force {span}, which does not cover the as-of date {as_of}; set allowOutOfEffect to use it anyway", doc.id, span = span_en),
            )
            .at("$.asOf"));
        }
        if explain {
            warnings.push(WarningRef::Own(w(
                "W_RULES_NOT_IN_EFFECT",
                format!("指标有效期为 {span}，不覆盖评价基准日 {as_of}：结果仅供参考"),
                format!("the rules are in force {span_en}, not on {as_of}: the result is for reference only"),
            )));
        }
    }
    if explain {
        // 汕尾 第三十四条 and the like: a source whose trial has ended, not yet in force, repealed
        // (its warning is in the catalog).
        for (k, n) in rules.date_notes().iter().enumerate() {
            if n.when.applies(as_of) {
                warnings.push(WarningRef::Static(rules.warnings.len() + k));
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
        None => (default_period_start(as_of), as_of),
    };

    // Events: which count (第十四、十五条; 第二十条: only those in the period).
    if input.events.len() > MAX_EVENTS {
        return Err(Error::new("E_TOO_MANY", "事件超过 10000 条", "more than 10000 events").at("$.events"));
    }
    let mut ignored = vec![];
    let mut counted = vec![];
    for (i, e) in input.events.iter().enumerate() {
        let d = dates::parse_date(&e.date, &format!("events[{i}].date")).map_err(|er| er.at(format!("$.events[{i}].date")))?;
        match plan.kinds.get(&e.kind) {
            None => {
                if explain {
                    warnings.push(WarningRef::Own(w(
                        "W_EVENT_KIND_UNKNOWN",
                        format!("第 {} 条事件的类型“{}”不在指标中，未计入", i + 1, e.kind),
                        format!("event {} has kind \"{}\", which the rules do not define; not counted", i + 1, e.kind),
                    )));
                }
                ignored.push(Ignored { index: i, reason: Text::new("指标未定义该事件类型", "kind not defined by the rules") });
            }
            Some(_) if d < from || d > to => ignored.push(Ignored {
                index: i,
                reason: Text::new(format!("发生于 {d}，不在评价期间 {from} 至 {to} 内（第二十条）"), format!("dated {d}, outside the period {from} to {to} (article 20)")),
            }),
            Some(&k) => counted.push((i, d, k)),
        }
    }

    // Answers on codes the rules do not take.
    if explain {
        for code in input.facts.keys() {
            match plan.by_code.get(code) {
                None => warnings.push(WarningRef::Own(w("W_FACT_UNKNOWN", format!("指标代码“{code}”不在指标中，已忽略"), format!("indicator code \"{code}\" is not in the rules; ignored")))),
                Some(None) => warnings.push(WarningRef::Own(w(
                    "W_FACT_NOT_LEAF",
                    format!("指标“{code}”不是三级指标，不直接填写，已忽略"),
                    format!("indicator \"{code}\" is not a leaf and takes no answer; ignored"),
                ))),
                Some(Some(_)) => {}
            }
        }
    }

    // Read every answer; a wrong one is refused (the last in tree order, as the trace is built
    // from the leaves up).
    let n = plan.leaves.len();
    let mut answers = vec![Answer::None; n];
    for li in (0..n).rev() {
        let leaf = &plan.leaves[li];
        if let Some(v) = input.facts.get(&leaf.code) {
            answers[li] = plan.read_answer(li, FactIn::Value(v)).map_err(|e| {
                let path = format!("$.facts[\"{}\"]", leaf.code);
                if e.code == "E_FACT_VALUE" {
                    Error::new(e.code, format!("指标 {}：{}", leaf.code, e.zh), format!("indicator {}: {}", leaf.code, e.en)).at(path)
                } else {
                    e.at(path)
                }
            })?;
        }
    }
    let mut leaf_events = vec![0u64; n];
    let mut kind_hit = vec![false; doc.event_kinds.len()];
    for &(_, _, k) in &counted {
        kind_hit[k] = true;
    }
    for (li, leaf) in plan.leaves.iter().enumerate() {
        if !leaf.event_kinds.is_empty() {
            leaf_events[li] = counted.iter().filter(|(_, _, k)| leaf.event_kinds.contains(k)).count() as u64;
        }
        answers[li] = plan.effective(li, answers[li], leaf_events[li]);
    }
    let scored = plan.score(&answers, &leaf_events, &kind_hit);
    Ok(Prepared { rules, input, class, as_of, from, to, answers, counted, ignored, warnings, scored })
}

/// A warning of an explanation: one of the rule set's own (its position in the catalog's
/// `warnings`: the same text every time), or one this input made.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum WarningRef {
    Static(usize),
    Own(Warning),
}

/// The first day of the default evaluation period: the day after the same date a year earlier
/// (第二十条: yearly evaluation; the period is the year ending on the as-of date).
pub fn default_period_start(as_of: NaiveDate) -> NaiveDate {
    as_of.checked_sub_months(chrono::Months::new(12)).and_then(|d| d.succ_opt()).unwrap_or(as_of)
}

/// How many answers were given, of how many indicators to answer.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Answers {
    pub given: usize,
    pub of: usize,
}

/// The lowest and highest score still reachable by answering what is unanswered, and the grades
/// they fall in (direct-grade rules included). For a complete answer both are the score.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reachable {
    pub min: Points,
    pub max: Points,
    pub min_grade: String,
    pub max_grade: String,
}

/// What `score` answers: the numbers only, no text (the page scores on every keystroke).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScoreOut {
    pub scale: Points,
    pub score: Points,
    pub grade: String,
    /// The grade the points alone give.
    pub points_grade: String,
    /// The id of the direct-grade rule that set the grade, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct_grade: Option<String>,
    /// Whether every indicator is answered: only then is the grade a result.
    pub complete: bool,
    pub answers: Answers,
    pub reachable: Reachable,
}

fn score_out(p: &Prepared) -> ScoreOut {
    let plan = &p.rules.plan;
    let s = &p.scored;
    ScoreOut {
        scale: p.rules.doc.scale,
        score: s.total,
        grade: plan.grades[s.pos].clone(),
        points_grade: plan.grades[s.points_pos].clone(),
        direct_grade: s.direct.map(|d| p.rules.doc.direct_grades[plan.direct[d].rule].id.clone()),
        complete: s.complete(),
        answers: Answers { given: s.answered, of: s.leaf.len() },
        reachable: Reachable { min: s.min, max: s.max, min_grade: plan.grades[s.min_pos].clone(), max_grade: plan.grades[s.max_pos].clone() },
    }
}

/// Scores `input` with `rules`: score, grade and what is unanswered, without any explanation.
/// Refuses exactly the inputs [`evaluate_with`] refuses, with the same errors.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
pub fn score(rules: &CompiledRules, input: &EvaluateInput) -> Result<ScoreOut> {
    prepare(rules, input, false).map(|p| score_out(&p))
}

/// An input already encoded by the JavaScript side (`www/score-fast.js`): the answers one number
/// per leaf in plan order (`NaN` unanswered; yes/no 1 or 0; a level's index; a count; a free
/// rating's points), the events as kind indices with their dates. Anything the encoder could not
/// put so (a text answer, a period, a field or an event kind it does not know) goes the ordinary
/// way instead. It saves reading the whole input object across the boundary value by value.
pub struct Encoded<'a> {
    pub slots: &'a [f64],
    /// Kind index (into the rules' event kinds) of each event; `u32::MAX` for a kind they lack.
    pub kinds: &'a [u32],
    /// The events' dates, `|`-separated, in the same order.
    pub dates: &'a str,
    pub as_of: &'a str,
    pub allow_out_of_effect: bool,
}

/// What the explanation needs besides [`Encoded`]: the subject's type and code and the events'
/// descriptions (`\0`-separated).
pub struct EncodedMore<'a> {
    pub subject_type: &'a str,
    pub code: &'a str,
    pub descriptions: &'a str,
}

impl Encoded<'_> {
    /// The ordinary input these numbers stand for (every event kind known), so that it is checked
    /// and explained by the ordinary path, [`explain`]. None if the numbers do not fit the rules.
    pub fn to_input(&self, rules: &CompiledRules, more: &EncodedMore) -> Option<EvaluateInput> {
        use crate::value::{Number, Value};
        let plan = &rules.plan;
        if self.slots.len() != plan.leaves.len() {
            return None;
        }
        let mut facts = BTreeMap::new();
        for (leaf, &v) in plan.leaves.iter().zip(self.slots) {
            if v.is_nan() {
                continue;
            }
            let value = match &leaf.kind {
                LeafKind::YesNo { .. } if v == 1.0 || v == 0.0 => Value::Bool(v == 1.0),
                LeafKind::Levels(levels) if v >= 0.0 && v.fract() == 0.0 && (v as usize) < levels.len() => Value::String(levels[v as usize].id.clone()),
                LeafKind::Count { .. } if v >= 0.0 && v.fract() == 0.0 && v <= MAX_COUNT as f64 => Value::Number(Number::PosInt(v as u64)),
                LeafKind::Free => Value::Number(Number::Float(v)),
                _ => return None,
            };
            facts.insert(leaf.code.clone(), value);
        }
        let mut dates = if self.kinds.is_empty() { "".split('|') } else { self.dates.split('|') };
        let mut descriptions = more.descriptions.split('\0');
        let mut events = Vec::with_capacity(self.kinds.len());
        for &k in self.kinds {
            let kind = rules.doc.event_kinds.get(k as usize)?;
            events.push(Event { kind: kind.kind.clone(), date: dates.next()?.to_string(), description: descriptions.next()?.to_string(), ..Default::default() });
        }
        Some(EvaluateInput {
            subject: Subject { subject_type: more.subject_type.to_string(), name: String::new(), code: more.code.to_string() },
            as_of: self.as_of.to_string(),
            period: None,
            facts,
            events,
            allow_out_of_effect: self.allow_out_of_effect,
            rules: None,
        })
    }
}

/// Buffers reused from one encoded scoring to the next (kept by the JS `RuleSet` handle).
#[derive(Debug, Default)]
pub struct Scratch {
    answers: Vec<Answer>,
    leaf_events: Vec<u64>,
    kind_hit: Vec<bool>,
    pub scored: Scored,
}

/// Scores an encoded input (see [`Encoded`]) into `scratch.scored`: the same numbers as
/// [`score`], or `None` where the ordinary path must answer (it then gives the error or the
/// result itself).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条、第二十条.
pub fn score_encoded(rules: &CompiledRules, e: &Encoded, scratch: &mut Scratch) -> Option<()> {
    let plan = &rules.plan;
    let n = plan.leaves.len();
    let as_of = dates::parse_date(e.as_of, "asOf").ok()?;
    if (!e.allow_out_of_effect && !rules.in_effect(as_of)) || e.slots.len() != n || e.kinds.len() > MAX_EVENTS {
        return None;
    }
    let from = default_period_start(as_of);
    let Scratch { answers, leaf_events, kind_hit, scored } = scratch;
    answers.clear();
    answers.resize(n, Answer::None);
    leaf_events.clear();
    leaf_events.resize(n, 0);
    kind_hit.clear();
    kind_hit.resize(rules.doc.event_kinds.len(), false);
    let mut date_texts = e.dates.split('|');
    for &k in e.kinds {
        let d = dates::parse_date(date_texts.next()?, "date").ok()?;
        let k = k as usize;
        // A kind the rules do not define (the encoder sends u32::MAX): not counted, as in `score`.
        if k >= kind_hit.len() || d < from || d > as_of {
            continue;
        }
        kind_hit[k] = true;
        for (li, leaf) in plan.leaves.iter().enumerate() {
            if leaf.event_kinds.contains(&k) {
                leaf_events[li] += 1;
            }
        }
    }
    for (li, leaf) in plan.leaves.iter().enumerate() {
        let v = e.slots[li];
        if v.is_nan() {
            continue;
        }
        answers[li] = match &leaf.kind {
            LeafKind::YesNo { .. } if v == 1.0 || v == 0.0 => Answer::Bool(v == 1.0),
            LeafKind::Levels(levels) if v >= 0.0 && v.fract() == 0.0 && (v as usize) < levels.len() => Answer::Level(v as usize),
            LeafKind::Count { .. } if v >= 0.0 && v.fract() == 0.0 && v <= MAX_COUNT as f64 => Answer::Count(v as u64),
            LeafKind::Free => match Points::from_f64(v) {
                Ok(p) if p >= Points::ZERO && p <= leaf.points => Answer::Points(p),
                _ => return None,
            },
            _ => return None,
        };
    }
    plan.score_into(answers, leaf_events, kind_hit, scored);
    Some(())
}

/// The explanation of `input` (see [`crate::explain`]): what this input made, referring to the
/// rule set's catalog by position. Refuses exactly the inputs [`evaluate_with`] refuses.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十三条、第二十五至二十六条.
pub fn explain(rules: &CompiledRules, input: &EvaluateInput) -> Result<crate::explain::Explanation> {
    let p = prepare(rules, input, true)?;
    let head = score_out(&p);
    Ok(crate::explain::explanation(p, head))
}

/// Evaluates `input` with `rules`. The caller has already chosen the rules (see [`evaluate`]).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十三条、第二十五至二十六条.
pub fn evaluate_with(rules: &CompiledRules, input: &EvaluateInput) -> Result<Evaluation> {
    let x = explain(rules, input)?;
    Ok(crate::explain::join(x, rules.catalog(), &input.subject, &input.facts))
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

/// Runs `f` with the rules `input` names: `input.rules`, else the shipped sample for `subject.type`.
fn with_chosen_rules<T>(input: &EvaluateInput, f: impl FnOnce(&CompiledRules, &EvaluateInput) -> Result<T>) -> Result<T> {
    match &input.rules {
        Some(doc) => {
            // One document, or several versions: the one in force on the as-of date.
            let rules = crate::rules::versions::on(doc, &input.as_of, "$.rules")?;
            f(&rules, input)
        }
        None => {
            subject_class(&input.subject.subject_type)?;
            f(builtin::for_subject_type(&input.subject.subject_type).map_err(|e| e.at("$.subject.type"))?, input)
        }
    }
}

/// Chooses the rules (`input.rules`, else the shipped sample for `subject.type`) and evaluates.
pub fn evaluate(input: &EvaluateInput) -> Result<Evaluation> {
    with_chosen_rules(input, evaluate_with)
}

/// Chooses the rules as [`evaluate`] does and scores (the `score` command).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
pub fn score_input(input: &EvaluateInput) -> Result<ScoreOut> {
    with_chosen_rules(input, score)
}

/// `evaluate` with rules already chosen (the JS `RuleSet` handle): the input must not carry rules too.
pub fn evaluate_handle(rules: &CompiledRules, input: &EvaluateInput) -> Result<Evaluation> {
    no_rules_twice(input)?;
    evaluate_with(rules, input)
}

/// Refuses an input that carries rules when the rules are already chosen.
pub fn no_rules_twice(input: &EvaluateInput) -> Result<()> {
    if input.rules.is_some() {
        return Err(Error::new("E_RULES_TWICE", "已选定指标，输入中不能再带 rules", "rules are already chosen; the input must not carry rules too").at("$.rules"));
    }
    Ok(())
}

/// What `grade` answers for a known score (第十九条 bands; 第二十五、二十六条 measures).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GradeOut {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass"))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct GradeInput {
    /// `institution` (千分制) or `person` (百分制).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass"))]
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
