//! Chained deadlines as a timeline: a credit repair (receipt → decision → publicity end, or
//! refusal → objection window) and an objection (publication → last day to object → review due).
//! Steps that already happened can be given as actual dates; later steps are counted from them,
//! otherwise from the latest lawful date of the step before (marked `projected`).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5；
//! 《中华人民共和国民法典》第二百零一条。

use crate::calendar::{Calendar, Warning, YearUse};
use crate::dates;
use crate::deadline::{self, compute, Deadline, Input};
use crate::error::{Error, Result};
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;

/// One step of a timeline: an event (given or projected) or a deadline.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: &'static str,
    pub label: Text,
    /// `event` (something that happens) or `deadline` (the last day for it).
    #[serde(rename = "type")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"event\" | \"deadline\""))]
    pub step_type: &'static str,
    /// `repaired` or `refused` for the steps of one outcome of a repair only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"repaired\" | \"refused\""))]
    pub branch: Option<&'static str>,
    pub date: String,
    pub date_zh: String,
    /// The date was given in the input.
    pub actual: bool,
    /// The date was derived from an earlier step's projected (not actual) date.
    pub projected: bool,
    /// For an actual event with a deadline: whether it happened by the deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_time: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Vec<Text>,
    /// The article the step rests on, where the step is not a deadline (a deadline cites its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cite: Option<crate::law::Citation>,
}

/// A timeline: its process, steps in order, years relied on and warnings (merged over steps).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub process: &'static str,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_class: Option<&'static str>,
    pub steps: Vec<Step>,
    pub years_relied: Vec<YearUse>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CalendarWarning[]"))]
    pub warnings: Vec<Warning>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Vec<Text>,
}

/// The input of the `timeline` command, read and checked.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5。
#[derive(Debug, Clone, Default)]
pub struct TimelineInput {
    /// `repair` or `objection`.
    pub process: String,
    /// Repair: day the application was received. Objection: day the result was published.
    pub from: Option<NaiveDate>,
    /// `institution` (default) or `person`; only institutions' repairs are published (第三十条).
    pub subject_class: Option<String>,
    /// Repair: day the application was accepted (default: the day of receipt).
    pub accepted_on: Option<NaiveDate>,
    /// Repair: day the decision was made.
    pub decided_on: Option<NaiveDate>,
    /// Repair: `repaired` or `refused` (default: both branches shown).
    pub outcome: Option<String>,
    /// Repair, refused: day the refusal notice (附件5) was received (default: the decision day).
    pub refusal_received_on: Option<NaiveDate>,
    /// Repair, refused: day an objection to the refusal was filed.
    pub objection_filed_on: Option<NaiveDate>,
    /// Objection: day the objection was filed (received by the department).
    pub filed_on: Option<NaiveDate>,
    /// Objection: day the review answer (附件2) was given.
    pub reviewed_on: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
}

const FIELDS: &[&str] = &[
    "process",
    "from",
    "subjectClass",
    "acceptedOn",
    "decidedOn",
    "outcome",
    "refusalReceivedOn",
    "objectionFiledOn",
    "filedOn",
    "reviewedOn",
    "today",
    "holidays",
];

impl TimelineInput {
    fn read(i: &Input) -> Result<TimelineInput> {
        Ok(TimelineInput {
            process: i.req_text("process")?.to_string(),
            from: Some(i.req_date("from")?),
            subject_class: i.text("subjectClass")?.map(str::to_string),
            accepted_on: i.date("acceptedOn")?,
            decided_on: i.date("decidedOn")?,
            outcome: i.text("outcome")?.map(str::to_string),
            refusal_received_on: i.date("refusalReceivedOn")?,
            objection_filed_on: i.date("objectionFiledOn")?,
            filed_on: i.date("filedOn")?,
            reviewed_on: i.date("reviewedOn")?,
            today: i.date("today")?,
        })
    }
}

fn order_err(field: &str, zh_what: &str, en_what: &str, d: NaiveDate, before: NaiveDate) -> Error {
    Error::new(
        "E_TIMELINE_ORDER",
        format!("{field}（{}）不能早于{zh_what}（{}）", dates::iso(d), dates::iso(before)),
        format!("{field} ({}) cannot be before {en_what} ({})", dates::iso(d), dates::iso(before)),
    )
    .at(format!("$.{field}"))
}

struct Builder<'a> {
    cal: &'a Calendar,
    today: Option<NaiveDate>,
    steps: Vec<Step>,
    /// Sorted by year.
    years: Vec<YearUse>,
    warnings: Vec<Warning>,
}

impl<'a> Builder<'a> {
    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        id: &'static str,
        zh: &str,
        en: &str,
        date: NaiveDate,
        actual: bool,
        projected: bool,
        branch: Option<&'static str>,
    ) -> &mut Step {
        self.steps.push(Step {
            id,
            label: Text::new(zh, en),
            step_type: "event",
            branch,
            date: dates::iso(date),
            date_zh: dates::chinese(date),
            actual,
            projected,
            in_time: None,
            deadline: None,
            notes: Vec::new(),
            cite: None,
        });
        let n = self.steps.len() - 1;
        &mut self.steps[n]
    }

    fn deadline(
        &mut self,
        id: &'static str,
        kind: &str,
        from: NaiveDate,
        projected: bool,
        branch: Option<&'static str>,
    ) -> Result<NaiveDate> {
        let k = deadline::kind(kind)?;
        let r = compute(self.cal, k, from, None, self.today, None)?;
        let due = r.due_date.unwrap_or(from);
        for y in &r.years_relied {
            if let Err(at) = self.years.binary_search_by_key(&y.year, |u| u.year) {
                self.years.insert(at, y.clone());
            }
        }
        for w in &r.warnings {
            if !self.warnings.contains(w) {
                self.warnings.push(w.clone());
            }
        }
        self.steps.push(Step {
            id,
            label: r.label.clone(),
            step_type: "deadline",
            branch,
            date: r.due.clone(),
            date_zh: r.due_zh.clone(),
            actual: false,
            projected,
            in_time: None,
            deadline: Some(r),
            notes: Vec::new(),
            cite: None,
        });
        Ok(due)
    }
}

/// Builds the timeline of a repair or an objection.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5。
pub fn timeline(cal: &Calendar, i: &TimelineInput) -> Result<Timeline> {
    let from = i.from.ok_or_else(|| {
        Error::new(
            "E_INPUT_JSON",
            "输入字段 from：缺少日期（YYYY-MM-DD）",
            "input field from: date (YYYY-MM-DD) is missing",
        )
        .at("$.from")
    })?;
    let today = i.today;
    // 汕尾 第三十四条: both processes rest on the Shanwei measures; say when its trial had ended.
    let validity = crate::law::notes_on(&[crate::law::SHANWEI], from).into_iter().map(|n| Warning { code: n.code, year: None, zh: n.text.zh, en: n.text.en }).collect();
    let mut b = Builder { cal, today, steps: Vec::new(), years: Vec::new(), warnings: validity };
    let mut notes = Vec::new();
    let process = i.process.trim();
    let (process, label, subject) = match process {
        "repair" => {
            let subject = match i.subject_class.as_deref().map(str::trim) {
                None | Some("") => {
                    notes.push(Text::new("未给出主体类别，按机构类计（机构类修复须公示5个工作日）", "no subject class given: taken as an institution (institutions' repairs are published for 5 working days)"));
                    "institution"
                }
                Some("institution") => "institution",
                Some("person") => "person",
                Some(other) => {
                    return Err(Error::new(
                        "E_TIMELINE_SUBJECT",
                        format!("主体类别“{other}”无效，应为 institution（机构类）或 person（个人类）"),
                        format!("subject class \"{other}\" is not valid; use institution or person"),
                    )
                    .at("$.subjectClass"))
                }
            };
            repair(&mut b, i, from, subject)?;
            ("repair", Text::new("信用修复", "Credit repair"), Some(subject))
        }
        "objection" => {
            objection(&mut b, i, from)?;
            ("objection", Text::new("信用评价结果异议", "Objection to an evaluation result"), None)
        }
        other => {
            return Err(Error::new(
                "E_TIMELINE_PROCESS",
                format!("未知的流程“{other}”；可选：repair（信用修复）、objection（异议申诉）"),
                format!("unknown process \"{other}\"; known: repair, objection"),
            )
            .at("$.process"))
        }
    };
    Ok(Timeline {
        process,
        label,
        subject_class: subject,
        steps: b.steps,
        years_relied: b.years,
        warnings: b.warnings,
        notes,
    })
}

/// 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条、附件5。
fn repair(b: &mut Builder, i: &TimelineInput, received: NaiveDate, subject: &str) -> Result<()> {
    let accepted = i.accepted_on;
    let decided = i.decided_on;
    let refusal_received = i.refusal_received_on;
    let objection_filed = i.objection_filed_on;
    let outcome = match i.outcome.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("repaired") => Some("repaired"),
        Some("refused") => Some("refused"),
        Some(other) => {
            return Err(Error::new(
                "E_TIMELINE_OUTCOME",
                format!("处理结果“{other}”无效，应为 repaired（予以修复）或 refused（不予修复）"),
                format!("outcome \"{other}\" is not valid; use repaired or refused"),
            )
            .at("$.outcome"))
        }
    };
    if let Some(a) = accepted {
        if a < received {
            return Err(order_err("acceptedOn", "收到申请之日", "the day of receipt", a, received));
        }
    }
    if let Some(dd) = decided {
        if dd < received {
            return Err(order_err("decidedOn", "收到申请之日", "the day of receipt", dd, received));
        }
    }
    if let (Some(r), Some(dd)) = (refusal_received, decided) {
        if r < dd {
            return Err(order_err("refusalReceivedOn", "决定之日", "the decision day", r, dd));
        }
    }
    if (refusal_received.is_some() || objection_filed.is_some()) && outcome == Some("repaired") {
        return Err(Error::new(
            "E_TIMELINE_OUTCOME",
            "处理结果为予以修复（repaired），却给出了不予修复告知书或异议的日期",
            "the outcome is repaired, yet dates of a refusal notice or of an objection to it are given",
        )
        .at("$.outcome"));
    }
    let outcome = if refusal_received.is_some() || objection_filed.is_some() { Some("refused") } else { outcome };

    b.event("receipt", "收到信用修复申请", "Repair application received", received, true, false, None);
    let acc = accepted.unwrap_or(received);
    let s = b.event("acceptance", "受理申请", "Application accepted", acc, accepted.is_some(), false, None);
    if accepted.is_none() {
        s.notes.push(Text::new(
            "未给出受理日期，按收到申请当日受理计",
            "no acceptance date given: taken as accepted on the day of receipt",
        ));
    }
    let due10 = b.deadline("decision-due", "repair-decision", acc, false, None)?;
    let due20 = b.deadline("decision-max", "repair-decision-max", received, false, None)?;
    if due10 > due20 {
        let n = b.steps.len();
        b.steps[n - 2].notes.push(Text::new(
            "受理后10个工作日晚于自收到申请起20个工作日的上限，以20个工作日上限为准（第三十条）",
            "10 working days after acceptance falls after the 20-working-day limit from receipt, which governs (Art. 30)",
        ));
    }
    let latest = due10.min(due20);
    let (decision, dproj) = match decided {
        Some(dd) => {
            let s = b.event("decision", "作出处理决定", "Decision made", dd, true, false, None);
            s.in_time = Some(dd <= due20);
            if dd > due20 {
                s.notes.push(Text::new(
                    "决定晚于自收到申请起20个工作日的上限（第三十条）",
                    "the decision came after the limit of 20 working days from receipt (Art. 30)",
                ));
            } else if dd > due10 {
                s.notes.push(Text::new(
                    "决定晚于受理后10个工作日，须经单位负责人批准延长（第三十条）",
                    "the decision came after 10 working days from acceptance: an extension approved by the head is required (Art. 30)",
                ));
            }
            (dd, false)
        }
        None => {
            let s = b.event(
                "decision",
                "作出处理决定（按最迟日期）",
                "Decision (at the latest lawful date)",
                latest,
                false,
                true,
                None,
            );
            s.notes.push(Text::new(
                "未给出决定日期，以下各步按最迟决定日期推算",
                "no decision date given: the steps below are counted from the latest lawful decision date",
            ));
            (latest, true)
        }
    };
    if outcome != Some("refused") {
        let branch = if outcome.is_none() { Some("repaired") } else { None };
        // 第三十条: “公示期满无异议的，按程序信用修复，书面告知（附件6），并停止公示其失信记录，报送同级
        // 信用管理部门。” The article sets no period for these: they follow the end of the publicity
        // (institutions), or the decision to repair (persons, whose repairs are not published).
        let after = if subject == "institution" {
            let end = b.deadline("publicity-end", "repair-publicity", decision, dproj, branch)?;
            end.succ_opt().unwrap_or(end)
        } else {
            decision
        };
        let follow = |b: &mut Builder, id: &'static str, zh: &str, en: &str| {
            let s = b.event(id, zh, en, after, false, dproj, branch);
            s.cite = Some(crate::law::cite_known(crate::law::SHANWEI, "第三十条"));
            s.notes.push(if subject == "institution" {
                Text::new(
                    "第三十条未规定办理期限：公示期满无异议后办理，所示为公示期满后的第一天",
                    "Art. 30 sets no period for it: it follows once the publicity has ended without objection; the date shown is the first day after it",
                )
            } else {
                Text::new(
                    "第三十条未规定办理期限；个人类修复不公示，所示为作出修复决定之日",
                    "Art. 30 sets no period for it; persons' repairs are not published, so the date shown is the day of the decision to repair",
                )
            });
        };
        if subject != "institution" {
            let s = b.event(
                "no-publicity",
                "个人类信用修复不公示",
                "No publicity for persons",
                decision,
                false,
                dproj,
                branch,
            );
            s.notes.push(Text::new(
                "第三十条只规定对机构类主体的信用修复信息予以公示",
                "Art. 30 requires publicity only for institutions' repairs",
            ));
        }
        follow(b, "repair-notice", "按程序信用修复，书面告知（附件6 信用修复确认通知书）", "Repair granted; written notice (Form 6, notice confirming credit repair)");
        follow(b, "record-unpublished", "停止公示其失信记录", "The dishonest record is no longer published");
        follow(b, "reported", "报送同级信用管理部门", "The repair is reported to the credit authority at the same level");
    }
    if outcome != Some("repaired") {
        let branch = if outcome.is_none() { Some("refused") } else { None };
        let (rr, rproj) = match refusal_received {
            Some(r) => (r, false),
            None => (decision, dproj),
        };
        let s = b.event(
            "refusal-received",
            "收到不予信用修复告知书（附件5）",
            "Refusal notice (Form 5) received",
            rr,
            refusal_received.is_some(),
            rproj,
            branch,
        );
        if refusal_received.is_none() {
            s.notes.push(Text::new(
                "未给出收到告知书的日期，按决定当日收到计",
                "no date of receipt of the notice given: taken as received on the decision day",
            ));
        }
        let due5 = b.deadline("refusal-objection", "refusal-objection", rr, rproj, branch)?;
        if let Some(f) = objection_filed {
            if f < rr {
                return Err(order_err("objectionFiledOn", "收到告知书之日", "the day the notice was received", f, rr));
            }
            let s = b.event(
                "refusal-objection-filed",
                "对不予修复提出异议",
                "Objection to the refusal filed",
                f,
                true,
                false,
                branch,
            );
            s.in_time = Some(f <= due5);
        }
    }
    Ok(())
}

/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条。
fn objection(b: &mut Builder, i: &TimelineInput, published: NaiveDate) -> Result<()> {
    let filed = i.filed_on;
    let reviewed = i.reviewed_on;
    b.event("publication", "评价结果公示", "Evaluation result published", published, true, false, None);
    let last = b.deadline("objection-deadline", "objection-filing", published, false, None)?;
    let (received, proj) = match filed {
        Some(f) => {
            if f < published {
                return Err(order_err("filedOn", "公示之日", "the publication day", f, published));
            }
            let s =
                b.event("objection-filed", "提出异议申述（附件1）", "Objection filed (Form 1)", f, true, false, None);
            s.in_time = Some(f <= last);
            if f > last {
                s.notes.push(Text::new(
                    "异议晚于公示后10个工作日（第二十二条）",
                    "the objection came after 10 working days from publication (Art. 22)",
                ));
            }
            (f, false)
        }
        None => {
            let s = b.event(
                "objection-filed",
                "提出异议申述（按最后一日）",
                "Objection filed (on the last day)",
                last,
                false,
                true,
                None,
            );
            s.notes.push(Text::new(
                "未给出提出异议的日期，复审期限按异议期最后一日推算",
                "no filing date given: the review deadline is counted from the last day to object",
            ));
            (last, true)
        }
    };
    let due = b.deadline("review-due", "objection-review", received, proj, None)?;
    if let Some(r) = reviewed {
        if r < received {
            return Err(order_err("reviewedOn", "收到异议之日", "the day the objection was received", r, received));
        }
        let s = b.event("reviewed", "反馈复核意见（附件2）", "Review answered (Form 2)", r, true, false, None);
        s.in_time = Some(r <= due);
    }
    Ok(())
}

/// The `timeline` command: [`TimelineInput`] → [`Timeline`].
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5。
pub fn run(input: crate::value::Value) -> Result<Timeline> {
    let i = Input::new(input, FIELDS)?;
    let t = TimelineInput::read(&i)?;
    let cal = i.calendar()?;
    timeline(&cal, &t)
}
