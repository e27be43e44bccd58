//! Scoring: facts and dated events in, score, grade, measures and a full trace out.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条（指标、千分制/百分制、等级、按年定期评价）,
//! 第二十四至二十七条（奖惩措施）. Every number in the result carries the article behind it.

use crate::dates;
use crate::error::{Error, Result};
use crate::points::Points;
use crate::plan::{Answer, FactIn, LeafKind, Scored};
use crate::rules::{builtin, class_of, CompiledRules, Problem, RulesInfo};
use crate::text::Text;
use crate::value::Value;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::plan::{count_leaf_score, find_level, parse_count_text, parse_yes_no_text, MAX_COUNT};

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
    pub facts: BTreeMap<String, Value>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Evaluate even when the rules are not in force on `asOf` (the result then says so).
    #[serde(default)]
    pub allow_out_of_effect: bool,
    /// A rule-set document; when absent the shipped sample set for `subject.type` is used.
    #[serde(default)]
    pub rules: Option<Value>,
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
    pub answer: Option<Value>,
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
struct Prepared<'r, 'i> {
    rules: &'r CompiledRules,
    input: &'i EvaluateInput,
    class: &'static str,
    as_of: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    answers: Vec<Answer>,
    /// Events that count: (index in the input, date, kind index).
    counted: Vec<(usize, NaiveDate, usize)>,
    ignored: Vec<Ignored>,
    /// Only collected when explaining.
    warnings: Vec<Warning>,
    scored: Scored,
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

    let mut warnings: Vec<Warning> = if explain { rules.warnings.iter().map(|p: &Problem| w(p.code, p.zh.clone(), p.en.clone())).collect() } else { vec![] };

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
        if explain {
            warnings.push(w(
                "W_RULES_NOT_IN_EFFECT",
                format!("指标有效期为 {span}，不覆盖评价基准日 {as_of}：结果仅供参考"),
                format!("the rules are in force {span}, not on {as_of}: the result is for reference only"),
            ));
        }
    }
    if explain {
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
                    warnings.push(w(
                        "W_EVENT_KIND_UNKNOWN",
                        format!("第 {} 条事件的类型“{}”不在指标中，未计入", i + 1, e.kind),
                        format!("event {} has kind \"{}\", which the rules do not define; not counted", i + 1, e.kind),
                    ));
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
                None => warnings.push(w("W_FACT_UNKNOWN", format!("指标代码“{code}”不在指标中，已忽略"), format!("indicator code \"{code}\" is not in the rules; ignored"))),
                Some(None) => warnings.push(w(
                    "W_FACT_NOT_LEAF",
                    format!("指标“{code}”不是三级指标，不直接填写，已忽略"),
                    format!("indicator \"{code}\" is not a leaf and takes no answer; ignored"),
                )),
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
    }
    let scored = plan.score(&answers, &leaf_events, &kind_hit);
    Ok(Prepared { rules, input, class, as_of, from, to, answers, counted, ignored, warnings, scored })
}

/// The first day of the default evaluation period: the day after the same date a year earlier
/// (第二十条: yearly evaluation; the period is the year ending on the as-of date).
pub fn default_period_start(as_of: NaiveDate) -> NaiveDate {
    as_of.checked_sub_months(chrono::Months::new(12)).and_then(|d| d.succ_opt()).unwrap_or(as_of)
}

/// How many answers were given, of how many indicators to answer.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Answers {
    pub given: usize,
    pub of: usize,
}

/// The lowest and highest score still reachable by answering what is unanswered, and the grades
/// they fall in (direct-grade rules included). For a complete answer both are the score.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条.
#[derive(Debug, Clone, Serialize)]
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

/// Everything about one leaf that the explanation shows.
struct LeafWhy {
    lines: Vec<Line>,
    note: Option<Text>,
    missing: Option<Text>,
}

fn leaf_why(p: &Prepared, li: usize) -> LeafWhy {
    let plan = &p.rules.plan;
    let leaf = &plan.leaves[li];
    let answer = p.answers[li];
    let mut why = LeafWhy { lines: vec![], note: None, missing: None };
    match &leaf.kind {
        LeafKind::Count { per, deduction } => {
            let sign = if *deduction { -1 } else { 1 };
            let mut total: u64 = 0;
            if let Answer::Count(c) = answer {
                if c > 0 {
                    total += c;
                    let amt = per.checked_mul(c).unwrap_or(leaf.points);
                    why.lines.push(Line {
                        amount: Points(sign * amt.0),
                        reason: Text::new(format!("填报 {c} 次 × {per} 分"), format!("reported {c} time(s) × {per}")),
                        event_index: None,
                        date: None,
                    });
                }
            }
            for &(ei, d, k) in &p.counted {
                if leaf.event_kinds.contains(&k) {
                    total += 1;
                    let e = &p.input.events[ei];
                    let kname = &p.rules.doc.event_kinds[k].name;
                    why.lines.push(Line {
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
            let raw = per.checked_mul(total).unwrap_or(leaf.points);
            if raw > leaf.points {
                why.note = Some(Text::new(format!("共 {total} 次，按本项分值 {} 分封顶", leaf.points), format!("{total} in all, capped at this indicator's {} points", leaf.points)));
            }
            if answer == Answer::None {
                why.missing = Some(if *deduction {
                    Text::new("未填写，按 0 次（不扣分）计，仅计已列出的事件", "not answered: counted as 0 times, plus the events listed")
                } else {
                    Text::new("未填写，按 0 次（不加分）计，仅计已列出的事件", "not answered: counted as 0 times, plus the events listed")
                });
            }
        }
        LeafKind::Levels(levels) => match answer {
            Answer::Level(l) => {
                let l = &levels[l];
                why.note = Some(Text::new(format!("档次：{}", l.label.zh), format!("level: {}", if l.label.en.is_empty() { &l.label.zh } else { &l.label.en })));
            }
            _ => why.missing = Some(Text::new("未填写，按 0 分计", "not answered: 0 points")),
        },
        LeafKind::YesNo { .. } | LeafKind::Free => {
            if answer == Answer::None {
                why.missing = Some(Text::new("未填写，按 0 分计", "not answered: 0 points"));
            }
        }
    }
    why
}

/// The score of every node of the plan (leaves and the sums above them).
fn node_scores(p: &Prepared) -> Vec<Points> {
    let plan = &p.rules.plan;
    let mut score = vec![Points::ZERO; plan.nodes.len()];
    for (i, n) in plan.nodes.iter().enumerate().rev() {
        if let Some(li) = n.leaf {
            score[i] = p.scored.leaf[li];
        }
        if let Some(parent) = n.parent {
            score[parent] = score[parent] + score[i];
        }
    }
    score
}

/// Evaluates `input` with `rules`. The caller has already chosen the rules (see [`evaluate`]).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十三条、第二十五至二十六条.
pub fn evaluate_with(rules: &CompiledRules, input: &EvaluateInput) -> Result<Evaluation> {
    let p = prepare(rules, input, true)?;
    let doc = &rules.doc;
    let plan = &rules.plan;
    let s = &p.scored;
    let scores = node_scores(&p);

    // The trace, in tree order; the missing list from the last leaf up (as it always was).
    let mut why: Vec<Option<LeafWhy>> = (0..plan.leaves.len()).map(|li| Some(leaf_why(&p, li))).collect();
    let mut missing = vec![];
    for li in (0..plan.leaves.len()).rev() {
        if let Some(t) = why[li].as_ref().and_then(|w| w.missing.clone()) {
            let ind = &doc.indicators[plan.leaves[li].ind];
            missing.push(Missing { code: ind.code.clone(), name: ind.name.clone(), treated_as: t });
        }
    }
    let trace: Vec<TraceNode> = plan
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let ind = &doc.indicators[n.ind];
            let mut node = TraceNode {
                code: ind.code.clone(),
                parent: ind.parent.clone(),
                depth: ind.depth,
                name: ind.name.clone(),
                points: ind.points,
                score: scores[i],
                cite: n.cite.clone(),
                scoring: None,
                answer: None,
                lines: vec![],
                note: None,
                missing: false,
            };
            if let Some(li) = n.leaf {
                let wy = why[li].take().expect("one per leaf");
                node.scoring = Some(plan.leaves[li].kind.name());
                node.answer = input.facts.get(&ind.code).filter(|v| !v.is_null()).cloned();
                node.missing = p.answers[li] == Answer::None;
                node.lines = wy.lines;
                node.note = wy.note;
            }
            node
        })
        .collect();

    // Grade by points (第十九条), then direct-grade rules.
    let final_band = &doc.bands[plan.band_index[s.pos]];
    let points_grade = plan.grades[s.points_pos].clone();
    let direct = s.direct.map(|d| {
        let pd = &plan.direct[d];
        let r = &doc.direct_grades[pd.rule];
        let hits = p.counted.iter().filter(|(_, _, k)| pd.kinds.contains(k)).map(|(ei, _, _)| *ei).collect();
        DirectOut { id: r.id.clone(), grade: r.grade.clone(), reason: r.reason.clone(), cite: rules.cite_text(&r.cite), event_indices: hits }
    });
    let band_max = if s.pos == 0 { None } else { Some(plan.mins_desc[s.pos - 1]) };

    // Measures (第二十五、二十六条, 第二十三条) for this grade and class.
    let class_i = if p.class == "institution" { 0 } else { 1 };
    let measures = plan.measures[s.pos][class_i]
        .iter()
        .map(|&mi| {
            let m = &doc.measures[mi];
            MeasureOut { id: m.id.clone(), kind: m.kind.clone(), text: m.text.clone(), cite: rules.cite_text(&m.cite) }
        })
        .collect();

    // Joint punishments attached to counted events.
    let mut joint = vec![];
    for &(ei, _, k) in &p.counted {
        let kind = &doc.event_kinds[k];
        for jp in &kind.joint_punishments {
            joint.push(JointOut { id: jp.id.clone(), event_index: ei, event_kind: kind.kind.clone(), text: jp.text.clone(), basis: jp.basis.clone(), cite: rules.cite_text(&jp.cite) });
        }
    }

    let next_grade = next_grade(&p, &trace, direct.as_ref());
    let mut warnings = p.warnings;
    subject_code_warning(&input.subject, p.class, p.as_of, &mut warnings);

    let complete = s.complete();
    Ok(Evaluation {
        rules: rules.info(),
        subject: input.subject.clone(),
        subject_class: p.class,
        as_of: dates::iso(p.as_of),
        period: Period { from: dates::iso(p.from), to: dates::iso(p.to) },
        scale: doc.scale,
        score: s.total,
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
        complete,
        answers: Answers { given: s.answered, of: s.leaf.len() },
        reachable: Reachable { min: s.min, max: s.max, min_grade: plan.grades[s.min_pos].clone(), max_grade: plan.grades[s.max_pos].clone() },
        missing,
        events_ignored: p.ignored,
        warnings,
        trace,
    })
}

/// The gap to the next better grade, and the indicators that could close it.
fn next_grade(p: &Prepared, trace: &[TraceNode], direct: Option<&DirectOut>) -> Option<NextGrade> {
    let plan = &p.rules.plan;
    let doc = &p.rules.doc;
    let s = &p.scored;
    if s.pos == 0 {
        return None;
    }
    let nb = &doc.bands[plan.band_index[s.pos - 1]];
    let gap = if nb.min > s.total { nb.min - s.total } else { Points::ZERO };
    let mut candidates: Vec<Candidate> = trace
        .iter()
        .filter(|t| t.scoring.is_some() && t.score < t.points)
        .map(|t| {
            let kind = t.scoring.unwrap_or("");
            Candidate { code: t.code.clone(), name: t.name.clone(), headroom: t.points - t.score, scoring: kind, how: how_to_gain(kind, t.points) }
        })
        .collect();
    crate::sort::sort_by(&mut candidates, |a, b| b.headroom.cmp(&a.headroom).then(a.code.cmp(&b.code)));
    let room: Points = candidates.iter().map(|c| c.headroom).sum();
    let blocked_by = direct.map(|d| {
        Text::new(
            format!("{}：提高分数不能改变等级，须先解除该情形（如退出严重失信名单、完成信用修复）", d.reason.zh),
            format!("{}: more points cannot change the grade until that is lifted", d.reason.en),
        )
    });
    Some(NextGrade { grade: nb.grade.clone(), label: nb.label.clone(), min: nb.min, gap, reachable_by_points: blocked_by.is_none() && room >= gap, blocked_by, candidates })
}

/// What raises an indicator of a scoring kind (第十八条; 第二十八至三十条 for deductions).
fn how_to_gain(kind: &str, points: Points) -> Text {
    match kind {
        "deduction" => Text::new(
            "扣分来自期间内的不良信息：纠正失信行为并申请信用修复（第二十八至三十条），修复后重新评价可恢复",
            "deducted for adverse information in the period: correct it and apply for credit repair (articles 28-30)",
        ),
        "yesNo" => Text::new(format!("做到此项可得 {points} 分"), format!("meeting this gives {points} points")),
        "rating" => Text::new("提高该项考核档次", "reach a better rating on this item"),
        _ => Text::new("获得县级以上诚信相关表彰奖励", "earn an integrity award at county level or above"),
    }
}

/// 第八条: institutions are identified by 统一社会信用代码, persons by ID number.
fn subject_code_warning(subject: &Subject, class: &str, as_of: NaiveDate, warnings: &mut Vec<Warning>) {
    if subject.code.trim().is_empty() {
        return;
    }
    let check = if class == "institution" { crate::ident::validate_uscc(&subject.code) } else { crate::ident::validate_id(&subject.code, Some(as_of)) };
    if let (false, Some(first)) = (check.valid, check.errors.first()) {
        warnings.push(w(
            "W_SUBJECT_CODE_INVALID",
            format!("主体代码“{}”未通过校验（第八条）：{}", subject.code, first.zh),
            format!("subject code \"{}\" fails its check (article 8): {}", subject.code, first.en),
        ));
    }
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
            let rules = CompiledRules::from_input(doc).map_err(|mut e| {
                e.path = Some(format!("$.rules{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
                e
            })?;
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
