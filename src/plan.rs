//! The compiled plan of a rule set, and scoring through it.
//!
//! One plan is built per rule set, once, when the rule set is checked ([`crate::rules::CompiledRules`]):
//! the indicators in tree order, each leaf's scoring with its points in integer hundredths, the
//! grade bands from the best down, the direct-grade rules and the measures of each grade.
//! Everything that scores — the self-assessment (`evaluate`, `score`, `explain`), every batch row
//! and the repair what-if — goes through [`Plan::read_answer`] and [`Plan::score`], so they
//! cannot drift apart. Scoring allocates one small vector and builds no text; the explanation
//! (`crate::evaluate`) is made only when asked for.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（指标、按次扣分加分、考核档次）、第十九条（千分制/
//! 百分制、等级及分值区间、直接评为E级的情形）.

use crate::error::{Error, Result};
use crate::points::Points;
use crate::rules::{CompiledRules, Level, Scoring};
use crate::value::Value;
use std::collections::HashMap;

/// Largest count of occurrences accepted for one indicator.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（按次扣分、加分）.
pub const MAX_COUNT: u64 = 10_000;

/// How a leaf scores (依据：第十八条).
#[derive(Debug, Clone)]
pub enum LeafKind {
    /// Per occurrence: `deduction` from `points` down to 0, or a bonus up to `points`.
    Count { per: Points, deduction: bool },
    /// `points` when the answer equals `points_if`, else 0.
    YesNo { points_if: bool },
    /// One of the levels (index into the indicator's `levels`).
    Levels(Vec<Level>),
    /// Any value from 0 to `points`, at most two decimals.
    Free,
}

impl LeafKind {
    /// The kind's name in results (`deduction`, `bonus`, `yesNo`, `rating`).
    pub fn name(&self) -> &'static str {
        match self {
            LeafKind::Count { deduction: true, .. } => "deduction",
            LeafKind::Count { deduction: false, .. } => "bonus",
            LeafKind::YesNo { .. } => "yesNo",
            LeafKind::Levels(_) | LeafKind::Free => "rating",
        }
    }
}

/// A leaf (三级指标) of the plan.
#[derive(Debug, Clone)]
pub struct PlanLeaf {
    /// Index into `doc.indicators`.
    pub ind: usize,
    /// Position in [`Plan::nodes`].
    pub node: usize,
    pub code: String,
    pub points: Points,
    pub kind: LeafKind,
    /// Event kinds (indices into `doc.event_kinds`) whose events in the period count here.
    pub event_kinds: Vec<usize>,
}

/// An indicator of the plan, in tree order (parents before their children).
#[derive(Debug, Clone)]
pub struct PlanNode {
    /// Index into `doc.indicators`.
    pub ind: usize,
    /// Position of the parent in [`Plan::nodes`].
    pub parent: Option<usize>,
    /// Index into [`Plan::leaves`] for a leaf.
    pub leaf: Option<usize>,
    pub points: Points,
    /// The citation resolved: `《汕尾市医疗保障信用管理办法（试行）》第十八条`.
    pub cite: crate::law::Citation,
}

/// A direct-grade rule (依据：第十九条 and the rule's own citation).
#[derive(Debug, Clone)]
pub struct PlanDirect {
    /// Index into `doc.direct_grades`.
    pub rule: usize,
    /// Position of its grade (0 = best).
    pub pos: usize,
    /// Event kinds (indices into `doc.event_kinds`) that fire it.
    pub kinds: Vec<usize>,
}

/// The compiled plan (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub nodes: Vec<PlanNode>,
    pub leaves: Vec<PlanLeaf>,
    /// Leaf index by indicator code; other codes map to `None` (not a leaf).
    pub by_code: HashMap<String, Option<usize>>,
    /// The bands' minimums from the best grade down (依据：第十九条).
    pub mins_desc: Vec<Points>,
    /// The grade letter at each position.
    pub grades: Vec<String>,
    /// Index into `doc.bands` at each position.
    pub band_index: Vec<usize>,
    pub direct: Vec<PlanDirect>,
    /// Event kind index by kind id.
    pub kinds: HashMap<String, usize>,
    /// Measures (indices into `doc.measures`) by grade position: for institutions, for persons.
    pub measures: Vec<[Vec<usize>; 2]>,
}

/// One answer, read: what a leaf was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// Not answered.
    None,
    Count(u64),
    Bool(bool),
    /// Index into the leaf's levels.
    Level(usize),
    Points(Points),
}

/// An answer as it comes in: a text (a CSV cell, a form field) or a JSON value.
#[derive(Debug, Clone, Copy)]
pub enum FactIn<'a> {
    Text(&'a str),
    Value(&'a Value),
}

/// What [`Plan::score`] gives: numbers only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scored {
    /// Score of each leaf, in [`Plan::leaves`] order.
    pub leaf: Vec<Points>,
    pub total: Points,
    /// Grade position the points alone give (0 = best).
    pub points_pos: usize,
    /// The direct-grade rule (index into [`Plan::direct`]) that makes the grade worse, if any.
    pub direct: Option<usize>,
    /// Final grade position.
    pub pos: usize,
    /// Leaves answered, of `leaf.len()`.
    pub answered: usize,
    /// Lowest and highest total still reachable by answering what is unanswered, and their grade
    /// positions (direct-grade rules included). Equal to `total` / `pos` when complete.
    pub min: Points,
    pub max: Points,
    pub min_pos: usize,
    pub max_pos: usize,
}

impl Scored {
    pub fn complete(&self) -> bool {
        self.answered == self.leaf.len()
    }
}

/// A count typed as text: trimmed; empty is 0; a whole number from 0 to [`MAX_COUNT`].
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（按次扣分、加分）.
pub fn parse_count_text(s: &str) -> Option<u64> {
    let t = s.trim();
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<u64>().ok().filter(|&n| n <= MAX_COUNT)
}

/// A yes/no answer typed as text: 是/yes/y/true/1/符合 or 否/no/n/false/0/不符合 (ASCII letters in
/// any case, surrounding spaces ignored).
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
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
pub fn count_leaf_score(points: Points, per: Points, deduction: bool, count: u64) -> Points {
    let raw = per.checked_mul(count).unwrap_or(points);
    let capped = raw.min(points);
    if deduction { points - capped } else { capped }
}

/// The rating level named `s` (already trimmed): by id, Chinese label, or English label in any case.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（考核档次）.
pub fn find_level(levels: &[Level], s: &str) -> Option<usize> {
    levels.iter().position(|l| l.id == s || l.label.zh == s || (!l.label.en.is_empty() && l.label.en.eq_ignore_ascii_case(s)))
}

/// Position (0 = best) of the band a score falls in, given the bands' minimums from the highest
/// down: the first band whose `min` the score reaches (lower bound inclusive); below every
/// minimum, the last band. 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条（A级积分≥850 …）.
pub fn band_position(mins_desc: &[Points], score: Points) -> usize {
    mins_desc.iter().position(|&m| score >= m).unwrap_or(mins_desc.len().saturating_sub(1))
}

fn value_err(zh: String, en: String) -> Error {
    Error::new("E_FACT_VALUE", zh, en)
}

/// How a wrong answer is quoted in a message: a typed text in quotation marks, a JSON value as
/// JSON (a JSON string too, unless `quote_json_strings`).
fn shown(v: FactIn<'_>, quote_json_strings: bool) -> String {
    match v {
        FactIn::Text(s) => format!("“{s}”"),
        FactIn::Value(Value::String(s)) if quote_json_strings => format!("“{s}”"),
        FactIn::Value(v) => format!(" {v}"),
    }
}

fn shown_en(v: FactIn<'_>) -> String {
    match v {
        FactIn::Text(s) => format!(" \"{s}\""),
        FactIn::Value(v) => format!(" {v}"),
    }
}

impl Plan {
    /// Compiles the plan of a checked rule set.
    pub fn new(rules: &CompiledRules) -> Plan {
        let doc = &rules.doc;
        let mut plan = Plan::default();
        for (i, k) in doc.event_kinds.iter().enumerate() {
            plan.kinds.entry(k.kind.clone()).or_insert(i);
        }
        fn walk(rules: &CompiledRules, i: usize, parent: Option<usize>, plan: &mut Plan) {
            let ind = &rules.doc.indicators[i];
            let pos = plan.nodes.len();
            let leaf = if rules.children[i].is_empty() {
                let kind = match ind.scoring.as_ref() {
                    Some(Scoring::Deduction { per, .. }) => LeafKind::Count { per: *per, deduction: true },
                    Some(Scoring::Bonus { per, .. }) => LeafKind::Count { per: *per, deduction: false },
                    Some(Scoring::YesNo { points_if }) => LeafKind::YesNo { points_if: *points_if },
                    Some(Scoring::Rating { levels }) if !levels.is_empty() => LeafKind::Levels(levels.clone()),
                    // Checked: every leaf has a scoring; a free rating otherwise.
                    _ => LeafKind::Free,
                };
                let event_kinds = match ind.scoring.as_ref() {
                    Some(Scoring::Deduction { event_kinds, .. } | Scoring::Bonus { event_kinds, .. }) => {
                        event_kinds.iter().filter_map(|k| plan.kinds.get(k).copied()).collect()
                    }
                    _ => vec![],
                };
                plan.leaves.push(PlanLeaf { ind: i, node: pos, code: ind.code.clone(), points: ind.points, kind, event_kinds });
                Some(plan.leaves.len() - 1)
            } else {
                None
            };
            plan.by_code.insert(ind.code.clone(), leaf);
            plan.nodes.push(PlanNode { ind: i, parent, leaf, points: ind.points, cite: rules.cite_text(&ind.cite) });
            for &c in &rules.children[i] {
                walk(rules, c, Some(pos), plan);
            }
        }
        for &r in &rules.roots {
            walk(rules, r, None, &mut plan);
        }
        plan.mins_desc = rules.bands_desc.iter().map(|&i| doc.bands[i].min).collect();
        plan.grades = rules.bands_desc.iter().map(|&i| doc.bands[i].grade.clone()).collect();
        plan.band_index = rules.bands_desc.clone();
        for (ri, d) in doc.direct_grades.iter().enumerate() {
            let pos = rules.grade_rank(&d.grade);
            if pos < plan.grades.len() {
                let kinds = d.event_kinds.iter().filter_map(|k| plan.kinds.get(k).copied()).collect();
                plan.direct.push(PlanDirect { rule: ri, pos, kinds });
            }
        }
        plan.measures = plan
            .grades
            .iter()
            .map(|g| {
                let of = |class: &str| {
                    doc.measures.iter().enumerate().filter(|(_, m)| m.grades.contains(g) && m.classes.iter().any(|c| c == class)).map(|(i, _)| i).collect()
                };
                [of("institution"), of("person")]
            })
            .collect();
        plan
    }

    /// Reads one answer for leaf `li`: a count, yes/no, a level (id or label) or points, as the
    /// leaf takes; `null` (or nothing) is "not answered". The same reading for `evaluate`'s JSON
    /// answers and the batch's CSV cells, with the same messages (without the leaf's code, which
    /// the caller adds as it shows it).
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
    pub fn read_answer(&self, li: usize, v: FactIn<'_>) -> Result<Answer> {
        let leaf = &self.leaves[li];
        if let FactIn::Value(Value::Null) = v {
            return Ok(Answer::None);
        }
        match &leaf.kind {
            LeafKind::Count { .. } => {
                let n = match v {
                    FactIn::Text(s) => parse_count_text(s),
                    FactIn::Value(Value::String(s)) => parse_count_text(s),
                    FactIn::Value(Value::Number(n)) => n.as_u64(),
                    FactIn::Value(_) => None,
                };
                match n {
                    Some(n) if n <= MAX_COUNT => Ok(Answer::Count(n)),
                    _ => Err(value_err(
                        format!("次数应为 0 至 {MAX_COUNT} 的整数，实为{}", shown(v, false)),
                        format!("the count must be a whole number from 0 to {MAX_COUNT}, got{}", shown_en(v)),
                    )),
                }
            }
            LeafKind::YesNo { .. } => {
                let b = match v {
                    FactIn::Text(s) => parse_yes_no_text(s),
                    FactIn::Value(Value::String(s)) => parse_yes_no_text(s),
                    FactIn::Value(Value::Bool(b)) => Some(*b),
                    FactIn::Value(Value::Number(n)) if n.as_u64() == Some(1) => Some(true),
                    FactIn::Value(Value::Number(n)) if n.as_u64() == Some(0) => Some(false),
                    FactIn::Value(_) => None,
                };
                b.map(Answer::Bool).ok_or_else(|| value_err(format!("应填“是”或“否”，实为{}", shown(v, true)), format!("expected yes or no, got{}", shown_en(v))))
            }
            LeafKind::Levels(levels) => {
                let s = match v {
                    FactIn::Text(s) => Some(s.trim()),
                    FactIn::Value(Value::String(s)) => Some(s.trim()),
                    FactIn::Value(_) => None,
                };
                s.and_then(|s| find_level(levels, s)).map(Answer::Level).ok_or_else(|| {
                    let ids: Vec<String> = levels.iter().map(|l| format!("{}（{}）", l.id, l.label.zh)).collect();
                    value_err(format!("档次应为 {} 之一，实为{}", ids.join("、"), shown(v, false)), format!("the level must be one of {}, got{}", ids.join(", "), shown_en(v)))
                })
            }
            LeafKind::Free => {
                let p = match v {
                    FactIn::Text(s) => Some(Points::parse(s)),
                    FactIn::Value(Value::String(s)) => Some(Points::parse(s)),
                    FactIn::Value(Value::Number(n)) => n.as_f64().map(Points::from_f64),
                    FactIn::Value(_) => None,
                };
                match p {
                    Some(Ok(p)) if p >= Points::ZERO && p <= leaf.points => Ok(Answer::Points(p)),
                    Some(Err(e)) if e.code == "E_POINTS_PRECISION" => Err(e),
                    _ => Err(value_err(
                        format!("评分应为 0 至 {} 之间、最多两位小数的数，实为{}", leaf.points, shown(v, false)),
                        format!("the rating must be a number from 0 to {} with at most two decimals, got{}", leaf.points, shown_en(v)),
                    )),
                }
            }
        }
    }

    /// The answer a leaf is scored with: a deduction or bonus leaf with no count typed but with
    /// events of its kinds listed in the period is answered by those events (its count box then
    /// holds only incidents not listed), so that one incident is never asked for, or counted,
    /// twice. 依据：《汕尾市医疗保障信用管理办法（试行）》第十五条（不良信息）、第十八条（按次扣分）.
    pub fn effective(&self, li: usize, answer: Answer, events: u64) -> Answer {
        match (&self.leaves[li].kind, answer) {
            (LeafKind::Count { .. }, Answer::None) if events > 0 => Answer::Count(0),
            _ => answer,
        }
    }

    /// Scores answers (one per leaf, in [`Plan::leaves`] order). `leaf_events[i]`: events of the
    /// period counted for leaf `i` (deduction / bonus leaves; empty slice: none). `kind_hit[k]`:
    /// an event of kind `k` counted in the period (fires the direct-grade rules of that kind;
    /// empty slice: none). Also gives the range of totals and grades still reachable by
    /// answering the unanswered leaves.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
    pub fn score(&self, answers: &[Answer], leaf_events: &[u64], kind_hit: &[bool]) -> Scored {
        let mut out = Scored::default();
        self.score_into(answers, leaf_events, kind_hit, &mut out);
        out
    }

    /// The total, the final grade position and the direct-grade rule that set it (as
    /// [`Plan::score_into`] gives them with no events listed: `total`, `pos`, `direct`), without
    /// the per-leaf scores and the reachable range: a batch row's grade.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
    pub fn grade_of(&self, answers: &[Answer], kind_hit: &[bool]) -> (Points, usize, Option<usize>) {
        let mut total = Points::ZERO;
        for (i, leaf) in self.leaves.iter().enumerate() {
            let p = leaf.points;
            total = total
                + match (&leaf.kind, answers.get(i).copied().unwrap_or(Answer::None)) {
                    (LeafKind::Count { per, deduction }, Answer::Count(c)) => count_leaf_score(p, *per, *deduction, c),
                    (LeafKind::Count { per, deduction }, _) => count_leaf_score(p, *per, *deduction, 0),
                    (LeafKind::YesNo { points_if }, Answer::Bool(b)) if b == *points_if => p,
                    (LeafKind::Levels(levels), Answer::Level(l)) => levels.get(l).map_or(Points::ZERO, |l| l.points),
                    (LeafKind::Free, Answer::Points(s)) => s,
                    _ => Points::ZERO,
                };
        }
        let points_pos = band_position(&self.mins_desc, total);
        let mut direct: Option<usize> = None;
        for (di, d) in self.direct.iter().enumerate() {
            if d.kinds.iter().any(|&k| kind_hit.get(k).copied().unwrap_or(false)) && direct.map_or(true, |x| d.pos > self.direct[x].pos) {
                direct = Some(di);
            }
        }
        let pos = direct.map_or(points_pos, |d| self.direct[d].pos.max(points_pos));
        (total, pos, direct.filter(|&d| self.direct[d].pos > points_pos))
    }

    /// [`Plan::score`] into `out` (its vector reused: nothing allocated per batch row).
    pub fn score_into(&self, answers: &[Answer], leaf_events: &[u64], kind_hit: &[bool], out: &mut Scored) {
        out.leaf.clear();
        let (mut total, mut lo, mut hi) = (Points::ZERO, Points::ZERO, Points::ZERO);
        let mut answered = 0;
        for (i, leaf) in self.leaves.iter().enumerate() {
            let ev = leaf_events.get(i).copied().unwrap_or(0);
            let a = self.effective(i, answers.get(i).copied().unwrap_or(Answer::None), ev);
            let p = leaf.points;
            let (s, min, max) = match (&leaf.kind, a) {
                (LeafKind::Count { per, deduction }, Answer::Count(c)) => {
                    let s = count_leaf_score(p, *per, *deduction, c.saturating_add(ev));
                    (s, s, s)
                }
                (LeafKind::Count { per, deduction }, _) => {
                    // Not answered and no event listed: 0 now; any count could still be reported.
                    let s = count_leaf_score(p, *per, *deduction, ev);
                    let all = count_leaf_score(p, *per, *deduction, u64::MAX);
                    if *deduction { (s, all, s) } else { (s, s, all) }
                }
                (LeafKind::YesNo { points_if }, Answer::Bool(b)) => {
                    let s = if b == *points_if { p } else { Points::ZERO };
                    (s, s, s)
                }
                (LeafKind::Levels(levels), Answer::Level(l)) => {
                    let s = levels.get(l).map_or(Points::ZERO, |l| l.points);
                    (s, s, s)
                }
                (LeafKind::Levels(levels), _) => {
                    let lo = levels.iter().map(|l| l.points).min().unwrap_or(Points::ZERO);
                    let hi = levels.iter().map(|l| l.points).max().unwrap_or(Points::ZERO);
                    (Points::ZERO, lo, hi)
                }
                (LeafKind::Free, Answer::Points(s)) => (s, s, s),
                // Not answered (or an answer of another kind): 0 points now, 0..points reachable.
                _ => (Points::ZERO, Points::ZERO, p),
            };
            if !matches!(a, Answer::None) {
                answered += 1;
            }
            out.leaf.push(s);
            total = total + s;
            lo = lo + min;
            hi = hi + max;
        }
        let points_pos = band_position(&self.mins_desc, total);
        // The worst direct grade whose event kinds were hit.
        let mut direct: Option<usize> = None;
        for (di, d) in self.direct.iter().enumerate() {
            if d.kinds.iter().any(|&k| kind_hit.get(k).copied().unwrap_or(false)) && direct.map_or(true, |x| d.pos > self.direct[x].pos) {
                direct = Some(di);
            }
        }
        let direct_pos = direct.map(|d| self.direct[d].pos);
        let with_direct = |pos: usize| direct_pos.map_or(pos, |d| d.max(pos));
        out.total = total;
        out.points_pos = points_pos;
        out.direct = direct.filter(|&d| self.direct[d].pos > points_pos);
        out.pos = with_direct(points_pos);
        out.answered = answered;
        out.min = lo;
        out.max = hi;
        out.min_pos = with_direct(band_position(&self.mins_desc, lo));
        out.max_pos = with_direct(band_position(&self.mins_desc, hi));
    }
}

