//! The rule-set file, format version 1 (documented in `docs/rules-format.md`).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十七条、第十八条 — the indicators, their weights and
//! the grading are set by the city bureau "另行制定", so they are data, never code.

use crate::points::Points;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The top-level rule-set document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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
}

/// A document the rules rely on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The title as written, with its book-title marks: `《汕尾市医疗保障信用管理办法（试行）》`.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Last day of a trial period, if the document sets one (汕尾 第三十四条: 试行两年).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_until: Option<String>,
}

/// A citation: a source id and the article(s) in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub source: String,
    pub article: String,
}

/// A grade band: scores `>= min` (and below the next band's min) get this grade (第十九条).
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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

fn yes() -> bool {
    true
}

/// A rating level.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: Text,
    pub points: Points,
}

/// A kind of dated event (adverse or trustworthy) the input may list.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JointPunishment {
    pub id: String,
    pub text: Text,
    pub basis: String,
    pub cite: Cite,
}

/// A rule that sets the grade whatever the points (e.g. on the serious-dishonesty list → E).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DirectGrade {
    pub id: String,
    pub event_kinds: Vec<String>,
    pub grade: String,
    pub reason: Text,
    pub cite: Cite,
}

/// A measure applied to subjects of some grades (第二十五条、第二十六条).
#[derive(Debug, Clone, Serialize, Deserialize)]
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
