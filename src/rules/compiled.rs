//! A rule set shipped already checked and compiled (`www/rules/NAME.plan.json`).
//!
//! The checker (`check.rs`) runs where rule sets are made: the command line at build time
//! (`yibao-credit compile-rules`, scripts/build.sh) for the shipped sets, and the tools module for a
//! bureau's own file. What it passed is written out with its hash and its warnings, so the first
//! screen only reads it back ([`read`]): a small reader of a document that is known to be good,
//! without the checker or the strict reader of rule files (and their messages) in its module.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条 — the rule set is the bureau's data; this
//! is the same data, checked once.

use super::model::*;
use super::{CompiledRules, Problem};
use crate::points::Points;
use crate::text::Text;
use crate::value::Value;
use serde::Serialize;

/// The `format` of a compiled rule set.
pub const FORMAT: &str = "yibao-credit-compiled";

/// A compiled rule set as written: the checked document, its hash and the checker's warnings.
#[derive(Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompiledOut<'a> {
    /// Always `"yibao-credit-compiled"`.
    pub format: &'static str,
    /// Always `1`.
    pub format_version: u32,
    /// SHA-256 of the canonical form of the document (as the checker computed it).
    pub hash: &'a str,
    /// The checker's warnings, repeated on every result.
    pub warnings: &'a [Problem],
    /// The document the checker passed, with its shared sections in place.
    pub doc: &'a RuleSetDoc,
    /// Every citation of the document resolved by the law library (the first screen's module
    /// carries no law library).
    pub cites: Vec<CiteOut<'a>>,
    /// What to tell the user about the sources' dates (a trial or validity ended, a repeal).
    pub notes: Vec<NoteOut>,
    /// The rule set's texts as an explanation refers to them (`RuleSet.catalog`): the page takes
    /// them from here rather than out of the module (not read back by [`read`]).
    pub catalog: &'a crate::explain::Catalog,
}

/// A citation of the document (`source`, `article` as written) resolved.
#[derive(Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CiteOut<'a> {
    pub source: &'a str,
    pub article: &'a str,
    pub citation: crate::law::Citation,
}

/// A date note of the sources: applies to dates `before`, `after` or `onOrAfter` its `date`.
#[derive(Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NoteOut {
    pub code: &'static str,
    pub when: &'static str,
    pub date: String,
    pub text: Text,
}

/// The compiled form of a checked rule set.
pub fn out(rules: &CompiledRules) -> CompiledOut<'_> {
    let cites = rules.all_cites().into_iter().map(|c| CiteOut { source: &c.source, article: &c.article, citation: rules.cite_text(c) }).collect();
    let notes = rules
        .date_notes()
        .iter()
        .map(|n| {
            let (when, d) = match n.when {
                crate::law::When::Before(d) => ("before", d),
                crate::law::When::After(d) => ("after", d),
                crate::law::When::OnOrAfter(d) => ("onOrAfter", d),
            };
            NoteOut { code: n.code, when, date: crate::dates::iso(d), text: n.text.clone() }
        })
        .collect();
    CompiledOut { format: FORMAT, format_version: 1, hash: &rules.hash, warnings: &rules.warnings, doc: &rules.doc, cites, notes, catalog: rules.catalog() }
}

/// Whether a value is a compiled rule set (rather than a rule-set document).
pub fn is_compiled(v: &Value) -> bool {
    v.get("format").and_then(Value::as_str) == Some(FORMAT)
}

/// Reads a compiled rule set back; `None` when it is not one this version wrote.
pub fn read(v: &Value) -> Option<CompiledRules> {
    if !is_compiled(v) || v.get("formatVersion").and_then(Value::as_u64) != Some(1) {
        return None;
    }
    let warnings = list(v, "warnings", |w| Some(Problem { code: code(w.get("code")?.as_str()?), path: opt_str(w, "path"), zh: s(w, "zh")?, en: s(w, "en")? }))?;
    let cites = list(v, "cites", |c| {
        let ct = c.get("citation")?;
        let refs = list(ct, "refs", |r| Some(crate::law::LawRef { law: s(r, "law")?, article: s(r, "article"), attachment: s(r, "attachment") }))?;
        Some((s(c, "source")?, s(c, "article")?, crate::law::Citation { zh: s(ct, "zh")?, en: s(ct, "en")?, refs }))
    })?;
    let notes = list(v, "notes", |n| {
        let d = crate::dates::parse_date(n.get("date")?.as_str()?, "date").ok()?;
        let when = match n.get("when")?.as_str()? {
            "before" => crate::law::When::Before(d),
            "after" => crate::law::When::After(d),
            _ => crate::law::When::OnOrAfter(d),
        };
        Some(crate::law::DateNote { code: code(n.get("code")?.as_str()?), when, text: t(n, "text")? })
    })?;
    let rules = CompiledRules::assemble(doc(v.get("doc")?)?, s(v, "hash")?, warnings, cites)?;
    let _ = rules.notes_cell.set(notes);
    Some(rules)
}

/// The codes of the checker's warnings and of the sources' date notes (a code read back is one of them).
fn code(c: &str) -> &'static str {
    const CODES: [&str; 6] = ["W_RULES_SAMPLE", "W_RULES_SOURCE_TITLE", "W_SOURCE_NOT_YET_IN_FORCE", "W_SOURCE_REPEALED", "W_SOURCE_TRIAL_ENDED", "W_SOURCE_VALIDITY_ENDED"];
    CODES.iter().find(|k| **k == c).copied().unwrap_or("W_RULES")
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k)?.as_str().map(str::to_string)
}

/// A string that may be missing (then empty).
fn s0(v: &Value, k: &str) -> String {
    s(v, k).unwrap_or_default()
}

fn opt_str(v: &Value, k: &str) -> Option<String> {
    s(v, k)
}

fn text(v: &Value) -> Option<Text> {
    Some(Text { zh: s(v, "zh")?, en: s0(v, "en") })
}

fn t(v: &Value, k: &str) -> Option<Text> {
    text(v.get(k)?)
}

fn opt_text(v: &Value, k: &str) -> Option<Text> {
    v.get(k).and_then(text)
}

fn points(v: &Value, k: &str) -> Option<Points> {
    crate::value::exact_hundredths(v.get(k)?.as_f64()?).map(Points)
}

fn flag(v: &Value, k: &str, default: bool) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(default)
}

fn months(v: &Value, k: &str) -> Option<u32> {
    v.get(k).and_then(Value::as_u64).map(|n| n as u32)
}

/// An array of `k` (missing or null: empty), every item read by `f`.
fn list<T>(v: &Value, k: &str, f: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    match v.get(k) {
        None | Some(Value::Null) => Some(vec![]),
        Some(Value::Array(a)) => a.iter().map(f).collect(),
        Some(_) => None,
    }
}

fn strs(v: &Value, k: &str) -> Option<Vec<String>> {
    list(v, k, |x| x.as_str().map(str::to_string))
}

fn cite(v: &Value) -> Option<Cite> {
    let c = v.get("cite")?;
    Some(Cite { source: s(c, "source")?, article: s0(c, "article") })
}

fn doc(d: &Value) -> Option<RuleSetDoc> {
    Some(RuleSetDoc {
        format: s(d, "format")?,
        format_version: d.get("formatVersion")?.as_u64()? as u32,
        id: s(d, "id")?,
        version: s(d, "version")?,
        title: t(d, "title")?,
        issuer: t(d, "issuer")?,
        sample: flag(d, "sample", false),
        notice: opt_text(d, "notice"),
        sources: list(d, "sources", |x| {
            Some(Source { id: s(x, "id")?, law: s(x, "law"), title: s0(x, "title"), issuer: s(x, "issuer"), date: s(x, "date"), trial_until: s(x, "trialUntil") })
        })?,
        effective_from: s(d, "effectiveFrom")?,
        effective_to: s(d, "effectiveTo"),
        subject_class: s(d, "subjectClass")?,
        subject_types: strs(d, "subjectTypes")?,
        scale: points(d, "scale")?,
        bands: list(d, "bands", |x| Some(Band { grade: s(x, "grade")?, min: points(x, "min")?, label: t(x, "label")?, side: s(x, "side")?, cite: cite(x)? }))?,
        indicators: list(d, "indicators", indicator)?,
        event_kinds: list(d, "eventKinds", |x| {
            Some(EventKind {
                kind: s(x, "kind")?,
                name: t(x, "name")?,
                nature: s(x, "nature")?,
                cite: cite(x)?,
                joint_punishments: list(x, "jointPunishments", |p| Some(JointPunishment { id: s(p, "id")?, text: t(p, "text")?, basis: s(p, "basis")?, cite: cite(p)? }))?,
            })
        })?,
        direct_grades: list(d, "directGrades", |x| {
            Some(DirectGrade { id: s(x, "id")?, event_kinds: strs(x, "eventKinds")?, grade: s(x, "grade")?, reason: t(x, "reason")?, cite: cite(x)? })
        })?,
        measures: list(d, "measures", |x| {
            Some(Measure { id: s(x, "id")?, kind: s(x, "kind")?, grades: strs(x, "grades")?, classes: strs(x, "classes")?, text: t(x, "text")?, cite: cite(x)? })
        })?,
        repair: match d.get("repair") {
            None | Some(Value::Null) => None,
            Some(r) => Some(repair(r)?),
        },
    })
}

fn indicator(x: &Value) -> Option<Indicator> {
    let scoring = match x.get("scoring") {
        None | Some(Value::Null) => None,
        Some(sc) => Some(match sc.get("type")?.as_str()? {
            "deduction" => Scoring::Deduction { per: points(sc, "per")?, event_kinds: strs(sc, "eventKinds")? },
            "bonus" => Scoring::Bonus { per: points(sc, "per")?, event_kinds: strs(sc, "eventKinds")? },
            "yesNo" => Scoring::YesNo { points_if: flag(sc, "pointsIf", true) },
            "rating" => Scoring::Rating { levels: list(sc, "levels", |l| Some(Level { id: s(l, "id")?, label: t(l, "label")?, points: points(l, "points")? }))? },
            _ => return None,
        }),
    };
    Some(Indicator {
        code: s(x, "code")?,
        parent: s(x, "parent"),
        depth: x.get("depth")?.as_u64()? as u8,
        name: t(x, "name")?,
        points: points(x, "points")?,
        help: opt_text(x, "help"),
        scoring,
        cite: cite(x)?,
    })
}

fn repair(r: &Value) -> Option<Repair> {
    Some(Repair {
        conditions: list(r, "conditions", |c| {
            Some(RepairCondition {
                id: s(c, "id")?,
                test: s(c, "test")?,
                must_be: flag(c, "mustBe", true),
                permanent: flag(c, "permanent", false),
                text: t(c, "text")?,
                remedy: opt_text(c, "remedy"),
                cite: cite(c)?,
            })
        })?,
        materials: list(r, "materials", |m| Some(RepairMaterial { id: s(m, "id")?, form: s(m, "form"), test: s(m, "test"), text: t(m, "text")?, cite: cite(m)? }))?,
        national_periods: list(r, "nationalPeriods", |n| {
            Some(NationalPeriods {
                id: s(n, "id")?,
                order: t(n, "order")?,
                effective_from: s(n, "effectiveFrom")?,
                effective_to: s(n, "effectiveTo"),
                runs_from: s(n, "runsFrom")?,
                repair_only_after_minimum: n.get("repairOnlyAfterMinimum")?.as_bool()?,
                by_severity: list(n, "bySeverity", |p| {
                    Some(SeverityPeriod {
                        severity: s(p, "severity")?,
                        min_months: months(p, "minMonths"),
                        max_months: months(p, "maxMonths"),
                        published: flag(p, "published", true),
                        certain: flag(p, "certain", true),
                        note: opt_text(p, "note"),
                    })
                })?,
                cite: cite(n)?,
                notes: opt_text(n, "notes"),
            })
        })?,
    })
}
