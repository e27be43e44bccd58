//! Rule sets: the data that says how subjects are scored, graded and treated.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七至十九条、第二十四至二十七条.

pub mod builtin;
// The checker, and the shared sections it puts in place, are where rule sets are made: the
// command line and the tools module. The first screen's module (no `tools`) reads rule sets the
// checker already passed (`compiled`), so it carries neither.
#[cfg(feature = "tools")]
pub mod check;
pub mod compiled;
pub mod model;
#[cfg(feature = "tools")]
pub mod shared;
pub mod versions;

use crate::dates;
use crate::error::{Error, Result};
use crate::sha256;
use chrono::NaiveDate;
#[cfg(all(not(target_arch = "wasm32"), feature = "tools"))]
pub use check::check_text;
#[cfg(feature = "tools")]
pub use check::check_value;
pub use model::*;
use std::collections::HashMap;

/// A rule-set document given to the first screen's module, which does not check documents.
pub fn needs_tools() -> Error {
    Error::new(
        "E_RULES_NEED_TOOLS",
        "读取规则文件需要先载入工具模块（页面会自动载入；使用 JS 接口时请先 await ready() 或 toolsReady()）",
        "reading a rule file needs the tools module first (the page loads it; with the JS API, await ready() or toolsReady() first)",
    )
}

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

/// One problem the checker found (a warning is kept with the rule set it was found in).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Problem {
    pub code: &'static str,
    pub path: Option<String>,
    pub zh: String,
    pub en: String,
}

/// What the checker says of a rule-set text (the checker is in the tools module and the command
/// line; the type is declared in both modules).
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub valid: bool,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<RulesInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicators: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaves: Option<usize>,
    #[serde(skip)]
    pub compiled: Option<CompiledRules>,
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
    /// The compiled plan everything scores through.
    pub plan: crate::plan::Plan,
    /// The texts an explanation refers to, made on first use.
    pub catalog_cell: std::sync::OnceLock<crate::explain::Catalog>,
    /// The date notes of the sources, made on first use.
    pub notes_cell: std::sync::OnceLock<Vec<crate::law::DateNote>>,
    /// Citations resolved when the rule set was compiled (`compiled`: source id, article, the
    /// citation), so the first screen's module needs no law library; empty when made by the checker.
    pub cites: Vec<(String, String, crate::law::Citation)>,
}

impl CompiledRules {
    /// Reads and checks a rule-set JSON text; refuses it with the first error (and the count) if
    /// the checker finds any. Use [`check_text`] to list every problem.
    #[cfg(all(not(target_arch = "wasm32"), feature = "tools"))]
    pub fn from_json(text: &str) -> Result<CompiledRules> {
        Self::from_report(check_text(text))
    }

    /// Checks a rule-set document already read (see [`check_value`]) and compiles it, or refuses
    /// it with the first error.
    #[cfg(feature = "tools")]
    pub fn from_value(value: crate::value::Value) -> Result<CompiledRules> {
        Self::from_report(check::check_value(value))
    }

    /// A rule set given inside an input: its compiled form (`compiled`), the document, or
    /// (natively) its JSON text. The first screen's module reads only the compiled form: a
    /// document is checked and compiled by the tools module first (`www/loader.js` hands it over).
    pub fn from_input(v: &crate::value::Value) -> Result<CompiledRules> {
        if compiled::is_compiled(v) {
            return compiled::read(v).ok_or_else(|| Error::new("E_RULES_INVALID", "编译后的规则文件无法读取", "the compiled rule set cannot be read"));
        }
        #[cfg(feature = "tools")]
        return match v {
            #[cfg(not(target_arch = "wasm32"))]
            crate::value::Value::String(text) => Self::from_json(text),
            other => Self::from_value(other.clone()),
        };
        #[cfg(not(feature = "tools"))]
        Err(needs_tools())
    }

    /// A rule set the checker passed, given back as written by [`compiled::out`]: the indexes
    /// and the plan are made again (`None` if the document does not hold together, which a
    /// document the checker passed always does).
    pub fn assemble(doc: RuleSetDoc, hash: String, warnings: Vec<Problem>, cites: Vec<(String, String, crate::law::Citation)>) -> Option<CompiledRules> {
        let effective_from = dates::parse_date(&doc.effective_from, "effectiveFrom").ok()?;
        let effective_to = match &doc.effective_to {
            Some(t) => Some(dates::parse_date(t, "effectiveTo").ok()?),
            None => None,
        };
        let mut by_code = HashMap::new();
        for (i, ind) in doc.indicators.iter().enumerate() {
            by_code.insert(ind.code.clone(), i);
        }
        let mut children: Vec<Vec<usize>> = vec![vec![]; doc.indicators.len()];
        let mut roots = vec![];
        for (i, ind) in doc.indicators.iter().enumerate() {
            match &ind.parent {
                None => roots.push(i),
                Some(par) => children[*by_code.get(par)?].push(i),
            }
        }
        let mut bands_desc: Vec<usize> = (0..doc.bands.len()).collect();
        crate::sort::sort_by(&mut bands_desc, |&a, &b| doc.bands[b].min.cmp(&doc.bands[a].min));
        let mut rules = CompiledRules {
            doc,
            hash,
            effective_from,
            effective_to,
            by_code,
            children,
            roots,
            bands_desc,
            warnings,
            cites,
            plan: crate::plan::Plan::default(),
            catalog_cell: std::sync::OnceLock::new(),
            notes_cell: std::sync::OnceLock::new(),
        };
        rules.plan = crate::plan::Plan::new(&rules);
        Some(rules)
    }

    #[cfg(feature = "tools")]
    fn from_report(report: CheckReport) -> Result<CompiledRules> {
        // A text that is not JSON at all (or nested past the reader's limit): that one problem, as
        // the command layer reports unreadable input.
        if let [only] = report.errors.as_slice() {
            if only.code == "E_RULES_JSON" {
                let mut e = Error::new("E_RULES_JSON", only.zh.clone(), only.en.clone());
                e.path = only.path.clone();
                return Err(e);
            }
        }
        if let Some(first) = report.errors.first() {
            let n = report.errors.len();
            let mut e = Error::new(
                "E_RULES_INVALID",
                format!("规则文件有 {n} 处错误，未被采用。第一处：{}", first.zh),
                format!("the rule set has {n} {} and was not used. First: {}", if n == 1 { "error" } else { "errors" }, first.en),
            );
            e.path = first.path.clone();
            return Err(e);
        }
        report.compiled.ok_or_else(|| Error::new("E_INTERNAL", "内部错误：规则未编译", "internal error: rules not compiled"))
    }

    /// The catalog of this rule set's texts (see [`crate::explain`]).
    pub fn catalog(&self) -> &crate::explain::Catalog {
        self.catalog_cell.get_or_init(|| crate::explain::catalog(self))
    }

    /// The citation of `cite`: `《汕尾市医疗保障信用管理办法（试行）》第十九条`, in English, and
    /// the library articles it points at (a source of the law library; the checker made sure it
    /// resolves), or the title and article as written (a source of the rule set's own).
    pub fn cite_text(&self, cite: &Cite) -> crate::law::Citation {
        if let Some((_, _, c)) = self.cites.iter().find(|(s, a, _)| *s == cite.source && *a == cite.article) {
            return c.clone();
        }
        match self.doc.sources.iter().find(|s| s.id == cite.source) {
            // The first screen's module has no law library: its rule sets come with their
            // citations resolved (above).
            #[cfg(feature = "tools")]
            Some(Source { law: Some(law), .. }) => crate::law::cite(law, &cite.article).unwrap_or_else(|_| crate::law::Citation::plain(law, &cite.article)),
            #[cfg(not(feature = "tools"))]
            Some(Source { law: Some(law), .. }) => crate::law::Citation::plain(law, &cite.article),
            Some(s) => crate::law::Citation::plain(&s.title, &cite.article),
            None => crate::law::Citation::plain(&cite.source, &cite.article),
        }
    }

    /// Every citation of the document (its sources' ids and articles), once each, in file order.
    pub fn all_cites(&self) -> Vec<&Cite> {
        let d = &self.doc;
        let mut all: Vec<&Cite> = vec![];
        all.extend(d.bands.iter().map(|b| &b.cite));
        all.extend(d.indicators.iter().map(|i| &i.cite));
        for k in &d.event_kinds {
            all.push(&k.cite);
            all.extend(k.joint_punishments.iter().map(|p| &p.cite));
        }
        all.extend(d.direct_grades.iter().map(|g| &g.cite));
        all.extend(d.measures.iter().map(|m| &m.cite));
        if let Some(r) = &d.repair {
            all.extend(r.conditions.iter().map(|c| &c.cite));
            all.extend(r.materials.iter().map(|m| &m.cite));
            all.extend(r.national_periods.iter().map(|n| &n.cite));
        }
        let mut out: Vec<&Cite> = vec![];
        for c in all {
            if !out.iter().any(|o| o.source == c.source && o.article == c.article) {
                out.push(c);
            }
        }
        out
    }

    /// The library ids of the rule set's sources (for [`crate::law::validity_notes`]).
    pub fn laws(&self) -> Vec<&str> {
        self.doc.sources.iter().filter_map(|s| s.law.as_deref()).collect()
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

    /// When the rules are in force, in Chinese and in English (`2022-12-15 至 （无）`,
    /// `2022-12-15 to (open)`), for the messages about it.
    pub fn effective_span(&self) -> (String, String) {
        let from = dates::iso(self.effective_from);
        match self.effective_to.map(dates::iso) {
            Some(to) => (format!("{from} 至 {to}"), format!("{from} to {to}")),
            None => (format!("{from} 至 （无）"), format!("{from} to (open)")),
        }
    }

    /// What to tell the user about the rule set's sources for a date (a trial or validity that has
    /// ended, a repeal, a source not yet in force): from the law library for its sources, from
    /// `trialUntil` for a source of the rule set's own (汕尾 第三十四条: 试行两年).
    pub fn date_notes(&self) -> &[crate::law::DateNote] {
        self.notes_cell.get_or_init(|| self.make_date_notes())
    }

    #[cfg_attr(not(feature = "tools"), allow(unused_mut))]
    fn make_date_notes(&self) -> Vec<crate::law::DateNote> {
        let mut out = vec![];
        // The first screen's module has no law library: a compiled rule set brings its notes.
        #[cfg(feature = "tools")]
        for s in &self.doc.sources {
            match &s.law {
                // A source not yet in force is the rule set's own dates' business
                // (W_RULES_NOT_IN_EFFECT); a repeal is not news when the rule set lists what
                // replaced it (the shipped sets cite Order 58 for records decided before 2026-04-01).
                Some(law) => out.extend(crate::law::date_notes(law).into_iter().filter(|n| match n.code {
                    "W_SOURCE_NOT_YET_IN_FORCE" => false,
                    "W_SOURCE_REPEALED" => !crate::law::get(law).and_then(|l| l.replaced_by).is_some_and(|r| self.laws().contains(&r)),
                    _ => true,
                })),
                None => {
                    if let Some(t) = s.trial_until.as_deref().and_then(|t| dates::parse_date(t, "trialUntil").ok()) {
                        out.push(crate::law::DateNote {
                            code: "W_SOURCE_TRIAL_ENDED",
                            when: crate::law::When::After(t),
                            text: crate::text::Text::new(
                                format!("{}的试行期已于 {t} 届满，请向本地医保局确认现行依据", s.title),
                                format!("the trial period of {} ended on {t}; confirm the rules in force with the local bureau", s.title),
                            ),
                        });
                    }
                }
            }
        }
        out
    }

    /// The notes of [`Self::date_notes`] that apply on `date`.
    pub fn validity_notes(&self, date: NaiveDate) -> Vec<crate::text::Text> {
        self.date_notes().iter().filter(|n| n.when.applies(date)).map(|n| n.text.clone()).collect()
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

pub use crate::plan::band_position;

/// Which rules made a result: printed on every result, report and form.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
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

/// SHA-256 of the canonical form of a JSON document: object keys sorted, no insignificant spaces
/// (as serde_json writes it).
pub fn canonical_hash(value: &crate::value::Value) -> String {
    sha256::hex(value.to_json().as_bytes())
}

/// Input of the `rules` command: a shipped set by `name` or by subject `type`, or neither (the list).
#[derive(Debug, serde::Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RulesQuery {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectType | null"))]
    pub subject_type: Option<String>,
}

/// The name of the shipped set a query asks for (None: the list is asked for).
pub fn pick_builtin(q: &RulesQuery) -> Result<Option<&'static str>> {
    match (&q.name, &q.subject_type) {
        (Some(n), _) => builtin::NAMES.iter().find(|b| *b == n).copied().map(Some).ok_or_else(|| {
            Error::new("E_RULES_UNKNOWN", format!("没有名为“{n}”的内置指标"), format!("there is no built-in rule set named \"{n}\"")).at("$.name")
        }),
        (None, Some(t)) => builtin::name_for_subject_type(t).map(Some).map_err(|e| e.at("$.type")),
        (None, None) => Ok(None),
    }
}

/// A shipped rule set as the `rules` command lists it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RulesListItem {
    pub name: &'static str,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass"))]
    pub subject_class: String,
    pub subject_types: Vec<String>,
    #[serde(flatten)]
    pub info: RulesInfo,
}

/// The shipped rule sets (in WebAssembly: those the page has loaded).
pub fn builtin_list() -> Result<Vec<RulesListItem>> {
    Ok(builtin::NAMES
        .iter()
        .filter_map(|n| {
            builtin::by_name(n).ok().map(|r| RulesListItem { name: n, subject_class: r.doc.subject_class.clone(), subject_types: r.doc.subject_types.clone(), info: r.info() })
        })
        .collect())
}
