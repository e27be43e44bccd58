//! `cargo bench --bench deadline`: deadline computations per second, natively, for a mix of
//! kinds and start dates over 2020–2026 (依据：《中华人民共和国民法典》第二百零一条、第二百零三条).

use std::hint::black_box;
use std::time::Instant;
use yibao_credit::calendar::Calendar;
use yibao_credit::deadline::{compute, kind, KINDS};

fn main() {
    let cal = Calendar::builtin();
    // Dates come from the library (not from `chrono` directly): `cargo bench` may build chrono
    // twice (the lib is also a cdylib with panic = "abort"), and the two NaiveDate types differ.
    let date = |s: &str| yibao_credit::dates::parse_date(s, "bench").unwrap();
    let days: Vec<_> = std::iter::successors(Some(date("2020-01-01")), |d| d.succ_opt()).take(2500).collect();
    let named: Vec<_> = KINDS.iter().filter(|k| k.days.is_some() || k.id == "monthly-report").collect();
    let wd = kind("working-days").unwrap();
    let cd = kind("calendar-days").unwrap();
    let today = Some(date("2024-06-03"));
    // xorshift: a fixed pseudo-random mix of dates and kinds.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let run = |n: usize, next: &mut dyn FnMut() -> u64| {
        let mut sink = 0usize;
        for i in 0..n {
            let from = days[(next() % 2500) as usize];
            let r = match i % 13 {
                11 => compute(cal, wd, from, Some(1 + (next() % 30) as u32), today, None),
                12 => compute(cal, cd, from, Some(1 + (next() % 60) as u32), None, from.succ_opt()),
                k => compute(cal, named[k % named.len()], from, None, if k % 2 == 0 { today } else { None }, None),
            };
            sink += r.map(|d| d.skipped.len()).unwrap_or(0);
        }
        black_box(sink)
    };
    run(20_000, &mut next); // warm-up
    let n = 300_000;
    let t = Instant::now();
    run(n, &mut next);
    let secs = t.elapsed().as_secs_f64();
    println!("deadline: {:.0} computations/s", n as f64 / secs);

    // The same through the JSON API (what the CLI and the page call).
    let inputs = [
        r#"{"kind":"objection-filing","from":"2026-09-30","today":"2026-10-09"}"#,
        r#"{"kind":"repair-decision-max","from":"2025-09-26"}"#,
        r#"{"kind":"monthly-report","from":"2026-01-10"}"#,
        r#"{"kind":"calendar-days","days":30,"from":"2026-09-01"}"#,
    ];
    let m = 50_000;
    let t = Instant::now();
    for i in 0..m {
        black_box(yibao_credit::api::call("deadline", inputs[i % inputs.len()]).map(|s| s.len()).unwrap_or(0));
    }
    println!("deadline (JSON API, in and out): {:.0} calls/s", m as f64 / t.elapsed().as_secs_f64());
}
