//! Explaining a score: the trace of every indicator with the lines that moved it, the measures,
//! the joint punishments, the gap to the next grade, what is unanswered, the warnings.
//!
//! Made only when asked for (scoring does none of it, see [`crate::plan`]). An explanation comes
//! in two parts: the [`Catalog`] of a rule set — every text the rules themselves carry (names,
//! citations, band labels, measures, how to gain points) — made once per rule set, and the
//! [`Explanation`] of one input, which refers to the catalog by position and carries only what
//! that input made (scores, lines, notes, warnings). Joined, they give the full [`Evaluation`]
//! (the `evaluate` command); the JavaScript API joins them on its side (`www/explain-join.js`)
//! so that a rule set's texts cross into JavaScript once, not on every keystroke.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十三条、第二十五至二十六条.

use crate::dates;
use crate::evaluate::{
    Answers, BandOut, Candidate, DirectOut, Evaluation, Ignored, JointOut, Line, MeasureOut, Missing, NextGrade, Period, Prepared, Reachable,
    ScoreOut, Subject, TraceNode, Warning, WarningRef,
};
use crate::plan::{Answer, LeafKind};
use crate::points::Points;
use crate::rules::{CompiledRules, RulesInfo};
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;

/// An indicator as the catalog gives it (its static texts).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CatalogNode {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub depth: u8,
    pub name: Text,
    pub points: Points,
    pub cite: crate::law::Citation,
    /// Leaves only: the scoring kind, how it treats no answer, how to gain points on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treated_as: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how: Option<Text>,
}

/// A direct-grade rule as the catalog gives it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CatalogDirect {
    pub id: String,
    pub grade: String,
    pub reason: Text,
    pub cite: crate::law::Citation,
    /// Shown with the next grade: points cannot help until the rule no longer applies.
    pub blocked_by: Text,
}

/// An event kind as the catalog gives it: its joint punishments.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CatalogKind {
    pub kind: String,
    pub punishments: Vec<CatalogPunishment>,
}

/// A joint punishment as the catalog gives it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CatalogPunishment {
    pub id: String,
    pub text: Text,
    pub basis: String,
    pub cite: crate::law::Citation,
}

/// Every text of a rule set an explanation refers to, by position (made once per rule set).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至十九条、第二十五至二十六条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub rules: RulesInfo,
    pub scale: Points,
    /// The indicators in tree order (the order of [`Explanation::nodes`]).
    pub nodes: Vec<CatalogNode>,
    /// The grade bands from the best down.
    pub bands: Vec<BandOut>,
    pub measures: Vec<MeasureOut>,
    /// The direct-grade rules, in the plan's order.
    pub direct: Vec<CatalogDirect>,
    pub kinds: Vec<CatalogKind>,
    /// The rule set's own warnings, then one per date note of its sources (a trial or validity
    /// that ends, a repeal, a date before a source is in force: `RulesCompiled::date_notes`)
    /// (`W_SOURCE_TRIAL_ENDED`): an explanation refers to them by position.
    pub warnings: Vec<Warning>,
}

/// What an unanswered leaf of a kind counts as.
fn treated_as(kind: &LeafKind) -> Text {
    match kind {
        LeafKind::Count { deduction: true, .. } => Text::new("未填写，按 0 次（不扣分）计，仅计已列出的事件", "not answered: counted as 0 times, plus the events listed"),
        LeafKind::Count { deduction: false, .. } => Text::new("未填写，按 0 次（不加分）计，仅计已列出的事件", "not answered: counted as 0 times, plus the events listed"),
        _ => Text::new("未填写，按 0 分计", "not answered: 0 points"),
    }
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

/// The catalog of a rule set.
pub fn catalog(rules: &CompiledRules) -> Catalog {
    let doc = &rules.doc;
    let plan = &rules.plan;
    let nodes = plan
        .nodes
        .iter()
        .map(|n| {
            let ind = &doc.indicators[n.ind];
            let leaf = n.leaf.map(|li| &plan.leaves[li]);
            CatalogNode {
                code: ind.code.clone(),
                parent: ind.parent.clone(),
                depth: ind.depth,
                name: ind.name.clone(),
                points: ind.points,
                cite: n.cite.clone(),
                scoring: leaf.map(|l| l.kind.name()),
                treated_as: leaf.map(|l| treated_as(&l.kind)),
                how: leaf.map(|l| how_to_gain(l.kind.name(), l.points)),
            }
        })
        .collect();
    let bands = (0..plan.grades.len())
        .map(|pos| {
            let b = &doc.bands[plan.band_index[pos]];
            BandOut {
                grade: b.grade.clone(),
                label: b.label.clone(),
                min: b.min,
                max: if pos == 0 { None } else { Some(plan.mins_desc[pos - 1]) },
                side: b.side.clone(),
                cite: rules.cite_text(&b.cite),
            }
        })
        .collect();
    let measures = doc.measures.iter().map(|m| MeasureOut { id: m.id.clone(), kind: m.kind.clone(), text: m.text.clone(), cite: rules.cite_text(&m.cite) }).collect();
    let direct = plan
        .direct
        .iter()
        .map(|d| {
            let r = &doc.direct_grades[d.rule];
            CatalogDirect {
                id: r.id.clone(),
                grade: r.grade.clone(),
                reason: r.reason.clone(),
                cite: rules.cite_text(&r.cite),
                blocked_by: Text::new(
                    format!("{}：提高分数不能改变等级，须先解除该情形（如退出严重失信名单、完成信用修复）", r.reason.zh),
                    format!("{}: more points cannot change the grade until that is lifted", r.reason.en),
                ),
            }
        })
        .collect();
    let kinds = doc
        .event_kinds
        .iter()
        .map(|k| CatalogKind {
            kind: k.kind.clone(),
            punishments: k
                .joint_punishments
                .iter()
                .map(|jp| CatalogPunishment { id: jp.id.clone(), text: jp.text.clone(), basis: jp.basis.clone(), cite: rules.cite_text(&jp.cite) })
                .collect(),
        })
        .collect();
    let mut warnings: Vec<Warning> = rules.warnings.iter().map(|p| Warning { code: p.code, zh: p.zh.clone(), en: p.en.clone() }).collect();
    for n in rules.date_notes() {
        warnings.push(Warning { code: n.code, zh: n.text.zh.clone(), en: n.text.en.clone() });
    }
    Catalog { rules: rules.info(), scale: doc.scale, nodes, bands, measures, direct, kinds, warnings }
}

/// A line of the trace, with the indicator it belongs to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NodeLine {
    pub node: usize,
    #[serde(flatten)]
    pub line: Line,
}

/// A note of the trace, with the indicator it belongs to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NodeNote {
    pub node: usize,
    pub note: Text,
}

/// A joint punishment that applies: the event, its kind and the punishment (positions in the catalog).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct JointAt {
    pub event_index: usize,
    pub kind: usize,
    pub punishment: usize,
}

/// An indicator that could close the gap to the next grade.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CandidateAt {
    pub node: usize,
    pub headroom: Points,
}

/// The gap to the next better grade (its band is `pos` in the catalog).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NextAt {
    pub pos: usize,
    pub gap: Points,
    pub reachable_by_points: bool,
    pub candidates: Vec<CandidateAt>,
}

/// The explanation of one input, referring to the [`Catalog`] by position.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至二十条、第二十三条、第二十五至二十六条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// What `score` answers for the same input.
    pub result: ScoreOut,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass"))]
    pub subject_class: &'static str,
    pub as_of: String,
    pub period: Period,
    /// Position of the final band, and of the direct-grade rule (in the catalog) that set it.
    pub band: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct: Option<usize>,
    /// The events that fired that rule.
    pub direct_events: Vec<usize>,
    /// The score of every indicator, in the catalog's order (a `Float64Array` in JavaScript).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Float64Array | number[]"))]
    pub nodes: Vec<Points>,
    pub lines: Vec<NodeLine>,
    pub notes: Vec<NodeNote>,
    /// The unanswered leaves (catalog positions), in the order `missing` lists them.
    pub missing: Vec<usize>,
    /// The measures that apply (catalog positions).
    pub measures: Vec<usize>,
    pub joint: Vec<JointAt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_grade: Option<NextAt>,
    pub events_ignored: Vec<Ignored>,
    pub warnings: Vec<WarningRef>,
}

/// The explanation of a prepared input.
pub(crate) fn explanation(p: Prepared, head: ScoreOut) -> Explanation {
    let rules = p.rules;
    let plan = &rules.plan;
    let s = &p.scored;

    // The score of every node, leaves and the sums above them.
    let mut nodes = vec![Points::ZERO; plan.nodes.len()];
    for (i, n) in plan.nodes.iter().enumerate().rev() {
        if let Some(li) = n.leaf {
            nodes[i] = s.leaf[li];
        }
        if let Some(parent) = n.parent {
            nodes[parent] = nodes[parent] + nodes[i];
        }
    }

    // Lines and notes of each leaf, in tree order; the missing list from the last leaf up.
    let mut lines = vec![];
    let mut notes = vec![];
    for (li, leaf) in plan.leaves.iter().enumerate() {
        let answer = p.answers[li];
        match &leaf.kind {
            LeafKind::Count { per, deduction } => {
                let sign = if *deduction { -1 } else { 1 };
                let mut total: u64 = 0;
                if let Answer::Count(c) = answer {
                    if c > 0 {
                        total += c;
                        let amt = per.checked_mul(c).unwrap_or(leaf.points);
                        lines.push(NodeLine {
                            node: leaf.node,
                            line: Line {
                                amount: Points(sign * amt.0),
                                reason: Text::new(format!("填报 {c} 次 × {per} 分"), format!("reported {c} {} × {per}", if c == 1 { "time" } else { "times" })),
                                event_index: None,
                                date: None,
                            },
                        });
                    }
                }
                for &(ei, d, k) in &p.counted {
                    if leaf.event_kinds.contains(&k) {
                        total += 1;
                        lines.push(NodeLine { node: leaf.node, line: event_line(&p, ei, d, k, Points(sign * per.0), None) });
                    }
                }
                // Events of its kinds that do not count (outside the period): shown, with why.
                for ig in &p.ignored {
                    let e = &p.input.events[ig.index];
                    if let (Some(&k), Ok(d)) = (plan.kinds.get(&e.kind), dates::parse_date(&e.date, "date")) {
                        if leaf.event_kinds.contains(&k) {
                            lines.push(NodeLine { node: leaf.node, line: event_line(&p, ig.index, d, k, Points::ZERO, Some(&ig.reason)) });
                        }
                    }
                }
                let raw = per.checked_mul(total).unwrap_or(leaf.points);
                if raw > leaf.points {
                    notes.push(NodeNote {
                        node: leaf.node,
                        note: Text::new(format!("共 {total} 次，按本项分值 {} 分封顶", leaf.points), format!("{total} in all, capped at this indicator's {} points", leaf.points)),
                    });
                }
            }
            LeafKind::Levels(levels) => {
                if let Answer::Level(l) = answer {
                    let l = &levels[l];
                    notes.push(NodeNote {
                        node: leaf.node,
                        note: Text::new(format!("档次：{}", l.label.zh), format!("level: {}", if l.label.en.is_empty() { &l.label.zh } else { &l.label.en })),
                    });
                }
            }
            LeafKind::YesNo { .. } | LeafKind::Free => {}
        }
    }
    let missing = (0..plan.leaves.len()).rev().filter(|&li| p.answers[li] == Answer::None).map(|li| plan.leaves[li].node).collect();

    let direct_events = match s.direct {
        Some(d) => p.counted.iter().filter(|(_, _, k)| plan.direct[d].kinds.contains(k)).map(|(ei, _, _)| *ei).collect(),
        None => vec![],
    };
    let class_i = if p.class == "institution" { 0 } else { 1 };
    let measures = plan.measures[s.pos][class_i].clone();
    let joint = p
        .counted
        .iter()
        .flat_map(|&(ei, _, k)| (0..rules.doc.event_kinds[k].joint_punishments.len()).map(move |j| JointAt { event_index: ei, kind: k, punishment: j }))
        .collect();

    // The gap to the next grade, and the leaves that could close it (most headroom first).
    let next_grade = (s.pos > 0).then(|| {
        let min = plan.mins_desc[s.pos - 1];
        let gap = if min > s.total { min - s.total } else { Points::ZERO };
        let mut candidates: Vec<CandidateAt> =
            plan.leaves.iter().filter(|l| nodes[l.node] < l.points).map(|l| CandidateAt { node: l.node, headroom: l.points - nodes[l.node] }).collect();
        crate::sort::sort_by(&mut candidates, |a, b| b.headroom.cmp(&a.headroom).then(rules.doc.indicators[plan.nodes[a.node].ind].code.cmp(&rules.doc.indicators[plan.nodes[b.node].ind].code)));
        let room: Points = candidates.iter().map(|c| c.headroom).sum();
        NextAt { pos: s.pos - 1, gap, reachable_by_points: s.direct.is_none() && room >= gap, candidates }
    });

    let mut warnings = p.warnings;
    subject_code_warning(&p.input.subject, p.class, p.as_of, &mut warnings);
    Explanation {
        result: head,
        subject_class: p.class,
        as_of: dates::iso(p.as_of),
        period: Period { from: dates::iso(p.from), to: dates::iso(p.to) },
        band: s.pos,
        direct: s.direct,
        direct_events,
        nodes,
        lines,
        notes,
        missing,
        measures,
        joint,
        next_grade,
        events_ignored: p.ignored,
        warnings,
    }
}

/// The line of an event on a deduction or bonus leaf; `not_counted`: why it does not count
/// (its amount is then 0). 依据：《汕尾市医疗保障信用管理办法（试行）》第二十条（评价期间）.
fn event_line(p: &Prepared, ei: usize, d: NaiveDate, k: usize, amount: Points, not_counted: Option<&Text>) -> Line {
    let e = &p.input.events[ei];
    let kname = &p.rules.doc.event_kinds[k].name;
    let (zh_why, en_why) = match not_counted {
        Some(t) => (format!("（不计入：{}）", t.zh), format!(" (not counted: {})", t.en)),
        None => (String::new(), String::new()),
    };
    Line {
        amount,
        reason: Text::new(
            format!("{}：{}{}{zh_why}", dates::chinese(d), kname.zh, if e.description.is_empty() { String::new() } else { format!("（{}）", e.description) }),
            format!("{}: {}{en_why}", dates::iso(d), if kname.en.is_empty() { &kname.zh } else { &kname.en }),
        ),
        event_index: Some(ei),
        date: Some(dates::iso(d)),
    }
}

/// 第八条: institutions are identified by 统一社会信用代码, persons by ID number. The last answer is
/// kept: while someone types elsewhere on the form the code is the same every time.
fn subject_code_warning(subject: &Subject, class: &'static str, as_of: NaiveDate, warnings: &mut Vec<WarningRef>) {
    type Last = Option<(String, &'static str, NaiveDate, Option<Warning>)>;
    thread_local!(static LAST: std::cell::RefCell<Last> = const { std::cell::RefCell::new(None) });
    if subject.code.trim().is_empty() {
        return;
    }
    let found = LAST.with(|l| match &*l.borrow() {
        Some((code, c, d, w)) if *code == subject.code && *c == class && *d == as_of => Some(w.clone()),
        _ => None,
    });
    let w = found.unwrap_or_else(|| {
        let check = if class == "institution" { crate::ident::uscc_errors(&subject.code) } else { crate::ident::id_errors(&subject.code, Some(as_of)) };
        let w = match (check.valid, check.errors.first()) {
            (false, Some(first)) => Some(Warning {
                code: "W_SUBJECT_CODE_INVALID",
                zh: format!("主体代码“{}”未通过校验（第八条）：{}", subject.code, first.zh),
                en: format!("subject code \"{}\" fails its check (article 8): {}", subject.code, first.en),
            }),
            _ => None,
        };
        LAST.with(|l| *l.borrow_mut() = Some((subject.code.clone(), class, as_of, w.clone())));
        w
    });
    if let Some(w) = w {
        warnings.push(WarningRef::Own(w));
    }
}

/// The full result: an explanation joined with its rule set's catalog (what `evaluate` answers;
/// `www/explain-join.js` does the same join in JavaScript).
pub fn join(x: Explanation, cat: &Catalog, subject: &Subject, facts: &std::collections::BTreeMap<String, crate::value::Value>) -> Evaluation {
    let band = cat.bands[x.band].clone();
    let mut trace: Vec<TraceNode> = cat
        .nodes
        .iter()
        .zip(&x.nodes)
        .map(|(n, &score)| TraceNode {
            code: n.code.clone(),
            parent: n.parent.clone(),
            depth: n.depth,
            name: n.name.clone(),
            points: n.points,
            score,
            cite: n.cite.clone(),
            scoring: n.scoring,
            answer: n.scoring.and_then(|_| facts.get(&n.code)).filter(|v| !v.is_null()).cloned(),
            lines: vec![],
            note: None,
            missing: false,
        })
        .collect();
    for l in x.lines {
        trace[l.node].lines.push(l.line);
    }
    for nn in x.notes {
        trace[nn.node].note = Some(nn.note);
    }
    for &m in &x.missing {
        trace[m].missing = true;
    }
    let missing = x.missing.iter().map(|&m| Missing { code: cat.nodes[m].code.clone(), name: cat.nodes[m].name.clone(), treated_as: cat.nodes[m].treated_as.clone().unwrap_or_default() }).collect();
    let direct = x.direct.map(|d| {
        let c = &cat.direct[d];
        DirectOut { id: c.id.clone(), grade: c.grade.clone(), reason: c.reason.clone(), cite: c.cite.clone(), event_indices: x.direct_events.clone() }
    });
    let next_grade = x.next_grade.map(|n| {
        let b = &cat.bands[n.pos];
        NextGrade {
            grade: b.grade.clone(),
            label: b.label.clone(),
            min: b.min,
            gap: n.gap,
            reachable_by_points: n.reachable_by_points,
            blocked_by: x.direct.map(|d| cat.direct[d].blocked_by.clone()),
            candidates: n
                .candidates
                .iter()
                .map(|c| {
                    let node = &cat.nodes[c.node];
                    Candidate { code: node.code.clone(), name: node.name.clone(), headroom: c.headroom, scoring: node.scoring.unwrap_or(""), how: node.how.clone().unwrap_or_default() }
                })
                .collect(),
        }
    });
    let joint = x
        .joint
        .iter()
        .map(|j| {
            let k = &cat.kinds[j.kind];
            let p = &k.punishments[j.punishment];
            JointOut { id: p.id.clone(), event_index: j.event_index, event_kind: k.kind.clone(), text: p.text.clone(), basis: p.basis.clone(), cite: p.cite.clone() }
        })
        .collect();
    let h = x.result;
    Evaluation {
        rules: cat.rules.clone(),
        subject: subject.clone(),
        subject_class: x.subject_class,
        as_of: x.as_of,
        period: x.period,
        scale: h.scale,
        score: h.score,
        grade: h.grade,
        label: band.label.clone(),
        band,
        points_grade: h.points_grade,
        direct_grade: direct,
        measures: x.measures.iter().map(|&m| cat.measures[m].clone()).collect(),
        joint_punishments: joint,
        next_grade,
        complete: h.complete,
        answers: Answers { ..h.answers },
        reachable: Reachable { ..h.reachable },
        missing,
        events_ignored: x.events_ignored,
        warnings: x
            .warnings
            .into_iter()
            .map(|w| match w {
                WarningRef::Static(i) => cat.warnings[i].clone(),
                WarningRef::Own(w) => w,
            })
            .collect(),
        trace,
    }
}

/// An [`Explanation`] packed for JavaScript as two values: numbers (`nums`) and one text
/// (`texts`), read back in the same order by `unpack` in `www/explain-join.js`. Crossing out of
/// WebAssembly as one `Float64Array` and one string costs a few boundary calls instead of one per
/// value (about 75 for a shipped rule set). Points are in hundredths; a position that may be
/// absent is -1; a text is its length in UTF-16 units in `nums` (-1: absent) and its characters in
/// `texts`. Nothing is computed in JavaScript from these: they are the explanation's own values.
#[derive(Debug, Default)]
pub struct Packed {
    pub nums: Vec<f64>,
    pub texts: String,
}

impl Packed {
    #[inline(never)]
    fn num(&mut self, v: f64) {
        self.nums.push(v);
    }
    fn at(&mut self, i: usize) {
        self.nums.push(i as f64);
    }
    fn opt(&mut self, i: Option<usize>) {
        self.nums.push(i.map_or(-1.0, |i| i as f64));
    }
    /// A list of positions: its length, then each.
    #[inline(never)]
    fn ats(&mut self, v: &[usize]) {
        self.at(v.len());
        for &i in v {
            self.at(i);
        }
    }
    fn points(&mut self, p: Points) {
        self.nums.push(p.0 as f64);
    }
    #[inline(never)]
    fn str(&mut self, s: &str) {
        // Its length in UTF-16 units (as JavaScript counts): one per character, two for one
        // beyond the BMP (a UTF-8 lead byte of four bytes).
        let units = s.bytes().map(|b| usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0)).sum::<usize>();
        self.nums.push(units as f64);
        self.texts.push_str(s);
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.num(-1.0),
        }
    }
    /// A [`Text`]: its English absent when empty (as it is serialized).
    #[inline(never)]
    fn text(&mut self, t: &Text) {
        self.str(&t.zh);
        self.opt_str((!t.en.is_empty()).then_some(t.en.as_str()));
    }
    fn warning(&mut self, w: &Warning) {
        self.str(w.code);
        self.str(&w.zh);
        self.str(&w.en);
    }
}

impl Explanation {
    /// This explanation packed for JavaScript (see [`Packed`]); `p`'s buffers are cleared first.
    pub fn pack_into(&self, p: &mut Packed) {
        p.nums.clear();
        p.texts.clear();
        let r = &self.result;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        p.nums.extend_from_slice(&[
            r.scale.0 as f64,
            r.score.0 as f64,
            flag(r.complete),
            r.answers.given as f64,
            r.answers.of as f64,
            r.reachable.min.0 as f64,
            r.reachable.max.0 as f64,
            self.band as f64,
            self.direct.map_or(-1.0, |d| d as f64),
        ]);
        for s in [
            Some(r.grade.as_str()),
            Some(&r.points_grade),
            r.direct_grade.as_deref(),
            Some(&r.reachable.min_grade),
            Some(&r.reachable.max_grade),
            Some(self.subject_class),
            Some(&self.as_of),
            Some(&self.period.from),
            Some(&self.period.to),
        ] {
            p.opt_str(s);
        }
        p.ats(&self.direct_events);
        p.at(self.nodes.len());
        for &n in &self.nodes {
            p.points(n);
        }
        p.at(self.lines.len());
        for l in &self.lines {
            p.at(l.node);
            p.points(l.line.amount);
            p.text(&l.line.reason);
            p.opt(l.line.event_index);
            p.opt_str(l.line.date.as_deref());
        }
        p.at(self.notes.len());
        for n in &self.notes {
            p.at(n.node);
            p.text(&n.note);
        }
        p.ats(&self.missing);
        p.ats(&self.measures);
        p.at(self.joint.len());
        for j in &self.joint {
            p.at(j.event_index);
            p.at(j.kind);
            p.at(j.punishment);
        }
        match &self.next_grade {
            None => p.num(-1.0),
            Some(n) => {
                p.at(n.pos);
                p.points(n.gap);
                p.num(if n.reachable_by_points { 1.0 } else { 0.0 });
                p.at(n.candidates.len());
                for c in &n.candidates {
                    p.at(c.node);
                    p.points(c.headroom);
                }
            }
        }
        p.at(self.events_ignored.len());
        for ig in &self.events_ignored {
            p.at(ig.index);
            p.text(&ig.reason);
        }
        p.at(self.warnings.len());
        for w in &self.warnings {
            match w {
                WarningRef::Static(i) => p.at(*i),
                WarningRef::Own(w) => {
                    p.num(-1.0);
                    p.warning(w);
                }
            }
        }
    }
}
