//! The working-day calendar against the holiday-cn data files (国务院办公厅 2020–2026 年放假通知).

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{json, Value};
use std::collections::HashMap;
use yibao_credit::api;
use yibao_credit::calendar::{Calendar, Reason};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn data_file(year: i32) -> Value {
    let p = format!("{}/data/holiday-cn/{year}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn call(name: &str, v: Value) -> Result<Value, yibao_credit::Error> {
    api::call(name, &v.to_string()).map(|s| serde_json::from_str(&s).unwrap())
}

/// A plausible 2027 notice (test data, not the real one): 元旦 2027-01-01..03, a make-up Sunday.
fn notice_2027() -> Value {
    json!({
        "year": 2027,
        "papers": ["https://example.invalid/2027-notice"],
        "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
            {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
            {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
            {"name": "春节", "date": "2027-02-07", "isOffDay": false}
        ]
    })
}

#[test]
fn every_day_2020_to_2026_agrees_with_the_data_files() {
    // Expected: a listed day is off (holiday) or on (make-up working day on a weekend, plain
    // working day on a weekday) as its file says; any other day follows Monday–Friday.
    let mut listed: HashMap<NaiveDate, (String, bool, i32)> = HashMap::new();
    for year in 2020..=2027 {
        let f = data_file(year);
        assert_eq!(f["year"], year);
        for day in f["days"].as_array().unwrap() {
            let date = d(day["date"].as_str().unwrap());
            let prev = listed
                .insert(date, (day["name"].as_str().unwrap().to_string(), day["isOffDay"].as_bool().unwrap(), year));
            assert!(prev.is_none(), "{date} listed twice in the data files");
        }
    }
    assert!(listed.len() > 250);
    let cal = Calendar::builtin();
    let mut date = d("2020-01-01");
    let mut count = 0;
    let (mut off_days, mut makeups) = (0, 0);
    while date <= d("2026-12-31") {
        let day = cal.day(date);
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        match listed.get(&date) {
            Some((name, off, year)) => {
                assert_eq!(day.working_day, !off, "{date}");
                let want = if *off {
                    Reason::Holiday
                } else if weekend {
                    Reason::MakeupWorkday
                } else {
                    Reason::Workday
                };
                assert_eq!(day.reason, want, "{date}");
                assert_eq!(day.holiday.as_ref().map(|h| h.zh.as_str()), Some(name.as_str()), "{date}");
                assert_eq!(day.notice_year, Some(*year), "{date}");
                if *off {
                    off_days += 1;
                } else {
                    makeups += 1;
                }
            }
            None => {
                assert_eq!(day.working_day, !weekend, "{date}");
                assert_eq!(day.reason, if weekend { Reason::Weekend } else { Reason::Workday }, "{date}");
                assert_eq!(day.holiday, None, "{date}");
                assert_eq!(day.notice_year, Some(date.year()), "{date}");
            }
        }
        assert_eq!(cal.is_working(date), day.working_day);
        // Covered unless the day is from 25 December 2026 on (the 2027 notice is not out).
        assert_eq!(day.covered, date < d("2026-12-25"), "{date}");
        count += 1;
        date = date.succ_opt().unwrap();
    }
    assert_eq!(count, 2557); // 7 years, 2 of them leap years
    assert!(off_days > 200 && makeups > 30, "{off_days} {makeups}");
}

#[test]
fn spring_festival_each_year() {
    // (first day off, last day off, a make-up working day) from each year's State Council notice.
    let cases = [
        ("2020-01-24", "2020-02-02", "2020-01-19"), // extended by the 2020-01-27 notice
        ("2021-02-11", "2021-02-17", "2021-02-20"),
        ("2022-01-31", "2022-02-06", "2022-01-29"),
        ("2023-01-21", "2023-01-27", "2023-01-28"),
        ("2024-02-10", "2024-02-17", "2024-02-18"),
        ("2025-01-28", "2025-02-04", "2025-02-08"),
        ("2026-02-15", "2026-02-23", "2026-02-28"),
    ];
    let cal = Calendar::builtin();
    for (first, last, makeup) in cases {
        let (f, l) = (d(first), d(last));
        let mut x = f;
        while x <= l {
            let day = cal.day(x);
            assert_eq!((day.working_day, day.reason), (false, Reason::Holiday), "{x}");
            assert_eq!(day.holiday.unwrap().zh, "春节");
            x = x.succ_opt().unwrap();
        }
        let m = cal.day(d(makeup));
        assert_eq!((m.working_day, m.reason), (true, Reason::MakeupWorkday), "{makeup}");
        assert_eq!(m.label.zh, "春节调休上班");
        assert_eq!(m.label.en, "make-up working day (Spring Festival)");
    }
    // 2020-02-03 (Monday, after the extension) is listed by the notice as a working day.
    assert_eq!(cal.day(d("2020-02-03")).reason, Reason::Workday);
    assert_eq!(cal.day(d("2026-02-24")).reason, Reason::Workday);
}

#[test]
fn national_day_each_year() {
    let cases = [
        ("2020-10-01", "2020-10-08", "2020-10-10", "国庆节、中秋节"),
        ("2021-10-01", "2021-10-07", "2021-10-09", "国庆节"),
        ("2022-10-01", "2022-10-07", "2022-10-08", "国庆节"),
        ("2023-09-29", "2023-10-06", "2023-10-07", "中秋节、国庆节"),
        ("2024-10-01", "2024-10-07", "2024-10-12", "国庆节"),
        ("2025-10-01", "2025-10-08", "2025-10-11", "国庆节、中秋节"),
        ("2026-10-01", "2026-10-07", "2026-10-10", "国庆节"),
    ];
    let cal = Calendar::builtin();
    for (first, last, makeup, name) in cases {
        let mut x = d(first);
        while x <= d(last) {
            assert!(!cal.is_working(x), "{x}");
            x = x.succ_opt().unwrap();
        }
        assert_eq!(cal.day(d(first)).holiday.unwrap().zh, name);
        let m = cal.day(d(makeup));
        assert_eq!((m.working_day, m.reason), (true, Reason::MakeupWorkday), "{makeup}");
    }
    assert_eq!(cal.day(d("2025-10-01")).holiday.unwrap().en, "National Day & Mid-Autumn Festival");
}

#[test]
fn year_ends_and_new_year() {
    let cal = Calendar::builtin();
    // 2022-12-31 (Saturday) is 元旦 in the 2023 notice, filed under 2023.
    let x = cal.day(d("2022-12-31"));
    assert_eq!((x.reason, x.notice_year, x.holiday.unwrap().zh.as_str()), (Reason::Holiday, Some(2023), "元旦"));
    // 2023-01-02 (Monday) 元旦 off.
    assert_eq!(cal.day(d("2023-01-02")).reason, Reason::Holiday);
    // 2023-12-31 Sunday: plain weekend; 2024-01-01 Monday 元旦.
    assert_eq!(cal.day(d("2023-12-31")).reason, Reason::Weekend);
    assert_eq!(cal.day(d("2024-01-01")).reason, Reason::Holiday);
    // 2025-12-31 Wednesday: working day; 2026-01-01..03 off; 2026-01-04 Sunday make-up.
    assert_eq!(cal.day(d("2025-12-31")).reason, Reason::Workday);
    assert_eq!(cal.day(d("2026-01-02")).reason, Reason::Holiday);
    assert_eq!(cal.day(d("2026-01-04")).reason, Reason::MakeupWorkday);
    // 2020-12-31 Thursday working, 2021-01-01..03 off, 2021-01-04 Monday working.
    assert!(cal.is_working(d("2020-12-31")));
    assert!(!cal.is_working(d("2021-01-03")));
    assert!(cal.is_working(d("2021-01-04")));
}

#[test]
fn make_up_saturdays_and_sundays() {
    let cal = Calendar::builtin();
    for s in [
        "2020-01-19",
        "2020-09-27",
        "2020-10-10",
        "2021-02-07",
        "2021-02-20",
        "2021-09-26",
        "2021-10-09",
        "2022-01-29",
        "2022-01-30",
        "2022-10-08",
        "2022-10-09",
        "2023-01-28",
        "2023-01-29",
        "2023-10-07",
        "2023-10-08",
        "2024-02-04",
        "2024-02-18",
        "2024-09-29",
        "2024-10-12",
        "2025-01-26",
        "2025-02-08",
        "2025-09-28",
        "2025-10-11",
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ] {
        let x = cal.day(d(s));
        assert!(matches!(d(s).weekday(), Weekday::Sat | Weekday::Sun), "{s}");
        assert_eq!((x.working_day, x.reason), (true, Reason::MakeupWorkday), "{s}");
    }
    // A plain Saturday next to them is still a weekend.
    assert_eq!(cal.day(d("2026-02-07")).reason, Reason::Weekend);
}

#[test]
fn leap_days() {
    let cal = Calendar::builtin();
    // 2020-02-29 Saturday: weekend (the extended 2020 Spring Festival ended on 02-02).
    let a = cal.day(d("2020-02-29"));
    assert_eq!((a.working_day, a.reason, a.weekday.zh.as_str()), (false, Reason::Weekend, "星期六"));
    // 2024-02-29 Thursday: working day.
    let b = cal.day(d("2024-02-29"));
    assert_eq!((b.working_day, b.reason, b.weekday.en.as_str()), (true, Reason::Workday, "Thursday"));
    assert_eq!(b.date_zh, "2024年2月29日");
}

#[test]
fn workday_command_and_2027_warning() {
    // No 2027 notice: 元旦 is a rest day by 《全国年节及纪念日放假办法》, with the warning.
    let r = call("workday", json!({"date": "2027-01-01"})).unwrap();
    assert_eq!(r["day"]["workingDay"], false);
    assert_eq!(r["day"]["reason"], "holiday");
    assert_eq!(r["day"]["statutory"], true);
    assert_eq!(r["day"]["covered"], false);
    assert_eq!(r["warnings"][0]["code"], "W_YEAR_NOT_COVERED");
    assert_eq!(r["warnings"][0]["year"], 2027);
    assert!(r["warnings"][0]["zh"].as_str().unwrap().contains("2027年"));
    assert!(r["warnings"][0]["en"].as_str().unwrap().contains("2027"));
    // With the 2027 notice loaded at run time: a holiday, no warning, the notice is named.
    let r = call("workday", json!({"date": "2027-01-01", "holidays": notice_2027()})).unwrap();
    assert_eq!(r["day"]["workingDay"], false);
    assert_eq!(r["day"]["reason"], "holiday");
    assert_eq!(r["day"]["holiday"]["zh"], "元旦");
    assert_eq!(r["day"]["covered"], true);
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(r["yearsRelied"][0]["notice"]["builtIn"], false);
    assert_eq!(r["yearsRelied"][0]["notice"]["papers"][0], "https://example.invalid/2027-notice");
    // As an array of documents too, and a make-up Sunday.
    let r = call("workday", json!({"date": "2027-02-07", "holidays": [notice_2027()]})).unwrap();
    assert_eq!(r["day"]["reason"], "makeup-workday");
    // The last days of 2026 rely on the 2027 notice as well.
    let r = call("workday", json!({"date": "2026-12-28"})).unwrap();
    assert_eq!(r["warnings"][0]["year"], 2027);
    let r = call("workday", json!({"date": "2026-12-24"})).unwrap();
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(
        r["yearsRelied"][0]["notice"]["papers"][0],
        "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"
    );
}

#[test]
fn run_time_document_overrides_a_built_in_year() {
    // A corrected 2026 file replaces the built-in 2026 notice entirely.
    let doc = json!({"year": 2026, "papers": [], "days": [{"name": "测试", "date": "2026-03-02", "isOffDay": true}]});
    let r = call("workday", json!({"date": "2026-03-02", "holidays": doc.clone()})).unwrap();
    assert_eq!((r["day"]["workingDay"].as_bool(), r["day"]["holiday"]["zh"].as_str()), (Some(false), Some("测试")));
    let r = call("workday", json!({"date": "2026-10-01", "holidays": doc})).unwrap();
    assert_eq!(r["day"]["reason"], "workday"); // the built-in 2026 notice is no longer in force
                                               // Without the document, the built-in calendar is unchanged.
    let r = call("workday", json!({"date": "2026-10-01"})).unwrap();
    assert_eq!(r["day"]["reason"], "holiday");
}

fn refused(holidays: Value) -> yibao_credit::Error {
    let e = call("workday", json!({"date": "2026-10-01", "holidays": holidays})).unwrap_err();
    assert_eq!(e.code, "E_HOLIDAY_DATA", "{e}");
    assert!(e.zh.contains("节假日数据有误") && e.zh.contains("内置日历保持不变"), "{}", e.zh);
    assert!(e.en.contains("bad holiday data") && e.en.contains("built-in calendar is unchanged"), "{}", e.en);
    // The built-in calendar still answers.
    let ok = call("workday", json!({"date": "2026-10-01"})).unwrap();
    assert_eq!(ok["day"]["reason"], "holiday");
    e
}

#[test]
fn bad_holiday_data_is_refused_with_a_path() {
    let day = |date: &str, off: bool| json!({"name": "元旦", "date": date, "isOffDay": off});
    let doc = |days: Vec<Value>| json!({"year": 2027, "papers": [], "days": days});

    assert_eq!(refused(json!("2027")).path.as_deref(), Some("$.holidays"));
    assert_eq!(refused(json!([notice_2027(), 5])).path.as_deref(), Some("$.holidays[1]"));
    assert_eq!(refused(json!({"days": []})).path.as_deref(), Some("$.holidays.year"));
    assert_eq!(refused(json!({"year": 1800, "days": []})).path.as_deref(), Some("$.holidays.year"));
    assert_eq!(refused(json!({"year": "2027", "days": []})).path.as_deref(), Some("$.holidays.year"));
    assert_eq!(refused(json!({"year": 2027})).path.as_deref(), Some("$.holidays.days"));
    assert_eq!(refused(json!({"year": 2027, "papers": "x", "days": []})).path.as_deref(), Some("$.holidays.papers"));
    assert_eq!(refused(json!({"year": 2027, "papers": [1], "days": []})).path.as_deref(), Some("$.holidays.papers[0]"));
    // The upstream 2027 placeholder (no days) is refused: it would remove nothing but say nothing.
    let e = refused(data_file(2027));
    assert_eq!(e.path.as_deref(), Some("$.holidays.days"));
    assert!(e.zh.contains("占位"));
    assert_eq!(refused(doc(vec![json!(3)])).path.as_deref(), Some("$.holidays.days[0]"));
    assert_eq!(
        refused(doc(vec![json!({"date": "2027-01-01", "isOffDay": true})])).path.as_deref(),
        Some("$.holidays.days[0].name")
    );
    assert_eq!(
        refused(doc(vec![json!({"name": "元旦", "isOffDay": true})])).path.as_deref(),
        Some("$.holidays.days[0].date")
    );
    assert_eq!(
        refused(doc(vec![json!({"name": "元旦", "date": "2027-01-01"})])).path.as_deref(),
        Some("$.holidays.days[0].isOffDay")
    );
    assert_eq!(
        refused(doc(vec![json!({"name": "元旦", "date": "2027-01-01", "isOffDay": "yes"})])).path.as_deref(),
        Some("$.holidays.days[0].isOffDay")
    );
    // Bad dates: impossible, wrong form, out of the crate's range, outside the file's year ±1.
    let e = refused(doc(vec![day("2027-01-01", true), day("2027-02-30", true)]));
    assert_eq!(e.path.as_deref(), Some("$.holidays.days[1].date"));
    assert!(e.zh.contains("不存在"));
    assert_eq!(refused(doc(vec![day("2027/01/01", true)])).path.as_deref(), Some("$.holidays.days[0].date"));
    let e = refused(json!({"year": 2100, "days": [day("2101-01-01", true)]}));
    assert!(e.en.contains("outside the range"));
    let e = refused(doc(vec![day("2029-01-01", true)]));
    assert_eq!(e.path.as_deref(), Some("$.holidays.days[0].date"));
    assert!(e.en.contains("within a year"));
    // Duplicates: identical is accepted, conflicting is refused.
    let ok = call(
        "workday",
        json!({"date": "2027-01-01", "holidays": doc(vec![day("2027-01-01", true), day("2027-01-01", true)])}),
    )
    .unwrap();
    assert_eq!(ok["day"]["reason"], "holiday");
    let e = refused(doc(vec![day("2027-01-01", true), day("2027-01-01", false)]));
    assert_eq!(e.path.as_deref(), Some("$.holidays.days[1]"));
    assert!(e.zh.contains("$.holidays.days[0]"));
    // Two documents for one year; two documents that disagree about a day.
    assert_eq!(refused(json!([notice_2027(), notice_2027()])).path.as_deref(), Some("$.holidays[1].year"));
    let y2028 = json!({"year": 2028, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": false}]});
    assert_eq!(refused(json!([notice_2027(), y2028])).path.as_deref(), Some("$.holidays[1].days[0]"));
    // Nothing half-merged: the first (good) document of a refused array is not in force either
    // (2027-01-02, 元旦 in it, is a plain Saturday without it).
    let r = call("workday", json!({"date": "2027-01-02"})).unwrap();
    assert_eq!(r["day"]["reason"], "weekend");
    // null or an empty array: the built-in calendar.
    assert_eq!(call("workday", json!({"date": "2026-10-01", "holidays": null})).unwrap()["day"]["reason"], "holiday");
    assert_eq!(call("workday", json!({"date": "2026-10-01", "holidays": []})).unwrap()["day"]["reason"], "holiday");
}

#[test]
fn bad_workday_input() {
    let e = call("workday", json!({"date": "2026-02-30"})).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), ("E_DATE_INVALID", Some("$.date")));
    assert_eq!(call("workday", json!({"date": "1949-09-30"})).unwrap_err().code, "E_DATE_RANGE");
    assert_eq!(call("workday", json!({"date": "2101-01-01"})).unwrap_err().code, "E_DATE_RANGE");
    assert_eq!(call("workday", json!({"date": "26-1-1"})).unwrap_err().code, "E_DATE_FORMAT");
    assert_eq!(call("workday", json!({"day": "2026-01-01"})).unwrap_err().code, "E_INPUT_JSON");
    assert_eq!(api::call("workday", "{").unwrap_err().code, "E_INPUT_JSON");
    // Far years still answer by the Monday–Friday rule, with a warning.
    let r = call("workday", json!({"date": "1949-10-01"})).unwrap();
    assert_eq!((r["day"]["reason"].as_str(), r["warnings"][0]["year"].as_i64()), (Some("weekend"), Some(1949)));
}

#[test]
fn calendar_month_command() {
    let r = call("calendar-month", json!({"year": 2026, "month": 10})).unwrap();
    assert_eq!(r["days"].as_array().unwrap().len(), 31);
    assert_eq!(r["firstWeekday"], 4); // 2026-10-01 is a Thursday
                                      // October 2026: 22 weekdays − 5 holiday weekdays (1, 2, 5, 6, 7) + make-up Saturday 10 = 18.
    assert_eq!(r["workingDays"], 18);
    assert_eq!(r["days"][9]["reason"], "makeup-workday");
    // CLI-style strings are accepted.
    let r = call("calendar-month", json!({"year": "2024", "month": "2"})).unwrap();
    assert_eq!(r["days"].as_array().unwrap().len(), 29);
    assert_eq!(r["days"][28]["date"], "2024-02-29");
    // December 2026 relies on 2027 for its last days.
    let r = call("calendar-month", json!({"year": 2026, "month": 12})).unwrap();
    assert_eq!(r["warnings"][0]["year"], 2027);
    assert_eq!(call("calendar-month", json!({"year": 2026, "month": 13})).unwrap_err().code, "E_INPUT_NUMBER");
    assert_eq!(call("calendar-month", json!({"year": 2026, "month": 0})).unwrap_err().code, "E_MONTH");
    assert_eq!(call("calendar-month", json!({"year": 1949, "month": 9})).unwrap_err().code, "E_DATE_RANGE");
    assert_eq!(call("calendar-month", json!({"year": 1949, "month": 10})).unwrap()["workingDays"], 21);
}

// ---------------------------------------------------------------------------------------------
// Years without a notice: the statutory holidays of 《全国年节及纪念日放假办法》 (issue 15, point 11)
// ---------------------------------------------------------------------------------------------

use yibao_credit::statutory;

#[test]
fn statutory_holidays_are_rest_days_in_every_notice_2020_to_2026() {
    // The rule in force each year (before 2025: 春节 初一至初三, 劳动节 1 May; from 2025: 除夕 too,
    // 1–2 May) must give only days that the State Council's notice of that year made days off,
    // under the holiday's own name (holiday-cn data; the notice may add days, never drop these).
    let mut listed: HashMap<NaiveDate, (String, bool)> = HashMap::new();
    for year in 2020..=2026 {
        for day in data_file(year)["days"].as_array().unwrap() {
            listed.insert(
                d(day["date"].as_str().unwrap()),
                (day["name"].as_str().unwrap().to_string(), day["isOffDay"].as_bool().unwrap()),
            );
        }
    }
    let mut count = 0;
    for year in 2020..=2026 {
        let days = statutory::holidays(year).unwrap();
        assert_eq!(days.len(), if year >= 2025 { 13 } else { 11 } - usize::from(year == 2020), "{year}"); // 2020: 中秋 on 1 October
        for (date, name) in days {
            let (notice_name, off) = listed.get(&date).unwrap_or_else(|| panic!("{date} {name}: not in the {year} notice"));
            assert!(off, "{date} {name}: the notice makes it a working day");
            for part in name.split('、') {
                assert!(notice_name.contains(part), "{date}: {name} vs the notice's {notice_name}");
            }
            count += 1;
        }
    }
    assert_eq!(count, 5 * 11 - 1 + 2 * 13);
    // The published dates of the lunar holidays, as the notices give them (first day of 春节's
    // days off is the notice's choice; 初一 itself is the statutory one).
    let firsts = [(2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"),
                  (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17")];
    for (y, sf) in firsts {
        assert_eq!(statutory::lunar_dates(y).unwrap().0, d(sf), "{y}");
    }
}

/// The Chinese date of `date` by Reingold & Dershowitz's astronomical calendar (ICU4X's
/// `calendrical_calculations`, Beijing time from 1929): (month, leap, day).
fn rd_chinese(date: NaiveDate) -> (u8, bool, u8) {
    use calendrical_calculations::chinese_based::{chinese_based_date_from_fixed, Chinese};
    let fixed = calendrical_calculations::iso::fixed_from_iso(date.year(), date.month() as u8, date.day() as u8);
    let r = chinese_based_date_from_fixed::<Chinese>(fixed);
    // Months are ordinal there: in a leap year the leap month takes the next number.
    match r.leap_month.map(|l| l.get()) {
        Some(l) if r.month == l => (r.month - 1, true, r.day),
        Some(l) if r.month > l => (r.month - 1, false, r.day),
        _ => (r.month, false, r.day),
    }
}

#[test]
fn lunar_table_agrees_with_an_independent_chinese_calendar_2020_to_2050() {
    // The table was made with tyme4rs (寿星 algorithms); Reingold & Dershowitz compute the
    // Chinese calendar independently (new moons and solar terms from Meeus / Bretagnon).
    for year in statutory::YEARS.0..=statutory::YEARS.1 {
        let (spring, _, duanwu, zhongqiu) = statutory::lunar_dates(year).unwrap();
        assert_eq!(rd_chinese(spring), (1, false, 1), "{year} 正月初一 {spring}");
        let (m, _, day) = rd_chinese(spring.pred_opt().unwrap());
        assert!(m == 12 && (day == 29 || day == 30), "{year} 除夕 is the last day of the 12th month: {m}/{day}");
        assert_eq!(rd_chinese(duanwu), (5, false, 5), "{year} 端午 {duanwu}");
        if year == 2033 {
            // The one difference, and a known one (the "2033 problem"): three months of 2033 lack
            // a major solar term. The Chinese calendar counts 岁 from winter-solstice month to
            // winter-solstice month (农历十一月), so 2033 has no leap month before its 十一月 and the
            // leap month is 闰十一月 (紫金山天文台; Hong Kong Observatory: 閏十一月); Reingold &
            // Dershowitz's rule, as this crate implements it, makes the eighth month 闰七月. Both
            // agree on the new moon: 2033-09-08 is the 15th day of the month after 七月.
            assert_eq!(rd_chinese(zhongqiu), (7, true, 15), "2033 中秋 {zhongqiu}");
            assert_eq!(rd_chinese(zhongqiu.pred_opt().unwrap() - chrono::Days::new(29)).0, 7);
        } else {
            assert_eq!(rd_chinese(zhongqiu), (8, false, 15), "{year} 中秋 {zhongqiu}");
        }
    }
}

/// The moment of 清明 — the Sun's apparent geocentric ecliptic longitude of date reaching 15° —
/// in Beijing time, 2020–2050: (year, day of April, hour, minute), computed by PyEphem 4.2.1
/// (libastro, VSOP87; `scripts/lunar-table/qingming.py`), independently of tyme4rs's 寿星 code
/// that made the table. The two agree to within a minute every year.
const QINGMING_PYEPHEM: &[(i32, u32, u32, u32)] = &[
    (2020, 4, 15, 38), (2021, 4, 21, 35), (2022, 5, 3, 20), (2023, 5, 9, 13), (2024, 4, 15, 2),
    (2025, 4, 20, 48), (2026, 5, 2, 40), (2027, 5, 8, 17), (2028, 4, 14, 3), (2029, 4, 19, 58),
    (2030, 5, 1, 41), (2031, 5, 7, 28), (2032, 4, 13, 17), (2033, 4, 19, 8), (2034, 5, 1, 6),
    (2035, 5, 6, 54), (2036, 4, 12, 46), (2037, 4, 18, 44), (2038, 5, 0, 29), (2039, 5, 6, 15),
    (2040, 4, 12, 5), (2041, 4, 17, 52), (2042, 4, 23, 40), (2043, 5, 5, 20), (2044, 4, 11, 3),
    (2045, 4, 16, 57), (2046, 4, 22, 44), (2047, 5, 4, 32), (2048, 4, 10, 25), (2049, 4, 16, 14),
    (2050, 4, 22, 3),
];

#[test]
fn qingming_is_the_day_the_sun_reaches_15_degrees_2020_to_2050() {
    // The published times (新华社, citing 紫金山天文台《中国天文年历》): 2024-04-04 15:02,
    // 2025-04-04 20:49, 2026-04-05 02:40 Beijing time — the reference is within a minute.
    let at = |y: i32| QINGMING_PYEPHEM.iter().find(|r| r.0 == y).map(|r| (r.1, r.2 * 60 + r.3)).unwrap();
    for (y, day, minutes) in [(2024, 4, 15 * 60 + 2), (2025, 4, 20 * 60 + 49), (2026, 5, 2 * 60 + 40)] {
        let (rday, rmin) = at(y);
        assert_eq!(rday, day, "{y}");
        assert!(rmin.abs_diff(minutes) <= 1, "{y}: {rmin} min vs published {minutes}");
    }
    // Every year of the table (2020–2026 are also in the notices, above). The closest calls are
    // 2038 (29 minutes after midnight) and 2042 (20 minutes before).
    assert_eq!(QINGMING_PYEPHEM.len() as i32, statutory::YEARS.1 - statutory::YEARS.0 + 1);
    for &(year, day, ..) in QINGMING_PYEPHEM {
        assert_eq!(statutory::lunar_dates(year).unwrap().1, NaiveDate::from_ymd_opt(year, 4, day).unwrap(), "清明 {year}");
    }
}

fn notice_2027_full() -> Value {
    // Test data, not the real notice: 元旦 alone, and a Spring Festival with a make-up Sunday.
    json!({"year": 2027, "papers": [], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "春节", "date": "2027-02-07", "isOffDay": false}]})
}

#[test]
fn a_year_without_a_notice_counts_its_statutory_holidays() {
    // 2027 (no notice): 元旦 Fri 01-01, 除夕 Fri 02-05 … 初三 Mon 02-08, 清明 Mon 04-05,
    // 劳动节 Sat 05-01 and Sun 05-02, 端午 Wed 06-09, 中秋 Wed 09-15, 国庆 Fri 10-01 … Sun 10-03.
    for (date, name) in [("2027-01-01", "元旦"), ("2027-02-05", "春节"), ("2027-02-08", "春节"), ("2027-04-05", "清明节"),
                         ("2027-05-01", "劳动节"), ("2027-06-09", "端午节"), ("2027-09-15", "中秋节"), ("2027-10-01", "国庆节")] {
        let r = call("workday", json!({"date": date})).unwrap();
        let day = &r["day"];
        assert_eq!((day["workingDay"].as_bool(), day["reason"].as_str()), (Some(false), Some("holiday")), "{date}");
        assert_eq!(day["holiday"]["zh"], name, "{date}");
        assert_eq!((day["statutory"].as_bool(), day["covered"].as_bool()), (Some(true), Some(false)), "{date}");
        assert!(day["noticeYear"].is_null());
        assert_eq!(day["label"]["zh"], format!("{name}（法定节假日，尚无放假通知）"));
        assert_eq!(r["yearsRelied"][0]["statutory"], true);
        let w = &r["warnings"][0];
        assert_eq!((w["code"].as_str(), w["year"].as_i64()), (Some("W_YEAR_NOT_COVERED"), Some(2027)));
        let (zh, en) = (w["zh"].as_str().unwrap(), w["en"].as_str().unwrap());
        assert!(zh.contains("《全国年节及纪念日放假办法》") && zh.contains("法定节假日") && zh.contains("调休上班日") && zh.contains("可能变动"), "{zh}");
        assert!(en.contains("statutory holidays") && en.contains("make-up working days") && en.contains("may move"), "{en}");
    }
    // Days a notice would decide are plain weekdays until it is out: no bridging day is guessed.
    for date in ["2027-02-04", "2027-02-09", "2027-10-04", "2027-10-05", "2027-05-03"] {
        let r = call("workday", json!({"date": date})).unwrap();
        assert_eq!(r["day"]["reason"], "workday", "{date}");
        assert!(r["day"].get("statutory").is_none(), "{date}");
    }
    // February 2027: 20 weekdays less 除夕 (Fri 5th) and 初三 (Mon 8th).
    let r = call("calendar-month", json!({"year": 2027, "month": 2})).unwrap();
    assert_eq!(r["workingDays"], 18);
    // A notice governs its year entirely: with one loaded, only its days are holidays.
    let r = call("workday", json!({"date": "2027-02-05", "holidays": notice_2027_full()})).unwrap();
    assert_eq!(r["day"]["reason"], "workday");
    assert!(r["day"].get("statutory").is_none());
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
    assert!(r["yearsRelied"][0].get("statutory").is_none());
    // And a year with a built-in notice is unchanged: 2026-04-05 (清明, Sunday) is the notice's.
    let r = call("workday", json!({"date": "2026-04-05"})).unwrap();
    assert_eq!((r["day"]["noticeYear"].as_i64(), r["day"].get("statutory")), (Some(2026), None));
}

#[test]
fn beyond_2050_only_weekends_with_the_old_warning() {
    // 2051-01-02 is a Monday after 元旦: beyond the table, so 2051-01-01 is not counted either.
    let day = d("2051-01-01");
    let r = call("workday", json!({"date": "2051-01-01"})).unwrap();
    let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    assert_eq!(r["day"]["reason"], if weekend { "weekend" } else { "workday" });
    assert!(r["day"].get("statutory").is_none());
    let zh = r["warnings"][0]["zh"].as_str().unwrap();
    assert!(zh.contains("按周一至周五为工作日推算") && zh.contains("未计法定节假日"), "{zh}");
    assert!(r["yearsRelied"][0].get("statutory").is_none());
    // 2050 is still computed: 2050-01-01 (Saturday) is 元旦.
    let r = call("workday", json!({"date": "2050-10-03"})).unwrap();
    assert_eq!((r["day"]["reason"].as_str(), r["day"]["statutory"].as_bool()), (Some("holiday"), Some(true)));
}

#[test]
fn holiday_notices_command() {
    // Built in: the notices 2020–2026; the next year, 2027, by its statutory holidays.
    let r = call("holiday-notices", json!({})).unwrap();
    let years: Vec<i64> = r["notices"].as_array().unwrap().iter().map(|n| n["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    assert!(r["notices"].as_array().unwrap().iter().all(|n| n["builtIn"] == true));
    assert_eq!((r["statutoryFrom"].as_i64(), r["statutoryTo"].as_i64()), (Some(2020), Some(2050)));
    assert_eq!((r["year"].as_i64(), r["covered"].as_bool()), (Some(2027), Some(false)));
    let h = r["statutoryHolidays"].as_array().unwrap();
    assert_eq!(h.len(), 13);
    assert_eq!((h[0]["date"].as_str(), h[0]["name"]["zh"].as_str(), h[0]["weekday"]["zh"].as_str()), (Some("2027-01-01"), Some("元旦"), Some("星期五")));
    assert_eq!((h[1]["date"].as_str(), h[1]["dateZh"].as_str()), (Some("2027-02-05"), Some("2027年2月5日")));
    assert!(r["note"]["zh"].as_str().unwrap().contains("调休上班日"));
    // With the 2027 notice loaded: listed as loaded, and the next year is 2028.
    let r = call("holiday-notices", json!({"holidays": [notice_2027()]})).unwrap();
    let last = r["notices"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["year"].as_i64(), last["builtIn"].as_bool()), (Some(2027), Some(false)));
    assert_eq!(r["year"], 2028);
    // A year asked for: covered or not.
    let r = call("holiday-notices", json!({"year": "2026"})).unwrap();
    assert_eq!((r["covered"].as_bool(), r["statutoryHolidays"].as_array().unwrap().len()), (Some(true), 0));
    let r = call("holiday-notices", json!({"year": 2051})).unwrap();
    assert_eq!((r["covered"].as_bool(), r["statutoryHolidays"].as_array().unwrap().len()), (Some(false), 0));
    assert!(r["note"]["zh"].as_str().unwrap().contains("周一至周五"));
    assert_eq!(call("holiday-notices", json!({"year": 1800})).unwrap_err().code, "E_INPUT_NUMBER");
    assert_eq!(call("holiday-notices", json!({"yaer": 2027})).unwrap_err().code, "E_INPUT_JSON");
}
