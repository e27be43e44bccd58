//! Dates as the sources write them: `YYYY-MM-DD` in data, `2026年11月23日` on forms.
//! Only 1949-10-01 to 2100-12-31 is accepted: earlier or later dates are typing mistakes here.

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// The first date accepted anywhere in the crate.
pub const MIN_DATE: (i32, u32, u32) = (1949, 10, 1);
/// The last date accepted anywhere in the crate.
pub const MAX_DATE: (i32, u32, u32) = (2100, 12, 31);

/// Reads a `YYYY-MM-DD` date; `field` names the input for the message (e.g. `asOf`).
pub fn parse_date(s: &str, field: &str) -> Result<NaiveDate> {
    let t = s.trim();
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(Error::new(
            "E_DATE_FORMAT",
            format!("{field}：日期“{t}”格式不对，应为 YYYY-MM-DD（例如 2026-11-23）"),
            format!("{field}: date \"{t}\" is not in the form YYYY-MM-DD (e.g. 2026-11-23)"),
        ));
    }
    let y: i32 = t[0..4].parse().unwrap_or(0);
    let m: u32 = t[5..7].parse().unwrap_or(0);
    let d: u32 = t[8..10].parse().unwrap_or(0);
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        Error::new(
            "E_DATE_INVALID",
            format!("{field}：日期“{t}”不存在（{y}年没有{m}月{d}日）"),
            format!("{field}: date \"{t}\" does not exist"),
        )
    })?;
    check_range(date, field)?;
    Ok(date)
}

/// Refuses dates outside 1949-10-01 ..= 2100-12-31.
pub fn check_range(date: NaiveDate, field: &str) -> Result<()> {
    let min = NaiveDate::from_ymd_opt(MIN_DATE.0, MIN_DATE.1, MIN_DATE.2).unwrap();
    let max = NaiveDate::from_ymd_opt(MAX_DATE.0, MAX_DATE.1, MAX_DATE.2).unwrap();
    if date < min || date > max {
        return Err(Error::new(
            "E_DATE_RANGE",
            format!("{field}：日期 {date} 超出可处理范围（1949-10-01 至 2100-12-31）"),
            format!("{field}: date {date} is outside the range handled (1949-10-01 to 2100-12-31)"),
        ));
    }
    Ok(())
}

/// `2026年11月23日`, the way the forms write a date.
pub fn chinese(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `d` plus `m` months, ending on the corresponding day or the month's last day
/// (民法典 第二百零一条：开始的当日不计入；第二百零二条：到期月的对应日为最后一日，无对应日的为月末日).
pub fn add_months(d: NaiveDate, m: u32) -> Result<NaiveDate> {
    d.checked_add_months(chrono::Months::new(m)).filter(|x| check_range(*x, "date").is_ok()).ok_or_else(|| {
        Error::new("E_DEADLINE_RANGE", "期限计算超出可处理范围（2100-12-31 之后）", "the period would end after 2100-12-31, beyond the range handled")
    })
}

/// `YYYY-MM-DD`.
pub fn iso(date: NaiveDate) -> String {
    // Not `date.format(..)`: chrono's strftime machinery costs ~15 KB of wasm.
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Whole months from `from` to `to` (0 if `to` is before `from`).
///
/// 依据：《中华人民共和国民法典》第二百零二条 — a period counted in months ends on the
/// corresponding day of the last month, or on that month's last day if it has no such day. A month
/// not yet complete is not counted, so the result never overstates how long something lasted.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let last_of_month = to.succ_opt().map_or(true, |n| n.month() != to.month());
    if to.day() < from.day() && !last_of_month {
        m -= 1;
    }
    m.max(0) as u32
}

/// "x年x个月" as 附件6 writes a disclosure period, from whole months.
///
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件6（"至申请日，不良信息已披露x年x个月"）.
pub fn years_months_zh(months: u32) -> String {
    format!("{}年{}个月", months / 12, months % 12)
}

/// serde helpers: a `NaiveDate` read and written as `YYYY-MM-DD` with the crate's range check.
pub mod serde_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_date(&s, "date").map_err(|e| serde::de::Error::custom(format!("{} / {}", e.zh, e.en)))
    }
}

/// serde helpers for `Option<NaiveDate>`.
pub mod serde_opt_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> std::result::Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&super::iso(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<NaiveDate>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => super::parse_date(&s, "date")
                .map(Some)
                .map_err(|e| serde::de::Error::custom(format!("{} / {}", e.zh, e.en))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_valid_and_refuses_bad_dates() {
        assert_eq!(parse_date("2024-02-29", "d").unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(parse_date("2023-02-29", "d").unwrap_err().code, "E_DATE_INVALID");
        assert_eq!(parse_date("2023-13-01", "d").unwrap_err().code, "E_DATE_INVALID");
        assert_eq!(parse_date("2023/01/01", "d").unwrap_err().code, "E_DATE_FORMAT");
        assert_eq!(parse_date("1949-09-30", "d").unwrap_err().code, "E_DATE_RANGE");
        assert_eq!(parse_date("2101-01-01", "d").unwrap_err().code, "E_DATE_RANGE");
        assert_eq!(chinese(NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()), "2026年11月3日");
    }

    #[test]
    fn whole_months_follow_article_202() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(whole_months(d(2025, 3, 15), d(2026, 3, 14)), 11);
        assert_eq!(whole_months(d(2025, 3, 15), d(2026, 3, 15)), 12);
        assert_eq!(whole_months(d(2025, 3, 15), d(2026, 5, 20)), 14);
        // No 31 February: the month ends on the last day of February.
        assert_eq!(whole_months(d(2026, 1, 31), d(2026, 2, 27)), 0);
        assert_eq!(whole_months(d(2026, 1, 31), d(2026, 2, 28)), 1);
        assert_eq!(whole_months(d(2024, 1, 31), d(2024, 2, 29)), 1);
        assert_eq!(whole_months(d(2026, 5, 1), d(2026, 4, 1)), 0);
        assert_eq!(years_months_zh(14), "1年2个月");
        assert_eq!(years_months_zh(0), "0年0个月");
    }
}
