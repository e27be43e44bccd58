//! The CSV reader: `batch::run_stream` on any bytes with a shipped rule set (the first byte picks
//! the set, whether a default subject type is given, and how the bytes are cut), read at once and
//! in random pieces cut anywhere: the same result CSV and summary, or the same error. When the
//! bytes are text, `run_text` (the `batch` command) agrees with the stream, and the page's
//! `ChunkedBatch` fed the text in random pieces (cut between characters, as JS strings are)
//! agrees with one `batch` call: the same rows, result CSV and summary.
#![no_main]
use fuzz_support::{check_error, check_problem, Pieces, Rng};
use yibao_credit::batch::{self, BatchInput, ChunkedBatch, Options};

const TYPES: [&str; 5] = ["retail-pharmacy", "medical-institution", "physician", "pharmacist", "insured"];

fn summary_json<T: serde::Serialize>(s: &T) -> String {
    serde_json::to_string(s).expect("a summary serialises")
}

/// Every problem a summary lists (the file's and the rows'): a code `E_…` or `W_…`, bilingual.
fn check_summary(s: &batch::Summary, input: &str) {
    let v: serde_json::Value = serde_json::from_str(&summary_json(s)).expect("a summary is JSON");
    for p in v["problems"].as_array().into_iter().chain(v["fileProblems"].as_array()).flatten() {
        let code = p["code"].as_str().expect("code");
        let prefix = if code.starts_with("W_") { "W_" } else { "E_" };
        check_problem("batch summary", prefix, code, p["zh"].as_str().expect("zh"), p["en"].as_str().expect("en"), input);
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&sel, csv)) = data.split_first() else { return };
    let ty = TYPES[(sel & 0x07) as usize % TYPES.len()];
    let rules = yibao_credit::rules::builtin::for_subject_type(ty).expect("shipped");
    let as_of = yibao_credit::dates::parse_date("2026-11-23", "asOf").unwrap();
    let opts = Options { as_of, default_type: (sel & 0x80 != 0).then(|| ty.to_string()), allow_out_of_effect: false, max_rows: 10_000 };
    let seed = u64::from(sel) << 32 | csv.len() as u64;
    let shown = String::from_utf8_lossy(csv);

    let mut whole_out = Vec::new();
    let whole = batch::run_stream(rules, opts.clone(), csv, || Ok(csv), &mut whole_out);
    let mut piece_out = Vec::new();
    let step = 1 + (sel as usize >> 3 & 0x0f) * 8;
    let pieces = batch::run_stream(rules, opts.clone(), Pieces::new(csv, seed, step), || Ok(Pieces::new(csv, seed ^ 1, step)), &mut piece_out);
    match (&whole, &pieces) {
        (Ok(w), Ok(p)) => {
            assert!(whole_out == piece_out, "run_stream: pieces and whole disagree on the result CSV");
            assert_eq!(summary_json(w), summary_json(p), "run_stream: pieces and whole disagree on the summary");
            std::str::from_utf8(&whole_out).expect("the result CSV is UTF-8");
            check_summary(w, &shown);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.code, b.code, "run_stream: pieces and whole fail differently");
            check_error("run_stream", a, &shown);
        }
        (a, b) => panic!("run_stream: whole {:?} vs pieces {:?}", a.as_ref().map(|_| ()), b.as_ref().map(|_| ())),
    }

    let Ok(text) = std::str::from_utf8(csv) else { return };
    // The in-memory entry answers as the stream.
    match (batch::run_text(rules, opts.clone(), text), &whole) {
        (Ok(t), Ok(w)) => {
            assert!(t.result_csv.as_bytes() == whole_out.as_slice(), "run_text and run_stream disagree on the result CSV");
            assert_eq!(summary_json(&t.summary), summary_json(w), "run_text and run_stream disagree on the summary");
        }
        (Err(a), Err(b)) => assert_eq!(a.code, b.code, "run_text and run_stream fail differently"),
        (a, b) => panic!("run_text {:?} vs run_stream {:?}", a.as_ref().map(|_| ()), b.as_ref().map(|_| ())),
    }

    // The page's path against one call.
    let input = || BatchInput { csv: None, as_of: "2026-11-23".into(), subject_type: Some(ty.into()), rules: None, allow_out_of_effect: false };
    let one = batch::batch(BatchInput { csv: Some(text.into()), ..input() });
    let chunked = (|| {
        let mut b = ChunkedBatch::new(input())?;
        let (mut rows, mut result_csv) = (Vec::new(), String::new());
        let mut rng = Rng::new(seed ^ 0x5eed);
        let mut pieces = vec![];
        let mut i = 0;
        while i < text.len() {
            let mut j = (i + 1 + rng.below(48)).min(text.len());
            while !text.is_char_boundary(j) {
                j += 1;
            }
            pieces.push(&text[i..j]);
            i = j;
        }
        // The page's two passes: duplicates first, then the same pieces evaluated.
        for p in &pieces {
            b.scan(p)?;
        }
        b.end_scan()?;
        for p in &pieces {
            let out = b.push(p)?;
            rows.extend(out.rows);
            result_csv.push_str(&out.result_csv);
        }
        let last = b.finish()?;
        rows.extend(last.rows);
        result_csv.push_str(&last.result_csv);
        Ok::<_, yibao_credit::Error>((last.summary, rows, result_csv))
    })();
    match (one, chunked) {
        (Ok(o), Ok((summary, rows, result_csv))) => {
            assert_eq!(summary_json(&o.summary), summary_json(&summary), "ChunkedBatch and one call disagree on the summary");
            assert_eq!(summary_json(&o.rows), summary_json(&rows), "ChunkedBatch and one call disagree on the rows");
            assert!(o.result_csv == result_csv, "ChunkedBatch and one call disagree on the result CSV");
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.code, b.code, "ChunkedBatch and one call fail differently");
            check_error("batch", &a, text);
        }
        (a, b) => panic!("one call {:?} vs ChunkedBatch {:?}", a.as_ref().map(|_| ()), b.as_ref().map(|_| ())),
    }
});
