//! The native floor of the batch: the least a program can do to grade the CSV of
//! `cargo bench --bench batch` — read it line by line, split on commas, score each row with a
//! scorer hard-coded from the loaded rule data, write `input,score,grade` — timed against our
//! `yibao_credit::batch::run_stream` on the same bytes, in one process, interleaved (the order
//! alternating), median of BATCH_RUNS runs each (default 5). Both write to a byte-counting sink
//! (as batch.rs does: the batch's own work, not the page faults of a 0.5 GB Vec); the floor
//! through a 64 KB Vec<u8> flushed as it fills, as run_stream does. Before timing it asserts that
//! both give the same score and grade on every row.
//!
//! ```sh
//! cargo bench --bench batch_floor                 # BATCH_ROWS=… (default 1,000,000), BATCH_RUNS=… (default 5)
//! ```
//! prints the medians and `ours/floor`. The same binary has the modes `node benches/batch-cli.mjs`
//! uses to time the CLI end to end against the floor as a program:
//! ```sh
//! batch_floor --write-csv FILE [--rows N]          # the generated CSV, to a file
//! batch_floor --cli FILE --as-of YYYY-MM-DD        # the floor as a CLI: result CSV on stdout
//! batch_floor --cli-same FILE --as-of YYYY-MM-DD   # the same-output floor (SameFloor): our CLI's bytes on stdout
//! batch_floor --compare OURS.csv FLOOR.csv         # exit 1 unless every row has the same score and grade
//! ```
//! (`cargo bench` passes `--bench` to the binary: it is ignored.)
//!
//! The floor scorer: our side loads the rule set with
//! `rules::builtin::for_subject_type("retail-pharmacy")` (which compiles data/rules/retail-pharmacy.json
//! into the program); the floor reads the same file (`RULES`, its documented JSON form,
//! docs/rules-format.md, not the core's types, so the rewrite of the core does not touch it) and
//! gives each column of the template header its kind once (yes/no with its points, rating levels by label, count with points
//! and per, direct-grade column with its band, or passed through), then a tight loop over the
//! bytes with integer hundredths. No quoting, no trimming, no checks of names, codes or types, no
//! summary: it panics on a cell it cannot read. Counts in the batch CSV are the full counts of the
//! period (as in the core's batch), so the as-of date does not change a score.
//!
//! The same-output floor (`SameFloor`, added 2026-12-02): the floor above writes ~140 bytes per
//! row and checks nothing, where our result row is ~690 bytes (行号, the code as `="…"`, the
//! grade's label and measures, the rule set's id, version and hash) and reports what the input
//! gets wrong. `SameFloor` is the same scorer writing exactly our CLI's result CSV (asserted byte
//! for byte before timing, here and in `node benches/batch-cli.mjs`), with the checks that CSV
//! stands for: the file is UTF-8, every code's check character (a code Excel made a number is
//! written as the problem our batch writes), the subject type, no blank answer, no repeated name
//! or code (their hashes sorted at the end), no quoted or formula-like cell; it panics where our
//! batch would write a problem. Both floors are timed and printed: ours/floor and ours/same-output
//! floor.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;
use yibao_credit::batch::{run_stream, template, Options, MAX_ROWS_STREAM};
use yibao_credit::ident::{uscc_check_char, USCC_ALPHABET};
use yibao_credit::rules::{builtin, CompiledRules};

/// The CSV of `cargo bench --bench batch` (benches/batch.rs, copied: same seed, same rows).
fn generate(rules: &CompiledRules, n: usize) -> Vec<u8> {
    // The template's header line (its example and explanation rows are not data).
    let mut csv = format!("{}\r\n", template(rules).split("\r\n").next().unwrap_or_default()).into_bytes();
    let alpha: Vec<char> = USCC_ALPHABET.chars().collect();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let levels = ["优秀", "良好", "合格", "不合格"];
    for i in 0..n {
        let mut first17 = String::from("91441500");
        for _ in 0..9 {
            first17.push(alpha[(rnd() % 31) as usize]);
        }
        let code = format!("{first17}{}", uscc_check_char(&first17).unwrap_or('0'));
        let mut row = format!("汕尾市城区第{i}号大药房有限公司,{code},定点零售药店");
        for _ in 0..4 {
            row.push_str(if rnd() % 10 == 0 { ",否" } else { ",是" });
        }
        row.push(',');
        row.push_str(levels[(rnd() % 4) as usize]);
        for _ in 0..2 {
            row.push_str(if rnd() % 10 == 0 { ",否" } else { ",是" });
        }
        for _ in 0..11 {
            let r = rnd() % 20;
            row.push(',');
            if r < 3 {
                row.push_str(&r.to_string());
            }
        }
        row.push_str(if rnd() % 1000 == 0 { ",是," } else { ",," });
        row.push_str("\r\n");
        csv.extend_from_slice(row.as_bytes());
    }
    csv
}

// ---------------------------------------------------------------------------------------------
// The floor scorer
// ---------------------------------------------------------------------------------------------

/// What a column of the CSV is to the floor.
enum Col {
    Pass,
    YesNo { points: i64, if_yes: bool },
    /// (label or id, points)
    Levels(Vec<(Vec<u8>, i64)>),
    Count { points: i64, per: i64, deduction: bool },
    /// A direct-grade event kind: 是 sets the grade to at most this band (index, best first).
    Direct(usize),
}

struct Floor {
    cols: Vec<Col>,
    /// Band minimums, highest first, and their grades.
    mins: Vec<i64>,
    grades: Vec<Vec<u8>>,
}

fn cents(v: &serde_json::Value) -> i64 {
    (v.as_f64().expect("a number of points") * 100.0).round() as i64
}

/// The rule data `builtin::for_subject_type("retail-pharmacy")` compiles.
const RULES: &str = include_str!("../data/rules/retail-pharmacy.json");
/// The shared section the rule file includes (`"directGrades": {"$include": …}`,
/// docs/rules-format.md), put in place as the core does.
const DIRECT_GRADES: &str = include_str!("../data/rules/shared/direct-grades.json");

impl Floor {
    /// The column kinds of `header` (the template's first line) for the rule set `RULES`.
    fn new(header: &[u8]) -> Floor {
        let mut doc: serde_json::Value = serde_json::from_str(RULES).expect("the rule set as JSON");
        if doc["directGrades"].get("$include").is_some() {
            doc["directGrades"] = serde_json::from_str(DIRECT_GRADES).expect("the shared direct grades as JSON");
        }
        let mut bands: Vec<(i64, Vec<u8>)> = doc["bands"].as_array().unwrap().iter().map(|b| (cents(&b["min"]), b["grade"].as_str().unwrap().as_bytes().to_vec())).collect();
        bands.sort_by_key(|b| std::cmp::Reverse(b.0));
        let band_of = |g: &str| bands.iter().position(|b| b.1 == g.as_bytes()).expect("a band of the rules");
        let leaves: Vec<&serde_json::Value> = doc["indicators"].as_array().unwrap().iter().filter(|i| !i["scoring"].is_null()).collect();
        let header = std::str::from_utf8(header).expect("UTF-8 header");
        let header = header.strip_prefix('\u{feff}').unwrap_or(header);
        let cols = header
            .split(',')
            .map(|h| {
                let token = h.split([' ', '（', '(']).next().unwrap_or("");
                if let Some(l) = leaves.iter().find(|l| l["code"] == token) {
                    let s = &l["scoring"];
                    let points = cents(&l["points"]);
                    return match s["type"].as_str().unwrap() {
                        "yesNo" => Col::YesNo { points, if_yes: s["pointsIf"].as_bool().unwrap_or(true) },
                        "rating" => Col::Levels(
                            s["levels"]
                                .as_array()
                                .expect("rated leaves with levels only")
                                .iter()
                                .flat_map(|lv| [(lv["label"]["zh"].as_str().unwrap().as_bytes().to_vec(), cents(&lv["points"])), (lv["id"].as_str().unwrap().as_bytes().to_vec(), cents(&lv["points"]))])
                                .collect(),
                        ),
                        t => Col::Count { points, per: cents(&s["per"]), deduction: t == "deduction" },
                    };
                }
                let name = h.split(['（', '(']).next().unwrap_or("").trim();
                let kind = doc["eventKinds"].as_array().unwrap().iter().find(|k| k["name"]["zh"] == name).and_then(|k| k["kind"].as_str());
                let direct = doc["directGrades"].as_array().unwrap().iter().filter(|d| kind.is_some() && d["eventKinds"].as_array().unwrap().iter().any(|k| k.as_str() == kind));
                match direct.map(|d| band_of(d["grade"].as_str().unwrap())).max() {
                    Some(pos) => Col::Direct(pos),
                    None => Col::Pass,
                }
            })
            .collect();
        Floor { cols, mins: bands.iter().map(|b| b.0).collect(), grades: bands.into_iter().map(|b| b.1).collect() }
    }

    /// Grades every line of `csv` after the header; writes the header + `,得分,等级`, then
    /// `line,score,grade` for each row (CRLF), to `out` through a 64 KB buffer. Returns the number
    /// of rows.
    fn run<W: Write>(&self, csv: &[u8], out: &mut W) -> usize {
        const YES: &[u8] = "是".as_bytes();
        const NO: &[u8] = "否".as_bytes();
        let csv = csv.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv);
        let header_end = csv.iter().position(|&b| b == b'\n').map_or(csv.len(), |p| p + 1);
        let (header, body) = csv.split_at(header_end);
        let mut buf: Vec<u8> = Vec::with_capacity(1 << 17);
        buf.extend_from_slice(header.trim_ascii_end());
        buf.extend_from_slice(",得分,等级\r\n".as_bytes());
        let mut rows = 0;
        for line in body.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let mut total: i64 = 0;
            let mut direct = 0usize;
            for (j, cell) in line.split(|&b| b == b',').enumerate() {
                match &self.cols[j] {
                    Col::Pass => {}
                    Col::YesNo { points, if_yes } => {
                        if !cell.is_empty() {
                            let yes = match cell {
                                YES => true,
                                NO => false,
                                _ => panic!("floor: row {}: not 是/否: {}", rows + 2, String::from_utf8_lossy(cell)),
                            };
                            if yes == *if_yes {
                                total += points;
                            }
                        }
                    }
                    Col::Levels(levels) => {
                        if !cell.is_empty() {
                            total += levels.iter().find(|l| l.0 == cell).unwrap_or_else(|| panic!("floor: unknown level {}", String::from_utf8_lossy(cell))).1;
                        }
                    }
                    Col::Count { points, per, deduction } => {
                        let mut c: i64 = 0;
                        for &d in cell {
                            assert!(d.is_ascii_digit(), "floor: row {}: not a count: {}", rows + 2, String::from_utf8_lossy(cell));
                            c = c * 10 + i64::from(d - b'0');
                        }
                        let moved = (per * c).min(*points);
                        total += if *deduction { points - moved } else { moved };
                    }
                    Col::Direct(pos) => {
                        if cell == YES {
                            direct = direct.max(*pos);
                        } else {
                            assert!(cell.is_empty() || cell == NO, "floor: row {}: not 是/否", rows + 2);
                        }
                    }
                }
            }
            let mut g = 0;
            while g + 1 < self.mins.len() && total < self.mins[g] {
                g += 1;
            }
            let g = g.max(direct);
            buf.extend_from_slice(line);
            buf.push(b',');
            push_points(&mut buf, total);
            buf.push(b',');
            buf.extend_from_slice(&self.grades[g]);
            buf.extend_from_slice(b"\r\n");
            rows += 1;
            if buf.len() >= 1 << 16 {
                out.write_all(&buf).expect("write");
                buf.clear();
            }
        }
        out.write_all(&buf).expect("write");
        out.flush().expect("flush");
        rows
    }
}

/// Hundredths of a point as the core writes them: `855`, `849.5`, `849.99`.
fn push_points(out: &mut Vec<u8>, p: i64) {
    if p < 0 {
        out.push(b'-');
    }
    let a = p.unsigned_abs();
    let _ = write!(out, "{}", a / 100);
    let c = (a % 100) as u8;
    if c != 0 {
        out.push(b'.');
        out.push(b'0' + c / 10);
        if c % 10 != 0 {
            out.push(b'0' + c % 10);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The same-output floor
// ---------------------------------------------------------------------------------------------

/// A cell as the result CSV writes it (RFC 4180 quotes when needed, a leading `'` before what a
/// spreadsheet would take for a formula): for the few constant cells, made once.
fn cell(s: &str) -> Vec<u8> {
    let mut out = vec![];
    let quote = s.contains([',', '"', '\r', '\n']);
    if quote {
        out.push(b'"');
    }
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push(b'\'');
    }
    out.extend_from_slice(if quote { s.replace('"', "\"\"") } else { s.to_string() }.as_bytes());
    if quote {
        out.push(b'"');
    }
    out
}

/// Whether a code is a number as Excel writes a long one: digits, maybe `.` and digits, `E`,
/// maybe `+`, digits.
fn scientific(code: &[u8]) -> bool {
    let Some(e) = code.iter().position(|&c| c == b'E' || c == b'e') else { return false };
    let (m, x) = (&code[..e], &code[e + 1..]);
    let x = x.strip_prefix(b"+").unwrap_or(x);
    let (int, frac) = match m.iter().position(|&c| c == b'.') {
        Some(d) => (&m[..d], &m[d + 1..]),
        None => (m, &m[m.len()..]),
    };
    !int.is_empty() && !x.is_empty() && int.iter().chain(frac).chain(x).all(u8::is_ascii_digit)
}

/// A small multiplicative hash for the duplicate check (eight bytes at a time, the length mixed in).
fn quick_hash(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for w in bytes.chunks(8) {
        let mut b = [0u8; 8];
        b[..w.len()].copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31);
    }
    h
}

/// The floor that writes what our CLI writes, byte for byte, for a CSV it can read: the same
/// scorer as [`Floor`], and the job our result needs — the file checked as UTF-8 (once, with
/// simdutf8, as our CLI does), the code's check character (GB 32100-2015), the subject type, no
/// blank answer, no repeated name or code (their hashes sorted at the end), no cell a spreadsheet would take for a
/// formula; then 行号, the input line with the code as `="…"`, score, grade, the grade's label,
/// the direct grade's reason, the grade's measures, an empty problem cell and the rule set's id,
/// version and hash. Every constant cell comes from `RULES` (the hash, of the core's canonical
/// form of the rule set, is taken from the compiled rule set once). It panics on anything it
/// does not handle (a quote, a blank answer, a wrong code, a repeat…): our batch would report
/// those as problems, which this floor does not write. No summary.
struct SameFloor {
    floor: Floor,
    header: Vec<u8>,
    name_col: usize,
    code_col: usize,
    type_col: usize,
    types: Vec<Vec<u8>>,
    labels: Vec<Vec<u8>>,
    measures: Vec<Vec<u8>>,
    /// Per direct-grade rule: its band and its reason cell.
    rules: Vec<(usize, Vec<u8>)>,
    /// Per column of a direct-grade event kind: the rules (bit i: rule i) it belongs to.
    direct_of_col: Vec<u64>,
    tail: Vec<u8>,
    uscc: [u8; 128],
}

impl SameFloor {
    fn new(header: &[u8], hash: &str) -> SameFloor {
        let floor = Floor::new(header);
        let mut doc: serde_json::Value = serde_json::from_str(RULES).expect("the rule set as JSON");
        if doc["directGrades"].get("$include").is_some() {
            doc["directGrades"] = serde_json::from_str(DIRECT_GRADES).expect("the shared direct grades as JSON");
        }
        let text = std::str::from_utf8(header).expect("UTF-8 header");
        let heads: Vec<&str> = text.strip_prefix('\u{feff}').unwrap_or(text).split(',').collect();
        let at = |h: &str| heads.iter().position(|x| x.trim() == h || x.trim().starts_with(&format!("{h}（"))).unwrap_or_else(|| panic!("floor: no column {h}"));
        let mut out = "\u{feff}行号".as_bytes().to_vec();
        for h in &heads {
            out.push(b',');
            out.extend(cell(h.trim()));
        }
        for h in yibao_credit::batch::RESULT_COLUMNS {
            out.push(b',');
            out.extend_from_slice(h.as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        let mut bands: Vec<&serde_json::Value> = doc["bands"].as_array().unwrap().iter().collect();
        bands.sort_by_key(|b| std::cmp::Reverse(cents(&b["min"])));
        let class = doc["subjectClass"].as_str().unwrap();
        let grade_pos = |g: &str| bands.iter().position(|b| b["grade"] == g).expect("a band");
        let measures = bands
            .iter()
            .map(|b| {
                let list: Vec<String> = doc["measures"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| m["grades"].as_array().unwrap().contains(&b["grade"]) && m["classes"].as_array().unwrap().iter().any(|c| c == class))
                    .map(|m| format!("{} {}", m["id"].as_str().unwrap(), m["text"]["zh"].as_str().unwrap()))
                    .collect();
                cell(&list.join("；"))
            })
            .collect();
        let rules: Vec<(usize, Vec<u8>)> = doc["directGrades"].as_array().unwrap().iter().map(|d| (grade_pos(d["grade"].as_str().unwrap()), cell(d["reason"]["zh"].as_str().unwrap()))).collect();
        let direct_of_col = heads
            .iter()
            .map(|h| {
                let name = h.split(['（', '(']).next().unwrap_or("").trim();
                let kind = doc["eventKinds"].as_array().unwrap().iter().find(|k| k["name"]["zh"] == name).and_then(|k| k["kind"].as_str());
                doc["directGrades"].as_array().unwrap().iter().enumerate().filter(|(_, d)| kind.is_some() && d["eventKinds"].as_array().unwrap().iter().any(|k| k.as_str() == kind)).fold(0u64, |m, (i, _)| m | 1 << i)
            })
            .collect();
        let types = doc["subjectTypes"].as_array().unwrap();
        assert_eq!(types.len(), 1, "floor: one subject type");
        let mut uscc = [0xFFu8; 128];
        for (v, c) in USCC_ALPHABET.bytes().enumerate() {
            uscc[c as usize] = v as u8;
        }
        let mut tail = vec![];
        for f in [doc["id"].as_str().unwrap(), doc["version"].as_str().unwrap(), hash] {
            tail.push(b',');
            tail.extend(cell(f));
        }
        tail.extend_from_slice(b"\r\n");
        SameFloor {
            floor,
            header: out,
            name_col: at("名称"),
            code_col: at("统一社会信用代码"),
            type_col: at("主体类型"),
            types: vec![types[0].as_str().unwrap().as_bytes().to_vec(), "定点零售药店".as_bytes().to_vec()],
            labels: bands.iter().map(|b| cell(b["label"]["zh"].as_str().unwrap())).collect(),
            measures,
            rules,
            direct_of_col,
            tail,
            uscc,
        }
    }

    /// Whether `code` is a 统一社会信用代码 with its check character right (GB 32100-2015).
    fn code_ok(&self, code: &[u8]) -> bool {
        if code.len() != 18 {
            return false;
        }
        let mut sum = 0u32;
        for (i, &c) in code[..17].iter().enumerate() {
            let v = if c < 128 { self.uscc[c as usize] } else { 0xFF };
            if v == 0xFF {
                return false;
            }
            sum += u32::from(v) * yibao_credit::ident::USCC_WEIGHTS[i];
        }
        let last = code[17];
        last < 128 && u32::from(self.uscc[last as usize]) == (31 - sum % 31) % 31
    }

    /// Writes the result CSV of `csv` to `out` (64 KB at a time); returns the number of rows.
    fn run<W: Write>(&self, csv: &[u8], out: &mut W) -> usize {
        const YES: &[u8] = "是".as_bytes();
        const NO: &[u8] = "否".as_bytes();
        simdutf8::basic::from_utf8(csv).expect("floor: the file is not UTF-8");
        let csv = csv.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv);
        let header_end = csv.iter().position(|&b| b == b'\n').map_or(csv.len(), |p| p + 1);
        let body = &csv[header_end..];
        // Names and codes by hash, sorted at the end: a repeat is refused (no duplicate report).
        let (mut names, mut codes): (Vec<u64>, Vec<u64>) = (Vec::new(), Vec::new());
        let mut buf: Vec<u8> = Vec::with_capacity(1 << 17);
        buf.extend_from_slice(&self.header);
        let n_cols = self.floor.cols.len();
        let mut cells: Vec<&[u8]> = Vec::with_capacity(n_cols);
        let mut rows = 0;
        for (k, line) in body.split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let row_no = k + 2;
            assert!(!line.contains(&b'"') && !line.contains(&b'\r'), "floor: row {row_no}: quotes and bare CR are not handled");
            cells.clear();
            cells.extend(line.split(|&b| b == b','));
            assert_eq!(cells.len(), n_cols, "floor: row {row_no}: not as many cells as the header");
            let (name, code, ty) = (cells[self.name_col], cells[self.code_col], cells[self.type_col]);
            // A code Excel turned into a number (`9144150068E9462741`) is written as a problem
            // (and not checked further), as our batch does; any other code must be right.
            let excel = scientific(code);
            assert!(!name.is_empty() && (excel || self.code_ok(code)) && self.types.iter().any(|t| t == ty), "floor: row {row_no}: name, code or type not handled");
            names.push(quick_hash(name));
            codes.push(quick_hash(code));
            let mut total: i64 = 0;
            let mut hit = 0u64;
            for (j, c) in cells.iter().enumerate() {
                assert!(!matches!(c.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t')), "floor: row {row_no}: a formula-like cell is not handled");
                match &self.floor.cols[j] {
                    Col::Pass => {}
                    Col::YesNo { points, if_yes } => {
                        let yes = match *c {
                            YES => true,
                            NO => false,
                            _ => panic!("floor: row {row_no}: not 是/否"),
                        };
                        if yes == *if_yes {
                            total += points;
                        }
                    }
                    Col::Levels(levels) => total += levels.iter().find(|l| l.0 == *c).unwrap_or_else(|| panic!("floor: row {row_no}: unknown level")).1,
                    Col::Count { points, per, deduction } => {
                        assert!(c.len() <= 4, "floor: row {row_no}: a count this long is not handled");
                        let mut n: i64 = 0;
                        for &d in *c {
                            assert!(d.is_ascii_digit(), "floor: row {row_no}: not a count");
                            n = n * 10 + i64::from(d - b'0');
                        }
                        let moved = (per * n).min(*points);
                        total += if *deduction { points - moved } else { moved };
                    }
                    Col::Direct(_) => {
                        if *c == YES {
                            hit |= self.direct_of_col[j];
                        } else {
                            assert!(c.is_empty() || *c == NO, "floor: row {row_no}: not 是/否");
                        }
                    }
                }
            }
            let mut g = 0;
            while g + 1 < self.floor.mins.len() && total < self.floor.mins[g] {
                g += 1;
            }
            // The direct-grade rule that sets the grade: the first of the worst band among those hit.
            let mut direct: Option<usize> = None;
            for (i, r) in self.rules.iter().enumerate() {
                if hit & (1 << i) != 0 && direct.map_or(true, |d| r.0 > self.rules[d].0) {
                    direct = Some(i);
                }
            }
            let direct = direct.filter(|&d| self.rules[d].0 > g);
            if let Some(d) = direct {
                g = self.rules[d].0;
            }
            let _ = write!(buf, "{row_no},");
            let start: usize = cells[..self.code_col].iter().map(|c| c.len() + 1).sum();
            buf.extend_from_slice(&line[..start]);
            buf.extend_from_slice(b"\"=\"\"");
            buf.extend_from_slice(code);
            buf.extend_from_slice(b"\"\"\"");
            buf.extend_from_slice(&line[start + code.len()..]);
            buf.push(b',');
            push_points(&mut buf, total);
            buf.push(b',');
            buf.extend_from_slice(&self.floor.grades[g]);
            buf.push(b',');
            buf.extend_from_slice(&self.labels[g]);
            buf.push(b',');
            if let Some(d) = direct {
                buf.extend_from_slice(&self.rules[d].1);
            }
            buf.push(b',');
            buf.extend_from_slice(&self.measures[g]);
            buf.push(b',');
            if excel {
                buf.extend_from_slice("统一社会信用代码：Excel 已将代码转为科学计数法，请将该列设为文本后重新导出（“".as_bytes());
                buf.extend_from_slice(code);
                buf.extend_from_slice("”已丢失后几位数字，须按原始记录重新填写）".as_bytes());
            }
            buf.extend_from_slice(&self.tail);
            rows += 1;
            if buf.len() >= 1 << 16 {
                out.write_all(&buf).expect("write");
                buf.clear();
            }
        }
        out.write_all(&buf).expect("write");
        out.flush().expect("flush");
        for keys in [&mut names, &mut codes] {
            keys.sort_unstable();
            assert!(keys.windows(2).all(|w| w[0] != w[1]), "floor: a repeated name or code is not handled");
        }
        rows
    }
}

// ---------------------------------------------------------------------------------------------
// Agreement
// ---------------------------------------------------------------------------------------------

/// (score, grade) of every row of a result CSV: ours (行号, the input's columns, 得分, 等级, …;
/// BOM and header line first: the columns found by their header) or the floor's (the input line,
/// then score and grade last).
fn grades(csv: &[u8], ours: bool) -> Vec<(Vec<u8>, Vec<u8>)> {
    let csv = csv.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv);
    if ours {
        let records = yibao_credit::batch::parse_csv(std::str::from_utf8(csv).expect("our result is UTF-8"));
        let at = |h: &str| records[0].iter().position(|x| x == h).expect("column");
        let (s, g) = (at("得分"), at("等级"));
        return records[1..].iter().filter(|r| r.len() > 1).map(|r| (r[s].clone().into_bytes(), r[g].clone().into_bytes())).collect();
    }
    csv.split(|&b| b == b'\n')
        .skip(1)
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut f = l.rsplitn(3, |&b| b == b',');
            let g = f.next().unwrap().to_vec();
            (f.next().unwrap().to_vec(), g)
        })
        .collect()
}

/// Panics unless both result CSVs have the same rows with the same score and grade.
fn assert_same(ours: &[u8], floor: &[u8]) -> usize {
    let (a, b) = (grades(ours, true), grades(floor, false));
    assert_eq!(a.len(), b.len(), "row counts differ: ours {}, floor {}", a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert!(
            x == y,
            "row {} differs: ours {} {}, floor {} {}",
            i + 2,
            String::from_utf8_lossy(&x.0),
            String::from_utf8_lossy(&x.1),
            String::from_utf8_lossy(&y.0),
            String::from_utf8_lossy(&y.1)
        );
    }
    a.len()
}

// ---------------------------------------------------------------------------------------------
// Modes
// ---------------------------------------------------------------------------------------------

struct Counter(usize);
impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let flag = |f: &str| args.iter().position(|a| a == f).map(|i| args.get(i + 1).unwrap_or_else(|| panic!("{f} needs a value")).clone());
    let rules = builtin::for_subject_type("retail-pharmacy").expect("shipped rules");
    if let Some(path) = flag("--write-csv") {
        let n = flag("--rows").map_or_else(|| env_usize("BATCH_ROWS", 1_000_000), |s| s.parse().expect("--rows N"));
        std::fs::write(&path, generate(rules, n)).expect("write the CSV");
        return;
    }
    if let Some(ours) = flag("--compare") {
        let floor = args.iter().skip_while(|a| **a != "--compare").nth(2).expect("--compare OURS.csv FLOOR.csv");
        let rows = assert_same(&std::fs::read(&ours).expect("read ours"), &std::fs::read(floor).expect("read floor"));
        eprintln!("same score and grade on all {rows} rows");
        return;
    }
    if let Some(path) = flag("--cli-same") {
        let as_of = flag("--as-of").expect("--as-of YYYY-MM-DD");
        yibao_credit::dates::parse_date(&as_of, "--as-of").expect("--as-of YYYY-MM-DD");
        let csv = std::fs::read(&path).expect("read the CSV");
        let header = &csv[..csv.iter().position(|&b| b == b'\n').unwrap_or(csv.len())];
        let floor = SameFloor::new(header.strip_suffix(b"\r").unwrap_or(header), &rules.hash);
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let rows = floor.run(&csv, &mut out);
        eprintln!("{{\"rows\":{rows}}}");
        return;
    }
    if let Some(path) = flag("--cli") {
        let as_of = flag("--as-of").expect("--as-of YYYY-MM-DD");
        yibao_credit::dates::parse_date(&as_of, "--as-of").expect("--as-of YYYY-MM-DD");
        let csv = std::fs::read(&path).expect("read the CSV");
        let header = &csv[..csv.iter().position(|&b| b == b'\n').unwrap_or(csv.len())];
        let floor = Floor::new(header.strip_suffix(b"\r").unwrap_or(header));
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let rows = floor.run(&csv, &mut out);
        eprintln!("{{\"rows\":{rows}}}");
        return;
    }

    // The benchmark: run_stream vs the floor on the same bytes, in this process.
    let n = env_usize("BATCH_ROWS", 1_000_000);
    let runs = env_usize("BATCH_RUNS", 5).max(1);
    let csv = generate(rules, n);
    let header_end = csv.iter().position(|&b| b == b'\n').unwrap();
    let floor = Floor::new(csv[..header_end].strip_suffix(b"\r").unwrap_or(&csv[..header_end]));
    let same = SameFloor::new(csv[..header_end].strip_suffix(b"\r").unwrap_or(&csv[..header_end]), &rules.hash);
    let opts = || Options { as_of: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"), default_type: None, allow_out_of_effect: false, max_rows: MAX_ROWS_STREAM };

    // Agreement on every row first (not timed).
    let mut ours_out = Vec::new();
    let s = run_stream(rules, opts(), &csv[..], || Ok(&csv[..]), &mut ours_out).expect("batch runs");
    assert_eq!(s.rows_evaluated, n, "every row graded");
    let mut floor_out = Vec::new();
    assert_eq!(floor.run(&csv, &mut floor_out), n);
    let checked = assert_same(&ours_out, &floor_out);
    let mut same_out = Vec::new();
    assert_eq!(same.run(&csv, &mut same_out), n);
    assert!(same_out == ours_out, "the same-output floor does not write our bytes");
    let (ours_bytes, floor_bytes) = (ours_out.len(), floor_out.len());
    drop((ours_out, floor_out, same_out));

    let (mut t_ours, mut t_floor, mut t_same) = (vec![], vec![], vec![]);
    for r in 0..runs {
        for which in if r % 2 == 0 { [0, 1, 2] } else { [2, 1, 0] } {
            let mut sink = Counter(0);
            let t = Instant::now();
            if which == 0 {
                let s = run_stream(rules, opts(), &csv[..], || Ok(&csv[..]), &mut sink).expect("batch runs");
                black_box(s.rows_evaluated);
                t_ours.push(t.elapsed().as_secs_f64());
            } else if which == 1 {
                black_box(floor.run(&csv, &mut sink));
                t_floor.push(t.elapsed().as_secs_f64());
            } else {
                black_box(same.run(&csv, &mut sink));
                t_same.push(t.elapsed().as_secs_f64());
            }
            black_box(sink.0);
        }
    }
    let (mo, mf, ms) = (median(&mut t_ours.clone()), median(&mut t_floor.clone()), median(&mut t_same.clone()));
    println!("$ cargo bench --bench batch_floor   (BATCH_ROWS={n}, BATCH_RUNS={runs})");
    println!(
        "{n} rows, {:.1} MB of CSV in; out: ours {:.1} MB, floor {:.1} MB; same score and grade on all {checked} rows",
        csv.len() as f64 / 1e6,
        ours_bytes as f64 / 1e6,
        floor_bytes as f64 / 1e6
    );
    println!("median of {runs}, interleaved: run_stream {:.3} s ({:.0} rows/s), floor {:.3} s ({:.0} rows/s); ours/floor {:.1}×", mo, n as f64 / mo, mf, n as f64 / mf, mo / mf);
    println!("same-output floor (byte-identical result CSV, checked): {ms:.3} s ({:.0} rows/s); ours/same-output floor {:.1}×", n as f64 / ms, mo / ms);
    let r3 = |v: &[f64]| v.iter().map(|t| (t * 1000.0).round() / 1000.0).collect::<Vec<_>>();
    println!("runs (s): ours {:?}, floor {:?}, same-output floor {:?}", r3(&t_ours), r3(&t_floor), r3(&t_same));
}
