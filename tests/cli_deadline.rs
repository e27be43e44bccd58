//! The CLI forms of issue 3: `deadline --kind KIND --from DATE [--holidays FILE]`, `workday DATE`.

use serde_json::Value;
use std::process::Command;

fn run(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yibao-credit")).args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v = if code == 0 { serde_json::from_str(&stdout).unwrap() } else { serde_json::from_str(&stderr).unwrap() };
    (code, v, stdout)
}

#[test]
fn deadline_from_flags() {
    // 汕尾 第二十二条: published 2026-09-30 → object by 2026-10-20 (see tests/deadline.rs).
    let (code, v, _) = run(&["deadline", "--kind", "objection-filing", "--from", "2026-09-30"]);
    assert_eq!(code, 0);
    assert_eq!(v["due"], "2026-10-20");
    let (code, v, _) =
        run(&["deadline", "--kind", "working-days", "--days", "3", "--from", "2026-12-29", "--today", "2026-12-29"]);
    assert_eq!(code, 0);
    // 2027-01-01 is 元旦 (statutory, no notice yet) and then a weekend: due Monday 01-04.
    assert_eq!((v["due"].as_str(), v["workingDaysLeft"].as_i64()), (Some("2027-01-04"), Some(3)));
    assert_eq!(v["warnings"][0]["year"], 2027);
}

#[test]
fn deadline_with_holiday_file() {
    let dir = std::env::temp_dir().join(format!("yibao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("2027.json");
    std::fs::write(
        &good,
        r#"{"year":2027,"papers":["https://example.invalid/2027"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#,
    )
    .unwrap();
    let g = good.to_str().unwrap();
    let (code, v, _) =
        run(&["deadline", "--kind", "working-days", "--days", "3", "--from", "2026-12-29", "--holidays", g]);
    assert_eq!(code, 0);
    assert_eq!(v["due"], "2027-01-04"); // 12-30, 12-31, (01-01 元旦, weekend), 01-04
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
    // A malformed holiday file: exit code 2, a bilingual JSON error on stderr.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"year":2027,"days":[{"name":"元旦","date":"2027-02-30","isOffDay":true}]}"#).unwrap();
    let (code, e, stdout) =
        run(&["deadline", "--kind", "case-report", "--from", "2027-01-04", "--holidays", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(e["code"], "E_HOLIDAY_DATA");
    assert_eq!(e["path"], "$.holidays.days[0].date");
    // Not JSON at all.
    std::fs::write(&bad, "not json").unwrap();
    let (code, e, _) = run(&["workday", "2027-01-04", "--holidays", bad.to_str().unwrap()]);
    assert_eq!((code, e["code"].as_str()), (2, Some("E_INPUT_JSON")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn workday_positional() {
    let (code, v, _) = run(&["workday", "2026-10-10"]);
    assert_eq!(code, 0);
    assert_eq!((v["day"]["reason"].as_str(), v["day"]["workingDay"].as_bool()), (Some("makeup-workday"), Some(true)));
    assert_eq!(v["day"]["label"]["zh"], "国庆节调休上班");
}

#[test]
fn errors_exit_2_with_json_on_stderr() {
    for (args, want) in [
        (&["deadline", "--kind", "nope", "--from", "2026-01-01"][..], "E_DEADLINE_KIND"),
        (&["deadline", "--kind", "case-report", "--from", "2026-02-30"][..], "E_DATE_INVALID"),
        (&["deadline", "--kind", "case-report", "--from", "1900-01-01"][..], "E_DATE_RANGE"),
        (&["workday", "2101-01-01"][..], "E_DATE_RANGE"),
    ] {
        let (code, e, stdout) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty());
        assert_eq!(e["code"], want, "{args:?}");
        assert!(!e["zh"].as_str().unwrap().is_empty() && !e["en"].as_str().unwrap().is_empty());
    }
}
