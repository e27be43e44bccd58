//! `cargo bench --bench batch`: CSV → result CSV for N generated rows (default 1,000,000) of the
//! shipped retail-pharmacy rule set, on one thread, streamed through `batch::run_stream`.
//! `BATCH_ROWS=…` changes N. Prints `batch: N rows/s`.

use std::time::Instant;
use yibao_credit::batch::{run_stream, template, Options, MAX_ROWS_STREAM};
use yibao_credit::ident::{uscc_check_char, USCC_ALPHABET};
use yibao_credit::rules::builtin;

fn main() {
    let n: usize = std::env::var("BATCH_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let rules = builtin::for_subject_type("retail-pharmacy").expect("shipped rules");
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
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date");
    let mut best = f64::MAX;
    let mut out_len = 0;
    for _ in 0..3 {
        // The result goes where the CLI sends it, a file or a pipe: here a writer that counts
        // the bytes (so the figure is the batch's own work, not the page faults of a 0.5 GB Vec).
        let mut out = Counter(0);
        let t = Instant::now();
        let opts = Options { as_of, default_type: None, allow_out_of_effect: false, max_rows: MAX_ROWS_STREAM };
        let s = run_stream(rules, opts, &csv[..], || Ok(&csv[..]), &mut out).expect("batch runs");
        let dt = t.elapsed().as_secs_f64();
        assert_eq!(s.rows_evaluated, n);
        out_len = out.0;
        best = best.min(dt);
    }
    eprintln!("input {:.1} MB, output {:.1} MB, best of 3: {:.3} s", csv.len() as f64 / 1e6, out_len as f64 / 1e6, best);
    println!("batch: {:.0} rows/s", n as f64 / best);
}

struct Counter(usize);
impl std::io::Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
