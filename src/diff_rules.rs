//! Comparing two versions of an indicator list (`diff-rules`): what changed — indicators added,
//! removed, moved, re-weighted, renamed or scored differently; grade bands; direct-grade rules;
//! event kinds — and what it does to a saved self-assessment and to a batch file (how many
//! subjects change grade, and which).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条、第十八条（评价指标由市医保局另行制定并更新）、
//! 第十九条（信用等级）.
//!
//! Indicators are matched by code; an indicator whose code is not in the other version is matched
//! by its depth and Chinese name (a list renumbered keeps its indicators).

use crate::error::{Error, Result};
use crate::evaluate::EvaluateInput;
use crate::points::Points;
use crate::rules::{CompiledRules, Indicator, RulesInfo, Scoring};
use crate::text::Text;
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Most changed rows a batch comparison lists (all are counted).
pub const MAX_LISTED_ROWS: usize = 1000;

/// Input of `diff-rules`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
#[derive(Debug, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct DiffInput {
    /// The old version: a rule-set document (an object, or natively its JSON text), or the name of
    /// a shipped set (`retail-pharmacy`).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | string"))]
    pub a: Value,
    /// The new version, as `a`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | string"))]
    pub b: Value,
    /// A self-assessment (the input of `evaluate`, without `rules`) scored with both versions.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Omit<EvaluateInput, \"rules\"> | null"))]
    pub input: Option<Value>,
    /// A batch CSV text (the columns of `batch-template`) scored with both versions.
    #[serde(default)]
    pub batch: Option<String>,
    /// The as-of date of the batch, `YYYY-MM-DD`.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The subject type of batch rows whose type column is empty.
    #[serde(default, rename = "type")]
    pub subject_type: Option<String>,
}

/// An indicator as the comparison names it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorRef {
    pub code: String,
    pub depth: u8,
    pub name: Text,
    pub points: Points,
    /// The codes of its parents, from the first level down.
    pub path: Vec<String>,
}

/// One indicator in both versions, and what changed in it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct IndicatorChange {
    pub a: IndicatorRef,
    pub b: IndicatorRef,
    /// Its parent changed (moved to another part of the tree).
    pub moved: bool,
    /// Its points changed (re-weighted).
    pub reweighted: bool,
    pub renamed: bool,
    pub recoded: bool,
    /// How it scores changed (kind, points per incident, levels, events counted).
    pub scoring: bool,
    /// The scoring of each version in words, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring_a: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring_b: Option<Text>,
    pub cite: bool,
}

/// What changed in the indicators.
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorsDiff {
    pub added: Vec<IndicatorRef>,
    pub removed: Vec<IndicatorRef>,
    /// Indicators in both with a change (moved, re-weighted, renamed, recoded, scored or cited differently).
    pub changed: Vec<IndicatorChange>,
    pub unchanged: usize,
}

/// A grade band as compared.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BandRef {
    pub grade: String,
    pub min: Points,
    pub label: Text,
    pub side: String,
}

/// A band in both versions that differs.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BandChange {
    pub a: BandRef,
    pub b: BandRef,
}

/// What changed in the bands (matched by grade).
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BandsDiff {
    pub added: Vec<BandRef>,
    pub removed: Vec<BandRef>,
    pub changed: Vec<BandChange>,
}

/// A direct-grade rule as compared.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DirectRef {
    pub id: String,
    pub grade: String,
    pub event_kinds: Vec<String>,
    pub reason: Text,
}

/// A direct-grade rule in both versions that differs.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DirectChange {
    pub a: DirectRef,
    pub b: DirectRef,
}

/// What changed in the direct-grade rules (matched by id).
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DirectDiff {
    pub added: Vec<DirectRef>,
    pub removed: Vec<DirectRef>,
    pub changed: Vec<DirectChange>,
}

/// An event kind added or removed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct KindRef {
    pub kind: String,
    pub name: Text,
}

/// Event kinds added and removed (matched by `kind`).
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct KindsDiff {
    pub added: Vec<KindRef>,
    pub removed: Vec<KindRef>,
}

/// A score under one version: the score and grade, or why there is none.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Side {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Every indicator answered (otherwise the grade is not yet a result).
    pub complete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Text>,
}

/// The self-assessment under both versions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CaseEffect {
    pub a: Side,
    pub b: Side,
    pub grade_changed: bool,
}

/// One batch row whose grade differs.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RowChange {
    /// The row number in the file (the header is row 1).
    pub row: usize,
    pub name: String,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_a: Option<Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade_a: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_b: Option<Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade_b: Option<String>,
}

/// How many rows went from one grade to another.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Move {
    /// `""`: no grade (the row could not be scored).
    pub from: String,
    pub to: String,
    pub count: usize,
}

/// The batch under both versions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BatchEffect {
    pub as_of: String,
    /// Rows compared (non-blank rows of the file).
    pub rows: usize,
    /// Rows graded under both versions.
    pub graded_both: usize,
    /// Rows whose grade differs (a row graded under one version only counts).
    pub changed: usize,
    pub moves: Vec<Move>,
    /// The rows that change grade, in file order (at most [`MAX_LISTED_ROWS`]).
    pub list: Vec<RowChange>,
    pub truncated: bool,
}

/// What `diff-rules` answers.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条、第十九条.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RulesDiff {
    pub a: RulesInfo,
    pub b: RulesInfo,
    /// The same canonical content (equal hashes).
    pub identical: bool,
    /// `[a, b]` when the full score differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<(Points, Points)>,
    pub indicators: IndicatorsDiff,
    pub bands: BandsDiff,
    pub direct_grades: DirectDiff,
    pub event_kinds: KindsDiff,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseEffect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<BatchEffect>,
}

/// The rules `v` names: a shipped set by name, or a document (natively also its JSON text).
fn rules_of(v: &Value, field: &str) -> Result<Cow<'static, CompiledRules>> {
    let named = match v {
        Value::String(s) if crate::rules::builtin::NAMES.contains(&s.as_str()) => Some(s.as_str()),
        _ => None,
    };
    match named {
        Some(n) => crate::rules::builtin::by_name(n).map(Cow::Borrowed).map_err(|e| e.at(format!("$.{field}"))),
        None => CompiledRules::from_input(v).map(Cow::Owned).map_err(|mut e| {
            e.path = Some(format!("$.{field}{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
            e
        }),
    }
}

fn path_of(r: &CompiledRules, i: usize) -> Vec<String> {
    let mut out = vec![];
    let mut cur = r.doc.indicators[i].parent.clone();
    while let Some(c) = cur {
        let next = r.by_code.get(&c).and_then(|&k| r.doc.indicators[k].parent.clone());
        out.push(c);
        cur = next;
        if out.len() > 3 {
            break;
        }
    }
    out.reverse();
    out
}

fn ind_ref(r: &CompiledRules, i: usize) -> IndicatorRef {
    let n = &r.doc.indicators[i];
    IndicatorRef { code: n.code.clone(), depth: n.depth, name: n.name.clone(), points: n.points, path: path_of(r, i) }
}

/// The parent's name path (names, not codes: a renumbered parent is the same parent).
fn parent_names(r: &CompiledRules, i: usize) -> Vec<String> {
    path_of(r, i).iter().filter_map(|c| r.by_code.get(c)).map(|&k| r.doc.indicators[k].name.zh.clone()).collect()
}

/// A leaf's scoring in words, for the comparison.
fn scoring_words(s: &Option<Scoring>, points: Points) -> Text {
    match s {
        None => Text::new("（无）", "(none)"),
        Some(Scoring::YesNo { points_if }) => {
            if *points_if {
                Text::new(format!("是否：是得 {points} 分"), format!("yes/no: {points} if yes"))
            } else {
                Text::new(format!("是否：否得 {points} 分"), format!("yes/no: {points} if no"))
            }
        }
        Some(Scoring::Rating { levels }) if levels.is_empty() => Text::new(format!("打分：0 至 {points} 分"), format!("points: 0 to {points}")),
        Some(Scoring::Rating { levels }) => {
            let zh: Vec<String> = levels.iter().map(|l| format!("{} {}", l.label.zh, l.points)).collect();
            let en: Vec<String> = levels.iter().map(|l| format!("{} {}", if l.label.en.is_empty() { &l.label.zh } else { &l.label.en }, l.points)).collect();
            Text::new(format!("档次：{}", zh.join("、")), format!("levels: {}", en.join(", ")))
        }
        Some(Scoring::Deduction { per, event_kinds }) => Text::new(
            format!("扣分：每次 {per} 分{}", kinds_zh(event_kinds)),
            format!("deduction: {per} per incident{}", kinds_en(event_kinds)),
        ),
        Some(Scoring::Bonus { per, event_kinds }) => Text::new(
            format!("加分：每次 {per} 分{}", kinds_zh(event_kinds)),
            format!("bonus: {per} per instance{}", kinds_en(event_kinds)),
        ),
    }
}

fn kinds_zh(k: &[String]) -> String {
    if k.is_empty() { String::new() } else { format!("，计入事件 {}", k.join("、")) }
}

fn kinds_en(k: &[String]) -> String {
    if k.is_empty() { String::new() } else { format!(", counting events {}", k.join(", ")) }
}

fn same_scoring(a: &Indicator, b: &Indicator) -> bool {
    let (x, y) = (scoring_words(&a.scoring, a.points), scoring_words(&b.scoring, b.points));
    // Levels compared with their ids too (an answer names a level by id).
    let ids = |s: &Option<Scoring>| match s {
        Some(Scoring::Rating { levels }) => levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
        _ => vec![],
    };
    x == y && ids(&a.scoring) == ids(&b.scoring)
}

/// Compares the indicator trees.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条.
pub fn diff_indicators(a: &CompiledRules, b: &CompiledRules) -> IndicatorsDiff {
    let (ia, ib) = (&a.doc.indicators, &b.doc.indicators);
    let mut pair_of_a: Vec<Option<usize>> = vec![None; ia.len()];
    let mut taken_b = vec![false; ib.len()];
    for (i, n) in ia.iter().enumerate() {
        if let Some(&j) = b.by_code.get(&n.code) {
            if ib[j].depth == n.depth {
                pair_of_a[i] = Some(j);
                taken_b[j] = true;
            }
        }
    }
    // Not matched by code: by depth and Chinese name (renumbered).
    for (i, n) in ia.iter().enumerate() {
        if pair_of_a[i].is_some() {
            continue;
        }
        if let Some(j) = ib.iter().enumerate().position(|(j, m)| !taken_b[j] && m.depth == n.depth && m.name.zh == n.name.zh) {
            pair_of_a[i] = Some(j);
            taken_b[j] = true;
        }
    }
    let mut out = IndicatorsDiff::default();
    for (i, p) in pair_of_a.iter().enumerate() {
        match *p {
            None => out.removed.push(ind_ref(a, i)),
            Some(j) => {
                let (x, y) = (&ia[i], &ib[j]);
                let moved = parent_names(a, i) != parent_names(b, j);
                let leaf = x.scoring.is_some() || y.scoring.is_some();
                let scoring = leaf && !same_scoring(x, y);
                let c = IndicatorChange {
                    a: ind_ref(a, i),
                    b: ind_ref(b, j),
                    moved,
                    reweighted: x.points != y.points,
                    renamed: x.name != y.name,
                    recoded: x.code != y.code,
                    scoring,
                    scoring_a: scoring.then(|| scoring_words(&x.scoring, x.points)),
                    scoring_b: scoring.then(|| scoring_words(&y.scoring, y.points)),
                    cite: a.cite_text(&x.cite).zh != b.cite_text(&y.cite).zh,
                };
                if c.moved || c.reweighted || c.renamed || c.recoded || c.scoring || c.cite {
                    out.changed.push(c);
                } else {
                    out.unchanged += 1;
                }
            }
        }
    }
    for (j, t) in taken_b.iter().enumerate() {
        if !t {
            out.added.push(ind_ref(b, j));
        }
    }
    out
}

fn band_ref(b: &crate::rules::Band) -> BandRef {
    BandRef { grade: b.grade.clone(), min: b.min, label: b.label.clone(), side: b.side.clone() }
}

fn direct_ref(d: &crate::rules::DirectGrade) -> DirectRef {
    DirectRef { id: d.id.clone(), grade: d.grade.clone(), event_kinds: d.event_kinds.clone(), reason: d.reason.clone() }
}

/// Compares two lists matched by a key: added, removed, and the pairs that differ.
fn by_key<T, R: PartialEq>(a: &[T], b: &[T], key: impl Fn(&T) -> &str, f: impl Fn(&T) -> R) -> (Vec<R>, Vec<R>, Vec<(R, R)>) {
    let mut out = (vec![], vec![], vec![]);
    for x in a {
        match b.iter().find(|y| key(y) == key(x)) {
            None => out.1.push(f(x)),
            Some(y) => {
                let (rx, ry) = (f(x), f(y));
                if rx != ry {
                    out.2.push((rx, ry));
                }
            }
        }
    }
    for y in b {
        if !a.iter().any(|x| key(x) == key(y)) {
            out.0.push(f(y));
        }
    }
    out
}

/// One side's score of a self-assessment (answers for indicators the version lacks are ignored,
/// as `evaluate` ignores them; the rules' dates are not enforced: the comparison is of the lists).
fn side_of(rules: &CompiledRules, input: &EvaluateInput) -> Side {
    match crate::evaluate::score(rules, input) {
        Ok(s) => Side { score: Some(s.score), grade: Some(s.grade), complete: s.complete, error: None },
        Err(e) => Side { score: None, grade: None, complete: false, error: Some(Text::new(e.zh, e.en)) },
    }
}

fn case_effect(a: &CompiledRules, b: &CompiledRules, v: &Value) -> Result<CaseEffect> {
    let mut input: EvaluateInput = crate::value::from_value(v.clone()).map_err(|e| Error::shape("自评", "Self-assessment", &e.to_string()).at("$.input"))?;
    if input.rules.is_some() {
        return Err(Error::new("E_RULES_TWICE", "比较时自评中不能再带 rules", "the self-assessment to compare must not carry rules").at("$.input.rules"));
    }
    input.allow_out_of_effect = true;
    let (sa, sb) = (side_of(a, &input), side_of(b, &input));
    Ok(CaseEffect { grade_changed: sa.grade != sb.grade, a: sa, b: sb })
}

fn batch_effect(a: &CompiledRules, b: &CompiledRules, csv: &str, as_of: &Option<String>, ty: &Option<String>) -> Result<BatchEffect> {
    let as_of = as_of.as_deref().ok_or_else(|| Error::new("E_DIFF_AS_OF", "比较批量文件须给出评价基准日 asOf", "comparing a batch file needs the as-of date (asOf)").at("$.asOf"))?;
    let date = crate::dates::parse_date(as_of, "asOf").map_err(|e| e.at("$.asOf"))?;
    let opts = || crate::batch::Options { as_of: date, default_type: ty.clone(), allow_out_of_effect: true, max_rows: crate::batch::MAX_ROWS_TEXT };
    let ra = crate::batch::run_text(a, opts(), csv).map_err(|e| e.at("$.batch"))?;
    let rb = crate::batch::run_text(b, opts(), csv).map_err(|e| e.at("$.batch"))?;
    let mut eff = BatchEffect { as_of: as_of.to_string(), rows: 0, graded_both: 0, changed: 0, moves: vec![], list: vec![], truncated: false };
    for (x, y) in ra.rows.iter().zip(rb.rows.iter()) {
        eff.rows += 1;
        if x.5.is_some() && y.5.is_some() {
            eff.graded_both += 1;
        }
        if x.5 == y.5 {
            continue;
        }
        eff.changed += 1;
        let (from, to) = (x.5.clone().unwrap_or_default(), y.5.clone().unwrap_or_default());
        match eff.moves.iter_mut().find(|m| m.from == from && m.to == to) {
            Some(m) => m.count += 1,
            None => eff.moves.push(Move { from, to, count: 1 }),
        }
        if eff.list.len() < MAX_LISTED_ROWS {
            eff.list.push(RowChange { row: x.0, name: x.1.clone(), code: x.2.clone(), score_a: x.4, grade_a: x.5.clone(), score_b: y.4, grade_b: y.5.clone() });
        } else {
            eff.truncated = true;
        }
    }
    let rank = |g: &str| a.grade_rank(g).min(b.grade_rank(g));
    eff.moves.sort_by_key(|m| (rank(&m.from), rank(&m.to)));
    Ok(eff)
}

/// `diff-rules`: `{a, b, input?, batch?, asOf?, type?}` → what changed from `a` to `b`, and its
/// effect on the self-assessment `input` and on the `batch` file.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条.
pub fn diff_rules(i: DiffInput) -> Result<RulesDiff> {
    let a = rules_of(&i.a, "a")?;
    let b = rules_of(&i.b, "b")?;
    let (ad, bd) = (&a.doc, &b.doc);
    let (added, removed, changed) = by_key(&ad.bands, &bd.bands, |x| x.grade.as_str(), band_ref);
    let bands = BandsDiff { added, removed, changed: changed.into_iter().map(|(a, b)| BandChange { a, b }).collect() };
    let (added, removed, changed) = by_key(&ad.direct_grades, &bd.direct_grades, |x| x.id.as_str(), direct_ref);
    let direct_grades = DirectDiff { added, removed, changed: changed.into_iter().map(|(a, b)| DirectChange { a, b }).collect() };
    let kref = |k: &crate::rules::EventKind| (k.kind.clone(), k.name.zh.clone());
    let (added, removed, _) = by_key(&ad.event_kinds, &bd.event_kinds, |x| x.kind.as_str(), kref);
    let name_of = |list: &[crate::rules::EventKind], k: &str| list.iter().find(|e| e.kind == k).map(|e| e.name.clone()).unwrap_or_default();
    let event_kinds = KindsDiff {
        added: added.into_iter().map(|(k, _)| KindRef { name: name_of(&bd.event_kinds, &k), kind: k }).collect(),
        removed: removed.into_iter().map(|(k, _)| KindRef { name: name_of(&ad.event_kinds, &k), kind: k }).collect(),
    };
    let case = match &i.input {
        Some(v) => Some(case_effect(&a, &b, v)?),
        None => None,
    };
    let batch = match &i.batch {
        Some(csv) => Some(batch_effect(&a, &b, csv, &i.as_of, &i.subject_type)?),
        None => None,
    };
    Ok(RulesDiff {
        identical: a.hash == b.hash,
        scale: (ad.scale != bd.scale).then_some((ad.scale, bd.scale)),
        indicators: diff_indicators(&a, &b),
        bands,
        direct_grades,
        event_kinds,
        case,
        batch,
        a: a.info(),
        b: b.info(),
    })
}
