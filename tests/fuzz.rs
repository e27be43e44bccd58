//! Deterministic randomized fuzzing of every command of the JSON API (loops over
//! `api::COMMANDS`, so a new command is covered without touching this file), the rule-set
//! loader, the holiday-data loader and the CSV import.
//!
//! Every call must: not panic, return within a time bound, and, when it fails, give an error
//! with a stable code `E_…`, a Chinese message (with a CJK character) and an English message.
//! Successful outputs must be JSON.
//!
//! The case counts are small by default (the suite runs on 2 shared cores); raise them with
//! `FUZZ_CASES=2000 cargo test --release --test fuzz`. `FUZZ_SEED` changes the seed.

use serde_json::{json, Map, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};
use yibao_credit::{api, Error};

// ---------------------------------------------------------------- generator

struct Rng(u64);

impl Rng {
    fn new(salt: u64) -> Rng {
        let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9E37_79B9_7F4A_7C15u64);
        Rng((seed ^ salt.wrapping_mul(0x2545_F491_4F6C_DD1D)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn cases(default: usize) -> usize {
    std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn root() -> String {
    env!("CARGO_MANIFEST_DIR").to_string()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", root())).unwrap()
}

// ---------------------------------------------------------------- checks

/// Debug builds are slow and the cores are shared: the bound is generous, but a hang
/// (or an accidentally quadratic path on a 100k-char field) still fails.
const TIME_BOUND: Duration = Duration::from_secs(8);

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

fn check_error(what: &str, code: &str, zh: &str, en: &str, input: &str) {
    let shown: String = input.chars().take(300).collect();
    assert!(code.starts_with("E_") && code.len() > 2, "{what}: bad code {code:?} for input {shown:?}");
    assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'), "{what}: unstable code {code:?}");
    assert!(has_cjk(zh), "{what}: [{code}] Chinese message without Chinese: {zh:?} for input {shown:?}");
    assert!(en.trim().len() > 3 && en.chars().any(|c| c.is_ascii_alphabetic()), "{what}: [{code}] no English message: {en:?} for input {shown:?}");
}

/// Calls `f` under `catch_unwind` and a time bound.
fn guarded<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(f));
    let shown: String = input.chars().take(300).collect();
    let took = t.elapsed();
    match r {
        Ok(v) => {
            assert!(took < TIME_BOUND, "{what}: took {took:?} (bound {TIME_BOUND:?}) on input {shown:?}");
            v
        }
        Err(p) => {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            panic!("{what}: PANIC ({msg}) on input ({} bytes) {shown:?}", input.len());
        }
    }
}

/// A command that answers the same whatever the input (`deadline-kinds`, `forms`).
fn ignores_input(f: api::Command) -> bool {
    match (f(""), f("{}"), f("[[[ not json")) {
        (Ok(a), Ok(b), Ok(c)) => a == b && b == c,
        _ => false,
    }
}

/// Runs one command on one input and checks the contract. Returns `Ok(output)` or the error code.
fn run(name: &str, f: api::Command, input: &str) -> Result<String, &'static str> {
    let r = guarded(name, input, || f(input));
    match r {
        Ok(out) => {
            let v: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{name}: output is not JSON: {}", &out[..out.len().min(300)]));
            // `check-rules` answers a report: its problems follow the same contract.
            if let Some(false) = v.get("valid").and_then(Value::as_bool) {
                let errors = v["errors"].as_array().expect("errors");
                assert!(!errors.is_empty(), "{name}: invalid without an error");
                for p in errors {
                    let code = p["code"].as_str().unwrap();
                    check_error(name, code, p["zh"].as_str().unwrap(), p["en"].as_str().unwrap(), input);
                }
                return Err(if errors[0]["code"] == "E_RULES_JSON" { "E_RULES_JSON" } else { "E_RULES" });
            }
            Ok(out)
        }
        Err(e) => {
            check_error(name, e.code, &e.zh, &e.en, input);
            Err(e.code)
        }
    }
}

// ---------------------------------------------------------------- inputs

const ODD_STRINGS: &[&str] = &[
    "", " ", "𠮷", "𠮷野家", "\u{0}", "a\u{0}b", "\u{feff}", "\u{202e}", "\\", "\"", "NaN", "Infinity", "-Infinity", "-0", "1e308",
    "-1", "1e-400", "99999999999999999999999999999", "0x10", "true", "null", "2026-02-30", "2026-13-01", "2026-00-10", "0000-00-00",
    "9999-12-31", "1949-09-30", "2101-01-01", "2026-1-1", "２０２６-０１-０１", "2026-02-29", "2024-02-29", "2026-11-23T00:00:00",
    "excellent", "good", "retail-pharmacy", "insured", "institution", "person", "repair", "objection", "A", "E", "<script>",
    "=cmd|' /C calc'!A0", "1,2", "a\nb", "\r\n", "汕医保罚〔2025〕3号",
];

fn odd_number(r: &mut Rng) -> Value {
    match r.below(10) {
        0 => json!(-1),
        1 => json!(1e308),
        2 => json!(-1e308),
        3 => json!(u64::MAX),
        4 => json!(i64::MIN),
        5 => json!(0.1),
        6 => json!(0),
        7 => serde_json::from_str("123456789012345678901234567890").unwrap(),
        8 => json!(2.5e-308),
        _ => json!(r.next() as i64),
    }
}

fn long_string(r: &mut Rng) -> String {
    let unit = *r.pick(&["a", "汉", "𠮷", "\u{0}", "\"", "2026-01-01,"]);
    unit.repeat(100_000 / unit.len().max(1) + r.below(3))
}

fn random_value(r: &mut Rng, depth: usize) -> Value {
    match r.below(if depth > 3 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => Value::Bool(r.chance(2)),
        2 => odd_number(r),
        3 | 4 => Value::String(r.pick(ODD_STRINGS).to_string()),
        5 => Value::String(if r.chance(8) { long_string(r) } else { format!("{}", r.next()) }),
        6 => Value::Array((0..r.below(4)).map(|_| random_value(r, depth + 1)).collect()),
        7 => Value::Object((0..r.below(4)).map(|_| (r.pick(KEYS).to_string(), random_value(r, depth + 1))).collect()),
        _ => json!([[[[[]]]]]),
    }
}

const KEYS: &[&str] = &[
    "subject", "type", "asOf", "facts", "events", "rules", "date", "kind", "from", "days", "holidays", "csv", "year", "month", "process",
    "form", "fields", "record", "value", "today", "10101", "name", "code", "period", "allowOutOfEffect", "filedOn", "publicationDate",
];

fn is_date(s: &str) -> bool {
    s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'
}

/// One structural mutation at a random place in `v`.
fn mutate(r: &mut Rng, v: &mut Value, depth: usize) {
    let descend = depth < 12 && r.below(3) != 0;
    match v {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = r.pick(&keys).clone();
            if descend {
                mutate(r, m.get_mut(&k).unwrap(), depth + 1);
                return;
            }
            match r.below(5) {
                0 => {
                    m.remove(&k);
                }
                1 => {
                    let x = m[&k].clone();
                    m.insert(format!("{k}{}", r.pick(&["", "_", "X"])), x);
                }
                2 => {
                    m.insert(r.pick(KEYS).to_string(), random_value(r, depth));
                }
                _ => *m.get_mut(&k).unwrap() = retype(r, &m[&k], depth),
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = r.below(a.len());
            if descend {
                mutate(r, &mut a[i], depth + 1);
                return;
            }
            match r.below(5) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    // Duplicate (many times, sometimes): counts of list items.
                    let x = a[i].clone();
                    let n = if r.chance(4) { 2000 } else { 1 };
                    for _ in 0..n {
                        a.push(x.clone());
                    }
                }
                _ => a[i] = retype(r, &a[i], depth),
            }
        }
        other => *other = retype(r, other, depth),
    }
}

fn retype(r: &mut Rng, old: &Value, depth: usize) -> Value {
    if let Value::String(s) = old {
        if is_date(s) && r.chance(2) {
            return json!(r.pick(&["2026-02-30", "2025-02-29", "2026-13-01", "2026-04-31", "0000-01-01", "9999-12-31", "1900-01-01", "2026-1-01", "2026-01-01 "]));
        }
        if r.chance(4) {
            return Value::String(long_string(r));
        }
    }
    if old.is_number() && r.chance(2) {
        return match r.below(4) {
            0 => odd_number(r),
            1 => json!("NaN"),
            2 => json!("1e308"),
            _ => json!(format!("{}", old)),
        };
    }
    random_value(r, depth)
}

/// Text-level damage: cut, splice, duplicate a span, insert bytes.
fn damage_text(r: &mut Rng, s: &str) -> String {
    let mut b: Vec<u8> = s.as_bytes().to_vec();
    for _ in 0..1 + r.below(3) {
        let n = b.len().max(1);
        match r.below(5) {
            0 => b.truncate(r.below(n)),
            1 => {
                let i = r.below(n).min(b.len());
                let j = (i + r.below(40)).min(b.len());
                let seg = b[i..j].to_vec();
                b.splice(i..i, seg);
            }
            2 => {
                let i = r.below(n).min(b.len());
                let ins = r.pick(&["\"", ",", "{", "}", "[", "]", ":", "\\u0000", "\\ud842", "𠮷", "\u{0}", "1e999", "-", "\n"]).as_bytes();
                b.splice(i..i, ins.iter().copied());
            }
            3 => {
                if !b.is_empty() {
                    let i = r.below(b.len());
                    b[i] = r.next() as u8;
                }
            }
            _ => {
                let i = r.below(n).min(b.len());
                let j = (i + r.below(20)).min(b.len());
                b.drain(i..j);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn random_text(r: &mut Rng) -> String {
    match r.below(8) {
        0 => (0..r.below(200)).map(|_| char::from_u32(r.below(0x11_0000) as u32).unwrap_or('\u{fffd}')).collect(),
        1 => String::from_utf8_lossy(&(0..r.below(300)).map(|_| r.next() as u8).collect::<Vec<u8>>()).into_owned(),
        2 => random_value(r, 0).to_string(),
        3 => Value::Object((0..1 + r.below(5)).map(|_| (r.pick(KEYS).to_string(), random_value(r, 1))).collect::<Map<_, _>>()).to_string(),
        4 => r.pick(ODD_STRINGS).to_string(),
        5 => format!("{{\"{}\":{}}}", r.pick(KEYS), "9".repeat(1 + r.below(5000))),
        6 => format!("\"{}\"", long_string(r).replace('"', "'").replace('\u{0}', "\\u0000")),
        _ => String::new(),
    }
}

/// Valid inputs per command: the golden cases plus a few for commands they do not cover.
fn seeds() -> Vec<(String, Value)> {
    let golden: Vec<Value> = serde_json::from_str(&read("tests/golden/cases.json")).unwrap();
    let mut out: Vec<(String, Value)> =
        golden.iter().map(|c| (c["command"].as_str().unwrap().to_string(), c["input"].clone())).collect();
    // `score` reads what `evaluate` reads.
    out.extend(golden.iter().filter(|c| c["command"] == "evaluate").map(|c| ("score".to_string(), c["input"].clone())));
    let holidays: Value = serde_json::from_str(&read("data/holiday-cn/2026.json")).unwrap();
    let template: Value = serde_json::from_str(&api::call("batch-template", r#"{"type":"retail-pharmacy"}"#).unwrap()).unwrap();
    for (name, v) in [
        ("batch", json!({"csv": template["csv"], "asOf": "2026-11-23", "type": "retail-pharmacy"})),
        ("batch-template", json!({"type": "insured"})),
        ("calendar-month", json!({"year": 2026, "month": 10, "holidays": holidays})),
        ("workday", json!({"date": "2027-01-01", "holidays": [holidays]})),
        ("deadline", json!({"kind": "working-days", "days": 3, "from": "2026-12-29", "holidays": holidays})),
        ("deadline", json!({"kind": "calendar-days", "days": 30, "from": "2026-09-01"})),
        ("deadline-kinds", json!({})),
        ("forms", json!({})),
        ("timeline", json!({"process": "repair", "from": "2025-09-26", "acceptedOn": "2025-10-24", "decidedOn": "2025-10-31", "outcome": "refused"})),
        ("timeline", json!({"process": "objection", "from": "2026-09-30", "filedOn": "2026-10-09"})),
        ("rules", json!({"type": "insured"})),
    ] {
        out.push((name.to_string(), v));
    }
    // `compile-rules` reads a rule-set document itself: the shipped ones, sections in place.
    for name in ["retail-pharmacy", "insured"] {
        let doc: Value = serde_json::from_str(&api::call("rules", &json!({ "name": name }).to_string()).unwrap()).unwrap();
        out.push(("compile-rules".to_string(), doc));
    }
    out
}

// ---------------------------------------------------------------- the fuzz tests

#[test]
fn every_command_survives_random_text() {
    let mut r = Rng::new(1);
    let n = cases(60);
    for (name, f) in api::COMMANDS {
        let mut errors = 0;
        for _ in 0..n {
            let input = random_text(&mut r);
            if run(name, *f, &input).is_err() {
                errors += 1;
            }
        }
        // Random text is almost never a valid input, unless the command ignores its input.
        assert!(errors > 0 || ignores_input(*f), "{name}: no random input was refused");
    }
}

#[test]
fn every_command_refuses_deep_nesting_and_huge_inputs_cleanly() {
    let deep_array = "[".repeat(10_000);
    let deep_closed = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_object = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let deep_in_field = format!("{{\"subject\":{}{}}}", "[".repeat(5_000), "]".repeat(5_000));
    let deep_in_holidays = format!("{{\"date\":\"2026-01-01\",\"holidays\":{}{}}}", "[".repeat(5_000), "]".repeat(5_000));
    let huge = format!("{{\"csv\":\"{}\"}}", "a".repeat(api::MAX_INPUT_BYTES + 10));
    let huge_number = format!("{{\"year\":{},\"month\":1}}", "9".repeat(100_000));
    let nul = "{\"asOf\":\"\u{0}\"}".to_string();
    for (name, f) in api::COMMANDS {
        for input in [&deep_array, &deep_closed, &deep_object, &deep_in_field, &deep_in_holidays, &huge_number, &nul] {
            let r = run(name, *f, input);
            // A JSON nested 5,000+ deep is never accepted (serde_json's recursion limit), and
            // never overflows the stack.
            if input.contains("[[[[") || input.contains("{\"a\":{\"a\"") {
                if ignores_input(*f) {
                    continue;
                }
                let code = r.expect_err(name);
                assert!(code == "E_INPUT_JSON" || code == "E_RULES_JSON", "{name}: deep nesting gave {code}");
            }
        }
        // Over the input limit: refused (without reading it) by every command that reads JSON.
        if *name != "check-rules" {
            let _ = run(name, *f, &huge);
        }
    }
}

#[test]
fn every_command_survives_mutations_of_valid_inputs() {
    let seeds = seeds();
    let n = cases(40);
    let mut r = Rng::new(2);
    for (name, f) in api::COMMANDS {
        let mine: Vec<&Value> = seeds.iter().filter(|(c, _)| c == name).map(|(_, v)| v).collect();
        let fallback = json!({});
        let mine = if mine.is_empty() { vec![&fallback] } else { mine };
        // Some seed is valid (else the mutations would test nothing).
        if *name != "check-rules" {
            assert!(mine.iter().any(|s| run(name, *f, &s.to_string()).is_ok()), "{name}: every seed refused");
        }
        let mut oks = 0;
        for k in 0..n {
            let mut v = (*r.pick(&mine)).clone();
            for _ in 0..1 + r.below(3) {
                mutate(&mut r, &mut v, 0);
            }
            let text = if k % 5 == 4 { damage_text(&mut r, &v.to_string()) } else { v.to_string() };
            if run(name, *f, &text).is_ok() {
                oks += 1;
            }
        }
        let _ = oks;
    }
}

// ---------------------------------------------------------------- rule sets

fn shipped_rule_sets() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(format!("{}/data/rules", root()))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    assert!(v.len() >= 4);
    v
}

/// Random answers for the leaves of a rule set (and some unknown codes).
fn random_facts(r: &mut Rng, doc: &Value) -> Value {
    let mut facts = Map::new();
    if let Some(ind) = doc["indicators"].as_array() {
        for i in ind {
            if let Some(code) = i["code"].as_str() {
                if r.chance(2) {
                    let v = match r.below(8) {
                        0 => json!(true),
                        1 => json!(false),
                        2 => json!(r.below(5)),
                        3 => json!(r.pick(&["excellent", "good", "fair", "poor", "bad"])),
                        4 => json!(format!("{}.{}", r.below(2000), r.below(100))),
                        5 => odd_number(r),
                        _ => random_value(r, 2),
                    };
                    facts.insert(code.to_string(), v);
                }
            }
        }
    }
    if r.chance(4) {
        facts.insert("999999".into(), json!(true));
    }
    Value::Object(facts)
}

fn subject_type_of(doc: &Value) -> String {
    doc["subjectTypes"].get(0).and_then(|v| v.as_str()).unwrap_or("retail-pharmacy").to_string()
}

#[test]
fn rule_set_loader_survives_mutated_rule_sets_and_valid_ones_evaluate() {
    let sets = shipped_rule_sets();
    let n = cases(60);
    let mut r = Rng::new(3);
    let mut valid_mutants = 0;
    for k in 0..n * sets.len() {
        let (name, text) = &sets[k % sets.len()];
        let doc: Value = serde_json::from_str(text).unwrap();
        let mutated = if k % 6 == 5 {
            damage_text(&mut r, text)
        } else {
            let mut v = doc.clone();
            // Few mutations: most mutants stay close to valid, which reaches the deep checks.
            for _ in 0..1 + r.below(2) {
                mutate(&mut r, &mut v, 0);
            }
            v.to_string()
        };
        let report = guarded("check_text", &mutated, || yibao_credit::rules::check_text(&mutated));
        for p in &report.errors {
            check_error(&format!("check_text({name})"), p.code, &p.zh, &p.en, &mutated);
        }
        for p in &report.warnings {
            // Warnings have their own stable codes, `W_…`.
            let code = p.code.replacen("W_", "E_", 1);
            assert!(p.code.starts_with("W_"), "warning code {}", p.code);
            check_error(&format!("check_text({name}) warning"), &code, &p.zh, &p.en, &mutated);
        }
        assert_eq!(report.valid, report.errors.is_empty(), "{name}: valid must mean no error");
        assert_eq!(report.valid, report.compiled.is_some(), "{name}: a valid set compiles");
        if let Some(compiled) = &report.compiled {
            valid_mutants += 1;
            let mdoc: Value = serde_json::from_str(&mutated).unwrap_or(doc.clone());
            for _ in 0..3 {
                let facts = random_facts(&mut r, &mdoc);
                let input = json!({
                    "subject": {"type": subject_type_of(&mdoc)},
                    "asOf": r.pick(&["2026-11-23", "2023-01-01", "2099-12-31", "2022-12-15"]),
                    "facts": facts,
                    "allowOutOfEffect": r.chance(2),
                });
                let s = input.to_string();
                let res = guarded("evaluate_with", &s, || api::evaluate_with(compiled, &s));
                if let Err(e) = &res {
                    check_error("evaluate_with", e.code, &e.zh, &e.en, &s);
                }
                // The same rule set given inline answers the same.
                let mut inline = input.clone();
                inline["rules"] = mdoc.clone();
                let s2 = inline.to_string();
                let res2 = guarded("evaluate", &s2, || api::call("evaluate", &s2));
                match (&res, &res2) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}: compiled and inline rule set disagree"),
                    (Err(a), Err(b)) => assert_eq!(a.code, b.code),
                    _ => panic!("{name}: compiled {:?} vs inline {:?}", res.as_ref().map(|_| ()), res2.as_ref().map(|_| ())),
                }
            }
        }
    }
    assert!(valid_mutants > 0, "no mutant stayed valid: the evaluate half tested nothing");
}

// ---------------------------------------------------------------- holidays

#[test]
fn holiday_loader_survives_mutated_holiday_documents() {
    let years: Vec<Value> = (2020..=2027).map(|y| serde_json::from_str(&read(&format!("data/holiday-cn/{y}.json"))).unwrap()).collect();
    let n = cases(150);
    let mut r = Rng::new(4);
    let deadline = api::COMMANDS.iter().find(|(n, _)| *n == "deadline").unwrap().1;
    let mut refused = 0;
    for k in 0..n {
        let mut docs: Vec<Value> = (0..1 + r.below(3)).map(|_| r.pick(&years).clone()).collect();
        for _ in 0..1 + r.below(3) {
            let i = r.below(docs.len());
            mutate(&mut r, &mut docs[i], 0);
        }
        let holidays = if docs.len() == 1 && r.chance(2) { docs.pop().unwrap() } else { Value::Array(docs) };
        let input = json!({
            "kind": r.pick(&["working-days", "calendar-days"]),
            "days": r.pick(&[json!(3), json!(15), json!(30), json!("7"), json!(-1), json!(100000)]),
            "from": r.pick(&["2026-12-29", "2027-01-01", "2020-01-20", "2026-09-30"]),
            "holidays": holidays,
        });
        let text = if k % 7 == 6 { damage_text(&mut r, &input.to_string()) } else { input.to_string() };
        if let Err(code) = run("deadline", deadline, &text) {
            refused += 1;
            let _ = code;
        }
    }
    assert!(refused > 0, "no mutated holiday document was refused");
}

// ---------------------------------------------------------------- CSV import

#[test]
fn csv_import_survives_mutated_templates_and_random_bytes() {
    let batch = api::COMMANDS.iter().find(|(n, _)| *n == "batch").unwrap().1;
    let mut templates = Vec::new();
    for ty in ["retail-pharmacy", "insured", "medical-institution"] {
        let t: Value = serde_json::from_str(&api::call("batch-template", &json!({"type": ty}).to_string()).unwrap()).unwrap();
        templates.push((ty, t["csv"].as_str().unwrap().to_string()));
    }
    let n = cases(80);
    let mut r = Rng::new(5);
    for k in 0..n {
        let (ty, csv) = r.pick(&templates).clone();
        let mut csv = csv.to_string();
        // Add a few filled rows by copying the template's example lines.
        if r.chance(2) {
            let lines: Vec<String> = csv.lines().map(str::to_string).collect();
            for _ in 0..r.below(20) {
                let l: &String = r.pick(&lines);
                csv.push_str(l);
                csv.push('\n');
            }
        }
        let csv = match k % 4 {
            0 => csv,
            1 | 2 => damage_text(&mut r, &csv),
            _ => random_text(&mut r),
        };
        let input = json!({"csv": csv, "asOf": "2026-11-23", "type": ty});
        let _ = run("batch", batch, &input.to_string());
    }
    // Oversized cells and unclosed quotes.
    for csv in [format!("\"{}", "a".repeat(2 * 1024 * 1024)), format!("{}\n", ",".repeat(200_000)), "\u{0}\u{0}\n\u{feff}".to_string()] {
        let input = json!({"csv": csv, "asOf": "2026-11-23", "type": "insured"});
        let _ = run("batch", batch, &input.to_string());
    }
}

// ---------------------------------------------------------------- CSV streaming

/// A reader that hands the bytes over in random small pieces, cutting anywhere (inside a
/// UTF-8 character, a quoted cell, a CRLF).
struct Pieces<'a> {
    data: &'a [u8],
    pos: usize,
    rng: Rng,
    cur: usize,
}

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = std::io::BufRead::fill_buf(self)?.len().min(buf.len());
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        std::io::BufRead::consume(self, n);
        Ok(n)
    }
}

impl std::io::BufRead for Pieces<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.cur == 0 {
            self.cur = 1 + self.rng.below(40);
        }
        let end = (self.pos + self.cur).min(self.data.len());
        Ok(&self.data[self.pos..end])
    }
    fn consume(&mut self, n: usize) {
        self.pos += n;
        self.cur = self.cur.saturating_sub(n);
    }
}

#[test]
fn csv_read_in_random_pieces_gives_the_same_result_as_read_at_once() {
    use yibao_credit::batch::{run_stream, run_text, Options};
    let rules = yibao_credit::rules::builtin::for_subject_type("retail-pharmacy").unwrap();
    let opts = || Options { as_of: yibao_credit::dates::parse_date("2026-11-23", "asOf").unwrap(), default_type: None, allow_out_of_effect: false, max_rows: 10_000 };
    let t: Value = serde_json::from_str(&api::call("batch-template", r#"{"type":"retail-pharmacy"}"#).unwrap()).unwrap();
    let template = t["csv"].as_str().unwrap().to_string();
    let lines: Vec<&str> = template.lines().collect();
    let mut r = Rng::new(6);
    let mut compared = 0;
    for k in 0..cases(40) {
        let mut csv = template.clone();
        for _ in 0..r.below(15) {
            csv.push_str(lines[r.below(lines.len())]);
            csv.push_str(if r.chance(2) { "\r\n" } else { "\n" });
        }
        if k % 3 == 2 {
            csv = damage_text(&mut r, &csv);
        }
        let whole = guarded("run_text", &csv, || run_text(rules, opts(), &csv));
        let mut out = Vec::new();
        let reader = Pieces { data: csv.as_bytes(), pos: 0, rng: Rng::new(100 + k as u64), cur: 0 };
        let again = Pieces { data: csv.as_bytes(), pos: 0, rng: Rng::new(200 + k as u64), cur: 0 };
        let streamed = guarded("run_stream", &csv, || run_stream(rules, opts(), reader, || Ok(again), &mut out));
        match (whole, streamed) {
            (Ok(w), Ok(s)) => {
                assert_eq!(String::from_utf8_lossy(&out), w.result_csv, "pieces and whole disagree on {csv:?}");
                assert_eq!(serde_json::to_string(&s).unwrap(), serde_json::to_string(&w.summary).unwrap());
                compared += 1;
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.code, b.code);
                check_error("run_stream", b.code, &b.zh, &b.en, &csv);
            }
            (a, b) => panic!("whole {:?} vs pieces {:?} on {csv:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
    assert!(compared > 0);
}

/// The page's path: `ChunkedBatch` fed random pieces (cut at character boundaries, as JS
/// strings are) answers the same rows, result CSV and summary as one `batch` call.
#[test]
fn chunked_batch_in_random_pieces_agrees_with_one_batch_call() {
    use yibao_credit::batch::ChunkedBatch;
    let t: Value = serde_json::from_str(&api::call("batch-template", r#"{"type":"insured"}"#).unwrap()).unwrap();
    let template = t["csv"].as_str().unwrap().to_string();
    let lines: Vec<&str> = template.lines().collect();
    let mut r = Rng::new(7);
    let mut compared = 0;
    for k in 0..cases(30) {
        let mut csv = template.clone();
        for _ in 0..r.below(12) {
            csv.push_str(lines[r.below(lines.len())]);
            csv.push_str("\r\n");
        }
        if k % 3 == 2 {
            csv = damage_text(&mut r, &csv);
        }
        let opts = json!({"asOf": "2026-11-23", "type": "insured"});
        let mut whole_in = opts.clone();
        whole_in["csv"] = json!(csv);
        let whole = api::call("batch", &whole_in.to_string());
        let pieces = guarded("ChunkedBatch", &csv, || -> Result<Value, Error> {
            let mut b = ChunkedBatch::new(serde_json::from_value(opts.clone()).unwrap())?;
            let (mut rows, mut result_csv) = (Vec::new(), String::new());
            let chars: Vec<char> = csv.chars().collect();
            let mut pieces = vec![];
            let mut i = 0;
            while i < chars.len() {
                let j = (i + 1 + r.below(30)).min(chars.len());
                pieces.push(chars[i..j].iter().collect::<String>());
                i = j;
            }
            // The page's two passes: duplicates first, then the same pieces evaluated.
            for p in &pieces {
                b.scan(p)?;
            }
            b.end_scan()?;
            for p in &pieces {
                let out: Value = serde_json::to_value(b.push(p)?).unwrap();
                rows.extend(out["rows"].as_array().unwrap().iter().cloned());
                result_csv.push_str(out["resultCsv"].as_str().unwrap());
            }
            let last: Value = serde_json::to_value(b.finish()?).unwrap();
            rows.extend(last["rows"].as_array().unwrap().iter().cloned());
            result_csv.push_str(last["resultCsv"].as_str().unwrap());
            Ok(json!({"summary": last["summary"], "rows": rows, "resultCsv": result_csv}))
        });
        match (whole, pieces) {
            (Ok(w), Ok(p)) => {
                let w: Value = serde_json::from_str(&w).unwrap();
                assert_eq!(w, p, "pieces and one call disagree on {csv:?}");
                compared += 1;
            }
            (Err(a), Err(b)) => assert_eq!(a.code, b.code),
            (a, b) => panic!("one call {:?} vs pieces {:?} on {csv:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
    assert!(compared > 0);
}
