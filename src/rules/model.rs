//! The rule-set file, format version 1 (documented in `docs/rules-format.md`).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条、第十八条 — the indicators, their weights and
//! the grading are set by the city bureau "另行制定", so they are data, never code.

use crate::points::Points;
use crate::text::Text;
#[cfg(feature = "tools")]
use serde::Deserialize;
use serde::Serialize;

/// The top-level rule-set document.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RuleSetDoc {
    /// Always `"yibao-credit-rules"`.
    pub format: String,
    /// Always `1` for this format.
    pub format_version: u32,
    pub id: String,
    pub version: String,
    pub title: Text,
    pub issuer: Text,
    /// `true` for the sample sets shipped with the tool (to be replaced by the local bureau's).
    #[serde(default)]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    pub sources: Vec<Source>,
    pub effective_from: String,
    #[serde(default)]
    pub effective_to: Option<String>,
    /// `institution` (机构类) or `person` (个人类), 第五条.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass"))]
    pub subject_class: String,
    /// Subject types covered, e.g. `retail-pharmacy`, `physician`.
    pub subject_types: Vec<String>,
    /// 1000 for institutions, 100 for persons (第十九条).
    pub scale: Points,
    pub bands: Vec<Band>,
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub event_kinds: Vec<EventKind>,
    #[serde(default)]
    pub direct_grades: Vec<DirectGrade>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Credit repair (第二十八至三十条): conditions, materials and national publicity periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair: Option<Repair>,
}

/// A document the rules rely on.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// A source of the law library (`data/law/ID.json`, e.g. `shanwei-2022`): its title, dates
    /// and articles come from there, and every citation of this source is checked against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<String>,
    /// The title as written, with its book-title marks: `《汕尾市医疗保障信用管理办法（试行）》`
    /// (required unless `law` is given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Last day of a trial period, if the document sets one (汕尾 第三十四条: 试行两年).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_until: Option<String>,
}

/// A citation: a source id and the article(s) in it, as written (`第十五条第（三）项、第（四）项`,
/// `第二十九条、附件6`); empty for a library source cited as a whole (its articles unverified).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub source: String,
    #[serde(default)]
    pub article: String,
}

/// A grade band: scores `>= min` (and below the next band's min) get this grade (第十九条).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Band {
    pub grade: String,
    pub min: Points,
    pub label: Text,
    /// `trustworthy` (A, B: 第二十五条 incentives) or `dishonest`-side (C, D, E: 第二十六条).
    pub side: String,
    pub cite: Cite,
}

/// One node of the three-level indicator tree (一级/二级/三级, 第十八条).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Indicator {
    pub code: String,
    #[serde(default)]
    pub parent: Option<String>,
    pub depth: u8,
    pub name: Text,
    pub points: Points,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
    pub cite: Cite,
}

/// How a leaf (三级指标) scores; every leaf scores between 0 and its `points`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Scoring {
    /// Starts at `points`; each occurrence deducts `per`, never below 0.
    #[serde(rename_all = "camelCase")]
    Deduction {
        per: Points,
        #[serde(default)]
        event_kinds: Vec<String>,
    },
    /// `points` when the answer equals `pointsIf` (default yes), else 0.
    #[serde(rename_all = "camelCase")]
    YesNo {
        #[serde(default = "yes")]
        points_if: bool,
    },
    /// A rating entered by the evaluator: one of `levels`, or any value 0..=points if none.
    #[serde(rename_all = "camelCase")]
    Rating {
        #[serde(default)]
        levels: Vec<Level>,
    },
    /// Starts at 0; each occurrence adds `per`, capped at `points`.
    #[serde(rename_all = "camelCase")]
    Bonus {
        per: Points,
        #[serde(default)]
        event_kinds: Vec<String>,
    },
}

#[cfg_attr(not(feature = "tools"), allow(dead_code))]
fn yes() -> bool {
    true
}

/// A rating level.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: Text,
    pub points: Points,
}

/// A kind of dated event (adverse or trustworthy) the input may list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventKind {
    pub kind: String,
    pub name: Text,
    /// `adverse` (不良信息, 第十五条) or `trustworthy` (守信信息, 第十四条).
    pub nature: String,
    pub cite: Cite,
    #[serde(default)]
    pub joint_punishments: Vec<JointPunishment>,
}

/// A joint punishment an event triggers, with its legal basis (秦皇岛方案 二（三）).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JointPunishment {
    pub id: String,
    pub text: Text,
    pub basis: String,
    pub cite: Cite,
}

/// A rule that sets the grade whatever the points (e.g. on the serious-dishonesty list → E).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DirectGrade {
    pub id: String,
    pub event_kinds: Vec<String>,
    pub grade: String,
    pub reason: Text,
    pub cite: Cite,
}

/// A measure applied to subjects of some grades (第二十五条、第二十六条).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    /// `incentive` (激励) or `penalty` (惩戒) or `publication` (公开).
    pub kind: String,
    pub grades: Vec<String>,
    /// Subject classes it applies to: `institution`, `person` or both.
    pub classes: Vec<String>,
    pub text: Text,
    pub cite: Cite,
}

/// The optional `repair` section of a rule set: what credit repair asks of the subject.
///
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十八至三十条、附件3至附件6; the national minimum and
/// maximum publicity periods (国家发展改革委令第58号, 第36号) as effective-dated entries.
///
/// ```json
/// "repair": {
///   "conditions": [{"id": "corrected", "test": "done.corrected", "mustBe": true,
///                   "text": {"zh": "…", "en": "…"}, "cite": {"source": "shanwei", "article": "第二十九条"}}],
///   "materials":  [{"id": "application", "form": "附件3", "test": null, "text": {…}, "cite": {…}}],
///   "nationalPeriods": [{"id": "ndrc-36", "order": {…}, "effectiveFrom": "2026-04-01", "effectiveTo": null,
///                        "runsFrom": "decisionDate", "repairOnlyAfterMinimum": true,
///                        "bySeverity": [{"severity": "general", "minMonths": 3, "maxMonths": 12}], "cite": {…}}]
/// }
/// ```
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Repair {
    /// The conditions of 第二十九条, in the order they are shown.
    pub conditions: Vec<RepairCondition>,
    /// The materials to hand in (第二十九条第二款: 附件3, 附件4, proof of correction).
    pub materials: Vec<RepairMaterial>,
    /// The national publicity periods, one entry per order, chosen by the application date.
    pub national_periods: Vec<NationalPeriods>,
}

/// What a condition tests, by the name of the `repair` input's answer (see [`REPAIR_TESTS`]).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条、附件6。
pub const REPAIR_TESTS: &[&str] = &[
    "done.corrected",
    "done.obligationsPerformed",
    "done.effectEliminated",
    "done.newSameKindSince",
    "done.pledgeSigned",
    "done.proofAttached",
    "barredByLaw",
    "minimumPeriod",
];

/// One condition of credit repair (第二十九条).
///
/// `test` names the input answer it reads ([`REPAIR_TESTS`]); the condition is met when the answer
/// equals `mustBe`. `minimumPeriod` is not an answer: it is met once the national minimum
/// publicity period has run (see [`NationalPeriods`]). `permanent` marks a condition no later
/// action can meet (a law bars repair): its failure is "not repairable", not "not yet".
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepairCondition {
    pub id: String,
    pub test: String,
    #[serde(default = "yes")]
    pub must_be: bool,
    #[serde(default)]
    pub permanent: bool,
    pub text: Text,
    /// What to do when the condition is not met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Text>,
    pub cite: Cite,
}

/// One item of the materials list (第二十九条第二款).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepairMaterial {
    pub id: String,
    /// The form of the measures it uses, e.g. `附件3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// The input answer saying the item is ready (one of [`REPAIR_TESTS`] starting `done.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<String>,
    pub text: Text,
    pub cite: Cite,
}

/// The national minimum and maximum publicity periods of one order, in force from
/// `effectiveFrom` to `effectiveTo` (inclusive).
///
/// 依据：国家发展改革委令第58号《失信行为纠正后的信用信息修复管理办法（试行）》（2023-05-01 施行）；
/// 国家发展改革委令第36号《信用修复管理办法》（2026-04-01 施行）. Values not confirmed from the
/// order's own text are marked `certain: false` and explained in `notes`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct NationalPeriods {
    pub id: String,
    /// The order's name: `国家发展改革委令第36号《信用修复管理办法》`.
    pub order: Text,
    pub effective_from: String,
    #[serde(default)]
    pub effective_to: Option<String>,
    /// The date the periods run from: `decisionDate` or `publicationDate` (of the record).
    pub runs_from: String,
    /// Repair may be asked for only after the minimum period has run.
    pub repair_only_after_minimum: bool,
    pub by_severity: Vec<SeverityPeriod>,
    pub cite: Cite,
    /// What is certain and what is not about these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// The periods for one severity (`minor` 轻微, `general` 一般, `serious` 严重), in whole months.
/// `minMonths` absent with `published: false` means no minimum (not published in principle);
/// absent with `published: true` means the value is not known (the answer then asks for it).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tools", derive(Deserialize))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeverityPeriod {
    pub severity: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_months: Option<u32>,
    /// `false`: not published in principle (轻微, Order 36).
    #[serde(default = "yes")]
    pub published: bool,
    /// `false` when the values come from secondary sources and are not confirmed.
    #[serde(default = "yes")]
    pub certain: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}
