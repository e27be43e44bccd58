//! What every fuzz target asserts, shared by the targets in `fuzz_targets/`.
//!
//! The contract is the one `tests/fuzz.rs` checks on its 5,000 random cases per target: no panic
//! (libFuzzer reports one as a crash), every error has a stable code `E_…` and a message in
//! Chinese (with a CJK character) and in English, and every answer is JSON. The targets add the
//! agreements only a coverage-guided fuzzer can search well: the same bytes streamed in pieces or
//! read at once, the same rule set read as text or as a value, the trusted JSON reader against
//! serde_json.

use yibao_credit::value::Value;
use yibao_credit::{api, Error};

/// Whether `s` has a Chinese character.
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

fn shown(input: &str) -> String {
    input.chars().take(300).collect()
}

/// A problem or an error: a stable code with `prefix` (`E_` or `W_`), Chinese and English text.
pub fn check_problem(what: &str, prefix: &str, code: &str, zh: &str, en: &str, input: &str) {
    assert!(code.starts_with(prefix) && code.len() > prefix.len(), "{what}: bad code {code:?} for input {:?}", shown(input));
    assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'), "{what}: unstable code {code:?}");
    assert!(has_cjk(zh), "{what}: [{code}] Chinese message without Chinese: {zh:?} for input {:?}", shown(input));
    assert!(
        en.trim().len() > 3 && en.chars().any(|c| c.is_ascii_alphabetic()),
        "{what}: [{code}] no English message: {en:?} for input {:?}",
        shown(input)
    );
}

/// An error of the crate: bilingual with a code, its JSON form (what the CLI prints) is JSON.
pub fn check_error(what: &str, e: &Error, input: &str) {
    check_problem(what, "E_", e.code, &e.zh, &e.en, input);
    if let Some(p) = &e.path {
        assert!(p.starts_with('$'), "{what}: [{}] path {p:?} is not a JSON path", e.code);
    }
    let j: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap_or_else(|_| panic!("{what}: error JSON is not JSON: {}", e.to_json()));
    assert_eq!(j["code"], e.code);
}

/// A rule-set checker's report: valid means no error and a compiled set; every problem bilingual.
pub fn check_report(what: &str, r: &yibao_credit::rules::CheckReport, input: &str) {
    for p in &r.errors {
        check_problem(what, "E_", p.code, &p.zh, &p.en, input);
    }
    for p in &r.warnings {
        check_problem(what, "W_", p.code, &p.zh, &p.en, input);
    }
    assert_eq!(r.valid, r.errors.is_empty(), "{what}: valid must mean no error");
    assert_eq!(r.valid, r.compiled.is_some(), "{what}: a valid set compiles, an invalid one does not");
    let out = serde_json::to_string(r).expect("a report serialises");
    let _: serde_json::Value = serde_json::from_str(&out).expect("a report is JSON");
}

/// The answer of a JSON command: JSON when it succeeds (a `check-rules` report's problems
/// bilingual too), a bilingual error with a code when it fails.
pub fn check_answer(name: &str, r: &Result<String, Error>, input: &str) {
    match r {
        Ok(out) => {
            let v: serde_json::Value =
                serde_json::from_str(out).unwrap_or_else(|_| panic!("{name}: output is not JSON: {}", &out[..out.len().min(300)]));
            if let Some(valid) = v.get("valid").and_then(serde_json::Value::as_bool) {
                let errors = v["errors"].as_array().expect("a report has errors");
                assert_eq!(valid, errors.is_empty(), "{name}: valid must mean no error");
                for p in errors {
                    let code = p["code"].as_str().expect("code");
                    check_problem(name, "E_", code, p["zh"].as_str().expect("zh"), p["en"].as_str().expect("en"), input);
                }
            }
        }
        Err(e) => check_error(name, e, input),
    }
}

/// Target `cmd_NAME`: the command `name` of `api::COMMANDS` on the bytes as text (invalid UTF-8
/// replaced, as a reader of the text would refuse it before any command runs).
pub fn command(name: &str, data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let f = api::COMMANDS.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no command {name} in api::COMMANDS")).1;
    let r = f(&input);
    check_answer(name, &r, &input);
    // The same through the command layer's dispatcher.
    assert_eq!(api::call(name, &input), r, "{name}: api::call and COMMANDS disagree");
}

/// A small deterministic generator (xorshift) for piece sizes.
pub struct Rng(pub u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A reader that hands bytes over in small pieces of random size, cut anywhere (inside a UTF-8
/// character, a quoted cell, a CRLF).
pub struct Pieces<'a> {
    pub data: &'a [u8],
    pub pos: usize,
    pub rng: Rng,
    pub cur: usize,
    pub max: usize,
}

impl<'a> Pieces<'a> {
    pub fn new(data: &'a [u8], seed: u64, max: usize) -> Pieces<'a> {
        Pieces { data, pos: 0, rng: Rng::new(seed), cur: 0, max: max.max(1) }
    }
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
            self.cur = 1 + self.rng.below(self.max);
        }
        let end = (self.pos + self.cur).min(self.data.len());
        Ok(&self.data[self.pos..end])
    }
    fn consume(&mut self, n: usize) {
        self.pos += n;
        self.cur = self.cur.saturating_sub(n);
    }
}

/// Reads `text` as the core's `Value` with serde_json (the command layer's reader), if it is JSON.
pub fn json_value(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}
