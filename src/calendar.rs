//! The working-day calendar: the State Council (国务院办公厅) holiday and make-up working day
//! (调休) notices for 2020–2026, compiled in from `data/holiday-cn/` (holiday-cn data set,
//! MIT License, see `data/holiday-cn/LICENSE`), extendable at run time by documents of the same
//! JSON shape.
//!
//! 依据：国务院办公厅每年发布的《关于某年部分节假日安排的通知》（每个数据文件的 `papers` 字段给出
//! 通知网址）；《全国年节及纪念日放假办法》。Only the days a notice lists are exceptions to the
//! Monday–Friday rule. A notice is filed under the year of its title, so the notice for year Y can
//! list the last days of December of Y−1 (the 2023 notice lists 2022-12-31): the days from
//! 25 December of Y−1 onwards therefore also rely on the notice for Y.
//!
//! Coverage is explicit: a day of a year with no notice loaded still gets an answer, but every
//! result that relied on it carries a warning naming the year. For 2020–2050 that answer counts
//! the statutory holidays of 《全国年节及纪念日放假办法》 as rest days ([`crate::statutory`]), and the
//! warning says that the bridging days and make-up working days are not known yet; outside those
//! years it is the Monday–Friday rule alone.

use crate::dates;
use crate::error::{Error, Result};
use crate::text::Text;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use crate::value::Value;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The notices compiled into the core (holiday-cn files, MIT License), by year.
/// 依据：国务院办公厅 2019–2025 年发布的各年度部分节假日安排通知。
pub(crate) const BUILTIN_FILES: &[(i32, &str)] = &[
    (2020, include_str!("../data/holiday-cn/2020.json")),
    (2021, include_str!("../data/holiday-cn/2021.json")),
    (2022, include_str!("../data/holiday-cn/2022.json")),
    (2023, include_str!("../data/holiday-cn/2023.json")),
    (2024, include_str!("../data/holiday-cn/2024.json")),
    (2025, include_str!("../data/holiday-cn/2025.json")),
    (2026, include_str!("../data/holiday-cn/2026.json")),
];

/// First and last year with a compiled-in notice (依据：国务院办公厅放假安排通知 2020–2026).
pub const BUILTIN_YEARS: (i32, i32) = (2020, 2026);

/// Most documents accepted in one `holidays` field.
pub const MAX_DOCUMENTS: usize = 200;

/// Most days one holiday-cn document lists (a year's notice lists about 40).
pub const MAX_DAYS_PER_DOCUMENT: usize = 1000;

/// Most `papers` (notice URLs) one document lists, and the longest URL or holiday name.
pub const MAX_PAPERS: usize = 100;
pub const MAX_PAPER_CHARS: usize = 2000;
pub const MAX_NAME_CHARS: usize = 100;

/// A holiday notice in force in a calendar: its year, the URLs of the State Council papers it
/// came from, and whether it is compiled in or was loaded at run time.
/// 依据：国务院办公厅年度节假日安排通知（holiday-cn `papers` 字段）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub year: i32,
    pub papers: Vec<String>,
    pub built_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    date: NaiveDate,
    name: String,
    off: bool,
    /// Year of the notice that lists the day.
    notice: i32,
    built_in: bool,
}

/// Why a day is or is not a working day.
/// 依据：《全国年节及纪念日放假办法》；国务院办公厅年度放假安排通知（调休）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Saturday or Sunday not listed by any notice.
    Weekend,
    /// A day off listed by a notice (statutory holiday or a day swapped into the holiday).
    Holiday,
    /// A Saturday or Sunday a notice makes a working day (调休上班).
    MakeupWorkday,
    /// Monday to Friday not listed by any notice.
    Workday,
}

impl Reason {
    /// The stable id used in JSON (`weekend`, `holiday`, `makeup-workday`, `workday`).
    pub fn id(self) -> &'static str {
        match self {
            Reason::Weekend => "weekend",
            Reason::Holiday => "holiday",
            Reason::MakeupWorkday => "makeup-workday",
            Reason::Workday => "workday",
        }
    }
}

/// One day classified: working day or not, why, and the notice it came from.
/// 依据：国务院办公厅年度放假安排通知；无通知的年份按周一至周五为工作日推算（并给出提示）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Day {
    pub date: String,
    pub date_zh: String,
    pub weekday: Text,
    pub working_day: bool,
    pub reason: Reason,
    /// `春节假期` / `Spring Festival holiday`, `周末` / `weekend`, …
    pub label: Text,
    /// The holiday's name as the notice gives it (`春节`), for holidays and make-up days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday: Option<Text>,
    /// Year of the notice the answer came from; none (`null`) when no notice covers the day's year.
    pub notice_year: Option<i32>,
    /// Whether a loaded notice covers the day (false: an estimate — the statutory holidays and the
    /// Monday–Friday rule, without the notice's bridging days and make-up working days).
    pub covered: bool,
    /// The day is a rest day because 《全国年节及纪念日放假办法》 makes it a statutory holiday, with no
    /// notice loaded for its year (the notice may add days around it).
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub statutory: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A warning attached to a result (never an error: the result is still given).
/// 依据：本项目规则——无放假通知年份的推算须明示（DOMAIN.md “Periods and working days”）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(rename = "CalendarWarning"))]
pub struct Warning {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub zh: String,
    pub en: String,
}

impl Warning {
    /// A warning with a stable code and a message in Chinese and English.
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Warning { code, year: None, zh: zh.into(), en: en.into() }
    }

    /// The warning for a year with no notice loaded: for 2020–2050 the statutory holidays were
    /// counted and only the notice's own arrangement is unknown; otherwise Monday to Friday only.
    /// 依据：《全国年节及纪念日放假办法》；国务院办公厅年度放假安排通知。
    pub fn year_not_covered(year: i32) -> Self {
        let (zh, en) = if crate::statutory::computed(year) {
            (
                format!(
                    "尚无{year}年的放假通知（国务院办公厅每年发布）。{year}年的法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）已按《全国年节及纪念日放假办法》计为休息日，周末照常休息；但与节日连休的放假日和调休上班日要等通知发布才知道，所以{year}年（及{}年12月末）的日期在通知发布后可能变动。通知发布后，请加载{year}年的节假日数据文件（holiday-cn 格式）。",
                    year - 1
                ),
                format!(
                    "No State Council holiday notice for {year} is loaded. The statutory holidays of {year} (New Year's Day, Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day) are counted as rest days under the National Holidays Regulations, and weekends as rest days; but the bridging days off and the make-up working days are only known from the notice, so dates in {year} (and the end of December {}) may move once it is out. Then load the {year} holiday data file (holiday-cn format).",
                    year - 1
                ),
            )
        } else {
            (
                format!(
                    "未收录{year}年的节假日安排（国务院办公厅放假通知）：{year}年（及{}年12月末）的日期按周一至周五为工作日推算，未计法定节假日，可能与实际安排不符；通知发布后可加载{year}年的节假日数据文件（holiday-cn 格式）。",
                    year - 1
                ),
                format!(
                    "No holiday notice for {year} is loaded: days in {year} (and the end of December {}) were taken as working days Monday to Friday, without the statutory holidays, which may be wrong; once the State Council notice is out, load a {year} holiday data file (holiday-cn format).",
                    year - 1
                ),
            )
        };
        Warning { code: "W_YEAR_NOT_COVERED", year: Some(year), zh, en }
    }

    /// What a printed form says under a date that relies on `year` without its notice: short,
    /// in Chinese (the forms are Chinese documents).
    /// 依据：《全国年节及纪念日放假办法》；国务院办公厅年度放假安排通知。
    pub fn paper_zh(year: i32) -> String {
        if crate::statutory::computed(year) {
            format!("尚无{year}年放假通知：此日期已计入《全国年节及纪念日放假办法》规定的法定节假日和周末，未计入通知才确定的连休放假日和调休上班日，通知发布后可能变动，请核对。")
        } else {
            format!("尚无{year}年放假通知：此日期按周一至周五为工作日推算，未计入法定节假日和调休，可能变动，请核对。")
        }
    }
}

/// A calendar year a result relied on, and whether a notice covers it.
/// 依据：国务院办公厅年度放假安排通知。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct YearUse {
    pub year: i32,
    pub covered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    /// No notice, but the year's statutory holidays were counted (2020–2050).
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub statutory: bool,
}

/// A working-day calendar: the notices in force and the days they list.
/// 依据：国务院办公厅年度放假安排通知；《中华人民共和国民法典》第二百零一条至第二百零三条（期间计算）。
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Sorted by year; only notices that list at least one day.
    notices: Vec<Notice>,
    /// Sorted by date, one entry per date.
    entries: Vec<Entry>,
}

static BUILTIN: OnceLock<Calendar> = OnceLock::new();

/// Every statutory holiday 2020–2050, sorted by date (see [`crate::statutory::holidays`]).
static STATUTORY: OnceLock<Vec<(NaiveDate, &'static str)>> = OnceLock::new();

fn statutory_days() -> &'static [(NaiveDate, &'static str)] {
    STATUTORY.get_or_init(|| {
        let mut all = Vec::new();
        for y in crate::statutory::YEARS.0..=crate::statutory::YEARS.1 {
            all.extend(crate::statutory::holidays(y).unwrap_or_default());
        }
        all
    })
}

/// The years whose notice decides the classification of `d`: its own year, and for the days
/// from 25 December the next year too (a notice can list the last days of the year before).
/// 依据：国务院办公厅放假通知按标题年份归档（如 2023 年通知安排 2022-12-31 元旦假期）。
pub fn years_for(d: NaiveDate) -> (i32, Option<i32>) {
    let y = d.year();
    if d.month() == 12 && d.day() >= 25 {
        (y, Some(y + 1))
    } else {
        (y, None)
    }
}

fn weekday_text(w: Weekday) -> Text {
    let (zh, en) = match w {
        Weekday::Mon => ("星期一", "Monday"),
        Weekday::Tue => ("星期二", "Tuesday"),
        Weekday::Wed => ("星期三", "Wednesday"),
        Weekday::Thu => ("星期四", "Thursday"),
        Weekday::Fri => ("星期五", "Friday"),
        Weekday::Sat => ("星期六", "Saturday"),
        Weekday::Sun => ("星期日", "Sunday"),
    };
    Text::new(zh, en)
}

/// The weekday of `d` in Chinese and English (依据：公历).
pub fn weekday_of(d: NaiveDate) -> Text {
    weekday_text(d.weekday())
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// English name of a holiday as the notices name it; names joined with `、` are translated part
/// by part (`国庆节、中秋节` → `National Day & Mid-Autumn Festival`).
/// 依据：《全国年节及纪念日放假办法》第二条（全体公民放假的节日）。
pub fn holiday_en(zh: &str) -> String {
    let mut out = String::new();
    for p in zh.split('、') {
        if !out.is_empty() {
            out.push_str(" & ");
        }
        out.push_str(match p.trim() {
            "元旦" => "New Year's Day",
            "春节" => "Spring Festival",
            "清明节" => "Qingming Festival",
            "劳动节" => "Labour Day",
            "端午节" => "Dragon Boat Festival",
            "中秋节" => "Mid-Autumn Festival",
            "国庆节" => "National Day",
            other => other,
        });
    }
    out
}

fn data_err(path: &str, zh: String, en: String) -> Error {
    Error::new(
        "E_HOLIDAY_DATA",
        format!("节假日数据有误：{zh}；未采用该数据，内置日历保持不变"),
        format!("bad holiday data: {en}; the data was not used and the built-in calendar is unchanged"),
    )
    .at(path)
}

struct ParsedDoc {
    year: i32,
    papers: Vec<String>,
    /// (date, name, off, JSON path of the day)
    days: Vec<(NaiveDate, String, bool, String)>,
}

/// Reads one holiday-cn document (`{year, papers, days: [{name, date, isOffDay}]}`), checking
/// shape, dates, years and duplicates. `path` is its JSON path (for messages).
fn parse_doc(v: &Value, path: &str) -> Result<ParsedDoc> {
    let Some(obj) = v.as_object() else {
        return Err(data_err(
            path,
            "应为 JSON 对象（含 year、papers、days）".into(),
            "expected a JSON object with year, papers and days".into(),
        ));
    };
    let ypath = format!("{path}.year");
    let year = match obj.get("year") {
        None => return Err(data_err(&ypath, "缺少 year（年份）".into(), "year is missing".into())),
        Some(y) => match y.as_i64() {
            Some(y) if (1949..=2100).contains(&y) => y as i32,
            _ => {
                return Err(data_err(
                    &ypath,
                    format!("year 应为 1949 至 2100 之间的整数，实际为 {y}"),
                    format!("year must be a whole number from 1949 to 2100, found {y}"),
                ))
            }
        },
    };
    let mut papers = Vec::new();
    match obj.get("papers") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.len() > MAX_PAPERS => {
            return Err(data_err(
                &format!("{path}.papers"),
                format!("papers 过多（{} 项），上限为 {MAX_PAPERS} 项", a.len()),
                format!("too many papers ({}); the limit is {MAX_PAPERS}", a.len()),
            ))
        }
        Some(Value::Array(a)) => {
            for (i, p) in a.iter().enumerate() {
                match p.as_str() {
                    Some(s) if s.chars().count() > MAX_PAPER_CHARS => {
                        return Err(data_err(
                            &format!("{path}.papers[{i}]"),
                            format!("网址过长（{} 个字符），上限为 {MAX_PAPER_CHARS} 个字符", s.chars().count()),
                            format!("URL too long ({} characters); the limit is {MAX_PAPER_CHARS}", s.chars().count()),
                        ))
                    }
                    Some(s) => papers.push(s.to_string()),
                    None => {
                        return Err(data_err(
                            &format!("{path}.papers[{i}]"),
                            "papers 的每一项应为网址字符串".into(),
                            "each item of papers must be a URL string".into(),
                        ))
                    }
                }
            }
        }
        Some(_) => {
            return Err(data_err(
                &format!("{path}.papers"),
                "papers 应为网址数组".into(),
                "papers must be an array of URLs".into(),
            ))
        }
    }
    let dpath = format!("{path}.days");
    let Some(arr) = obj.get("days").and_then(Value::as_array) else {
        return Err(data_err(
            &dpath,
            "缺少 days 数组（放假与调休日期）".into(),
            "days (array of holidays and make-up days) is missing or not an array".into(),
        ));
    };
    if arr.is_empty() {
        return Err(data_err(
            &dpath,
            format!("{year}年的文件没有任何日期（可能是尚未发布通知的占位文件）"),
            format!("the {year} file lists no days (perhaps a placeholder: notice not yet published)"),
        ));
    }
    if arr.len() > MAX_DAYS_PER_DOCUMENT {
        return Err(data_err(
            &dpath,
            format!("days 过多（{} 项），每个文件上限为 {MAX_DAYS_PER_DOCUMENT} 项", arr.len()),
            format!("too many days ({}); the limit is {MAX_DAYS_PER_DOCUMENT} per document", arr.len()),
        ));
    }
    let mut days: Vec<(NaiveDate, String, bool, String)> = Vec::with_capacity(arr.len());
    for (i, item) in arr.iter().enumerate() {
        let ip = format!("{dpath}[{i}]");
        let Some(o) = item.as_object() else {
            return Err(data_err(
                &ip,
                "每一天应为对象 {name, date, isOffDay}".into(),
                "each day must be an object {name, date, isOffDay}".into(),
            ));
        };
        let name = match o.get("name").and_then(Value::as_str) {
            Some(n) if n.trim().chars().count() > MAX_NAME_CHARS => {
                return Err(data_err(
                    &format!("{ip}.name"),
                    format!("节日名称过长（{} 个字符），上限为 {MAX_NAME_CHARS} 个字符", n.trim().chars().count()),
                    format!("holiday name too long ({} characters); the limit is {MAX_NAME_CHARS}", n.trim().chars().count()),
                ))
            }
            Some(n) if !n.trim().is_empty() => n.trim().to_string(),
            _ => {
                return Err(data_err(
                    &format!("{ip}.name"),
                    "缺少节日名称 name".into(),
                    "name (the holiday's name) is missing".into(),
                ))
            }
        };
        let Some(ds) = o.get("date").and_then(Value::as_str) else {
            return Err(data_err(
                &format!("{ip}.date"),
                "缺少日期 date（YYYY-MM-DD）".into(),
                "date (YYYY-MM-DD) is missing".into(),
            ));
        };
        let date = dates::parse_date(ds, "date").map_err(|e| data_err(&format!("{ip}.date"), e.zh, e.en))?;
        if (date.year() - year).abs() > 1 {
            return Err(data_err(
                &format!("{ip}.date"),
                format!("日期 {ds} 不在文件年份 {year} 的前后一年之内"),
                format!("date {ds} is not within a year of the file's year {year}"),
            ));
        }
        let Some(off) = o.get("isOffDay").and_then(Value::as_bool) else {
            return Err(data_err(
                &format!("{ip}.isOffDay"),
                "isOffDay 应为 true（放假）或 false（调休上班）".into(),
                "isOffDay must be true (day off) or false (make-up working day)".into(),
            ));
        };
        if let Some((_, pname, poff, ppath)) = days.iter().find(|(d, ..)| *d == date) {
            if *poff != off || *pname != name {
                return Err(data_err(
                    &ip,
                    format!("日期 {ds} 重复且内容矛盾（另见 {ppath}）"),
                    format!("date {ds} is listed twice with conflicting content (see also {ppath})"),
                ));
            }
            continue;
        }
        days.push((date, name, off, ip));
    }
    Ok(ParsedDoc { year, papers, days })
}

impl Calendar {
    /// The calendar compiled into the core: notices 2020–2026.
    /// 依据：国务院办公厅 2020–2026 年度部分节假日安排通知（holiday-cn 数据，MIT 许可）。
    pub fn builtin() -> &'static Calendar {
        BUILTIN.get_or_init(|| {
            let mut cal = Calendar { notices: Vec::new(), entries: Vec::new() };
            for (year, text) in BUILTIN_FILES {
                // The files are checked by the tests; a file that failed to parse would leave
                // its year uncovered (and warned about), never a panic.
                let Some(v) = crate::value::parse_trusted(text) else {
                    continue;
                };
                let Ok(doc) = parse_doc(&v, &format!("builtin:{year}.json")) else {
                    continue;
                };
                cal.add(doc, true);
            }
            cal
        })
    }

    /// The built-in calendar, or a copy extended and overridden by the holiday-cn documents in
    /// `holidays` (one document or an array of them; `null` or absent: the built-in one).
    /// A document for a year replaces the built-in notice of that year. Refused data gives an
    /// `E_HOLIDAY_DATA` error and nothing is merged.
    /// 依据：国务院办公厅年度放假安排通知（新年度通知发布后可在运行时加载）。
    pub fn with_holidays(holidays: Option<&Value>) -> Result<Cow<'static, Calendar>> {
        match holidays {
            None | Some(Value::Null) => Ok(Cow::Borrowed(Calendar::builtin())),
            Some(v) => Ok(Cow::Owned(Calendar::builtin().extended(v, "$.holidays")?)),
        }
    }

    /// This calendar extended/overridden by the documents in `docs` (`path`: its JSON path).
    /// 依据：国务院办公厅年度放假安排通知。
    pub fn extended(&self, docs: &Value, path: &str) -> Result<Calendar> {
        let list: Vec<(&Value, String)> = match docs {
            Value::Null => Vec::new(),
            Value::Array(a) => a.iter().enumerate().map(|(i, v)| (v, format!("{path}[{i}]"))).collect(),
            v => vec![(v, path.to_string())],
        };
        if list.len() > MAX_DOCUMENTS {
            return Err(data_err(
                path,
                format!("文件过多（{} 个），上限为 {MAX_DOCUMENTS} 个", list.len()),
                format!("too many documents ({}); the limit is {MAX_DOCUMENTS}", list.len()),
            ));
        }
        let mut parsed: Vec<(ParsedDoc, String)> = Vec::with_capacity(list.len());
        for (v, p) in list {
            let doc = parse_doc(v, &p)?;
            if let Some((_, other)) = parsed.iter().find(|(d, _)| d.year == doc.year) {
                return Err(data_err(
                    &format!("{p}.year"),
                    format!("{}年的数据给了两次（另见 {other}）", doc.year),
                    format!("two documents for the year {} (see also {other})", doc.year),
                ));
            }
            for (date, name, off, dp) in &doc.days {
                for (od, _) in &parsed {
                    if let Some((_, oname, ooff, op)) = od.days.iter().find(|(d, ..)| d == date) {
                        if ooff != off || oname != name {
                            return Err(data_err(
                                dp,
                                format!("日期 {date} 在两个文件中内容矛盾（另见 {op}）"),
                                format!("date {date} conflicts between two documents (see also {op})"),
                            ));
                        }
                    }
                }
            }
            parsed.push((doc, p));
        }
        let mut cal = self.clone();
        for (doc, _) in parsed {
            let year = doc.year;
            cal.entries.retain(|e| e.notice != year && !doc.days.iter().any(|(d, ..)| *d == e.date));
            cal.notices.retain(|n| n.year != year);
            cal.add(doc, false);
        }
        Ok(cal)
    }

    fn add(&mut self, doc: ParsedDoc, built_in: bool) {
        for (date, name, off, _) in doc.days {
            // Kept sorted by date (no sort routine: smaller wasm); a date already listed stays.
            if let Err(at) = self.entries.binary_search_by_key(&date, |e| e.date) {
                self.entries.insert(at, Entry { date, name, off, notice: doc.year, built_in });
            }
        }
        let at = self.notices.partition_point(|n| n.year < doc.year);
        self.notices.insert(at, Notice { year: doc.year, papers: doc.papers, built_in });
    }

    fn lookup(&self, d: NaiveDate) -> Option<&Entry> {
        self.entries.binary_search_by_key(&d, |e| e.date).ok().map(|i| &self.entries[i])
    }

    /// The notice for `year`, if one is loaded.
    pub fn notice(&self, year: i32) -> Option<&Notice> {
        self.notices.iter().find(|n| n.year == year)
    }

    /// Whether a notice for `year` is loaded.
    pub fn covers(&self, year: i32) -> bool {
        self.notices.iter().any(|n| n.year == year)
    }

    /// The years with a notice loaded.
    pub fn years(&self) -> Vec<i32> {
        self.notices.iter().map(|n| n.year).collect()
    }

    /// The statutory holiday `d` is, when no notice for its year is loaded (2020–2050).
    /// 依据：《全国年节及纪念日放假办法》。
    pub fn statutory(&self, d: NaiveDate) -> Option<&'static str> {
        let all = statutory_days();
        let i = all.binary_search_by_key(&d, |x| x.0).ok()?;
        (!self.covers(d.year())).then_some(all[i].1)
    }

    /// Whether `d` is a working day: a listed day by its notice; else, in a year without a notice,
    /// not a statutory holiday; and Monday to Friday.
    /// 依据：国务院办公厅年度放假安排通知；《全国年节及纪念日放假办法》；《国务院关于职工工作时间的规定》第七条（周六、周日为周休息日）。
    pub fn is_working(&self, d: NaiveDate) -> bool {
        match self.lookup(d) {
            Some(e) => !e.off,
            None => !is_weekend(d) && self.statutory(d).is_none(),
        }
    }

    /// `d` classified, with its reason and the notice it came from.
    /// 依据：国务院办公厅年度放假安排通知；《国务院关于职工工作时间的规定》第七条。
    pub fn day(&self, d: NaiveDate) -> Day {
        let (y, next) = years_for(d);
        let covered = self.covers(y) && next.map_or(true, |n| self.covers(n));
        let mut statutory = false;
        let (working, reason, label, holiday, notice_year) = match self.lookup(d) {
            Some(e) => {
                let en = holiday_en(&e.name);
                let h = Text::new(e.name.clone(), en.clone());
                if e.off {
                    (
                        false,
                        Reason::Holiday,
                        Text::new(format!("{}假期", e.name), format!("{en} holiday")),
                        Some(h),
                        Some(e.notice),
                    )
                } else if is_weekend(d) {
                    let label = Text::new(format!("{}调休上班", e.name), format!("make-up working day ({en})"));
                    (true, Reason::MakeupWorkday, label, Some(h), Some(e.notice))
                } else {
                    // A weekday a notice lists as a working day (2020-02-03, after the extended
                    // Spring Festival): a plain working day, named by its notice.
                    let label =
                        Text::new(format!("工作日（{}安排）", e.name), format!("working day ({en} arrangement)"));
                    (true, Reason::Workday, label, Some(h), Some(e.notice))
                }
            }
            None => {
                let ny = if self.covers(y) { Some(y) } else { None };
                if let Some(name) = self.statutory(d) {
                    statutory = true;
                    let en = holiday_en(name);
                    (
                        false,
                        Reason::Holiday,
                        Text::new(format!("{name}（法定节假日，尚无放假通知）"), format!("{en} (statutory holiday; no notice yet)")),
                        Some(Text::new(name, en)),
                        None,
                    )
                } else if is_weekend(d) {
                    (false, Reason::Weekend, Text::new("周末", "weekend"), None, ny)
                } else {
                    (true, Reason::Workday, Text::new("工作日", "working day"), None, ny)
                }
            }
        };
        Day {
            date: dates::iso(d),
            date_zh: dates::chinese(d),
            weekday: weekday_of(d),
            working_day: working,
            reason,
            label,
            holiday,
            notice_year,
            covered,
            statutory,
        }
    }

    /// The years in `years`, each with its notice, and a warning for each year not covered.
    /// 依据：本项目规则——无放假通知年份的推算须明示；《全国年节及纪念日放假办法》。
    pub fn coverage(&self, years: &[i32]) -> (Vec<YearUse>, Vec<Warning>) {
        let mut uses = Vec::new();
        let mut warnings = Vec::new();
        for &y in years {
            let notice = self.notice(y).cloned();
            if notice.is_none() {
                warnings.push(Warning::year_not_covered(y));
            }
            let statutory = notice.is_none() && crate::statutory::computed(y);
            uses.push(YearUse { year: y, covered: notice.is_some(), notice, statutory });
        }
        (uses, warnings)
    }
}

/// A calendar that records every year it was asked about, so that a result can list the years
/// it relied on and warn about the ones not covered.
/// 依据：本项目规则——无放假通知年份的推算须明示。
pub struct Tracker<'a> {
    pub cal: &'a Calendar,
    /// Sorted, without duplicates.
    years: Vec<i32>,
    last_year: i32,
    last_dec: bool,
}

impl<'a> Tracker<'a> {
    /// A tracker over `cal` with no year recorded yet.
    pub fn new(cal: &'a Calendar) -> Self {
        Tracker { cal, years: Vec::new(), last_year: i32::MIN, last_dec: false }
    }

    fn note(&mut self, d: NaiveDate) {
        let dec = d.month() == 12 && d.day() >= 25;
        if d.year() == self.last_year && dec == self.last_dec {
            return;
        }
        self.last_year = d.year();
        self.last_dec = dec;
        let (y, next) = years_for(d);
        for y in [Some(y), next].into_iter().flatten() {
            if let Err(at) = self.years.binary_search(&y) {
                self.years.insert(at, y);
            }
        }
    }

    /// [`Calendar::is_working`], recording the years relied on.
    pub fn is_working(&mut self, d: NaiveDate) -> bool {
        self.note(d);
        self.cal.is_working(d)
    }

    /// [`Calendar::day`], recording the years relied on.
    pub fn day(&mut self, d: NaiveDate) -> Day {
        self.note(d);
        self.cal.day(d)
    }

    /// The years relied on so far.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// The years relied on with their notices, and a warning for each one not covered.
    pub fn coverage(&self) -> (Vec<YearUse>, Vec<Warning>) {
        self.cal.coverage(&self.years)
    }
}

/// The result of the `workday` command: the day classified, the years relied on, warnings.
/// 依据：国务院办公厅年度放假安排通知。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WorkdayResult {
    pub day: Day,
    pub years_relied: Vec<YearUse>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CalendarWarning[]"))]
    pub warnings: Vec<Warning>,
}

/// The `workday` command: `{date, holidays?}` → [`WorkdayResult`].
/// 依据：国务院办公厅年度放假安排通知；《国务院关于职工工作时间的规定》第七条。
pub fn workday(input: Value) -> Result<WorkdayResult> {
    let i = crate::deadline::Input::new(input, &["date", "holidays"])?;
    let date = i.req_date("date")?;
    let cal = i.calendar()?;
    let mut t = Tracker::new(&cal);
    let day = t.day(date);
    let (years_relied, warnings) = t.coverage();
    Ok(WorkdayResult { day, years_relied, warnings })
}

/// The result of the `calendar-month` command: every day of a month classified.
/// 依据：国务院办公厅年度放假安排通知。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MonthResult {
    pub year: i32,
    pub month: u32,
    /// Weekday of the 1st, 1 = Monday … 7 = Sunday (for laying out a month grid).
    pub first_weekday: u32,
    pub days: Vec<Day>,
    pub working_days: u32,
    pub years_relied: Vec<YearUse>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CalendarWarning[]"))]
    pub warnings: Vec<Warning>,
}

/// Every day of `year`-`month` classified (months 1949-10 to 2100-12).
/// 依据：国务院办公厅年度放假安排通知。
pub fn month(cal: &Calendar, year: i32, month: u32) -> Result<MonthResult> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
        Error::new("E_MONTH", format!("月份 {year}-{month} 不存在"), format!("month {year}-{month} does not exist"))
            .at("$.month")
    })?;
    dates::check_range(first, "year/month").map_err(|e| e.at("$.year"))?;
    let mut t = Tracker::new(cal);
    let mut days = Vec::with_capacity(31);
    let mut d = first;
    while d.month() == month {
        days.push(t.day(d));
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    let working_days = days.iter().filter(|x| x.working_day).count() as u32;
    let (years_relied, warnings) = t.coverage();
    Ok(MonthResult {
        year,
        month,
        first_weekday: first.weekday().number_from_monday(),
        days,
        working_days,
        years_relied,
        warnings,
    })
}

/// The `calendar-month` command: `{year, month, holidays?}` → [`MonthResult`].
/// 依据：国务院办公厅年度放假安排通知。
pub fn month_of(input: Value) -> Result<MonthResult> {
    let i = crate::deadline::Input::new(input, &["year", "month", "holidays"])?;
    let year = i.req_number("year", 2100)? as i32;
    let m = i.req_number("month", 12)?;
    let cal = i.calendar()?;
    month(&cal, year, m)
}

/// A statutory holiday of a year without a notice, as `holiday-notices` lists it.
/// 依据：《全国年节及纪念日放假办法》。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StatutoryHoliday {
    pub date: String,
    pub date_zh: String,
    pub weekday: Text,
    pub name: Text,
}

/// The result of the `holiday-notices` command: the notices in force (built in and loaded), the
/// years whose statutory holidays are counted without a notice, and those holidays for one year.
/// 依据：国务院办公厅年度放假安排通知；《全国年节及纪念日放假办法》。
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NoticesResult {
    /// Every notice in force, by year; `builtIn` false: loaded at run time.
    pub notices: Vec<Notice>,
    /// The years whose statutory holidays are counted when no notice is loaded (2020–2050).
    pub statutory_from: i32,
    pub statutory_to: i32,
    /// The year asked about (`year`), else the first year after the last notice.
    pub year: i32,
    /// Whether a notice covers `year`.
    pub covered: bool,
    /// The statutory holidays counted for `year` (empty when a notice covers it or it is outside
    /// 2020–2050).
    pub statutory_holidays: Vec<StatutoryHoliday>,
    /// How days of `year` are counted, in plain words.
    pub note: Text,
}

/// The `holiday-notices` command: `{holidays?, year?}` → [`NoticesResult`].
/// 依据：国务院办公厅年度放假安排通知；《全国年节及纪念日放假办法》。
pub fn notices_of(input: Value) -> Result<NoticesResult> {
    let i = crate::deadline::Input::new(input, &["holidays", "year"])?;
    let cal = i.calendar()?;
    let year = match i.number("year", dates::MAX_DATE.0 as u32)? {
        Some(y) if (dates::MIN_DATE.0..=dates::MAX_DATE.0).contains(&(y as i32)) => y as i32,
        Some(y) => {
            return Err(Error::new(
                "E_INPUT_NUMBER",
                format!("year 应为 {} 至 {} 的整数，实际为 {y}", dates::MIN_DATE.0, dates::MAX_DATE.0),
                format!("year must be a whole number from {} to {}, found {y}", dates::MIN_DATE.0, dates::MAX_DATE.0),
            )
            .at("$.year"))
        }
        None => cal.notices.last().map_or(BUILTIN_YEARS.1, |n| n.year) + 1,
    };
    let covered = cal.covers(year);
    let statutory_holidays: Vec<StatutoryHoliday> = if covered {
        Vec::new()
    } else {
        crate::statutory::holidays(year)
            .unwrap_or_default()
            .into_iter()
            .map(|(d, name)| StatutoryHoliday {
                date: dates::iso(d),
                date_zh: dates::chinese(d),
                weekday: weekday_of(d),
                name: Text::new(name, holiday_en(name)),
            })
            .collect()
    };
    let note = if covered {
        Text::new(
            format!("{year}年按国务院办公厅放假通知计算（放假日、调休上班日均按通知）。"),
            format!("{year} is counted by the State Council's holiday notice (days off and make-up working days as it lists them)."),
        )
    } else {
        let w = Warning::year_not_covered(year);
        Text::new(w.zh, w.en)
    };
    Ok(NoticesResult {
        notices: cal.notices.clone(),
        statutory_from: crate::statutory::YEARS.0,
        statutory_to: crate::statutory::YEARS.1,
        year,
        covered,
        statutory_holidays,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn builtin_loads_every_year() {
        let c = Calendar::builtin();
        assert_eq!(c.years(), vec![2020, 2021, 2022, 2023, 2024, 2025, 2026]);
        assert!(c.notice(2026).unwrap().papers[0].contains("content_7047091"));
    }

    #[test]
    fn classifies_kinds_of_day() {
        let c = Calendar::builtin();
        let nd = c.day(d(2026, 10, 1));
        assert_eq!((nd.working_day, nd.reason, nd.holiday.unwrap().zh.as_str()), (false, Reason::Holiday, "国庆节"));
        let mk = c.day(d(2026, 10, 10)); // Saturday, 调休上班
        assert_eq!((mk.working_day, mk.reason), (true, Reason::MakeupWorkday));
        assert_eq!(mk.label.zh, "国庆节调休上班");
        assert_eq!(c.day(d(2026, 10, 17)).reason, Reason::Weekend);
        assert_eq!(c.day(d(2026, 10, 16)).reason, Reason::Workday);
        // 2023 notice lists 2022-12-31 (元旦), filed under 2023.
        let ny = c.day(d(2022, 12, 31));
        assert_eq!((ny.reason, ny.notice_year), (Reason::Holiday, Some(2023)));
    }

    #[test]
    fn english_names() {
        assert_eq!(holiday_en("国庆节、中秋节"), "National Day & Mid-Autumn Festival");
        assert_eq!(holiday_en("抗疫"), "抗疫");
    }
}
