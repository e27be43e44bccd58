//! Credit repair: can this record be repaired, if not now then when, what to hand in, how long it
//! takes, and what the score would be once it is repaired. Also the objection calculator.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条（异议）、第二十八至三十条（信用修复）、
//! 附件3至附件6；国家发展改革委令第58号、第36号（最短、最长公示期，按申请日选用，见规则文件的
//! `repair.nationalPeriods`）；《中华人民共和国民法典》第二百零一条、第二百零二条（期间计算）。
//!
//! The conditions, the materials and the national periods are rule data (`repair` section of the
//! rule set, [`crate::rules::Repair`]); this module only reads the answers and applies them. It
//! never guesses: a missing answer gives a `needs-info` verdict with the list of what to supply,
//! contradictory dates give an error naming the field.

use crate::law::{self, Citation};
use crate::calendar::Calendar;
use crate::dates;
use crate::deadline::{self, compute, Deadline, Input};
use crate::error::{Error, Result};
use crate::evaluate::{self, EvaluateInput, Event};
use crate::points::Points;
use crate::rules::{builtin, class_of, CompiledRules, NationalPeriods, Repair, RulesInfo, SeverityPeriod};
use crate::text::Text;
use crate::timeline::{self, Timeline, TimelineInput};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Kinds of adverse record (第十五条: 行政处罚、协议违约处理、拒不履行; 严重失信主体名单; 其他).
pub const RECORD_KINDS: &[(&str, &str, &str)] = &[
    ("admin-penalty", "行政处罚", "administrative penalty"),
    ("agreement-breach", "协议违约处理", "agreement-breach handling"),
    ("serious-list", "列入严重失信主体名单", "serious-dishonesty list"),
    ("refusal-to-perform", "拒不履行处罚或决定", "refusal to perform a penalty or decision"),
    ("other", "其他失信行为", "other dishonest act"),
];

/// Severities of a record (国家发展改革委令第36号: 轻微、一般、严重失信).
pub const SEVERITIES: &[(&str, &str, &str)] =
    &[("minor", "轻微", "minor"), ("general", "一般", "general"), ("serious", "严重", "serious")];

/// The subject asking for repair (附件3、附件6: 名称、统一社会信用代码或身份证号、法定代表人、联系方式;
/// 第八条、第十三条: the identity document the code belongs to).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RepairSubject {
    #[serde(rename = "type", default)]
    pub subject_type: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub legal_representative: Option<String>,
    /// The identity document `code` is the number of (第八条、第十三条): `uscc`, `resident-id`,
    /// `passport`, `hmt-permit` or `other` ([`crate::ident::DOCUMENT_TYPES`]); absent: the
    /// 统一社会信用代码 for an institution, the 居民身份证 for a person.
    #[serde(default)]
    pub document_type: Option<String>,
}

/// The adverse record (附件3 失信信息内容; 附件4 处罚决定书文号).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RepairRecord {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub decision_date: Option<String>,
    #[serde(default)]
    pub publication_date: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub decision_no: Option<String>,
    #[serde(default)]
    pub act: Option<String>,
    #[serde(default)]
    pub penalty: Option<String>,
}

/// What the subject has done (第二十九条; 附件6 “期间未产生新的……同类不良信息”). `null` or absent:
/// not answered (the verdict then asks for it).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RepairDone {
    #[serde(default)]
    pub corrected: Option<bool>,
    #[serde(default)]
    pub obligations_performed: Option<bool>,
    #[serde(default)]
    pub effect_eliminated: Option<bool>,
    #[serde(default)]
    pub new_same_kind_since: Option<bool>,
    #[serde(default)]
    pub pledge_signed: Option<bool>,
    #[serde(default)]
    pub proof_attached: Option<bool>,
}

/// The input of the `repair` command (the page saves exactly this shape; the forms read it).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条、附件3至附件6。
#[derive(Debug, Clone, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RepairInput {
    #[serde(default)]
    pub subject: RepairSubject,
    #[serde(default)]
    pub record: RepairRecord,
    #[serde(default)]
    pub done: RepairDone,
    #[serde(default)]
    pub barred_by_law: Option<bool>,
    /// The intended application date (= the day the department receives it).
    #[serde(default)]
    pub application_date: Option<String>,
    #[serde(default)]
    pub today: Option<String>,
    /// holiday-cn documents extending the built-in calendar.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Holidays | null"))]
    pub holidays: Option<crate::value::Value>,
    /// A rule-set document (object, or its JSON text); default: the shipped set for `subject.type`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RuleSetDoc | string | null"))]
    pub rules: Option<crate::value::Value>,
    /// An `evaluate` input whose events include this record, for the what-if.
    #[serde(default)]
    pub evaluation: Option<EvaluateInput>,
    /// Index of this record in `evaluation.events` (default: the one event dated `decisionDate`).
    #[serde(default)]
    pub record_event_index: Option<usize>,
}

/// Something the answer needs and did not get: where it goes (JSON path) and what it is.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条（提供完整的申请材料）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NeedInfo {
    pub path: String,
    pub zh: String,
    pub en: String,
}

/// One condition as it stands for this subject.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ConditionOut {
    pub id: String,
    pub text: Text,
    /// `met`, `unmet` or `unknown` (not answered).
    pub status: &'static str,
    pub permanent: bool,
    /// The full citation: `《汕尾市医疗保障信用管理办法（试行）》第二十九条`.
    pub cite: crate::law::Citation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One item of the materials checklist.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条第二款、附件3、附件4。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct MaterialOut {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    pub text: Text,
    pub cite: crate::law::Citation,
    /// Whether the subject says it is ready (`null` when no answer says so).
    pub ready: Option<bool>,
}

/// How long the record has been disclosed up to the application day (“x年x个月”).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件6；《中华人民共和国民法典》第二百零二条。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Disclosed {
    pub months: u32,
    /// `1年2个月`, the 附件6 wording.
    pub text: String,
    pub text_en: String,
    pub from: String,
    pub to: String,
    pub cite: crate::law::Citation,
}

/// The national publicity-period rule used (chosen by the application date) and what it gives.
/// 依据：国家发展改革委令第58号、第36号（见规则文件 `repair.nationalPeriods`）。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct NationalOut {
    pub id: String,
    pub order: Text,
    pub effective_from: String,
    pub effective_to: Option<String>,
    pub cite: crate::law::Citation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    pub runs_from: String,
    pub repair_only_after_minimum: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_months: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_months: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<bool>,
    /// `false` when the values are not confirmed from the order's own text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certain: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Last day of the minimum period (民法典 第二百零二条).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_ends: Option<String>,
    /// Last day of the maximum period: after it the record should no longer be published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_ends: Option<String>,
    /// Why this rule applies: the application date falls in its span (and what comes after it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

/// Score and grade at one point of the what-if.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub score: Points,
    pub scale: Points,
    pub grade: String,
    pub label: Text,
}

/// The what-if: the evaluation now and with the record removed (`evaluate`).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十九条、第二十八条（修复即停止公示、重塑信用）。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    pub as_of: String,
    pub event_index: usize,
    pub event: Event,
    pub now: Snapshot,
    pub repaired: Snapshot,
    pub score_change: Points,
    pub grade_changes: bool,
    pub note: Text,
}

/// Everything `repair` answers.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十八至三十条、附件3至附件6。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RepairResult {
    /// `eligible`, `not-yet`, `not-eligible` or `needs-info`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"eligible\" | \"not-yet\" | \"not-eligible\" | \"needs-info\""))]
    pub verdict: &'static str,
    /// The answer in one plain sentence.
    pub answer: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_date_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
    pub need_info: Vec<NeedInfo>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SubjectClass | null"))]
    pub subject_class: Option<&'static str>,
    pub kind_label: Option<Text>,
    pub severity_label: Option<Text>,
    pub application_date: Option<String>,
    pub conditions: Vec<ConditionOut>,
    pub materials: Vec<MaterialOut>,
    pub disclosed: Option<Disclosed>,
    pub national_rule: Option<NationalOut>,
    pub timeline: Option<Timeline>,
    pub what_if: Option<WhatIf>,
    pub rules: RulesInfo,
    pub notes: Vec<Text>,
}

fn label(table: &[(&str, &str, &str)], v: &str) -> Option<Text> {
    table.iter().find(|t| t.0 == v).map(|t| Text::new(t.1, t.2))
}

/// A text answer: absent, `null` and blank are `None`.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date_at(v: &Option<String>, field: &str, path: &str) -> Result<Option<NaiveDate>> {
    match given(v) {
        None => Ok(None),
        Some(s) => dates::parse_date(s, field).map(Some).map_err(|e| e.at(path)),
    }
}

fn need(path: &str, zh: impl Into<String>, en: impl Into<String>) -> NeedInfo {
    NeedInfo { path: path.into(), zh: zh.into(), en: en.into() }
}

fn order_err(path: &str, zh: String, en: String) -> Error {
    Error::new("E_REPAIR_ORDER", zh, en).at(path)
}

use crate::dates::add_months;

/// The rules the answer uses: `rules` from the input, else the shipped set for the subject type,
/// else (a subject type of 第五条 no shipped indicator list covers: 其他机构, 其他个人) a shipped
/// set for its repair section alone, which is the same in every one: 第二十九条's conditions and
/// 第三十条's steps do not depend on an indicator list. The flag says the last case.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第五条、第十八条、第二十九条、第三十条。
fn choose_rules(i: &RepairInput, st: Option<&str>) -> Result<(std::borrow::Cow<'static, CompiledRules>, bool)> {
    use std::borrow::Cow;
    let mut repair_only = false;
    let rules = match &i.rules {
        Some(v) if !v.is_null() => {
            let r = CompiledRules::from_input(v).map_err(|mut e| {
                e.path = Some(format!("$.rules{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
                e
            })?;
            Cow::Owned(r)
        }
        _ => match st {
            Some(t) => match builtin::for_subject_type(t) {
                Ok(r) => Cow::Borrowed(r),
                Err(e) if e.code == "E_RULES_NONE_FOR_TYPE" && class_of(t).is_some() => {
                    repair_only = true;
                    Cow::Borrowed(builtin::any()?)
                }
                Err(e) => return Err(e.at("$.subject.type")),
            },
            // No type yet: every shipped set carries the same repair section; the type is asked for.
            None => Cow::Borrowed(builtin::any()?),
        },
    };
    if let Some(t) = st.filter(|_| !repair_only) {
        if !rules.doc.subject_types.iter().any(|x| x == t) {
            return Err(Error::new(
                "E_SUBJECT_TYPE",
                format!("指标“{}”不适用于主体类型“{t}”（适用：{}）", rules.doc.title.zh, rules.doc.subject_types.join("、")),
                format!("rule set \"{}\" does not cover subject type \"{t}\" (covers: {})", rules.doc.id, rules.doc.subject_types.join(", ")),
            )
            .at("$.subject.type"));
        }
    }
    if rules.doc.repair.is_none() {
        return Err(Error::new(
            "E_REPAIR_NO_RULES",
            "所用指标文件没有信用修复规则（repair 部分），无法判断",
            "the rule set has no repair section, so repair cannot be assessed",
        )
        .at("$.rules.repair"));
    }
    Ok((rules, repair_only))
}

fn in_force(n: &NationalPeriods, d: NaiveDate) -> bool {
    let from = dates::parse_date(&n.effective_from, "effectiveFrom").ok();
    let to = n.effective_to.as_deref().and_then(|t| dates::parse_date(t, "effectiveTo").ok());
    from.is_some_and(|f| d >= f) && to.map_or(true, |t| d <= t)
}

/// The first day a repair may be asked for under rule `n`, on or after `app`, if there is one in
/// the rule's span: the day after the minimum period's last day (“最短公示期届满后”).
/// `Ok(None)`: no such day under this rule; `Err(())`: the rule holds no value for the severity.
fn first_day_under(n: &NationalPeriods, sev: &str, start: NaiveDate, app: NaiveDate) -> Result<std::result::Result<Option<NaiveDate>, ()>> {
    let Some(sp) = n.by_severity.iter().find(|s| s.severity == sev) else { return Ok(Err(())) };
    let from = dates::parse_date(&n.effective_from, "effectiveFrom")?;
    let to = n.effective_to.as_deref().map(|t| dates::parse_date(t, "effectiveTo")).transpose()?;
    let ok_from = match (sp.min_months, sp.published) {
        _ if !n.repair_only_after_minimum => app,
        (None, false) | (Some(0), _) => app,
        (None, true) => return Ok(Err(())),
        (Some(m), _) => add_months(start, m)?.succ_opt().unwrap_or(start).max(app),
    };
    let d = ok_from.max(from);
    Ok(Ok(if to.map_or(true, |t| d <= t) { Some(d) } else { None }))
}

/// Why the rule `n` applies to an application made on `app`: the date is in its span; the rule
/// before it ended, the one after it starts later (all from the rule data's dates).
/// 依据：国家发展改革委令第58号、第36号，发改办财金〔2019〕527号（见规则文件 `repair.nationalPeriods`）。
fn why_rule(all: &[NationalPeriods], n: &NationalPeriods, app: NaiveDate) -> Result<Text> {
    let from = dates::parse_date(&n.effective_from, "effectiveFrom")?;
    let to = n.effective_to.as_deref().map(|t| dates::parse_date(t, "effectiveTo")).transpose()?;
    let (mut zh, mut en) = match to {
        Some(t) => (
            format!("申请日{}在{}至{}之间，按规则数据适用{}", dates::chinese(app), dates::chinese(from), dates::chinese(t), n.order.zh),
            format!("The application date {} falls between {} and {}, so the rule data applies {}", dates::iso(app), dates::iso(from), dates::iso(t), n.order.en),
        ),
        None => (
            format!("申请日{}在{}或其后，按规则数据适用{}", dates::chinese(app), dates::chinese(from), n.order.zh),
            format!("The application date {} is on or after {}, so the rule data applies {}", dates::iso(app), dates::iso(from), n.order.en),
        ),
    };
    if let Some(t) = to {
        let next = all.iter().find(|m| m.id != n.id && dates::parse_date(&m.effective_from, "effectiveFrom").ok() == t.succ_opt());
        if let Some(m) = next {
            zh.push_str(&format!("（{}自{}起施行）", m.order.zh, dates::chinese(t.succ_opt().unwrap_or(t))));
            en.push_str(&format!("; {} applies from {}", m.order.en, dates::iso(t.succ_opt().unwrap_or(t))));
        }
    }
    Ok(Text::new(zh, en))
}

fn national_out(rules: &CompiledRules, n: &NationalPeriods, sp: Option<&SeverityPeriod>, start: Option<NaiveDate>) -> Result<NationalOut> {
    let (mut min_end, mut max_end) = (None, None);
    if let (Some(sp), Some(s)) = (sp, start) {
        if let Some(m) = sp.min_months {
            min_end = Some(dates::iso(add_months(s, m)?));
        }
        if let Some(m) = sp.max_months {
            max_end = Some(dates::iso(add_months(s, m)?));
        }
    }
    Ok(NationalOut {
        id: n.id.clone(),
        order: n.order.clone(),
        effective_from: n.effective_from.clone(),
        effective_to: n.effective_to.clone(),
        cite: rules.cite_text(&n.cite),
        notes: n.notes.clone(),
        runs_from: n.runs_from.clone(),
        repair_only_after_minimum: n.repair_only_after_minimum,
        severity: sp.map(|s| s.severity.clone()),
        min_months: sp.and_then(|s| s.min_months),
        max_months: sp.and_then(|s| s.max_months),
        published: sp.map(|s| s.published),
        certain: sp.map(|s| s.certain),
        note: sp.and_then(|s| s.note.clone()),
        minimum_ends: min_end,
        maximum_ends: max_end,
        why: None,
    })
}

/// Assesses a repair application.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条（条件、材料）、第三十条（期限）、附件6（披露期）；
/// 国家发展改革委令第58号、第36号（最短公示期，按申请日选用）。
pub fn assess(i: &RepairInput) -> Result<RepairResult> {
    let mut needs: Vec<NeedInfo> = Vec::new();
    let mut notes: Vec<Text> = Vec::new();

    // Subject (第五条).
    let st = given(&i.subject.subject_type);
    let class = match st {
        None => {
            needs.push(need("$.subject.type", "需补充：主体类型（如定点零售药店、参保人员）", "Supply the subject type (e.g. retail pharmacy, insured person)"));
            None
        }
        Some(t) => Some(class_of(t).ok_or_else(|| {
            Error::new(
                "E_SUBJECT_TYPE",
                format!("未知的主体类型“{t}”：机构类为 medical-institution、retail-pharmacy、other-institution，个人类为 physician、pharmacist、insured、other-person"),
                format!("unknown subject type \"{t}\": institutions are medical-institution, retail-pharmacy, other-institution; persons are physician, pharmacist, insured, other-person"),
            )
            .at("$.subject.type")
        })?),
    };
    // The identity document (第八条、第十三条): only a 统一社会信用代码 or a 居民身份证 number has a
    // check; a passport or permit number is taken as written. A number that fails its check is
    // told in the notes (it goes on 附件3 and 附件6), without changing the verdict.
    let doc = crate::ident::read_document_type(i.subject.document_type.as_deref(), class, "$.subject.documentType")?;
    if let (Some(code), Some(d)) = (given(&i.subject.code), doc.or_else(|| class.map(crate::ident::default_document))) {
        let today_for_id = date_at(&i.today, "today", "$.today")?;
        if let Some(e) = crate::ident::check_document(d, code, today_for_id) {
            notes.push(Text::new(
                format!("所填{}有误：{}（申请表附件3、附件6将填入该号码，请核对）", d.number_zh(), e.zh),
                format!("The {} given fails its check: {}. It goes on Forms 3 and 6: please check it.", lower_first(&d.number_en()), e.en),
            ));
        }
    }
    let (rules, repair_only) = choose_rules(i, st)?;
    if repair_only {
        let t = st.and_then(|t| crate::rules::INSTITUTION_TYPES.iter().chain(crate::rules::PERSON_TYPES).find(|x| x.0 == t));
        let (zh, en) = t.map_or(("", ""), |t| (t.1, t.2));
        notes.push(Text::new(
            format!("“{zh}”没有内置的评价指标（第十八条：各类信用主体评价指标另行制定）；信用修复的条件、材料和办理期限（第二十九条、第三十条）不取决于评价指标，按内置规则共有的修复规则判断。"),
            format!("There are no built-in indicators for \"{en}\" (art. 18: each type's indicators are set separately); the repair conditions, materials and steps (arts. 29, 30) do not depend on the indicators, so the repair rules every built-in set shares are used."),
        ));
    }
    let repair: &Repair = rules.doc.repair.as_ref().ok_or_else(|| Error::new("E_REPAIR_NO_RULES", "缺少修复规则", "no repair rules"))?;

    // The record.
    let kind = given(&i.record.kind);
    let kind_label = match kind {
        None => {
            needs.push(need("$.record.kind", "需补充：失信信息的类别（行政处罚、协议违约处理、严重失信名单、拒不履行或其他）", "Supply the kind of record (administrative penalty, agreement breach, serious list, refusal to perform, other)"));
            None
        }
        Some(k) => Some(label(RECORD_KINDS, k).ok_or_else(|| {
            Error::new(
                "E_REPAIR_KIND",
                format!("未知的失信信息类别“{k}”；可选：admin-penalty、agreement-breach、serious-list、refusal-to-perform、other"),
                format!("unknown record kind \"{k}\"; known: admin-penalty, agreement-breach, serious-list, refusal-to-perform, other"),
            )
            .at("$.record.kind")
        })?),
    };
    let severity = given(&i.record.severity).filter(|s| *s != "unknown");
    let severity_label = match severity {
        None => {
            needs.push(need(
                "$.record.severity",
                "需补充：失信程度（轻微、一般或严重）——见处罚决定书或向做出认定的部门询问；最短公示期按程度而定",
                "Supply the severity (minor, general or serious) — see the decision or ask the department; the minimum publicity period depends on it",
            ));
            None
        }
        Some(s) => Some(label(SEVERITIES, s).ok_or_else(|| {
            Error::new(
                "E_REPAIR_SEVERITY",
                format!("未知的失信程度“{s}”；可选：minor（轻微）、general（一般）、serious（严重），不清楚可留空"),
                format!("unknown severity \"{s}\"; known: minor, general, serious (leave it empty if unknown)"),
            )
            .at("$.record.severity")
        })?),
    };
    if kind == Some("serious-list") && severity.is_some_and(|s| s != "serious") {
        return Err(Error::new(
            "E_REPAIR_CONTRADICTION",
            "列入严重失信主体名单的失信程度应为“严重”，与所填程度矛盾",
            "a record on the serious-dishonesty list is serious, which contradicts the severity given",
        )
        .at("$.record.severity"));
    }
    let decision = date_at(&i.record.decision_date, "decisionDate", "$.record.decisionDate")?;
    let publication = date_at(&i.record.publication_date, "publicationDate", "$.record.publicationDate")?;
    let app = date_at(&i.application_date, "applicationDate", "$.applicationDate")?;
    let today = date_at(&i.today, "today", "$.today")?;
    if decision.is_none() {
        needs.push(need("$.record.decisionDate", "需补充：处罚（认定）决定日期——公示期限自该日起算", "Supply the decision date: the publicity periods run from it"));
    }
    if publication.is_none() {
        needs.push(need("$.record.publicationDate", "需补充：开始公示（披露）日期——用于附件6“已披露x年x个月”", "Supply the publication date: Form 6 states how long the record has been disclosed"));
    }
    if app.is_none() {
        needs.push(need("$.applicationDate", "需补充：拟申请日期", "Supply the intended application date"));
    }
    if let (Some(p), Some(d)) = (publication, decision) {
        if p < d {
            return Err(order_err(
                "$.record.publicationDate",
                format!("公示日期（{}）早于决定日期（{}）：先有决定才能公示，请核对", dates::iso(p), dates::iso(d)),
                format!("the publication date ({}) is before the decision date ({}): a record is published after its decision; check the dates", dates::iso(p), dates::iso(d)),
            ));
        }
    }
    if let (Some(a), Some(d)) = (app, decision) {
        if a < d {
            return Err(order_err(
                "$.applicationDate",
                format!("申请日期（{}）早于决定日期（{}）：尚无失信记录可修复，请核对", dates::iso(a), dates::iso(d)),
                format!("the application date ({}) is before the decision date ({}): there is no record to repair yet; check the dates", dates::iso(a), dates::iso(d)),
            ));
        }
    }
    if let (Some(a), Some(p)) = (app, publication) {
        if a < p {
            return Err(order_err(
                "$.applicationDate",
                format!("申请日期（{}）早于公示日期（{}）：信用修复是申请停止公示，尚未公示的无从修复，请核对", dates::iso(a), dates::iso(p)),
                format!("the application date ({}) is before the publication date ({}): repair stops a publication, so there is nothing to stop yet; check the dates", dates::iso(a), dates::iso(p)),
            ));
        }
    }

    // The national rule in force on the application date, and the minimum period.
    let national = app.and_then(|a| repair.national_periods.iter().find(|n| in_force(n, a)));
    let start_of = |n: &NationalPeriods| if n.runs_from == "publicationDate" { publication } else { decision };
    let mut min_status: &'static str = "unknown";
    let mut min_note: Option<Text> = None;
    let mut earliest: Option<NaiveDate> = None;
    let mut why: Option<Text> = None;
    let mut national_rule = None;
    let sev_zh = severity_label.as_ref().map(|l| l.zh.clone()).unwrap_or_default();
    let sev_en = severity_label.as_ref().map(|l| l.en.clone()).unwrap_or_default();
    match (app, national) {
        (Some(a), None) => {
            needs.push(need(
                "$.rules.repair.nationalPeriods",
                format!("所用规则没有在申请日 {} 有效的国家公示期限规定：请向做出认定的部门确认最短公示期", dates::iso(a)),
                format!("the rules hold no national publicity periods in force on {}: ask the deciding department for the minimum period", dates::iso(a)),
            ));
        }
        (None, _) => {}
        (Some(a), Some(n)) => {
            let sp = severity.and_then(|s| n.by_severity.iter().find(|x| x.severity == s));
            let start = start_of(n);
            let mut out = national_out(&rules, n, sp, start)?;
            out.why = Some(why_rule(&repair.national_periods, n, a)?);
            national_rule = Some(out);
            if let (Some(s), Some(sev)) = (start, severity) {
                match first_day_under(n, sev, s, a)? {
                    Err(()) => {
                        needs.push(need(
                            "$.record.severity",
                            format!("{}对{sev_zh}失信信息的最短公示期，本规则数据未载明：请向做出认定的部门确认", n.order.zh),
                            format!("the rules hold no minimum period of {} for {sev_en} records: ask the deciding department", n.order.en),
                        ));
                    }
                    Ok(Some(d)) if d <= a => {
                        min_status = "met";
                        min_note = Some(match sp.and_then(|x| x.min_months) {
                            Some(m) if m > 0 => {
                                let end = add_months(s, m)?;
                                Text::new(
                                    format!("{}：{sev_zh}失信最短公示期{m}个月，自{}起算，至{}届满", n.order.zh, dates::chinese(s), dates::chinese(end)),
                                    format!("{}: the minimum for {sev_en} records is {m} months from {}, which ended on {}", n.order.en, dates::iso(s), dates::iso(end)),
                                )
                            }
                            _ => Text::new(
                                format!("{}：{sev_zh}失信信息无最短公示期（原则上不公示）", n.order.zh),
                                format!("{}: no minimum period for {sev_en} records (not published in principle)", n.order.en),
                            ),
                        });
                    }
                    _ => {
                        // Not under the rule in force now: the first day under it or under any later rule.
                        min_status = "unmet";
                        let mut best: Option<(NaiveDate, &NationalPeriods)> = None;
                        for m in &repair.national_periods {
                            let Some(ms) = start_of(m) else { continue };
                            if let Ok(Some(d)) = first_day_under(m, sev, ms, a)? {
                                if d > a && best.map_or(true, |(b, _)| d < b) {
                                    best = Some((d, m));
                                }
                            }
                        }
                        let m_now = sp.and_then(|x| x.min_months).unwrap_or(0);
                        let end_now = add_months(s, m_now)?;
                        let now_zh = format!("{}规定{sev_zh}失信信息最短公示期为{m_now}个月，自{}起算，至{}届满，届满后方可申请", n.order.zh, dates::chinese(s), dates::chinese(end_now));
                        let now_en = format!("{} sets a minimum of {m_now} months for {sev_en} records, from {}, ending on {}; repair may be asked only after it", n.order.en, dates::iso(s), dates::iso(end_now));
                        min_note = Some(Text::new(now_zh.clone(), now_en.clone()));
                        match best {
                            Some((d, m)) => {
                                earliest = Some(d);
                                let (zh, en) = if m.id == n.id {
                                    (format!("{now_zh}；最早可于{}申请", dates::chinese(d)), format!("{now_en}; the earliest application date is {}", dates::iso(d)))
                                } else {
                                    let ms = m.by_severity.iter().find(|x| x.severity == sev).and_then(|x| x.min_months).unwrap_or(0);
                                    (
                                        format!("{now_zh}；但自{}起改按{}（{sev_zh}失信最短{ms}个月），最早可于{}申请", dates::chinese(dates::parse_date(&m.effective_from, "effectiveFrom")?), m.order.zh, dates::chinese(d)),
                                        format!("{now_en}; but from {} {} applies ({sev_en}: at least {ms} months), so the earliest application date is {}", m.effective_from, m.order.en, dates::iso(d)),
                                    )
                                };
                                why = Some(Text::new(zh, en));
                            }
                            None => {
                                needs.push(need(
                                    "$.rules.repair.nationalPeriods",
                                    "无法从规则数据推算最早可申请日：请向做出认定的部门确认",
                                    "the earliest application date cannot be worked out from the rules: ask the deciding department",
                                ));
                            }
                        }
                    }
                }
                if let Some(mx) = sp.and_then(|x| x.max_months) {
                    let end = add_months(s, mx)?;
                    if a > end {
                        notes.push(Text::new(
                            format!("最长公示期（{mx}个月）已于{}届满：该信息应已停止公示；如仍在公示，可向做出认定的部门提出", dates::chinese(end)),
                            format!("the maximum publicity period ({mx} months) ended on {}: the record should no longer be published; if it still is, raise it with the deciding department", dates::iso(end)),
                        ));
                    }
                }
                if sp.is_some_and(|x| !x.certain) {
                    notes.push(Text::new(
                        format!("所用公示期限数值未经{}原文核对（见规则说明），正式申请前请向做出认定的部门确认", n.order.zh),
                        format!("the period values used are not confirmed from the text of {} (see the rule notes); confirm with the deciding department before applying", n.order.en),
                    ));
                }
            }
        }
    }

    // Conditions (第二十九条).
    let done = &i.done;
    let mut conditions = Vec::new();
    let mut unknown_asked = Vec::new();
    for c in &repair.conditions {
        let answer: Option<bool> = match c.test.as_str() {
            "done.corrected" => done.corrected,
            "done.obligationsPerformed" => done.obligations_performed,
            "done.effectEliminated" => done.effect_eliminated,
            "done.newSameKindSince" => done.new_same_kind_since,
            "done.pledgeSigned" => done.pledge_signed,
            "done.proofAttached" => done.proof_attached,
            "barredByLaw" => i.barred_by_law,
            _ => None,
        };
        let (status, cite, note) = if c.test == "minimumPeriod" {
            let cite = national.map(|n| rules.cite_text(&n.cite)).unwrap_or_else(|| rules.cite_text(&c.cite));
            (min_status, cite, min_note.clone())
        } else {
            let status = match answer {
                None => {
                    let path = format!("$.{}", c.test);
                    unknown_asked.push(need(&path, format!("需回答：{}？", c.text.zh), format!("Answer: {}?", c.text.en)));
                    "unknown"
                }
                Some(v) if v == c.must_be => "met",
                Some(_) => "unmet",
            };
            (status, rules.cite_text(&c.cite), None)
        };
        conditions.push(ConditionOut {
            id: c.id.clone(),
            text: c.text.clone(),
            status,
            permanent: c.permanent,
            cite,
            remedy: if status == "met" { None } else { c.remedy.clone() },
            note,
        });
    }
    needs.extend(unknown_asked);

    // Materials (第二十九条第二款).
    let materials = repair
        .materials
        .iter()
        .map(|m| MaterialOut {
            id: m.id.clone(),
            form: m.form.clone(),
            text: m.text.clone(),
            cite: rules.cite_text(&m.cite),
            ready: match m.test.as_deref() {
                Some("done.pledgeSigned") => done.pledge_signed,
                Some("done.proofAttached") => done.proof_attached,
                Some("done.corrected") => done.corrected,
                Some("done.obligationsPerformed") => done.obligations_performed,
                Some("done.effectEliminated") => done.effect_eliminated,
                Some("done.newSameKindSince") => done.new_same_kind_since.map(|b| !b),
                _ => None,
            },
        })
        .collect();

    // Disclosed so far (附件6).
    let disclosed = match (publication, app) {
        (Some(p), Some(a)) => {
            let m = dates::whole_months(p, a);
            Some(Disclosed {
                months: m,
                text: dates::years_months_zh(m),
                text_en: years_months_en(m),
                from: dates::iso(p),
                to: dates::iso(a),
                cite: Citation::join(&[law::cite_known(law::SHANWEI, "附件6"), law::cite_known(law::CIVIL_CODE, "第二百零二条")]),
            })
        }
        _ => None,
    };

    // Timeline from receipt (第三十条、附件5).
    let cal = Calendar::with_holidays(i.holidays.as_ref())?;
    let timeline = match app {
        Some(a) => Some(timeline::timeline(
            &cal,
            &TimelineInput {
                process: "repair".into(),
                from: Some(a),
                subject_class: class.map(str::to_string),
                today,
                ..Default::default()
            },
        )?),
        None => None,
    };

    // What-if (第十九条: the grade from the score, with the record removed).
    let what_if = match &i.evaluation {
        None => None,
        Some(ev) => Some(what_if(&rules, ev, i, st, decision)?),
    };

    // The verdict.
    let min_ids: Vec<&str> = repair.conditions.iter().filter(|c| c.test == "minimumPeriod").map(|c| c.id.as_str()).collect();
    let unmet: Vec<&ConditionOut> = conditions.iter().filter(|c| c.status == "unmet" && !min_ids.contains(&c.id.as_str())).collect();
    let min_unmet = min_status == "unmet";
    let app_zh = app.map(dates::chinese).unwrap_or_default();
    let app_iso = app.map(dates::iso).unwrap_or_default();
    let (verdict, answer) = if unmet.iter().any(|c| c.permanent) {
        let c = unmet.iter().find(|c| c.permanent).map(|c| c.cite.clone()).unwrap_or_default();
        ("not-eligible", Text::new(
            format!("不能修复：法律、法规或党中央、国务院政策文件明确规定此类失信信息不可信用修复，医疗保障部门不予修复（{}）。", c.zh),
            format!("Not repairable: a law, regulation or central policy document bars repair of this record ({}).", c.en),
        ))
    } else if !unmet.is_empty() {
        let list_zh: Vec<String> = unmet.iter().map(|c| c.text.zh.clone()).collect();
        let list_en: Vec<String> = unmet.iter().map(|c| c.text.en.clone()).collect();
        ("not-eligible", Text::new(
            format!("目前不符合信用修复条件（第二十九条），尚未满足{}项：{}。满足后再申请，否则将被书面告知不予修复（附件5）。", unmet.len(), list_zh.join("；")),
            format!("Not eligible now (art. 29): {} unmet: {}. Apply once {} met; otherwise the application is refused in writing (Form 5).", count_en(unmet.len(), "condition", "conditions"), list_en.join("; "), if unmet.len() == 1 { "it is" } else { "they are" }),
        ))
    } else if !needs.is_empty() {
        ("needs-info", Text::new(
            format!("需补充{}项信息后才能判断（见“需补充”清单）。", needs.len()),
            format!("{} needed before an answer can be given (see the list).", if needs.len() == 1 { "1 item of information is".to_string() } else { format!("{} items of information are", needs.len()) }),
        ))
    } else if min_unmet {
        match earliest {
            Some(d) => ("not-yet", Text::new(
                format!("暂不能申请：最短公示期未满。最早可于{}向做出失信认定的医疗保障部门提出修复申请。", dates::chinese(d)),
                format!("Not yet: the minimum publicity period has not run. The earliest application date is {}.", dates::iso(d)),
            )),
            None => ("needs-info", Text::new("需向做出认定的部门确认最短公示期后才能判断。", "The minimum period must be confirmed with the deciding department first.")),
        }
    } else {
        ("eligible", Text::new(
            format!("符合信用修复条件（第二十九条），可于{app_zh}向做出失信认定的医疗保障部门提出修复申请，并提交下列材料。"),
            format!("Eligible (art. 29): the application may be made on {app_iso} to the department that made the finding, with the materials below."),
        ))
    };
    if verdict != "not-yet" {
        earliest = None;
        why = None;
    }
    if class == Some("person") {
        notes.push(Text::new("个人类主体的信用修复不公示（第三十条只规定机构类公示5个工作日）。", "Persons' repairs are not published (art. 30 requires publicity only for institutions)."));
    }
    // 汕尾 第三十四条 and the other sources' dates, on the day of the application.
    if let Some(a) = app {
        let mut laws = rules.laws();
        if !laws.contains(&law::SHANWEI) {
            laws.push(law::SHANWEI);
        }
        notes.extend(law::notes_on(&laws, a).into_iter().filter(|n| n.code != "W_SOURCE_REPEALED" && n.code != "W_SOURCE_NOT_YET_IN_FORCE").map(|n| n.text));
    }
    if rules.doc.sample {
        notes.push(Text::new(
            "修复规则随示例指标提供；本地医保局另有规定的，以其规定为准。",
            "The repair rules ship with the sample indicators; the local bureau's own rules govern.",
        ));
    }

    Ok(RepairResult {
        verdict,
        answer,
        earliest_date: earliest.map(dates::iso),
        earliest_date_zh: earliest.map(dates::chinese),
        why,
        need_info: needs,
        subject_class: class,
        kind_label,
        severity_label,
        application_date: app.map(dates::iso),
        conditions,
        materials,
        disclosed,
        national_rule,
        timeline,
        what_if,
        rules: rules.info(),
        notes,
    })
}

fn snapshot(e: &evaluate::Evaluation) -> Snapshot {
    Snapshot { score: e.score, scale: e.scale, grade: e.grade.clone(), label: e.label.clone() }
}

fn evaluation_err(mut e: Error) -> Error {
    e.path = Some(format!("$.evaluation{}", e.path.as_deref().map(|p| p.trim_start_matches('$')).unwrap_or("")));
    e
}

/// The score now and with the record's event removed (第十九条).
fn what_if(rules: &CompiledRules, ev: &EvaluateInput, i: &RepairInput, st: Option<&str>, decision: Option<NaiveDate>) -> Result<WhatIf> {
    if let Some(t) = st {
        if ev.subject.subject_type != t {
            return Err(Error::new(
                "E_REPAIR_CONTRADICTION",
                format!("评价输入的主体类型“{}”与修复申请的主体类型“{t}”不同", ev.subject.subject_type),
                format!("the evaluation's subject type \"{}\" differs from the repair subject's \"{t}\"", ev.subject.subject_type),
            )
            .at("$.evaluation.subject.type"));
        }
    }
    let idx = match i.record_event_index {
        Some(k) if k < ev.events.len() => k,
        Some(k) => {
            return Err(Error::new(
                "E_REPAIR_EVENT",
                format!("recordEventIndex {k} 超出评价输入的事件数（{} 个）", ev.events.len()),
                format!("recordEventIndex {k} is beyond the evaluation's {}", count_en(ev.events.len(), "event", "events")),
            )
            .at("$.recordEventIndex"))
        }
        None => {
            let dd = decision.map(dates::iso);
            let no = given(&i.record.decision_no);
            let hits: Vec<usize> = ev
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| Some(e.date.trim().to_string()) == dd && no.map_or(true, |n| e.decision_no.trim().is_empty() || e.decision_no.trim() == n))
                .map(|(k, _)| k)
                .collect();
            match hits.as_slice() {
                [k] => *k,
                _ => {
                    return Err(Error::new(
                        "E_REPAIR_EVENT",
                        format!("评价输入中有 {} 个事件与决定日期相符，无法确定是哪一条：请给出 recordEventIndex", hits.len()),
                        format!("{} of the evaluation match the decision date, so the record cannot be told apart: give recordEventIndex", count_en(hits.len(), "event", "events")),
                    )
                    .at("$.recordEventIndex"))
                }
            }
        }
    };
    let event = ev.events[idx].clone();
    if let Some(k) = rules.event_kind(&event.kind) {
        if k.nature != "adverse" {
            return Err(Error::new(
                "E_REPAIR_EVENT",
                format!("第 {idx} 个事件“{}”不是不良信息，不能作为修复对象", k.name.zh),
                format!("event {idx} (\"{}\") is not adverse information, so it cannot be the record repaired", k.name.en),
            )
            .at("$.recordEventIndex"));
        }
    }
    let run = |input: &EvaluateInput| -> Result<evaluate::Evaluation> {
        if input.rules.is_some() {
            evaluate::evaluate(input)
        } else {
            evaluate::evaluate_with(rules, input)
        }
        .map_err(evaluation_err)
    };
    let now = run(ev)?;
    let mut without = ev.clone();
    without.events.remove(idx);
    let after = run(&without)?;
    Ok(WhatIf {
        as_of: now.as_of.clone(),
        event_index: idx,
        event,
        score_change: after.score - now.score,
        grade_changes: after.grade != now.grade,
        now: snapshot(&now),
        repaired: snapshot(&after),
        note: Text::new(
            "按修复后该记录不再计分估算；修复后是否调整信用评价结果，以做出认定的医疗保障部门为准",
            "Estimated as if the record no longer counted once repaired; whether the evaluation is adjusted is for the deciding department",
        ),
    })
}

/// What `objection` answers.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ObjectionResult {
    pub publication_date: String,
    /// Last day to object: 10 working days from publication.
    pub last_day: String,
    pub last_day_zh: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed_on: Option<String>,
    /// Whether `filedOn` is on or before the last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_time: Option<bool>,
    /// The day the review runs from: `receivedOn`, else `filedOn`, else the last day (projected).
    pub review_from: String,
    /// `received`, `filed` or `projected`.
    pub review_from_basis: &'static str,
    /// Review due: 10 working days from receipt.
    pub review_due: String,
    pub review_due_zh: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    /// Working days from today to the last day (today not counted); negative when past.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_days_left: Option<i64>,
    pub cite: crate::law::Citation,
    pub filing: Deadline,
    pub review: Deadline,
    pub notes: Vec<Text>,
    /// The warnings of both deadlines, once each: a year relied on without its holiday notice, the
    /// trial period of the measures they rest on (汕尾 第三十四条).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CalendarWarning[]"))]
    pub warnings: Vec<crate::calendar::Warning>,
}

/// The objection calculator: last day to object, whether a filing is in time, review due date.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条。
pub fn objection(
    cal: &Calendar,
    published: NaiveDate,
    filed: Option<NaiveDate>,
    received: Option<NaiveDate>,
    today: Option<NaiveDate>,
) -> Result<ObjectionResult> {
    if let Some(f) = filed {
        if f < published {
            return Err(order_err(
                "$.filedOn",
                format!("提出异议日期（{}）早于公示日期（{}）", dates::iso(f), dates::iso(published)),
                format!("the filing date ({}) is before the publication date ({})", dates::iso(f), dates::iso(published)),
            ));
        }
    }
    if let Some(r) = received {
        let (floor, zh, en) = match filed {
            Some(f) => (f, "提出异议日期", "the filing date"),
            None => (published, "公示日期", "the publication date"),
        };
        if r < floor {
            return Err(order_err(
                "$.receivedOn",
                format!("收到异议日期（{}）早于{zh}（{}）", dates::iso(r), dates::iso(floor)),
                format!("the date of receipt ({}) is before {en} ({})", dates::iso(r), dates::iso(floor)),
            ));
        }
    }
    let filing = compute(cal, deadline::kind("objection-filing")?, published, None, today, filed)?;
    let last = filing.due_date.unwrap_or(published);
    // (汕尾 第三十四条: when the trial had ended, the deadlines' warnings say so.)
    let mut notes = Vec::new();
    let (from, basis) = match (received, filed) {
        (Some(r), _) => (r, "received"),
        (None, Some(f)) => {
            notes.push(Text::new("未给出收到日期，复审期限按提出异议当日收到计", "no date of receipt given: the review is counted from the filing date"));
            (f, "filed")
        }
        (None, None) => {
            notes.push(Text::new("未给出提出异议的日期，复审期限按异议期最后一日提出并收到推算", "no filing date given: the review is counted from the last day to object"));
            (last, "projected")
        }
    };
    if filing.in_time == Some(false) {
        notes.push(Text::new("异议晚于公示之日起10个工作日（第二十二条），部门可不予受理", "the objection is later than 10 working days from publication (art. 22); the department may refuse it"));
    }
    let review = compute(cal, deadline::kind("objection-review")?, from, None, None, None)?;
    let mut warnings = filing.warnings.clone();
    for w in &review.warnings {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    Ok(ObjectionResult {
        publication_date: dates::iso(published),
        last_day: filing.due.clone(),
        last_day_zh: filing.due_zh.clone(),
        filed_on: filed.map(dates::iso),
        in_time: filing.in_time,
        review_from: dates::iso(from),
        review_from_basis: basis,
        review_due: review.due.clone(),
        review_due_zh: review.due_zh.clone(),
        today: today.map(dates::iso),
        working_days_left: filing.working_days_left,
        calendar_days_left: filing.calendar_days_left,
        cite: law::cite_known(law::SHANWEI, "第二十二条"),
        filing,
        review,
        notes,
        warnings,
    })
}

/// The `objection` command: `{publicationDate, filedOn?, receivedOn?, today?, holidays?}`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条。
pub fn objection_of(input: crate::value::Value) -> Result<ObjectionResult> {
    let i = Input::new(input, &["publicationDate", "filedOn", "receivedOn", "today", "holidays"])?;
    let published = i.req_date("publicationDate")?;
    let filed = i.date("filedOn")?;
    let received = i.date("receivedOn")?;
    let today = i.date("today")?;
    let cal = i.calendar()?;
    objection(&cal, published, filed, received, today)
}

/// 「1 condition」, 「2 conditions」: a count with its noun in English.
fn count_en(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A span of whole months in English: 「9 months」, 「1 year」, 「2 years 3 months」 (附件6 「已公示…」).
fn years_months_en(m: u32) -> String {
    let (y, mo) = (m / 12, m % 12);
    match (y, mo) {
        (0, mo) => count_en(mo as usize, "month", "months"),
        (y, 0) => count_en(y as usize, "year", "years"),
        (y, mo) => format!("{} {}", count_en(y as usize, "year", "years"), count_en(mo as usize, "month", "months")),
    }
}

/// A name used mid-sentence: 「Resident identity card number」 → 「resident identity card number」.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
