//! `cargo bench --bench evaluate`: evaluations per second natively, through the same path the
//! page uses for re-evaluation (rules compiled once, JSON input → JSON result with full trace).

use std::hint::black_box;
use std::time::Instant;
use yibao_credit::{api, rules::builtin};

fn main() {
    let rules = builtin::for_subject_type("retail-pharmacy").unwrap();
    let inputs: Vec<String> = (0..64)
        .map(|i| {
            format!(
                r#"{{"subject":{{"type":"retail-pharmacy","name":"药房{i}","code":"91110000600037341L"}},"asOf":"2026-11-23","facts":{{"10101":true,"10102":{},"10201":true,"10202":false,"20101":"{}","20102":true,"20103":true,"20201":{},"30102":{},"30201":{}}},"events":[{{"kind":"agreement-talk","date":"2026-05-0{}"}}]}}"#,
                i % 2 == 0,
                ["excellent", "good", "pass", "fail"][i % 4],
                i % 3,
                i % 4,
                i % 2,
                1 + i % 9
            )
        })
        .collect();
    // Warm up, then time.
    for s in &inputs {
        black_box(api::evaluate_with(rules, s).unwrap());
    }
    let n = 100_000;
    let t = Instant::now();
    let mut bytes = 0usize;
    for i in 0..n {
        bytes += black_box(api::evaluate_with(rules, &inputs[i % inputs.len()]).unwrap()).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!("evaluate (JSON in, JSON out, full trace): {:.0} evaluations/s, {:.2} µs each ({} bytes of output on average)", n as f64 / secs, secs * 1e6 / n as f64, bytes / n);

    let t = Instant::now();
    for _ in 0..200 {
        black_box(yibao_credit::rules::CompiledRules::from_json(builtin::BUILTIN[1].1).unwrap());
    }
    println!("rule set load + check + hash: {:.1} µs each", t.elapsed().as_secs_f64() * 1e6 / 200.0);
}
