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
    let r = call("workday", json!({"date": "2027-01-01"})).unwrap();
    assert_eq!(r["day"]["workingDay"], true);
    assert_eq!(r["day"]["reason"], "workday");
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
    // Nothing half-merged: the first (good) document of a refused array is not in force either.
    let r = call("workday", json!({"date": "2027-01-01"})).unwrap();
    assert_eq!(r["day"]["reason"], "workday");
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
