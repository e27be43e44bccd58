//! Excel workbooks read for the batch (issue 14.3): any bytes given to `excel::sheet_names` and
//! `excel::sheet_csv` (calamine) answer a sheet list and a CSV text or a bilingual error, never a
//! panic; the CSV text of a sheet is a batch input the batch reads as any CSV (same checks); the
//! result CSV of that batch makes a workbook that reads back with the same number of rows.
#![no_main]
use fuzz_support::check_error;
use yibao_credit::batch::{run_text, Options};
use yibao_credit::excel::{result_xlsx, sheet_csv, sheet_names, XlsxMeta};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // A zip file's signature first, so that libFuzzer spends its time inside the workbook reader.
    let bytes = if data.starts_with(b"PK\x03\x04") {
        data.to_vec()
    } else {
        [&b"PK\x03\x04"[..], data].concat()
    };
    let shown = String::from_utf8_lossy(data);
    match sheet_names(&bytes) {
        Ok(names) => {
            for name in names.iter().take(3) {
                match sheet_csv(&bytes, Some(name)) {
                    Ok(csv) => {
                        let rules = yibao_credit::rules::builtin::for_subject_type("retail-pharmacy").expect("shipped");
                        let as_of = yibao_credit::dates::parse_date("2026-11-23", "asOf").unwrap();
                        let opts = Options { as_of, default_type: Some("retail-pharmacy".into()), allow_out_of_effect: false, max_rows: 10_000 };
                        match run_text(rules, opts, &csv) {
                            Ok(out) => {
                                let meta: XlsxMeta = serde_json::from_value(serde_json::to_value(&out.summary).unwrap()).unwrap();
                                let x = result_xlsx(&out.result_csv, &meta).expect("a result workbook is always written");
                                let back = sheet_csv(&x, None).expect("a result workbook reads back");
                                assert!(back.matches("\r\n").count() > out.rows.len(), "result workbook lost rows");
                            }
                            Err(e) => check_error("batch of a sheet", &e, &csv),
                        }
                    }
                    Err(e) => check_error("sheet_csv", &e, &shown),
                }
            }
        }
        Err(e) => check_error("sheet_names", &e, &shown),
    }
});
