//! The six attachment forms: each form's model (fields, what is required, how each is checked,
//! what the core computes), the filled form, and its print-ready HTML (see [`html`]).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第二十九条、第三十条，附件1—附件6。
//!
//! One input shape for every form: `{form, filledOn, repair?, eligible?, fields?, rules?, holidays?}`,
//! where `repair` is the credit-repair input as the repair check saves it (extra keys are ignored),
//! `fields` holds what the user typed, which wins over what the core computed, and `holidays` the
//! holiday-cn documents that extend the built-in calendar (a year's notice published after the
//! release).

pub mod defs;
pub mod html;

use crate::calendar::{Calendar, Tracker, Warning};
use crate::dates;
use crate::error::{Error, Result};
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;
use crate::value::{Map, Value};

pub use defs::{form as form_def, ChoiceOption, FieldDef, FieldKind, FormDef, FORMS};

/// The subject as the repair input carries it.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第五条、第八条，附件3、附件6（名称、统一社会信用代码、法定代表人、联系方式）。
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub subject_type: Option<String>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub contact: Option<String>,
    pub legal_representative: Option<String>,
    /// The identity document `code` is the number of (第八条、第十三条); `None`: the default of the
    /// subject's class ([`crate::ident::default_document`]).
    pub document_type: Option<&'static crate::ident::DocumentType>,
}

/// The adverse record as the repair input carries it.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十五条，附件3（“xxxx年xx月xx日，因****行为被处以***”）、附件4。
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub kind: Option<String>,
    pub severity: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub publication_date: Option<NaiveDate>,
    pub department: Option<String>,
    pub decision_no: Option<String>,
    pub act: Option<String>,
    pub penalty: Option<String>,
}

/// The part of the repair input the forms use.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条、第三十条。
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repair {
    pub subject: Subject,
    pub record: Record,
    pub application_date: Option<NaiveDate>,
}

/// The rule set named at the foot of the form.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条（指标另行制定：每份表格注明所用指标及其散列值）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RulesRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

/// The input of the `form` command, read.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone)]
pub struct FormInput {
    pub form: &'static FormDef,
    pub filled_on: Option<NaiveDate>,
    pub repair: Repair,
    pub eligible: Option<bool>,
    /// What the user typed, by field id (a present key wins, even when empty).
    pub fields: Vec<(String, String)>,
    pub rules: Option<RulesRef>,
    /// Problems in the input that do not stop the form (a malformed date in `repair`, no `filledOn`).
    pub input_errors: Vec<FieldError>,
    /// The working-day calendar: built in, or extended by the input's `holidays`.
    pub calendar: std::borrow::Cow<'static, Calendar>,
}

/// A problem with one field (or, with no `field`, with the input), in Chinese and English, with
/// the JSON path of the input it is about.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（打印前检查）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FieldError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    pub path: String,
}

impl FieldError {
    fn at_field(field: &str, code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError { field: Some(field.to_string()), code, zh: zh.into(), en: en.into(), path: format!("$.fields.{field}") }
    }
}

/// A field of a filled form: its definition, the value used, what the core computed (if
/// anything) and where the value came from (`computed` or `typed`).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct FieldModel {
    pub id: &'static str,
    pub label: Text,
    pub kind: FieldKind,
    pub required: bool,
    pub max_length: usize,
    #[serde(skip_serializing_if = "<[ChoiceOption]>::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub options: &'static [ChoiceOption],
    pub value: String,
    pub computed: Option<String>,
    pub source: &'static str,
    /// How the value is written on the form when that differs from `value` (dates, choices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    pub printed: bool,
}

/// A filled form: its fields, the problems to fix before printing, and the print-ready HTML.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct FormModel {
    pub form: u8,
    pub attachment: String,
    pub title: Text,
    pub basis: Text,
    pub rules: RulesRef,
    pub filled_on: Option<String>,
    pub subject_class: Option<&'static str>,
    /// The identity document the code is the number of, when one was given and fits the subject
    /// (`passport`, `hmt-permit`, …; 第八条、第十三条); the printed code is preceded by its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub document_type: Option<&'static str>,
    pub fields: Vec<FieldModel>,
    pub errors: Vec<FieldError>,
    pub valid: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Vec<Text>,
    /// A printed date relies on a year whose holiday notice is not loaded: one warning per year
    /// (the printed HTML says so under the date).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "CalendarWarning[]"))]
    pub warnings: Vec<Warning>,
    pub html: String,
}

impl FormModel {
    /// The field `id` of the filled form.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
    pub fn field(&self, id: &str) -> Option<&FieldModel> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The value of the field `id` (empty when absent).
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
    pub fn value(&self, id: &str) -> &str {
        self.field(id).map_or("", |f| f.value.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the input
// ---------------------------------------------------------------------------------------------

fn shape_err(path: &str, zh: &str, en: &str) -> Error {
    Error::new("E_INPUT_JSON", format!("输入字段 {path}：{zh}"), format!("input field {path}: {en}")).at(path)
}

fn as_obj<'a>(v: Option<&'a Value>, path: &str) -> Result<Option<&'a Map>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(shape_err(path, "应为 JSON 对象", "must be a JSON object")),
    }
}

/// A text value: absent, null and blank are `None`; anything but a string is refused.
fn text_of(m: &Map, key: &str, path: &str) -> Result<Option<String>> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(shape_err(&format!("{path}.{key}"), "应为字符串", "must be a string")),
    }
}

/// A date value; a malformed one is reported in `errs` and read as absent.
fn date_of(m: &Map, key: &str, path: &str, errs: &mut Vec<FieldError>) -> Result<Option<NaiveDate>> {
    let Some(s) = text_of(m, key, path)? else { return Ok(None) };
    match dates::parse_date(&s, key) {
        Ok(d) => Ok(Some(d)),
        Err(e) => {
            errs.push(FieldError { field: None, code: e.code, zh: e.zh, en: e.en, path: format!("{path}.{key}") });
            Ok(None)
        }
    }
}

/// Longest text accepted in the repair input and the rules reference (characters).
const MAX_INPUT_TEXT: usize = 2000;

fn limited(v: Option<String>, path: &str) -> Result<Option<String>> {
    match v {
        Some(s) if s.chars().count() > MAX_INPUT_TEXT => Err(Error::new(
            "E_FORM_TOO_LONG",
            format!("{path} 超过 {MAX_INPUT_TEXT} 个字符"),
            format!("{path} is longer than {MAX_INPUT_TEXT} characters"),
        )
        .at(path)),
        other => Ok(other),
    }
}

/// Reads one part (`subject` or `record`) of the repair input with the repair check's own types,
/// so the two commands accept exactly the same shape (依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条、第三十条).
fn read_part<T: serde::de::DeserializeOwned + Default>(v: Option<&Value>, path: &str) -> Result<T> {
    match as_obj(v, path)? {
        None => Ok(T::default()),
        Some(m) => crate::value::from_value(Value::Object(m.clone())).map_err(|e| shape_err(path, &e.to_string(), &e.to_string())),
    }
}

/// A text of the repair input: trimmed, blank is absent, at most [`MAX_INPUT_TEXT`] characters.
fn clean(v: Option<String>, path: &str) -> Result<Option<String>> {
    limited(v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()), path)
}

/// A date of the repair input; a malformed one is reported in `errs` and read as absent.
fn clean_date(v: Option<String>, key: &str, path: &str, errs: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let s = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())?;
    match dates::parse_date(&s, key) {
        Ok(d) => Some(d),
        Err(e) => {
            errs.push(FieldError { field: None, code: e.code, zh: e.zh, en: e.en, path: format!("{path}.{key}") });
            None
        }
    }
}

fn read_repair(v: Option<&Value>, errs: &mut Vec<FieldError>) -> Result<Repair> {
    let Some(m) = as_obj(v, "$.repair")? else { return Ok(Repair::default()) };
    let (ps, pr) = ("$.repair.subject", "$.repair.record");
    let s: crate::repair::RepairSubject = read_part(m.get("subject"), ps)?;
    let rec: crate::repair::RepairRecord = read_part(m.get("record"), pr)?;
    let subject = Subject {
        subject_type: clean(s.subject_type, &format!("{ps}.type"))?,
        name: clean(s.name, &format!("{ps}.name"))?,
        code: clean(s.code, &format!("{ps}.code"))?,
        contact: clean(s.contact, &format!("{ps}.contact"))?,
        legal_representative: clean(s.legal_representative, &format!("{ps}.legalRepresentative"))?,
        document_type: crate::ident::read_document_type(s.document_type.as_deref(), None, &format!("{ps}.documentType"))?,
    };
    let record = Record {
        kind: clean(rec.kind, &format!("{pr}.kind"))?,
        severity: clean(rec.severity, &format!("{pr}.severity"))?,
        decision_date: clean_date(rec.decision_date, "decisionDate", pr, errs),
        publication_date: clean_date(rec.publication_date, "publicationDate", pr, errs),
        department: clean(rec.department, &format!("{pr}.department"))?,
        decision_no: clean(rec.decision_no, &format!("{pr}.decisionNo"))?,
        act: clean(rec.act, &format!("{pr}.act"))?,
        penalty: clean(rec.penalty, &format!("{pr}.penalty"))?,
    };
    let application_date = date_of(m, "applicationDate", "$.repair", errs)?;
    Ok(Repair { subject, record, application_date })
}

fn read_form_number(v: Option<&Value>) -> Result<&'static FormDef> {
    let n = match v {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    n.and_then(|n| u8::try_from(n).ok()).and_then(defs::form).ok_or_else(|| {
        Error::new(
            "E_FORM_UNKNOWN",
            "form 应为 1 至 6（附件1—附件6）",
            "form must be a number from 1 to 6 (attachments 1 to 6)",
        )
        .at("$.form")
    })
}

fn read_eligible(v: Option<&Value>) -> Result<Option<bool>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) => match s.trim() {
            "" => Ok(None),
            "true" | "yes" => Ok(Some(true)),
            "false" | "no" => Ok(Some(false)),
            _ => Err(shape_err("$.eligible", "应为 true、false 或 null", "must be true, false or null")),
        },
        Some(_) => Err(shape_err("$.eligible", "应为 true、false 或 null", "must be true, false or null")),
    }
}

fn read_rules(v: Option<&Value>) -> Result<Option<RulesRef>> {
    let Some(m) = as_obj(v, "$.rules")? else { return Ok(None) };
    let get = |k: &str| -> Result<String> {
        let s = text_of(m, k, "$.rules")?.unwrap_or_default();
        if s.chars().count() > 200 {
            return Err(shape_err(&format!("$.rules.{k}"), "超过 200 个字符", "is longer than 200 characters"));
        }
        Ok(s)
    };
    let r = RulesRef { id: get("id")?, version: get("version")?, hash: get("hash")? };
    if r.id.is_empty() || r.hash.is_empty() {
        return Err(shape_err("$.rules", "须含 id 和 hash", "must have id and hash"));
    }
    Ok(Some(r))
}

/// Reads the `form` command's input; only a wrong shape is an error here, everything the user
/// can fix on the form is reported by [`fill`] as a field error.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
pub fn read_input(input: Value) -> Result<FormInput> {
    let Value::Object(m) = input else {
        return Err(Error::new("E_INPUT_JSON", "输入应为 JSON 对象", "the input must be a JSON object"));
    };
    const KEYS: &[&str] = &["form", "filledOn", "repair", "eligible", "fields", "rules", "holidays"];
    if let Some(k) = m.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(shape_err(
            &format!("$.{k}"),
            "未知字段（可用：form, filledOn, repair, eligible, fields, rules, holidays）",
            "unknown field (known: form, filledOn, repair, eligible, fields, rules, holidays)",
        ));
    }
    let form = read_form_number(m.get("form"))?;
    let mut errs = Vec::new();
    let filled_on = date_of(&m, "filledOn", "$", &mut errs)?;
    if filled_on.is_none() && errs.is_empty() {
        errs.push(FieldError {
            field: None,
            code: "E_FORM_FILLED_ON",
            zh: "缺少填写日期（filledOn，YYYY-MM-DD），表格页脚须注明".into(),
            en: "the fill date (filledOn, YYYY-MM-DD) is missing; the form's foot must show it".into(),
            path: "$.filledOn".into(),
        });
    }
    let repair = read_repair(m.get("repair"), &mut errs)?;
    let eligible = read_eligible(m.get("eligible"))?;
    let mut fields = Vec::new();
    if let Some(fm) = as_obj(m.get("fields"), "$.fields")? {
        for (k, v) in fm {
            let path = format!("$.fields.{k}");
            if form.field(k).is_none() {
                let known: Vec<&str> = form.fields.iter().map(|f| f.id).collect();
                let list = known.join(", ");
                return Err(Error::new(
                    "E_FORM_FIELD_UNKNOWN",
                    format!("附件{}没有字段“{k}”（可用：{list}）", form.number),
                    format!("attachment {} has no field \"{k}\" (known: {list})", form.number),
                )
                .at(path));
            }
            match v {
                Value::Null => {}
                Value::String(s) => fields.push((k.clone(), s.clone())),
                _ => return Err(shape_err(&path, "应为字符串", "must be a string")),
            }
        }
    }
    let rules = read_rules(m.get("rules"))?;
    let calendar = Calendar::with_holidays(m.get("holidays"))?;
    Ok(FormInput { form, filled_on, repair, eligible, fields, rules, input_errors: errs, calendar })
}

// ---------------------------------------------------------------------------------------------
// Computed fields
// ---------------------------------------------------------------------------------------------

/// “xxxx年xx月xx日，因****行为被处以***” from the record's decision date, act and penalty; `None`
/// when one of the three is missing.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件3（失信信息内容描述）。
pub fn describe_record(r: &Record) -> Option<String> {
    let date = r.decision_date?;
    let act = r.act.as_deref()?;
    let act = act.strip_prefix('因').unwrap_or(act);
    let act = act.strip_suffix("行为").unwrap_or(act);
    let pen = r.penalty.as_deref()?;
    let pen = pen.strip_prefix("被处以").or_else(|| pen.strip_prefix("处以")).unwrap_or(pen);
    Some(format!("{}，因{act}行为被处以{pen}", dates::chinese(date)))
}

/// “x年x个月”: how long the record was disclosed, from its publication to the application day.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件6；《中华人民共和国民法典》第二百零二条。
pub fn disclosed_for(publication: NaiveDate, application: NaiveDate) -> Option<String> {
    (publication <= application).then(|| dates::years_months_zh(dates::whole_months(publication, application)))
}

/// The last day to object against a refusal: 5 working days from the delivery of 附件5, on the
/// calendar `cal`, with the warnings of the years it relied on without a notice.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条、附件5；《中华人民共和国民法典》第二百零一条。
pub fn objection_last_day(cal: &Calendar, delivered: NaiveDate) -> Result<(NaiveDate, Vec<Warning>)> {
    let k = crate::deadline::kind("refusal-objection")?;
    let d = crate::deadline::compute(cal, k, delivered, None, None, None)?;
    let due = d.due_date.ok_or_else(|| Error::new("E_INTERNAL", "内部错误：期限无日期", "internal error: deadline without a date"))?;
    Ok((due, d.warnings))
}

/// The warnings of the years the printed last day of 附件5 relies on without their notice: the
/// working days from the day after delivery to the last day printed (computed or typed).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条、附件5；国务院办公厅年度放假安排通知；《全国年节及纪念日放假办法》。
pub fn printed_date_warnings(cal: &Calendar, delivered: NaiveDate, last: NaiveDate) -> Vec<Warning> {
    let mut t = Tracker::new(cal);
    let mut d = delivered;
    while d < last {
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
        t.is_working(d);
    }
    t.coverage().1
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(dates::iso)
}

/// What the core computes for field `id` of the form, given the values of the fields before it.
fn compute(input: &FormInput, id: &str, before: &[FieldModel], notes: &mut Vec<Text>) -> Option<String> {
    let r = &input.repair;
    let n = input.form.number;
    match (n, id) {
        (_, "applicant" | "name" | "unit") => r.subject.name.clone(),
        (_, "code") => r.subject.code.clone(),
        (_, "contactPhone" | "contact") => r.subject.contact.clone(),
        (_, "legalRepresentative") => r.subject.legal_representative.clone(),
        (1, "objectionInfo") | (2, "objectionContent") | (3 | 6, "description") => describe_record(&r.record),
        (2, "bureau") | (4, "authority") | (5, "objectionBody" | "bureau") => r.record.department.clone(),
        (4, "penaltyDate") => iso(r.record.decision_date),
        (4, "decisionNo") => r.record.decision_no.clone(),
        (3, "art29") => input.eligible.map(|e| if e { "yes" } else { "no" }.to_string()),
        (3, "applicationDate") | (5, "receivedDate") => iso(r.application_date),
        (5, "applicationKind") => Some("信用修复".to_string()),
        (5, "objectionLastDay") => {
            let delivered = before.iter().find(|f| f.id == "deliveryDate")?;
            let d = dates::parse_date(&delivered.value, "deliveryDate").ok()?;
            match objection_last_day(&input.calendar, d) {
                Ok((due, _)) => Some(dates::iso(due)),
                Err(e) => {
                    notes.push(Text::new(e.zh, e.en));
                    None
                }
            }
        }
        (6, "disclosed") => disclosed_for(r.record.publication_date?, r.application_date?),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// Folds full-width digits and punctuation a phone number may be typed with.
fn fold_phone(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '－' | '—' | '–' => Some('-'),
            '（' => Some('('),
            '）' => Some(')'),
            '＋' => Some('+'),
            ' ' | '\u{3000}' | '\t' => None,
            c => Some(c),
        })
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// One phone number: a mainland mobile `1[3-9]xxxxxxxxx` (optionally `+86`), or a landline with
/// its area code (`0660-3388123`, `(0660)3388123`, `020-12345678-801`, `06603388123`).
/// 依据：《电信网编号计划》（移动号码1[3-9]开头11位；固定电话区号以0开头3—4位、本地号码7—8位）。
pub fn is_phone(s: &str) -> bool {
    let t = fold_phone(s);
    let t = t.strip_prefix("+86").or_else(|| t.strip_prefix("0086")).unwrap_or(&t).trim_start_matches('-');
    let b = t.as_bytes();
    if b.len() == 11 && all_digits(t) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
        return true;
    }
    // (0660)3388123 → 0660-3388123
    let t = match t.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((area, rest)) => format!("{area}-{}", rest.trim_start_matches('-')),
        None => t.to_string(),
    };
    let parts: Vec<&str> = t.split('-').collect();
    let area_ok = |a: &str| all_digits(a) && a.starts_with('0') && (3..=4).contains(&a.len());
    let local_ok = |l: &str| all_digits(l) && (7..=8).contains(&l.len()) && !l.starts_with('0');
    match parts.as_slice() {
        [one] => all_digits(one) && one.starts_with('0') && (10..=12).contains(&one.len()),
        [a, l] => area_ok(a) && local_ok(l),
        [a, l, ext] => area_ok(a) && local_ok(l) && all_digits(ext) && ext.len() <= 6,
        _ => false,
    }
}

/// A phone field: one or more numbers separated by `、` `/` `,` `，` `;` `；`, each a valid number.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1、附件3、附件6（联系方式）。
pub fn check_phone(value: &str) -> std::result::Result<(), String> {
    for part in value.split(['、', '/', ',', '，', ';', '；']) {
        let p = part.trim();
        if p.is_empty() || !is_phone(p) {
            return Err(p.to_string());
        }
    }
    Ok(())
}

/// Checks a 统一社会信用代码 (institutions) or 居民身份证号码 (persons) by its check character, or
/// the number of another identity document (`doc`: passport, permits, others) for being present
/// and on one line only; with no document type and no known subject class, an 18-character value
/// of digits (last may be X) is read as an ID.
/// 依据：GB 32100-2015；GB 11643-1999；《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条、附件3。
pub fn check_code(value: &str, class: Option<&str>, doc: Option<&crate::ident::DocumentType>, today: Option<NaiveDate>) -> Option<crate::ident::Issue> {
    let t = value.trim();
    if let Some(d) = doc {
        return crate::ident::check_document(d, t, today);
    }
    let looks_id = {
        let b = t.as_bytes();
        (b.len() == 18 && b[..17].iter().all(u8::is_ascii_digit) && (b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x'))
            || (b.len() == 15 && all_digits(t))
    };
    let person = match class {
        Some("person") => true,
        Some(_) => false,
        None => looks_id,
    };
    let doc = crate::ident::default_document(if person { "person" } else { "institution" });
    crate::ident::check_document(doc, t, today)
}

fn check_field(def: &FieldDef, value: &str, class: Option<&str>, doc: Option<&crate::ident::DocumentType>, today: Option<NaiveDate>) -> Option<FieldError> {
    let id = def.id;
    let label = def.zh;
    let v = value.trim();
    if v.is_empty() {
        return def.required.then(|| {
            let (zh, en) = match def.kind {
                FieldKind::Choice => (format!("请勾选“{label}”"), format!("{}: tick one box", def.en)),
                _ => (format!("请填写“{label}”"), format!("{} is required", def.en)),
            };
            FieldError::at_field(id, "E_FORM_REQUIRED", zh, en)
        });
    }
    let n = value.chars().count();
    if n > def.max {
        return Some(FieldError::at_field(
            id,
            "E_FORM_TOO_LONG",
            format!("“{label}”过长：{n} 个字符，最多 {} 个（超出部分不打印）", def.max),
            format!("{} is too long: {n} characters, at most {} (the rest is not printed)", def.en, def.max),
        ));
    }
    match def.kind {
        FieldKind::Text | FieldKind::Multiline => None,
        // Each message names the field in its own language.
        FieldKind::Date => dates::parse_date(v, label)
            .err()
            .map(|e| FieldError::at_field(id, e.code, e.zh, dates::parse_date(v, def.en).err().map_or(e.en, |x| x.en))),
        FieldKind::Phone => check_phone(v).err().map(|bad| {
            FieldError::at_field(
                id,
                "E_FORM_PHONE",
                format!("“{label}”中的“{bad}”不是有效的电话号码：手机为1开头的11位数字（第二位3—9），固定电话须带区号，如 0660-3388123"),
                format!("\"{bad}\" in {} is not a phone number: a mobile has 11 digits starting 13–19, a landline needs its area code, e.g. 0660-3388123", def.en),
            )
        }),
        FieldKind::UsccOrId => check_code(v, class, doc, today).map(|issue| {
            let what = match (doc, class) {
                (Some(d), _) if d.id == "uscc" => ("统一社会信用代码".to_string(), "unified social credit code".to_string()),
                (Some(d), _) if d.id == "resident-id" => ("身份证号码".to_string(), "ID number".to_string()),
                (Some(d), _) => (d.number_zh(), d.number_en()),
                (None, Some("person")) => ("身份证号码".into(), "ID number".into()),
                (None, Some(_)) => ("统一社会信用代码".into(), "unified social credit code".into()),
                (None, None) => ("统一社会信用代码或身份证号码".into(), "code".into()),
            };
            FieldError::at_field(id, issue.code, format!("{}有误：{}", what.0, issue.zh), format!("{}: {}", what.1, issue.en))
        }),
        FieldKind::Choice => (!def.options.iter().any(|o| o.id == v)).then(|| {
            let ids: Vec<&str> = def.options.iter().map(|o| o.id).collect();
            FieldError::at_field(
                id,
                "E_FORM_CHOICE",
                format!("“{label}”只能取 {}", ids.join(" / ")),
                format!("{} must be one of {}", def.en, ids.join(" / ")),
            )
        }),
    }
}

fn date_value(fields: &[FieldModel], id: &str) -> Option<NaiveDate> {
    let f = fields.iter().find(|f| f.id == id)?;
    dates::parse_date(&f.value, id).ok()
}

/// Dates that must be in order: (later field, earlier date, message about the earlier date).
fn order_errors(input: &FormInput, fields: &[FieldModel]) -> Vec<FieldError> {
    let r = &input.repair.record;
    let applied = input.repair.application_date;
    let mut out = Vec::new();
    let mut need = |field: &str, later: Option<NaiveDate>, earlier: Option<NaiveDate>, zh: &str, en: &str| {
        if let (Some(l), Some(e)) = (later, earlier) {
            if l < e {
                out.push(FieldError::at_field(
                    field,
                    "E_FORM_DATE_ORDER",
                    format!("日期顺序有误：{}（{}）早于{zh}（{}）", label_of(input.form, field), dates::chinese(l), dates::chinese(e)),
                    format!("dates out of order: {field} ({}) is before {en} ({})", dates::iso(l), dates::iso(e)),
                ));
            }
        }
    };
    let sign = date_value(fields, "signDate");
    match input.form.number {
        3 => need("applicationDate", date_value(fields, "applicationDate"), r.decision_date, "处罚决定日期", "the decision date"),
        4 => need("pledgeDate", date_value(fields, "pledgeDate"), date_value(fields, "penaltyDate"), "处罚日期", "the penalty date"),
        5 => {
            let received = date_value(fields, "receivedDate");
            need("receivedDate", received, r.decision_date, "处罚决定日期", "the decision date");
            need("signDate", sign, received, "收到申请日期", "the date the application was received");
            need("deliveryDate", date_value(fields, "deliveryDate"), sign.or(received), "告知书落款或收到申请日期", "the notice's date");
        }
        6 => {
            need("disclosed", r.publication_date, r.decision_date, "处罚决定日期", "the decision date");
            need("disclosed", applied, r.publication_date, "失信信息公示日期", "the publication date");
            need("signDate", sign, applied, "申请日期", "the application date");
        }
        _ => {}
    }
    out
}

fn label_of(form: &FormDef, id: &str) -> &'static str {
    form.field(id).map_or("日期", |f| f.zh)
}

fn display_of(def: &FieldDef, value: &str) -> Option<String> {
    let v = value.trim();
    match def.kind {
        FieldKind::Date => dates::parse_date(v, def.id).ok().map(dates::chinese),
        FieldKind::Choice => def.options.iter().find(|o| o.id == v).map(|o| o.zh.to_string()),
        _ => None,
    }
}

/// Most characters of multi-line text one A4 page holds (in the smallest print size), by form.
/// 依据：本项目打印要求（每份表格一页A4；附件1“申请理由（可附页）”：更长的内容另附页）。
pub fn page_budget(form: u8) -> usize {
    match form {
        6 => 2200,
        _ => 2400,
    }
}

/// When the multi-line fields together are too long for one page: an error on the longest.
fn page_full(def: &FormDef, fields: &[FieldModel]) -> Option<FieldError> {
    let multi: Vec<(&FieldModel, usize)> = fields
        .iter()
        .filter(|f| f.kind == FieldKind::Multiline && f.printed)
        .map(|f| (f, f.value.trim().chars().count().min(f.max_length)))
        .collect();
    let total: usize = multi.iter().map(|(_, n)| n).sum();
    let budget = page_budget(def.number);
    if total <= budget || multi.len() < 2 {
        return None;
    }
    let (longest, _) = multi.iter().max_by_key(|(_, n)| *n)?;
    Some(FieldError::at_field(
        longest.id,
        "E_FORM_PAGE_FULL",
        format!("附件{}的文字共 {total} 个字符，一页 A4 打印不下（最多约 {budget} 个）：请精简“{}”，详细内容另附页", def.number, longest.label.zh),
        format!("attachment {} has {total} characters of text, more than one A4 page holds (about {budget}): shorten {} and attach the details on extra sheets", def.number, longest.label.en),
    ))
}

/// The rule set to name on the form: as given, or the shipped set for the subject type (for a
/// type no shipped set covers, the one whose repair section the repair check uses), or the
/// retail-pharmacy set.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第十八条。
pub fn rules_for(input: &FormInput) -> RulesRef {
    if let Some(r) = &input.rules {
        return r.clone();
    }
    let rules = input
        .repair
        .subject
        .subject_type
        .as_deref()
        .and_then(|t| match crate::rules::builtin::for_subject_type(t) {
            Ok(r) => Some(r),
            // 其他机构、其他个人 (第五条): no shipped indicators; the repair check uses a shipped
            // set for its repair section alone, and the form names the same set.
            Err(_) if crate::rules::class_of(t).is_some() => crate::rules::builtin::any().ok(),
            Err(_) => None,
        })
        .or_else(|| crate::rules::builtin::by_name("retail-pharmacy").ok());
    match rules {
        Some(r) => RulesRef { id: r.doc.id.clone(), version: r.doc.version.clone(), hash: r.hash.clone() },
        None => RulesRef { id: String::new(), version: String::new(), hash: String::new() },
    }
}

/// Fills a form: computes what can be computed, lets typed values win, checks every field and
/// the order of the dates, and renders the print-ready HTML.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第二十九条、第三十条，附件1—附件6。
pub fn fill(input: &FormInput) -> FormModel {
    let def = input.form;
    let class = input.repair.subject.subject_type.as_deref().and_then(crate::rules::class_of);
    let mut notes = Vec::new();
    let mut fields: Vec<FieldModel> = Vec::with_capacity(def.fields.len());
    for fd in def.fields {
        let computed = compute(input, fd.id, &fields, &mut notes);
        let typed = input.fields.iter().find(|(k, _)| k == fd.id).map(|(_, v)| v.clone());
        let (value, source) = match (typed, &computed) {
            (Some(t), _) => (t, "typed"),
            (None, Some(c)) => (c.clone(), "computed"),
            (None, None) => (String::new(), "typed"),
        };
        let display = display_of(fd, &value);
        fields.push(FieldModel {
            id: fd.id,
            label: Text::new(fd.zh, fd.en),
            kind: fd.kind,
            required: fd.required,
            max_length: fd.max,
            options: fd.options,
            value,
            computed,
            source,
            display,
            printed: fd.printed,
        });
    }
    let mut errors = input.input_errors.clone();
    // 第八条: an institution is identified by its 统一社会信用代码, a person by an ID card or another
    // valid identity document; a document of the other class is reported on the code.
    let mut doc = input.repair.subject.document_type;
    if let (Some(d), Some(c)) = (doc, class) {
        if d.class != c {
            if let Err(e) = crate::ident::read_document_type(Some(d.id), Some(c), "$.repair.subject.documentType") {
                if def.field("code").is_some() {
                    errors.push(FieldError::at_field("code", "E_DOCUMENT_TYPE", e.zh, e.en));
                }
            }
            doc = None;
        }
    }
    for (fd, fm) in def.fields.iter().zip(&fields) {
        errors.extend(check_field(fd, &fm.value, class, doc, input.filled_on));
    }
    for e in order_errors(input, &fields) {
        // One message per field: a field already wrong is not also reported out of order.
        if !errors.iter().any(|x| x.field == e.field) {
            errors.push(e);
        }
    }
    if let Some(e) = page_full(def, &fields) {
        if !errors.iter().any(|x| x.field == e.field) {
            errors.push(e);
        }
    }
    let rules = rules_for(input);
    // 汕尾 第三十四条: a form filled after the trial period says so, on screen and on paper.
    let validity = input.filled_on.map(|d| crate::law::validity_notes(&[crate::law::SHANWEI], d)).unwrap_or_default();
    notes.extend(validity.iter().cloned());
    let warnings = match (def.number, date_value(&fields, "deliveryDate"), date_value(&fields, "objectionLastDay")) {
        (5, Some(delivered), Some(last)) => printed_date_warnings(&input.calendar, delivered, last),
        _ => Vec::new(),
    };
    let mut model = FormModel {
        form: def.number,
        attachment: format!("附件{}", def.number),
        title: Text::new(def.zh, def.en),
        basis: Text::new(def.basis_zh, def.basis_en),
        rules,
        filled_on: input.filled_on.map(dates::iso),
        subject_class: class,
        document_type: doc.map(|d| d.id),
        valid: errors.is_empty(),
        fields,
        errors,
        notes,
        warnings,
        html: String::new(),
    };
    model.html = html::render(def, &model, input.filled_on, &validity);
    model
}

/// The `form` command: the input above → the filled form model (with `html`).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
pub fn form(input: Value) -> Result<FormModel> {
    Ok(fill(&read_input(input)?))
}

/// The definition of one field, as the `forms` command lists it.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    pub id: &'static str,
    pub label: Text,
    pub kind: FieldKind,
    pub required: bool,
    pub max_length: usize,
    #[serde(skip_serializing_if = "<[ChoiceOption]>::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub options: &'static [ChoiceOption],
    #[serde(skip_serializing_if = "str::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hint: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_from: Option<Text>,
    pub printed: bool,
}

/// One form as the `forms` command lists it.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FormInfo {
    pub form: u8,
    pub attachment: String,
    pub title: Text,
    pub basis: Text,
    pub fields: Vec<FieldInfo>,
}

/// The six forms with their titles and field definitions.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
pub fn list() -> Vec<FormInfo> {
    FORMS
        .iter()
        .map(|d| FormInfo {
            form: d.number,
            attachment: format!("附件{}", d.number),
            title: Text::new(d.zh, d.en),
            basis: Text::new(d.basis_zh, d.basis_en),
            fields: d
                .fields
                .iter()
                .map(|f| FieldInfo {
                    id: f.id,
                    label: Text::new(f.zh, f.en),
                    kind: f.kind,
                    required: f.required,
                    max_length: f.max,
                    options: f.options,
                    hint: f.hint_zh,
                    computed_from: (!f.computed_zh.is_empty()).then(|| Text::new(f.computed_zh, f.computed_en)),
                    printed: f.printed,
                })
                .collect(),
        })
        .collect()
}

