//! Deadlines: the periods named in the sources, counted on the working-day calendar.
//!
//! 依据：《中华人民共和国民法典》第二百零一条（按日计算期间的，开始的当日不计入，自下一日开始计算）、
//! 第二百零三条（期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日）；
//! 《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5；
//! 秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案 二（一）（二）（三）（五）、四（二）。
//!
//! Working-day periods count working days (make-up working days 调休上班 count, weekends and
//! holidays do not) starting the day after the start event; the due date is the N-th working day.
//! Calendar-day periods start the next day; a last day on a rest day moves to the next working
//! day. The monthly report is a "by" date (每月25日前), not a period: see [`Counting::MonthlyBy25`].

use crate::law::{self, Citation};
use crate::calendar::{Calendar, Day, Tracker, Warning, YearUse};
use crate::dates;
use crate::error::{Error, Result};
use crate::text::Text;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use crate::value::{Map, Value};

/// How a kind of deadline is counted.
/// 依据：《中华人民共和国民法典》第二百零一条、第二百零三条。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Counting {
    /// N working days from the day after the start event (民法典 第二百零一条); weekends and
    /// holidays are skipped, make-up working days count.
    WorkingDays,
    /// N calendar days from the day after the start event (第二百零一条); a last day on a rest
    /// day moves to the next working day (第二百零三条).
    CalendarDays,
    /// By the 25th of the month (秦皇岛方案 二（二）、四（二）“每月25日前”): the 25th of the
    /// start date's month, or of the next month when the start date is after the 25th. It is a
    /// "by" date, not a period, so 民法典 第二百零三条 (which extends the last day of a period)
    /// does not apply: when the 25th is a rest day the report is due on the last working day
    /// before it. When that day falls before the start date, next month's date applies.
    #[serde(rename = "fixed-date")]
    MonthlyBy25,
}

/// A kind of deadline: its id, label, source article, start event and counting.
/// 依据：见各项 `basis`。
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub basis_zh: &'static str,
    pub basis_en: &'static str,
    pub start_zh: &'static str,
    pub start_en: &'static str,
    pub counting: Counting,
    /// Fixed length in days; `None` for the generic kinds (input `days`) and the monthly report.
    pub days: Option<u32>,
    /// The articles it rests on: (law-library id, article as written).
    pub cites: &'static [(&'static str, &'static str)],
}

impl Kind {
    /// The citation of [`Kind::cites`], from the law library.
    pub fn cite(&self) -> Citation {
        Citation::join(&self.cites.iter().map(|(l, a)| law::cite_known(l, a)).collect::<Vec<_>>())
    }

    /// What to tell the user about its sources for a period starting on `from` (汕尾 第三十四条:
    /// the trial period).
    pub fn validity_warnings(&self, from: NaiveDate) -> Vec<Warning> {
        let laws: Vec<&str> = self.cites.iter().map(|(l, _)| *l).collect();
        law::notes_on(&laws, from).into_iter().map(|n| Warning { code: n.code, year: None, zh: n.text.zh, en: n.text.en }).collect()
    }
}

/// Every kind of deadline, named kinds first, then the generic ones.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、第三十条、附件5；秦皇岛方案 二（一）（二）（三）（五）、四（二）；
/// 《中华人民共和国民法典》第二百零一条、第二百零三条。
pub const KINDS: &[Kind] = &[
    // 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条。
    Kind {
        id: "objection-filing",
        zh: "异议申诉期限（评价结果公示后）",
        en: "Objection to an evaluation result",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第二十二条：信用主体对信用评价结果有异议的，可在评价结果公示之日起，10个工作日内……向医疗保障部门提出异议申述（附件1）",
        basis_en: "Shanwei Measures (trial), Art. 22: a subject may object to its evaluation result within 10 working days from the day the result is published (Form 1)",
        start_zh: "评价结果公示之日",
        start_en: "day the result is published",
        counting: Counting::WorkingDays,
        days: Some(10),
        cites: &[(law::SHANWEI, "第二十二条、附件1")],
    },
    // 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条第二款。
    Kind {
        id: "objection-review",
        zh: "异议复审期限",
        en: "Review of an objection",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第二十二条：医疗保障部门自收到异议申诉及证明材料之日起，在10个工作日内对受理的异议申诉完成复审，并反馈复核意见（附件2）",
        basis_en: "Shanwei Measures (trial), Art. 22: the department reviews an objection within 10 working days from receiving it with its evidence, and answers (Form 2)",
        start_zh: "收到异议申诉及证明材料之日",
        start_en: "day the objection and evidence are received",
        counting: Counting::WorkingDays,
        days: Some(10),
        cites: &[(law::SHANWEI, "第二十二条、附件2")],
    },
    // 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条。
    Kind {
        id: "repair-decision",
        zh: "信用修复处理期限",
        en: "Decision on a credit repair application",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第三十条：应当在受理信用主体信用修复申请后10个工作日内作出处理意见",
        basis_en: "Shanwei Measures (trial), Art. 30: the department decides within 10 working days after accepting a credit repair application",
        start_zh: "受理信用修复申请之日",
        start_en: "day the repair application is accepted",
        counting: Counting::WorkingDays,
        days: Some(10),
        cites: &[(law::SHANWEI, "第三十条")],
    },
    // 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条。
    Kind {
        id: "repair-decision-max",
        zh: "信用修复处理最长期限（经批准延长）",
        en: "Latest decision on a repair application (extended)",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第三十条：情况复杂的，经单位负责人批准可以适当延长处理期限，但自收到申请之日起累计不得超过20个工作日",
        basis_en: "Shanwei Measures (trial), Art. 30: in complex cases the period may be extended with the head's approval, but never beyond 20 working days in total from receipt of the application",
        start_zh: "收到信用修复申请之日",
        start_en: "day the repair application is received",
        counting: Counting::WorkingDays,
        days: Some(20),
        cites: &[(law::SHANWEI, "第三十条")],
    },
    // 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条。
    Kind {
        id: "repair-publicity",
        zh: "信用修复公示期（机构类）",
        en: "Publicity of a credit repair (institutions)",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第三十条：对机构类主体的信用修复信息予以公开公示，公示期限为5个工作日",
        basis_en: "Shanwei Measures (trial), Art. 30: an institution's credit repair is published for 5 working days",
        start_zh: "作出修复决定（开始公示）之日",
        start_en: "day of the repair decision (publicity starts)",
        counting: Counting::WorkingDays,
        days: Some(5),
        cites: &[(law::SHANWEI, "第三十条")],
    },
    // 依据：《汕尾市医疗保障信用管理办法（试行）》附件5。
    Kind {
        id: "refusal-objection",
        zh: "不予修复的异议期限",
        en: "Objection to a refusal of repair",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》附件5《不予信用修复告知书》：如不服本决定，可以自收到本告知书之日起5个工作日内……提出异议申请",
        basis_en: "Shanwei Measures (trial), Form 5 (notice of refusal of credit repair): an objection may be filed within 5 working days from receiving the notice",
        start_zh: "收到不予信用修复告知书之日",
        start_en: "day the refusal notice (Form 5) is received",
        counting: Counting::WorkingDays,
        days: Some(5),
        cites: &[(law::SHANWEI, "附件5")],
    },
    // 依据：秦皇岛方案 二（一）；国家“双公示”7个工作日规则。
    Kind {
        id: "double-publicity",
        zh: "“双公示”上网公示期限",
        en: "\"Double publicity\" of licences and penalties",
        basis_zh: "《秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案》二（一）：严格执行行政许可、行政处罚信息“7日公示”制度；国家“双公示”要求：行政许可、行政处罚信息自作出决定之日起7个工作日内上网公示",
        basis_en: "Rectification plan of the Qinhuangdao Healthcare Security Administration (《秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案》), part II(1): the \"7-day publicity\" rule for administrative licences and penalties; national double-publicity rule: online within 7 working days of the decision",
        start_zh: "作出行政许可或行政处罚决定之日",
        start_en: "day of the licence or penalty decision",
        counting: Counting::WorkingDays,
        days: Some(7),
        cites: &[(law::QINHUANGDAO, "二（一）"), ("gov-2015-51", "第（十八）条")],
    },
    // 依据：秦皇岛方案 二（三）、二（五）。
    Kind {
        id: "case-report",
        zh: "联合奖惩案例、严重失信退出名单报送期限",
        en: "Report of joint reward/penalty cases and serious-list exits",
        basis_zh: "《秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案》二（三）：相关业务科室在3个工作日内将实施联合激励或惩戒措施的相关情况形成联合奖惩案例，报基金监管科汇总；二（五）：对退出严重失信名单的企业清单要在3个工作日内报基金监管科",
        basis_en: "Rectification plan of the Qinhuangdao Healthcare Security Administration (《秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案》), part II(3): joint reward/penalty cases reported to the fund supervision section within 3 working days; II(5): the list of enterprises leaving the serious-dishonesty list reported within 3 working days",
        start_zh: "实施联合奖惩措施或退出严重失信名单之日",
        start_en: "day the joint measure is applied or the subject leaves the list",
        counting: Counting::WorkingDays,
        days: Some(3),
        cites: &[(law::QINHUANGDAO, "二（三）、二（五）")],
    },
    // 依据：秦皇岛方案 二（二）、四（二）。
    Kind {
        id: "monthly-report",
        zh: "每月25日前报送",
        en: "Monthly report (by the 25th)",
        basis_zh: "《秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案》二（二）：每月25日前持续归集报送行政强制、行政确认、行政监督检查等3类行政管理信息；四（二）：产生的信用信息和典型案例，于每月25日前报至基金监管科",
        basis_en: "Rectification plan of the Qinhuangdao Healthcare Security Administration (《秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案》), part II(2): administrative enforcement, confirmation and inspection information reported by the 25th of each month; part IV(2): credit information and typical cases reported to the fund supervision section by the 25th of each month",
        start_zh: "信息产生之日",
        start_en: "day the information arises",
        counting: Counting::MonthlyBy25,
        days: None,
        cites: &[(law::QINHUANGDAO, "二（二）、四（二）")],
    },
    // 依据：《中华人民共和国民法典》第二百零一条。
    Kind {
        id: "working-days",
        zh: "N个工作日",
        en: "N working days",
        basis_zh: "《中华人民共和国民法典》第二百零一条：按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算",
        basis_en: "Civil Code of the People's Republic of China (《中华人民共和国民法典》), Art. 201: a period counted in days starts on the next day; the start day is not counted",
        start_zh: "起算事件发生之日",
        start_en: "day of the start event",
        counting: Counting::WorkingDays,
        days: None,
        cites: &[(law::CIVIL_CODE, "第二百零一条")],
    },
    // 依据：《中华人民共和国民法典》第二百零一条、第二百零三条。
    Kind {
        id: "calendar-days",
        zh: "N日（自然日）",
        en: "N calendar days",
        basis_zh: "《中华人民共和国民法典》第二百零一条：开始的当日不计入，自下一日开始计算；第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日",
        basis_en: "Civil Code of the People's Republic of China (《中华人民共和国民法典》), Art. 201: the start day is not counted; Art. 203: when the last day of a period is a statutory rest day, the period ends on the day after the rest day",
        start_zh: "起算事件发生之日",
        start_en: "day of the start event",
        counting: Counting::CalendarDays,
        days: None,
        cites: &[(law::CIVIL_CODE, "第二百零一条、第二百零三条")],
    },
];

/// The kind named `id`, or `E_DEADLINE_KIND` listing the known kinds.
/// 依据：见 [`KINDS`]。
pub fn kind(id: &str) -> Result<&'static Kind> {
    KINDS.iter().find(|k| k.id == id.trim()).ok_or_else(|| {
        let names: Vec<&str> = KINDS.iter().map(|k| k.id).collect();
        Error::new(
            "E_DEADLINE_KIND",
            format!("未知的期限种类“{id}”；可选：{}", join(&names, "、")),
            format!("unknown deadline kind \"{id}\"; known kinds: {}", join(&names, ", ")),
        )
        .at("$.kind")
    })
}

/// `items` joined by `sep` (not `[&str]::join`: smaller wasm).
fn join(items: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(it);
    }
    out
}

fn counting_rule(c: Counting) -> Text {
    match c {
        Counting::WorkingDays => Text::new(
            "依据《中华人民共和国民法典》第二百零一条，开始的当日不计入，自下一日开始计算；只计工作日：周末和法定节假日不计，调休上班日计入；期限届满日为第N个工作日。",
            "Under Article 201 of the Civil Code, the start day is not counted and counting starts the next day; only working days count (weekends and holidays are skipped, make-up working days are counted); the period ends on the N-th working day.",
        ),
        Counting::CalendarDays => Text::new(
            "依据《中华人民共和国民法典》第二百零一条，开始的当日不计入，自下一日开始计算；依据第二百零三条，期间的最后一日是法定休假日（含周末）的，顺延至休假日结束后的第一个工作日。",
            "Under Article 201 of the Civil Code, the start day is not counted and counting starts the next day; under Article 203, when the last day is a rest day (weekend or holiday), the period ends on the next working day.",
        ),
        Counting::MonthlyBy25 => Text::new(
            "“每月25日前”是截止日期而非期间，《中华人民共和国民法典》第二百零三条的顺延规则不适用：起算日在25日（含）之前的，为当月25日；在25日之后的，为次月25日；25日为休息日的，须在其前的最后一个工作日报送。",
            "\"By the 25th of each month\" is a fixed date, not a period, so Article 203 of the Civil Code (which extends a period's last day) does not apply. The report is due on the 25th of the start date's month (or of the next month if the start date is after the 25th); when the 25th is a rest day, it is due on the last working day before it.",
        ),
    }
}

/// A deadline computed: kind, source article, start, counting start, due date, skipped days,
/// years relied on, warnings, and (with `today` / `filedOn`) days left and whether in time.
/// 依据：《中华人民共和国民法典》第二百零一条、第二百零三条；各种类见 `basis`。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub kind: &'static str,
    pub label: Text,
    pub basis: Text,
    /// The articles of [`Self::basis`], from the law library (the page opens their text).
    pub cite: Citation,
    pub start_event: Text,
    pub counting: Counting,
    pub counting_rule: Text,
    pub from: String,
    pub from_zh: String,
    /// The day after the start event (民法典 第二百零一条); `None` for the monthly report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counting_starts: Option<String>,
    /// The first working day counted (working-day periods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_counted_day: Option<String>,
    /// Length of the period; for the monthly report, calendar days from the start to the due date.
    pub days: u32,
    /// The date before any move: the last calendar day (calendar-day periods) or the 25th (monthly report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nominal_due: Option<String>,
    pub due: String,
    pub due_zh: String,
    pub due_weekday: Text,
    /// Rest days skipped while counting, or moved over (calendar-day periods, monthly report).
    pub skipped: Vec<Day>,
    pub years_relied: Vec<YearUse>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CalendarWarning[]"))]
    pub warnings: Vec<Warning>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    /// Working days from today to the due date (today not counted); negative when past.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    /// Calendar days from today to the due date; negative when past.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_days_left: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_today: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed_on: Option<String>,
    /// Whether `filedOn` is on or before the due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_time: Option<bool>,
    #[serde(skip)]
    pub due_date: Option<NaiveDate>,
}

fn max_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(dates::MAX_DATE.0, dates::MAX_DATE.1, dates::MAX_DATE.2).unwrap_or(NaiveDate::MAX)
}

fn range_err() -> Error {
    Error::new(
        "E_DEADLINE_RANGE",
        "期限计算超出可处理范围（2100-12-31 之后）",
        "the deadline would fall after 2100-12-31, beyond the range handled",
    )
}

fn next_day(d: NaiveDate) -> Result<NaiveDate> {
    match d.succ_opt() {
        Some(n) if n <= max_date() => Ok(n),
        _ => Err(range_err()),
    }
}

/// Largest number of days a period may have.
pub const MAX_DAYS: u32 = 3660;

/// Computes the deadline of `kind` from the start event `from`.
/// `days` is required for the generic kinds and must equal the fixed length for named kinds.
/// 依据：《中华人民共和国民法典》第二百零一条、第二百零三条；各种类见 [`KINDS`]。
pub fn compute(
    cal: &Calendar,
    kind: &Kind,
    from: NaiveDate,
    days: Option<u32>,
    today: Option<NaiveDate>,
    filed_on: Option<NaiveDate>,
) -> Result<Deadline> {
    let n = match (kind.days, days) {
        (Some(k), None) => k,
        (Some(k), Some(d)) if d == k => k,
        (Some(k), Some(d)) => {
            return Err(Error::new(
                "E_DEADLINE_DAYS",
                format!(
                    "“{}”的期限固定为 {k} 日，不能改为 {d} 日；自定天数请用 working-days 或 calendar-days",
                    kind.zh
                ),
                format!(
                    "\"{}\" is fixed at {k} days, not {d}; use working-days or calendar-days for another length",
                    kind.id
                ),
            )
            .at("$.days"))
        }
        (None, Some(d)) => d,
        (None, None) if kind.counting == Counting::MonthlyBy25 => 0,
        (None, None) => {
            return Err(Error::new(
                "E_DEADLINE_DAYS",
                format!("“{}”需要天数 days（1 至 {MAX_DAYS}）", kind.zh),
                format!("\"{}\" needs the number of days (days, 1 to {MAX_DAYS})", kind.id),
            )
            .at("$.days"))
        }
    };
    if kind.counting != Counting::MonthlyBy25 && !(1..=MAX_DAYS).contains(&n) {
        return Err(Error::new(
            "E_DEADLINE_DAYS",
            format!("天数 days 应为 1 至 {MAX_DAYS} 的整数，实际为 {n}"),
            format!("days must be a whole number from 1 to {MAX_DAYS}, found {n}"),
        )
        .at("$.days"));
    }
    dates::check_range(from, "from").map_err(|e| e.at("$.from"))?;
    let mut t = Tracker::new(cal);
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    let mut counting_starts = None;
    let mut first_counted = None;
    let mut nominal = None;
    let due;
    let mut length = n;
    match kind.counting {
        Counting::WorkingDays => {
            let mut d = from;
            let mut count = 0;
            loop {
                d = next_day(d)?;
                if counting_starts.is_none() {
                    counting_starts = Some(d);
                }
                if t.is_working(d) {
                    count += 1;
                    first_counted.get_or_insert(d);
                    if count == n {
                        break;
                    }
                } else {
                    skipped.push(t.day(d));
                }
            }
            due = d;
        }
        Counting::CalendarDays => {
            counting_starts = Some(next_day(from)?);
            let mut d = from;
            for _ in 0..n {
                d = next_day(d)?;
            }
            nominal = Some(d);
            while !t.is_working(d) {
                skipped.push(t.day(d));
                d = next_day(d)?;
            }
            if Some(d) != nominal {
                notes.push(Text::new(
                    format!(
                        "最后一日 {} 为休息日，依据《中华人民共和国民法典》第二百零三条顺延至 {}",
                        dates::chinese(nominal.unwrap_or(d)),
                        dates::chinese(d)
                    ),
                    format!(
                        "the last day {} is a rest day, so under Article 203 of the Civil Code the period ends on {}",
                        nominal.map(dates::iso).unwrap_or_default(),
                        dates::iso(d)
                    ),
                ));
            }
            due = d;
        }
        Counting::MonthlyBy25 => {
            let (mut y, mut m) = (from.year(), from.month());
            if from.day() > 25 {
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            let mut found = None;
            for _ in 0..3 {
                let Some(target) = NaiveDate::from_ymd_opt(y, m, 25).filter(|d| *d <= max_date()) else {
                    return Err(range_err());
                };
                let mut d = target;
                let mut sk = Vec::new();
                while d >= from && !t.is_working(d) {
                    sk.push(t.day(d));
                    d = match d.pred_opt() {
                        Some(p) => p,
                        None => break,
                    };
                }
                if d >= from {
                    sk.reverse();
                    if d != target {
                        notes.push(Text::new(
                            format!("{}为休息日；“每月25日前”是截止日期而非期间，不适用《中华人民共和国民法典》第二百零三条顺延，须在此前最后一个工作日 {} 报送", dates::chinese(target), dates::chinese(d)),
                            format!("{} is a rest day; \"by the 25th\" is a fixed date, not a period, so Article 203 of the Civil Code does not extend it: the report is due on the last working day before it, {}", dates::iso(target), dates::iso(d)),
                        ));
                    }
                    found = Some((target, d, sk));
                    break;
                }
                notes.push(Text::new(
                    format!("{}的报送日（25日前最后一个工作日）早于起算日，按次月25日计", dates::chinese(target)),
                    format!("the reporting day for {} (the last working day by the 25th) is before the start date, so next month's reporting day applies", dates::iso(target)),
                ));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            let Some((target, d, sk)) = found else {
                return Err(range_err());
            };
            nominal = Some(target);
            skipped = sk;
            due = d;
            length = (d - from).num_days().max(0) as u32;
        }
    }

    let mut out = Deadline {
        kind: kind.id,
        label: Text::new(kind.zh, kind.en),
        basis: Text::new(kind.basis_zh, kind.basis_en),
        cite: kind.cite(),
        start_event: Text::new(kind.start_zh, kind.start_en),
        counting: kind.counting,
        counting_rule: counting_rule(kind.counting),
        from: dates::iso(from),
        from_zh: dates::chinese(from),
        counting_starts: counting_starts.map(dates::iso),
        first_counted_day: first_counted.map(dates::iso),
        days: length,
        nominal_due: nominal.map(dates::iso),
        due: dates::iso(due),
        due_zh: dates::chinese(due),
        due_weekday: crate::calendar::weekday_of(due),
        skipped,
        years_relied: Vec::new(),
        warnings: kind.validity_warnings(from),
        notes,
        today: None,
        working_days_left: None,
        calendar_days_left: None,
        overdue: None,
        due_today: None,
        filed_on: None,
        in_time: None,
        due_date: Some(due),
    };
    if let Some(today) = today {
        dates::check_range(today, "today").map_err(|e| e.at("$.today"))?;
        let (lo, hi, sign) = if today <= due { (today, due, 1) } else { (due, today, -1) };
        let mut wd = 0i64;
        let mut d = lo;
        while d < hi {
            d = next_day(d)?;
            if t.is_working(d) {
                wd += 1;
            }
        }
        out.today = Some(dates::iso(today));
        out.working_days_left = Some(sign * wd);
        out.calendar_days_left = Some((due - today).num_days());
        out.overdue = Some(today > due);
        out.due_today = Some(today == due);
    }
    if let Some(f) = filed_on {
        dates::check_range(f, "filedOn").map_err(|e| e.at("$.filedOn"))?;
        out.filed_on = Some(dates::iso(f));
        out.in_time = Some(f <= due);
        if f < from {
            out.warnings.push(Warning::new(
                "W_FILED_BEFORE_START",
                format!("提交日期 {} 早于起算日 {}，请核对", dates::iso(f), dates::iso(from)),
                format!(
                    "the filing date {} is before the start date {}; please check",
                    dates::iso(f),
                    dates::iso(from)
                ),
            ));
        }
    }
    let (uses, warnings) = t.coverage();
    out.years_relied = uses;
    let mut w = warnings;
    w.append(&mut out.warnings);
    out.warnings = w;
    Ok(out)
}

/// A kind as listed by the `deadline-kinds` command.
/// 依据：见 [`KINDS`]。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KindInfo {
    pub kind: &'static str,
    pub label: Text,
    pub basis: Text,
    /// The articles of [`Self::basis`], from the law library (the page opens their text).
    pub cite: Citation,
    pub start_event: Text,
    pub counting: Counting,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Whether the input must give `days`.
    pub needs_days: bool,
}

/// Every kind with its label, source article and counting (for the page's picker).
/// 依据：见 [`KINDS`]。
pub fn kinds() -> Vec<KindInfo> {
    KINDS
        .iter()
        .map(|k| KindInfo {
            kind: k.id,
            label: Text::new(k.zh, k.en),
            basis: Text::new(k.basis_zh, k.basis_en),
            cite: k.cite(),
            start_event: Text::new(k.start_zh, k.start_en),
            counting: k.counting,
            days: k.days,
            needs_days: k.days.is_none() && k.counting != Counting::MonthlyBy25,
        })
        .collect()
}

/// A JSON input object read field by field, refusing unknown fields. (Smaller in WebAssembly
/// than derived deserializers; the CLI passes every flag as a string, so numbers may be strings.)
/// 依据：本项目输入约定（JSON 输入，CLI 参数为字符串）。
pub struct Input {
    map: Map,
}

fn input_err(key: &str, zh: &str, en: &str) -> Error {
    Error::new("E_INPUT_JSON", format!("输入字段 {key}：{zh}"), format!("input field {key}: {en}"))
        .at(format!("$.{key}"))
}

impl Input {
    /// Takes `input` as a JSON object whose fields are all in `allowed`.
    pub fn new(input: Value, allowed: &[&str]) -> Result<Input> {
        let Value::Object(map) = input else {
            return Err(Error::new("E_INPUT_JSON", "输入应为 JSON 对象", "the input must be a JSON object"));
        };
        if let Some(k) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            let list = join(allowed, ", ");
            return Err(input_err(k, &format!("未知字段（可用：{list}）"), &format!("unknown field (known: {list})")));
        }
        Ok(Input { map })
    }

    /// The field `key`; absent and `null` are both `None`.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A text field; absent, `null` and blank are `None`.
    pub fn text(&self, key: &str) -> Result<Option<&str>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim())),
            Some(_) => Err(input_err(key, "应为字符串", "must be a string")),
        }
    }

    /// A required text field.
    pub fn req_text(&self, key: &str) -> Result<&str> {
        self.text(key)?.ok_or_else(|| input_err(key, "缺少此字段", "is missing"))
    }

    /// An optional date field (`YYYY-MM-DD`, 1949-10-01 to 2100-12-31).
    /// 依据：`dates::parse_date`。
    pub fn date(&self, key: &str) -> Result<Option<NaiveDate>> {
        match self.text(key)? {
            None => Ok(None),
            Some(v) => dates::parse_date(v, key).map(Some).map_err(|e| e.at(format!("$.{key}"))),
        }
    }

    /// A required date field.
    /// 依据：`dates::parse_date`。
    pub fn req_date(&self, key: &str) -> Result<NaiveDate> {
        self.date(key)?.ok_or_else(|| input_err(key, "缺少日期（YYYY-MM-DD）", "date (YYYY-MM-DD) is missing"))
    }

    /// An optional whole number from 0 to `max`, as a JSON number or a string of digits.
    pub fn number(&self, key: &str, max: u32) -> Result<Option<u32>> {
        let n = match self.value(key) {
            None => return Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
            Some(_) => None,
        };
        match n {
            Some(n) if n <= max as u64 => Ok(Some(n as u32)),
            _ => Err(Error::new(
                "E_INPUT_NUMBER",
                format!("{key} 应为 0 至 {max} 的整数"),
                format!("{key} must be a whole number from 0 to {max}"),
            )
            .at(format!("$.{key}"))),
        }
    }

    /// A required whole number.
    pub fn req_number(&self, key: &str, max: u32) -> Result<u32> {
        self.number(key, max)?.ok_or_else(|| input_err(key, "缺少此字段", "is missing"))
    }

    /// The calendar: built in, or extended by the `holidays` field.
    /// 依据：国务院办公厅年度放假安排通知。
    pub fn calendar(&self) -> Result<std::borrow::Cow<'static, Calendar>> {
        Calendar::with_holidays(self.value("holidays"))
    }
}

/// The `deadline` command: `{kind, from, days?, today?, filedOn?, holidays?}` → [`Deadline`].
/// 依据：《中华人民共和国民法典》第二百零一条、第二百零三条；各种类见 [`KINDS`]。
pub fn deadline(input: Value) -> Result<Deadline> {
    let i = Input::new(input, &["kind", "from", "days", "today", "filedOn", "holidays"])?;
    let k = kind(i.req_text("kind")?)?;
    let from = i.req_date("from")?;
    let days = i.number("days", MAX_DAYS)?;
    let today = i.date("today")?;
    let filed_on = i.date("filedOn")?;
    let cal = i.calendar()?;
    compute(&cal, k, from, days, today, filed_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        dates::parse_date(s, "t").unwrap()
    }

    #[test]
    fn working_days_skip_national_day() {
        // 汕尾 第二十二条: 10 working days from publication 2026-09-30 (Wed).
        // Counting starts 10-01; 10-01..07 国庆节 off; 10-08 (1), 09 (2), 10 Sat 调休上班 (3),
        // 10-11 Sun skipped, 12..16 (4..8), 17/18 weekend, 19 (9), 20 (10).
        let r =
            compute(Calendar::builtin(), kind("objection-filing").unwrap(), d("2026-09-30"), None, None, None).unwrap();
        assert_eq!(r.due, "2026-10-20");
        assert_eq!(r.counting_starts.as_deref(), Some("2026-10-01"));
        assert_eq!(r.first_counted_day.as_deref(), Some("2026-10-08"));
        assert_eq!(r.skipped.len(), 10);
        // 汕尾 第三十四条: the two-year trial ended on 2024-12-14; nothing else to warn of.
        let codes: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["W_SOURCE_TRIAL_ENDED"]);
        let r = compute(Calendar::builtin(), kind("objection-filing").unwrap(), d("2024-12-14"), None, None, None).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn every_kind_cites_the_law_library() {
        for k in KINDS {
            let c = k.cite();
            assert!(!c.refs.is_empty(), "{}", k.id);
            assert!(c.zh.starts_with('《'), "{}: {}", k.id, c.zh);
        }
        assert!(kind("double-publicity").unwrap().cite().zh.contains("第（十八）条（该条原文本工具未核实）"));
    }

    #[test]
    fn kinds_are_unique() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(KINDS[i + 1..].iter().all(|o| o.id != k.id));
        }
    }
}
