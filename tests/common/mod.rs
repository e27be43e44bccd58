//! Helpers shared by the batch tests (`tests/batch.rs`, `tests/batch_excel.rs`): the options of a
//! run, the shipped pharmacy rule set and its template's header, valid 统一社会信用代码.
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第十八至二十条；GB 32100-2015.
#![allow(dead_code)]

use yibao_credit::batch::{template, Options, MAX_ROWS_TEXT};
use yibao_credit::ident::uscc_check_char;
use yibao_credit::rules::{builtin, CompiledRules};

/// The options of a batch run on `as_of` (YYYY-MM-DD): no default type, rule sets in force only.
pub fn opts(as_of: &str) -> Options {
    Options {
        as_of: chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap(),
        default_type: None,
        allow_out_of_effect: false,
        max_rows: MAX_ROWS_TEXT,
    }
}

/// The shipped rule set of 定点零售药店.
pub fn pharmacy() -> &'static CompiledRules {
    builtin::for_subject_type("retail-pharmacy").unwrap()
}

/// A valid 统一社会信用代码 from its first 17 characters (GB 32100-2015 check character added).
pub fn uscc(first17: &str) -> String {
    format!("{first17}{}", uscc_check_char(first17).unwrap())
}

/// Header of the shipped pharmacy template (its first line), without the BOM and line end.
pub fn header() -> String {
    template(pharmacy()).trim_start_matches('\u{feff}').split("\r\n").next().unwrap().to_string()
}
