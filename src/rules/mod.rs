//! Rule sets: the data that says how subjects are scored, graded and treated.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条、第二十四至二十七条.

pub mod builtin;
pub mod check;
pub mod model;

use crate::dates;
use crate::error::{Error, Result};
use crate::sha256;
use chrono::NaiveDate;
pub use check::{check_text, CheckReport, Problem};
pub use model::*;
use std::collections::HashMap;

/// Subject types by class (第五条): institutions and persons.
pub const INSTITUTION_TYPES: &[(&str, &str, &str)] = &[
    ("medical-institution", "定点医疗机构", "designated medical institution"),
    ("retail-pharmacy", "定点零售药店", "designated retail pharmacy"),
    ("other-institution", "其他机构", "other institution"),
];
/// 第五条（二）个人类信用主体; 医保药师 as on the national platform.
pub const PERSON_TYPES: &[(&str, &str, &str)] = &[
    ("physician", "医保医师", "medical-insurance physician"),
    ("pharmacist", "医保药师", "medical-insurance pharmacist"),
    ("insured", "参保人员", "insured person"),
    ("other-person", "其他个人", "other person"),
];

/// The class (`institution` / `person`) of a subject type, if the type is known.
pub fn class_of(subject_type: &str) -> Option<&'static str> {
    if INSTITUTION_TYPES.iter().any(|t| t.0 == subject_type) {
        Some("institution")
    } else if PERSON_TYPES.iter().any(|t| t.0 == subject_type) {
        Some("person")
    } else {
        None
    }
}

/// A checked rule set, ready to evaluate with: the document, its hash and its indexes.
#[derive(Debug, Clone)]
pub struct CompiledRules {
    pub doc: RuleSetDoc,
    /// SHA-256 of the canonical form (keys sorted, no spaces) of the document as given.
    pub hash: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    /// Index of each indicator by code.
    pub by_code: HashMap<String, usize>,
    /// Children of each indicator (indices), in file order; `roots` for depth 1.
    pub children: Vec<Vec<usize>>,
    pub roots: Vec<usize>,
    /// Bands from the highest `min` down.
    pub bands_desc: Vec<usize>,
    /// Warnings of the checker (kept so every result can repeat them).
    pub warnings: Vec<Problem>,
}

impl CompiledRules {
    /// Reads and checks a rule-set JSON text; refuses it with the first error (and the count) if
    /// the checker finds any. Use [`check_text`] to list every problem.
    pub fn from_json(text: &str) -> Result<CompiledRules> {
        let report = check_text(text);
        if let Some(first) = report.errors.first() {
            let n = report.errors.len();
            let mut e = Error::new(
                "E_RULES_INVALID",
                format!("规则文件有 {n} 处错误，未被采用。第一处：{}", first.zh),
                format!("the rule set has {n} error(s) and was not used. First: {}", first.en),
            );
            e.path = first.path.clone();
            return Err(e);
        }
        report.compiled.ok_or_else(|| Error::new("E_INTERNAL", "内部错误：规则未编译", "internal error: rules not compiled"))
    }

    /// The full citation text of `cite`: `《汕尾市医疗保障信用管理办法（试行）》第十九条`.
    pub fn cite_text(&self, cite: &Cite) -> String {
        match self.doc.sources.iter().find(|s| s.id == cite.source) {
            Some(s) => format!("{}{}", s.title, cite.article),
            None => format!("{} {}", cite.source, cite.article),
        }
    }

    /// The band a score falls in (lower bound inclusive, 第十九条).
    pub fn band_for(&self, score: crate::points::Points) -> &Band {
        let mins: Vec<crate::points::Points> = self.bands_desc.iter().map(|&i| self.doc.bands[i].min).collect();
        &self.doc.bands[self.bands_desc[band_position(&mins, score)]]
    }

    /// The band of a grade letter.
    pub fn band_of_grade(&self, grade: &str) -> Option<&Band> {
        self.doc.bands.iter().find(|b| b.grade == grade)
    }

    /// Position of a grade from the best (0 = best band).
    pub fn grade_rank(&self, grade: &str) -> usize {
        self.bands_desc.iter().position(|&i| self.doc.bands[i].grade == grade).unwrap_or(usize::MAX)
    }

    /// Whether the rules are in force on `date`.
    pub fn in_effect(&self, date: NaiveDate) -> bool {
        date >= self.effective_from && self.effective_to.map_or(true, |t| date <= t)
    }

    /// The event kind `kind`, if the rules define it.
    pub fn event_kind(&self, kind: &str) -> Option<&EventKind> {
        self.doc.event_kinds.iter().find(|k| k.kind == kind)
    }

    /// Summary used in every result: id, version, title, hash, sample flag.
    pub fn info(&self) -> RulesInfo {
        RulesInfo {
            id: self.doc.id.clone(),
            version: self.doc.version.clone(),
            title: self.doc.title.clone(),
            issuer: self.doc.issuer.clone(),
            sample: self.doc.sample,
            hash: self.hash.clone(),
            effective_from: dates::iso(self.effective_from),
            effective_to: self.effective_to.map(dates::iso),
        }
    }
}

/// Position (0 = best) of the band a score falls in, given the bands' minimums from the highest
/// down: the first band whose `min` the score reaches (lower bound inclusive); below every
/// minimum, the last band. Shared by `evaluate` (via [`CompiledRules::band_for`]) and `batch`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条（A级积分≥850 …）.
pub fn band_position(mins_desc: &[crate::points::Points], score: crate::points::Points) -> usize {
    mins_desc.iter().position(|&m| score >= m).unwrap_or(mins_desc.len().saturating_sub(1))
}

/// Which rules made a result: printed on every result, report and form.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesInfo {
    pub id: String,
    pub version: String,
    pub title: crate::text::Text,
    pub issuer: crate::text::Text,
    pub sample: bool,
    pub hash: String,
    pub effective_from: String,
    pub effective_to: Option<String>,
}

/// SHA-256 of the canonical form of a JSON text: object keys sorted, no insignificant spaces.
pub fn canonical_hash(value: &serde_json::Value) -> String {
    sha256::hex(serde_json::to_string(value).unwrap_or_default().as_bytes())
}
